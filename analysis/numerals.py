"""Kyrgyz numerals as news text writes them: spell, parse and find number mentions.

A *mention* is a count written with digits (``300гө``, ``100дөн``, ``11и``, ``20дайын``,
``2 миң 990``, ``10 миңдей``, ``1 214``), with number words (``жыйырма беш``, ``отуздан``,
``эки жүз``) or as a collective (``жетөө``, ``экөөсү``). Each mention records its value, the
suffix on its last word (case, possessive, the approximative ``-дай/-дей``), and whether it is
a collective.

Not counts, and so never returned as mentions: dates and ordinals (``5-январга``,
``3-класс``, ``бешинчи``), clock times (``19:40та``), decimals without a scale word, numbers
glued to ``%``. Words that follow a number and make it a duration, a price or a share
(``9 айда``, ``бир нече саат``, ``бир бөлүгү``) are rejected by the figure extractor, which
knows the counted nouns.

Vague quantities (``бир нече миң``, ``ондогон``, ``жүздөгөн``, ``миңдеген``) are mentions with
``several=True`` and the order of magnitude as value (``бир нече миң`` is 1000); a number
before one multiplies it (``он миңдеген``, tens of thousands, is 10000).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache, lru_cache
from typing import NamedTuple

__all__ = [
    "COLLECTIVES",
    "Mention",
    "find_mentions",
    "parse_number",
    "spell",
]

UNITS = {
    "бир": 1,
    "эки": 2,
    "үч": 3,
    "төрт": 4,
    "беш": 5,
    "алты": 6,
    "жети": 7,
    "сегиз": 8,
    "тогуз": 9,
}
TENS = {
    "он": 10,
    "жыйырма": 20,
    "отуз": 30,
    "кырк": 40,
    "элүү": 50,
    "алтымыш": 60,
    "жетимиш": 70,
    "сексен": 80,
    "токсон": 90,
}
SCALES = {"жүз": 100, "миң": 1000, "миллион": 1_000_000, "млн": 1_000_000}
COLLECTIVES = {
    "бирөө": 1,
    "экөө": 2,
    "үчөө": 3,
    "төртөө": 4,
    "бешөө": 5,
    "алтоо": 6,
    "жетөө": 7,
    "сегизөө": 8,
    "тогузоо": 9,
}
#: Plural quantifiers: "tens of", "hundreds of", "thousands of".
SEVERAL_WORDS = {"ондогон": 10, "жүздөгөн": 100, "миңдеген": 1000}
_WORDS = {**UNITS, **TENS, **SCALES}
_UNITS_BY_VALUE = {v: k for k, v in UNITS.items()}
_TENS_BY_VALUE = {v: k for k, v in TENS.items()}

# Inflections a count may carry: case, possessive (+case), approximative, "-ча" (about).
# Ordinal suffixes (-ынчы) are deliberately absent, so "бешинчи" is no count.
_CASE = r"(?:[дтн][аеоөыиуү]н|[гк][аеоө]|[дт][аеоө]|[дтн][аеоө]н|[дтн][ыиуү]|н[аеоө]|[аеоөыиуү]|н)"
_POSS = r"(?:с?[ыиуү])"
_APPROX = r"(?:[дт][аеоө]й|ч[аеоө])"
SUFFIX_RE = re.compile(
    rf"(?:{_APPROX}(?:{_POSS}{_CASE}?|{_CASE})?|{_POSS}{_CASE}?|{_CASE}|{_POSS}н[ыиуү])"
)
_APPROX_RE = re.compile(_APPROX)

_L = "а-яёөүңА-ЯЁӨҮҢ"
# One pass finds every candidate: digits (with thin/no-break thousands groups, a decimal
# part, a glued or hyphenated suffix) or a run of number words, then collectives.
_NUMWORD = "|".join(sorted([*_WORDS, *COLLECTIVES, *SEVERAL_WORDS, "нече"], key=len, reverse=True))
#: Spaces that may stand inside or after a number (no-break, narrow, thin, figure).
_SPACE_CHARS = " \u00a0\u202f\u2009\u2007"
_SP = f"[{_SPACE_CHARS}]"
# First letters of every number word, both cases: a cheap test before the alternation.
_FIRST = "".join(
    sorted({w[0] + w[0].upper() for w in [*_WORDS, *COLLECTIVES, *SEVERAL_WORDS, "нече"]})
)
_DIGITS = rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?!\d)|\d+(?:[.,]\d+)?"


def _by_first_letter(words: list[str]) -> str:
    """Alternation of lower-case words as written: lower case, capitalised or in capitals.

    Grouping by first letter and matching case-sensitively is much faster than IGNORECASE
    over the whole pattern (the scan tries this at every word start of every sentence).
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    lower = (f"{c}(?:{'|'.join(map(re.escape, r))})" for c, r in groups.items())
    upper = (
        f"{c.upper()}(?:{'|'.join(map(re.escape, r + [x.upper() for x in r]))})"
        for c, r in groups.items()
    )
    return "|".join([*lower, *upper])


