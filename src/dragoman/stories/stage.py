"""The stories corpus stage: places each new article in a story (``cluster.StoryIndex``),
writes the touched stories with their title, summary and timeline, and hands the store what it
must keep to continue next batch or next run (``StoryUpdate``, written in the batch's
transaction).

Near duplicates (``duplicate_of`` set) join their original's story without moving its centroid.
"""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import numpy as np

from dragoman.model import Article, Story
from dragoman.pipeline import Batch
from dragoman.store import reads
from dragoman.stories.cluster import Item, Params, StoryIndex, StoryState, day_number, iso_day
from dragoman.stories.sentences import named_days_of_year
from dragoman.stories.summarise import Doc, SentencePool, summary, timeline, title
from dragoman.stories.vectors import TermStats
from dragoman.text.embed import Embedder

# article mode: TF-IDF of title, lead and actors; threshold and automatic splits read off the
# seeds and the demo corpus by hand (no gold for whole articles: docs/stories.md, "Demo
# corpus"); with MiniLM: the weights chosen on the UCI dev part (bench/stories.py)
TEXT_PARAMS = Params(threshold=0.18, w_embed=0.0, w_actors=0.0, size_penalty=0.02,
                     penalty_from=4, split_threshold=0.3)
EMBED_PARAMS = Params(threshold=0.28, w_embed=2.0, w_actors=0.0, merge_threshold=0.35)
MIN_SHARED, MIN_PASSAGE_WORDS = 0.05, 20   # a shared passage that ties an article to a story
LEAD_CHARS = 1000       # actors named this early in an article are what it is about
LEAD_WORDS = 80          # words of the body compared (after the title): what the story is about
SUMMARY_ARTICLES = 25    # the newest members a stored title/summary/timeline is made from


@dataclass(frozen=True)
class StoryUpdate:
    """What the store writes besides the stories: the clustering state of touched stories,
    the corpus term statistics, merges (absorbed → into) and the stories they removed, and
    splits (articles moved from story to new_story)."""

    states: tuple[dict, ...] = ()
    n_docs: int = 0
    df: bytes | None = None
    merges: tuple[dict, ...] = ()
    splits: tuple[dict, ...] = ()


def story_text(title: str | None, text: str, actors=(), lead_words: int = LEAD_WORDS) -> str:
    """Title (twice: it names the story), the first ``lead_words`` words of the body, and the
    ids of the actors it mentions as words (so IDF weighs a rare shared actor above Trump)."""
    lead = " ".join(text.split()[:lead_words])
    return " ".join(filter(None, (f"{title}. {title}." if title else "", lead, *sorted(actors))))


def embedder_wanted(setting: str) -> bool:
    """``on``/``off``, or ``auto``: on only where a GPU is present (MiniLM costs ~0.1 s an
    article on a CPU core)."""
    setting = (setting or "auto").lower()
    if setting in ("on", "1", "true", "yes"):
        return True
    if setting in ("off", "0", "false", "no"):
        return False
    return os.path.exists("/dev/nvidiactl")


