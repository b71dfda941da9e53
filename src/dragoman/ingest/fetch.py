"""Fetching URLs politely: an injectable HTTP client with robots.txt and a per-host rate limit.

Layers, each replaceable in tests:

- a **transport** does one HTTP GET and nothing else (``UrllibTransport``, standard library);
- ``PoliteFetcher`` wraps a transport: it asks each host's ``robots.txt`` first (read once per
  host, through the same transport) and waits so that no host gets more than
  ``fetch_rate`` requests per second (or fewer, if ``robots.txt`` sets a longer Crawl-delay);
- ``LazyFetcher`` builds the real one on its first request, so that reading local files never
  touches the network stack.

Anything with ``get(url) -> Response`` is a ``Fetcher``. ``get`` returns a ``Response`` for
every HTTP answer (a 404 too) and raises ``FetchError`` when there is no answer to give (a
timeout, a refused connection, a robots.txt disallow); ``fetch_or_reject`` turns both failures
into a ``Reject`` whose detail says what to do.
"""
from __future__ import annotations

import http.client
import importlib.metadata
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from dragoman.errors import FetchError
from dragoman.names import safe_name
from dragoman.model import Reject, bytes_hash
from dragoman.settings import Settings

ROBOTS_AGENT = "dragoman"  # the token robots.txt rules name


@dataclass(frozen=True)
class Response:
    """One HTTP answer: status, headers (lower-case names), body, and the final URL."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    url: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class Fetcher(Protocol):
    """What readers fetch through: one GET, an answer or a ``FetchError``."""

    def get(self, url: str) -> Response: ...


def user_agent() -> str:
    """The User-Agent header: who we are, which version, and that we obey robots.txt."""
    try:
        version = importlib.metadata.version("dragoman")
    except importlib.metadata.PackageNotFoundError:
        version = "dev"
    return f"dragoman/{version} (news research tool; fetches public articles; obeys robots.txt)"


def is_url(name: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return name.lower().startswith(("http://", "https://"))


class UrllibTransport:
    """One plain HTTP GET with the standard library; no robots.txt, no rate limit."""

    def __init__(self, agent: str | None = None, timeout: float = 30.0,
                 max_bytes: int = 20_000_000) -> None:
        self.user_agent = agent or user_agent()
        self.timeout, self.max_bytes = timeout, max_bytes

    def get(self, url: str) -> Response:
        """The answer to ``GET url`` (HTTP errors included); ``FetchError`` when there is none."""
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept-Encoding": "identity"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return self._response(answer, answer.status, url)
        except urllib.error.HTTPError as err:
            with err:
                return self._response(err, err.code, url)
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
            cause = getattr(err, "reason", None) or err
            if isinstance(cause, TimeoutError):  # urllib wraps a connect timeout in URLError
                raise FetchError(f"{url}: no answer within {self.timeout:g} s", "the site is "
                                 "slow or down; try again later", reason="timeout") from err
            raise FetchError(f"{url}: cannot connect ({cause})", "check the address and your "
                             "network connection, then run the command again",
                             reason="network-error") from err

    def _response(self, answer, status: int, url: str) -> Response:
        body = answer.read(self.max_bytes + 1)
        headers = {name.lower(): value for name, value in answer.headers.items()}
        return Response(status, headers, body, answer.geturl() or url)


class PoliteFetcher:
    """A transport behind robots.txt (cached per host) and a per-host rate limit.

    ``clock`` and ``sleep`` are injectable so that tests check the waits without waiting.
    """

    def __init__(self, transport: Fetcher, rate: float = 1.0, agent: str = ROBOTS_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.transport, self.agent = transport, agent
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}

    def get(self, url: str) -> Response:
        """``GET url`` if the host's robots.txt allows it, after waiting our turn for the host."""
        robots = self._robots_for(url)
        if not robots.can_fetch(self.agent, url):
            raise FetchError(f"{url}: the site's robots.txt does not allow {self.agent!r} to "
                             "fetch this page", "save the page in a browser and ingest the file, "
                             "or ask the site for access", reason="robots-disallowed")
        return self._paced_get(url, robots.crawl_delay(self.agent))

    def _paced_get(self, url: str, crawl_delay: object = None) -> Response:
        """``transport.get`` once at least the host's interval has passed since its last request."""
        host = _host(url)
        interval = max(self.interval, float(crawl_delay or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        try:
            return self.transport.get(url)
        finally:
            self._last[host] = self.clock()

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt rules, fetched once (RFC 9309: 4xx allows all, 5xx none)."""
        host = _host(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host + "/robots.txt")
        return self._robots[host]

    def _read_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(robots_url)
        try:
            answer = self._paced_get(robots_url)
        except FetchError:
            answer = Response(503)  # unreachable robots.txt: assume nothing may be fetched
        if answer.status in (401, 403) or answer.status >= 500:
            rules.disallow_all = True
        elif answer.status >= 400:
            rules.allow_all = True
        else:
            rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return rules


class LazyFetcher:
    """Builds its fetcher on the first request (local files never need one)."""

    def __init__(self, build: Callable[[], Fetcher]) -> None:
        self._build = build
        self._fetcher: Fetcher | None = None

    def get(self, url: str) -> Response:
        if self._fetcher is None:
            self._fetcher = self._build()
        return self._fetcher.get(url)


def make_fetcher(settings: Settings) -> PoliteFetcher:
    """The real fetcher: urllib behind robots.txt and ``settings.fetch_rate``."""
    transport = UrllibTransport(timeout=settings.fetch_timeout,
                                max_bytes=settings.max_record_bytes)
    return PoliteFetcher(transport, rate=settings.fetch_rate)


def fetch_or_reject(fetcher: Fetcher, url: str, max_bytes: int) -> Response | Reject:
    """The 2xx answer for ``url``, or a Reject (origin: the URL) saying what went wrong."""
    key = bytes_hash(url.encode())
    try:
        answer = fetcher.get(url)
    except FetchError as err:
        return Reject(url, err.reason, safe_name(f"{err.args[0]}; {err.hint}"), key)
    if answer.status >= 400 or answer.status < 200:
        return Reject(url, f"http-{answer.status}", safe_name(_status_hint(url, answer.status)),
                      key)
    if len(answer.body) > max_bytes:
        return Reject(url, "too-large", f"{safe_name(url)} is over the {max_bytes}-byte limit; "
                      "raise DRAGOMAN_MAX_RECORD_BYTES", key)
    return answer


def _status_hint(url: str, status: int) -> str:
    if status in (404, 410):
        return f"{url} answered HTTP {status} (gone); check the address or drop it"
    if status in (401, 403, 451):
        return (f"{url} answered HTTP {status} (refused); save the page in a browser and "
                "ingest the file")
    if status == 429 or status >= 500:
        return (f"{url} answered HTTP {status} (busy or failing); run the command again later "
                "(stored records are skipped), or lower DRAGOMAN_FETCH_RATE")
    return f"{url} answered HTTP {status}; check the address"


def _host(url: str) -> str:
    """``scheme://host[:port]``: the unit robots.txt and the rate limit apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
