"""Publication dates: from metadata strings, from the top of the text, from the URL."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
_QUICK_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%m/%d/%Y", "%Y%m%d")
_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TEXT_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",                        # February 03 2016, Feb. 3, 2016
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",              # 3 February 2016
    rf"\b{_YEAR}-(?P<nmonth>[01]?\d)-(?P<nday>[0-3]?\d)\b",      # 2016-02-03
    rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b",             # 12/16/2017 (US order first)
    rf"\b(?P<nday>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.{_YEAR}\b",    # 16.12.2017
))
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?([01]\d)[/_-]?([0-3]\d)(?:[/_.-]|$)")
_URL_SLASHED = re.compile(r"/((?:19|20)\d{2})/([01]?\d)/([0-3]?\d)/")
# how far into a text a date still counts as the article's own ("near the top")
HEAD_CHARS = 300


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from a metadata date string, or None if it is not one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _ISO_PREFIX.match(value):
        return _iso(value[:4], value[5:7], value[8:10])
    for fmt in _QUICK_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return _parse_with_dateparser(value)


def _parse_with_dateparser(value: str) -> str | None:
    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True,
                                               "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """The date in a URL path such as ``/2017/12/06/`` or ``/20171206-``, or None."""
    if not url:
        return None
    for pattern in (_URL_SLASHED, _URL_DATE):
        match = pattern.search(url)
        if match and (found := _iso(*match.groups())):
            return found
    return None


def date_from_text(text: str, head_chars: int = HEAD_CHARS) -> tuple[str, str] | None:
    """``(ISO date, the words it was read from)`` for the first full date near the top."""
    head = text[:head_chars]
    found = []
    for pattern in _TEXT_PATTERNS:
        for match in pattern.finditer(head):
            iso = _match_to_iso(match.groupdict())
            if iso:
                found.append((match.start(), iso, match.group(0)))
    if not found:
        return None
    _, iso, words = min(found)
    return iso, words


def _match_to_iso(groups: dict) -> str | None:
    year = groups["year"]
    if groups.get("month"):
        return _iso(year, _MONTHS[groups["month"].lower().rstrip(".")], groups["day"])
    if groups.get("nmonth"):
        return _iso(year, groups["nmonth"], groups["nday"])
    first, second = int(groups["a"]), int(groups["b"])
    if first > 12:  # day/month/year
        return _iso(year, second, first)
    return _iso(year, first, second)  # month/day/year: the US order, unless impossible
