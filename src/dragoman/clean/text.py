"""Text normalisation, and the key two texts must share to be exact duplicates."""
from __future__ import annotations

import re
import unicodedata

import ftfy

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_TOKENS = re.compile(r"\w+", re.UNICODE)


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