CANDIDATE_RE = re.compile(
    rf"(?=[\d{_FIRST}])(?:(?<![\d:./,_A-Za-z\-])(?P<dig>{_DIGITS})(?P<tail>[:./,]\d|%|-?[{_L}]*)"
    rf"|(?<![\w:./,-])(?P<word>(?P<stem>{_by_first_letter([*_WORDS, *COLLECTIVES, *SEVERAL_WORDS, 'нече'])})"
    rf"(?P<wsuf>(?i:{SUFFIX_RE.pattern})?)(?![{_L}])))"
)
_SP_RE = re.compile(_SP)
_SPACES = frozenset(_SPACE_CHARS)
_STARTS = frozenset("0123456789" + "".join(w[0] + w[0].upper() for w in _WORDS))
_LETTERS = re.compile(rf"[{_L}]+")
_NEXT_WORD = re.compile(rf"{_SP}*(?:(?P<dig>{_DIGITS})(?![:./,]\d)|(?P<word>[{_L}]+))")
# The next word when it is a number word (one match instead of a word and a table look-up).
_NEXT_NUMWORD = re.compile(
    rf"{_SP}(?P<w>{_by_first_letter(list(_WORDS))})(?P<s>(?i:{SUFFIX_RE.pattern})?)(?![{_L}])"
)


# "бир жарым миң" (one and a half thousand): "жарым" (half) between the units and a scale.
_HALF = re.compile(
    rf"{_SP}жарым{_SP}(?P<w>миң|миллион|млн)(?P<s>(?i:{SUFFIX_RE.pattern})?)(?![{_L}])"
)


class Mention(NamedTuple):
    """A count found in text: value, span (end is after its suffix) and its morphology.

    A named tuple: immutable, and several times cheaper to make than a frozen dataclass
    (one is made per number in the text).
    """

    value: int
    start: int
    end: int
    suffix: str = ""
    collective: bool = False
    several: bool = False

    @property
    def tags(self) -> tuple[str, ...]:
        """What the word analysis reads in the suffix, on the number's last word spelled out:
        ``300гө`` is read as ``жүзгө`` (DAT), ``11и`` as ``бири`` (P3), ``экөөсү`` as P3."""
        return suffix_tags(self.value, self.suffix, self.collective) if self.suffix else ()

    @property
    def approx(self) -> bool:
        """True when the suffix says "about" (``100дөй``, ``миңдей``, ``жүзчө``)."""
        return "APPROX" in self.tags or "INS" in self.tags

    @property
    def possessive(self) -> bool:
        """True for a possessive ending with an elided noun (``11и``, ``экөөсү``)."""
        return "P3" in self.tags

    @property
    def ablative(self) -> bool:
        """True for ``-дан/-дөн`` ("than"): ``100дөн ашык``."""
        return "ABL" in self.tags

    @property
    def dative(self) -> bool:
        """True for ``-га/-гө`` ("to"): ``300гө жакын``."""
        return "DAT" in self.tags


