"""Text normalisation and a light language guess (first versions)."""
from __future__ import annotations

import re
import unicodedata

import ftfy

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKENS = re.compile(r"\w+", re.UNICODE)
_ENGLISH = frozenset(
    "the of and to in a is that for it on was with as by he said at from his be this an are "
    "have has but not they were which their its or had will who been would after also we".split()
)


def normalise_text(text: str) -> str:
    """Repair mojibake (ftfy, curly quotes kept), NFC, one kind of newline, tidy spaces."""
    fixed = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in fixed.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def content_key(text: str) -> str:
    """What two texts must share to be exact duplicates: the words and numbers, in order;
    case, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_TOKENS.findall(folded))


def guess_language(text: str) -> str | None:
    """``"en"`` when English function words are common, ``None`` (unknown) otherwise.

    A placeholder until the ingestion issue brings real language identification.
    """
    words = _WORDS.findall(text[:5000].lower())
    if len(words) < 5:
        return None
    share = sum(word in _ENGLISH for word in words) / len(words)
    return "en" if share >= 0.12 else None
