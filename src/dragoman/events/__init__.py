"""Events: who did what to whom, when and where, coded in PLOVER with a CAMEO crosswalk
(docs/events.md).

The flow for one parsed article (:func:`extract_events`, :mod:`~dragoman.events.extract`):

1. **Detect.** Every clause verb with a lexicon entry (:mod:`~dragoman.events.lexicon`), a few
   built-in patterns (a demand with "must", a transfer of things), open verbs between two named
   actors, and event nouns (:mod:`~dragoman.events.nominal`) give a
   :class:`~dragoman.events.found.Found`: trigger, lexicon entry, sentence, source and target
   tokens.
2. **Type** — decided in one place, :mod:`dragoman.events.typing`: the lexicon proposes, the
   PLV-trained classifier (:mod:`~dragoman.events.types`, :mod:`~dragoman.events.types_tuned`,
   features from :mod:`~dragoman.events.trigger`) weighs in, context rules
   (:mod:`~dragoman.events.recode`) recode promises, obstruction, verbal attacks and threats.
3. **Parties** (:mod:`~dragoman.events.parties`): source and target phrases resolved to
   actors, countries and sectors; compound parties give one event per pair.
4. **Context** (:mod:`~dragoman.events.context`, :mod:`~dragoman.events.dates`): date, place
   and the negated / hypothetical / historical flags.

Interoperable layouts (GDELT-like, POLECAT-like) are :mod:`~dragoman.events.interop`; fitting
the classifier is :mod:`~dragoman.events.types_fit`. Events build on :mod:`dragoman.text`,
:mod:`dragoman.actors` and the cue lexicon of :mod:`dragoman.statements`.
"""
from dragoman.events.extract import EventTools, extract_events, make_tools
from dragoman.events.found import Found
from dragoman.events.interop import GDELT_COLUMNS, gdelt_rows, polecat_records
from dragoman.events.types import EventTyper, Marked
from dragoman.events.typing import Typed, final_type, first_types

__all__ = ["EventTools", "EventTyper", "Found", "GDELT_COLUMNS", "Marked", "Typed",
           "extract_events", "final_type", "first_types", "gdelt_rows", "make_tools",
           "polecat_records"]
