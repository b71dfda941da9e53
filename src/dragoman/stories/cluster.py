"""Incremental story clustering: each new article joins the most similar active story or
starts one.

Similarity of an article to a story is a weighted mix of the cosine of TF-IDF vectors (the
story's centroid: the sum of its articles' term vectors, IDF from the corpus so far), the cosine
of MiniLM sentence embeddings (when an embedder is given), and the share of the article's
actors the story already has; it decays with the days between the article and the story's
latest article, and stories silent for longer than ``window_days`` are not candidates. After
each batch, stories the batch touched are merged into an older story whose centroid has come
close enough (the merge is returned, to be recorded).

Within a batch the centroids change as articles join; the dot products are updated exactly
with a few vector additions instead of being recomputed (``_BatchScores``).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from dragoman.stories.split import bisect, centroid_cosine, separate
from dragoman.stories.vectors import N_FEATURES, TermStats, top_terms


@dataclass(frozen=True)
class Params:
    """Weights and thresholds (chosen on the dev part of bench/stories.py)."""

    threshold: float = 0.20          # join the best story when its score is at least this
    w_text: float = 1.0
    w_embed: float = 1.0
    w_actors: float = 0.15
    w_shared: float = 0.3            # bonus: the article shares a passage with a story's article
    window_days: int = 30            # stories silent for longer are not candidates
    grace_days: int = 3              # no time penalty within this many days
    decay_days: float = 30.0         # score × exp(-(gap - grace) / decay) beyond it
    merge_threshold: float = 0.40    # merge two stories whose centroids score this much
    w_nearest: float = 0.0           # weight of the best cosine to a recent member's embedding
    keep_recent: int = 10            # member embeddings kept per story for w_nearest (in memory)
    analyzer: str = "word"           # "char": character 3–5-grams (headlines)
    keep_terms: int = 300            # terms kept per story centroid
    keep_actors: int = 30
    undated_docs: int = 5000         # an undated story not grown for this many articles retires
    split_threshold: float = 0.0     # split a story whose two halves' centroids score under this
    split_min: int = 8               # stories are checked for a split from this size on
    split_min_part: int = 3          # ... and each half must have at least this many articles
    size_penalty: float = 0.0        # a story of n articles needs threshold + this × log2(n / f)
    penalty_from: int = 1            # ... f: stories up to this size pay nothing
    merge_by: str = "min"            # merges: the penalty of the smaller ("min") or bigger story


@dataclass
class Item:
    """What the clusterer needs of one article."""

    key: str
    text: str
    day: int | None = None          # days since 1970-01-01 (publication date), if known
    actors: frozenset[str] = frozenset()
    follows: str | None = None      # key of the original it duplicates: join that story
    hints: tuple[int, ...] = ()     # undated: days of the year it names ("Feb 23"), 1-366
    shared: tuple[str, ...] = ()    # keys of earlier articles it shares passages with


@dataclass
class StoryState:
    """What is kept of a story to compare later articles with."""

    story_id: str
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None
    terms: dict[int, float] = field(default_factory=dict)   # sum of member term vectors
    embedding: np.ndarray | None = None                     # sum of member embeddings
    actors: Counter = field(default_factory=Counter)
    seen: int | None = None          # articles seen (corpus count) when it last grew

    def add_day(self, day: int | None) -> None:
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)


@dataclass(frozen=True)
class Merge:
    """Story ``absorbed`` joined ``into``; ``score`` is their centroids' similarity."""

    absorbed: str
    into: str
    score: float
    reason: str = "centroids converged"


@dataclass(frozen=True)
class Split:
    """Articles ``moved`` left story ``story`` for the new story ``new_story``; ``score`` is the
    similarity of the two groups' centroids."""

    story: str
    new_story: str
    moved: tuple[str, ...]
    score: float
    reason: str = "two separate groups"


@dataclass
class _Member:
    """What is kept in memory of a story's article to split the story later."""

    columns: np.ndarray
    weights: np.ndarray
    day: int | None = None
    actors: frozenset[str] = frozenset()
    embedding: np.ndarray | None = None


