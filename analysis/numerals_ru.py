"""Russian numbers as news text writes them: tokens, number mentions and their values.

A *number mention* is a run of tokens that states one number:

* digits, with thousands grouped by a space or a no-break space (``1 200``, ``1 200``) or
  by dots (``1.500``, not before a scale word: ``1.5 млн``), a scale word after them (``20 тысяч``, ``2,5 тыс.``, ``1,5 млн``);
* number words in any case and compound (``двумя``, ``трёхсот сорока``, ``двадцать одного``,
  ``полутора тысяч``); the word forms come from pymorphy3's paradigms of each number's
  lemma, so no ending is listed here;
* collectives (``двое``, ``троих``, ``пятеро``, ``оба``, ``обеих``);
* a number repeated in brackets, as official texts write it, is one mention
  (``4 (четыре) человека``);
* vague quantities (``несколько``, ``десятки``, ``сотни``, ``тысячи``, ``несколько тысяч``,
  ``десятки тысяч``): ``several=True`` and the order of magnitude as value (bare
  ``несколько`` is 1, ``десятки тысяч`` 10000);
* digit forms that are no count by their shape: clock times (``11:30``), dates written with
  dots (``18.04.2020``), decimals without a scale word, and numbers above 10**15
  (``too_large``, value None, never a crash).

Whether a mention is a count (and not a date, an age, money...) is decided by the reader
(:mod:`analysis.rules_ru`) from the words around it. Every digit run of a text lies inside
exactly one mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from analysis import morph_ru

__all__ = [
    "Number",
    "Token",
    "find_numbers",
    "has_number",
    "number_word",
    "parse_number",
    "tokenize",
]

#: Largest count: a larger number is ``too_large``.
MAX_COUNT = 10**15

# Number lemmas and what they are worth; every form of each comes from pymorphy3.
_UNITS = {"один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7}
_UNITS |= {"восемь": 8, "девять": 9}
_TEENS = {"десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13}
_TEENS |= {"четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17}
_TEENS |= {"восемнадцать": 18, "девятнадцать": 19}
_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60}
_TENS |= {"семьдесят": 70, "восемьдесят": 80, "девяносто": 90}
_HUNDREDS = {"сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500}
_HUNDREDS |= {"шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900}
_HUNDREDS |= {"полтораста": 150}
_SCALES = {"тысяча": 1000, "миллион": 10**6, "миллиард": 10**9, "триллион": 10**12}
_ABBREVIATED_SCALES = {"тыс": 1000, "млн": 10**6, "млрд": 10**9, "трлн": 10**12}
_COLLECTIVES = {"двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7}
_COLLECTIVES |= {"восьмеро": 8, "девятеро": 9, "десятеро": 10}
#: "оба", "обоих", "обеих": both, a count of two people or things named by the noun after it.
_COLLECTIVES |= {"оба": 2}
#: Nouns of a round number: "десяток" 10, "сотня" 100; in the plural, vague ("десятки").
_ROUND = {"десяток": 10, "сотня": 100, "дюжина": 12}
_HALF = {"полтора": Fraction(3, 2)}
#: Nouns of half a round number: "полсотни" 50, "полтысячи" 500.
_HALVES = {"полусотня": 50, "полсотни": 50, "полтысяча": 500, "полмиллиона": 500_000}
_SEVERAL = {"несколько": 1}

_SPACES = " \u00a0\u202f\u2009"


@dataclass(slots=True)
class Token:
    """A word, digit run or punctuation mark with its span; ``low`` is lower case, ё as е."""

    kind: str  # "num", "word" or "punct"
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class Number:
    """One number mention: tokens ``[i, j)``, characters ``[start, end)``."""

    i: int
    j: int
    start: int
    end: int
    value: int | None
    kind: str  # digits, words, collective, several, decimal, clock, date, code, too_large
    several: bool = False

    @property
    def countable(self) -> bool:
        """Whether the mention can be a count at all (by its shape)."""
        return self.kind in ("digits", "words", "collective", "several")


_TOKEN_RE = re.compile(r"(?P<num>\d+(?:[.,:]\d+)*)|(?P<word>[^\W\d_]+)|(?P<punct>[^\s\w]|_)")

_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[а-я]")
_MIXED = re.compile(r"[a-zA-Z][а-яА-ЯёЁ]|[а-яА-ЯёЁ][a-zA-Z]")


def _lookalikes(low: str) -> str:
    """A word that mixes Cyrillic and Latin letters, read with the Latin look-alikes as the
    Cyrillic letters they resemble: ``пoгибли`` (Latin ``o``) -> ``погибли``. A word in
    Latin letters only (``Santa``) stays as written.

    >>> _lookalikes("чeловек"), _lookalikes("santa")
    ('человек', 'santa')
    """
    if low.isascii() or not _LATIN.search(low) or not _CYRILLIC.search(low):
        return low
    return low.translate(_lookalike_map())


@cache
def _lookalike_map() -> dict[int, str]:
    """Latin look-alike letters (``resources/lookalikes.yaml``, lower case as ``Token.low``
    is) as a translation table."""
    from analysis.spelling import lookalike_table

    return str.maketrans(lookalike_table())


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``: digit runs (with inner ``.,:``), letter runs, single marks; a
    word's ``low`` reads Latin look-alikes inside a Cyrillic word as Cyrillic."""
    out = []
    mixed = _MIXED.search(text) is not None  # once per text: most have no mixed word
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        low = s.lower().replace("ё", "е")
        if mixed and m.lastgroup == "word":
            low = _lookalikes(low)
        out.append(Token(m.lastgroup, m.start(), m.end(), s, low))
    return out


