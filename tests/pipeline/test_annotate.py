"""The annotate stage's declared steps: checked when the stage is made, run in order, and
(with the real model) the same records as the domain functions called one after another."""
from __future__ import annotations

from dataclasses import replace

import pytest

from dragoman.annotate import (
    ActorsStep,
    AnnotateStage,
    EventsStep,
    StatementsStep,
    default_steps,
)
from dragoman.errors import PipelineError
from dragoman.events.confidence import EventScorer
from dragoman.model import Article, Mention
from dragoman.pipeline import Batch
from dragoman.pipeline.document import DocAnnotations


def article(article_id: str, text: str, **kw) -> Article:
    return Article(article_id=article_id, origin=article_id, text=text, content_hash=article_id,
                   source_hash=article_id, **kw)


class WordsNlp:
    """Stands in for spaCy: the "doc" of a text is its list of words."""

    def __init__(self):
        self.calls = 0

    def pipe(self, texts, **_):
        self.calls += 1
        return [text.split() for text in texts]


class FirstWord:
    """A step that marks each document's first word as a mention."""

    name, requires, produces = "first-word", frozenset(), frozenset({"mentions"})

    def run(self, doc, article, found):
        mention = Mention(article.article_id, 0, len(doc[0]), doc[0], "X", None)
        return replace(found, mentions=(*found.mentions, mention))


def test_steps_out_of_order_are_refused_when_the_stage_is_made():
    with pytest.raises(PipelineError, match=r"step 'events' \(position 1\) needs \['actors', "
                                            r"'mentions', 'statements'\], which no earlier step"):
        AnnotateStage(None, steps=[EventsStep(None), ActorsStep(None), StatementsStep(None)])
    with pytest.raises(PipelineError, match=r"step 'statements' \(position 1\)"):
        AnnotateStage(None, steps=[StatementsStep(None), ActorsStep(None)])


def test_something_that_is_not_a_step_or_names_an_unknown_field_is_refused():
    with pytest.raises(PipelineError, match="is not a step"):
        AnnotateStage(None, steps=[object()])
    sentiment = FirstWord()
    sentiment.produces = frozenset({"sentiment"})
    with pytest.raises(PipelineError, match=r"unknown DocAnnotations fields \['sentiment'\]"):
        AnnotateStage(None, steps=[sentiment])


def test_the_default_steps_are_actors_statements_events_in_a_valid_order():
    steps = default_steps(cues=object(), gazetteer=object(), event_tools=object())
    assert [s.name for s in steps] == ["actors", "statements", "events"]
    stage = AnnotateStage(None, steps=steps)
    assert stage.kind == "document"
    assert stage.produces == {"mentions", "actors", "statements", "events", "event_mentions"}


def test_the_stage_runs_its_steps_on_each_annotatable_article_in_order():
    nlp = WordsNlp()
    stage = AnnotateStage(nlp, steps=[FirstWord()])
    batch = Batch(articles=(article("a", "Norway spoke"), article("b", "Chile replied"),
                            article("c", "Hallo Welt", language="de", nlp_skipped="de"),
                            article("d", "Norway spoke", duplicate_of="a")))
    done = stage.run(batch)
    assert [m.text for m in done.mentions] == ["Norway", "Chile"]
    assert done.statements == done.events == ()


def test_run_each_gives_what_run_gives_on_each_batch_with_one_model_pass():
    nlp = WordsNlp()
    stage = AnnotateStage(nlp, steps=[FirstWord()])
    batches = [Batch(articles=(article("a", "Norway spoke"),)), Batch(),
               Batch(articles=(article("b", "Chile replied"),))]
    each = stage.run_each(batches)
    assert nlp.calls == 1
    assert each == [stage.run(batch) for batch in batches]


def test_a_portable_copy_leaves_the_model_and_the_workers_behind():
    stage = AnnotateStage(WordsNlp(), steps=[FirstWord()], n_process=4)
    twin = stage.portable("en_core_web_sm")
    assert (twin.nlp, twin.model, twin.n_process) == (None, "en_core_web_sm", 1)
    assert stage.n_process == 4 and stage.nlp is not None and twin.steps == stage.steps


@pytest.mark.model
def test_the_default_steps_make_what_the_domain_functions_make(nlp, cues, event_tools):
    from dragoman.actors.mentions import link_document
    from dragoman.actors.titles import with_title_mentions
    from dragoman.events.extract import extract_events
    from dragoman.statements.extract import extract_statements

    text = ("Foreign ministers of Norway and Chile met in Vienna on Monday.\n\n"
            "\u201cWe will not accept any delay,\u201d Maria Lund, the Norwegian foreign "
            "minister, said after the meeting. The president condemned the attack on the port "
            "of Tema, the spokesman said. Chile accused Norway of blocking the agreement.")
    one = article("a1", text, published="2017-12-06")
    doc = nlp(text)
    actors = with_title_mentions(doc, "a1", link_document("a1", doc.ents, event_tools.gazetteer))
    statements = extract_statements(doc, one, actors, cues)
    events = EventScorer.load().scored(extract_events(doc, one, actors, statements, event_tools),
                                       one, actors.actors.values())

    stage = AnnotateStage(nlp, cues=cues, gazetteer=event_tools.gazetteer,
                          event_tools=event_tools)
    found = stage.annotate([one])
    assert found == [DocAnnotations(tuple(actors.mentions), tuple(actors.actors.values()),
                                    tuple(statements), tuple(events))]
    assert found[0].statements and found[0].events and found[0].mentions