@lru_cache(maxsize=1 << 12)
def suffix_tags(value: int, suffix: str, collective: bool = False) -> tuple[str, ...]:
    """Tags of ``suffix`` after the number ``value`` (``("?",)`` when it reads as none)."""
    from analysis.morph import analyse
    from analysis.spelling import front_vowels

    if collective:  # "бирөөсү": the collective word with its suffix
        last = next(w for w, v in COLLECTIVES.items() if v == value)
    elif value % 1000:
        last = spell(value % 1000).split()[-1]
    else:
        last = "миң" if value % 1_000_000 else "миллион"
    # "2,5 миңдей", "бир жарым миңге": a fraction of a scale has the scale as its last word.
    # "4у" typed for "4ү": a suffix without the Kyrgyz letters is read by harmony too.
    for suf in dict.fromkeys((suffix, front_vowels(suffix))):
        for word in (last, "миң", "миллион") if value >= 1000 else (last,):
            for a in analyse(word + suf):
                if a.stem == word and a.tags:
                    return a.tags
            # "20дайын", "жыйырмадайы" (about twenty of them): "about", then the possessive
            # and case the word analysis reads on the approximate word as a stem
            approx = _APPROX_RE.match(suf)
            if approx is None or approx.end() == len(suf):
                continue
            stem = word + approx.group()
            for a in analyse(word + suf):
                if a.stem == stem and a.tags:
                    return ("APPROX", *a.tags)
    return ("?",)


def _below_1000(n: int) -> list[str]:
    """Words of 1..999 (``жүз`` alone for 100, ``бир жүз`` in 101..199)."""
    words: list[str] = []
    h, rest = divmod(n, 100)
    if h:
        words += ["жүз"] if n == 100 else [_UNITS_BY_VALUE[h], "жүз"]
    t, u = divmod(rest, 10)
    if t:
        words.append(_TENS_BY_VALUE[t * 10])
    if u:
        words.append(_UNITS_BY_VALUE[u])
    return words


def spell(n: int) -> str:
    """Kyrgyz words for 1 <= n < 1 000 000 000, e.g. ``2990 -> "эки миң тогуз жүз токсон"``."""
    if not 1 <= n < 1_000_000_000:
        raise ValueError(f"cannot spell {n}")
    words: list[str] = []
    m, n = divmod(n, 1_000_000)
    if m:
        words += ["миллион"] if m == 1 and not n else [*_below_1000(m), "миллион"]
    t, r = divmod(n, 1000)
    if t:
        words += ["миң"] if t == 1 and not r else [*_below_1000(t), "миң"]
    if r:
        words += _below_1000(r)
    return " ".join(words)


@cache
def _table_re(words: tuple[str, ...]) -> re.Pattern:
    """``(word)(inflection)`` over a table's words, longest word first."""
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"({alt})((?:{SUFFIX_RE.pattern})?)")


def _split_suffix(token: str, table: dict[str, int]) -> tuple[str, str] | None:
    """(word, suffix) when ``token`` is a word of ``table`` plus a valid inflection."""
    m = _table_re(tuple(table)).fullmatch(token.lower())
    return (m.group(1), m.group(2)) if m else None


class _Acc:
    """Accumulates number words and digit groups into a value, refusing bad orders."""

    def __init__(self) -> None:
        self.total = 0  # completed millions and thousands
        self.group = 0  # the current group below a thousand
        self.has_thousand = False
        self.n = 0
        self.last = 0  # value of the last word or digit group

    def add(self, value: int, scale: bool) -> bool:
        if scale and value == 100:
            ok = self.group < 10 and not (self.n and self.group == 0 and self.last < 1000)
            if ok:
                self.group = (self.group or 1) * 100
        elif scale and value == 1000:
            ok = not self.has_thousand and (self.group or not self.n or self.total)
            if ok:
                self.total += (self.group or 1) * 1000
                self.group, self.has_thousand = 0, True
        elif scale:
            ok = self.total == 0
            if ok:
                self.total = (self.group or 1) * value
                self.group = 0
        elif value >= 1000:
            ok = self.n == 0
            if ok:
                self.total, self.has_thousand = value, True
        elif value >= 100 or (self.n and self.last >= 1000):
            ok = self.group == 0 and (self.n == 0 or self.last >= 1000)
            if ok:
                self.group = value
        elif value >= 10:
            ok = self.group % 100 == 0
            if ok:
                self.group += value
        else:
            ok = self.group % 10 == 0 and not (self.n and self.last < 10)
            if ok:
                self.group += value
        if ok:
            self.n += 1
            self.last = value
        return bool(ok)

    @property
    def value(self) -> int:
        return self.total + self.group


