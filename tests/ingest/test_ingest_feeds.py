"""Feeds, sitemaps and URLs, with a fake transport: no test here touches the network.

Every sample below is written for these tests (invented outlets at example.org/.net).
"""
from __future__ import annotations

import http.server
import threading
from html import escape

import pytest

from dragoman.clean.language import LanguageGuesser
from dragoman.clean.stage import clean_record
from dragoman.errors import InputError
from dragoman.ingest import read_inputs, registry
from dragoman.ingest.fetch import (FetchError, LazyFetcher, PoliteFetcher, Response,
                                   UrllibTransport)
from dragoman.model import RawDoc, Reject
from dragoman.settings import Settings

SETTINGS = Settings()
HOST = "https://news.example.org"
PARAGRAPHS = [
    "Delegations from Norway and Chile met in Vienna on Monday to discuss the fishing dispute "
    "that has strained relations between the two countries for more than a year.",
    "\u201cWe will not accept any delay,\u201d Maria Lund, the Norwegian foreign minister, said "
    "after the meeting, adding that her government expected an answer within a week.",
    "Chile accused Norway of blocking the agreement and said it would take the matter to the "
    "regional fisheries commission if no progress was made before the end of the month.",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def page(title: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{BODY}</article></body></html>").encode()


def rss_full() -> bytes:
    items = "".join(
        f"<item><title>Talks day {n}</title><link>{HOST}/talks-{n}</link>"
        f"<guid>{HOST}/talks-{n}</guid><pubDate>Mon, 0{n} Mar 2021 10:00:00 +0000</pubDate>"
        f"<dc:creator>Ana Ruiz</dc:creator><description>Short teaser {n}.</description>"
        f"<content:encoded><![CDATA[{BODY}]]></content:encoded></item>" for n in (1, 2))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title>'
            f"<link>{HOST}/</link>{items}</channel></rss>").encode()


def rss_links(*paths: str) -> bytes:
    items = "".join(f"<item><title>Story {p}</title><link>{HOST}{p}</link>"
                    "<pubDate>Tue, 02 Mar 2021 08:00:00 GMT</pubDate>"
                    "<description>A short teaser.</description></item>" for p in paths)
    return (f'<rss version="2.0"><channel><title>Example News</title>{items}'
            "</channel></rss>").encode()


def atom_full() -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Example Wire</title><id>urn:example:wire</id><updated>2021-03-05T00:00:00Z"
            f'</updated><entry><title>Vienna talks</title><id>urn:example:1</id><link href="'
            f'{HOST}/vienna"/><published>2021-03-04T09:30:00Z</published><updated>'
            f"2021-03-06T00:00:00Z</updated><author><name>Li Wei</name></author>"
            f'<content type="html">{escape(BODY)}</content></entry></feed>').encode()


def sitemap(*paths: str) -> bytes:
    urls = "".join(f"<url><loc>{HOST}{p}</loc><news:news><news:title>Headline {p}</news:title>"
                   "<news:publication_date>2021-03-02</news:publication_date></news:news></url>"
                   for p in paths)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>").encode()


HTML = {"content-type": "text/html; charset=utf-8"}
XML = {"content-type": "application/rss+xml"}
ROBOTS = Response(200, {"content-type": "text/plain"},
                  b"User-agent: *\nDisallow: /private/\n", f"{HOST}/robots.txt")


class FakeTransport:
    """Serves hand-written answers; a URL it does not know is a 404. Records every request."""

    def __init__(self, answers: dict[str, Response | Exception]) -> None:
        self.answers, self.requests = answers, []

    def get(self, url: str) -> Response:
        self.requests.append(url)
        answer = self.answers.get(url, Response(404, {}, b"not found", url))
        if isinstance(answer, Exception):
            raise answer
        return answer


class FakeClock:
    """A clock that only moves when something sleeps (or a request "takes" ``step``)."""

    def __init__(self) -> None:
        self.now, self.sleeps = 100.0, []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def polite(answers: dict, rate: float = 1.0) -> tuple[PoliteFetcher, FakeTransport, FakeClock]:
    transport, clock = FakeTransport({f"{HOST}/robots.txt": ROBOTS, **answers}), FakeClock()
    return PoliteFetcher(transport, rate=rate, clock=clock.time, sleep=clock.sleep), transport, clock


class NoNetwork:
    def get(self, url: str) -> Response:
        raise AssertionError(f"unexpected fetch of {url}")


def read(tmp_path, name: str, data: bytes, fetcher=None) -> list[RawDoc | Reject]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_inputs([str(path)], SETTINGS, fetcher=fetcher or NoNetwork()))


