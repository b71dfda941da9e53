"""Titles, dated timelines and extractive summaries of a set of articles (a story, an actor's
articles, a query's articles). Pure functions of the articles and events they are given; every
sentence they return is a span of an article, with the ids of the articles it occurs in.

- **Timeline**: dates ranked by how strongly the sources support them — articles whose
  sentences name the day ("on March 3", "yesterday", "last Friday", resolved against the
  publication date), events dated to the day from the text, and, more weakly, articles
  published that day or the next; for each date the 1–3 sentences closest to the centroid of
  what was said about that day, without repeats.
- **Summary**: the most central sentences of the whole set (TF-IDF cosine to the centroid, a
  small bonus for leads), none too close to one already chosen, shown in date order.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dragoman.stories.sentences import Sentence, mentioned_dates, split_sentences


@dataclass(frozen=True)
class Doc:
    """What the summaries need of an article."""

    article_id: str
    text: str
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Cited:
    """A sentence as shown: its text, the article it was taken from (with its span) and every
    article it occurs in (``citations``)."""

    text: str
    article_id: str
    start: int
    end: int
    citations: tuple[str, ...]
    date: dt.date | None = None


@dataclass(frozen=True)
class TimelineDate:
    date: dt.date
    support: float                  # how strongly the sources support the date
    articles: int                   # articles that name or report it
    sentences: tuple[Cited, ...]


_NON_WORD = re.compile(r"\W+")


@lru_cache(maxsize=2 ** 16)
def _norm(text: str) -> str:
    """The sentence's words, lower case: what two copies of a sentence share (asked several
    times of each sentence while a story is told)."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def _sentences(docs: list[Doc]) -> list[Sentence]:
    return [s for d in docs for s in split_sentences(d.article_id, d.text, d.published)]


