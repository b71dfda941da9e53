"""Stories: incremental clustering of articles into stories, dated timelines and cited
summaries (docs/stories.md)."""
from dragoman.stories.stage import StoriesStage, stories_stage

__all__ = ["StoriesStage", "stories_stage"]