class StoryIndex:
    """The stories so far and the term statistics; ``add`` places a batch of articles,
    ``merge`` and ``split`` change stories on request.

    To split a story the index needs its members' vectors: those of articles placed in this
    run are kept in memory while their story is active; the others are asked of ``loader``
    (article keys → ``Item``s, with ``follows`` set for near duplicates), and embedded with
    ``embed`` (texts → vectors) when the stories carry embeddings. ``apart`` holds pairs of
    stories that were split and must not be merged back automatically; ``pinned`` stories a
    user merged, which are never split automatically."""

    def __init__(self, params: Params | None = None, stats: TermStats | None = None,
                 stories: list[StoryState] | None = None,
                 story_of: dict[str, str] | None = None, *,
                 apart=(), retired=(), pinned=(), loader=None, embed=None) -> None:
        self.params = params or Params()
        self.stats = stats or TermStats(analyzer=self.params.analyzer)
        self.stories: dict[str, StoryState] = {s.story_id: s for s in stories or []}
        self.story_of: dict[str, str] = dict(story_of or {})   # article key → story id
        self.keys_of: dict[str, list[str]] = {}                # story id → article keys
        for key, story_id in self.story_of.items():
            self.keys_of.setdefault(story_id, []).append(key)
        self.follows: dict[str, str] = {}                      # near duplicate → original
        self.vectors: dict[str, dict[str, _Member]] = {}       # story → key → member vector
        self.merges: list[Merge] = []
        self.splits: list[Split] = []
        self.apart: set[frozenset[str]] = {frozenset(pair) for pair in apart}
        self.retired: set[str] = set(retired)                  # ids no longer in use
        self.pinned: set[str] = set(pinned)                    # merged by a user: not split
        self.loader, self.embed = loader, embed
        self.recent: dict[str, list[np.ndarray]] = {}   # story → recent member embeddings

    def add(self, items: list[Item], embeddings: np.ndarray | None = None,
            new_id=lambda item: "s_" + item.key) -> tuple[list[str], set[str]]:
        """Place each item, in order; returns its story id and the ids of stories touched
        (grown, created or merged). Merges are appended to ``self.merges``."""
        if not items:
            return [], set()
        tf = self.stats.tf([item.text for item in items])
        self.stats.observe(tf)
        days = [item.day for item in items if item.day is not None]
        active = self._active(min(days) if days else None)
        scores = _BatchScores(self, tf, embeddings, active)
        sizes = {s: self.stories[s].size for s in active}
        touched: set[str] = set()
        for i, item in enumerate(items):
            story_id = self._choose(i, item, scores) or self._fresh_id(new_id(item))
            if story_id not in self.stories:
                self.stories[story_id] = StoryState(story_id)
                scores.add_story(story_id)
            self._join(story_id, i, item, tf, embeddings, scores)
            touched.add(story_id)
        merged = self._merge_touched(touched, active)
        touched |= merged
        touched |= self._split_touched(touched, sizes, merged)
        for story_id in touched & set(self.stories):
            self._trim(self.stories[story_id])
        self._forget(max(days) if days else None)
        return [self.story_of[item.key] for item in items], touched

    def _trim(self, story: StoryState) -> None:
        """Keep the heaviest terms and the most named actors (ties by id, not by the order
        they came in: a set's order changes from one process to the next), the weights
        rounded to float32 as the store keeps them: a run resumed from the store then starts
        from the state this one has."""
        terms = top_terms(story.terms, self.params.keep_terms)
        weights = np.fromiter(terms.values(), dtype=np.float32, count=len(terms))
        story.terms = dict(zip(terms, weights.tolist()))
        ranked = sorted(story.actors.items(), key=lambda kv: (-kv[1], kv[0]))
        story.actors = Counter(dict(ranked[:self.params.keep_actors]))

    def _fresh_id(self, story_id: str) -> str:
        """``story_id``, or with a suffix when a story had it before (ids are never reused)."""
        candidate, n = story_id, 1
        while candidate in self.stories or candidate in self.retired:
            n += 1
            candidate = f"{story_id}.{n}"
        return candidate

    def _forget(self, day: int | None) -> None:
        """Drop the member vectors of stories no longer active (bounds memory)."""
        if day is None:
            return
        active = set(self._active(day))
        for story_id in [s for s in self.vectors if s not in active]:
            del self.vectors[story_id]

    def place_duplicate(self, key: str, original: str) -> str | None:
        """A near duplicate joins its original's story (its vector is not counted)."""
        story_id = self.story_of.get(original)
        if story_id is not None:
            self.follows[key] = original
            self._assign(key, story_id)
        return story_id

    def _assign(self, key: str, story_id: str) -> None:
        old = self.story_of.get(key)
        if old is not None:
            self._move([key], old, story_id)
        else:
            self.story_of[key] = story_id
            self.keys_of.setdefault(story_id, []).append(key)

    def _move(self, keys: list[str], source: str, target: str) -> None:
        """Move ``keys`` from story ``source`` to ``target`` (in ``story_of`` and ``keys_of``)."""
        moving = set(keys)
        left = [k for k in self.keys_of.pop(source, []) if k not in moving]
        if left:
            self.keys_of[source] = left
        for key in keys:
            self.story_of[key] = target
        self.keys_of.setdefault(target, []).extend(keys)

    # --- placing one article --------------------------------------------------------------

    def _active(self, day: int | None) -> list[str]:
        if day is None:
            return list(self.stories)
        horizon = day - self.params.window_days
        retired = self.stats.n_docs - self.params.undated_docs   # undated: by articles since
        return [s.story_id for s in self.stories.values()
                if (s.last_day >= horizon if s.last_day is not None
                    else s.seen is None or s.seen >= retired)]

    def _choose(self, i: int, item: Item, scores: "_BatchScores") -> str | None:
        if item.follows and item.follows in self.story_of:
            return self.story_of[item.follows]
        best, score = scores.best(i, item)
        return best if best is not None and score >= self.params.threshold else None

    def _join(self, story_id: str, i: int, item: Item, tf: sparse.csr_matrix,
              embeddings: np.ndarray | None, scores: "_BatchScores") -> None:
        story = self.stories[story_id]
        row = tf.getrow(i)
        for column, weight in zip(row.indices.tolist(), row.data.tolist()):
            story.terms[column] = story.terms.get(column, 0.0) + weight
        if embeddings is not None:
            vector = embeddings[i].astype(np.float32)
            story.embedding = vector.copy() if story.embedding is None else story.embedding + vector
            if self.params.w_nearest:
                self.recent[story_id] = (self.recent.get(story_id, []) + [vector])[-self.params.keep_recent:]
        story.actors.update(item.actors)
        story.size += 1
        story.add_day(item.day)
        story.seen = self.stats.n_docs
        self._assign(item.key, story_id)
        self.vectors.setdefault(story_id, {})[item.key] = _Member(
            row.indices.astype(np.int32), row.data.astype(np.float32), item.day, item.actors,
            None if embeddings is None else embeddings[i].astype(np.float32))
        scores.join(story_id, i)

    # --- merging stories that have grown together ----------------------------------------

    def _merge_touched(self, touched: set[str], active: list[str]) -> set[str]:
        """Merge each touched story into the most similar older story when they score at least
        ``merge_threshold``; returns the stories that absorbed others."""
        if self.params.merge_threshold >= 1.0:
            return set()
        candidates = [s for s in dict.fromkeys([*active, *sorted(touched)]) if s in self.stories]
        if len(candidates) < 2:
            return set()
        rows = sorted(s for s in touched if s in self.stories)   # sorted: the same every run
        sims = self._centroid_similarity(rows, candidates)
        grown: set[str] = set()
        for row, story_id in enumerate(rows):
            if story_id not in self.stories:
                continue
            order = np.argsort(-sims[row])
            for col in order[:3]:
                other = candidates[col]
                if (other == story_id or other not in self.stories
                        or frozenset((story_id, other)) in self.apart):
                    continue
                score = float(sims[row, col])
                if score < self.params.merge_threshold:
                    break
                if score < self._merge_bar(story_id, other):
                    continue
                if not self._close_in_time(story_id, other):
                    continue
                grown.add(self._merge(story_id, other, score))
                break
        return grown

    def _merge_bar(self, a: str, b: str) -> float:
        """The similarity two stories need to merge: ``merge_threshold``, raised like the join
        threshold (``size_penalty`` × log2 of the size) by the bigger story's size when
        ``merge_by`` is "max", else by the smaller's."""
        p = self.params
        if not p.size_penalty:
            return p.merge_threshold
        sizes = (self.stories[a].size, self.stories[b].size)
        size = max(sizes) if p.merge_by == "max" else min(sizes)
        return p.merge_threshold + p.size_penalty * float(np.log2(max(size / p.penalty_from, 1)))

    def _close_in_time(self, a: str, b: str) -> bool:
        """Two stories overlap in time, or are apart by at most ``window_days`` (undated
        stories are close to everything)."""
        sa, sb = self.stories[a], self.stories[b]
        if None in (sa.first_day, sa.last_day, sb.first_day, sb.last_day):
            return True
        gap = max(sa.first_day, sb.first_day) - min(sa.last_day, sb.last_day)
        return gap <= self.params.window_days

    def _centroid_similarity(self, rows: list[str], columns: list[str]) -> np.ndarray:
        p = self.params
        a, b = self._weighted(rows), self._weighted(columns)
        sims = p.w_text * (a @ b.T).toarray()
        weight = p.w_text
        ea, eb = self._embeddings(rows), self._embeddings(columns)
        if ea is not None and eb is not None:
            sims += p.w_embed * (ea @ eb.T)
            weight += p.w_embed
        return sims / weight

    def _survivor(self, a: str, b: str) -> str:
        """The older story keeps its id (then the bigger, then the smaller id)."""
        sa, sb = self.stories[a], self.stories[b]
        key = lambda s: (s.first_day if s.first_day is not None else 10 ** 9, -s.size, s.story_id)  # noqa: E731
        return a if key(sa) <= key(sb) else b

    def merge(self, a: str, b: str, reason: str = "user") -> Merge:
        """Merge stories ``a`` and ``b`` on request (the older keeps its id); recorded."""
        if a == b or a not in self.stories or b not in self.stories:
            raise KeyError(f"cannot merge {a!r} and {b!r}: two different current stories are needed")
        score = float(self._centroid_similarity([a], [b])[0, 0])
        self.apart.discard(frozenset((a, b)))
        self.pinned.add(self._merge(a, b, score, reason))
        return self.merges[-1]

    def _merge(self, a: str, b: str, score: float, reason: str = "centroids converged") -> str:
        """Merge two stories; returns the id that survives."""
        into = self._survivor(a, b)
        absorbed = b if into == a else a
        keep, gone = self.stories[into], self.stories.pop(absorbed)
        for column, weight in gone.terms.items():
            keep.terms[column] = keep.terms.get(column, 0.0) + weight
        if gone.embedding is not None:
            keep.embedding = gone.embedding if keep.embedding is None \
                else keep.embedding + gone.embedding
        keep.actors.update(gone.actors)
        recent = self.recent.pop(absorbed, []) + self.recent.get(into, [])
        self.recent[into] = recent[-self.params.keep_recent:]
        keep.size += gone.size
        keep.seen = max((v for v in (keep.seen, gone.seen) if v is not None), default=None)
        keep.add_day(gone.first_day)
        keep.add_day(gone.last_day)
        self._move(list(self.keys_of.get(absorbed, ())), absorbed, into)
        if absorbed in self.vectors:
            self.vectors.setdefault(into, {}).update(self.vectors.pop(absorbed))
        self.apart = {pair if absorbed not in pair else frozenset(
            into if s == absorbed else s for s in pair) for pair in self.apart}
        self.apart = {pair for pair in self.apart if len(pair) == 2}
        self.retired.add(absorbed)
        self.merges.append(Merge(absorbed, into, round(score, 4), reason))
        return into

    # --- splitting a story in two ----------------------------------------------------------

    def _split_touched(self, touched: set[str], sizes: dict[str, int], merged: set[str]) -> set[str]:
        """Check the touched stories that reached a new power-of-two size (8, 16, …) or absorbed
        another for two clearly separate groups, and split them (each half checked again)."""
        p = self.params
        if p.split_threshold <= 0:
            return set()
        queue = [s for s in sorted(touched) if s in self.stories and s not in self.pinned
                 and self.stories[s].size >= p.split_min
                 and (s in merged or self.stories[s].size.bit_length() > sizes.get(s, 0).bit_length())]
        made: set[str] = set()
        for _ in range(64):   # a runaway story falls apart in a few rounds; bound the work
            if not queue:
                break
            story_id = queue.pop(0)
            split = self._auto_split(story_id)
            if split is not None:
                made |= {split.story, split.new_story}
                queue += [s for s in (split.story, split.new_story)
                          if self.stories[s].size >= p.split_min]
        return made

    def _auto_split(self, story_id: str) -> Split | None:
        keys, members = self._members(story_id)
        if members is None or len(keys) < self.params.split_min:
            return None
        cut = bisect(self._member_matrix(members))
        if not separate(cut, self.params.split_threshold, self.params.split_min_part):
            return None
        first, second = [keys[k] for k in cut.first], [keys[k] for k in cut.second]
        moved = second if self._keeps_id(story_id, first, second) else first
        return self._split(story_id, moved, members, cut.cosine, "two separate groups")

    def split(self, story_id: str, keys: list[str], reason: str = "user") -> Split:
        """Move the articles ``keys`` (and their near duplicates) out of ``story_id`` into a new
        story; recorded, and the two are not merged back automatically."""
        if story_id not in self.stories:
            raise KeyError(f"no story {story_id!r}")
        members_of = set(self.keys_of.get(story_id, ()))
        strangers = [k for k in keys if k not in members_of]
        if strangers:
            raise KeyError(f"not in story {story_id}: {', '.join(strangers)}")
        originals, members = self._members(story_id)
        if members is None:
            raise LookupError(f"the articles of {story_id} cannot be read back to split it")
        wanted = set(keys) | {self.follows[k] for k in keys if k in self.follows}
        moved = [k for k in originals if k in wanted]
        if not moved or len(moved) == len(originals):
            raise ValueError("a split needs some, not all, of the story's articles")
        matrix = self._member_matrix(members)
        gram = (matrix @ matrix.T).toarray()
        inside = np.array([k in set(moved) for k in originals])
        score = centroid_cosine(gram, np.flatnonzero(~inside), np.flatnonzero(inside))
        return self._split(story_id, moved, members, score, reason)

    def _members(self, story_id: str) -> tuple[list[str], list[_Member] | None]:
        """The story's original articles (near duplicates left out) and their vectors, read
        back through ``loader`` when not in memory; (keys, None) when they cannot be had."""
        keys = [k for k in self.keys_of.get(story_id, ()) if k not in self.follows]
        cached = self.vectors.setdefault(story_id, {})
        missing = [k for k in keys if k not in cached]
        if missing:
            if self.loader is None:
                return keys, None
            self._load(story_id, missing)
            keys = [k for k in self.keys_of.get(story_id, ()) if k not in self.follows]
            if any(k not in cached for k in keys):
                return keys, None
        return keys, [cached[k] for k in keys]

    def _load(self, story_id: str, keys: list[str]) -> None:
        items = list(self.loader(keys))
        for item in [i for i in items if i.follows]:
            self.follows[item.key] = item.follows
        items = [i for i in items if not i.follows]
        if not items:
            return
        tf = self.stats.tf([i.text for i in items])
        wants_embedding = self.stories[story_id].embedding is not None
        vectors = self.embed([i.text for i in items]) if wants_embedding and self.embed else None
        for k, item in enumerate(items):
            row = tf.getrow(k)
            self.vectors[story_id][item.key] = _Member(
                row.indices.astype(np.int32), row.data.astype(np.float32), item.day,
                item.actors, None if vectors is None else vectors[k].astype(np.float32))

    def _member_matrix(self, members: list[_Member]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows of the members."""
        lengths = [len(m.columns) for m in members]
        columns = np.concatenate([m.columns for m in members]).astype(np.int64) if members \
            else np.zeros(0, np.int64)
        values = np.concatenate([m.weights for m in members]) if members \
            else np.zeros(0, np.float32)
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        matrix = sparse.csr_matrix((values * self.stats.idf(columns), columns, indptr),
                                   shape=(len(members), N_FEATURES))
        return self.stats_normalise(matrix)

    @staticmethod
    def stats_normalise(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ matrix

    @staticmethod
    def _keeps_id(story_id: str, first: list[str], second: list[str]) -> bool:
        """The group that keeps the story's id: the one holding the article the id was made
        from, else the bigger one. True for ``first``."""
        origin = story_id[2:].split(".")[0]
        if origin in first or origin in second:
            return origin in first
        return len(first) >= len(second)

    def _split(self, story_id: str, moved: list[str], members: list[_Member], score: float,
               reason: str) -> Split:
        vectors = self.vectors[story_id]
        moving = set(moved)
        followers = [k for k in self.keys_of.get(story_id, ()) if self.follows.get(k) in moving]
        new_id = self._fresh_id("s_" + min(moved, key=lambda k: (vectors[k].day is None,
                                                                vectors[k].day or 0, k)))
        self.stories[new_id] = StoryState(new_id)
        self.vectors[new_id] = {k: vectors.pop(k) for k in moved}
        self._move([*moved, *followers], story_id, new_id)
        for sid in (story_id, new_id):
            self.stories[sid] = self._rebuilt(sid)
            self._trim(self.stories[sid])
            if sid in self.recent:
                self.recent[sid] = [m.embedding for m in self.vectors[sid].values()
                                    if m.embedding is not None][-self.params.keep_recent:]
        self.recent[new_id] = [m.embedding for m in self.vectors[new_id].values()
                               if m.embedding is not None][-self.params.keep_recent:]
        self.apart.add(frozenset((story_id, new_id)))
        split = Split(story_id, new_id, tuple(moved), round(score, 4), reason)
        self.splits.append(split)
        return split

    def _rebuilt(self, story_id: str) -> StoryState:
        """A story's state summed again from its members' vectors, in the order of its
        members (not of the cache, which differs between a run and one resumed from the store)."""
        state = StoryState(story_id)
        cached = self.vectors[story_id]
        for member in [cached[k] for k in self.keys_of.get(story_id, ()) if k in cached]:
            for column, weight in zip(member.columns.tolist(), member.weights.tolist()):
                state.terms[column] = state.terms.get(column, 0.0) + weight
            if member.embedding is not None:
                state.embedding = (member.embedding.copy() if state.embedding is None
                                   else state.embedding + member.embedding)
            state.actors.update(member.actors)
            state.size += 1
            state.add_day(member.day)
        state.seen = self.stats.n_docs
        return state

    # --- centroid matrices -----------------------------------------------------------------

    def _weighted(self, story_ids: list[str]) -> sparse.csr_matrix:
        """TF-IDF centroids of the stories (unnormalised: sum of weighted member vectors)."""
        lengths = [len(self.stories[s].terms) for s in story_ids]
        columns = np.fromiter((c for s in story_ids for c in self.stories[s].terms),
                              dtype=np.int64, count=sum(lengths))
        values = np.fromiter((w for s in story_ids for w in self.stories[s].terms.values()),
                             dtype=np.float32, count=sum(lengths))
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        matrix = sparse.csr_matrix((values * self.stats.idf(columns), columns, indptr),
                                   shape=(len(story_ids), N_FEATURES))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ matrix

    def _embeddings(self, story_ids: list[str]) -> np.ndarray | None:
        vectors = [self.stories[s].embedding for s in story_ids]
        if not vectors or any(v is None for v in vectors):
            return None
        matrix = np.vstack(vectors)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return matrix / norms


class _BatchScores:
    """Dot products of a batch's articles with the candidate stories' centroids, kept exact
    while articles join stories: joining adds the article's vector to the centroid, so its
    dot products with every article of the batch are added to the story's column."""

    def __init__(self, index: StoryIndex, tf: sparse.csr_matrix, embeddings: np.ndarray | None,
                 active: list[str]) -> None:
        self.index, self.params = index, index.params
        weighted = tf.copy()
        weighted.data = weighted.data * index.stats.idf(weighted.indices)
        self.norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        self.norms[self.norms == 0] = 1.0
        self.gram = (weighted @ weighted.T).toarray()
        self.columns: list[str] = list(active)
        self.position = {s: k for k, s in enumerate(self.columns)}
        n = tf.shape[0]
        if active:
            centroids = self._raw_centroids(active)
            self.dots = np.asarray((weighted @ centroids.T).todense(), dtype=np.float64)
            self.norm2 = np.asarray(centroids.multiply(centroids).sum(axis=1), dtype=np.float64).ravel()
        else:
            self.dots, self.norm2 = np.zeros((n, 0)), np.zeros(0)
        self.embeddings = embeddings
        if embeddings is not None:
            self.egram = embeddings @ embeddings.T
            stored = [index.stories[s].embedding for s in active]
            stored = [v if v is not None else np.zeros(embeddings.shape[1], np.float32) for v in stored]
            sums = np.vstack(stored) if stored else np.zeros((0, embeddings.shape[1]), np.float32)
            self.edots = (embeddings @ sums.T).astype(np.float64)
            self.enorm2 = (sums * sums).sum(axis=1).astype(np.float64)
        if embeddings is not None and self.params.w_nearest:
            self.nearest = self._nearest(index, embeddings, active)
        last = [index.stories[s].last_day for s in active]
        self.last_day = np.array([np.nan if d is None else d for d in last], dtype=np.float64)
        self.sizes = np.array([index.stories[s].size for s in active], dtype=np.float64)

    @staticmethod
    def _nearest(index: StoryIndex, embeddings: np.ndarray, active: list[str]) -> np.ndarray:
        """Best cosine of each batch article to the recent members of each active story."""
        nearest = np.zeros((embeddings.shape[0], len(active)))
        members = [(k, v) for k, s in enumerate(active) for v in index.recent.get(s, [])]
        if members:
            owners = np.array([k for k, _ in members])
            sims = embeddings @ np.vstack([v for _, v in members]).T
            for k in np.unique(owners):
                nearest[:, k] = sims[:, owners == k].max(axis=1)
        return nearest

    def _raw_centroids(self, story_ids: list[str]) -> sparse.csr_matrix:
        stories = self.index.stories
        lengths = [len(stories[s].terms) for s in story_ids]
        columns = np.fromiter((c for s in story_ids for c in stories[s].terms),
                              dtype=np.int64, count=sum(lengths))
        values = np.fromiter((w for s in story_ids for w in stories[s].terms.values()),
                             dtype=np.float64, count=sum(lengths))
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        return sparse.csr_matrix((values * self.index.stats.idf(columns), columns, indptr),
                                 shape=(len(story_ids), N_FEATURES))

    def add_story(self, story_id: str) -> None:
        self.position[story_id] = len(self.columns)
        self.columns.append(story_id)
        self.dots = np.hstack([self.dots, np.zeros((self.dots.shape[0], 1))])
        self.norm2 = np.append(self.norm2, 0.0)
        self.last_day = np.append(self.last_day, np.nan)
        self.sizes = np.append(self.sizes, 0.0)
        if self.embeddings is not None:
            self.edots = np.hstack([self.edots, np.zeros((self.edots.shape[0], 1))])
            self.enorm2 = np.append(self.enorm2, 0.0)
            if self.params.w_nearest:
                self.nearest = np.hstack([self.nearest, np.zeros((self.nearest.shape[0], 1))])

    def join(self, story_id: str, i: int) -> None:
        k = self.position[story_id]
        self.norm2[k] += 2 * self.dots[i, k] + self.gram[i, i]
        self.dots[:, k] += self.gram[:, i]
        if self.embeddings is not None:
            self.enorm2[k] += 2 * self.edots[i, k] + self.egram[i, i]
            self.edots[:, k] += self.egram[:, i]
            if self.params.w_nearest:
                self.nearest[:, k] = np.maximum(self.nearest[:, k], self.egram[:, i])
        day = self.index.stories[story_id].last_day
        self.last_day[k] = np.nan if day is None else day
        self.sizes[k] += 1

    def best(self, i: int, item: Item, rerank: int = 10) -> tuple[str | None, float]:
        if not self.columns:
            return None, 0.0
        p = self.params
        score = p.w_text * self.dots[i] / (self.norms[i] * np.sqrt(np.maximum(self.norm2, 1e-12)))
        weight = p.w_text
        if self.embeddings is not None:
            score += p.w_embed * self.edots[i] / np.sqrt(np.maximum(self.enorm2, 1e-12))
            weight += p.w_embed
            if p.w_nearest:
                score += p.w_nearest * self.nearest[i]
                weight += p.w_nearest
        score = score / weight
        if item.day is not None:
            score = score * self._time_factor(item.day)
        elif item.hints:
            score = score * self._season_factor(item.hints)
        for key in item.shared:
            k = self.position.get(self.index.story_of.get(key, ""))
            if k is not None:
                score[k] += p.w_shared
        if p.size_penalty:   # a big story's centroid is vague: it must be matched better
            score = score - p.size_penalty * np.log2(np.maximum(self.sizes / p.penalty_from, 1.0))
        top = np.argsort(-score)[:rerank]
        if item.actors and p.w_actors:
            top = sorted(top, key=lambda k: -(score[k] + self._actor_bonus(k, item)))
            bonus = self._actor_bonus(top[0], item)
        else:
            bonus = 0.0
        k = int(top[0])
        value = float(score[k]) + bonus
        return (self.columns[k], value) if self.norm2[k] > 0 or value > 0 else (None, 0.0)

    def _time_factor(self, day: int) -> np.ndarray:
        p = self.params
        gap = np.abs(day - self.last_day)
        factor = np.exp(-np.maximum(gap - p.grace_days, 0) / p.decay_days)
        factor[gap > p.window_days] = 0.0
        factor[np.isnan(gap)] = 1.0
        return factor

    def _season_factor(self, hints: tuple[int, ...]) -> np.ndarray:
        """For an undated article naming days without a year: stories whose latest day is
        further than ``window_days`` (round the year) from every named day are not candidates."""
        p = self.params
        doy = np.array([_day_of_year(d) for d in self.last_day], dtype=np.float64)
        gaps = np.full(len(doy), np.inf)
        for hint in hints:
            gap = np.abs(doy - hint)
            gaps = np.minimum(gaps, np.minimum(gap, 366 - gap))
        factor = np.exp(-np.maximum(gaps - p.grace_days, 0) / p.decay_days)
        factor[gaps > p.window_days] = 0.0
        factor[np.isnan(doy)] = 1.0
        return factor

    def _actor_bonus(self, k: int, item: Item) -> float:
        story = self.index.stories.get(self.columns[k])
        if story is None or not story.actors:
            return 0.0
        shared = sum(1 for a in item.actors if a in story.actors)
        return self.params.w_actors * shared / len(item.actors)


def _day_of_year(day: float) -> float:
    if np.isnan(day):
        return np.nan
    return float((dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).timetuple().tm_yday)


def day_number(iso: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (None stays None)."""
    if not iso:
        return None
    try:
        return (dt.date.fromisoformat(str(iso)[:10]) - dt.date(1970, 1, 1)).days
    except ValueError:
        return None


def iso_day(day: int | None) -> str | None:
    return None if day is None else (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()


__all__ = ["Item", "Merge", "Params", "Split", "StoryIndex", "StoryState", "day_number", "iso_day"]