def _occurrences(sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
    """Normalised sentence text → every article it occurs in (wire copy is cited in full)."""
    found: dict[str, list[str]] = defaultdict(list)
    for s in sentences:
        key = _norm(s.text)
        if s.article_id not in found[key]:
            found[key].append(s.article_id)
    return {k: tuple(v) for k, v in found.items()}


def _cite(s: Sentence, occurs: dict[str, tuple[str, ...]], date: dt.date | None) -> Cited:
    return Cited(s.text, s.article_id, s.start, s.end, occurs.get(_norm(s.text), (s.article_id,)),
                 date)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _vectorise(texts: list[str]):
    """TF-IDF rows (sublinear tf, smoothed idf, unit length) of a few texts; None when they
    hold nothing but stop words. Written out because sklearn's per-call checks cost more than
    the arithmetic on a few dozen sentences."""
    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, text in enumerate(texts):
        counts: dict[int, int] = defaultdict(int)
        for token in _TOKEN.findall(text.lower()):
            if token not in ENGLISH_STOP_WORDS:
                counts[vocabulary.setdefault(token, len(vocabulary))] += 1
        rows += [row] * len(counts)
        columns += list(counts)
        values += counts.values()
    if not vocabulary:
        return None
    values = 1.0 + np.log(np.array(values, dtype=np.float64))
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    matrix = matrix @ sparse.diags(np.log((1 + len(texts)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


class _Vectors:
    """TF-IDF rows of a set of sentences, fitted once (a timeline selects among a few
    sentences per date; a summary among all of them)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.matrix = _vectorise([s.text for s in sentences])
        self.row = {id(s): i for i, s in enumerate(sentences)}

    def of(self, sentences: list[Sentence]):
        if self.matrix is None:
            return None
        return self.matrix[[self.row[id(s)] for s in sentences]]


class SentencePool:
    """The sentences of a set of articles, the articles each occurs in, and their TF-IDF rows:
    made once where a timeline and a summary are told from the same articles (the stories
    stage), instead of once by each."""

    def __init__(self, docs: list[Doc]) -> None:
        self.sentences = _sentences(docs)
        self.occurs = _occurrences(self.sentences)
        self.vectors = _Vectors(self.sentences)


def _select(candidates: list[Sentence], k: int, bonus: np.ndarray | None = None,
            redundancy: float = 0.5, keywords: tuple[str, ...] = (),
            vectors: _Vectors | None = None) -> list[Sentence]:
    """The ``k`` candidates closest to their centroid, none with a cosine above
    ``redundancy`` to one already chosen (and none repeating a chosen text)."""
    if keywords:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in keywords) + r")\b", re.I)
        keep = [i for i, s in enumerate(candidates) if pattern.search(s.text)]
        candidates = [candidates[i] for i in keep]
        bonus = bonus[keep] if bonus is not None else None
    if not candidates:
        return []
    matrix = vectors.of(candidates) if vectors is not None else _vectorise([s.text for s in candidates])
    if matrix is None:
        return candidates[:k]
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    scores = matrix @ (centroid / norm)
    if bonus is not None:
        scores = scores + bonus
    chosen: list[int] = []
    seen: set[str] = set()
    for i in np.argsort(-scores, kind="stable"):
        key = _norm(candidates[i].text)
        if key in seen:
            continue
        if chosen and (matrix[chosen] @ matrix[i].T).max() > redundancy:
            continue
        chosen.append(int(i))
        seen.add(key)
        if len(chosen) == k:
            break
    return [candidates[i] for i in chosen]


# --- timeline -----------------------------------------------------------------------------

def date_support(docs: list[Doc], events: list[dict] = (), sentences: list[Sentence] | None = None
                 ) -> tuple[dict[dt.date, float], dict[dt.date, list[Sentence]], dict[dt.date, set]]:
    """Support of each day, the sentences that name it, and the articles behind it.

    An article naming a day counts 1 (once per article), an event dated to it from the text
    counts 1 per article, an article published on it counts 0.5 and one published the day
    after 0.25 (news reports yesterday)."""
    sentences = _sentences(docs) if sentences is None else sentences
    naming: dict[dt.date, list[Sentence]] = defaultdict(list)
    backers: dict[dt.date, set] = defaultdict(set)
    support: dict[dt.date, float] = defaultdict(float)
    for s in sentences:
        for day, _ in mentioned_dates(s.text, s.published):
            naming[day].append(s)
            if s.article_id not in backers[day]:
                backers[day].add(s.article_id)
                support[day] += 1.0
    for event in events:
        day = _as_date(event.get("date"))
        if day and event.get("date_precision") == "day" and event.get("date_source") != "published":
            if event["article_id"] not in backers[day]:
                backers[day].add(event["article_id"])
                support[day] += 1.0
    for d in docs:
        if d.published:
            support[d.published] += 0.5
            support[d.published - dt.timedelta(days=1)] += 0.25
    return dict(support), dict(naming), dict(backers)


def timeline(docs: list[Doc], events: list[dict] = (), dates: int = 10, per_date: int = 2,
             keywords: tuple[str, ...] = (), since: dt.date | None = None,
             until: dt.date | None = None, pool: SentencePool | None = None
             ) -> list[TimelineDate]:
    """The ``dates`` best-supported days (within ``since``/``until``), each with up to
    ``per_date`` sentences (1–3 recommended), in date order. ``pool``: the ``SentencePool``
    of ``docs``, where the caller has it already."""
    pool = pool or SentencePool(docs)
    sentences, occurs, vectors = pool.sentences, pool.occurs, pool.vectors
    support, naming, backers = date_support(docs, events, sentences)
    published_on: dict[dt.date, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if s.published and s.position < 3 and not mentioned_dates(s.text, s.published):
            published_on[s.published].append(s)
    keywords = tuple(k.lower() for k in keywords)
    ranked = sorted((d for d in support if (since is None or d >= since)
                     and (until is None or d <= until)), key=lambda d: (-support[d], d))
    out: list[TimelineDate] = []
    used: set[str] = set()
    for day in ranked:
        candidates = naming.get(day, []) + published_on.get(day, []) + \
            published_on.get(day + dt.timedelta(days=1), [])
        candidates = [s for s in candidates if _norm(s.text) not in used]
        picked = _select(candidates, per_date, keywords=keywords, vectors=vectors)
        used.update(_norm(s.text) for s in picked)
        if not picked:
            continue
        cited = tuple(_cite(s, occurs, day) for s in picked)
        articles = backers.get(day, set()) | {s.article_id for s in picked}
        out.append(TimelineDate(day, round(support[day], 2), len(articles), cited))
        if len(out) == dates:
            break
    return sorted(out, key=lambda t: t.date)


# --- summary and title ------------------------------------------------------------------------

def summary(docs: list[Doc], sentences: int = 5, max_words: int | None = None,
            redundancy: float = 0.5, pool: SentencePool | None = None) -> list[Cited]:
    """Up to ``sentences`` central, non-redundant sentences (or as many as fit in
    ``max_words``), in date order, each citing the articles it occurs in. ``pool``: the
    ``SentencePool`` of ``docs``, where the caller has it already."""
    if pool is None:
        candidates, vectors = _sentences(docs), None
        occurs = _occurrences(candidates) if candidates else {}
    else:
        candidates, occurs, vectors = pool.sentences, pool.occurs, pool.vectors
    if not candidates:
        return []
    lead = np.array([0.05 if s.position < 2 else 0.0 for s in candidates])
    budget = sentences if max_words is None else max(1, len(candidates))
    picked = _select(candidates, budget, bonus=lead, redundancy=redundancy, vectors=vectors)
    if max_words is not None:
        kept, words = [], 0
        for s in picked:
            if words and words + len(s.text.split()) > max_words:
                break
            kept.append(s)
            words += len(s.text.split())
        picked = kept
    dated = [(_sentence_date(s), s) for s in picked]
    dated.sort(key=lambda p: (p[0] or dt.date.max, p[1].article_id, p[1].start))
    return [_cite(s, occurs, day) for day, s in dated]


def _sentence_date(s: Sentence) -> dt.date | None:
    named = mentioned_dates(s.text, s.published)
    return named[0][0] if named else s.published


def title(docs: list[Doc], max_chars: int = 120) -> str | None:
    """The member title closest to what the articles say together (their TF-IDF centroid),
    or the most central first sentence when no article has a title."""
    titled = [d for d in docs if d.title]
    texts = [d.title for d in titled] if titled else [
        (split_sentences(d.article_id, d.text, min_words=3)[:1] or [None])[0] for d in docs]
    texts = [t.text if isinstance(t, Sentence) else t for t in texts if t]
    if not texts:
        return None
    if len(texts) == 1:
        return _clip(texts[0], max_chars)
    matrix = _vectorise([d.text[:2000] for d in docs] + texts)
    if matrix is None:
        return _clip(texts[0], max_chars)
    centroid = np.asarray(matrix[:len(docs)].mean(axis=0)).ravel()
    best = int(np.argmax(matrix[len(docs):] @ centroid))
    return _clip(texts[best], max_chars)


def _clip(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