class StoriesStage:
    """Corpus stage: incremental story clustering, persisted in the store."""

    name = "stories"
    kind = "corpus"
    requires = frozenset({"articles", "mentions", "events"})
    produces = frozenset({"stories", "story_updates"})

    def __init__(self, store, embedder=None, params: Params | None = None) -> None:
        self.store = store
        self.embedder = embedder
        n_docs, df = reads.story_term_stats(store)
        states = [_state_from_row(row) for row in reads.story_states(store)]
        self.index = StoryIndex(params or (EMBED_PARAMS if embedder else TEXT_PARAMS),
                                TermStats.from_bytes(n_docs, df), states,
                                reads.story_assignments(store),
                                apart=reads.story_apart(store),
                                retired=reads.story_retired(store),
                                pinned=reads.story_pinned(store), loader=self._load_items,
                                embed=embedder.encode if embedder else None)

    def _load_items(self, article_ids: list[str]) -> list[Item]:
        """Stored articles as the clusterer sees them (to split a story made in an earlier
        run)."""
        return [_item(row["article_id"], row["title"], row["text"], row["published"],
                      row["actors"] or (), follows=row["duplicate_of"])
                for row in reads.story_member_rows(self.store, article_ids)]

    def run(self, batch: Batch) -> Batch:
        originals = batch.unique_articles()
        actors = _actors_by_article(batch)
        shared = _shared_passages(batch)
        items = [_item(a.article_id, a.title, a.text, a.published, actors.get(a.article_id, ()),
                       shared=tuple(shared.get(a.article_id, ()))) for a in originals]
        vectors = self.embedder.encode([i.text for i in items]) if self.embedder and items else None
        before = (len(self.index.merges), len(self.index.splits))
        sizes = {s.story_id: s.size for s in self.index.stories.values()}
        _, touched = self.index.add(items, vectors)
        touched |= self._place_duplicates(batch.articles)
        merges, splits = self.index.merges[before[0]:], self.index.splits[before[1]:]
        touched -= {m.absorbed for m in merges}
        refresh = {s for s in touched if _crossed_power_of_two(sizes.get(s, 0),
                                                               self.index.stories[s].size)}
        refresh |= {m.into for m in merges} | {s for x in splits for s in (x.story, x.new_story)}
        touched &= set(self.index.stories)   # a story absorbed later in the batch is gone
        stories = self._stories(sorted(touched), batch, refresh & touched)
        update = self._update(touched, merges, splits, with_terms=bool(items))
        return replace(batch, stories=tuple(stories), story_updates=(update,))

    def _update(self, touched, merges, splits, with_terms: bool = False) -> StoryUpdate:
        return StoryUpdate(
            states=tuple(_state_row(self.index.stories[s]) for s in sorted(touched)),
            n_docs=self.index.stats.n_docs,
            df=self.index.stats.to_bytes() if with_terms else None,
            merges=tuple({"absorbed": m.absorbed, "into_story": m.into, "score": m.score,
                          "reason": m.reason} for m in merges),
            splits=tuple({"story": x.story, "new_story": x.new_story, "article_ids": list(x.moved),
                          "score": x.score, "reason": x.reason} for x in splits))

    def edit(self, change) -> Batch:
        """A batch that writes a user's merge or split: ``change(index)`` makes it on the
        clustering index; the touched stories are retold from all their articles."""
        before = (len(self.index.merges), len(self.index.splits))
        change(self.index)
        merges, splits = self.index.merges[before[0]:], self.index.splits[before[1]:]
        touched = {m.into for m in merges} | {s for x in splits for s in (x.story, x.new_story)}
        touched &= set(self.index.stories)
        stories = self._stories(sorted(touched), Batch(), touched)
        return Batch(stories=tuple(stories), story_updates=(self._update(touched, merges, splits),))

    def _place_duplicates(self, articles: tuple[Article, ...]) -> set[str]:
        touched = set()
        for article in articles:
            if article.duplicate_of is None:
                continue
            story_id = self.index.place_duplicate(article.article_id, article.duplicate_of)
            if story_id is not None:
                touched.add(story_id)
        return touched

    def _stories(self, story_ids: list[str], batch: Batch, refresh: set[str]) -> list[Story]:
        """Story records of the touched stories; title, summary and timeline are remade for the
        ``refresh`` ones and kept from the store for the others."""
        members = {s: list(self.index.keys_of.get(s, ())) for s in story_ids}
        wanted = set(story_ids)
        kept = {r["story_id"]: r for r in reads.story_texts(self.store, sorted(wanted - refresh))}
        refresh = refresh | (wanted - set(kept))
        texts = self._member_rows([a for s in sorted(refresh) for a in members[s][-SUMMARY_ARTICLES * 2:]],
                                  batch)
        events = defaultdict(list)
        stored = reads.story_events(self.store, list(texts))   # none yet for new ones
        for row in [*stored, *({"article_id": e.article_id, "date": e.date,
                                "date_precision": e.date_precision, "date_source": e.date_source}
                               for e in batch.events)]:
            events[row["article_id"]].append(row)
        out = []
        for story_id in story_ids:
            state = self.index.stories[story_id]
            if story_id in refresh:
                rows = [texts[a] for a in members[story_id] if a in texts]
                told = _told(rows, events)
            else:
                told = {k: kept[story_id][k] for k in ("title", "summary", "timeline")}
            out.append(Story(story_id=story_id, article_ids=tuple(members[story_id]),
                             start_date=iso_day(state.first_day), end_date=iso_day(state.last_day),
                             title=told["title"], summary=told["summary"],
                             timeline=tuple(told["timeline"] or ())))
        return out

    def _member_rows(self, article_ids: list[str], batch: Batch) -> dict[str, dict]:
        in_batch = {a.article_id: {"article_id": a.article_id, "title": a.title,
                                   "published": a.published, "text": a.text,
                                   "duplicate_of": a.duplicate_of} for a in batch.articles}
        stored = [a for a in article_ids if a not in in_batch]
        rows = {row["article_id"]: row for row in reads.story_articles(self.store, stored)}
        return rows | in_batch


