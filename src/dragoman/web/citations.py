"""A story summary's sentences tied to the article spans they come from. Used when the story
record carries no citations of its own: each sentence found verbatim in one of the story's
articles cites that span; a sentence found nowhere is shown without a citation."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_MIN_CHARS = 20


def cite(summary: str | None, texts: dict[str, str]) -> list[dict]:
    """``[{"text": sentence, "cites": [{"article_id", "start", "end"}]}]`` for ``summary``,
    given ``texts`` (article_id → text) of the story's articles."""
    out = []
    for sentence in _SENTENCE_END.split(summary or ""):
        sentence = sentence.strip()
        if not sentence:
            continue
        needle = sentence.rstrip("…").rstrip()
        cites = []
        if len(needle) >= _MIN_CHARS:
            for article_id, text in texts.items():
                start = text.find(needle)
                if start >= 0:
                    cites.append({"article_id": article_id, "start": start,
                                  "end": start + len(needle)})
        out.append({"text": sentence, "cites": cites})
    return out