@dataclass(frozen=True, slots=True)
class _Form:
    lemma: str
    value: Fraction
    role: str  # unit, teen, ten, hundred, scale, coll, round, half, fixed, several
    plural: bool  # the form can be plural
    singular: bool  # the form can be singular


@cache
def _forms() -> dict[str, _Form]:
    """Every form of every number lemma, from pymorphy3's paradigms (built once)."""
    tables = [
        (_UNITS, "unit", "NUMR"),
        (_TEENS, "teen", "NUMR"),
        (_TENS, "ten", "NUMR"),
        (_HUNDREDS, "hundred", "NUMR"),
        (_SCALES, "scale", "NOUN"),
        (_COLLECTIVES, "coll", "NUMR"),
        (_ROUND, "round", "NOUN"),
        (_HALF, "half", "NUMR"),
        (_HALVES, "fixed", "NOUN"),
        (_SEVERAL, "several", "NUMR"),
    ]
    forms: dict[str, _Form] = {}
    for table, role, pos in tables:
        for lemma, value in table.items():
            parse = next(
                (
                    p
                    for p in morph_ru.parses(lemma)
                    if p.normal_form.replace("ё", "е") == lemma
                    and (pos in p.tag or (lemma == "один" and "Anum" in p.tag))
                ),
                None,
            )
            if parse is None:  # pragma: no cover - the dictionary knows every lemma
                continue
            for f in parse.lexeme:
                word = f.word.replace("ё", "е")
                plural = "plur" in f.tag
                if lemma == "один" and plural:
                    continue  # "одни" means "alone", not a count
                old = forms.get(word)
                forms[word] = _Form(
                    lemma,
                    Fraction(value),
                    role,
                    plural or bool(old and old.plural),
                    (not plural) or bool(old and old.singular),
                )
    for abbr, value in _ABBREVIATED_SCALES.items():
        forms[abbr] = _Form(abbr, Fraction(value), "scale", True, True)
    return forms


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


def has_number(text: str) -> bool:
    """Whether a text has a digit or a number word (C-speed look-ups, before any token)."""
    if _DIGIT.search(text):
        return True
    return not _forms().keys().isdisjoint(_WORD.findall(text.lower().replace("ё", "е")))