def parse_number(text: str) -> int:
    """Value of a Kyrgyz number written in words and/or digits (``"эки миң 990" -> 2990``).

    Raises
    ------
    ValueError
        When ``text`` is not one well-formed number.
    """
    found = find_mentions(text)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.rstrip()):
        raise ValueError(f"not a number: {text!r}")
    return found[0].value


def _digit_value(s: str) -> int | None:
    """Integer of a digit string with thousands groups; None for a bare decimal.

    Runs longer than any count are read as :data:`TOO_LARGE` without converting them.
    """
    if not s.isdigit():
        s = _SP_RE.sub("", s)
        if "," in s or "." in s:
            return None
    if len(s.lstrip("0")) >= _MAX_DIGITS:
        return TOO_LARGE
    return int(s)


#: Counts above this are read as this value and reported as too large by the readers (a
#: run of 5 000 digits must not reach ``int()``, which refuses more than 4 300 digits).
TOO_LARGE = 10**16
_MAX_DIGITS = 17

# The rest of a token that is no count: "21:45", "14.01.20", "5-январга", "2013-2014-жылдан".
_REST = re.compile(r"(?:[:./,\-–]?\d+)*(?:%|-?[^\W\d_]*)")
_MONTH_RE = re.compile(
    r"-?(?:январ|феврал|фервал|март|апрел|май|июн|июл|август|сентябр|октябр|ноябр|декабр"
    r"|январ|феврал|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"-?(?:жыл|ж\b|г\b|год)", re.IGNORECASE)


def find_mentions(text: str, rejected: list | None = None) -> list[Mention]:
    """Every count in ``text`` in order (see the module docstring for what is not a count).

    When ``rejected`` is a list, each digit run read as no count is appended to it as
    ``(start, end, reason)``: ``clock_time``, ``date``, ``year``, ``ordinal``, ``percentage``,
    ``unit`` (a decimal without a scale word) or ``identifier`` (``COVID-19``, ``24/7``,
    ``24.kg``).
    """
    out: list[Mention] = []
    pos = 0
    while True:
        m = CANDIDATE_RE.search(text, pos)
        if m is None:
            return out
        pos = m.end()
        mention = _read(text, m)
        if isinstance(mention, Mention):
            if "(" in text[mention.end : mention.end + 2]:  # cheap test before _ECHO
                mention = _echoed(text, mention)
            elif text[mention.end + 1 : mention.end + 2] in _SEVERAL_STARTS:  # cheap test
                mention = _times_several(text, mention)
            out.append(mention)
            pos = max(pos, mention.end)
        elif m.group("dig") is not None:
            end = _REST.match(text, m.start() + len(m.group("dig"))).end()
            if mention == "too_large":
                scale = _NEXT_NUMWORD.match(text, end)  # "...5 миң": the scale is its own
                end = scale.end() if scale is not None else end
            if rejected is not None:
                rejected.append((m.start(), end, mention or _reason(text, m, end)))
            pos = max(pos, end)


#: A stop and Latin letters glued to digits: the rest of a web address (``24.kg``); the
#: Russian reader asks it too.
WEB_ADDRESS = re.compile(r"\.[A-Za-z]")

_ECHO = re.compile(rf"{_SP}?\({_SP}*([^()]{{1,40}}?){_SP}*\)")


def _echoed(text: str, mention: Mention) -> Mention:
    """``4 (төрт) адам``, ``беш (5) киши``: a number repeated in brackets, as official texts
    write it, is one mention (its span ends after the bracket; an inflection on either
    copy is kept)."""
    m = _ECHO.match(text, mention.end)
    if m is None:
        return mention
    inner = find_mentions(m.group(1))
    if len(inner) != 1 or inner[0].value != mention.value or inner[0].start != 0:
        return mention
    if inner[0].end != len(m.group(1)) or (mention.suffix and inner[0].suffix):
        return mention
    return mention._replace(end=m.end(), suffix=mention.suffix or inner[0].suffix)


def _reason(text: str, m: re.Match, end: int) -> str:
    """Why the digits at candidate ``m`` (up to ``end``) are no count."""
    token = text[m.start() : end]
    if _CLOCK_RE.match(token):
        return "clock_time"
    if _DATE_RE.match(token):
        return "date"
    tail = text[m.start() + len(m.group("dig")) : end]
    first = tail[:1]
    if first == "%":
        return "percentage"
    if first in ("/", ":"):
        return "identifier"
    if first in ("-", "–"):
        letters = tail.lstrip("-–0123456789")
        if _MONTH_RE.match(letters):
            return "date"
        if _YEAR_RE.match(letters) or len(m.group("dig")) == 4:
            return "year"
        return "ordinal"
    return "unit"


_CLOCK_RE = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.,:])")
_DATE_RE = re.compile(r"\d{1,4}[.,/]\d{1,2}[.,/]\d{2,4}(?!\d)")


