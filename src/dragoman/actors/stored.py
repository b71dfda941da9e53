"""What actor resolution reads of the stored record (rows from ``store.reads``): the stored
actors a new name may be merged into, and the user's merges."""
from __future__ import annotations

from dragoman.actors.identity import Merge
from dragoman.actors.mentions import loose_key
from dragoman.model import Actor
from dragoman.store import Store, reads


def resolution_candidates(store: Store, actors: list[Actor]) -> list[Actor]:
    """Stored people and unplaced names whose last word is the last word of a batch actor's
    name: the ones a new variant may be merged into."""
    lasts = sorted({loose_key(a.name).split()[-1] for a in actors if loose_key(a.name)})
    return reads.actors_with_last_word(store, lasts)


def user_merges(store: Store) -> list[Merge]:
    """The merges a user made (``dragoman actor merge``): they win over automatic ones."""
    return [Merge(*row) for row in reads.user_merge_rows(store)]
