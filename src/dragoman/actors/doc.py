"""The actors of one article, looked up by character span (made by
:func:`dragoman.actors.mentions.link_document`, read by statements and events)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from dragoman.model import Actor, Mention


@dataclass
class DocActors:
    """The actors of one article, looked up by character span."""

    mentions: list[Mention]
    actors: dict[str, Actor] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    def at(self, start: int, end: int) -> Actor | None:
        """The actor of the first mention overlapping ``[start, end)``."""
        i = max(0, bisect_right(self._starts, start) - 1)
        for mention in self.mentions[i:]:
            if mention.start >= end:
                break
            if mention.end > start and mention.actor_id:
                return self.actors.get(mention.actor_id)
        return None

    def last_person_before(self, offset: int, window: int = 600) -> Actor | None:
        """The most recent person named in the ``window`` characters before ``offset``."""
        i = bisect_right(self._starts, offset)
        for mention in reversed(self.mentions[:i]):
            if mention.end > offset:
                continue
            if mention.start < offset - window:
                break
            actor = self.actors.get(mention.actor_id or "")
            if actor is not None and actor.type == "person":
                return actor
        return None
