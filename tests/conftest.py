"""Shared fixtures. Tests build small inputs by hand; ../shared is read, never copied."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the project (seeds and benchmarks live there)")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return shared / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy model, loaded once for the whole session."""
    from dragoman.text import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def cues():
    """The packaged statement cue lexicon, loaded once."""
    from dragoman.statements.cues import load_cues

    return load_cues()


@pytest.fixture
def statements_of(nlp, cues):
    """``statements_of(text)``: the statements of one hand-written text (published
    2017-12-06), each checked to slice its own text, speaker mention and cue class."""
    from dragoman.model import Article
    from dragoman.actors.mentions import link_document
    from dragoman.statements.cues import CUE_CLASSES
    from dragoman.statements.extract import extract_statements

    def _run(text: str):
        article = Article(article_id="a1", origin="t", text=text, content_hash="h",
                          source_hash="h", published="2017-12-06")
        doc = nlp(text)
        statements = extract_statements(doc, article, link_document("a1", doc.ents), cues)
        for s in statements:
            assert article.text[s.start:s.end] == s.text
            if s.speaker_start is not None:
                assert article.text[s.speaker_start:s.speaker_end] == s.speaker_mention
            assert s.cue_class in CUE_CLASSES
        return statements
    return _run


@pytest.fixture(scope="session")
def event_tools(cues):
    """What event extraction reads (cues, gazetteer, lexicon, type model), made once."""
    from dragoman.actors.mentions import load_gazetteer
    from dragoman.events.extract import make_tools

    return make_tools(cues, load_gazetteer())


@pytest.fixture
def events_of(nlp, cues, event_tools):
    """``events_of(text, published="2017-12-06")``: ``(events, statements)`` of one hand-written
    text, as the annotate stage makes them, each event checked to slice its own text."""
    from dragoman.model import Article
    from dragoman.actors.mentions import link_document
    from dragoman.events.extract import extract_events
    from dragoman.statements.extract import extract_statements

    def _run(text: str, published: str | None = "2017-12-06"):
        article = Article(article_id="a1", origin="t", text=text, content_hash="h",
                          source_hash="h", published=published)
        doc = nlp(text)
        actors = link_document("a1", doc.ents, event_tools.gazetteer)
        statements = extract_statements(doc, article, actors, cues)
        events = extract_events(doc, article, actors, statements, event_tools)
        for e in events:
            assert article.text[e.start:e.end] == e.text
        return events, statements
    return _run


@pytest.fixture
def shared_model(nlp, monkeypatch):
    """Make every ingest in the test reuse the session's model instead of loading it again."""
    import dragoman.text

    monkeypatch.setattr(dragoman.text, "load_nlp", lambda model=None: nlp)
    return nlp


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small hand-made corpus: two text files, a JSONL file, a CSV file, one exact copy."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "talks.txt").write_text(
        "Ministers meet in Vienna\n\n"
        "The foreign ministers of Norway and Chile met in Vienna on Monday.\n\n"
        "\u201cWe will not accept any delay,\u201d Maria Lund, the Norwegian foreign minister, "
        "said after the meeting.\n\nChile accused Norway of blocking the agreement.\n",
        encoding="utf-8")
    (folder / "sub" / "copy.md").write_text(
        "Ministers meet in Vienna\n\n"
        "The foreign ministers of Norway and Chile met  in Vienna on Monday.\n\n"
        "\u201cWe will not accept any delay,\u201d Maria Lund, the Norwegian foreign minister, "
        "said after the meeting.\n\nChile accused Norway of blocking the agreement.\n",
        encoding="utf-8")
    (folder / "wire.jsonl").write_text(
        '{"title": "Port reopens", "text": "The port of Tema reopened on Tuesday after a '
        'strike by dock workers ended, officials said.", "published": "2020-03-04", '
        '"url": "https://www.example.org/a"}\n'
        '{"headline": "Rains", "body": "Heavy rains flooded the lower town of Kumasi, the '
        'regional government said on Wednesday."}\n',
        encoding="utf-8")
    (folder / "dump.csv").write_text(
        "title,text,published,outlet\n"
        '"Strike ends","Dock workers in Lagos ended their strike after the union agreed to '
        'a new wage offer, the union said.",2021-05-06,Example Wire\n',
        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seeds_db(seeds: Path, nlp, tmp_path_factory) -> str:
    """The five seed articles ingested once per session (read it, never write to it)."""
    from dragoman.api import ingest

    db = str(tmp_path_factory.mktemp("seeds-db") / "seeds.duckdb")
    ingest([str(seeds)], db=db, nlp=nlp)
    return db
