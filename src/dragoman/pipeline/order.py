"""The one order check, for a pipeline's stages and for a document stage's steps alike."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dragoman.errors import PipelineError


@dataclass(frozen=True)
class Declared:
    """What the items of one list declare: ``noun`` names an item in messages ("stage"),
    ``protocol`` is what each must be, ``shape`` says so in words, ``record`` names the record
    whose ``fields`` they may require and produce."""

    noun: str
    protocol: type
    shape: str
    record: str
    fields: frozenset[str]


def check_order(items: Sequence[Any], given: frozenset[str], rules: Declared) -> None:
    """Raise ``PipelineError`` at the first item that is not a ``rules.protocol``, names an
    unknown field, or ``requires`` a field that neither ``given`` nor an earlier item
    ``produces``."""
    noun, available = rules.noun, set(given)
    for position, item in enumerate(items):
        if not isinstance(item, rules.protocol):
            raise PipelineError(f"{item!r} is not a {noun}", f"give it {rules.shape}")
        unknown = (item.requires | item.produces) - rules.fields
        if unknown:
            raise PipelineError(
                f"{noun} {item.name!r} names unknown {rules.record} fields {sorted(unknown)}",
                f"use names from: {', '.join(sorted(rules.fields))}")
        missing = item.requires - available
        if missing:
            raise PipelineError(
                f"{noun} {item.name!r} (position {position + 1}) needs {sorted(missing)}, "
                f"which no earlier {noun} produces",
                f"put a {noun} that produces it earlier in the list")
        available |= item.produces
