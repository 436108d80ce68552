"""What a reader reads: a segment's text without the characters that change no word.

Text copied from web pages carries characters a reader has to look through:

* format characters inside words: soft hyphens (``жетки\\u00adрилди``), zero-width spaces and
  joiners, word joiners, direction marks, byte-order marks (Unicode category ``Cf``);
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

#: Combining marks dropped when they do not compose with the letter before them: the acute
#: and grave accents that mark stress.
_STRESS = frozenset("\u0300\u0301")
_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A cheap test first: most segments have none of these and are returned as they are.
_NEEDS = re.compile(
    r"[\u00ad\u0300-\u036f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]|&[#A-Za-z]"
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
    if _NEEDS.search(text) is None:
        return text, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            m = _REFERENCE.match(text, i)
            decoded = html.unescape(m.group()) if m is not None else ch
            if m is not None and len(decoded) == 1 and decoded != m.group():
                out.append(decoded)
                starts.append(i)
                ends.append(m.end())
                i = m.end()
                continue
        cat = unicodedata.category(ch)
        if cat == "Cf":
            i += 1  # a format character: no letter of any word
            continue
        if cat == "Mn" and out:
            composed = unicodedata.normalize("NFC", out[-1] + ch)
            if len(composed) == 1:
                out[-1] = composed
                ends[-1] = i + 1
                i += 1
                continue
            if ch in _STRESS:
                ends[-1] = i + 1  # the stress mark belongs to its vowel
                i += 1
                continue
        out.append(ch)
        starts.append(i)
        ends.append(i + 1)
        i += 1
    plain = "".join(out)
    if plain == text:
        return text, None
    return plain, Back(tuple(starts), tuple(ends), n)
