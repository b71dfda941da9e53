"""Passage reuse: originals that share passages (wire copy, quotes) are linked, not merged."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from dragoman.dedupe.passages import PassageConfig, Tokens, coverage, fingerprints, shared_passages
from dragoman.errors import PipelineError
from dragoman.model import Article, Reuse, Signature
from dragoman.pipeline import Batch

# ({article_id: fingerprints}, max_df, max_candidates) → {article_id: stored articles sharing
# one or more of them, those sharing the most first, at most max_candidates}; fingerprints
# stored for more than max_df articles are left out (boilerplate)
FindCandidates = Callable[[dict[str, tuple[int, ...]], int, int], dict[str, list[str]]]
# article_ids → their texts
TextsFor = Callable[[Iterable[str]], dict[str, str]]


class PassageReuseStage:
    """Corpus stage: link each new original to stored or earlier originals it shares passages
    with (``Reuse`` rows of kind ``passage``), and store its fingerprints for later batches."""

    name = "reuse"
    kind = "corpus"
    requires = frozenset({"articles", "signatures"})
    produces = frozenset({"signatures", "reuse"})

    def __init__(self, find_candidates: FindCandidates, texts_for: TextsFor,
                 config: PassageConfig = PassageConfig()) -> None:
        self.find_candidates = find_candidates
        self.texts_for = texts_for
        self.config = config

    def run(self, batch: Batch) -> Batch:
        originals = batch.unique_articles()
        tokens = {a.article_id: Tokens.of(a.text) for a in originals}
        prints = {aid: fingerprints(t, self.config) for aid, t in tokens.items()}
        pairs = self._candidate_pairs(originals, prints)
        stored = {aid for pair in pairs for aid in pair} - tokens.keys()
        tokens.update(self._load_tokens(sorted(stored)) if stored else {})
        links = [link for a, b in pairs if (link := self._link(a, b, tokens))]
        return replace(batch, signatures=_with_fingerprints(batch.signatures, prints),
                       reuse=(*batch.reuse, *links))

    def _candidate_pairs(self, originals: list[Article],
                         prints: dict[str, tuple[int, ...]]) -> list[tuple[str, str]]:
        """(earlier, later) pairs that share a fingerprint: stored ones first, then in batch;
        for each article at most ``max_candidates`` of each, those sharing the most."""
        config = self.config
        found = (self.find_candidates(prints, config.max_df, config.max_candidates)
                 if prints else {})
        pairs = [(old, new) for new, olds in found.items() for old in sorted(olds)]
        seen: dict[int, list[str]] = defaultdict(list)
        for article in originals:
            shared: Counter[str] = Counter()
            for value in prints[article.article_id]:
                if len(seen[value]) <= config.max_df:
                    shared.update(seen[value])
                seen[value].append(article.article_id)
            best = sorted(shared, key=lambda old: (-shared[old], old))[: config.max_candidates]
            pairs += [(old, article.article_id) for old in sorted(best)]
        return pairs

    def _link(self, a: str, b: str, tokens: dict[str, Tokens]) -> Reuse | None:
        passages = shared_passages(tokens[a], tokens[b], self.config)
        if not passages:
            return None
        similarity = round(coverage(passages, tokens[a], tokens[b]), 4)
        return Reuse(a, b, "passage", similarity, tuple(passages))

    def _load_tokens(self, article_ids: list[str]) -> dict[str, Tokens]:
        texts = self.texts_for(article_ids)
        missing = set(article_ids) - set(texts)
        if missing:
            raise PipelineError(f"stored fingerprints point at articles not in the store: "
                                f"{sorted(missing)[:3]}",
                                "the database is inconsistent: re-ingest into a new --db")
        return {aid: Tokens.of(text) for aid, text in texts.items()}


def _with_fingerprints(signatures: tuple[Signature, ...],
                       prints: dict[str, tuple[int, ...]]) -> tuple[Signature, ...]:
    """Signatures with each article's fingerprints attached (one per original)."""
    done = {s.article_id: replace(s, fingerprints=prints.get(s.article_id, ()))
            for s in signatures}
    for article_id, values in prints.items():
        if article_id not in done:
            done[article_id] = Signature(article_id, -1, b"", values)
    return tuple(done.values())
