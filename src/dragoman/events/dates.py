"""When did it happen: date phrases in a sentence resolved against the publication date.

``resolve("last Friday", date(2017, 12, 6))`` → ``Resolved("2017-12-01", "day")``. Handles what
news prose uses: weekdays ("on Tuesday", "last Friday", "next Monday", "Tuesday morning"),
yesterday/today/tomorrow, "N days/weeks/months/years ago", last/this/next week/month/year,
month names with or without day and year ("February 23", "on 4 October 2007", "in December",
"December 2016"), bare years ("in 2014", "the 2014 resolution") and ISO dates. Durations ("six
years", "the past five years") and vague phrases ("recently", "so far") give None: the caller
then keeps the publication date and says so.

A weekday or a month without a year is taken in the direction of the verb: the latest one on or
before the publication date for a reported past event, the next one after it for a future or
planned one ("will meet on Tuesday"). Precision is ``day``, ``week``, ``month`` or ``year``.

Publication dates themselves are found by :mod:`dragoman.clean.dates`; this module only reads
phrases inside the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_UNITS = {"day": 1, "week": 7}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DURATION = re.compile(r"\b(past|last|next|over|for|within|almost|nearly|about|some)\s+"
                       r"(\w+\s+)?(days|weeks|months|years|decades)\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(day|week|month|year)s?\s+ago\b")
_RELATIVE_UNIT = re.compile(r"\b(last|this|next|past|previous|coming|earlier this|later this)\s+"
                            r"(week|month|year)\b")
_WEEKDAY = re.compile(r"\b(?:(last|next|this|past|coming)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_MONTH_NAME = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
              r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_NAME +
                        r"(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b" + _MONTH_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_MONTH_YEAR = re.compile(r"\b(?:(last|next|this|early|late|mid|in)\s+)?" + _MONTH_NAME +
                         r"(?:\s+(?:of\s+)?(\d{4}))?\b")
# a year is a 4-digit number that is not one group of a longer number: "1800 666 111" and
# "1800-666-111" (phone numbers spaCy tags DATE) are not the year 1800
_YEAR = re.compile(r"(?<![\d,.])(?<!\d[ \-/])\b(1[89]\d\d|20\d\d)\b"
                   r"(?![ \-]?\d{3}(?!\d)|[ \-]?\d{5})")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# without a year written out, a phrase names a date within this many days of publication
# ("N years ago" counts as written out)
MAX_IMPLICIT_DAYS = 2 * 366
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?![\d])")


@dataclass(frozen=True, slots=True)
class Resolved:
    date: str  # ISO: YYYY-MM-DD (the first day of the week/month/year for coarser precisions)
    precision: str  # day | week | month | year


def parse_published(published: str | None) -> date | None:
    """The day of an ISO publication date (``2017-12-06`` or ``2017-12-06T10:00``), else None."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    if match is None:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def resolve(phrase: str, published: date, future: bool = False) -> Resolved | None:
    """The date a phrase names, relative to ``published``; None when it names no date."""
    text = phrase.lower().replace("’", "'")
    if _DURATION.search(text) and not _AGO.search(text):
        return None
    for rule in (_iso, _numeric, _deictic, _ago, _day_month, _weekday, _relative_unit, _month,
                 _year):
        found = rule(text, published, future)
        if found is not None:
            return found if _plausible(found, text, published) else None
    return None


def _plausible(found: Resolved, text: str, published: date) -> bool:
    """A date far from publication needs its year in the phrase ("in 1967", "125 years ago"):
    anything else far away is a misreading, never a date."""
    if _FOUR_DIGITS.search(text) or _AGO.search(text):
        return 1800 <= int(found.date[:4]) <= published.year + 100
    return abs((date.fromisoformat(found.date) - published).days) <= MAX_IMPLICIT_DAYS


def _day(value: date) -> Resolved:
    return Resolved(value.isoformat(), "day")


def _iso(text: str, published: date, future: bool) -> Resolved | None:
    match = _ISO.search(text)
    if match is None:
        return None
    try:
        return _day(date(*map(int, match.groups())))
    except ValueError:
        return None