def test_feed_items_with_full_content_are_read_without_fetching(tmp_path):
    records = read(tmp_path, "news.rss", rss_full())
    assert [r.origin for r in records] == [f"{tmp_path}/news.rss#{HOST}/talks-{n}" for n in (1, 2)]
    first = records[0]
    assert (first.fmt, first.title, first.url, first.author) == (
        "html", "Talks day 1", f"{HOST}/talks-1", "Ana Ruiz")
    assert first.published == "2021-03-01T10:00:00Z" and "Maria Lund" in first.text
    article = clean_record(first, SETTINGS, LanguageGuesser())
    assert article.text.split("\n\n") == PARAGRAPHS  # the clean stage extracts it like a page
    assert (article.published, article.published_source) == ("2021-03-01", "metadata")
    assert (article.title, article.outlet) == ("Talks day 1", "news.example.org")


def test_atom_content_uses_the_published_date_not_updated(tmp_path):
    [record] = read(tmp_path, "wire.atom", atom_full())
    assert (record.origin, record.fmt, record.author) == (
        f"{tmp_path}/wire.atom#urn:example:1", "html", "Li Wei")
    assert record.published == "2021-03-04T09:30:00Z" and record.url == f"{HOST}/vienna"


def test_feed_items_with_only_links_are_fetched(tmp_path):
    fetcher, transport, _ = polite({f"{HOST}/a": Response(200, HTML, page("Page A"), f"{HOST}/a"),
                                    f"{HOST}/b": Response(200, HTML, page("Page B"), f"{HOST}/b")})
    records = read(tmp_path, "links.xml", rss_links("/a", "/b"), fetcher)
    assert transport.requests == [f"{HOST}/robots.txt", f"{HOST}/a", f"{HOST}/b"]
    assert [(r.origin, r.fmt, r.title, r.url) for r in records] == [
        (f"{HOST}/a", "html", "Story /a", f"{HOST}/a"), (f"{HOST}/b", "html", "Story /b", f"{HOST}/b")]
    assert records[0].published == "2021-03-02T08:00:00Z" and "Page A" in records[0].text


def test_robots_disallow_and_http_errors_become_rejects_and_the_run_goes_on(tmp_path):
    fetcher, transport, _ = polite({
        f"{HOST}/ok": Response(200, HTML, page("OK"), f"{HOST}/ok"),
        f"{HOST}/down": FetchError("no answer within 30 s", "try again later", reason="timeout")})
    records = read(tmp_path, "mixed.rss", rss_links("/private/x", "/gone", "/down", "/ok"),
                   fetcher)
    assert [(r.origin, getattr(r, "reason", "page")) for r in records] == [
        (f"{HOST}/private/x", "robots-disallowed"), (f"{HOST}/gone", "http-404"),
        (f"{HOST}/down", "timeout"), (f"{HOST}/ok", "page")]
    assert f"{HOST}/private/x" not in transport.requests  # never asked for
    assert "save the page" in records[0].detail and "check the address" in records[1].detail
    assert "try again later" in records[2].detail


def test_robots_txt_refused_or_failing_blocks_the_host_but_missing_allows_it():
    for status, allowed in ((404, True), (403, False), (503, False)):
        fetcher, _, _ = polite({f"{HOST}/robots.txt": Response(status),
                                f"{HOST}/a": Response(200, HTML, page("A"))})
        if allowed:
            assert fetcher.get(f"{HOST}/a").status == 200
        else:
            with pytest.raises(FetchError) as err:
                fetcher.get(f"{HOST}/a")
            assert err.value.reason == "robots-disallowed"


def test_rate_limit_spaces_requests_to_one_host_without_sleeping():
    other = "https://other.example.net"
    fetcher, transport, clock = polite({f"{HOST}/{n}": Response(200, HTML, b"<p>x</p>")
                                        for n in range(3)}, rate=0.5)
    times = []
    for url in (f"{HOST}/0", f"{other}/x", f"{HOST}/1", f"{HOST}/2"):
        fetcher.get(url)
        times.append(clock.now)
    assert transport.requests[0] == f"{HOST}/robots.txt"  # read once per host, also paced
    assert transport.requests.count(f"{HOST}/robots.txt") == 1
    assert clock.sleeps == [2.0, 2.0, 2.0]  # 0.5 requests/s: 2 s between any two to one host
    # each host waits after its own robots.txt; /1 had waited long enough while other.example.net
    # was served, so hosts never wait for each other
    assert times == [102.0, 104.0, 104.0, 106.0]


def test_a_longer_crawl_delay_in_robots_txt_wins():
    robots = Response(200, {}, b"User-agent: *\nCrawl-delay: 5\n")
    fetcher, _, clock = polite({f"{HOST}/robots.txt": robots, f"{HOST}/a": Response(200),
                                f"{HOST}/b": Response(200)})
    fetcher.get(f"{HOST}/a")
    fetcher.get(f"{HOST}/b")
    assert clock.sleeps == [5.0, 5.0]  # after robots.txt itself, then between the pages


