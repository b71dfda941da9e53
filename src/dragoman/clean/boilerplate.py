"""Plain-text boilerplate: lines that belong to the page around the article, not the article.

Rules are about *kinds* of lines (a counter, a share label, a "Read more" link, a "posted by"
footer), in any language where the kind has a closed vocabulary. Every removed line is kept
with the reason, as ``"reason: line"``, so a user can see what cleaning took out.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from dragoman.clean.dates import date_from_text

Removed = tuple[str, str]  # (reason, text)

_BULLET = "•·▪▫◦‣●■►▶-–—*"
_COUNTER_WORDS = (r"views?|shares?|comments?|likes?|reads?|reactions?|tweets?|retweets?|"
                  r"visits?|hits?|votes?|responses?|replies|vues?|partages?|kommentare?|"
                  r"aufrufe|visitas|comentarios?|compartidos")
_NUMBER = r"\d[\d.,\s]*[kKmM]?"
_COUNTER = re.compile(
    rf"^(?:(?:{_NUMBER}\s*(?:{_COUNTER_WORDS})|(?:{_COUNTER_WORDS})\s*[:(]?\s*{_NUMBER}\)?"
    rf"|no\s+(?:comments?|responses?|replies)(?:\s+yet)?|leave\s+a\s+(?:comment|reply)"
    rf"|be\s+the\s+first\s+to\s+comment)[\s|•·/,]*)+$", re.IGNORECASE)
_DATE_OR_NUMBER = re.compile(r"^[\d\s/.:,\-–apmAPM]*$")
_SEE_ALSO = re.compile(
    r"^(?:see\s+also|read\s+more|read\s+also|also\s+read|more\s+on\s+this|related(?:\s+"
    r"(?:stories|articles|news|content|posts?|coverage))?|continue\s+reading|click\s+here|"
    r"recommended|you\s+may\s+also\s+like|more)\s*[:»›>|\-–—]|^(?:see\s+also|read\s+more|"
    r"continue\s+reading|related\s+(?:stories|articles))\b", re.IGNORECASE)
_SEE_TITLE = re.compile(r"^See\s+[A-Z0-9][^.!?]*$")  # "See Harbour Weekly, May 3: Pier Talks Stall"
_POSTED_BY = re.compile(
    r"^(?:this\s+(?:article|story|post|report)\s+(?:has\s+been|was)\s+(?:posted|published|"
    r"written|filed|contributed)\b|posted\s+(?:by|in|on|at)\b|filed\s+under\b|published\s+by\b|"
    r"(?:all\s+rights\s+reserved|copyright\s+©?|©)\s*\d{0,4})", re.IGNORECASE)
_EMAIL_PLACEHOLDER = re.compile(r"\[\s*email(?:\s|&#160;|\u00a0)*protected\s*\]", re.IGNORECASE)
_BYLINE = re.compile(r"^[Bb]y+\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|al|van|von))"
                     r"{0,4}\s*$")
# "share" and the usual social buttons, in the languages news sites commonly use
_SHARE_WORDS = frozenset("""
share shares sharing tweet twitter facebook whatsapp telegram linkedin pinterest reddit
email e-mail print copy link copied messenger vk viber x this on via article story
teilen drucken partager imprimer compartir imprimir compartilhar condividi stampa delen
udostępnij paylaş поделиться поделится поделись отправить печать
مشاركة شارك انشر طباعة اطبع اشتراک‌گذاری اشتراک שתף 分享 共有 공유 공유하기 बाँटें शेयर
""".split())
# a share bar run into the text ("Send Facebook Twitter Google+ Whatsapp Tumblr linkedin stumble
# Digg reddit Newsvine Permalink http://…"): six or more of these words in a row
_SOCIAL = (r"(?:send|share|facebook|twitter|google\+|whatsapp|tumblr|linkedin|stumble(?:upon)?|"
           r"digg|reddit|newsvine|pinterest|e-?mail|print|telegram|xing|flipboard|vk|messenger)")
_INLINE_SHARE = re.compile(
    rf"(?<![\w+]){_SOCIAL}(?:[\s|,/•·]+{_SOCIAL}){{5,}}(?![\w+])(?:\s+permalink\s+\S+)?",
    re.IGNORECASE)
_SITE_PREFIX = re.compile(r"^(?P<prefix>[^:]{2,80}?)\s+:\s+(?P<rest>\S.*)$")
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")
_WORD = re.compile(r"[^\W_]+")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_share_label(line: str) -> bool:
    tokens = [t.strip("•·|/,:;.!()[]–—-").lower() for t in line.split()]
    tokens = [t for t in tokens if t]
    return bool(tokens) and len(tokens) <= 8 and all(t in _SHARE_WORDS for t in tokens)


def _is_metadata_bullet(line: str) -> bool:
    if not line or line[0] not in _BULLET:
        return False
    rest = line.lstrip(_BULLET).strip()
    return len(rest) <= 24 and (not rest or bool(_DATE_OR_NUMBER.match(rest)))


def _is_see_also(line: str) -> bool:
    if not (_SEE_ALSO.match(line) or _SEE_TITLE.match(line)) or len(_words(line)) > 25:
        return False
    return not line.endswith(("?", "!")) and not (line.endswith(".") and len(_words(line)) > 12)


LINE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("counter", lambda line: bool(_COUNTER.match(line))),
    ("metadata-bullet", _is_metadata_bullet),
    ("number-only", lambda line: len(line) <= 24 and bool(_DATE_OR_NUMBER.match(line))
     and any(c.isdigit() for c in line)),
    ("share-label", _is_share_label),
    ("see-also", _is_see_also),
    ("posted-by", lambda line: bool(_POSTED_BY.match(line)) and len(_words(line)) <= 40),
    ("email-placeholder", lambda line: bool(_EMAIL_PLACEHOLDER.search(line))
     and len(_words(line)) <= 30),
)


def line_reason(line: str) -> str | None:
    """Why ``line`` (stripped) is boilerplate wherever it stands, or None if it is not."""
    for reason, rule in LINE_RULES:
        if rule(line):
            return reason
    return None


def _is_label(line: str) -> bool:
    """A few words ending in a colon with nothing of its own: "Share :", "News Hour:"."""
    return line.endswith(":") and 0 < len(_words(line)) <= 3 and len(line) <= 40


_DATELINE = re.compile(r"^(?P<date>[^–—|]{6,30}?)\s+[–—|]\s+"
                       r"(?P<fields>(?:[^–—|.!?\n]{1,40}?\s+[–—|]\s+){0,3})(?P<rest>\S.*)$")
_MAX_EDGE_LINES = 4


def remove_boilerplate(text: str, title: str | None = None) -> tuple[str, list[Removed]]:
    """``(text without boilerplate lines, [(reason, removed text), ...])``.

    Blank-line paragraphs are kept. Lines are judged alone (counters, share labels, "Read
    more" links, footers, …) and at the edges of the text (a label, byline, repeated title or
    dateline at the top; a label with nothing after it at the bottom).
    """
    removed: list[Removed] = []
    kept: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        reason = line_reason(stripped) if stripped else None
        if reason:
            removed.append((reason, stripped))
        else:
            kept.append(_strip_placeholders(stripped, removed))
    _trim_top(kept, removed, title)
    _trim_bottom(kept, removed)
    return _tidy(kept), removed


def _strip_placeholders(line: str, removed: list[Removed]) -> str:
    if _EMAIL_PLACEHOLDER.search(line):
        removed.append(("email-placeholder", _EMAIL_PLACEHOLDER.search(line).group(0)))
        line = _EMAIL_PLACEHOLDER.sub("", line).strip()
    bars = [match.group(0) for match in _INLINE_SHARE.finditer(line)]
    if bars:
        removed += [("share-bar", bar) for bar in bars]
        line = re.sub(r"\s{2,}", " ", _INLINE_SHARE.sub(" ", line)).strip()
    return line


def _content_indexes(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line]


def _trim_top(lines: list[str], removed: list[Removed], title: str | None) -> None:
    for _ in range(_MAX_EDGE_LINES):
        content = _content_indexes(lines)
        if not content:
            return
        first = content[0]
        reason = _top_reason(lines[first], title, is_last=len(content) == 1)
        if reason is None:
            break
        removed.append((reason, lines[first]))
        lines[first] = ""
    content = _content_indexes(lines)
    if content:
        lines[content[0]] = _strip_dateline(lines[content[0]], removed)


def _top_reason(line: str, title: str | None, is_last: bool) -> str | None:
    if is_last:
        return None
    if _is_label(line) and not any(w[0].islower() for w in _words(line)):
        return "label"  # "News Hour:", not "The director said:"
    if _BYLINE.match(line):
        return "byline"
    if title and _same_words(line, title):
        return "title-repeat"
    return None


def _same_words(line: str, title: str) -> bool:
    """True when ``line`` says the title again (maybe with a kicker such as "Syria:")."""
    line_words = [w.lower() for w in _words(line)]
    title_words = {w.lower() for w in _words(title)}
    if not line_words or len(line_words) > 2 * len(title_words) + 3:
        return False
    shared = sum(w in title_words for w in line_words)
    return shared >= 0.75 * len(title_words) and shared >= 0.6 * len(line_words)


def _strip_dateline(line: str, removed: list[Removed]) -> str:
    """Drop a leading "DATE – By NAME – SITE – " prefix from the first paragraph."""
    match = _DATELINE.match(line)
    if not match or not date_from_text(match.group("date"), head_chars=40):
        return line
    fields = [f for f in re.split(r"\s+[–—|]\s+", match.group("fields")) if f.strip()]
    if any(len(_words(f)) > 5 for f in fields) or len(_words(match.group("date"))) > 5:
        return line
    removed.append(("dateline", line[: match.start("rest")].strip()))
    return match.group("rest")


def _trim_bottom(lines: list[str], removed: list[Removed]) -> None:
    for _ in range(_MAX_EDGE_LINES):
        content = _content_indexes(lines)
        if len(content) < 2 or not _is_label(lines[content[-1]]):
            return
        removed.append(("dangling-label", lines[content[-1]]))
        lines[content[-1]] = ""


def _tidy(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_title(title: str | None, outlet: str | None = None) -> tuple[str | None, list[Removed]]:
    """A title without the site name stuck to it ("SITE : Title", "Title | Site")."""
    if not title:
        return title, []
    match = _SITE_PREFIX.match(title)
    if match and len(_words(match.group("prefix"))) <= 8:
        return match.group("rest").strip(), [("title-prefix", match.group("prefix").strip())]
    if outlet:
        key = _key(outlet)
        for separator in _SITE_SEPARATORS:
            head, sep, tail = title.rpartition(separator)
            if sep and head and _same_site(tail, key):
                return head.strip(), [("title-suffix", tail.strip())]
            first, sep, rest = title.partition(separator)
            if sep and rest and _same_site(first, key):
                return rest.strip(), [("title-prefix", first.strip())]
    return title, []


def _same_site(part: str, outlet_key: str) -> bool:
    """Whether a piece of a title names the outlet ("Port News" v "portnews.example")."""
    part_key = _key(part)
    return len(part_key) >= 3 and (part_key in outlet_key or outlet_key in part_key)


def _key(name: str) -> str:
    return "".join(_words(name.lower().removeprefix("www.").split(".")[0]
                          if "." in name and " " not in name else name.lower()))
