"""What a reader reads: a segment's text without the characters that change no word.

Text copied from web pages carries characters a reader has to look through:

* format characters inside words: soft hyphens (``жетки\\u00adрилди``), zero-width spaces and
  joiners, word joiners, direction marks, byte-order marks (the ``Cf`` characters listed in
  ``_FORMAT``);
* stress marks on vowels (``челове\\u0301к``), written in Russian text for the reader's sake
  (U+0300 and U+0301 left over once the text is composed);
* letters written as a base letter and a combining mark (``и`` + U+0306 for ``й``), which are
  composed (NFC);
* HTML character references left in plain text (``12&nbsp;киши``, ``&laquo;``, ``&#8212;``).

:func:`readable` returns the text as a reader should see it and, when anything changed, a
:class:`Back` map from its offsets to the original's, so that every figure still quotes the
exact characters of the raw file it came from.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Back", "readable"]

#: Format characters no word is written with (soft hyphen, Arabic letter mark, Mongolian vowel
#: separator, zero-width space/joiners and direction marks, embeddings and overrides, word
#: joiner and invisible operators, byte-order mark): dropped.
_FORMAT = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
#: Combining diacritical marks: composed with the letter before them (NFC), else dropped when
#: they are the acute or grave accent that marks stress, else kept.
_MARKS = "\u0300-\u036f"
_STRESS = frozenset("\u0300\u0301")
# Everything readable() changes, found in one pass; the text between is copied as it is.
_CHANGE = re.compile(
    rf"(?P<format>[{_FORMAT}])|(?P<mark>[{_MARKS}])"
    r"|(?P<ref>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)


@dataclass(frozen=True, slots=True)
class Back:
    """Offsets of each character of the readable text in the original: character ``k``
    comes from ``original[starts[k]:ends[k]]``."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    length: int  # of the original

    def start(self, k: int) -> int:
        """Original offset of a span that starts at readable offset ``k``."""
        return self.starts[k] if k < len(self.starts) else self.length

    def end(self, k: int) -> int:
        """Original offset of a span that ends (exclusive) at readable offset ``k``."""
        return self.ends[k - 1] if k > 0 else 0

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original offsets of the readable span ``[a, b)``."""
        if b <= a:
            s = self.start(a)
            return s, s
        return self.start(a), self.end(b)


def readable(text: str) -> tuple[str, Back | None]:
    """``text`` without invisible characters and stress marks, with letters composed and
    HTML character references decoded; and the map back (None when nothing changed).

    >>> readable("5 адам жетки\\u00adрилди")[0]
    '5 адам жеткирилди'
    >>> plain, back = readable("12&nbsp;киши")
    >>> plain, back.span(0, 2), back.span(3, 7)
    ('12\\xa0киши', (0, 2), (8, 12))
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _CHANGE.finditer(text):
        i = m.start()
        out.extend(text[pos:i])
        starts.extend(range(pos, i))
        ends.extend(range(pos + 1, i + 1))
        pos = m.end()
        ch = m.group()
        if m.lastgroup == "format":
            continue  # no letter of any word
        if m.lastgroup == "ref":
            decoded = html.unescape(ch)
            if len(decoded) == 1 and decoded != ch:
                out.append(decoded)
                starts.append(i)
                ends.append(pos)
                continue
        elif out:  # a combining mark after a character
            composed = unicodedata.normalize("NFC", out[-1] + ch)
            if len(composed) == 1:
                out[-1], ends[-1] = composed, pos
                continue
            if ch in _STRESS:
                ends[-1] = pos  # the stress mark belongs to its vowel
                continue
        out.extend(ch)
        starts.extend(range(i, pos))
        ends.extend(range(i + 1, pos + 1))
    if pos == 0:
        return text, None  # no match: the common case costs one search
    out.extend(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    plain = "".join(out)
    if plain == text:
        return text, None
    return plain, Back(tuple(starts), tuple(ends), len(text))
