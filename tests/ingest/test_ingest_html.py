"""HTML pages: charset repair, the reader, and extraction of the article with its metadata."""
from __future__ import annotations

import gzip

from dragoman.clean.extract import extract_html, outlet_from_url
from dragoman.clean.language import LanguageGuesser
from dragoman.clean.stage import clean_record
from dragoman.ingest import read_inputs
from dragoman.ingest.html import declared_charset, decode_html
from dragoman.model import Article, RawDoc, Reject
from dragoman.settings import Settings

PARAGRAPHS = [
    "The foreign ministers of Norway and Chile met in Vienna on Monday to discuss the fishing "
    "dispute that has strained relations between the two countries for more than a year.",
    "\u201cWe will not accept any delay,\u201d Maria Lund, the Norwegian foreign minister, said "
    "after the meeting, adding that her government expected an answer within a week.",
    "Chile accused Norway of blocking the agreement and said it would bring the matter to the "
    "regional fisheries commission if no progress was made before the end of the month.",
]


def page(body_extra: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"{charset}\">"
        "<title>Ministers meet in Vienna | Example Times</title>"
        "<meta property=\"og:site_name\" content=\"Example Times\">"
        "<meta name=\"author\" content=\"Ana Ruiz\">"
        "<meta property=\"article:published_time\" content=\"2021-03-04T10:00:00Z\">"
        "</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
        f"<article><h1>Ministers meet in Vienna</h1>{paragraphs}{body_extra}</article>"
        "<footer>Copyright 2021 Example Times. All rights reserved.</footer></body></html>")


def test_utf8_bytes_win_over_a_wrong_declared_charset():
    data = page(charset="iso-8859-1").encode("utf-8")
    text, encoding = decode_html(data)
    assert encoding == "utf-8" and "\u201cWe will not accept" in text


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    data = page(charset="windows-1252").replace("Vienna", "Wien café").encode("cp1252")
    text, encoding = decode_html(data)
    assert encoding == "cp1252" and "Wien café" in text and "\u201cWe" in text
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; '
                            b'charset=ISO-8859-1">') == "cp1252"  # browsers read latin-1 as cp1252
    assert declared_charset(b"<html>", "text/html; charset=koi8-r") == "koi8-r"


def test_extraction_keeps_the_article_and_its_metadata():
    found = extract_html(page(), url="https://www.example.com/world/2021/03/04/vienna")
    assert found is not None
    assert "We will not accept any delay" in found.text and "regional fisheries" in found.text
    assert "Home" not in found.text and "All rights reserved" not in found.text
    assert found.text.count("\n\n") >= 2  # paragraphs survive as blank-line paragraphs
    assert found.published == "2021-03-04" and found.published_source == "htmldate"
    assert found.author == "Ana Ruiz" and found.outlet == "Example Times"


def test_reader_handles_html_htm_and_gzip(tmp_path):
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.htm").write_text(page().replace("Monday", "Tuesday"), encoding="utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(page().replace("Monday", "Friday")
                                                       .encode("utf-8")))
    (tmp_path / "d.html.gz").write_bytes(b"not gzip at all")
    records = list(read_inputs([str(tmp_path)], Settings()))
    docs = [r for r in records if isinstance(r, RawDoc)]
    assert [r.fmt for r in docs] == ["html"] * 3
    (reject,) = [r for r in records if isinstance(r, Reject)]
    assert reject.reason == "corrupt-gzip" and "decompress" in reject.detail


def test_clean_stage_turns_a_page_into_an_article_with_a_clean_title():
    raw = RawDoc(origin="p.html", text=page(), source_hash="h", fmt="html",
                 url="https://www.example.com/world/vienna")
    article = clean_record(raw, Settings(), LanguageGuesser())
    assert isinstance(article, Article)
    assert article.title == "Ministers meet in Vienna"  # not "… | Example Times"
    assert not article.text.startswith("Ministers meet")  # the headline is not body text
    assert article.published == "2021-03-04" and article.language == "en"


def test_a_page_without_article_text_is_rejected_with_a_reason():
    raw = RawDoc(origin="empty.html", text="<html><body><nav>Home</nav></body></html>",
                 source_hash="h", fmt="html")
    reject = clean_record(raw, Settings(), LanguageGuesser())
    assert isinstance(reject, Reject) and reject.reason in ("no-main-text", "empty")


def test_outlet_from_url():
    assert outlet_from_url("https://www.example.org:443/a/b") == "example.org"
    assert outlet_from_url(None) is None


def test_an_article_not_in_english_is_kept_and_marked_for_the_nlp_stages():
    text = ("Die Außenminister Norwegens und Chiles trafen sich am Montag in Wien, um über den "
            "Fischereistreit zu sprechen, der die Beziehungen seit mehr als einem Jahr belastet.")
    article = clean_record(RawDoc(origin="de.txt", text=text, source_hash="h"), Settings(),
                           LanguageGuesser())
    assert isinstance(article, Article) and article.language == "de"
    assert article.nlp_skipped and "English only" in article.nlp_skipped


def test_the_annotate_stage_skips_articles_marked_nlp_skipped():
    from dragoman.annotate import AnnotateStage
    from dragoman.pipeline import Batch

    class RecordingNlp:
        def __init__(self):
            self.texts = []

        def pipe(self, texts, **_):
            self.texts.extend(texts)
            return iter(())

    nlp = RecordingNlp()
    marked = Article(article_id="a", origin="a", text="Hallo Welt", content_hash="c",
                     source_hash="h", language="de", nlp_skipped="language 'de'")
    AnnotateStage(nlp).run(Batch(articles=(marked,)))
    assert nlp.texts == []