def _read(text: str, m: re.Match) -> Mention | str | None:
    """Parse the number that starts at candidate ``m``: a Mention, or why it is no count
    (a reason string, or None to let the caller find the reason)."""
    start = m.start()
    suffix = ""
    decimal: Fraction | None = None
    if m.group("dig") is not None:
        tail = m.group("tail")
        rest = _collective_tail(m.group("dig"), tail)
        if rest is not None:  # "алардын 3өө", "5өөнүн": digits for a collective word
            return Mention(int(m.group("dig")), start, m.end(), rest, collective=True)
        if tail[:1] in {":", ".", "/", ",", "%"} or (tail[:1] == "-" and not _is_suffix(tail[1:])):
            return None  # clock time, date, ordinal, ratio or percentage
        if WEB_ADDRESS.match(text, m.end("dig")):
            return "identifier"  # "24.kg агенттигине": a site's name
        if tail == "-" and _dated_range(text, start + len(m.group("dig"))):
            return None  # "17-18-ноябрда": the first day of a range of dates
        raw = m.group("dig")
        val = _digit_value(raw)
        if val is None and _grouped_thousands(text, raw, m.end("dig")):
            val = int(raw.replace(".", "").replace(",", ""))
        glued = _glued_word(tail)
        if glued:
            return Mention(val, start, m.end("dig"), "") if val is not None else None
        if val is None:
            decimal = _decimal(raw)
            if decimal is None:
                return "too_large"  # a decimal of more digits than any count has
            if tail:
                return None
            acc = _Acc()
        elif tail and not _is_suffix(tail.lstrip("-")):
            return None
        else:
            suffix = tail.lstrip("-").lower()
            end = m.end()
            if not tail and text[end : end + 1] in _APOSTROPHES:
                glued = _ANY_LETTERS.match(text, end + 1)  # "10'дон", "5'и"
                if glued is not None and _is_suffix(glued.group()):
                    return Mention(val, start, glued.end(), glued.group().lower())
            # Most numbers end here: a suffix, or no number word after them.
            if (
                suffix
                or text[end + 1 : end + 2] not in _STARTS
                or text[end : end + 1] not in _SPACES
            ):
                return Mention(val, start, end, suffix)
            if not text[end + 1].isdigit() and _NEXT_NUMWORD.match(text, end) is None:
                return Mention(val, start, end, suffix)
            acc = _Acc()
            acc.add(val, False)
        end = m.end()
    else:
        low = m.group("word").lower()
        stem, wsuf = m.group("stem").lower(), m.group("wsuf").lower()
        if stem in COLLECTIVES:
            return Mention(COLLECTIVES[stem], start, m.end(), wsuf, collective=True)
        if stem in SEVERAL_WORDS:
            return _scaled(text, Mention(SEVERAL_WORDS[stem], start, m.end(), wsuf, several=True))
        if stem == "нече":
            return _several(text, m, None) if low == "нече" else "not_counted"
        if low == "бир":
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt and nxt.group("word") and nxt.group("word").lower() == "нече":
                return _several(text, m, nxt)
        if _names_a_word(text, stem, m.end()):
            return None
        if wsuf and suffix_tags(_WORDS[stem], wsuf) == ("?",):
            return None  # "алтын" (gold): no inflection of "алты" reads so
        acc = _Acc()
        acc.add(_WORDS[stem], stem in SCALES)
        suffix = wsuf
        end = m.end()
    # Continue while the next word extends the number ("эки жүз", "2 миң 990", "2,5 миң").
    while not suffix:
        # Cheap test first: a space, then a digit or the first letter of a number word.
        if text[end : end + 1] not in _SPACES or text[end + 1 : end + 2] not in _STARTS:
            break
        if text[end + 1].isdigit():
            nxt = _NEXT_WORD.match(text, end)
            if nxt is None or nxt.group("dig") is None:
                break
            val = _digit_value(nxt.group("dig"))
            if val is None or acc.last < 1000 or val >= 1000:
                break
            after = text[nxt.end() : nxt.end() + 1]
            tail = _ANY_LETTERS.match(text, nxt.end()).group() if after.isalpha() else ""
            if (tail and not _is_suffix(tail)) or not acc.add(val, False):
                break
            suffix = tail.lower()
            end = nxt.end() + len(tail)
            continue
        half = _HALF.match(text, end) if 0 < acc.group < 10 and not acc.total else None
        if half is not None and decimal is None:
            scale = _WORDS[half.group("w")]
            acc.total, acc.group = (2 * acc.group + 1) * scale // 2, 0
            acc.n, acc.last, acc.has_thousand = acc.n + 1, scale, scale == 1000
            suffix, end = half.group("s").lower(), half.end()
            continue
        nxt = _NEXT_NUMWORD.match(text, end)
        if nxt is None:
            break
        word, suf = nxt.group("w").lower(), nxt.group("s").lower()
        is_scale = word in SCALES
        if decimal is not None:
            if not is_scale or word == "жүз":
                break
            scaled = decimal * _WORDS[word]
            acc.total = min(TOO_LARGE, round(scaled)) if scaled.denominator <= 1000 else 0
            acc.last = _WORDS[word]
            acc.n = 1
            decimal = None
        elif not acc.add(_WORDS[word], is_scale):
            break
        suffix = suf
        end = nxt.end()
    if decimal is not None or acc.value <= 0:
        return None
    return Mention(min(acc.value, TOO_LARGE), start, end, suffix)


