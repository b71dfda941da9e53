"""The news-gold matcher (bench/gold/score.py) on hand-made records: no pipeline, no gold
files."""
from __future__ import annotations

import pytest

from bench.gold.score import (Extracted, GoldDoc, Scored, detail, evidence_span, judge,
                              party_matches, pr_at, recall_at_precision, reliability)
from dragoman.model import Actor, Article, Event

TEXT = ("The regime's delegation left the talks in Geneva on Friday. "
        "Lavrov met Kerry in Geneva. Protesters marched in Homs.")
ARTICLE = Article(article_id="a1", origin="g1", text=TEXT, content_hash="h", source_hash="h")
ACTORS = {"lavrov": Actor("lavrov", "Sergei Lavrov", "person", "RUS", "GOV",
                          aliases=("Lavrov", "Sergey Lavrov")),
          "kerry": Actor("kerry", "John Kerry", "person", "USA", "GOV")}
ENTITIES = {
    "syr_gov": {"id": "syr_gov", "name": "Syrian government", "type": "GOV", "country": "SYR",
                "sector": "GOV", "aliases": ["the regime"]},
    "lavrov": {"id": "lavrov", "name": "Sergei Lavrov", "type": "PERSON", "country": "RUS",
               "sector": "GOV", "aliases": ["Lavrov"]},
    "kerry": {"id": "kerry", "name": "John Kerry", "type": "PERSON", "country": "USA",
              "sector": "GOV", "aliases": ["Kerry"]},
    "un": {"id": "un", "name": "United Nations", "type": "IGO", "country": "IGO",
           "sector": "IGO", "aliases": ["the UN"]},
    "protesters": {"id": "protesters", "name": "protesters in Homs", "type": "GROUP",
                   "country": "SYR", "sector": "CVL", "aliases": ["Protesters"]},
}


def sentence(n: int) -> tuple[str, int, int]:
    starts = [0, TEXT.index("Lavrov"), TEXT.index("Protesters")]
    ends = [TEXT.index("Lavrov") - 1, TEXT.index("Protesters") - 1, len(TEXT)]
    return TEXT[starts[n]:ends[n]], starts[n], ends[n]


def event(eid: str, kind: str, n: int, confidence: float | None = None, **parties) -> Event:
    text, start, end = sentence(n)
    return Event(eid, "a1", kind, text, start, end, confidence=confidence, **parties)


def gold(kind: str, source: str, target: str | None, evidence: str, optional: bool = False,
         alt_type: str | None = None) -> dict:
    return {"type": kind, "source": source, "target": target, "evidence": evidence,
            "optional": optional, "alt_type": alt_type}


def test_evidence_is_found_whatever_the_quotes_and_spaces():
    start, end = evidence_span(TEXT, "Lavrov  met “Kerry”")
    assert TEXT[start:end] == "Lavrov met Kerry"
    assert evidence_span(TEXT, "not in the text") is None


def test_a_party_matches_by_name_alias_or_the_country_of_a_collective():
    walkout = event("e", "RETREAT", 0, source="The regime's delegation", source_country="SYR",
                    source_sector="GOV")
    assert party_matches(walkout, "source", ENTITIES["syr_gov"], ACTORS)  # country + sector
    assert not party_matches(replace_sector(walkout, "REB"), "source", ENTITIES["syr_gov"], ACTORS)
    met = event("e", "CONSULT", 1, source="Sergey Lavrov", source_actor_id="lavrov",
                source_country="RUS", target="Kerry", target_actor_id="kerry")
    assert party_matches(met, "source", ENTITIES["lavrov"], ACTORS)  # via the actor's alias
    assert party_matches(met, "target", ENTITIES["kerry"], ACTORS)
    assert not party_matches(met, "source", ENTITIES["kerry"], ACTORS)  # a person: names only
    assert not party_matches(met, "target", None, ACTORS)  # null gold target: empty only
    assert party_matches(event("e", "PROTEST", 2, source="Protesters"), "target", None, ACTORS)
    igo = event("e", "AID", 1, source="the agency", source_country="IGO", source_sector="IGO")
    assert not party_matches(igo, "source", ENTITIES["un"], ACTORS)  # "IGO" is no country


def replace_sector(e: Event, sector: str) -> Event:
    return Event(**{**{f: getattr(e, f) for f in e.__dataclass_fields__},
                    "source_sector": sector})


