"""Stories. First version: one story per article (the stories issue clusters them)."""
from dragoman.stories.single import SingleArticleStoriesStage

__all__ = ["SingleArticleStoriesStage"]
