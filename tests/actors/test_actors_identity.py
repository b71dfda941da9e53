"""Cross-document merge evidence (actors/identity.py) on hand-made actors: what a surname
alone may join, and possessives whose apostrophe was dropped."""
from __future__ import annotations

from dragoman.model import Actor
from dragoman.actors.mentions import actor_id
from dragoman.actors import find_merges


def _actor(name, kind="person", country=None, role=None, mentions=1):
    return Actor(actor_id(kind, name), name, kind, country, None, (name,), mentions, role)


def _merged(actors):
    return {(m.alias, next(a.name for a in actors if a.actor_id == m.actor_id))
            for m in find_merges(actors)}


def test_a_surname_needs_a_person_known_beyond_one_bare_mention():
    # "Khalaf Jassem", named once with nothing else, does not make every "Jassem" him
    assert not _merged([_actor("Jassem", mentions=4), _actor("Khalaf Jassem")])
    # a role, a country or a second mention is enough evidence that the name is a person's
    assert _merged([_actor("Jassem"), _actor("Khalaf Jassem", role="hotel owner")]) == \
        {("Jassem", "Khalaf Jassem")}
    assert _merged([_actor("Jassem"), _actor("Khalaf Jassem", mentions=2)]) == \
        {("Jassem", "Khalaf Jassem")}


def test_run_together_place_lists_and_headlines_are_not_people():
    assert not _merged([_actor("Sakhour", "organisation"),
                        _actor("al-Shaar al-Sukkari al-Sakhour", mentions=3)])
    assert not _merged([_actor("YouTube", "organisation", mentions=10),
                        _actor("Syrias Aleppo - YouTube", mentions=2)])
    assert not _merged([_actor("Russias", "organisation"),
                        _actor("861 Related Russias", mentions=2)])


def test_a_name_the_model_calls_a_place_is_no_surname():
    assert not _merged([_actor("Bustan", "location", mentions=5),
                        _actor("Haider Ansar Bustan", role="resident")])


def test_a_real_name_of_that_shape_still_blocks_a_wrong_unique_owner():
    # two people named "... Hariri", one of them barely known: still two, nothing merged
    actors = [_actor("Hariri"), _actor("Nasr al-Hariri", "person", "SYR", "negotiator"),
              _actor("Saad Hariri")]
    assert not {m for m in _merged(actors) if m[0] == "Hariri"}


def test_possessive_without_apostrophe_joins_the_plain_name():
    actors = [_actor("Saddam Husseins", mentions=2), _actor("Saddam Hussein", mentions=5),
              _actor("Syrian Coalitions", "organisation"),
              _actor("Syrian Coalition", "organisation", mentions=3)]
    assert _merged(actors) == {("Saddam Husseins", "Saddam Hussein"),
                               ("Syrian Coalitions", "Syrian Coalition")}
    # one word is a name of its own; the commoner form is the name, not a possessive
    assert not _merged([_actor("Williams"), _actor("William")])
    assert not _merged([_actor("United Nations", "organisation", mentions=40),
                        _actor("United Nation", "organisation")])


def test_places_and_organisations_apart_from_particles_or_spelling():
    actors = [_actor("al-Qamishli", "location"), _actor("Qamishli", "location", mentions=5),
              _actor("International Organisation for Migration", "organisation", mentions=4),
              _actor("International Organization for Migration", "organisation", mentions=8)]
    assert _merged(actors) == {("al-Qamishli", "Qamishli"),
                               ("International Organisation for Migration",
                                "International Organization for Migration")}
    # the same spelling in two countries: two places
    assert not _merged([_actor("al-Midan", "location", country="SYR"),
                        _actor("Midan", "location", country="EGY")])


def test_a_surname_with_a_leading_particle_or_a_dropped_apostrophe():
    governor = _actor("Talal al-Barazi", country="SYR", role="governor")
    assert _merged([_actor("al-Barazi"), governor]) == {("al-Barazi", "Talal al-Barazi")}
    hollande = _actor("Francois Hollande", country="FRA", role="president")
    assert _merged([_actor("Hollandes"), hollande]) == {("Hollandes", "Francois Hollande")}
    assert not _merged([_actor("hazard", "organisation"), _actor("Thorgan Hazard", mentions=3)])


def test_a_courtesy_title_before_a_surname_alone_still_joins_the_full_name():
    assert _merged([_actor("Mr Bradley", mentions=3), _actor("Eamon Bradley", mentions=2)]) \
        == {("Mr Bradley", "Eamon Bradley")}


def test_the_end_of_a_compound_given_name_or_a_fragment_is_no_surname():
    # "Abdul Wahab" is a given name: "al-Wahab" alone (a district) is not him
    assert not _merged([_actor("al-Wahab", mentions=2),
                        _actor("Abdul Wahab", role="media activist", mentions=3)])
    # "Without Borders" is a fragment of an organisation's name, not a person's
    assert not _merged([_actor("Borders", "organisation", mentions=2),
                        _actor("Without Borders", mentions=3)])