def scored_doc():
    doc = GoldDoc("g1", "dev", ENTITIES, [
        gold("CONSULT", "lavrov", "kerry", "Lavrov met Kerry in Geneva"),
        gold("RETREAT", "syr_gov", None, "delegation left the talks", alt_type="REJECT"),
        gold("PROTEST", "protesters", None, "Protesters marched in Homs", optional=True),
        gold("ASSAULT", "syr_gov", "protesters", "Protesters marched"),
    ])
    events = [
        event("right", "CONSULT", 1, 0.9, source="Lavrov", source_actor_id="lavrov",
              target="Kerry", target_actor_id="kerry"),
        event("wrong_target", "CONSULT", 1, 0.6, source="Lavrov", source_actor_id="lavrov",
              target="Geneva"),
        event("alt_type", "REJECT", 0, 0.4, source="The regime's delegation",
              source_country="SYR", source_sector="GOV", target="the talks"),
        event("optional_only", "PROTEST", 2, 0.3, source="Protesters"),
        event("wrong_type", "AID", 1, 0.2, source="Lavrov", source_actor_id="lavrov",
              target="Kerry", target_actor_id="kerry"),
    ]
    return doc, Extracted(ARTICLE, events, ACTORS)


def test_events_are_judged_per_level_and_optional_gold_counts_neither_way():
    doc, extracted = scored_doc()
    judged, required = judge(doc, extracted)
    status = {j.event.event_id: j.status for j in judged}
    assert status["right"] == {"full": "hit", "sentence": "hit", "source": "hit"}
    assert status["wrong_target"] == {"full": "miss", "sentence": "hit", "source": "hit"}
    assert status["alt_type"] == {"full": "miss", "sentence": "hit", "source": "hit"}
    assert status["optional_only"] == dict.fromkeys(("full", "sentence", "source"), "optional")
    assert status["wrong_type"] == dict.fromkeys(("full", "sentence", "source"), "miss")
    assert len(required) == 3  # the optional gold event is never missed
    assert required[0] == {"full": 0.9, "sentence": 0.9, "source": 0.9}
    assert required[2] == dict.fromkeys(("full", "sentence", "source"))  # ASSAULT: not found


def test_precision_and_recall_at_thresholds_and_reliability():
    doc, extracted = scored_doc()
    judged, required = judge(doc, extracted)
    scored = Scored(1, judged, required)
    assert pr_at(scored, "full", 0.0) == (pytest.approx(1 / 4), pytest.approx(1 / 3), 4)
    assert pr_at(scored, "sentence", 0.0) == (pytest.approx(3 / 4), pytest.approx(2 / 3), 4)
    assert pr_at(scored, "full", 0.8) == (1.0, pytest.approx(1 / 3), 1)
    assert recall_at_precision(scored, "full", 0.8) == (pytest.approx(1 / 3), 0.9)
    bins = {round(low, 1): (n, precision) for low, _, n, _, precision in reliability(judged)}
    assert bins[0.9] == (1, 1.0) and bins[0.6] == (1, 0.0)
    assert 0.3 not in bins  # the optional-only event is in no bin


def test_detail_never_prints_a_held_out_item():
    doc, extracted = scored_doc()
    judged, required = judge(doc, extracted)
    scored = Scored(1, judged, required)
    assert "g1" in detail([doc], scored)
    held = GoldDoc("g2", "heldout", {}, [])
    with pytest.raises(SystemExit):
        detail([doc, held], scored)


def test_a_gold_name_inside_the_mention_matches_but_a_pronoun_does_not():
    from bench.gold.score import names_in_mention
    from dragoman.model import Event

    event = Event("e", "a", "ASSAULT", "x", 0, 1, source="the Syrian regime",
                  target="at least 19 civilians")
    civilians = {"name": "civilians", "aliases": ["civilians"]}
    regime = {"name": "Syrian government", "aliases": ["the regime"]}
    assert names_in_mention(event, "target", civilians)
    assert names_in_mention(event, "source", regime)
    assert not names_in_mention(event, "source", {"name": "Syria", "aliases": ["Syria"]})
    assert not names_in_mention(Event("e", "a", "ACCUSE", "x", 0, 1, source="he said it"),
                                "source", {"name": "Lavrov", "aliases": ["he"]})