def _numeric(text: str, published: date, future: bool) -> Resolved | None:
    """Numeric dates: "18-07-2015", "19.04.2017" (day first), "4/16/2017" (month first when
    the day comes second); an order both ways valid takes the reading nearer publication."""
    match = _NUMERIC.search(text)
    if match is None:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if match.group(2) != "/" and first <= 31 and second <= 12 and len(readings) == 2:
        return _day(readings[0])  # "-" and "." dates are day first
    return _day(min(readings, key=lambda d: abs((d - published).days)))


def _deictic(text: str, published: date, future: bool) -> Resolved | None:
    for word, shift in (("day before yesterday", -2), ("yesterday", -1), ("tonight", 0),
                        ("today", 0), ("day after tomorrow", 2), ("tomorrow", 1)):
        if re.search(rf"\b{word}\b", text):
            return _day(published + timedelta(days=shift))
    return None


def _ago(text: str, published: date, future: bool) -> Resolved | None:
    match = _AGO.search(text)
    if match is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBER_WORDS[match.group(1)]
    unit = match.group(2)
    if unit in _UNITS:
        return Resolved((published - timedelta(days=count * _UNITS[unit])).isoformat(),
                        "day" if unit == "day" else "week")
    if unit == "month":
        year, month = _add_months(published.year, published.month, -count)
        return Resolved(f"{year:04d}-{month:02d}-01", "month")
    return Resolved(f"{published.year - count:04d}-01-01", "year")


def _weekday(text: str, published: date, future: bool) -> Resolved | None:
    match = _WEEKDAY.search(text)
    if match is None:
        return None
    modifier, weekday = match.group(1), WEEKDAYS.index(match.group(2))
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier in ("last", "past"):
        return _day(published - timedelta(days=back or 7))
    if modifier in ("next", "coming"):
        return _day(published + timedelta(days=ahead or 7))
    if future:
        return _day(published + timedelta(days=ahead))
    return _day(published - timedelta(days=back))


def _day_month(text: str, published: date, future: bool) -> Resolved | None:
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.search(text)
        if match is None:
            continue
        month = _month_number(match.group(month_group))
        year = int(match.group(3)) if match.group(3) else None
        try:
            day = int(match.group(day_group))
            value = date(year or published.year, month, day)
        except ValueError:
            continue
        if year is None:
            value = _nearest_year(value, published, future)
        return _day(value)
    return None


def _nearest_year(value: date, published: date, future: bool) -> date:
    """A day-month without a year: this year's, or the previous/next year's when that is the
    one on the right side of the publication date (a December event in a January article)."""
    if not future and (value - published).days > 31:
        return value.replace(year=value.year - 1)
    if future and (published - value).days > 31:
        return value.replace(year=value.year + 1)
    return value


def _relative_unit(text: str, published: date, future: bool) -> Resolved | None:
    match = _RELATIVE_UNIT.search(text)
    if match is None:
        return None
    which, unit = match.group(1), match.group(2)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "year":
        return Resolved(f"{published.year + step:04d}-01-01", "year")
    if unit == "month":
        year, month = _add_months(published.year, published.month, step)
        return Resolved(f"{year:04d}-{month:02d}-01", "month")
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    return Resolved(monday.isoformat(), "week")


def _month(text: str, published: date, future: bool) -> Resolved | None:
    for match in _MONTH_YEAR.finditer(text):
        name, year = match.group(2), match.group(3)
        if name == "may" and not (year or match.group(1)):
            continue  # the modal verb
        if name in ("mar", "march") and not (year or match.group(1)):
            continue  # "the march on the capital"
        month = _month_number(name)
        if year:
            return Resolved(f"{int(year):04d}-{month:02d}-01", "month")
        value = date(published.year, month, 1)
        step = {"last": -1, "next": 1}.get(match.group(1) or "", 0)
        if step < 0 or (not future and step == 0 and month > published.month):
            value = value.replace(year=value.year - 1)
        elif step > 0 or (future and month < published.month):
            value = value.replace(year=value.year + 1)
        return Resolved(value.isoformat(), "month")
    return None


def _year(text: str, published: date, future: bool) -> Resolved | None:
    match = _YEAR.search(text)
    return Resolved(f"{match.group(1)}-01-01", "year") if match else None


def _month_number(name: str) -> int:
    return _MONTH_ABBR[name.rstrip(".")[:4] if name.startswith("sept") else name[:3]]


def _add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1
