"""Near duplicates: MinHash signatures of word shingles, a MinHash-LSH index (datasketch), and
a check that the candidate's words line up with the article's.

An article is a near duplicate of the most similar stored (or earlier in the batch) original
that the LSH index returns at or above ``NearConfig.threshold`` (estimated Jaccard) and whose
text aligns with it word by word (``alignment_ratio`` ≥ ``NearConfig.verify``): the check
keeps two reports of one event in their own words apart. Only originals are indexed, so
``duplicate_of`` always points at the earliest copy of a group, the one that was annotated.
The LSH band keys of stored originals are kept in the store (``lsh_bands``) and queried once
per batch (``NearDuplicateIndex.from_store``), so memory does not grow with the store; old
signatures are never recomputed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Protocol

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dragoman.dedupe.shingles import shingle_set, words
from dragoman.errors import PipelineError
from dragoman.model import Article, Reuse, Signature
from dragoman.pipeline import Batch

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
    min_words: int = 50  # below it, a copy may only add words (see ``aligned``)
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


class Banding:
    """The LSH bands: ``b`` bands of ``r`` MinHash values each, as datasketch's ``MinHashLSH``
    picks them for ``NearConfig.threshold`` (equal weights on false positives and negatives).
    Each band of a signature becomes one 64-bit key (the band's number and values hashed):
    two signatures are LSH candidates when they share a key."""

    def __init__(self, config: NearConfig) -> None:
        lsh = MinHashLSH(threshold=config.threshold, num_perm=config.num_perm)
        self.b, self.r = lsh.b, lsh.r

    def keys(self, values: np.ndarray) -> np.ndarray:
        """``(m, num_perm)`` signature values → ``(m, b)`` int64 band keys."""
        values = np.asarray(values, dtype=np.uint64).reshape(-1, values.shape[-1])
        bands = values[:, : self.b * self.r].reshape(len(values), self.b, self.r)
        key = np.broadcast_to(np.arange(1, self.b + 1, dtype=np.uint64) * _GOLDEN,
                              bands.shape[:2]).copy()
        for j in range(self.r):
            key = (key ^ bands[:, :, j]) * _PRIME
            key ^= key >> np.uint64(31)
        return key.view(np.int64)


_GOLDEN, _PRIME = np.uint64(0x9E3779B97F4A7C15), np.uint64(0x100000001B3)


class StoredSignatures(Protocol):
    """What the index asks the store (``dragoman.store.Store`` has these)."""

    def near_candidates(self, rows: np.ndarray, keys: np.ndarray
                        ) -> list[tuple[int, str, int, bytes]]:
        """(query row, article_id, seq, minhash) of stored originals sharing a band key."""

    def max_signature_seq(self) -> int | None:
        """The highest ``seq`` stored (None: no signature yet)."""

    def unbanded_signatures(self) -> list[tuple[int, bytes]]:
        """(seq, minhash) of stored signatures without band keys (older databases)."""

    def write_bands(self, seqs: np.ndarray, keys: np.ndarray) -> None:
        """Store band keys ((n,) seqs, (n, b) keys) outside a batch (for older databases)."""


class NearDuplicateIndex:
    """The LSH index over originals' signatures, with their order of arrival.

    With a store (``from_store``) the band keys of stored originals live in the store's
    ``lsh_bands`` table and are queried once per batch, so the index holds in memory only the
    originals added since the last batch was written (a batch's worth). Without one (tests,
    the benchmark loops) every original stays in memory. Both find the same candidates.
    """

    def __init__(self, config: NearConfig = NearConfig(),
                 stored: StoredSignatures | None = None) -> None:
        self.config = config
        self.hasher = MinHasher(config)
        self.banding = Banding(config)
        self.stored = stored
        self._next_seq = 0
        self._clear()

    def _clear(self) -> None:
        """Forget the in-memory originals (they are in the store now)."""
        self._ids: list[str] = []
        self._seqs: list[int] = []
        self._matrix = np.zeros((64, self.config.num_perm), dtype=np.uint32)  # values < 2**32
        self._buckets: dict[int, list[int]] = {}  # band key → in-memory rows

    @classmethod
    def from_store(cls, store: StoredSignatures,
                   config: NearConfig = NearConfig()) -> "NearDuplicateIndex":
        """The index over the stored originals: nothing is loaded, only the next ``seq``
        read. Signatures stored without band keys (a database made before them) get their
        keys now, from the stored signatures (no text is read or hashed again)."""
        index = cls(config, store)
        unbanded = store.unbanded_signatures()
        if unbanded:
            values = np.stack([index.hasher.from_bytes(data).hashvalues for _, data in unbanded])
            store.write_bands(np.array([seq for seq, _ in unbanded], dtype=np.int64),
                              index.banding.keys(values))
        index.sync()
        return index

    def sync(self) -> None:
        """Drop the in-memory originals the store now has (called before each batch)."""
        if self.stored is None:
            return
        stored_max = self.stored.max_signature_seq()
        if stored_max is None:
            return
        self._next_seq = max(self._next_seq, stored_max + 1)
        if self._seqs and self._seqs[-1] <= stored_max:
            self._clear()
        elif self._seqs and self._seqs[0] <= stored_max:  # some written, some not: keep those
            keep = [row for row, seq in enumerate(self._seqs) if seq > stored_max]
            ids, seqs, matrix = self._ids, self._seqs, self._matrix
            self._clear()
            for row in keep:
                self._keep(ids[row], seqs[row], matrix[row])

    def __len__(self) -> int:
        """The originals held in memory (those added since the last batch was stored)."""
        return len(self._ids)

    @property
    def seq(self) -> dict[str, int]:
        """article_id → seq of the in-memory originals."""
        return dict(zip(self._ids, self._seqs))

    def _keep(self, article_id: str, seq: int, values: np.ndarray) -> np.ndarray:
        if len(self._ids) == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        row = len(self._ids)
        self._matrix[row] = values
        self._ids.append(article_id)
        self._seqs.append(seq)
        keys = self.banding.keys(self._matrix[row:row + 1])[0]
        for key in keys.tolist():
            self._buckets.setdefault(key, []).append(row)
        return keys

    def add(self, article_id: str, minhash: LeanMinHash) -> tuple[int, tuple[int, ...]]:
        """Index an original; returns its sequence number and band keys (to store)."""
        seq, self._next_seq = self._next_seq, self._next_seq + 1
        keys = self._keep(article_id, seq, minhash.hashvalues)
        return seq, tuple(keys.tolist())

    def candidates(self, minhash: LeanMinHash) -> list[tuple[str, float]]:
        """Indexed originals at or above the threshold with their estimated similarity (the
        share of equal MinHash values), most similar first (the earliest of equals)."""
        return self.candidates_many([minhash])[0]

    def candidates_many(self, minhashes: list[LeanMinHash]) -> list[list[tuple[str, float]]]:
        """``candidates`` of several signatures: the stored ones in one store query."""
        if not minhashes:
            return []
        values = np.stack([m.hashvalues for m in minhashes]).astype(np.uint32)
        keys = self.banding.keys(values)
        found: list[dict[int, tuple[str, int, np.ndarray]]] = [{} for _ in minhashes]
        for query, row_keys in enumerate(keys.tolist()):
            for row in {r for key in row_keys for r in self._buckets.get(key, ())}:
                found[query][self._seqs[row]] = (self._ids[row], self._seqs[row], self._matrix[row])
        if self.stored is not None:
            rows = np.repeat(np.arange(len(values)), keys.shape[1])
            for query, article_id, seq, data in self.stored.near_candidates(rows, keys.ravel()):
                found[query].setdefault(seq, (article_id, seq, np.frombuffer(data, "<u4")))
        return [self._scored(values[query], list(hits.values()))
                for query, hits in enumerate(found)]

    def _scored(self, values: np.ndarray, hits: list[tuple[str, int, np.ndarray]]
                ) -> list[tuple[str, float]]:
        if not hits:
            return []
        similarity = (np.stack([h[2] for h in hits]) == values).mean(axis=1)
        found = sorted((-float(sim), seq, article_id)
                       for (article_id, seq, _), sim in zip(hits, similarity)
                       if sim >= self.config.threshold)
        return [(article_id, -negative) for negative, _, article_id in found]

    def candidates_since(self, minhash: LeanMinHash, first_row: int) -> list[tuple[str, float]]:
        """Like ``candidates``, among the in-memory originals from row ``first_row`` on (those
        of the running batch: a handful, compared directly rather than through the bands)."""
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
    kind = "corpus"
    requires = frozenset({"articles"})
    produces = frozenset({"articles", "signatures", "reuse"})

    def __init__(self, index: NearDuplicateIndex, texts_for: TextsFor | None = None) -> None:
        self.index = index
        self.texts_for = texts_for
        self._texts: dict[str, str] = {}

    def run(self, batch: Batch) -> Batch:
        """Two passes: the stored candidates of every new article first (one store query for
        the batch, their texts read in one more); then the articles in order, each also
        compared with the originals this batch has added before it."""
        articles, signatures, links = [], list(batch.signatures), list(batch.reuse)
        self.index.sync()
        first_row = len(self.index)
        new = [a for a in batch.articles if a.duplicate_of is None]
        minhashes = [self.index.hasher.signature(a.text) for a in new]
        stored = {a.article_id: (minhash, found) for a, minhash, found in
                  zip(new, minhashes, self.index.candidates_many(minhashes))}
        self._texts = self._read_texts({c for _, found in stored.values() for c, _ in found})
        for article in batch.articles:
            article, signature, link = self._check(article, stored.get(article.article_id),
                                                   first_row)
            articles.append(article)
            signatures += [signature] if signature else []
            links += [link] if link else []
        return replace(batch, articles=tuple(articles), signatures=tuple(signatures),
                       reuse=tuple(links))

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
        seq, bands = self.index.add(article.article_id, minhash)
        self._texts[article.article_id] = article.text
        return article, Signature(article.article_id, seq, to_bytes(minhash), bands=bands), None

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
    paragraphs line up better once sorted than in order).

    A text of fewer than ``min_words`` words is another's copy only if every one of its words
    lines up, in order, with the other's (and ``verify`` holds): a ratio cannot tell a copy
    from another text when a single changed word ("Talks resume/end on Monday in Geneva")
    still leaves 0.83 of the words in line, so a short copy may gain words (a dateline, an
    agency's tag) but not change or lose any."""
    words_a, words_b = words(a), words(b)
    if min(len(words_a), len(words_b)) < config.min_words:
        return only_added(words_a, words_b) and _ratio(words_a, words_b) >= config.verify
    return (_ratio(words_a, words_b) >= config.verify
            or reordered_ratio(a, b) >= config.verify_reordered)


def only_added(a: list[str], b: list[str]) -> bool:
    """Every word of the shorter list lines up, in order, with the longer one."""
    short, long = sorted((a[:ALIGN_WORDS], b[:ALIGN_WORDS]), key=len)
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) == len(short)


# words of each text the alignment check reads: difflib is quadratic, and two near-identical
# texts of a million characters would take hours; news articles are far shorter (BBC: ~400)
ALIGN_WORDS = 5_000


def alignment_ratio(a: str, b: str) -> float:
    """How much of two texts lines up word by word, in order (difflib's ratio over words:
    2 × matched words / all words), over their first ``ALIGN_WORDS`` words. A copy with 30% of
    its words changed scores about 0.7; two reports of one event in their own words score well
    under 0.5."""
    return _ratio(words(a), words(b))


def _ratio(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a[:ALIGN_WORDS], b[:ALIGN_WORDS], autojunk=False).ratio()


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n+")


def reordered_ratio(a: str, b: str) -> float:
    """``alignment_ratio`` with the sentences of both texts put in one canonical order first,
    so a copy whose paragraphs or sentences were moved around still lines up; changed words
    inside the sentences count against it as before."""
    return _ratio(_canonical_words(a), _canonical_words(b))


def _canonical_words(text: str) -> list[str]:
    sentences = sorted(words(part) for part in _SENTENCE_END.split(text))
    return [word for sentence in sentences for word in sentence]
