"""Actor gazetteer, in-article resolution and cross-document identity (hand-made inputs)."""
from __future__ import annotations

from collections import Counter

import pytest

from dragoman.model import Actor, Mention, Statement
from dragoman.actors.mentions import load_gazetteer, loose_key, name_key
from dragoman.pipeline import Batch
from dragoman.actors import ResolveActorsStage, apply_merges, find_merges
from dragoman.actors.identity import variant_evidence


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_gazetteer_is_versioned_and_maps_names_demonyms_capitals(gazetteer):
    assert gazetteer.version != "unversioned"
    for alias, code in [("Russians", "RUS"), ("Moscow", "RUS"), ("Damascus", "SYR"),
                        ("U.S.", "USA"), ("Syrian", "SYR"), ("Ivory Coast", "CIV")]:
        assert gazetteer.lookup(alias).country == code, alias
    assert gazetteer.lookup("UN").name == "United Nations"
    assert (gazetteer.lookup("UN").country, gazetteer.lookup("UN").sector) == ("IGO", "IGO")
    assert gazetteer.lookup("Aleppo").type == "location"
    assert gazetteer.lookup("State") is None  # generic words never name a country


def test_agent_nouns_give_sectors(gazetteer):
    assert gazetteer.agent_sector(["foreign", "minister"]) == "GOV"
    assert gazetteer.agent_sector(["the", "rebels"]) == "REB"
    assert gazetteer.agent_sector(["regime"]) == "GOV"
    assert gazetteer.agent_sector(["spokesman"]) is None  # the affiliation decides
    assert {"GOV", "MIL", "REB", "OPP", "IGO"} <= set(gazetteer.sectors)


def test_keys_ignore_apostrophes_and_particles():
    assert name_key("Ja'afari") == name_key("Ja’afari") == name_key("Jaafari")
    assert loose_key("Bashar al-Assad") == loose_key("Bashar Assad") == "bashar assad"


def _person(name, country=None, role=None, mentions=1, sector=None):
    from dragoman.actors.mentions import actor_id

    return Actor(actor_id("person", name), name, "person", country, sector, (name,), mentions,
                 role)


def test_spelling_variants_merge_only_with_evidence():
    georgini = _person("Alexandre Georgini", "FRA", "Foreign Ministry deputy spokesman")
    giorgini = _person("Alexandre Giorgini", None, "deputy foreign ministry spokesman", 3)
    assert "spokesman" in variant_evidence(georgini, giorgini)
    (merge,) = find_merges([georgini, giorgini])
    assert (merge.alias, merge.actor_id) == ("Alexandre Giorgini", georgini.actor_id)
    # similar names, nothing else in common: kept apart
    assert variant_evidence(_person("Alexandre Georgini", "FRA", "spokesman"),
                            _person("Alexandre Giorgini", "ITA", "spokesman")) is None
    assert variant_evidence(_person("Ali Haddad"), _person("Ali Hadad")) is None


def test_surname_only_joins_the_one_full_name_but_not_two():
    jaafari = _person("Bashar al-Ja'afari", "SYR", "negotiator")
    (merge,) = find_merges([_person("Jaafari"), jaafari])
    assert merge.actor_id == jaafari.actor_id and "only person" in merge.evidence
    two = [_person("Hariri"), _person("Nasr al-Hariri", None, "opposition head"),
           _person("Saad Hariri", "LBN", "prime minister")]
    assert not [m for m in find_merges(two) if m.alias == "Hariri"]


def test_same_name_with_two_types_is_one_actor():
    from dragoman.actors.mentions import actor_id

    org = Actor(actor_id("organisation", "Lena Vos"), "Lena Vos", "organisation", mentions=1)
    person = _person("Lena Vos", mentions=4)
    (merge,) = find_merges([org, person])
    assert merge.actor_id == person.actor_id and "labelled person (4)" in merge.evidence


def test_resolve_stage_rewrites_mentions_statements_and_records_evidence():
    full, short = _person("Nasr al-Hariri", "SYR", "head of delegation", 2), _person("Hariri")
    batch = Batch(
        actors=(full, short),
        mentions=(Mention("a1", 0, 6, "Hariri", "PERSON", short.actor_id),),
        statements=(Statement("s1", "a1", "direct", "x", 0, 1, "x", speaker="Hariri",
                              speaker_actor_id=short.actor_id),))
    out = ResolveActorsStage().run(batch)
    (actor,) = out.actors
    assert actor.actor_id == full.actor_id and actor.mentions == 3
    assert out.mentions[0].actor_id == full.actor_id
    assert out.statements[0].speaker == "Nasr al-Hariri"
    assert actor.merged and actor.merged[0].startswith(short.actor_id)