def number_word(word: str) -> _Form | None:
    """What a lower-case word is worth as a number word (``трёхсот`` -> 300), or None."""
    return _forms().get(word.replace("ё", "е"))


def _digits_value(s: str) -> tuple[Fraction | int | None, str]:
    """(value, kind) of one digit token: integer, decimal, clock time, dotted date, code."""
    if ":" in s:
        clock = re.fullmatch(r"(\d{1,2}):(\d\d)", s)
        if clock and int(clock.group(1)) < 24 and int(clock.group(2)) < 60:
            return None, "clock"
        return None, "code"
    if s.count(".") + s.count(",") > 1:
        parts = re.split(r"[.,]", s)
        if len(parts) == 3 and 1 <= len(parts[0]) <= 2 and len(parts[1]) <= 2:
            return None, "date"
        return None, "code"
    if "." in s or "," in s:
        whole, frac = re.split(r"[.,]", s)
        if len(whole) > 16:
            return None, "too_large"
        return Fraction(f"{whole}.{frac}"), "decimal"
    if len(s) > 16:
        return None, "too_large"
    return int(s), "digits"


#: Thousands grouped by dots (``1.500``, ``12.000.000``): three digits after each dot. With a
#: scale word after it the dot is a decimal point (``1.5 млн``, ``2.345 млн``).
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _space_between(text_a: Token, text_b: Token, text: str) -> bool:
    gap = text[text_a.end : text_b.start]
    return len(gap) == 1 and gap in _SPACES


def _scale_at(tokens: list[Token], k: int) -> tuple[Fraction, int] | None:
    """(scale, token index after it) of a scale word at ``k`` (``тыс.`` takes its dot)."""
    if k >= len(tokens) or tokens[k].kind != "word":
        return None
    form = number_word(tokens[k].low)
    if form is None or form.role != "scale":
        return None
    end = k + 1
    if (
        tokens[k].low in _ABBREVIATED_SCALES
        and end < len(tokens)
        and tokens[end].text == "."
        and tokens[end].start == tokens[k].end
    ):
        end += 1
    return form.value, end


def _smaller_scales(
    tokens: list[Token], j: int, value: Fraction | int, scale: Fraction
) -> tuple[Fraction | int, int]:
    """Digits with a smaller scale word after a scaled number add to it: ``1 млн 300 тыс.``
    (1 300 000), ``2 миллиона 150 тысяч``; (value, token index after the last one)."""
    while j < len(tokens) and tokens[j].kind == "num" and tokens[j].text.isdigit():
        if len(tokens[j].text) > 3:
            break
        smaller = _scale_at(tokens, j + 1)
        if smaller is None or smaller[0] >= scale:
            break
        value, j, scale = value + int(tokens[j].text) * smaller[0], smaller[1], smaller[0]
    return value, j


def _read_digits(tokens: list[Token], i: int, text: str) -> Number:
    """A mention starting with the digit token ``i``."""
    t = tokens[i]
    value, kind = _digits_value(t.text)
    j = i + 1
    if kind == "digits" and len(t.text) <= 3:
        # thousands grouped by one space: "1 200", "12 000 000"
        while (
            j < len(tokens)
            and tokens[j].kind == "num"
            and len(tokens[j].text) == 3
            and tokens[j].text.isdigit()
            and _space_between(tokens[j - 1], tokens[j], text)
        ):
            value = value * 1000 + int(tokens[j].text)
            j += 1
    if kind in ("decimal", "code") and _DOT_GROUPED.fullmatch(t.text) and not _scale_at(tokens, j):
        value, kind = int(t.text.replace(".", "")), "digits"  # "1.500 человек"
    if kind in ("digits", "decimal"):
        scale = _scale_at(tokens, j)
        if scale is not None:
            value, j = value * scale[0], scale[1]
            kind = "digits"
            value, j = _smaller_scales(tokens, j, value, scale[0])
    if kind == "digits" and isinstance(value, Fraction) and value.denominator != 1:
        kind = "decimal"
    if kind == "digits" and value > MAX_COUNT:
        kind = "too_large"
    if kind == "digits" and j == i + 1:
        j += _case_ending(tokens, j, int(value))
    out_value = int(value) if kind == "digits" else None
    return Number(i, j, t.start, tokens[j - 1].end, out_value, kind)


