"""Near duplicates: MinHash signatures of word shingles, a MinHash-LSH index (datasketch), and
a check that the candidate's words line up with the article's.

An article is a near duplicate of the most similar stored (or earlier in the batch) original
that the LSH index returns at or above ``NearConfig.threshold`` (estimated Jaccard) and whose
text aligns with it word by word (``alignment_ratio`` ≥ ``NearConfig.verify``): the check
keeps two reports of one event in their own words apart. Only originals are indexed, so
``duplicate_of`` always points at the earliest copy of a group, the one that was annotated.
The index is made once per run from the stored signatures (``NearDuplicateIndex.from_store``)
and grows as batches add originals; old signatures are never recomputed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dragoman.dedupe.shingles import shingle_set, words
from dragoman.errors import PipelineError
from dragoman.model import Article, Reuse, Signature
from dragoman.pipeline import Batch

# (article_id, seq, minhash bytes) of every stored original, in the order they were stored
LoadSignatures = Callable[[], Iterable[tuple[str, int, bytes]]]
# article_ids → their stored texts (to verify a candidate)
TextsFor = Callable[[Iterable[str]], dict[str, str]]


@dataclass(frozen=True)
class NearConfig:
    """What makes two articles near duplicates; the defaults were chosen on a dev split
    (``python -m bench dedupe tune``, see docs/duplicates.md)."""

    shingle: int = 1  # words per shingle (1: the set of words; order is left to ``verify``)
    num_perm: int = 256  # MinHash permutations (signature: 4 bytes each)
    threshold: float = 0.35  # estimated Jaccard of the shingle sets: the LSH candidates
    verify: float = 0.65  # word-sequence alignment ratio a candidate must reach (0: no check)
    verify_reordered: float = 0.75  # or this ratio with the sentences in one canonical order
    seed: int = 1


class MinHasher:
    """Makes MinHash signatures with one fixed set of permutations (made once)."""

    def __init__(self, config: NearConfig) -> None:
        self.config = config
        self._empty = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=int)

    def signature(self, text: str) -> LeanMinHash:
        """The MinHash of the text's word shingles."""
        minhash = self._empty.copy()
        minhash.update_batch(shingle_set(text, self.config.shingle))
        return LeanMinHash(minhash)

    def from_bytes(self, data: bytes) -> LeanMinHash:
        """A stored signature back as a MinHash (its permutations are not needed to compare)."""
        values = np.frombuffer(data, dtype=np.uint32)
        if len(values) != self.config.num_perm:
            raise PipelineError(
                f"a stored signature has {len(values)} permutations, the near-duplicate "
                f"stage uses {self.config.num_perm}",
                "use the num_perm the database was built with, or re-ingest into a new --db")
        return LeanMinHash(seed=self.config.seed, hashvalues=values, scheme="affine32")


def to_bytes(minhash: LeanMinHash) -> bytes:
    """The signature as stored: ``num_perm`` little-endian uint32 values."""
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


class NearDuplicateIndex:
    """The LSH index over originals' signatures, with their order of arrival."""

    def __init__(self, config: NearConfig = NearConfig()) -> None:
        self.config = config
        self.hasher = MinHasher(config)
        self.lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        self.seq: dict[str, int] = {}
        self._next_seq = 0
        # every indexed signature as one row of a matrix, so a query's candidates are scored
        # in one vectorised comparison (candidates per query grow with the corpus)
        self._row: dict[str, int] = {}
        self._ids: list[str] = []
        self._matrix = np.zeros((1024, config.num_perm), dtype=np.uint32)  # values < 2**32

    @classmethod
    def from_store(cls, load: LoadSignatures, config: NearConfig = NearConfig()) -> "NearDuplicateIndex":
        """The index rebuilt from stored signatures (no text is read or hashed again)."""
        index = cls(config)
        with index.lsh.insertion_session() as session:
            for article_id, seq, data in load():
                minhash = index.hasher.from_bytes(data)
                session.insert(article_id, minhash, check_duplication=False)
                index._keep(article_id, minhash)
                index.seq[article_id] = seq
                index._next_seq = max(index._next_seq, seq + 1)
        return index

    def __len__(self) -> int:
        return len(self._ids)

    def _keep(self, article_id: str, minhash: LeanMinHash) -> None:
        if len(self._ids) == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        self._row[article_id] = len(self._ids)
        self._matrix[len(self._ids)] = minhash.hashvalues
        self._ids.append(article_id)

    def add(self, article_id: str, minhash: LeanMinHash) -> int:
        """Index an original; returns its sequence number."""
        seq, self._next_seq = self._next_seq, self._next_seq + 1
        self.lsh.insert(article_id, minhash, check_duplication=False)
        self._keep(article_id, minhash)
        self.seq[article_id] = seq
        return seq

    def candidates(self, minhash: LeanMinHash) -> list[tuple[str, float]]:
        """Indexed originals at or above the threshold with their estimated similarity (the
        share of equal MinHash values), most similar first (the earliest of equals)."""
        rows = np.fromiter((self._row[c] for c in self.lsh.query(minhash)), dtype=np.int64)
        if not len(rows):
            return []
        similarity = (self._matrix[rows] == minhash.hashvalues).mean(axis=1)
        keep = similarity >= self.config.threshold
        found = sorted((-float(sim), self.seq[self._ids[row]], self._ids[row])
                       for row, sim in zip(rows[keep], similarity[keep]))
        return [(candidate, -negative) for negative, _, candidate in found]

    def candidates_since(self, minhash: LeanMinHash, first_row: int) -> list[tuple[str, float]]:
        """Like ``candidates``, among the originals indexed from row ``first_row`` on (those of
        the running batch: a handful, compared directly rather than through the LSH)."""
        if first_row >= len(self._ids):
            return []
        similarity = (self._matrix[first_row:len(self._ids)] == minhash.hashvalues).mean(axis=1)
        rows = np.flatnonzero(similarity >= self.config.threshold)
        found = sorted((-float(similarity[row]), first_row + int(row)) for row in rows)
        return [(self._ids[row], -negative) for negative, row in found]

    def match(self, minhash: LeanMinHash) -> tuple[str, float] | None:
        """The most similar candidate, unverified (None when there is none)."""
        found = self.candidates(minhash)
        return found[0] if found else None


