"""Sentences of articles with their article id and character span, and the dates they mention.

Every sentence a timeline or a summary shows is one of these: ``text`` is exactly
``article.text[start:end]``, so it can always be traced back (and cited).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Prof|U\.S|U\.N|No|Jan|Feb|"
                     r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$")
MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
MONTHS |= {name[:3]: i for name, i in list(MONTHS.items())} | {"sept": 9}
_MONTH = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b",
                       re.I)
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(by\s+|until\s+|next\s+|before\s+|coming\s+|last\s+|on\s+)?("
                      + "|".join(_WEEKDAYS) + r")\b", re.I)
_FUTURE = ("by", "until", "next", "before", "coming")
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|this morning|this afternoon|this evening)\b",
                       re.I)
# what every pattern above needs (a digit, or a word ending in "day", "tonight", "this
# morning/afternoon/evening"): most sentences have none of it and are passed over at once
_MAY_NAME_A_DAY = re.compile(r"\d|day\b|tonight|this (?:morning|afternoon|evening)", re.I)


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    start: int
    end: int
    text: str
    published: dt.date | None = None
    position: int = 0            # index of the sentence in its article


def split_sentences(article_id: str, text: str, published: dt.date | None = None,
                    min_words: int = 6, max_words: int = 80) -> list[Sentence]:
    """The article's sentences of a readable length, with exact spans."""
    out: list[Sentence] = []
    start, position = 0, 0
    pieces = []
    for match in _SPLIT.finditer(text):
        quote = match.group(0)[:1] in "\"”’)"
        end = match.start() + (1 if quote else 0)
        if _ABBREV.search(text[start:end]) and "\n" not in match.group(0):
            continue
        pieces.append((start, end))
        start = match.end()
    pieces.append((start, len(text)))
    for begin, finish in pieces:
        raw = text[begin:finish]
        stripped = raw.strip()
        if not stripped:
            continue
        offset = begin + raw.index(stripped)
        words = len(stripped.split())
        if min_words <= words <= max_words and _balanced(stripped):
            out.append(Sentence(article_id, offset, offset + len(stripped), stripped, published,
                                position))
        position += 1
    return out


def mentioned_dates(sentence: str, published: dt.date | None) -> list[tuple[dt.date, str]]:
    """Days a sentence names, resolved against the publication date: "March 3(, 2011)",
    "3 March", ISO dates, "yesterday", "on Friday"/"last Friday" (the latest such day before
    publication). Returns (date, precision 'day') pairs; month-only mentions are not days."""
    found: list[tuple[dt.date, str]] = []
    if not _MAY_NAME_A_DAY.search(sentence):
        return found
    for match in _DATE_ISO.finditer(sentence):
        day = _safe(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if day:
            found.append((day, "day"))
    for pattern, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy")):
        for match in pattern.finditer(sentence):
            if order == "mdy":
                month, day_of, year = match.group(1), match.group(2), match.group(3)
            else:
                day_of, month, year = match.group(1), match.group(2), match.group(3)
            number = MONTHS.get(month.lower().rstrip(".")[:4] if month.lower().startswith("sept")
                                else month.lower().rstrip(".")[:3])
            day = _resolve(number, int(day_of), int(year) if year else None, published)
            if day:
                found.append((day, "day"))
    if published is not None:
        for match in _RELATIVE.finditer(sentence):
            shift = 1 if match.group(1).lower() == "yesterday" else 0
            found.append((published - dt.timedelta(days=shift), "day"))
        for match in _WEEKDAY.finditer(sentence):
            if match.group(1) and match.group(1).split()[0].lower() in _FUTURE:
                continue
            weekday = _WEEKDAYS.index(match.group(2).lower())
            back = (published.weekday() - weekday) % 7
            last = bool(match.group(1)) and "last" in match.group(1).lower()
            back = 7 if back == 0 and last else back
            # the day after publication: an event tomorrow, or today where the story was dated
            # a time zone behind (an Asian Saturday in a US Friday article), not 6 days back
            back = -1 if back == 6 and not last else back
            found.append((published - dt.timedelta(days=back), "day"))
    return list(dict.fromkeys(found))


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(month: int | None, day: int, year: int | None,
             published: dt.date | None) -> dt.date | None:
    """A month/day without a year takes the publication year (the year before when that would
    put it more than two months after publication)."""
    if month is None or not 1 <= day <= 31:
        return None
    if year is not None:
        return _safe(year, month, day)
    if published is None:
        return None
    candidate = _safe(published.year, month, day)
    if candidate and (candidate - published).days > 60:
        candidate = _safe(published.year - 1, month, day)
    return candidate


def named_days_of_year(text: str, limit: int = 2000) -> tuple[int, ...]:
    """Days of the year (1–366) that the first ``limit`` characters name as month and day
    ("Feb 23", "2 December"), with or without a year: what dates an undated article."""
    days = set()
    head = text[:limit]
    for pattern, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy")):
        for match in pattern.finditer(head):
            month, day = ((match.group(1), match.group(2)) if order == "mdy"
                          else (match.group(2), match.group(1)))
            key = month.lower().rstrip(".")
            number = MONTHS.get(key[:4] if key.startswith("sept") else key[:3])
            found = _safe(2000, number, int(day)) if number else None
            if found:
                days.add(found.timetuple().tm_yday)
    return tuple(sorted(days))


def _balanced(text: str) -> bool:
    """Quotes open and close inside the sentence (a sentence cut out of a longer quotation
    reads badly on its own)."""
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return straight and curly