def _case_ending(tokens: list[Token], j: int, value: int) -> int:
    """2 when digits are followed by a hyphen and the case ending of the cardinal or
    collective number word they stand for (``2-х`` двух, ``5-ти`` пяти, ``3-е`` трое),
    else 0. An ending no such form has (``5-й``, ``27-летний``) is left to the reader."""
    if value < 2 or j + 1 >= len(tokens):
        return 0
    dash, word = tokens[j], tokens[j + 1]
    if dash.text != "-" or dash.start != tokens[j - 1].end or word.start != dash.end:
        return 0
    if word.kind != "word" or len(word.low) > 3:
        return 0
    endings = _cardinal_endings(_last_word_value(value))
    return 2 if word.low in endings else 0


def _last_word_value(value: int) -> int:
    """The value of the last number word of ``value`` said aloud (25 -> 5, 13 -> 13,
    40 -> 40, 300 -> 300)."""
    if 10 <= value % 100 < 20:
        return value % 100
    for unit in (10, 100, 1000):
        if value % unit:
            return value % unit
    return 1000


@cache
def _cardinal_endings(value: int) -> frozenset[str]:
    """Endings (one to three letters) of the cardinal and collective forms worth ``value``."""
    out = set()
    for word, form in _forms().items():
        if form.value == value and form.role in ("unit", "teen", "ten", "hundred", "coll"):
            out |= {word[-n:] for n in (1, 2, 3) if n < len(word)}
    return frozenset(out)


def _read_words(tokens: list[Token], i: int) -> Number | None:
    """A mention of number words starting at token ``i``, or None."""
    first = number_word(tokens[i].low)
    if first is None:
        return None
    start = tokens[i].start
    if first.role == "coll":
        return Number(i, i + 1, start, tokens[i].end, int(first.value), "collective")
    if first.role == "several" or (first.role in ("round", "scale") and _vague(tokens, i, first)):
        return _read_several(tokens, i, first)
    total, triad, rank, last_scale, j = Fraction(0), Fraction(0), 0, None, i
    any_word = False
    while j < len(tokens) and tokens[j].kind == "word":
        form = number_word(tokens[j].low)
        if form is None or form.role in ("coll", "several"):
            break
        if j > i and tokens[j].start - tokens[j - 1].end > 2:
            break  # words of one number stand next to each other
        role = form.role
        if role == "fixed":
            if any_word:
                break
            triad, rank, j, any_word = form.value, 4, j + 1, True
            break
        if role == "half":
            if any_word:
                break
            triad, rank = form.value, 1
        elif role == "hundred" and rank == 0:
            triad, rank = triad + form.value, 3
        elif role == "ten" and rank in (0, 3):
            triad, rank = triad + form.value, 2
        elif (role in ("unit", "teen") and rank in (0, 3)) or (role == "unit" and rank == 2):
            triad, rank = triad + form.value, 1
        elif role in ("scale", "round") and (last_scale is None or form.value < last_scale):
            if role == "round" and total:
                break
            total += (triad if triad else 1) * form.value
            triad, rank, last_scale = Fraction(0), 0, form.value
        else:
            break
        any_word = True
        j += 1
    if j == i:
        return None
    value = total + triad
    if value.denominator != 1:
        return Number(i, j, start, tokens[j - 1].end, None, "decimal")
    if value > MAX_COUNT:
        return Number(i, j, start, tokens[j - 1].end, None, "too_large")
    return Number(i, j, start, tokens[j - 1].end, int(value), "words")