_ANY_LETTERS = re.compile(r"[^\W\d_]+")


def _names_a_word(text: str, stem: str, end: int) -> bool:
    """``Жети-Өгүз``, ``Тогуз-Торо``, ``бир-бирине``: a number word joined by a hyphen to a
    word that is no other number word is part of a name (or of "each other"), not a count;
    ``беш-алты`` (five or six) is a range."""
    if text[end : end + 1] != "-":
        return False
    nxt = _LETTERS.match(text, end + 1)
    if nxt is None:
        return False
    parts = _split_suffix(nxt.group(), {**_WORDS, **COLLECTIVES})
    return parts is None or parts[0] == stem


#: Apostrophes some outlets put between digits and their suffix ("10'дон", "5’и").
_APOSTROPHES = frozenset("'’ʼ")


def _dated_range(text: str, end: int) -> bool:
    """``17-18-ноябрда``, ``2013-2014-жылдары``: digits, a hyphen, then digits that carry a
    month or year word, so the first number is a date or year too."""
    rest = _REST.match(text, end).group()
    letters = rest.lstrip("-–0123456789")
    return (
        rest[1:2].isdigit()
        and bool(letters)
        and bool(_MONTH_RE.match(letters) or _YEAR_RE.match(letters))
    )


_GROUPED = re.compile(r"\d{1,3}[.,]\d{3}")


def _grouped_thousands(text: str, raw: str, end: int) -> bool:
    """``1.200 адам``, ``12,000ге жакын``: a dot or comma before exactly three digits groups
    thousands (a count has no fraction), unless a scale word follows (``1,500 миң``)."""
    if _GROUPED.fullmatch(raw) is None:
        return False
    nxt = _NEXT_NUMWORD.match(text, end)
    return nxt is None or nxt.group("w").lower() not in SCALES


_COLLECTIVE_VALUES = frozenset(COLLECTIVES.values())


