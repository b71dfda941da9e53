"""A story's summary and timeline tied to the article spans they come from.

The stories stage stores them with their citations inline: the summary as ``sentence [id, id]
sentence [id]``, the timeline as lines ``YYYY-MM-DD: sentence [id, id]``. ``parse`` splits
such text at brackets that hold only ids of the story's articles, and ``locate`` finds each
sentence in the cited articles' texts to give its exact span. A summary stored without
citations (older records) is cut into sentences, each cited where found verbatim."""
from __future__ import annotations

import re

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2}):\s*(.*)$", re.DOTALL)
_MIN_CHARS = 20


def parse(text: str | None, known: set[str]) -> list[tuple[str, list[str]]]:
    """``[(sentence, [article_id, ...])]``: ``text`` cut after each bracket of known ids."""
    out, start = [], 0
    for match in _BRACKETS.finditer(text or ""):
        ids = [part.strip() for part in match.group(1).split(",")]
        if ids and all(i in known for i in ids):
            sentence = text[start:match.start()].strip()
            if sentence:
                out.append((sentence, ids))
            start = match.end()
    rest = (text or "")[start:].strip()
    if rest:
        out.append((rest, []))
    return out


def locate(sentence: str, ids: list[str], texts: dict[str, str]) -> list[dict]:
    """``[{"article_id", "start", "end"}]``: the span of ``sentence`` in each article that
    holds it verbatim (``ids`` first, then the others in ``texts``); ``start``/``end`` are
    None for a cited article that does not."""
    needle = sentence.rstrip("…").rstrip()
    found = []
    for article_id in [*ids, *(a for a in texts if a not in ids)]:
        start = texts.get(article_id, "").find(needle) if len(needle) >= _MIN_CHARS else -1
        if start >= 0:
            found.append({"article_id": article_id, "start": start, "end": start + len(needle)})
        elif article_id in ids:
            found.append({"article_id": article_id, "start": None, "end": None})
    return found


def summary(stored: str | None, texts: dict[str, str]) -> list[dict]:
    """``[{"text": sentence, "cites": [{"article_id", "start", "end"}]}]``."""
    parts = parse(stored, set(texts))
    if not any(ids for _, ids in parts):  # no inline citations: find each sentence
        parts = [(s.strip(), []) for s in _SENTENCE_END.split(stored or "") if s.strip()]
    return [{"text": sentence, "cites": locate(sentence, ids, texts if not ids else
                                               {i: texts[i] for i in ids})}
            for sentence, ids in parts]


def timeline(lines: list[str] | None, texts: dict[str, str]) -> list[dict]:
    """``[{"date", "sentences": [{"text", "article_id", "start", "end", "citations"}]}]``
    from stored timeline lines, consecutive lines of one date together."""
    dated: list[dict] = []
    for line in lines or []:
        match = _DATED.match(line)
        if not match:
            continue
        for sentence, ids in parse(match.group(2), set(texts)):
            spans = [c for c in locate(sentence, ids, {i: texts[i] for i in ids})
                     if c["start"] is not None]
            first = spans[0] if spans else {"article_id": (ids or [None])[0], "start": None,
                                            "end": None}
            entry = {"text": sentence, **first, "citations": ids}
            if dated and dated[-1]["date"] == match.group(1):
                dated[-1]["sentences"].append(entry)
            else:
                dated.append({"date": match.group(1), "sentences": [entry]})
    return dated
