"""Stories: incremental clustering of articles into stories, dated timelines and cited
summaries (docs/stories.md).

Owns the clusterer (:mod:`~dragoman.stories.cluster`, with :mod:`~dragoman.stories.vectors`
and :mod:`~dragoman.stories.split`), the corpus stage that keeps it in the store
(:mod:`~dragoman.stories.stage`), the user's merges, splits and reclustering
(:mod:`~dragoman.stories.edit`), timelines and cited summaries
(:mod:`~dragoman.stories.summarise`, :mod:`~dragoman.stories.sentences`) and the measures the
benchmarks use (:mod:`~dragoman.stories.metrics`). It reads the record through the store and
imports no other NLP domain but :mod:`dragoman.text`.
"""
from dragoman.stories.edit import merge_stories, recluster, split_story
from dragoman.stories.stage import StoriesStage, stories_stage

__all__ = ["StoriesStage", "merge_stories", "recluster", "split_story", "stories_stage"]