def test_apply_merges_without_merges_is_the_same_batch():
    batch = Batch(actors=(_person("Ana Lind"),))
    assert apply_merges(batch, []) is batch


def test_merge_benchmark_scores_labelled_pairs_and_skips_na():
    from bench.actor_merges import PAIRS, Resolved, read_labels, score, split_of

    a, b, c = _person("Talal Barrazi"), _person("Talal al-Barazi"), _person("Ashton Carter")
    d = _person("Jimmy Carter")
    resolved = Resolved({x.actor_id: x for x in (a, b, c, d)}, {a.actor_id: b.actor_id}, {}, {}, {})
    row = lambda x, y, label: {"name_a": x.name, "id_a": x.actor_id, "name_b": y.name,  # noqa: E731
                               "id_b": y.actor_id, "split": split_of(x.actor_id, y.actor_id),
                               "sampled_as": "merge", "label": label, "evidence": "e"}
    result = score([row(a, b, "same"), row(c, d, "same"), row(a, c, "n/a")], resolved)
    assert {k: result["counts"]["all"][k] for k in ("pairs", "tp", "fn", "fp", "na")} == \
        {"pairs": 2, "tp": 1, "fn": 1, "fp": 0, "na": 1}
    labels = read_labels(PAIRS)
    assert len(labels) >= 100 and {r["label"] for r in labels} <= {"same", "different", "n/a"}
    assert all(r["split"] == split_of(r["id_a"], r["id_b"]) for r in labels)


def test_people_rows_full_names_and_only_safe_surnames(gazetteer):
    assert gazetteer.version == "2024.5"
    putin = gazetteer.lookup_person("Vladimir Putin", "PERSON")
    assert (putin.type, putin.country, putin.sector) == ("person", "RUS", "GOV")
    assert gazetteer.lookup_person("Putin", "PERSON").name == "Vladimir Putin"
    assert gazetteer.lookup_person("Putin", "ORG") is None  # a surname alone: PERSON only
    assert gazetteer.lookup_person("Vladimir Putin", "GPE") is None  # places named after people
    for surname in ("Hariri", "Jafari", "Jaafari", "Assad", "Smith", "Edwards"):
        assert gazetteer.lookup_person(surname, "PERSON") is None, surname
    # Ibrahim al-Jaafari (IRQ) and Bashar al-Ja'afari (SYR) keep their own countries
    assert gazetteer.lookup_person("Ibrahim al-Jafari", "PERSON").country == "IRQ"
    assert gazetteer.lookup_person("Bashar al-Jafari", "PERSON").country == "SYR"
    assert gazetteer.lookup("Vladimir Putin") is None  # people are not country/org aliases


def test_build_reads_phoenix_names_and_dated_roles():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    build = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = build  # dataclasses look their module up
    try:
        spec.loader.exec_module(build)
    finally:
        sys.modules.pop("build_gazetteer", None)
    assert build.display_name("BASHAR_AL_ASSAD_") == "Bashar al-Assad"
    assert build.display_name("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert build.spelling_key("jaafari") == build.spelling_key("jafari")
    roles = [("SYRELI", "830101-000101"), ("SYRGOV", ">000717"), ("SYRELI", "")]
    person, _ = build._person("BASHAR_AL_ASSAD_", [], roles, {"SYR", "RUS"}, {"GOV", "ELI"})
    assert (person.country, person.sector) == ("SYR", "GOV")
    two, why = build._person("X_Y_", [], [("SYRGOV", ">000717"), ("RUSGOV", "")],
                             {"SYR", "RUS"}, {"GOV"})
    assert two is None and "several" in why
    # two common words are one person only where the dictionary's editors gave a title
    titled = build.Person("Hillary Clinton", ("Secretary Clinton",), "USA", "GOV", 20130201)
    plain = build.Person("Andrew Mitchell", (), "CAN", "GOV", 20060228)
    census = ({"hillary", "andrew"}, {"clinton", "mitchell"})
    stats = Counter()
    assert build._full_aliases(titled, set(), set(), census, stats) == ["Hillary Clinton"]
    assert build._full_aliases(plain, set(), set(), census, stats) == []
    assert stats["common first name + common surname, too many people (dropped)"] == 1