def _collective_tail(digits: str, tail: str) -> str | None:
    """The inflection after a collective's ending written after digits (``3өө`` for
    ``үчөө``, the three of them; ``5өөнүн``, ``6оосу``, ``2-өө``), or None when the digits
    (1 to 9) take no collective ending there."""
    low = tail.lstrip("-").lower()
    if low[:2] not in ("өө", "оо") or not digits.isdigit() or int(digits) not in _COLLECTIVE_VALUES:
        return None
    return low[2:] if _is_suffix(low[2:]) else None


def _glued_word(tail: str) -> bool:
    """``3адам``: a word of three letters or more glued to digits that is no inflection and
    no month or year word; the digits are the number, the word is read after it."""
    return (
        len(tail) >= 3
        and tail.isalpha()
        and not _is_suffix(tail)
        and _MONTH_RE.match(tail) is None
        and _YEAR_RE.match(tail) is None
    )


def _decimal(raw: str) -> Fraction | None:
    """Exact value of a decimal such as ``2,5`` (None when it has too many digits)."""
    if len(raw) > _MAX_DIGITS:
        return None
    return Fraction(raw.replace(",", "."))


def _several(text: str, m: re.Match, nxt: re.Match | None) -> Mention | str:
    """``бир нече миң`` (several thousand) -> 1000, several; bare ``бир нече`` (a few) -> 1,
    several: its order of magnitude is one."""
    end = nxt.end() if nxt is not None else m.end()
    scale = _NEXT_WORD.match(text, end)
    parts = None
    if scale is not None and scale.group("word"):
        parts = _split_suffix(scale.group("word"), {**SCALES, **{"он": 10}, **SEVERAL_WORDS})
    if parts is None:
        if nxt is None:
            return "not_counted"  # "нече" alone asks "how many"
        return Mention(1, m.start(), end, "", several=True)
    word, suffix = parts
    value = SCALES.get(word) or SEVERAL_WORDS.get(word) or 10
    return _scaled(text, Mention(value, m.start(), scale.end(), suffix, several=True))


def _scaled(text: str, mention: Mention) -> Mention:
    """``ондогон миң`` (tens of thousands): a vague quantity times a following scale word."""
    if mention.suffix:
        return mention
    nxt = _NEXT_WORD.match(text, mention.end)
    if nxt is None or not nxt.group("word"):
        return mention
    parts = _split_suffix(nxt.group("word"), {"миң": 1000, "миллион": 1_000_000})
    if parts is None or mention.value >= {"миң": 1000, "миллион": 1_000_000}[parts[0]]:
        return mention
    value = mention.value * {"миң": 1000, "миллион": 1_000_000}[parts[0]]
    return Mention(value, mention.start, nxt.end(), parts[1], several=True)


#: Vague quantities of a scale (``миңдеген``, thousands): a number before one multiplies it.
_SEVERAL_SCALES = {w: v for w, v in SEVERAL_WORDS.items() if v >= 100}
_SEVERAL_STARTS = frozenset("".join(w[0] + w[0].upper() for w in _SEVERAL_SCALES))
_NEXT_SEVERAL = re.compile(
    rf"{_SP}(?P<w>{'|'.join(_SEVERAL_SCALES)})(?P<s>(?i:{SUFFIX_RE.pattern})?)(?![{_L}])",
    re.IGNORECASE,
)


def _times_several(text: str, mention: Mention) -> Mention:
    """``он миңдеген адам``, ``10 миңдеген`` (tens of thousands), ``жүз миңдеген`` (hundreds
    of thousands): a plain number before a vague quantity of a scale is that many of it, as
    ``ондогон миң`` is (:func:`_scaled`); the number gives the order of magnitude."""
    if mention.suffix or mention.several or mention.collective or mention.value >= 1000:
        return mention
    nxt = _NEXT_SEVERAL.match(text, mention.end)
    if nxt is None:
        return mention
    value = mention.value * _SEVERAL_SCALES[nxt.group("w").lower()]
    return Mention(value, mention.start, nxt.end(), nxt.group("s").lower(), several=True)


def _is_suffix(tail: str) -> bool:
    """True when ``tail`` (letters glued to digits) is an inflection, not a word."""
    return not tail or SUFFIX_RE.fullmatch(tail.lower()) is not None