class NearDedupeStage:
    """Corpus stage: mark near duplicates ``duplicate_of`` their earliest original.

    Runs after ``ExactDedupeStage`` (articles it marked are left alone). Every new original
    gets a signature (``Batch.signatures``, stored with the batch); every near duplicate a
    ``Reuse`` row of kind ``near-duplicate`` with its estimated Jaccard similarity.
    """

    name = "near-dedupe"
    requires = frozenset({"articles"})
    produces = frozenset({"articles", "signatures", "reuse"})

    def __init__(self, index: NearDuplicateIndex, texts_for: TextsFor | None = None) -> None:
        self.index = index
        self.texts_for = texts_for
        self._texts: dict[str, str] = {}

    def run(self, batch: Batch) -> Batch:
        """Two passes: the stored candidates of every new article first, so their texts are
        read from the store in one query; then the articles in order, each also compared
        with the originals this batch has added before it."""
        articles, signatures, links = [], list(batch.signatures), list(batch.reuse)
        first_row = len(self.index)
        stored = {a.article_id: self._stored_candidates(a) for a in batch.articles
                  if a.duplicate_of is None}
        self._texts = self._read_texts({c for found in stored.values() for c, _ in found[1]})
        for article in batch.articles:
            article, signature, link = self._check(article, stored.get(article.article_id),
                                                   first_row)
            articles.append(article)
            signatures += [signature] if signature else []
            links += [link] if link else []
        return replace(batch, articles=tuple(articles), signatures=tuple(signatures),
                       reuse=tuple(links))

    def _stored_candidates(self, article: Article) -> tuple[LeanMinHash, list[tuple[str, float]]]:
        minhash = self.index.hasher.signature(article.text)
        return minhash, self.index.candidates(minhash)

    def _read_texts(self, article_ids: set[str]) -> dict[str, str]:
        if not article_ids or not self.index.config.verify:
            return {}
        if self.texts_for is None:
            raise PipelineError("the near-duplicate check needs the texts of stored articles",
                                "make NearDedupeStage with texts_for=store.texts_for")
        return dict(self.texts_for(sorted(article_ids)))

    def _check(self, article: Article, stored, first_row: int
               ) -> tuple[Article, Signature | None, Reuse | None]:
        if article.duplicate_of is not None:
            return article, None, None
        minhash, found = stored
        found = sorted(found + self.index.candidates_since(minhash, first_row),
                       key=lambda item: -item[1])  # stable: the earlier of equals first
        for original, similarity in found:
            if self._verified(article.text, original):
                link = Reuse(original, article.article_id, "near-duplicate", round(similarity, 4))
                return replace(article, duplicate_of=original), None, link
        seq = self.index.add(article.article_id, minhash)
        self._texts[article.article_id] = article.text
        return article, Signature(article.article_id, seq, to_bytes(minhash)), None

    def _verified(self, text: str, original: str) -> bool:
        """The candidate's words line up with the article's (``NearConfig.verify``)."""
        if not self.index.config.verify:
            return True
        if original not in self._texts:
            self._texts.update(self._read_texts({original}))
        return aligned(text, self._texts[original], self.index.config)


def aligned(a: str, b: str, config: NearConfig) -> bool:
    """The texts line up in order (``verify``) or, with their sentences moved around, in one
    canonical order (``verify_reordered``, set higher: texts that share a few background
    paragraphs line up better once sorted than in order)."""
    return (alignment_ratio(a, b) >= config.verify
            or reordered_ratio(a, b) >= config.verify_reordered)


def alignment_ratio(a: str, b: str) -> float:
    """How much of two texts lines up word by word, in order (difflib's ratio over words:
    2 × matched words / all words). A copy with 30% of its words changed scores about 0.7;
    two reports of one event in their own words score well under 0.5."""
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n+")


def reordered_ratio(a: str, b: str) -> float:
    """``alignment_ratio`` with the sentences of both texts put in one canonical order first,
    so a copy whose paragraphs or sentences were moved around still lines up; changed words
    inside the sentences count against it as before."""
    return SequenceMatcher(None, _canonical_words(a), _canonical_words(b), autojunk=False).ratio()


def _canonical_words(text: str) -> list[str]:
    sentences = sorted(words(part) for part in _SENTENCE_END.split(text))
    return [word for sentence in sentences for word in sentence]