def test_sitemap_pages_are_fetched_with_their_news_metadata(tmp_path):
    fetcher, _, _ = polite({f"{HOST}/s1": Response(200, HTML, page("S1"), f"{HOST}/s1")})
    records = read(tmp_path, "sitemap.xml", sitemap("/s1", "/s2"), fetcher)
    assert [(r.origin, getattr(r, "reason", None)) for r in records] == [
        (f"{HOST}/s1", None), (f"{HOST}/s2", "http-404")]
    assert (records[0].title, records[0].published) == ("Headline /s1", "2021-03-02")


def test_sitemap_index_url_is_followed_to_its_sitemaps():
    index = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
             f"{HOST}/sitemap-1.xml</loc></sitemap></sitemapindex>").encode()
    fetcher, _, _ = polite({
        f"{HOST}/sitemap.xml": Response(200, {"content-type": "application/xml"}, index),
        f"{HOST}/sitemap-1.xml": Response(200, {}, sitemap("/s1")),
        f"{HOST}/s1": Response(200, HTML, page("S1"), f"{HOST}/s1")})
    records = list(read_inputs([f"{HOST}/sitemap.xml"], SETTINGS, fetcher=fetcher))
    assert [(r.origin, r.fmt) for r in records] == [(f"{HOST}/s1", "html")]


def test_urls_on_the_command_line_feed_or_page(tmp_path):
    fetcher, _, _ = polite({
        f"{HOST}/feed": Response(200, XML, rss_full(), f"{HOST}/feed"),
        f"{HOST}/story": Response(200, HTML, page("Story"), f"{HOST}/story"),
        f"{HOST}/photo.jpg": Response(200, {"content-type": "image/jpeg"}, b"\xff\xd8\xff")})
    records = list(read_inputs([f"{HOST}/feed", f"{HOST}/story", f"{HOST}/photo.jpg"],
                               SETTINGS, fetcher=fetcher))
    assert [(r.origin, r.reason if isinstance(r, Reject) else r.fmt) for r in records] == [
        (f"{HOST}/feed#{HOST}/talks-1", "html"), (f"{HOST}/feed#{HOST}/talks-2", "html"),
        (f"{HOST}/story", "html"), (f"{HOST}/photo.jpg", "not-html")]


def test_malformed_feed_is_rejected_naming_the_file(tmp_path):
    records = read(tmp_path, "broken.rss", b'<?xml version="1.0"?><rss version="2.0"><channel>'
                   b"<title>Broken</title><item><title>Cut off <b>here")
    assert records[-1].reason == "malformed-feed"
    assert str(tmp_path / "broken.rss") in records[-1].detail
    assert "re-download" in records[-1].detail


def test_xml_that_is_not_a_feed_and_an_empty_feed_are_rejected(tmp_path):
    [other] = read(tmp_path, "config.xml", b'<?xml version="1.0"?><settings><a>1</a></settings>')
    assert other.reason == "not-a-feed"
    [empty] = read(tmp_path, "empty.rss", b'<rss version="2.0"><channel><title>x</title>'
                   b"</channel></rss>")
    assert empty.reason == "empty-feed"


def test_missing_paths_still_raise_and_no_fetcher_is_built_for_local_files(tmp_path, monkeypatch):
    with pytest.raises(InputError):
        list(read_inputs([str(tmp_path / "nope.rss")], SETTINGS))
    monkeypatch.setattr(registry, "make_fetcher", lambda settings: pytest.fail("built"))
    (tmp_path / "news.rss").write_bytes(rss_full())
    assert len(list(read_inputs([str(tmp_path / "news.rss")], SETTINGS))) == 2
    built = []
    lazy = LazyFetcher(lambda: built.append(1) or FakeTransport({}))
    assert lazy.get(f"{HOST}/x").status == 404 and lazy.get(f"{HOST}/y").status == 404
    assert built == [1]


def test_urllib_transport_sends_our_user_agent_and_returns_http_errors():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            seen.append(self.headers.get("User-Agent"))
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>hi</p>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # loopback only
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        transport = UrllibTransport(timeout=5)
        ok, missing = transport.get(f"{base}/ok"), transport.get(f"{base}/missing")
    finally:
        server.shutdown()
    assert (ok.status, ok.body, ok.content_type) == (200, b"<p>hi</p>", "text/html")
    assert missing.status == 404
    assert seen[0].startswith("dragoman/") and "robots.txt" in seen[0]
    with pytest.raises(FetchError) as err:
        transport.get(f"{base}/ok")  # the server is gone
    assert err.value.reason in ("network-error", "timeout")