def _item(article_id: str, title: str | None, text: str, published, actors=(), shared=(),
          follows: str | None = None) -> Item:
    """An article as the clusterer sees it (``story_text``, day, actors, passages shared)."""
    published = None if published in (None, "") else str(published)[:10]
    return Item(article_id, story_text(title, text, actors), day_number(published),
                frozenset(actors), follows=follows,
                hints=() if published else named_days_of_year(text), shared=tuple(shared))


def _told(rows: list[dict], events: dict) -> dict:
    """Title, 3-sentence summary and 8-date timeline from the newest original members."""
    rows = sorted(rows, key=lambda r: (str(r["published"] or ""), r["article_id"]))
    originals = [r for r in rows if not r.get("duplicate_of")] or rows
    docs = [Doc(r["article_id"], r["text"], r["title"], _date(r["published"]))
            for r in originals[-SUMMARY_ARTICLES:]]
    pool = SentencePool(docs)
    lines = timeline(docs, [e for d in docs for e in events.get(d.article_id, [])], dates=8,
                     per_date=1, pool=pool)
    return {"title": title(docs),
            "summary": " ".join(f"{c.text} [{', '.join(c.citations)}]"
                                for c in summary(docs, 3, pool=pool)),
            "timeline": [f"{t.date.isoformat()}: {c.text} [{', '.join(c.citations)}]"
                         for t in lines for c in t.sentences]}


def _crossed_power_of_two(old: int, new: int) -> bool:
    """A story is retold when it is new or has doubled since (sizes 1, 2, 4, 8, …)."""
    return old == 0 or new.bit_length() > old.bit_length()


def _shared_passages(batch: Batch) -> dict[str, list[str]]:
    """article_id → the earlier articles it shares a real passage with (wire copy, a quote
    with its framing): at least ``MIN_SHARED`` of the shorter article's words and one passage
    of ``MIN_PASSAGE_WORDS`` words; a share bar or a footer an outlet puts under every page is
    neither."""
    found: dict[str, list[str]] = defaultdict(list)
    for reuse in batch.reuse:
        longest = max((p.get("words", 0) for p in reuse.passages), default=0)
        if reuse.kind == "passage" and reuse.similarity >= MIN_SHARED and longest >= MIN_PASSAGE_WORDS:
            found[reuse.article_b].append(reuse.article_a)
    return found


def _actors_by_article(batch: Batch) -> dict[str, set[str]]:
    """Actor ids named in the first ``LEAD_CHARS`` characters of each article (what the story
    is about; the end of a page names the agencies, the site and its related links), places
    left out (every article names them)."""
    kinds = {a.actor_id: a.type for a in batch.actors}
    found: dict[str, set[str]] = defaultdict(set)
    for mention in batch.mentions:
        if (mention.actor_id and mention.start < LEAD_CHARS
                and kinds.get(mention.actor_id) not in ("location", "country")):
            found[mention.article_id].add(mention.actor_id)
    return found


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _state_row(state: StoryState) -> dict:
    columns = np.fromiter(state.terms.keys(), dtype=np.int32, count=len(state.terms))
    weights = np.fromiter(state.terms.values(), dtype=np.float32, count=len(state.terms))
    return {"story_id": state.story_id, "size": state.size, "first_day": state.first_day,
            "last_day": state.last_day, "term_ids": columns.tobytes(),
            "term_weights": weights.tobytes(),
            "embedding": None if state.embedding is None else state.embedding.astype(np.float32).tobytes(),
            "actors": list(state.actors), "actor_counts": list(state.actors.values()),
            "seen": state.seen}


def _state_from_row(row: dict) -> StoryState:
    columns = np.frombuffer(row["term_ids"] or b"", dtype=np.int32)
    weights = np.frombuffer(row["term_weights"] or b"", dtype=np.float32)
    embedding = np.frombuffer(row["embedding"], dtype=np.float32).copy() if row["embedding"] else None
    return StoryState(row["story_id"], row["size"], row["first_day"], row["last_day"],
                      dict(zip(columns.tolist(), weights.tolist())), embedding,
                      Counter(dict(zip(row["actors"] or [], row["actor_counts"] or []))),
                      row.get("seen"))


class LazyEmbedder:
    """Loads MiniLM (``dragoman.text.embed.Embedder``) on the first ``encode``: an ingest that
    finds nothing new does not pay for loading it."""

    def __init__(self, device: str | None = None) -> None:
        self.device, self._embedder = device, None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._embedder is None:
            self._embedder = Embedder(device=self.device)
        return self._embedder.encode(texts)


def stories_stage(store, settings) -> StoriesStage:
    """The stage as the default pipeline makes it: MiniLM as ``settings.story_embed`` says."""
    wanted = embedder_wanted(getattr(settings, "story_embed", "off"))
    return StoriesStage(store, LazyEmbedder() if wanted else None)