def _vague(tokens: list[Token], i: int, form: _Form) -> bool:
    """Whether ``десятки``/``сотни``/``тысячи`` at ``i`` is the vague plural ("dozens of").

    A form that can only be plural is vague; a form that may be a genitive singular
    (``сотни``, ``тысячи``) is read as the singular after a preposition or a comparative
    (``около тысячи``, ``более сотни``), as the plural elsewhere.
    """
    if not form.plural:
        return False
    if not form.singular:
        return True
    if i == 0 or tokens[i - 1].kind != "word":
        return True
    before = morph_ru.parses(tokens[i - 1].low)
    return not any({"PREP"} & p.tag.grammemes or "COMP" in p.tag for p in before[:2])


def _read_several(tokens: list[Token], i: int, first: _Form) -> Number:
    """``несколько [десятков|сотен|тысяч]``, ``десятки [тысяч]``, ``тысячи``: several."""
    value = first.value
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "word":
        form = number_word(tokens[j].low)
        if form is None or form.role not in ("scale", "round") or not form.plural:
            break
        if first.role != "several" and form.value <= value:
            break
        value = form.value if first.role == "several" and value == 1 else value * form.value
        first = form
        j += 1
    kind = "several" if value <= MAX_COUNT else "too_large"
    return Number(
        i,
        j,
        tokens[i].start,
        tokens[j - 1].end,
        int(value) if kind == "several" else None,
        kind,
        several=True,
    )


def find_numbers(tokens: list[Token], text: str, lo: int = 0, hi: int | None = None) -> list:
    """Number mentions in ``tokens[lo:hi]`` of ``text``, in order, never overlapping.

    Every digit token is inside exactly one mention; number words that do not form a
    number (``одни``) are skipped.
    """
    hi = len(tokens) if hi is None else hi
    out = []
    k = lo
    while k < hi:
        m = _read_at(tokens, k, text)
        if m is None:
            k += 1
            continue
        m.j = min(m.j, hi)
        m.end = tokens[m.j - 1].end
        _echoed(tokens, text, m, hi)
        out.append(m)
        k = m.j
    return out


def _read_at(tokens: list[Token], k: int, text: str) -> Number | None:
    """The number mention starting at token ``k``, or None."""
    t = tokens[k]
    if t.kind == "num":
        return _read_digits(tokens, k, text)
    if t.kind == "word" and number_word(t.low) is not None:
        return _read_words(tokens, k)
    return None


def _echoed(tokens: list[Token], text: str, m: Number, hi: int) -> None:
    """``4 (четыре) человека``, ``пять (5) автомобилей``: a number repeated in brackets, as
    official texts write it, is one mention; its span ends after the bracket (as
    ``analysis.numerals`` reads ``4 (төрт) адам`` in Kyrgyz). A bracket with another
    number or other words is left alone (``5 (из них 2 ребёнка)``)."""
    k = m.j
    if m.value is None or k + 2 >= hi or tokens[k].text != "(":
        return
    inner = _read_at(tokens, k + 1, text)
    if inner is None or inner.value != m.value or inner.several != m.several:
        return
    if inner.j >= hi or tokens[inner.j].text != ")":
        return
    m.j = inner.j + 1
    m.end = tokens[inner.j].end


def parse_number(text: str) -> int:
    """The value of a text that is exactly one number (``двумя тысячами`` -> 2000).

    Raises
    ------
    ValueError
        When the text is not one whole number (two numbers, no number, a vague quantity,
        a date, or other words beside it).
    """
    tokens = tokenize(text)
    found = find_numbers(tokens, text)
    if len(found) != 1 or found[0].i != 0 or found[0].j != len(tokens):
        raise ValueError(f"not one number: {text!r}")
    m = found[0]
    if m.value is None or m.several:
        raise ValueError(f"not a whole count: {text!r}")
    return m.value
