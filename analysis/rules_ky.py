"""Kyrgyz figure reader: every number of a segment, read by small named rules.

``read(text, context)`` finds the number mentions of a segment (:mod:`analysis.numerals`),
cuts the segment into tokens (:func:`analysis.lexicon.tokenize`) and reads each number in
stages. Each stage is an ordered tuple of small rules; a rule is a function with a Kyrgyz
example in its docstring that returns a result or None, and the first result wins:

1. ``NUMBER_RULES``: is it a count at all? (a unit, a date, an age: no; a number word that
   makes an idiom with its neighbour, ``бир тууган``, is read as a word before any rule);
2. ``QUALIFIER_RULES``: the words that hedge it (``жакын``, ``ашык``, ``кеминде``);
3. ``NOUN_RULES``: what it counts (the noun after it, the noun a possessive or collective
   number points back to, the noun shared by an elided list);
4. ``PREDICATE_RULES``: what happened to them (the predicate of its clause, the participle
   before it, the toll it is the value of, the whole it is part of);
5. ``PARENT_RULES``: the whole a subset belongs to (``алардын``, ``анын ичинде``, a dash or
   colon list, ``7 адамдын 3ү``).

The measure is the lexicon's (noun class, verb class) pair (``lexicon.ky.yaml``,
``measures``). Grammar is asked of the word analysis (:mod:`analysis.morph`): "is this word a
converb of a measure verb?", "is this noun in the genitive?" — no rule lists endings.

The clause model: a number belongs to the first predicate to its right (a finite verb, a
converb, a conditional, a participle that ends its clause, a place word such as
``реанимацияда`` that is the predicate itself). Commas do not end a clause, so the numbers of
an elided list share one predicate (``Чүйдө 7, Таласта 4 киши сууга чөгүп кетти``). A
converb chain without a new number in between continues to the next predicate, and the
last predicate that says a measure wins (``бир аял жабыркап, ооруканага жеткирилди``:
hospitalized).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from analysis.lexicon import Lexicon, Phrase, Token, load_lexicon, tokenize
from analysis.morph import Analysis, analyse, inflect
from analysis.numerals import Mention, find_mentions
from analysis.reading import Context, Figure, NumberSeen, Reading
from analysis.spelling import restore

__all__ = [
    "NOUN_RULES",
    "NUMBER_RULES",
    "PARENT_RULES",
    "PREDICATE_RULES",
    "QUALIFIER_RULES",
    "read",
]

#: Largest count read as a figure; larger numbers are "too_large" (no real toll is).
MAX_COUNT = 10**15

_SENTENCE_END = frozenset(".!?…")
_LIST_MARKS = frozenset(":–—-−")
_TOLL_MARKS = _LIST_MARKS | {"+"}  # "Каза болгондор +3": an update
_COMMA = frozenset(",;")
_QUOTE_ENDS = frozenset("»”")
_DASHES = _LIST_MARKS - {":"}


# ------------------------------------------------------------------ the draft of a figure
@dataclass(eq=False)
class Draft:
    """Everything known about one number mention while its rules run."""

    m: Mention
    i: int  # index of the number's token
    qualifier: str = "exact"
    first: int = -1  # first token of the figure's words (qualifier words before the number)
    after: int = -1  # first token after the number and its qualifier words
    ncls: str = ""
    group: str = ""
    noun: tuple[int, int] | None = None  # tokens of the counted noun
    noun_case: str = ""
    whole: Draft | None = None  # the genitive whole or antecedent this number is part of
    marker: bool = False  # a subset marker (алардын, анын ичинде) stands before it
    whole_noun: tuple[str, str] | None = None  # (class, group) of a genitive whole before it
    nominalised: bool = False  # the qualifier word stands for the noun (50гө жакыны)
    marker_class: str = ""  # the verb class a participle marker says (кармалгандардын)
    possessor: bool = False  # the number's noun is a genitive possessor (3 баланын энеси)
    vclass: str = ""
    pred: tuple[int, int] | None = None  # tokens of the predicate that said the measure
    rule: str = ""
    measure: str = ""
    parent: Draft | None = None
    reason: str = ""  # why it is no count
    distribute: int = 1  # a distributive number (экиден) over this many places
    figure: Figure | None = None
    toll: bool = False
    copy_of: Draft | None = None  # an item of a dash list that repeats this figure's measure
    copy_vclass: str = ""  # the verb class of a participle noun a list item counts
    sibling: Draft | None = None  # the previous part of the same whole (бешөө бала, экөө аял)
    noun_qualified: bool = False  # a qualifier follows the noun in its case (кишиге жакын)
    implied: bool = False  # people implied by "алардын" alone: a measure said of people only


@dataclass
class _Seg:
    """A segment being read: its text, tokens and the drafts of its numbers."""

    text: str
    toks: list[Token]
    lex: Lexicon
    drafts: list[Draft] = field(default_factory=list)
    memory: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)
    rejected: dict = field(default_factory=dict)  # start of a digits token -> why no count
    words: list = field(init=False)  # the token where it is a word, else None
    pred_cache: list = field(init=False)  # predicate form of each token, once asked

    def __post_init__(self) -> None:
        self.words = [t if t.kind == "word" else None for t in self.toks]
        self.pred_cache = [None] * len(self.toks)

    def word(self, i: int) -> Token | None:
        return self.words[i] if 0 <= i < len(self.words) else None

    def noun(self, j: int) -> Phrase | None:
        """The longest counted-noun phrase starting at token ``j`` (memoised)."""
        key = ("n", j)
        if key not in self.cache:
            self.cache[key] = self.lex.nouns.match(self.toks, j)
        return self.cache[key]

    def noun_ending(self, j: int) -> Phrase | None:
        """The longest counted-noun phrase ending at token ``j`` (memoised)."""
        key = ("ne", j)
        if key not in self.cache:
            self.cache[key] = self.lex.nouns.match_ending(self.toks, j)
        return self.cache[key]

    def frame_word(self, j: int) -> Phrase | None:
        """The longest frame place word starting at token ``j`` (memoised)."""
        key = ("f", j)
        if key not in self.cache:
            self.cache[key] = self.lex.frame_words.match(self.toks, j)
        return self.cache[key]

    def is_punct(self, i: int, chars: frozenset[str]) -> bool:
        return (
            0 <= i < len(self.toks) and self.toks[i].kind == "punct" and self.toks[i].low in chars
        )


# ------------------------------------------------------------------ grammar questions
def _readings(tok: Token | None) -> tuple[Analysis, ...]:
    return tok.readings if tok is not None else ()


def _cases_of(tok: Token | None, p: Phrase | None = None) -> set[str]:
    """Cases a token can be in as the last word of lexicon phrase ``p`` (any noun reading
    when ``p`` is None); '' is the nominative. The bare word counts as a nominative only
    when no reading puts it in a case."""
    w = p.words[-1] if p is not None else None
    out = set()
    for a in _readings(tok):
        if a.verbal or not a.tags:
            continue
        if w is not None and w.kind == "stem" and a.stem != w.value:
            continue
        if w is not None and w.kind == "prefix" and not a.stem.startswith(w.value):
            continue
        out.add(a.case)
    return out or {""}


def _has_case(tok: Token | None, case: str) -> bool:
    """True when some noun reading of the token is in ``case``."""
    return tok is not None and tok.kind == "word" and case in tok.info.cases


def _verb_forms(lex: Lexicon, tok: Token | None) -> tuple[Analysis, ...]:
    """Readings of a token as a form of a known verb root."""
    return tok.verbal if tok is not None else ()


def _genitive_participles(tok: Token | None) -> list[Analysis]:
    """``кармалгандардын`` (of those detained): readings as a participle in the plural
    genitive."""
    return [a for a in _readings(tok) if a.has("PTCP", "PL") and a.case == "GEN"]


_PRED_ENDS = {"PAST", "PRES", "COND", "CONV", "EVID", "HAB", "P1SG", "P1PLV", "P1PLA", "P2SG"}


def _predicate_form(seg: _Seg, j: int) -> str:
    """What kind of predicate token ``j`` is: "finite", "converb", "embedded" or ""."""
    if not 0 <= j < len(seg.toks):
        return ""
    hit = seg.pred_cache[j]
    if hit is None:
        hit = seg.pred_cache[j] = _predicate_form_at(seg, j)
    return hit


def _predicate_form_at(seg: _Seg, j: int) -> str:
    tok = seg.word(j)
    if tok is None:
        return ""
    if tok.low in seg.lex.copulas:
        # "жок кылынган" is a verb phrase, not the copula; "балдар экени аныкталды" (it was
        # found that they are children) ends the clause at the copula
        return "" if _starts_verb_phrase(seg, j) else "finite"
    forms = _verb_forms(seg.lex, tok)
    if not forms:
        return _frame_alone(seg, j)
    nxt = seg.toks[j + 1] if j + 1 < len(seg.toks) else None
    kinds = set()
    for a in forms:
        end = a.tags[-1]
        if end == "CONVA":
            # "тоноло баштады" (began to be looted): the converb in -а/-й is a predicate
            # only before an auxiliary ("өтө", very, is no "өт-ө")
            if _aux_at(seg, j + 1):
                kinds.add("converb")
        elif end in ("CONV",):
            kinds.add("converb")
        elif end in _PRED_ENDS:
            kinds.add("finite")
        elif a.has("VN") and a.case == "LOC":
            kinds.add("finite")  # дарыланууда: is being treated
        elif a.has("PTCP"):
            if a.tags[-1] == "PTCP":
                # A participle that ends its clause is its predicate; before a noun it is
                # an attribute ("жаракат алган 7 адам").
                if (
                    nxt is None
                    or nxt.kind == "punct"
                    or _is_joiner(seg, j + 1)
                    or (nxt.kind == "word" and _predicate_form_next(seg, j + 1))
                ):
                    kinds.add("finite")
            elif "P3" in a.tags and "PL" not in a.tags:
                if not _adverbial_clause(seg, j, a):
                    kinds.add("embedded")  # болгону кабарланган, кармалганын жарыялады
            elif a.case == "LOC" and "PL" not in a.tags:
                kinds.add("converb")  # болгондо: when ...
            elif a.case == "ABL" and a.has("LIK") and "PL" not in a.tags:
                # "9 киши уулангандыктан тез жардам чакырылды" (because 9 were poisoned): a
                # clause of reason, a link of the chain like a converb
                kinds.add("converb")
    for k in ("finite", "embedded", "converb"):
        if k in kinds:
            return k
    return ""


def _adverbial_clause(seg: _Seg, j: int, a) -> bool:
    """A participle before a postposition, its verb no measure of the lexicon, is an
    adverbial of reason, not the number's predicate: ``3 адам мыйзамсыз иштегени үчүн
    кармалды`` (3 people were detained for working illegally), and ``айдаган үчүн`` too.
    A measure verb stays the predicate (``2 адам каза болгону үчүн``: because 2 died)."""
    nxt = seg.word(j + 1)
    if nxt is None or not any(r.tags == ("POSTP",) for r in nxt.readings):
        return False
    return not _verb_class_of_root(seg, a.stem, j)


def _predicate_form_next(seg: _Seg, j: int) -> bool:
    """The word after a participle is a copula or reporting verb (болгон деп, ... экен)."""
    tok = seg.word(j)
    return tok is not None and (tok.low in seg.lex.copulas or tok.low in seg.lex.saying)


def _is_joiner(seg: _Seg, j: int) -> bool:
    tok = seg.word(j)
    return tok is not None and tok.low in seg.lex.coordinators


def _frame_alone(seg: _Seg, j: int) -> str:
    """A place word that is a predicate by itself (``реанимацияда``) before a clause end; a
    word of state in the nominative is one even with a verb later in the sentence (``3 киши
    дайынсыз, 2 киши каза болду``: three are missing; it names no place)."""
    tok = seg.toks[j]
    if (
        not any(k in seg.lex.alone_keys for k in tok.info.keys)
        and tok.low[:3] not in seg.lex.alone_keys
    ):
        return ""  # no place word of such a frame ends here (one set look-up per word)
    for fr in seg.lex.frames_by_verb.get("", ()):
        p = fr.where.match_ending(seg.toks, j)
        cases = _cases_of(tok, p) & fr.cases if p is not None else set()
        if cases:
            nxt = j + 1
            if nxt >= len(seg.toks) or seg.toks[nxt].kind == "punct":
                # "14 адам ооруканаларда, Бишкекте 26 киши көз жумду": a verb later in the
                # sentence is the predicate; the place word was a place.
                return "" if "" not in cases and _verb_follows(seg, nxt) else "finite"
    return ""


def _straight_quote_ends(seg: _Seg, k: int) -> bool:
    """A straight quotation mark before a comma or dash closes a quote (``"... 10 киши
    ооруканада", — деди тургун``: web text types no guillemets)."""
    if seg.toks[k].low != '"' or k + 1 >= len(seg.toks):
        return False
    nxt = seg.toks[k + 1]
    return nxt.kind == "punct" and nxt.low[:1] in ",—–-"


def _speech_ends(seg: _Seg, k: int) -> bool:
    """A closing quotation mark before a comma or dash ends quoted speech (``«... 7си
    балдар», – деди тургун``), unlike a quoted name before a word (``«Ак-Жол»
    ооруканасына``)."""
    tok = seg.toks[k]
    if tok.kind != "punct" or not (tok.low in _QUOTE_ENDS or tok.low == '"'):
        return False
    return k + 1 < len(seg.toks) and seg.is_punct(k + 1, frozenset(",—–-"))


def _verb_follows(seg: _Seg, j: int) -> bool:
    """True when a verb form comes after token ``j`` before the sentence ends; a closing
    quotation mark ends the quoted clause (``«... алардын алтоосу ооруканада», — деди``:
    the verb after it is the reporter's)."""
    for k in range(j, len(seg.toks)):
        tok = seg.toks[k]
        if tok.kind == "punct" and (
            tok.low in _SENTENCE_END or tok.low in _QUOTE_ENDS or _straight_quote_ends(seg, k)
        ):
            return False
        if tok.kind == "word" and any(
            a.tags[-1] != "CONVA" or _aux_at(seg, k + 1) for a in _verb_forms(seg.lex, tok)
        ):
            return True
    return False


# ------------------------------------------------------------------ stage 1: a count?
def number_too_large(seg: _Seg, d: Draft) -> str | None:
    """``45678967890123456789 адам``: beyond any real count, read as no count."""
    return "too_large" if d.m.value > MAX_COUNT else None


def number_before_unit(seg: _Seg, d: Draft) -> str | None:
    """``9 айда`` (in 9 months), ``20 миллион сом``, ``35 жаштагы``, ``3 кабаттуу``: a unit
    of time, money, age or measure after the number makes it no count."""
    if d.m.collective or "P3" in d.m.tags:
        return None  # "алардын бири окуя болгон жерде": a possessive number is its own noun
    j = d.i + 1
    # "70 жана 69 жаштагы": a number joined to the next one shares its unit.
    joined = _is_joiner(seg, j) or seg.is_punct(j, frozenset(",-–"))
    if joined and j + 1 < len(seg.toks) and seg.toks[j + 1].kind == "num":
        j += 2
    j = _next_word(seg, j)
    if j is None:
        return None
    p = seg.lex.not_counts.match(seg.toks, j)
    if p is not None:
        if p.label == "age" and _person_after(seg, j + len(p.words)):
            # "12 жаш кыз" (a 12-year-old girl): news writes ages in digits; a number word
            # or a vague number counts the young ("эки жаш жигит", two young men), and so
            # does a number too small to be the age of a grown-up ("2 жаш жигит")
            exact = not (d.m.several or "APPROX" in d.m.tags)
            if seg.toks[j].low == "жаш" and _too_young_for(seg, d, j + 1):
                return None
            # "эки жаштагы бала", "үч жашар кыз": an inflected age word is an age whatever
            # way the number is written; only bare "жаш" may be the young
            if seg.toks[j].low != "жаш":
                return p.label
            return p.label if exact and seg.toks[d.i].text[:1].isdigit() else None
        noun = seg.noun(j)
        if noun is not None and (len(noun.words) > len(p.words) or _derived_from(noun, p)):
            return None  # "эки өрт өчүрүүчү" (fire engines), not "өрт" (fires)
        if noun is not None and len(noun.words) == len(p.words) and seg.noun(j + 1) is None:
            return None  # "500дөй жаш аянтка чогулду": "жаш" (the young) is the noun
        return p.label
    return None


def _person_after(seg: _Seg, j: int) -> bool:
    """A counted noun of people starts at token ``j`` (``12 жаш кыз``: the girl)."""
    p = seg.noun(j) if seg.word(j) is not None else None
    return p is not None and seg.lex.noun_label[p.label][0] == "people"


#: Below this age a person is named as a child (бала, кыз, өспүрүм), not a grown-up
#: (жигит, эркек, жумушчу): "2 жаш жигит" is two young men, not a two-year-old.
MIN_GROWN_AGE = 14
_YOUNG_GROUPS = frozenset({"children", "women"})  # кыз: a girl or a young woman


def _too_young_for(seg: _Seg, d: Draft, j: int) -> bool:
    """``2 жаш жигит`` (two young men): the number before ``жаш`` is too small to be the
    age of the grown-up the noun at ``j`` names, so it counts them."""
    p = seg.noun(j)
    return (
        p is not None
        and seg.lex.noun_label[p.label][1] not in _YOUNG_GROUPS
        and d.m.value < MIN_GROWN_AGE
    )


def _derived_from(noun: Phrase, unit: Phrase) -> bool:
    """``2 малчы`` (two herders): a counted noun whose stem is a word derived from a unit's
    stem (малчы from мал, livestock) is that noun, not the unit."""
    a, b = noun.words[0], unit.words[0]
    return (
        len(noun.words) == len(unit.words) == 1
        and a.kind == b.kind == "stem"
        and a.value != b.value
        and a.value.startswith(b.value)
    )


def number_as_of(seg: _Seg, d: Draft) -> str | None:
    """``саат 8ге карата`` (as of 8 o'clock), ``20сына карата``: a number in the dative
    right before an as-of word is a point in time, not a count."""
    if "DAT" not in d.m.tags or seg.word(d.i + 1) is None:
        return None
    return "clock_time" if seg.lex.as_of_words.match(seg.toks, d.i + 1) is not None else None


def number_of_attribute(seg: _Seg, d: Draft) -> str | None:
    """``2 балалуу эне`` (a mother of two children): a number before a
    word made with ``-луу`` from a counted noun counts that noun inside an attribute of
    the word after it, not the people the clause speaks of (``2 куралдуу адам``, two armed
    men, is a count: "курал" is no counted noun)."""
    if d.m.collective or "P3" in d.m.tags:
        return None
    tok = seg.word(d.i + 1)
    if tok is None:
        return None
    for a in tok.readings:
        if a.tags == ("WITH",) and not a.verbal:
            p = seg.lex.nouns.match([Token(a.stem, a.stem, 0, 0, "word")], 0)
            if p is not None and len(p.words) == 1:
                return "not_counted"
    return None


def number_of_places(seg: _Seg, d: Draft) -> str | None:
    """``Шаардагы 5 ооруканада 120 бейтап дарыланууда`` (120 patients in 5 hospitals), ``3
    мектепте 40 окуучу ууланды``: a number before a word in the locative that is no noun of
    people counts the places where the next number of its clause is; it is no count of
    people (``7 адам жабыркап, 4ү ооруканада`` has no number after the place)."""
    if d.m.collective or "P3" in d.m.tags or d.m.several:
        return None
    j = d.i + 1
    tok = seg.word(j)
    if tok is None or not _has_case(tok, "LOC"):
        return None
    p = seg.noun(j)
    if p is not None and seg.lex.noun_label[p.label][0] == "people":
        return None
    for k in range(j + 1, min(j + 5, len(seg.toks))):
        t = seg.toks[k]
        if t.kind == "num":
            return "not_counted"
        if t.kind == "punct" or _predicate_form(seg, k):
            return None
    return None


def number_range_start(seg: _Seg, d: Draft) -> str | None:
    """``2015–2023-жылдары`` (in the years 2015 to 2023), ``17–18-мартта``: the first number
    of a range joined by a dash to a year, date or other number that is no count shares its
    reason."""
    j = d.i + 1
    if not seg.is_punct(j, _DASHES) or j + 1 >= len(seg.toks):
        return None
    t = seg.toks[j + 1]
    return seg.rejected.get(t.start) if t.kind == "digits" else None


def number_fraction(seg: _Seg, d: Draft) -> str | None:
    """``каза болгондордун үчтөн бири`` (a third of the dead), ``ондон экиси`` (two in ten):
    a number in the ablative right before a possessive number, and that number, make a
    fraction, which is no count."""
    nxt = seg.toks[d.i + 1] if d.i + 1 < len(seg.toks) else None
    if "ABL" in d.m.tags and nxt is not None and nxt.kind == "num" and "P3" in nxt.mention.tags:
        return "percentage"
    prev = seg.toks[d.i - 1] if d.i > 0 else None
    if "P3" in d.m.tags and prev is not None and prev.kind == "num":
        return "percentage" if "ABL" in prev.mention.tags else None
    return None


def _rate_words_before(seg: _Seg, i: int) -> bool:
    """A word of a rate (``rates`` in the lexicon: ``ар бир``, each) ends right before
    token ``i``."""
    rates = seg.lex.rates
    return i > 0 and rates is not None and rates.match_ending(seg.toks, i - 1) is not None


def number_of_rate(seg: _Seg, d: Draft) -> str | None:
    """``ар бир 100 миң калкка 14 адам каза болду`` (14 deaths per 100 000 people): the
    base of a rate after ``ар бир`` (each) and the number said per base, after the base's
    word in the dative, are no counts."""
    if _rate_words_before(seg, d.i):
        return "percentage"
    last = seg.drafts[-1] if seg.drafts else None
    if last is None or last.reason != "percentage" or not _rate_words_before(seg, last.i):
        return None
    between = range(last.i + 1, d.i)
    if not between or any(seg.word(k) is None for k in between):
        return None
    return "percentage" if _has_case(seg.word(d.i - 1), "DAT") else None


NUMBER_RULES = (
    number_too_large,
    number_range_start,
    number_fraction,
    number_of_rate,
    number_before_unit,
    number_of_attribute,
    number_of_places,
    number_as_of,
)


def _next_word(seg: _Seg, j: int) -> int | None:
    return j if j < len(seg.toks) and seg.toks[j].kind == "word" else None


# ------------------------------------------------------------------ stage 2: qualifier
def _number_reading(d: Draft) -> tuple[str, ...]:
    """Suffix tags of the number (``300гө``: DAT; ``11и``: P3; ``100дөй``: APPROX)."""
    return d.m.tags


def qualifier_after(seg: _Seg, d: Draft) -> tuple[str, int] | None:
    """``300гө жакын`` (nearly 300), ``100дөн ашык`` (more than 100), ``40 чамасында``."""
    tags = _number_reading(d)
    j = d.i + 1
    if j >= len(seg.toks) or seg.toks[j].kind != "word":
        return None
    keys = ["after"]
    if "DAT" in tags:
        keys.insert(0, "after_dative")
    if "ABL" in tags:
        keys.insert(0, "after_ablative")
    for key in keys:
        p = seg.lex.q_after[key].match(seg.toks, j)
        if p is not None:
            last = seg.toks[j + len(p.words) - 1]
            w = p.words[-1]
            # "50гө жакыны кармалган": an inflected qualifier word stands for the noun; a verb
            # of drawing near does not ("300гө чукулдады", "20га жакындаган адам").
            d.nominalised = (
                w.kind == "stem"
                and last.low != w.value
                and not any(a.stem == w.value for a in last.verbal)
            )
            return p.label, j + len(p.words)
    return None


def qualifier_suffix(seg: _Seg, d: Draft) -> tuple[str, int] | None:
    """``10 миңдей`` (about ten thousand), ``бир нече миң``, ``ондогон``: said by the number."""
    if d.m.several:
        return "several", d.i + 1
    if "APPROX" in _number_reading(d):
        return "approx", d.i + 1
    return None


def qualifier_change_to(seg: _Seg, d: Draft) -> tuple[str, int] | None:
    """``саны 11ге чейин өстү`` (rose to 11): a number in the dative with ``чейин`` before
    a verb of reaching or growing is the value reached, exact (not "up to")."""
    if "DAT" not in d.m.tags:
        return None
    j = _next_word(seg, d.i + 1)
    p = seg.lex.q_after["after_dative"].match(seg.toks, j) if j is not None else None
    if p is None or p.label != "up_to":
        return None
    k = j + len(p.words)
    verb = seg.word(k)
    if verb is None or not any(a.stem in seg.lex.toll_verbs for a in verb.verbal):
        return None
    return "exact", k


def qualifier_after_noun(seg: _Seg, d: Draft) -> tuple[str, int] | None:
    """``1,2 миң кишиге жакын`` (nearly 1,200 people), ``100 адамдан ашык`` (more than 100
    people): the counted noun right after the number carries the case, and the qualifier
    word follows the noun; the noun is the subject all the same."""
    j = _next_word(seg, d.i + 1)
    p = _noun_at(seg, j) if j is not None else None
    if p is None:
        return None
    end = j + len(p.words)
    case = _head_case(seg.toks[end - 1], p)
    key = {"DAT": "after_dative", "ABL": "after_ablative"}.get(case)
    k = _next_word(seg, end)
    q = seg.lex.q_after[key].match(seg.toks, k) if key and k is not None else None
    if q is None or q.label == "up_to":
        return None
    d.noun_qualified = True
    return q.label, d.i + 1


QUALIFIER_RULES = (qualifier_suffix, qualifier_change_to, qualifier_after, qualifier_after_noun)


def qualifier_before(seg: _Seg, d: Draft) -> tuple[str, int] | None:
    """``дээрлик 2400`` (nearly), ``кеминде 9`` (at least), ``жалпы 35`` (in all)."""
    for k in (3, 2, 1):
        i = d.i - k
        if i < 0:
            continue
        p = seg.lex.q_before.match(seg.toks, i)
        if p is not None and len(p.words) == k:
            return p.label, i
    return None


# ------------------------------------------------------------------ stage 3: the noun
def _noun_at(seg: _Seg, j: int) -> Phrase | None:
    if seg.word(j) is None:
        return None
    return seg.noun(j)


def _adjective_like(tok: Token | None) -> bool:
    """A participle or derived adjective (``кабылган``, ``жарамдуу``, ``айылдагы``)."""
    return any(a.tags and a.tags[-1] in ("PTCP", "LIK", "WITH", "ATTR") for a in _readings(tok))


def _takes_complement(tok: Token | None) -> bool:
    """A participle or adjective that may take the noun in a case before it as its
    complement (``аскерге жарамдуу``, ``үйгө кирген``); one made with ``-лык`` takes none
    (``балага медициналык жардам``: the children got medical help)."""
    return any(a.tags and a.tags[-1] in ("PTCP", "WITH", "ATTR") for a in _readings(tok))


def noun_owners_house(seg: _Seg, d: Draft) -> tuple | None:
    """``2 чабандын үйү кыйрады`` (the houses of 2 shepherds were destroyed): people in the
    genitive right after the number, then a house they own (possessive, nominative or
    accusative: ``сел 4 тургундун үйүн талкалады``) that a predicate of destruction speaks
    of; each owner had one, so the number counts houses."""
    j = _next_word(seg, d.after)
    if j is None or d.m.collective or "P3" in _number_reading(d):
        return None
    p = _noun_at(seg, j)
    if p is None or seg.lex.noun_label[p.label][0] != "people":
        return None
    end = j + len(p.words)
    if not _has_case(seg.toks[end - 1], "GEN"):
        return None
    q = _noun_at(seg, end)
    if q is None or seg.lex.noun_label[q.label] != ("buildings", "house"):
        return None
    head = seg.toks[end + len(q.words) - 1]
    case = _head_case(head, q)
    if not _has_possessive(head) or case not in ("", "ACC"):
        return None  # "3 баланын үйүнө суу кирди": a house in another case is a place
    probe = Draft(m=d.m, i=d.i, first=d.first, after=d.after, ncls="buildings")
    probe.noun, probe.noun_case = (end, end + len(q.words)), case
    found = predicate_chain(seg, probe)
    if found is None or found[0] != "destroyed":
        return None
    return "buildings", "house", probe.noun, case


def noun_after(seg: _Seg, d: Draft) -> tuple | None:
    """``5 киши`` / ``төрт вируска кабылган бейтап``: the lexicon noun after the number;
    up to three words (adjectives, a participle and its arguments) may stand between."""
    j = d.after
    skipped = 0
    # "алардын 20дан ашыгы – балдар": a qualifier word in the possessive stands for the noun
    possessive = d.m.collective or "P3" in _number_reading(d) or d.nominalised
    dash = possessive and seg.is_punct(j, _LIST_MARKS) and seg.word(j + 1) is not None
    if dash:
        j += 1  # "алардын 12си - эркек": the group after a dash is what the part is
    while j < len(seg.toks) and skipped <= 3:
        tok = seg.toks[j]
        if tok.kind == "num" and _age_at(seg, j):
            # "алардын бири 7 жаштагы бала": an age is an attribute of the noun after it
            skipped += 1
            j += 2
            continue
        if tok.kind != "word":
            return None
        p = _noun_at(seg, j)
        end = j + (len(p.words) if p else 0)
        head = seg.toks[end - 1] if p else None
        if p is not None and len(p.words) > 1 and _has_case(tok, "GEN"):
            return None  # "бир үй-бүлөнүн мүчөлөрү": the number counts the owner
        if p is not None and _role_after(seg, end):
            return None  # "алардын бири шектүү катары кармалды": a role, not the noun
        if p is not None and _participle_before_copula(seg, j, end):
            return None  # "3 адамдын бири мурда соттолгон экени": its predicate, not a noun
        if p is not None and "P3" in _number_reading(d) and _toll_noun_ends_clause(seg, j):
            return None  # "2 милиционер мерт болду, дагы 11и жарадар": the part's predicate
        if p is not None and not _frame_place(seg, j, p) and not _starts_verb_phrase(seg, j):
            case = _head_case(head, p)
            if possessive and case:
                return None  # "4 миңи бекеттеринен": a noun in a case is no predicate noun
            if possessive and _attribute_of_next(seg, end):
                return None  # "15и милиция тарабынан кармалды": the noun names the agent
            nxt = _noun_at(seg, end) if not case and not _starts_verb_phrase(seg, end) else None
            if nxt is not None and (
                _role_after(seg, end + len(nxt.words))  # "2 адам шектүү катары"
                or not _compound_with(seg, head, end, nxt)
                # "46 киши милиция бөлүмүнө жеткирилди": the next noun is the attribute of a
                # destination, not the head of the counted noun
                or _attribute_of_next(seg, end + len(nxt.words))
            ):
                nxt = None
            if nxt is None and not case and _izafet_after(seg, head, end):
                j = end + 1  # "3 кыргызстандык эмгек мигранты": the compound's head
                continue
            if (
                case in ("DAT", "LOC", "ABL")
                and _takes_complement(seg.word(end))
                and seg.word(end + 1) is not None
                and not (case == "ABL" and _made_up_of_at(seg, end))
            ):
                # "аскерге жарамдуу жаран": a modifier, the head comes later; a participle
                # that ends the clause is its predicate ("59 жаранынан ажыраган.")
                pass
            elif (
                nxt is not None
                and not _frame_place(seg, end, nxt)
                and not _owner_of_next(seg, end, nxt, p)
                and not _toll_noun_ends_clause(seg, end)
            ):
                j = end  # "кыргызстандык аял": the last noun of a compound is its head
                continue
            else:
                cls, group = seg.lex.noun_label[p.label]
                return cls, group, (j, end), case
        if _predicate_form(seg, j) or tok.low in seg.lex.coordinators:
            return None
        if (
            _has_case(tok, "GEN")
            and tok.low not in seg.lex.pronoun_owners
            and _owner_at(seg, j) is None
            and not (dash and skipped == 0 and _possessed_noun_at(seg, j + 1))
        ):
            # "алардын бешөө – тополоңдун уюштуруучулары" (the riot's organizers): after
            # the dash the genitive and its possessed noun are what the part is
            return None  # "Нарын облусунун тургуну": the noun of another phrase
        skipped += 1
        j += 1
    return None


def _participle_before_copula(seg: _Seg, j: int, end: int) -> bool:
    """``бири мурда соттолгон экени аныкталды`` (one had been convicted before): a one-word
    lexicon noun that is also a participle, before a copula, is the clause's predicate."""
    tok, nxt = seg.word(j), seg.word(end)
    return (
        end == j + 1
        and nxt is not None
        and nxt.low in seg.lex.copulas
        and any(a.has("PTCP") for a in _verb_forms(seg.lex, tok))
    )


def _role_after(seg: _Seg, k: int) -> bool:
    """``шектүү катары`` (as a suspect): a noun before a word of role (``roles`` in the
    lexicon file) says what the counted people were taken for, not who they are."""
    tok = seg.word(k)
    return tok is not None and tok.low in seg.lex.roles


def _possessed_noun_at(seg: _Seg, k: int) -> bool:
    """A one-word lexicon noun in the possessive at token ``k`` (``уюштуруучулары``)."""
    p = seg.noun(k)
    return (
        p is not None
        and len(p.words) == 1
        and any(a.has("P3") and not a.verbal for a in _readings(seg.word(k)))
    )


def _izafet_after(seg: _Seg, head: Token, k: int) -> bool:
    """``кыргызстандык эмгек мигранты`` (a Kyrgyz labour migrant): after an adjective in
    ``-лык``, a bare noun outside the lexicon and a lexicon noun in the possessive form a
    compound (the possessive ending says so) whose head is the last noun."""
    if not any(a.has("LIK") for a in _readings(head)):
        return False
    mid = seg.word(k)
    if mid is None or seg.noun(k) is not None or _predicate_form(seg, k):
        return False
    if any(a.verbal or a.tags for a in _readings(mid)):
        return False  # a word in a case or a verb form
    nxt = seg.noun(k + 1)
    if nxt is None or len(nxt.words) != 1:
        return False
    return any(a.tags == ("P3",) and not a.verbal for a in _readings(seg.word(k + 1)))


def _attribute_of_next(seg: _Seg, k: int) -> bool:
    """``милиция тарабынан`` (by the police), ``милиция бөлүмүнө``: a noun before a word in
    the possessive and an oblique case is that word's attribute (the possessive ending
    says so), so it is no predicate noun of a part (``алардын 15и милиция тарабынан
    кармалды``: 15 of them were detained by the police)."""
    tok = seg.word(k)
    if tok is None or seg.noun(k) is not None:
        return False
    return any(
        a.has("P3") and a.case in ("DAT", "LOC", "ABL") and not a.verbal for a in _readings(tok)
    )


def _compound_with(seg: _Seg, head: Token, k: int, nxt: Phrase) -> bool:
    """Whether the noun ending in ``head`` modifies the noun ``nxt`` at token ``k`` as in
    ``кыргызстандык аялга``: a plain noun before a noun in an oblique case is a phrase of
    its own (``48 адам дарыгерлерге кайрылды``: 48 people turned to doctors), and so is a
    plain noun before the object of a verb (``эки жигит дүкөндү тоноду``: two young men
    robbed a shop); an adjective made with ``-лык`` is not."""
    case = _head_case(seg.toks[k + len(nxt.words) - 1], nxt)
    if case not in ("DAT", "LOC", "ABL", "INS", "ACC"):
        return True
    return any(a.has("LIK") for a in _readings(head))


def noun_demonym(seg: _Seg, d: Draft) -> tuple | None:
    """``30дан ашык палестиналык каза болду``, ``3 кытайлыкты кармашты``: a noun made with
    ``-лык`` from a place (people of that place) right after the number, heading its phrase,
    counts people: of the owner's group when the place is an owner of the lexicon
    (``кытайлык``: foreigners), else civilians."""
    j = _next_word(seg, d.after)
    if j is None:
        return None
    tok = seg.toks[j]
    lik = [a for a in tok.readings if not a.verbal and a.tags[:1] == ("LIK",)]
    if not lik or any(len(a.tags) > 2 or a.has("PL") or a.has("P3") for a in lik):
        return None
    k = j + 1
    # a possessive number already stands for its noun ("кармалгандардын 12си"): a word in
    # -лык after it heads a nominal predicate, but before a verb phrase it describes the
    # verb's argument ("12си административдик камакка алынды", administrative arrest)
    possessive = d.m.collective or "P3" in _number_reading(d)
    heads = (
        k >= len(seg.toks)
        or seg.toks[k].kind == "punct"
        or any(len(a.tags) == 2 for a in lik)  # in a case: "3 кытайлыкты"
        or _predicate_form(seg, k)
        or (_starts_verb_phrase(seg, k) and not possessive)
    )
    if not heads:
        return None
    owner = seg.lex.owners.match(seg.toks, j)
    case = next((a.case for a in lik if a.case), "")
    group = _nationals(seg, owner, j) if owner is not None else "civilians"
    return "people", group, (j, k), case


def _owner_at(seg: _Seg, j: int) -> Phrase | None:
    """The owner of the lexicon (``owners``) in the genitive ending at token ``j``
    (``ИИБнын``, ``Казакстандын``): it gives a generic noun its group and is no noun of
    another phrase."""
    tok = seg.word(j)
    if tok is None:
        return None
    p = seg.lex.owners.match_ending(seg.toks, j)
    if p is None or not (p.words[-1].kind == "prefix" or "GEN" in _cases_of(tok, p)):
        return None
    return p


def _toll_noun_ends_clause(seg: _Seg, k: int) -> str:
    """The measure of a toll noun at token ``k`` that ends its clause (``9 адам жарадар``:
    "жарадар" is the predicate, not the head of a compound)."""
    tok = seg.word(k)
    if tok is None or "PL" in tok.info.tags:
        return ""
    t = seg.lex.toll_nouns.match(seg.toks, k)
    if t is None:
        return ""
    end = k + len(t.words)
    return t.label if end >= len(seg.toks) or seg.toks[end].kind == "punct" else ""


def _age_at(seg: _Seg, j: int) -> bool:
    """``7 жаштагы``: the number at token ``j`` and the age word after it."""
    k = _next_word(seg, j + 1)
    if k is None:
        return False
    p = seg.lex.not_counts.match(seg.toks, k)
    return p is not None and p.label == "age"


def _owner_of_next(seg: _Seg, k: int, nxt: Phrase, p: Phrase) -> bool:
    """``жүздөгөн тургун акимчиликтин алдына``: a noun of another class in the genitive
    after the counted noun owns a later word; it is no head of a compound with it."""
    if seg.lex.noun_label[nxt.label][0] == seg.lex.noun_label[p.label][0]:
        return False
    return _head_case(seg.toks[k + len(nxt.words) - 1], nxt) == "GEN"


def _starts_verb_phrase(seg: _Seg, k: int) -> bool:
    """True when the words from ``k`` are the fixed arguments of a measure verb phrase
    (``киши колдуу болуп``: "киши" is part of "killed", not a noun)."""
    tok = seg.word(k)
    if tok is None:
        return False
    table = seg.lex.verbs_by_first_arg
    for key in (*tok.info.keys, tok.low[:3]):
        for e in table.get(key, ()):  # only the phrases whose first word this can be
            v = k + len(e.args)
            verb = seg.word(v)
            if (
                verb is not None
                and _all_words(seg, e.args, k)
                and any(a.stem == e.root for a in verb.verbal)
            ):
                return True
    return False


def _all_words(seg: _Seg, words, k: int) -> bool:
    """Lexicon words ``words`` match the word tokens from ``k`` on."""
    for n, w in enumerate(words):
        tok = seg.word(k + n)
        if tok is None or not w.matches(tok):
            return False
    return True


def _head_case(head: Token, p: Phrase) -> str:
    """The case of a phrase's head word, read from the readings of the lexicon stem."""
    w = p.words[-1]
    cases = {a.case for a in head.readings if not a.verbal and a.tags and a.stem == w.value}
    if not cases:
        return ""
    for c in ("ACC", "GEN", "DAT", "LOC", "ABL", "INS"):
        if c in cases:
            return c
    return ""


def _frame_place(seg: _Seg, j: int, p: Phrase) -> bool:
    """``4 ооруканага жаткырылды``: a place word of a measure frame in its case is the
    frame's argument, not the counted noun."""
    end = j + len(p.words)
    fw = seg.frame_word(j)
    if fw is None:
        return False
    return bool(_cases_of(seg.toks[end - 1], fw) & {"DAT", "LOC"})


def noun_possessive(seg: _Seg, d: Draft) -> tuple | None:
    """``беш адамдын бири`` (one of five people), ``26 бейтаптын тогузу``,
    ``кайрылгандардын 73ү``, ``алардын 20сы``: a possessive or collective number counts the
    genitive noun before it, or what ``алардын``/``анын`` points back to."""
    tags = _number_reading(d)
    if not (d.m.collective or "P3" in tags or d.nominalised or d.marker):
        return None
    case = _own_case(d)
    if d.whole_noun is not None:
        return (*d.whole_noun, None, case)
    if d.whole is not None:
        if not d.whole.ncls:
            return None  # "60 дипломат ..., алардын 58и": a part of something not counted
        return d.whole.ncls, d.whole.group, None, case
    if d.marker:
        return None
    last = seg.memory.get("last_noun")
    if last is not None:
        return last[0], last[1], None, case
    # "бирөөсү каза болду", "40ка жакыны кармалды": with nothing before them they count
    # people (the predicate decides whether that makes a figure).
    return "people", "total", None, ""


def _own_case(d: Draft) -> str:
    """``алардын 8ин кармады``: a number that stands for its noun in the accusative is the
    object of a transitive verb (other cases after a number are comparisons: ``70тен
    ашууну``)."""
    return "ACC" if "ACC" in _number_reading(d) else ""


def whole_before(seg: _Seg, d: Draft) -> None:
    """What stands before the number and makes it a part: a subset marker (``алардын
    ичинен 16``: the last number before it), a participle in the plural genitive
    (``кармалгандардын 4ү``: its verb says the measure), a genitive noun or number before a
    possessive number (``7 адамдын 3ү``)."""
    marker = _marker_before(seg, d)
    if marker is not None and len(marker.words) == 1 and _owned_after(seg, d):
        return  # "алардын 3 баласы бар" (they have 3 children): the pronoun owns the noun
    if marker is not None:
        d.marker = True
        start = _marker_start(seg, d)
        before = [x for x in seg.drafts if x.i < start]  # not the ages after the marker
        d.whole = before[-1] if before else seg.memory.get("last_draft")
        if d.whole is not None and _vague_whole_between(seg, _marker_start(seg, d)):
            d.whole = None  # "5 адам каза болду. Көп адам жабыркады, алардын 4ү": not of the 5
        if d.whole is not None and d.whole.parent is not None:
            # "120 адам – 70 ... жана 50 ... . Алардын ичинен 9": "of them" is the whole list
            d.whole = d.whole.parent
        return
    j = _ages_before(seg, d.first - 1)
    k = _marker_end(seg, d)  # "кармалгандардын арасында ИИМдин 2 кызматкери": past the owner
    if seg.word(k) is not None and seg.toks[k].low in seg.lex.subset_tails:
        j = k - 1
    elif seg.word(j) is not None and seg.toks[j].low in seg.lex.subset_tails:
        j -= 1
    tok = seg.word(j)
    if tok is None:
        _next_part(seg, d, j)
        return
    p = seg.noun_ending(j)
    if p is not None and _named_before(seg, d, j, p):
        d.marker, d.whole_noun = True, seg.lex.noun_label[p.label]
        d.whole = seg.drafts[-1] if seg.drafts else seg.memory.get("last_draft")
        if d.whole is not None and d.whole.parent is not None:
            d.whole = d.whole.parent
        return
    if p is not None and "GEN" in _cases_of(tok, p) and _genitive_participles(tok):
        d.whole_noun = seg.lex.noun_label[p.label]  # "соттолгондордун бири": a convict
        d.marker = True
        return
    parts = _genitive_participles(tok)
    if parts:
        d.marker_class = next(
            (c for a in parts if (c := _verb_class_of_root(seg, a.stem, j, "people"))), ""
        )
        d.marker = True
        # "митингге катышкандардын 15и": a part of a rally's participants
        rally = _rally_participle(seg, {a.stem for a in parts}, j - 1)
        d.whole_noun = ("people", "protesters" if rally else "total")
        return
    if _toll_noun_whole(seg, d, j, p):
        return
    if not (d.m.collective or "P3" in _number_reading(d) or d.nominalised):
        return
    p = seg.noun_ending(j)
    if p is not None and "GEN" in _cases_of(tok, p):
        d.whole_noun = seg.lex.noun_label[p.label]
        for other in reversed(seg.drafts):
            if other.noun is not None and other.noun[1] - 1 == j:
                d.whole = other
                if other.ncls:  # "акцияга чыккан 30 адамдын 12си": the group the whole got
                    d.whole_noun = other.ncls, other.group
                break
        return
    if _has_case(tok, "GEN") and _owner_at(seg, j) is None:
        d.reason = "not_counted"  # "дипломаттардын 5и": a part of something not counted


def _toll_noun_whole(seg: _Seg, d: Draft, j: int, p: Phrase | None) -> bool:
    """``Маркумдардын арасында 3 бала бар`` (among the dead are 3 children),
    ``жарадарлардын 4ү балдар``: a toll noun in the genitive (``toll_nouns`` in the
    lexicon) makes the number a part, and its measure is the part's (as a participle
    marker's is: ``кармалгандардын``)."""
    t = seg.lex.toll_nouns.match_ending(seg.toks, j)
    if t is None or not _has_case(seg.toks[j], "GEN") or _owned_after(seg, d):
        return False  # "жарадарлардын 3 баласы бар": the injured have 3 children
    d.marker, d.marker_class = True, t.label
    d.whole_noun = seg.lex.noun_label[p.label] if p is not None else ("people", "total")
    return True


def _owned_after(seg: _Seg, d: Draft) -> bool:
    """``Көп адам жабыркады, алардын 3 баласы бар`` (they have 3 children): a plain number
    before a counted noun in the possessive counts what the marker's pronoun owns, not a
    part of it (a part is ``алардын 3ү`` or ``алардын ичинде 3 бала``; a compound noun is
    possessive too: ``алардын ичинен 16 милиция унаасы``, so one word only)."""
    if d.m.collective or "P3" in _number_reading(d):
        return False
    p = seg.noun(d.after)
    if p is None or len(p.words) != 1:
        return False
    tok = seg.toks[d.after + len(p.words) - 1]
    return any(a.has("P3") and not a.verbal for a in _readings(tok))


def _vague_whole_between(seg: _Seg, start: int) -> bool:
    """``Кечээ 5 адам каза болду. Бүгүн көп адам жабыркады, алардын 4ү балдар``: a counted
    noun without a numeral, the subject of a predicate, stands between the last figure and
    the subset marker at token ``start``, so the marker points to it, not to the figure."""
    if seg.drafts:
        last = seg.drafts[-1]
        return _subject_and_predicate(seg, last.noun[1] if last.noun else last.after, start)
    if _subject_and_predicate(seg, 0, start):
        return True
    prev = None if seg.memory.get("numbers_prev") else _segment_before(seg, start)
    return prev is not None and _subject_and_predicate(prev, 0, len(prev.toks))


def _subject_and_predicate(seg: _Seg, lo: int, hi: int) -> bool:
    """A counted noun in the nominative, then a predicate, between tokens ``lo`` and ``hi``."""
    for j in range(lo, hi):
        p = seg.noun_ending(j)
        if p is not None and _cases_of(seg.toks[j], p) == {""}:
            return any(_predicate_form(seg, k) == "finite" for k in range(j + 1, hi))
    return False


def _named_before(seg: _Seg, d: Draft, j: int, p: Phrase) -> bool:
    """``Аталган адамдардын 4ү`` (4 of the people named): a genitive noun after an
    anaphoric word (``anaphors`` in the lexicon), before a possessive or collective number,
    points back to the figure before it like ``алардын``."""
    if not (d.m.collective or "P3" in _number_reading(d)):
        return False
    if "GEN" not in _cases_of(seg.toks[j], p):
        return False
    k = j - len(p.words)
    return seg.word(k) is not None and seg.toks[k].low in seg.lex.anaphors


def _next_part(seg: _Seg, d: Draft, j: int) -> None:
    """``жабыркагандардын бешөө бала, экөө аял``, ``каза болгондордун 6сы Ошто, 3ү
    Нарында``: a possessive or collective number right after a comma that ends the
    previous part (its noun or its place) is a part of the same whole."""
    if not (d.m.collective or "P3" in _number_reading(d)) or not seg.is_punct(j, _COMMA):
        return
    last = seg.drafts[-1] if seg.drafts else None
    if last is None:
        return
    end = last.noun[1] if last.noun else last.after
    # "каза болгондордун 6сы Ошто, 3ү Нарында": a place may close the previous part
    if last.marker and (end == j or _place_before(seg, j) == end):
        d.marker, d.whole, d.whole_noun = True, last.whole, last.whole_noun
        d.marker_class, d.sibling = last.marker_class, last
    elif _part_after_figure(seg, d, last, j):
        d.marker, d.whole = True, last


def _part_after_figure(seg: _Seg, d: Draft, last: Draft, j: int) -> bool:
    """``10 адам кармалды, үчөө аялдар`` (three of them women), ``12 жүргүнчү жабыркады,
    3ү оор абалда``: a possessive or collective number right after the comma that ends a
    figure's clause, with no predicate of its own, is a part of that figure, as if
    ``алардын`` stood before it."""
    if not last.measure or last.parent is not None or last.marker or last.pred is None:
        return False
    if last.pred[1] != j or _predicate_form(seg, last.pred[1] - 1) != "finite":
        return False
    # "12 адам каза болду, экөө жарадар": two more, wounded, no part of the dead
    return not _toll_noun_ends_clause(seg, d.after) and not _has_own_predicate(seg, d)


def _marker_before(seg: _Seg, d: Draft) -> Phrase | None:
    """``алардын ичинен 16``, ``анын төртөө``: a subset marker right before the number (or
    before the ages that describe its noun: ``алардын ичинде 5 жана 7 жаштагы эки бала``)."""
    j = _marker_end(seg, d)
    if j < 0:
        return None
    return seg.lex.subset_markers.match_ending(seg.toks, j)


def _marker_end(seg: _Seg, d: Draft) -> int:
    """The last token a subset marker before the number may end at: before the ages and
    derived adjectives of its noun, and before an owner in the genitive of a possessed noun
    (``алардын арасында райондук акимчиликтин 2 кызматкери бар``: the district office's
    two employees are part of the whole)."""
    j = _attributes_before(seg, d.first - 1)
    tok = seg.word(j)
    if (
        tok is not None
        and _has_case(tok, "GEN")
        and tok.low not in seg.lex.pronoun_owners
        and seg.lex.subset_markers.match_ending(seg.toks, j) is None
        and _has_possessive(seg.word(d.after))
    ):
        return _attributes_before(seg, j - 1)
    return j


def _attributes_before(seg: _Seg, j: int) -> int:
    """The token before the ages and derived adjectives that end at token ``j``
    (``алардын арасында мурдагы 2 депутат``: "former" describes the deputies; the
    marker before it frames the number)."""
    j = _ages_before(seg, j)
    while j >= 1 and seg.word(j) is not None and _derived_adjective(seg.word(j)):
        j -= 1
    return j


def _derived_adjective(tok: Token) -> bool:
    """An adjective made from a noun (``мурдагы``, ``жергиликтүү``), no verb form."""
    return not _verb_forms(None, tok) and any(
        a.tags and a.tags[-1] in ("LIK", "WITH", "ATTR") for a in _readings(tok)
    )


def _ages_before(seg: _Seg, j: int) -> int:
    """The token before the ages that end at token ``j`` (``арасында 5 жана 8 жаштагы эки
    бала``: the ages describe the children; the words before them frame the number)."""
    while j >= 1 and seg.toks[j - 1].kind == "num" and _age_at(seg, j - 1):
        j -= 2
        while (
            j >= 1
            and seg.toks[j - 1].kind == "num"
            and (_is_joiner(seg, j) or seg.is_punct(j, _COMMA))
        ):
            j -= 2  # "5 жана 8 жаштагы": ages joined into one
    return j


def noun_elided_list(seg: _Seg, d: Draft) -> tuple | None:
    """``Чүйдө 7, Таласта 4 киши сууга чөгүп кетти``: a number without a noun shares the
    noun of the next number of its list (no predicate between them). The value of a toll
    is no list item (``оорулуулардын саны 3 миңден ашты, 2 бала каза болду``: the sick)."""
    k = d.first - 1
    if seg.word(k) is not None and seg.toks[k].stems & seg.lex.toll_words:
        return None
    j = d.after
    joined = False  # items of a list are joined by a comma, a dash or "жана"
    while j < len(seg.toks):
        tok = seg.toks[j]
        if tok.kind == "num":
            nd = _peek_noun(seg, j) if joined else None
            if nd is not None:
                return (*nd, "")
            if not joined:
                return None  # "Эки кошуна мамлекеттин чегинде 3 аскер": no list
            j += 1
            continue
        if tok.kind == "punct" and tok.low in _SENTENCE_END | frozenset(":()"):
            return None
        joined = joined or seg.is_punct(j, _COMMA | _LIST_MARKS) or _is_joiner(seg, j)
        if tok.kind == "word" and (_predicate_form(seg, j) or _toll_noun_ends_clause(seg, j)):
            return None  # "4 мерт, 7 жарадар": a toll noun ends the first item's clause
        j += 1
    return None


def _peek_noun(seg: _Seg, j: int) -> tuple | None:
    """The noun right after the number token ``j`` (for an elided list)."""
    tmp = Draft(m=seg.toks[j].mention, i=j, first=j, after=j + 1)
    q = qualifier_after(seg, tmp)
    if q is not None:
        tmp.after = q[1]
    res = noun_after(seg, tmp)
    if res is None:
        return None
    cls, group, span, _case = res
    return cls, _owner_group(seg, j, group, span), span


def noun_before_frame_place(seg: _Seg, d: Draft) -> tuple | None:
    """``18 адам кайрылса, 4 ооруканага жаткырылып``: a bare number right before the place
    word of a measure frame counts the last counted noun (4 of them were admitted)."""
    j = _next_word(seg, d.after)
    if j is None:
        return None
    fw = seg.frame_word(j)
    if fw is None or not (_cases_of(seg.toks[j + len(fw.words) - 1], fw) & {"DAT", "LOC"}):
        return None
    last = seg.memory.get("last_noun")
    if last is None or last[0] != "people":
        return None
    return last[0], last[1], None, ""


def noun_dash_list(seg: _Seg, d: Draft) -> tuple | None:
    """``набыт болгондордун саны — 122, пневмониядан — 350``: a number after a dash, in a
    list whose previous item was a figure, counts what that figure counts."""
    if not seg.is_punct(d.first - 1, _LIST_MARKS) or not seg.drafts:
        return None
    last = seg.drafts[-1]
    if last.figure is None:
        return None
    between = range(last.after, d.first - 1)
    if not any(seg.is_punct(k, _COMMA) for k in between):
        return None
    if any(seg.word(k) is not None and _predicate_form(seg, k) for k in between):
        return None
    if _label_of_other(seg, d):
        return None  # "курман болгондор – 2, эвакуацияланган тургундар – 300": no measure
    d.copy_of = last
    return last.ncls, last.group, None, ""


def _label_of_other(seg: _Seg, d: Draft) -> bool:
    """The words between the last punctuation and the dash before the number hold a
    participle whose verb says no measure of people (``эвакуацияланган тургундар – 300``,
    evacuated residents): the item counts something else."""
    k = d.first - 2
    while seg.word(k) is not None:
        forms = [a for a in _verb_forms(seg.lex, seg.word(k)) if "PTCP" in a.tags]
        if forms and not any(_verb_class_of_root(seg, a.stem, k, "people") for a in forms):
            return True
        k -= 1
    return False


def noun_place_breakdown(seg: _Seg, d: Draft) -> tuple | None:
    """``Сел 8 үйдү талкалады: Ошто 5, Өзгөндө 3`` (5 in Osh, 3 in Özgön): a bare number
    after a place name, in a list that a colon or dash opens right after a figure's
    clause, counts that figure's noun; the next items after a comma or ``жана`` follow."""
    nxt = _next_word(seg, d.after)
    if (nxt is not None and not _is_joiner(seg, nxt)) or not seg.drafts:
        return None
    place = _place_before(seg, d.first)
    if place == d.first:
        return None
    last = seg.drafts[-1]
    if seg.is_punct(place - 1, _LIST_MARKS):
        whole = last if last.figure is not None and last.noun is not None else None
    elif seg.is_punct(place - 1, _COMMA) or _is_joiner(seg, place - 1):
        # the item before it was one too: a bare number right before the comma
        whole = last.copy_of if last.noun is None and last.after == place - 1 else None
    else:
        return None
    if whole is None or whole.figure is None:
        return None
    d.copy_of = whole
    return whole.ncls, whole.group, None, ""


def noun_participle_list(seg: _Seg, d: Draft) -> tuple | None:
    """``каза болгондор бар. Анын ичинде: Бишкекте – 3; Чүй облусунда – 2``: a number after
    a dash, with no noun or verb of its own, counts the people a measure participle named
    before it in the entry ("those who died")."""
    if not seg.is_punct(d.first - 1, _LIST_MARKS) or _next_word(seg, d.after) is not None:
        return None
    named = _participle_noun_before(seg, d)
    if not named or _label_of_other(seg, d):
        return None
    d.copy_vclass = named
    return "people", "total", None, ""


def noun_of_whole(seg: _Seg, d: Draft) -> tuple | None:
    """``Көптөгөн тургундар жабыркады. Алардын 6сы ооруканага жаткырылды.``: ``алардын``
    with no counted whole before it points back to the subject of the clause before (the
    last counted noun in the nominative before the marker, in this sentence or the one
    before)."""
    if not d.marker or d.whole is not None or d.whole_noun is not None or d.marker_class:
        return None
    start = _marker_start(seg, d)
    hit = _last_subject(seg, start)
    prev = _segment_before(seg, start) if hit is None else None
    if prev is not None:
        hit = _last_subject(prev, len(prev.toks))
    if hit is None:
        return None
    return (*hit, None, "")


def _marker_start(seg: _Seg, d: Draft) -> int:
    marker = _marker_before(seg, d)
    if marker is None:
        return d.first
    return _marker_end(seg, d) + 1 - len(marker.words)


def _seg_of(seg: _Seg, text: str) -> _Seg:
    """The tokens of another segment (the sentence before), read for its words only."""
    return _Seg(text, tokenize(text, _lower(text), []), seg.lex)


def _segment_before(seg: _Seg, start: int) -> _Seg | None:
    """The segment before this one (read for its words), when no word precedes token
    ``start`` here: where a whole stated without a numeral is looked for
    (``Көп адам жабыркады. Алардын 4ү балдар``)."""
    texts = seg.memory.get("texts", [])
    if len(texts) < 2 or any(seg.word(k) for k in range(start)):
        return None
    return _seg_of(seg, texts[-2])


def _last_subject(seg: _Seg, hi: int) -> tuple[str, str] | None:
    """(class, group) of the last counted noun in the nominative before token ``hi``."""
    for j in range(hi - 1, -1, -1):
        p = seg.noun_ending(j)
        if p is not None and _cases_of(seg.toks[j], p) == {""}:
            return seg.lex.noun_label[p.label]
    return None


def noun_implied_people(seg: _Seg, d: Draft) -> tuple | None:
    """``Кырсык: 2 өлгөн, 5 жаракат алган`` (2 dead, 5 injured), ``30дан ашык каза болду``:
    a plain number right before a verb phrase that only people undergo (killed, injured,
    hospitalized, detained) counts people; a verb said of buildings too ("өрттөлдү") does
    not tell. So does a toll noun right after it that ends the clause (``Жардыруу: 4
    мерт``, a headline)."""
    if d.m.collective or d.noun is not None:
        return None
    if set(d.m.tags) - {"APPROX"} and d.after == d.i + 1:
        return None  # a case of its own, no qualifier after it ("5ке", "3үнүн")
    k = _next_word(seg, d.after)
    if k is None:
        return None
    if k == d.after and _toll_noun_ends_clause(seg, k) in _PEOPLE_ONLY:
        # "Жардыруу: 9 каза" (a headline, 9 dead): the toll noun is the counted noun's place
        return "people", "total", (k, k + 1), ""
    for v in range(k, min(k + 3, len(seg.toks))):
        for a in _verb_forms(seg.lex, seg.word(v)):
            e = _verb_entry(seg, a.stem, v, "people")
            if e is not None and v - len(e.args) == k and e.vclass in _PEOPLE_ONLY:
                return "people", "total", None, ""
    return None


def noun_of_them(seg: _Seg, d: Draft) -> tuple | None:
    """``Алардын бири каза болуп, экинчиси ооруканага жеткирилди`` at the start of a text:
    a part after ``алардын`` (they) that points back to nothing counted, neither a figure
    nor a noun, counts people, when its predicate is said of people only (checked after
    the predicate stage: ``алардын 3ү өрттөлдү`` says nothing of people)."""
    if not d.marker or d.whole is not None or d.whole_noun is not None or d.marker_class:
        return None
    d.implied = True
    return "people", "total", None, ""


#: Verb classes said of people only (``destroyed`` and ``crowd`` are said of things too).
_PEOPLE_ONLY = frozenset(
    {"killed", "injured", "casualties", "hospitalized", "intensive_care", "detained"}
)


NOUN_RULES = (
    noun_owners_house,
    noun_after,
    noun_demonym,
    noun_possessive,
    noun_elided_list,
    noun_before_frame_place,
    noun_dash_list,
    noun_place_breakdown,
    noun_participle_list,
    noun_of_whole,
    noun_implied_people,
    noun_of_them,
)


def _owner_group(seg: _Seg, i: int, group: str, span) -> str:
    """A generic noun takes its owner's group: ``ИИБнын 4 кызматкерин`` are police,
    ``АКШнын эки жараны`` foreigners; the owner may stand between the number and the noun
    (``алардын төртөө Казакстандын жарандары``)."""
    if group in _RALLY_GROUPS and _rally_before(seg, i):
        return "protesters"
    split = _split_phrase(seg, i, span)
    if split is not None:
        return split
    if span is None or span[1] - span[0] > 1:
        return group
    head = seg.toks[span[1] - 1]
    if not (head.stems & seg.lex.generic_nouns):
        # "жетекчилик кызматтагы 3 киши": people named by the post they hold
        p = _office_before(seg, i) if group == "total" else None
        if p is None and group == "total":
            return _partitive_before(seg, i) or group
        return p.label if p is not None else group
    for j in (span[0] - 1, i - 1, i - 2):
        p = _owner_at(seg, j)
        if p is not None:
            return _nationals(seg, p, j)
    p = _office_before(seg, i)
    if p is None and _rally_in_sentence(seg, i):
        return "protesters"
    return p.label if p is not None else group


def _rally_in_sentence(seg: _Seg, i: int) -> bool:
    """``Митинг учурунда милиция 17 катышуучуну кармады`` (17 participants): a generic
    noun with no owner of its own, in a sentence that names a rally before the number (an
    owner of the group ``protesters``), counts the rally's people; not a building's front
    (``мэриянын алдында``: a possessive in a case of place)."""
    for k, p in _owners_before(seg, i):
        tok = seg.word(k)
        if p.label == "protesters" and not (
            _has_possessive(tok) and _cases_of(tok) & {"LOC", "DAT", "ABL"}
        ):
            return True
    return False


def _owners_before(seg: _Seg, i: int):
    """The owners of groups (``митинг``, ``ИИМ``) that end at a word before token ``i`` in
    its sentence, the nearest first: (token index, phrase)."""
    for k in range(i - 1, -1, -1):
        if seg.is_punct(k, _SENTENCE_END):
            return
        if seg.word(k) is not None and (p := seg.lex.owners.match(seg.toks, k)) is not None:
            yield k, p


def _split_phrase(seg: _Seg, i: int, span) -> str | None:
    """``кош бойлуу 2 аял`` (two pregnant women), ``чет өлкөлүк 3 жаран``: a counted noun
    phrase of the lexicon that the number splits, its first words before the number and
    its head after it, gives its group; not past a participle, which the seed table reads
    as a relative clause (``нааразы болгон бир нече миң адам``: total)."""
    if span is None or i < 1:
        return None
    lo = max(i - 3, 0)  # the phrase's first words: up to three before the number
    toks = [*seg.toks[lo:i], *seg.toks[span[0] : span[1]]]
    for k in range(i - 1, lo - 1, -1):
        if any(a.has("PTCP") for a in _verb_forms(seg.lex, seg.word(k))):
            return None
        p = seg.lex.nouns.match(toks, k - lo)
        if p is not None and k - lo + len(p.words) == len(toks):
            if _in_case_as(seg.toks[i - 1], p.words[i - 1 - k]):
                return None  # "нааразылыктарда 200 адам": a word in a case modifies no noun
            return seg.lex.noun_label[p.label][1]
    return None


def _in_case_as(tok: Token, w) -> bool:
    """Whether ``tok``, read as lexicon word ``w``, is in a case (or derived from it), as
    ``нааразылыктарда`` (in the protests) is, read as ``нааразы``: then it is no attribute
    of a noun after it."""
    if w.kind != "stem" or tok.low == w.value:
        return False
    return all(a.tags for a in _readings(tok) if a.stem == w.value)


def _partitive_before(seg: _Seg, i: int) -> str | None:
    """``жарандык тургундардан 8 киши жабыркады`` (8 people from among the civilians):
    a counted noun in the plural ablative right before the number gives a generic
    ``адам``/``киши`` its group; ``кырсыктан 8 киши`` (from the crash) is no noun."""
    tok = seg.word(i - 1)
    p = seg.noun_ending(i - 1) if tok is not None else None
    if p is None or seg.lex.noun_label[p.label][0] != "people":
        return None
    if "ABL" not in _cases_of(tok, p) or not any(a.has("PL") for a in _readings(tok)):
        return None
    group = seg.lex.noun_label[p.label][1]
    return group if group != "total" else None


#: Groups a rally's participants leave for ``protesters`` (children, women, police... stay).
#: Groups a rally's participle makes protesters; a named group (activists, students: `other`)
#: keeps its own group at a rally.
_RALLY_GROUPS = frozenset({"total", "civilians"})


def _rally_before(seg: _Seg, i: int) -> bool:
    """``Акцияга катышкан 7 жаран кармалды``, ``нааразылык акциясына чыккан 30 адам``:
    people described by a participle of a crowd frame's verb whose place word is a rally
    (an owner of the group ``protesters``) are protesters, whatever the noun; the number
    itself inside the participle clause (``миңдеген адам катышкан акция``) is not
    described so."""
    roots = {a.stem for a in _verb_forms(seg.lex, seg.word(i - 1)) if a.tags[-1:] == ("PTCP",)}
    return _rally_participle(seg, roots, i - 2) or _rally_pronoun(seg, roots, i - 2)


def _rally_pronoun(seg: _Seg, roots: set[str], j: int) -> bool:
    """``Акция 2 саатка созулуп, ага катышкан 300дөй адам`` (who took part in it): a
    pronoun at token ``j`` before a participle of one of ``roots`` that stands for a rally
    named before it (an owner of the group ``protesters``, in a crowd frame)."""
    if seg.word(j) is None:
        return False
    for r in roots:
        for fr in seg.lex.frames_by_verb.get(r, ()):
            if fr.vclass == "crowd" and _pronoun_of_frame(seg, fr, j):
                _, p = next(_owners_before(seg, j), (None, None))
                if p is not None and p.label == "protesters":
                    return True
    return False


def _rally_participle(seg: _Seg, roots: set[str], j: int) -> bool:
    """Whether a participle of one of ``roots`` after the place word ending at token ``j``
    says taking part in a rally (``акцияга катышкан``, ``митингге чыккандардын``)."""
    if not roots:
        return False
    p = seg.lex.owners.match_ending(seg.toks, j)
    if p is None or p.label != "protesters":
        return False
    cases = _cases_of(seg.word(j), p)
    return any(
        fr.vclass == "crowd" and cases & fr.cases and fr.where.match_ending(seg.toks, j)
        for r in roots
        for fr in seg.lex.frames_by_verb.get(r, ())
    )


def _nationals(seg: _Seg, p: Phrase, j: int) -> str:
    """The group of the nationals of owner ``p`` (at token ``j``): in a country the
    sentence names in the locative they are foreigners, unless it is their own
    (``Казакстанда Өзбекстандын 3 жараны кармалды``: foreigners there; ``Өзбекстанда ...``:
    civilians). The home country's nationals (the owner the lexicon labels ``civilians``)
    are civilians anywhere, as the news of that country counts them (``Түркияда 2
    кыргызстандык жаран каза болду``)."""
    if p.label not in _NATION_GROUPS or p.label == "civilians":
        return p.label
    where = _event_country(seg, j)
    if where is None:
        return p.label
    return "civilians" if where.text == p.text else "foreigners"


def _event_country(seg: _Seg, skip: int) -> Phrase | None:
    """A country of the owners in the locative or the attributive locative in the segment
    (``Орусияда``, ``Кыргызстандагы``): where the event happened."""
    for j, tok in enumerate(seg.toks):
        if j == skip or tok.kind != "word":
            continue
        p = seg.lex.owners.match(seg.toks, j)
        if p is None or p.label not in _NATION_GROUPS or len(p.words) != 1:
            continue
        stem = p.words[0].value
        if any(
            a.stem.startswith(stem) and (a.case == "LOC" or a.has("ATTR"))
            for a in tok.readings
            if not a.verbal
        ):
            return p
    return None


#: Owner groups that name a nation: living in a country is no office held there.
_NATION_GROUPS = frozenset({"civilians", "foreigners"})


def _office_before(seg: _Seg, i: int) -> Phrase | None:
    """``жетекчилик кызматтагы бир нече киши``, ``жооптуу кызматтарында отурган жети киши``
    (people in senior posts), ``милицияда иштеген 2 адам``: an owner of the lexicon that is
    an institution or office, right before the number in the attributive locative or in
    the locative before a participle, gives a generic noun its group."""
    for j, want in ((i - 1, "ATTR"), (i - 2, "LOC")):
        tok = seg.word(j)
        if tok is None:
            continue
        p = seg.lex.owners.match_ending(seg.toks, j)
        if p is None or p.label in _NATION_GROUPS:
            continue
        stem = p.words[-1].value
        if not any(
            a.stem == stem and (a.has(want) if want == "ATTR" else a.case == want)
            for a in tok.readings
            if not a.verbal
        ):
            continue
        ptcp = {a.stem for a in _verb_forms(seg.lex, seg.word(i - 1)) if a.tags[-1:] == ("PTCP",)}
        if want == "LOC" and not ptcp:
            continue  # "Кытайда 5 адам": a place, no office
        if p.label == "protesters" and not _rally_participle(seg, ptcp, j):
            continue  # "үйдүн алдында турган 3 адам": standing there is no rally
        return p
    return None


# ------------------------------------------------------------------ stage 4: the predicate
def _verb_entries(seg: _Seg, root: str, j: int):
    """The lexicon verb phrases of a root at token ``j`` (their fixed arguments right before
    it, or a possessed argument before a place: see ``_place_gaps``), longest first."""
    for e in seg.lex.verbs.get(root, ()):
        k = len(e.args)
        if _args_at(seg, e, j - k) or any(
            _args_at(seg, e, j - gap - k) and _has_possessive(seg.word(j - gap - k))
            for gap in _place_gaps(seg, j)
        ):
            yield e


def _args_at(seg: _Seg, e, i: int) -> bool:
    return all(
        seg.word(i + n) is not None and w.matches(seg.toks[i + n]) for n, w in enumerate(e.args)
    )


def _has_possessive(tok: Token | None) -> bool:
    return tok is not None and any("P3" in a.tags for a in tok.readings)


def _phrase_starts(seg: _Seg, j: int, cases: tuple[str, ...]) -> list[int]:
    """Where a phrase of place right before token ``j`` may start, nearest first: one to
    three words, the last in one of ``cases``, none a verb form (``Хан-Теңири чокусунан``,
    ``Чүй облусунда``)."""
    if not any(_has_case(seg.word(j - 1), case) for case in cases):
        return []
    out = []
    for k in range(j - 1, max(j - 4, -1), -1):
        tok = seg.word(k)
        if tok is None or _verb_forms(seg.lex, tok):
            break
        out.append(k)
    return out


def _place_gaps(seg: _Seg, j: int) -> list[int]:
    """Sizes of a place phrase right before verb ``j`` (:func:`_phrase_starts`, in the
    locative or ablative): a possessed argument of a verb phrase may stand before it (``3
    альпинисттин сөөгү Хан-Теңири чокусунан табылды``, the bodies of 3 climbers were found
    on the peak); a destination in the dative too (``2 жоокердин сөөгү айылына
    жеткирилди``, the bodies of 2 soldiers were brought to their village)."""
    gaps = [j - k for k in _phrase_starts(seg, j, ("LOC", "ABL", "DAT"))]
    return gaps or ([1] if _adverb_at(seg, j - 1) else [])


def _adverb_at(seg: _Seg, k: int) -> bool:
    """``3 кенчинин сөөгү эртеси табылды`` (found the next day): a word of time or manner
    between a possessed argument and its verb, no verb, no counted noun, in no case."""
    tok = seg.word(k)
    if tok is None or _verb_forms(seg.lex, tok) or seg.noun(k) is not None:
        return False
    return "" in _cases_of(tok) and not (tok.info.cases - {""})


def _adverbial_before(seg: _Seg, j: int) -> int:
    """Start of a phrase of time or place right before token ``j``: one to three words
    ending in the locative, none a verb form, a number in it no count (``акыркы 3 күндө``,
    ``Ош шаарында``), or ``j``."""
    if not _has_case(seg.word(j - 1), "LOC"):
        return j
    start = j - 1
    for k in range(j - 2, max(j - 4, -1), -1):
        tok = seg.toks[k]
        if tok.kind == "num":
            prev = seg.drafts[-1] if seg.drafts else None
            if prev is None or prev.i != k or not prev.reason:
                break
        elif tok.kind != "word" or _verb_forms(seg.lex, tok) or tok.stems & seg.lex.toll_words:
            break
        start = k
    return start


def _place_before(seg: _Seg, j: int) -> int:
    """Start of a place phrase right before token ``j`` (:func:`_phrase_starts`, in the
    locative, a name first), or ``j``: an item of a list by places (``Ошто 3``, ``Чүй
    облусунда 2``)."""
    return next((k for k in _phrase_starts(seg, j, ("LOC",)) if _name_at(seg, k)), j)


def _verb_entry(seg: _Seg, root: str, j: int, ncls: str = ""):
    """The first verb phrase of ``root`` at ``j`` whose class suits noun class ``ncls``
    ("күйүп кетти" is injured for people, destroyed for cars)."""
    table = seg.lex.measures.get(ncls) if ncls else None
    for e in _verb_entries(seg, root, j):
        if table is None or e.vclass in table:
            return e
    return None


def _verb_class_of_root(seg: _Seg, root: str, j: int, ncls: str = "") -> str:
    """Verb class of a root at token ``j`` with its fixed arguments before it, or of a
    frame whose place word stands in the few words before it ("ооруканага
    жаткырылгандар": those admitted to hospital)."""
    e = _verb_entry(seg, root, j, ncls)
    if e is not None:
        return e.vclass
    table = seg.lex.measures.get(ncls) if ncls else None
    frames = seg.lex.frames_by_verb.get(root, ())
    if not frames:
        return ""
    lo = _after_finite(seg, max(0, j - 4), j)
    for fr in frames:
        fits = table is None or fr.vclass in table
        if fits and _frame_word_in(seg, fr, lo, j):
            return fr.vclass
    return ""


def _after_finite(seg: _Seg, lo: int, j: int) -> int:
    """The first token after the last finite predicate between ``lo`` and ``j``: a frame's
    place word belongs to the verb's own clause (``5 адам ооруканада жатат, калган 3ү
    үйүнө жөнөтүлдү``: "калган", the remaining, is no stay in hospital)."""
    for k in range(j - 1, lo - 1, -1):
        if seg.toks[k].kind == "word" and _predicate_form(seg, k) == "finite":
            return k + 1
    return lo


def _classes_at(seg: _Seg, j: int, d: Draft, lo: int) -> list[tuple[str, str]]:
    """(verb class, rule) said by the predicate at token ``j`` for number ``d``; ``lo`` is
    the first token of the number's own part of the clause (frame words are looked for
    between ``lo`` and the predicate)."""
    tok = seg.toks[j]
    out = []
    forms = _verb_forms(seg.lex, tok)
    for a in forms:
        if "NEG" in a.tags:
            continue  # "5 адам жабыркабады" (were not hurt) says no measure
        root = a.stem
        active = not (a.has("PASS") or a.has("REFL"))
        vc = _verb_class_of_root(seg, root, j, d.ncls)
        held = _aux_class(seg, a, j)
        if held is not None:
            table = seg.lex.measures.get(d.ncls) if d.ncls else None
            vc = held if table is None or held in table else ""
        verb = []
        if vc:
            if root in seg.lex.transitive and active and d.noun_case != "ACC":
                vc = ""
            if vc:
                both = _combined(seg, j, vc)
                verb.append((both, "verb_phrase" if both == vc else "combined"))
        # The noun a participle describes is its frame word too ("катышкан акция").
        hi = j + 4 if _attributive_participle(seg, j) else j
        frames = seg.lex.frames_by_verb.get(root)
        framed = (
            [(fr.vclass, "frame") for fr in frames if _frame_word_in(seg, fr, lo, hi)]
            if frames
            else ()
        )
        other = verb and any(c != verb[0][0] for c, _ in framed)
        e = _verb_entry(seg, root, j, d.ncls) if other else None
        if e is not None and not e.args:
            # "жандандыруу бөлүмүнө жаткырылды": a bare verb says less than its frame's
            # place word (intensive care, not just hospital)
            out += [*framed, *verb]
        else:
            out += [*verb, *framed]
    if tok.low in seg.lex.copulas:
        # "абактарында 55 аял бар"; a frame that lists the copula's word among its verbs
        # says it too ("аянтта 500гө жакын адам бар": a crowd)
        for fr in (*seg.lex.frames_by_verb.get("", ()), *seg.lex.frames_by_verb.get(tok.low, ())):
            if _frame_word_in(seg, fr, lo, j):
                out.append((fr.vclass, "frame"))
    if not forms:
        for fr in seg.lex.frames_by_verb.get("", ()):
            p = fr.where.match_ending(seg.toks, j)
            if p is not None and _cases_of(tok, p) & fr.cases:
                out.append((fr.vclass, "frame_place"))
    if any(c == "crowd" for c, _ in out) and _members_at_sitting(seg, d, max(0, j - 4), j):
        out = [(c, r) for c, r in out if c != "crowd"]
    return out


def _members_at_sitting(seg: _Seg, d: Draft, lo: int, hi: int) -> bool:
    """``Жыйынга 30 депутат катышты`` (30 deputies attended the meeting): officials by title
    attending a sitting of their body make no crowd, while ``Митингге 3 депутат чыкты`` (at a
    rally) does, and ``2 депутат жаракат алды`` counts them as people."""
    if d.noun is None:
        return False
    lex = seg.lex
    if not any(seg.toks[k].stems & lex.sitting_members for k in range(*d.noun) if seg.word(k)):
        return False
    return any(
        seg.word(k) is not None and seg.toks[k].stems & lex.sitting_places
        for k in range(max(lo, 0), min(hi, len(seg.toks)))
    )


def _combined(seg: _Seg, j: int, vc: str) -> str:
    """``набыт болуп же жарадар болгон`` (killed or injured): casualties."""
    k = j + 1
    if k < len(seg.toks) and seg.word(k) is not None:
        p = seg.lex.joiners.match(seg.toks, k)
        if p is not None:
            v = k + len(p.words)
            while v < len(seg.toks) and seg.word(v) is not None and v <= k + len(p.words) + 3:
                for a in _verb_forms(seg.lex, seg.toks[v]):
                    other = _verb_class_of_root(seg, a.stem, v)
                    if (vc, other) in seg.lex.pairs:
                        return seg.lex.pairs[(vc, other)]
                v += 1
    return vc


def _frame_word_in(seg: _Seg, fr, lo: int, hi: int) -> bool:
    """True when a place or event word of frame ``fr`` in one of its cases is in
    ``toks[lo:hi]``."""
    words, cache = seg.words, seg.cache
    for k in range(max(lo, 0), min(hi, len(seg.toks))):
        if words[k] is None:
            continue
        key = (id(fr), k)  # several numbers of a clause ask about the same words
        hit = cache.get(key)
        if hit is None:
            p = fr.where.match(seg.toks, k)
            hit = cache[key] = (
                p is not None and bool(_cases_of(seg.toks[k + len(p.words) - 1], p) & fr.cases)
            ) or _pronoun_of_frame(seg, fr, k)
        if hit:
            return True
    return False


def _pronoun_of_frame(seg: _Seg, fr, k: int) -> bool:
    """``Акция 2 саатка созулуп, ага катышкан 300дөй адам тынч тарады`` (300 who took part
    in it): a third-person pronoun in one of the frame's cases stands for the frame's event
    or place word named before it in the sentence, in any case."""
    tok = seg.toks[k]
    stems = _pronoun_stems(seg.lex)
    if not any(a.stem in stems and a.case in fr.cases and not a.verbal for a in _readings(tok)):
        return False
    for i in range(k - 1, -1, -1):
        if seg.toks[i].kind == "punct" and seg.toks[i].low in _SENTENCE_END:
            return False
        if seg.words[i] is not None and fr.where.match(seg.toks, i) is not None:
            return True
    return False


_PRONOUNS: dict[int, frozenset[str]] = {}


def _pronoun_stems(lex: Lexicon) -> frozenset[str]:
    """The stems of the lexicon's third-person possessive pronouns (``анын``: ``ал``)."""
    got = _PRONOUNS.get(id(lex))
    if got is None:
        # the third person: a pronoun that also marks a subset ("анын", "алардын")
        got = _PRONOUNS[id(lex)] = frozenset(
            a.stem
            for w in lex.pronoun_owners
            if lex.subset_markers.match([Token(w, w, 0, 0, "word")], 0) is not None
            for a in analyse(w)
            if a.tags == ("GEN",)
        )
    return got


def _chain(seg: _Seg, d: Draft) -> list[int]:
    """The predicates a number belongs to: the first predicate to its right, and after a
    converb the next ones while no other number comes between."""
    start = d.noun[1] if d.noun is not None else d.after
    out: list[int] = []
    j = start
    while j < len(seg.toks):
        tok = seg.toks[j]
        if tok.kind == "punct" and tok.low in _SENTENCE_END:
            break
        if tok.kind == "num" and (out or _plain_after_part(seg, d, j)):
            break
        if _speech_ends(seg, j):
            break  # "«... алардын бешөө – уюштуруучулар», – деди": the verb is the reporter's
        if tok.kind == "word":
            if tok.low in seg.lex.saying:
                break  # "алардын экөө балдар, деп билдирди": the verb after is the reporter's
            if out and _new_subject(seg, j):
                break  # "экөө каза болуп, калгандары ооруканага жеткирилди": their own verb
            if _charge_clause_at(seg, d, j):
                out.clear()
                j += 2
                continue
            form = _predicate_form(seg, j)
            if not out and _next_item_clause(seg, start, j):
                j += 1  # "2 адам жана ага катышкан 11 киши кармалды": the next item's clause
                continue
            if not form and _attributive_participle(seg, j) and _converbs_up_to(seg, out, j):
                # "миңдеген адам катышкан акция өттү": the number is in a relative clause
                # whose predicate is the participle; converbs right before it belong to it
                # ("3 адамды сүзүп өлтүргөн айдоочу": the driver who ran over and killed 3).
                out.append(j)
                break
            if form:
                # A converb followed by an auxiliary is one predicate: "күйүп кетти".
                k = j
                while form == "converb" and _aux_at(seg, k + 1):
                    k += 1
                    form = _predicate_form(seg, k)
                if not form:
                    if not out and k > j and _attributive_participle(seg, k):
                        # "7 адамдын өмүрүн алып кеткен кырсык": the number is in the
                        # relative clause of "алып кеткен".
                        out.extend(range(j, k + 1))
                        break
                    # "пара алып жаткан жеринен": a converb and an attributive participle
                    # describe a noun; the clause goes on.
                    j = k + 1
                    continue
                out.extend(range(j, k + 1))
                if form != "converb":
                    break
                j = k + 1
                continue
        j += 1
    return out


def _next_item_clause(seg: _Seg, start: int, j: int) -> bool:
    """``уюштуруучу деп шектелген 2 адам жана ага катышкан дагы 11 киши кармалды``: a
    participle at ``j`` after a coordinator that follows the number's words, with the next
    item's number right after it, heads the relative clause of that next item; the two
    items share the verb after it (``5 адам жана 3 бала катышкан акция``, with the second
    number before the participle, is one relative clause over both)."""
    if not _attributive_participle(seg, j):
        return False
    coord = [k for k in range(start, j) if seg.toks[k].low in seg.lex.coordinators]
    if not coord or any(seg.toks[k].kind != "word" for k in range(coord[-1], j)):
        return False
    return any(seg.toks[k].kind == "num" for k in range(j + 1, min(j + 3, len(seg.toks))))


def _charge_clause_at(seg: _Seg, d: Draft, j: int) -> bool:
    """``4 киши пара алган деген шек менен кармалды`` (4 were detained on suspicion of
    taking a bribe): a verb at token ``j`` that says no measure, followed by a participle of
    a verb of saying before a noun, ends a reported clause (the charge, the suspicion); the
    number's predicate is the main verb after it. A measure said so stays the predicate
    (``5 адам каза болду деген маалымат``: 5 killed, as reported); the active voice of a
    verb whose subject does the harm says none of its subject (``эки жигит дүкөндү тоноду
    деген айып менен``)."""
    nxt = seg.word(j + 1)
    if nxt is None or seg.word(j + 2) is None:
        return False
    if not any(
        a.tags and a.tags[-1] == "PTCP" and inflect(a.stem, ("CONV",)) in seg.lex.saying
        for a in _verb_forms(seg.lex, nxt)
    ):
        return False
    forms = _verb_forms(seg.lex, seg.word(j))

    def says_measure(a) -> bool:
        doer = a.stem in seg.lex.transitive and not (a.has("PASS") or a.has("REFL"))
        return bool(_verb_class_of_root(seg, a.stem, j)) and not (doer and d.noun_case != "ACC")

    return bool(forms) and not any(says_measure(a) for a in forms)


def _new_subject(seg: _Seg, j: int) -> bool:
    """``Алардын экөө каза болуп, калгандары ооруканага жеткирилди`` (the rest were taken to
    hospital), ``үчүнчүсү``: after a comma, a possessive ordinal or participle in the
    nominative names the rest of the whole; it is the subject of the next clause, so a
    converb chain before it ends there."""
    if not seg.is_punct(j - 1, _COMMA):
        return False
    return any(
        a.tags and a.tags[-1] == "P3" and not a.case and (a.has("ORD") or a.has("PTCP"))
        for a in _readings(seg.toks[j])
    )


def _plain_after_part(seg: _Seg, d: Draft, j: int) -> bool:
    """``алардын 1 700ү балдар, 5 бала каза болгон`` (1,700 of them children; 5 children
    died): after a comma, a plain number that is no part itself starts a clause of its
    own, so a part before it does not share its predicate."""
    if not d.marker or not (d.m.collective or "P3" in d.m.tags):
        return False
    m = seg.toks[j].mention
    if m.collective or "P3" in m.tags:
        return False  # "алардын 3ү бала, 2си аял ...": parts of one list
    return _punct_between(seg, d.i, j)


def _converbs_up_to(seg: _Seg, out: list[int], j: int) -> bool:
    """No predicate yet, or only converbs with no punctuation between the last one and
    token ``j`` (``сүзүп өлтүргөн``: one relative clause, not ``жабыркап, ...``)."""
    if not out:
        return True
    return _predicate_form(seg, out[-1]) == "converb" and not _punct_between(seg, out[-1], j)


def _attributive_participle(seg: _Seg, j: int) -> bool:
    """A bare participle before a noun: the predicate of a relative clause ("катышкан
    акция"). Before a noun of time or place in the locative ("аракеттенген учурда", when
    they tried) it is an adverbial clause, and the sentence's verb is the predicate."""
    nxt = seg.word(j + 1)
    if nxt is None or _has_case(nxt, "LOC") or _has_case(nxt, "ABL"):
        return False
    return any(
        a.tags and a.tags[-1] == "PTCP" and not _adverbial_clause(seg, j, a)
        for a in _verb_forms(seg.lex, seg.toks[j])
    )


def _aux_class(seg: _Seg, a: Analysis, j: int) -> str | None:
    """``12 малчы тоодо камалып калды`` (were trapped, not jailed): the class a converb
    reading ``a`` at token ``j`` says with the auxiliary after it (``aux_verbs`` in the
    lexicon), or None when the pair is not listed."""
    if not seg.lex.aux_classes or a.tags[-1:] != ("CONV",):
        return None
    for b in _verb_forms(seg.lex, seg.word(j + 1)):
        vclass = seg.lex.aux_classes.get((a.stem, b.stem))
        if vclass is not None:
            return vclass
    return None


def _aux_at(seg: _Seg, j: int) -> bool:
    tok = seg.word(j)
    if tok is None:
        return False
    return any(a.stem in seg.lex.aux for a in _verb_forms(seg.lex, tok))


def _clause_start(seg: _Seg, d: Draft) -> int:
    """First token of the number's own part of its clause: after the previous number's noun
    or the previous predicate, else the sentence start."""
    j = d.first - 1
    while j >= 0:
        tok = seg.toks[j]
        if tok.kind == "punct" and tok.low in _SENTENCE_END:
            return j + 1
        if tok.kind == "num":
            prev = next((x for x in seg.drafts if x.i == j), None)
            if prev is not None and prev.reason and not _punct_between(seg, j, d.first):
                # "Ооруканада 7 жаштан 15 жашка чейинки 12 бала": an age or a unit right
                # before the number is no part of its own; the clause goes on before it
                j -= 1
                continue
            end = j + 1
            if prev is not None:
                elided = prev.noun is None or prev.noun[0] > d.first  # shares a later noun
                end = prev.after if elided else prev.noun[1]
                marker = _marker_before(seg, d)
                # "ооруканага 19 адам, анын ичинде 8 бала жеткирилди": a subset marker
                # inside the clause keeps the number in the whole's clause
                gap = range(end, d.first - (len(marker.words) if marker else 0))
                if gap and all(_is_joiner(seg, k) or seg.is_punct(k, _COMMA) for k in gap):
                    # "абактарында 55 аял жана 78 бала бар": one clause, one place word
                    return _clause_start(seg, prev)
            return min(end, d.first)
        if tok.kind == "word" and _predicate_form(seg, j):
            return j + 1
        j -= 1
    return 0


def _punct_between(seg: _Seg, i: int, j: int) -> bool:
    return any(seg.toks[k].kind == "punct" for k in range(i + 1, j))


def predicate_chain(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``5 киши каза болду`` (killed); ``бир аял жабыркап, ооруканага жеткирилди``
    (hospitalized: the main predicate of a converb chain wins); ``ооруканага 5 адам
    жеткирилди`` (a frame: the place word and the verb). A noun in the ablative is no
    subject (``5 адамдан кан алынды``, blood was taken from 5; ``5 адамдан 3ү``)."""
    if d.possessor or d.noun_case == "ABL":
        return None
    chain = _chain(seg, d)
    lo = _clause_start(seg, d)
    found = None
    for j in chain:
        nxt = seg.word(j + 1)
        if nxt is not None and nxt.low in seg.lex.negators:
            continue  # "3 адам каза болгон жок" (nobody died): a negated predicate
        if j - 1 in chain and _aux_at(seg, j) and _predicate_form(seg, j - 1) == "converb":
            continue  # "бөлүмүндө 50 киши өлүп жатат": an auxiliary says no frame's verb
        for vc, rule in _classes_at(seg, j, d, lo):
            if vc in seg.lex.measures.get(d.ncls, {}):
                # The main (last) predicate wins, except that a vague "жабыркады" does not
                # undo a harm said before it ("күйүк алып жабыркады": injured).
                if not (found is not None and vc == "casualties" and found[0] != vc):
                    found = (vc, (j, j + 1), rule)
                break
        if found is not None and found[2] == "combined":
            break  # "набыт болуп же жарадар болгон": the pair, not its second verb
    return found


#: Groups that a hospital's staff is not named by (``ооруканадагы 40 дарыгер``: doctors).
_STAFF_GROUPS = frozenset({"other", "police", "military"})


def predicate_place_attribute(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Ооруканадагы 40 бейтап коопсуз жерге көчүрүлдү`` (the 40 patients in hospital): the
    place word of a stay (a hospital, intensive care) in the attributive locative right
    before the number says the stay, when no predicate of the clause says a measure; its
    staff (``ооруканадагы 12 дарыгер``) are no patients."""
    j = d.first - 1
    tok = seg.word(j)
    if tok is None or d.ncls != "people" or d.group in _STAFF_GROUPS:
        return None
    if not any(a.tags[-1:] == ("ATTR",) and not a.verbal for a in _readings(tok)):
        return None
    for fr in seg.lex.frames:
        if "LOC" not in fr.cases or fr.vclass not in seg.lex.measures.get("people", {}):
            continue
        p = fr.where.match_ending(seg.toks, j)
        if p is not None and seg.lex.measures["people"][fr.vclass] in (
            "hospitalized",
            "intensive_care",
        ):
            return fr.vclass, (j - len(p.words) + 1, d.first), "place_attribute"
    return None


def predicate_participle_before(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``өрттөлгөн 4 унаа`` (4 burned cars), ``жаракат алган 7 адамдын 3ү``: a measure
    participle right before the number."""
    j = d.first - 1
    tok = seg.word(j)
    if tok is None:
        return None
    readings = [a for a in _readings(tok) if a.tags and a.tags[-1] == "PTCP" and a.verbal]
    if readings and _aux_at(seg, j) and _predicate_form(seg, j - 1) == "converb":
        # "ит тиштеп алган 9 бала", "ууланып калган 5 бала": a converb and an auxiliary
        # participle are one verb; the converb's root says the measure
        j -= 1
        readings = [a for a in _readings(seg.word(j)) if a.has("CONV") and a.verbal]
    for a in readings:
        e = _verb_entry(seg, a.stem, j, d.ncls)
        if (
            a.stem in seg.lex.transitive
            and not (a.has("PASS") or a.has("REFL"))
            and not (e is not None and e.vclass == "injured" and _subject_before(seg, j))
        ):
            continue  # "эрежесин бузган 94 унаа": the cars broke the rules
        if e is not None:
            return e.vclass, (j - len(e.args), d.first), "participle_before"
        # "ооруканага түшкөн 40 адамдын": a frame's verb with its place word before it
        # ("митингге келген 5 адам сөз сүйлөдү" names speakers, not the crowd's size; a
        # rough number is one: "ага катышкан 300дөй адам тынч тарады")
        vc = _verb_class_of_root(seg, a.stem, j, d.ncls)
        rough = _vague_crowd_whole(d) or (not d.possessor and d.qualifier != "exact")
        if (vc != "crowd" or rough) and vc in seg.lex.measures.get(d.ncls, {}):
            return vc, (j, d.first), "participle_before"
    return None


def _vague_crowd_whole(d: Draft) -> bool:
    """``митингге катышкан жүздөгөн адамдын бир бөлүгү`` (a part of the hundreds who took
    part in the rally): a vague quantity in the genitive, the whole of a part, told by a
    crowd's participle is the crowd's size; an exact number so (``акцияга келген 5
    адамдын экөө``) names people, not a crowd."""
    return d.possessor and d.qualifier == "several"


def _subject_before(seg: _Seg, j: int) -> bool:
    """A relative clause of a wound with its own subject (``ит тиштеп алган 9 бала``, the 9
    children a dog bit): a bare word in the nominative, no verb, number or counted noun
    (``бала сабаган 2 мугалим`` has an indefinite object), right before the transitive verb
    at ``j``; its object is the counted noun after it. Other verbs take an indefinite
    object so (``кол жууган 5 бала``, children who washed hands)."""
    tok = seg.word(j - 1)
    if tok is None or _verb_forms(seg.lex, tok) or seg.toks[j - 1].kind == "num":
        return False
    return all(not a.tags for a in tok.readings) and seg.noun(j - 1) is None


def predicate_marker(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Кармалгандардын арасында 4 чет өлкөлүк жаран бар`` (among those detained): the
    participle of the marker says the measure."""
    if d.possessor:
        return None  # "кармалгандардын 2нин үйүнөн": the house of two of them
    if d.noun is None and d.after == d.i + 1 and _oblique(d):
        return None  # "катышкандардын онуна айып салынды": a fine for ten of them
    if d.marker_class and d.marker_class in seg.lex.measures.get(d.ncls, {}):
        return d.marker_class, (d.first, d.first), "participle_marker"
    return None


def _oblique(d: Draft) -> bool:
    """A number that stands for its noun in the dative, locative or instrumental
    (``онуна``, ``бешөөндө``) is no subject or object of the marker's verb."""
    return bool({"DAT", "LOC", "INS"} & set(_number_reading(d)))


def predicate_toll(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``каза болгондордун саны 17ге жетти``, ``курмандыктардын саны — 122``: the number
    is the value of a toll named by a participle or a toll noun before ``саны``; a phrase
    of time or place may stand between (``жабыркагандардын саны акыркы 3 күндө 14кө
    жетти``, in the last 3 days)."""
    j = _adverbial_before(seg, d.first) - 1
    if "ABL" in d.m.tags and d.after < len(seg.toks) and seg.toks[d.after].kind == "num":
        return None  # "саны 8ден 11ге чейин өстү": 8 is where the toll stood before
    if seg.toks[j].kind == "num" and "ABL" in seg.toks[j].mention.tags:
        j -= 1  # ... and 11 is the toll
    if seg.word(j) is not None and seg.toks[j].stems & seg.lex.toll_totals:
        j -= 1
    if seg.word(j) is None or not seg.toks[j].stems & seg.lex.toll_words:
        if not (
            seg.is_punct(j, _LIST_MARKS)
            and seg.word(j - 1)
            and seg.toks[j - 1].stems & seg.lex.toll_words
        ):
            return None
        j -= 1
    k = j - 1
    if seg.word(k) is not None and seg.toks[k].stems & seg.lex.toll_totals:
        k -= 1
    tok = seg.word(k)
    if tok is None:
        return None
    # "жаракат алган адамдардын саны": a counted noun in the genitive after the participle
    # (a noun that is a toll noun itself, "жарадарлардын саны", is read below).
    p = seg.noun_ending(k)
    t = seg.lex.toll_nouns.match_ending(seg.toks, k)
    demonym = p is None and t is None and _demonym_plural_genitive(tok)
    if demonym or (p is not None and t is None and "GEN" in _cases_of(tok, p)):
        if demonym:
            # "курман болгон палестиналыктардын саны": people of a place, as noun_demonym
            owner = seg.lex.owners.match(seg.toks, k)
            cls, group = "people", _nationals(seg, owner, k) if owner else "civilians"
            width = 1
        else:
            cls, group = seg.lex.noun_label[p.label]
            width = len(p.words)
        if d.ncls and d.ncls != cls:
            return None
        j2 = k - width
        part = seg.word(j2)
        if part is None:
            return None
        for a in _readings(part):
            if a.tags[-1:] == ("PTCP",):
                vc = _verb_class_of_root(seg, a.stem, j2, cls)
                if vc in seg.lex.measures.get(cls, {}):
                    d.ncls, d.group = cls, _owner_group(seg, j2 + 1, group, None)
                    return vc, (j2, j + 1), "toll"
        return None
    for a in _readings(tok):
        if a.has("PTCP", "PL") and a.case == "GEN":
            # "ооруканага жеткирилгендердин саны": a frame's verb says it with its place word
            vc = _verb_class_of_root(seg, a.stem, k, "people")
            e = _verb_entry(seg, a.stem, k, "people")
            if d.ncls and d.ncls != "people":
                return None  # "жарадарлардын саны 35 унаага": a toll of people, not cars
            if vc and vc != "destroyed" and vc in seg.lex.measures.get("people", {}):
                d.ncls, d.group = "people", d.group or "total"
                return vc, (k - len(e.args) if e is not None else k, j + 1), "toll"
    if t is not None and "GEN" in _cases_of(tok, t):
        if d.ncls and d.ncls != "people":
            return None
        d.ncls, d.group = "people", d.group or "total"
        return t.label, (k, j + 1), "toll"
    return None


def _demonym_plural_genitive(tok: Token | None) -> bool:
    """``палестиналыктардын`` (of the Palestinians): a noun in ``-лык`` from a place, plural,
    in the genitive."""
    return any(a.tags == ("LIK", "PL", "GEN") and not a.verbal for a in _readings(tok))


def _toll_named(seg: _Seg, d: Draft) -> tuple[str, str] | None:
    """``вирус жуккан окуучулардын саны 23кө жетти, алардын 9у ооруканада`` (the pupils
    infected reached 23, 9 of them in hospital): a toll whose participle says no measure
    still names what it counts, the genitive noun before ``саны`` (people for a participle
    alone: ``жуккандардын саны``); the number is no figure
    by itself, but a part of it (``алардын 9у``) counts that noun. (class, group) or None."""
    j = _adverbial_before(seg, d.first) - 1
    if seg.word(j) is not None and seg.toks[j].stems & seg.lex.toll_totals:
        j -= 1
    if seg.word(j) is None or not seg.toks[j].stems & seg.lex.toll_words:
        return None
    k = j - 1
    if seg.word(k) is not None and seg.toks[k].stems & seg.lex.toll_totals:
        k -= 1
    p = seg.noun_ending(k)
    if p is None or "GEN" not in _cases_of(seg.word(k), p):
        # "жуккандардын саны": a participle that stands for people
        return ("people", "total") if _genitive_participles(seg.word(k)) else None
    cls, group = seg.lex.noun_label[p.label]
    return cls, _owner_group(seg, k - len(p.words) + 1, group, None)


def predicate_toll_of_them(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Жараат алган жолоочулар ооруканага жеткирилди, алардын саны 6`` (their number is
    6): a pronoun in the genitive before ``саны`` points back to the subject of the clause
    before it (the last counted noun in the nominative), whose predicate says the measure;
    so does ``саны`` with no genitive at all (``дагы 5 адам көз жумду, жалпы саны 120га
    жетти``: the toll of the deaths), and ``сан`` after an anaphoric word (``мурда 10 адам
    каза болгону кабарланган, азыр бул сан 14кө жетти``: this number reached 14)."""
    j = d.first - 1
    if seg.is_punct(j, _LIST_MARKS):
        j -= 1  # "алардын саны — 6"
    if j >= 0 and seg.toks[j].kind == "num" and "ABL" in seg.toks[j].mention.tags:
        j -= 1  # "саны 8ден 11ге чейин өстү": 11 is the toll
    if seg.word(j) is None or not seg.toks[j].stems & seg.lex.toll_words:
        return None
    if "ABL" in d.m.tags and d.after < len(seg.toks) and seg.toks[d.after].kind == "num":
        return None  # "саны 8ден 11ге чейин өстү": 8 is where the toll stood before
    k = j - 1
    if seg.word(k) is not None and seg.toks[k].stems & seg.lex.toll_totals:
        k -= 1  # "алардын жалпы саны"
    marker = seg.lex.subset_markers.match_ending(seg.toks, k) if seg.word(k) else None
    if marker is not None and len(marker.words) != 1:
        return None
    if marker is None:
        if seg.word(k) is None:
            k += 1  # no genitive: the words before "(жалпы) саны" are the clause before
        elif seg.toks[k].low in seg.lex.anaphors:
            return _toll_of_figure_before(seg, d, (k, j + 1))
        else:
            return None  # "оорулуулардын саны": the toll of another noun
    here, hi = seg, k
    hit = _last_subject(seg, k)
    if hit is None:
        here = _segment_before(seg, k)
        hit = _last_subject(here, len(here.toks)) if here is not None else None
        hi = len(here.toks) if here is not None else 0
    if hit is None or (d.ncls and d.ncls != hit[0]):
        return None
    ncls, group = d.ncls, d.group
    d.ncls, d.group = hit[0], d.group or hit[1]
    vc = _last_measure_predicate(here, d, hi)
    if vc is None:
        d.ncls, d.group = ncls, group
        return None
    return vc, (k, j + 1), "toll"


def _toll_of_figure_before(seg: _Seg, d: Draft, span: tuple[int, int]):
    """``бул сан 14кө жетти`` (this number reached 14): the toll of the last figure read,
    in this sentence or the one before, with its noun and measure."""
    last = seg.drafts[-1] if seg.drafts else seg.memory.get("last_draft")
    if last is None or last.figure is None or (d.ncls and d.ncls != last.ncls):
        return None
    d.ncls, d.group = last.ncls, d.group or last.group
    return last.vclass, span, "toll"


def predicate_reported_before(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Курман болгондордун саны 30га жетти, мурда 25 деп кабарланган`` (25 was reported
    before): a number, alone or with its noun, right before the converb of saying
    (``деп``) and a verb is what an earlier report said of the last figure read, in this
    sentence or the one before: it takes that figure's noun and measure."""
    end = d.noun[1] if d.noun is not None else d.after
    tok = seg.word(end)
    if tok is None or tok.low not in seg.lex.saying or not _verb_forms(seg.lex, seg.word(end + 1)):
        return None
    return _toll_of_figure_before(seg, d, (end, end + 2))


def _participation_at(seg: _Seg, k: int) -> bool:
    """``катышуусу менен өткөн митинг`` (a rally held with the participation of): the
    verbal noun in the possessive at token ``k`` of a verb of a crowd frame, with one of
    that frame's place words among the next words of the clause."""
    tok = seg.word(k)
    roots = {a.stem for a in _verb_forms(seg.lex, tok) if a.tags[:1] == ("VN",) and "P3" in a.tags}
    for r in roots:
        for fr in seg.lex.frames_by_verb.get(r, ()):
            if fr.vclass != "crowd":
                continue
            for j in range(k + 1, min(k + 6, len(seg.toks))):
                if seg.toks[j].kind == "punct":
                    break
                if fr.where.match(seg.toks, j) is not None:
                    return True
    return False


def predicate_participation(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``2 миңге жакын кишинин катышуусу менен өткөн митинг`` (a rally of nearly 2,000
    people): a number whose noun is in the genitive before the verbal noun of taking part in
    a gathering counts the crowd."""
    if d.noun is None or d.noun_case != "GEN":
        return None
    k = _shared_head(seg, d.noun[1])
    if not _participation_at(seg, k):
        return None
    return "crowd", (k, k + 1), "participation"


def _crowd_body_at(seg: _Seg, k: int) -> bool:
    """True when a word of a body of people (``топ``, ``колонна``: ``crowd_bodies`` in the
    lexicon file) starts at token ``k``."""
    bodies = seg.lex.crowd_bodies
    return seg.word(k) is not None and bodies is not None and bodies.match(seg.toks, k) is not None


def _made_up_of_at(seg: _Seg, k: int) -> bool:
    """``турган топ`` at token ``k``: the participle of ``тур-`` (consisting of) before a
    body of people."""
    tok = seg.word(k)
    if tok is None or not any(
        a.stem == "тур" and a.tags[:1] == ("PTCP",) for a in _verb_forms(seg.lex, tok)
    ):
        return False
    return _crowd_body_at(seg, k + 1)


def predicate_made_up_of(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``300дөй кишиден турган колонна`` (a column of about 300 people): a number whose
    noun is in the ablative before the participle ``турган`` (consisting of) and a body of
    people counts the crowd; ``5 кишиден турган үй-бүлө`` (a family) counts nothing, nor a
    team of workers, police or soldiers named as its owner (``куткаруучулардын тобу``)."""
    if d.noun is None or d.noun_case != "ABL" or not _made_up_of_at(seg, d.noun[1]):
        return None
    k = d.noun[1]
    owner = seg.noun_ending(d.first - 1) if _has_case(seg.word(d.first - 1), "GEN") else None
    if owner is not None and seg.lex.noun_label[owner.label][1] in _STAFF_GROUPS:
        return None  # "куткаруучулардын 6 кишиден турган тобу": a team of its owner's staff
    return "crowd", (k, k + 2), "made_up_of"


def predicate_list_item(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``саны — 122, пневмониядан — 350``: a dash-list item says what its list says."""
    if d.copy_vclass:
        return d.copy_vclass, (d.first, d.first), "list_item"
    if d.copy_of is None or not d.copy_of.vclass:
        return None
    return d.copy_of.vclass, (d.first, d.first), "list_item"


def _ends_nominal_clause(seg: _Seg, d: Draft) -> bool:
    """``Курман болгондор 19, жарадарлар 87`` (a headline: the dead 19, the wounded 87): a
    bare number, no noun of its own, that a comma or the sentence's end follows is the
    predicate of a clause without a verb."""
    if d.noun is not None or d.ncls:
        return False
    if d.m.suffix and d.after == d.i + 1:
        return False  # a case ending with no qualifier word after it: "30га", "30дан"
    return d.after >= len(seg.toks) or seg.is_punct(d.after, _COMMA | _SENTENCE_END)


def predicate_toll_reached(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Жарадар болгондор 25ке жетти`` (the injured reached 25), ``Курмандыктар 100дөн
    ашты``, ``Каза болгондор — 5 адам``: a measure participle or toll noun in the plural
    nominative right before the number, and a verb of reaching after it or a dash between,
    make the number the toll's value; a plus sign between is an update of the toll, ``Каза
    болгондор +3`` (three more dead). A list of the toll by places may name the place
    before the number (``Каза болгондор: Ошто 3, Баткенде 2 адам``); a headline leaves
    the dash out (``Курман болгондор 19, жарадарлар 87``)."""
    place = _place_before(seg, d.first)
    k = place - 1
    dashed = seg.is_punct(k, _TOLL_MARKS)
    if place < d.first and not dashed:
        return None
    k -= dashed
    tok = seg.word(k)
    if tok is None or d.ncls not in ("", "people") or "PL" not in tok.info.tags:
        return None
    if (
        not dashed
        and not _ends_nominal_clause(seg, d)
        and not any(
            a.stem in seg.lex.toll_verbs
            for v in range(d.i + 1, min(d.after + 1, len(seg.toks)))
            for a in _verb_forms(seg.lex, seg.word(v))
        )
    ):
        return None
    found = None
    for a in _readings(tok):
        if a.has("PTCP", "PL") and not a.case:
            vc = _verb_class_of_root(seg, a.stem, k, "people")
            e = _verb_entry(seg, a.stem, k, "people")
            if vc and vc != "destroyed":
                found = vc, (k - len(e.args) if e is not None else k, k + 1)
                break
    if found is None:
        t = seg.lex.toll_nouns.match_ending(seg.toks, k)
        if t is None or not any(a.has("PL") and not a.case for a in tok.readings):
            return None
        found = t.label, (k, k + 1)
    d.ncls, d.group = "people", d.group or "total"
    return found[0], found[1], "toll"


def predicate_nominal(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``2 адам каза болду, 9 адам жарадар`` (9 people wounded), ``Нарында кар көчкү: 2
    малчы мерт`` (a headline): a toll noun right after the counted noun, at the end of its
    clause, is a predicate without a verb; so is the counted noun itself when it is a toll
    noun (``Автобус оодарылды: 15 жарадар``, 15 wounded)."""
    if d.noun is None:
        return _toll_after_part(seg, d)
    at = d.noun[1]
    vc = _toll_noun_ends_clause(seg, at)
    if not vc and d.noun[1] - d.noun[0] == 1:
        at = d.noun[0]
        vc = _toll_noun_ends_clause(seg, at)
    if not vc or vc not in seg.lex.measures.get(d.ncls, {}):
        return None
    return vc, (at, at + 1), "nominal"


def _toll_after_part(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``5 жоокер каза болду, дагы 8и жарадар`` (eight more of them wounded): a toll noun
    right after a possessive number, ending its clause, is the part's predicate; the part
    counts its owner (the group of the soldiers)."""
    if "P3" not in _number_reading(d):
        return None
    vc = _toll_noun_ends_clause(seg, d.after)
    if not vc or vc not in seg.lex.measures.get(d.ncls, {}):
        return None
    return vc, (d.after, d.after + 1), "nominal"


def predicate_bereft(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Кыргызстан 59 жаранынан ажырады`` (Kyrgyzstan lost 59 of its citizens),
    ``600дөн ашуун аскеринен ажыраган``: people in the possessive ablative right before a
    verb of losing (class ``bereft`` in the lexicon) were killed; the subject of such a
    verb (``5 үй-бүлө үйүнөн ажырады``) is counted by no measure."""
    if d.noun is None or d.noun_case != "ABL" or d.ncls != "people":
        return None
    if not _has_possessive(seg.word(d.noun[1] - 1)):
        return None
    j = d.noun[1]
    for a in _verb_forms(seg.lex, seg.word(j)):
        if _verb_class_of_root(seg, a.stem, j) == "bereft":
            return "killed", (j, j + 1), "bereft"
    return None


def predicate_parenthesis(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Жабыркагандар Чүйдө (4 адам) жана Нарында (2 адам) катталды`` (the hurt were
    recorded in Chüy, 4 people, and in Naryn, 2): a number alone with its noun in
    parentheses right after a place counts the people a measure participle before it in
    the sentence names (those hurt), also in the genitive before a word of how many
    (``Каза болгондордун көбү Таласта (6 адам)``, most of the dead in Talas, 6)."""
    end = d.noun[1] if d.noun is not None else d.after
    if not seg.is_punct(d.first - 1, frozenset("(")) or not seg.is_punct(end, frozenset(")")):
        return None
    place = _place_before(seg, d.first - 1)
    if place == d.first - 1:
        return None
    verb_after = not _parentheses_end_clause(seg, end)
    for j in range(place - 1, -1, -1):
        tok = seg.toks[j]
        if tok.kind == "punct" and tok.low in _SENTENCE_END:
            break
        if tok.kind != "word":
            continue
        for a in _readings(tok):
            # the genitive only with the place as the predicate ("... жашашат": where they
            # live, no measure's breakdown)
            if a.has("PTCP", "PL") and (not a.case or (a.case == "GEN" and not verb_after)):
                vc = _verb_class_of_root(seg, a.stem, j, d.ncls)
                if vc in seg.lex.measures.get(d.ncls, {}):
                    return vc, (j, j + 1), "parenthesis"
    return None


def _parentheses_end_clause(seg: _Seg, k: int) -> bool:
    """The last closing parenthesis of the sentence from token ``k`` on ends its clause:
    the sentence or a comma follows (``Ошто (5 адам), калгандары ...``), no predicate
    (``Ошто (15 киши) жана Бишкекте (8 киши) жашашат``, where they live)."""
    last = k
    for j in range(k, len(seg.toks)):
        if seg.is_punct(j, _SENTENCE_END):
            break
        if seg.is_punct(j, frozenset(")")):
            last = j
    return last + 1 >= len(seg.toks) or seg.is_punct(last + 1, _SENTENCE_END | _COMMA)


def predicate_list_partner(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Жабыркагандар: 4 бала, 2 аял`` (the hurt: 4 children, 2 women),
    ``кармалгандардын арасында 7 аял жана 2 бала бар``: a number joined by a comma or a
    coordinator to the previous figure's words, with no predicate of its own, is the next
    item of the same list and says what that figure says; an item may name its place
    (``Каза болгондор: Ошто 3, Баткенде 2 адам``)."""
    if not seg.drafts:
        return None
    last = seg.drafts[-1]
    if last.figure is None or not last.vclass or last.ncls != d.ncls or d.possessor:
        return None  # "алардын 17си балдар, экөөнүн абалы оор": the state of two is no item
    own = last.noun is not None and last.i < last.noun[0] < d.first
    end = last.noun[1] if own else last.after  # an elided list's noun stands after both
    gap = range(end, _place_before(seg, d.first))
    if not gap or not all(_is_joiner(seg, k) or seg.is_punct(k, _COMMA) for k in gap):
        return None
    if _has_own_predicate(seg, d):
        return None
    return last.vclass, (d.first, d.first), "list_partner"


def predicate_of_whole(seg: _Seg, d: Draft) -> tuple[str, tuple[int, int], str] | None:
    """``Көп адам жабыркады, алардын 4ү балдар`` (many were hurt, 4 of them children): a
    subset of a whole stated without a numeral, with no predicate of its own, says what the
    whole's clause says (the last predicate of a measure before the marker, in this
    sentence or the one before)."""
    if not d.marker or d.marker_class or d.possessor or _has_own_predicate(seg, d):
        return None
    if d.whole is not None and d.whole.figure is not None:
        return None  # a counted whole: the parent gives the measure
    start = _marker_start(seg, d)
    hit = _last_measure_predicate(seg, d, start)
    prev = _segment_before(seg, start) if hit is None else None
    if prev is not None:
        hit = _last_measure_predicate(prev, d, len(prev.toks))
    if hit is None:
        return None
    return hit, (d.first, d.first), "whole_predicate"


def _last_measure_predicate(seg: _Seg, d: Draft, hi: int) -> str | None:
    """The verb class of the last predicate before token ``hi`` that says a measure of the
    number's noun class (``жабыркады``: casualties)."""
    for j in range(hi - 1, -1, -1):
        if seg.word(j) is None or _predicate_form(seg, j) not in ("finite", "converb"):
            continue
        for vc, _ in _classes_at(seg, j, d, 0):
            if vc in seg.lex.measures.get(d.ncls, {}):
                return vc
    return None


PREDICATE_RULES = (
    predicate_toll,
    predicate_toll_reached,
    predicate_toll_of_them,
    predicate_reported_before,
    predicate_participation,
    predicate_made_up_of,
    predicate_list_item,
    predicate_nominal,
    predicate_bereft,
    predicate_chain,
    predicate_marker,
    predicate_participle_before,
    predicate_place_attribute,
    predicate_parenthesis,
    predicate_list_partner,
    predicate_of_whole,
)


# ------------------------------------------------------------------ stage 5: the parent
def parent_whole(seg: _Seg, d: Draft) -> Draft | None:
    """``7 адамдын 3ү`` (3 of the 7), ``алардын ичинен 16`` (16 of them): the whole the
    number points back to, when it is a figure counting the same kind of thing."""
    w = d.whole
    if w is None or w.figure is None or w.ncls != d.ncls or w.parent is not None:
        return None
    if w.m.value > d.m.value or w.qualifier in ("more_than", "at_least", "several"):
        return w  # a whole is larger than its part
    return None


def parent_marker_figure(seg: _Seg, d: Draft) -> Draft | None:
    """``Кармалгандардын арасында 4 жаран бар`` after ``12 адам кармалды``: a participle
    marker points back to the last figure of its measure in the segment or entry."""
    if not d.marker_class or d.whole is not None:
        return None
    if d.sibling is not None:
        return d.sibling.parent  # the parts of one list share their whole
    for other in reversed([*seg.memory.get("figures", []), *seg.drafts]):
        if other.figure is not None and other.parent is None and other.vclass == d.marker_class:
            return other if other.ncls == d.ncls else None
    return None


def parent_list(seg: _Seg, d: Draft) -> Draft | None:
    """``80 адам жаракат алган – 50 милиция кызматкери жана 30 жай тургун``; ``200гө жакын
    ишкана: 90 дүкөн, ...``: items after a dash or colon that follows a figure of the same
    class; later items of the same list share its parent."""
    if not seg.drafts or d.rule == "toll":
        return None  # "каза болгондор — 5, жаракат алгандар — 12": a toll's dash is its own
    last = seg.drafts[-1]
    if last.figure is None and last.parent is None:
        return None
    lo = last.noun[1] if last.noun else last.after
    between = range(lo, d.first)
    if any(seg.is_punct(k, frozenset(")")) for k in between):
        return None
    marks = [k for k in between if seg.is_punct(k, _LIST_MARKS)]
    # A predicate ends the list, unless a dash or colon after it opens a breakdown:
    # "тоналды: 30 дүкөн жана 20 кафе".
    after_mark = range(marks[-1] + 1, d.first) if marks else between
    if any(seg.word(k) is not None and _predicate_form(seg, k) for k in after_mark):
        return None
    if last.parent is not None and last.parent.ncls == d.ncls and not marks:
        return last.parent
    if last.ncls != d.ncls or last.figure is None:
        return None
    if marks:
        return last if last.parent is None else last.parent
    return None


PARENT_RULES = (parent_whole, parent_marker_figure, parent_list)


# ------------------------------------------------------------------ the reader
def read(text: str, context: Context) -> Reading:
    """Figures and every number mention of one Kyrgyz segment.

    Parameters
    ----------
    text : str
        The segment's text (offsets in the result index it).
    context : analysis.reading.Context
        Earlier figures of the same live-blog entry, the year, and the reader's memory.

    Returns
    -------
    analysis.reading.Reading
    """
    lex = load_lexicon()
    texts = context.memory.setdefault("texts", [])
    texts.append(text)
    del texts[:-6]
    context.memory["numbers_prev"] = context.memory.get("numbers_here", False)
    context.memory["numbers_here"] = False
    low = _lower(text)
    quoted = _quoted_russian(text, low, context)
    if quoted is not None:
        low = quoted.masked
    rejected: list = []
    mentions = find_mentions(low, rejected=rejected)
    numbers = [NumberSeen(s, e, None, "not_a_count", reason) for s, e, reason in rejected]
    if quoted is not None:
        numbers.extend(quoted.reading.numbers)
    if not mentions:
        numbers.sort(key=lambda n: n.start)
        return Reading(quoted.reading.figures if quoted is not None else [], numbers)
    mentions = sorted(mentions + _the_other_one(low, mentions), key=lambda m: m.start)
    toks = tokenize(text, low, mentions)
    _idioms_are_words(lex, toks, numbers)
    seg = _Seg(text, toks, lex, memory=context.memory, rejected={s: r for s, _, r in rejected})
    figures: list[Figure] = []
    for i, tok in enumerate(toks):
        if tok.kind != "num":
            continue
        d = _read_number(seg, i, context)
        seg.drafts.append(d)
        if d.noun is not None or d.ncls:
            seg.memory["last_noun"] = (d.ncls, d.group) if d.ncls else seg.memory.get("last_noun")
        seen = NumberSeen(d.m.start, d.m.end, d.m.value, "unread")
        if d.reason:
            seen.status, seen.reason = "not_a_count", d.reason
        if d.measure:
            figs = _make_figures(seg, d, context)
            figures.extend(figs)
            seen.status, seen.figure = "figure", figs[0]
        numbers.append(seen)
    if seg.drafts:
        seg.memory["numbers_here"] = True
        seg.memory["last_draft"] = seg.drafts[-1]
        kept = seg.memory.setdefault("figures", [])
        kept.extend(x for x in seg.drafts if x.figure is not None)
        del kept[:-20]
    as_of = _as_of(seg, context.year)
    for f in figures:
        f.as_of = as_of or (f.parent.as_of if f.parent is not None else "")
    if quoted is not None:
        figures = sorted(figures + quoted.reading.figures, key=lambda f: f.start)
    numbers.sort(key=lambda n: n.start)
    return Reading(figures, numbers)


class _Quoted(NamedTuple):
    masked: str  # the lower-cased segment with the quotes blanked out
    reading: Reading  # what the Russian reader read in them (offsets into the segment)


_QUOTE = re.compile(r"«([^«»]+)»|“([^“”]+)”|\"([^\"]+)\"")
_MIN_QUOTE_WORDS = 3


def _quoted_russian(text: str, low: str, context: Context) -> _Quoted | None:
    """``«В результате ДТП погибли три человека», - деп билдирди ИИМ``: a Russian quote
    inside a Kyrgyz sentence is read by the Russian reader; the Kyrgyz reader reads the
    rest (the quote's letters are blanked, offsets stay)."""
    if "«" not in text and '"' not in text and "“" not in text:
        return None
    from analysis.clean import detect_language
    from analysis.reading import reader_for

    figures: list[Figure] = []
    numbers: list[NumberSeen] = []
    masked = low
    for m in _QUOTE.finditer(text):
        a, b = m.span(m.lastindex)
        body = text[a:b]
        if len(body.split()) < _MIN_QUOTE_WORDS or detect_language(body) != "ru":
            continue
        reader = reader_for("ru")
        if reader is None:
            return None
        got = reader(body, context)
        for f in got.figures:
            f.start, f.end, f.clause = f.start + a, f.end + a, (f.clause[0] + a, f.clause[1] + a)
            f.lang = "ru"
        for n in got.numbers:
            n.start, n.end = n.start + a, n.end + a
        figures.extend(got.figures)
        numbers.extend(got.numbers)
        masked = masked[:a] + " " * (b - a) + masked[b:]
    if masked is low:
        return None
    return _Quoted(masked, Reading(figures, numbers))


def _participle_noun_before(seg: _Seg, d: Draft) -> str:
    """The verb class of the last measure participle used as a plural noun in the
    nominative ("каза болгондор бар", there are dead) in this segment before ``d`` or in
    the five segments before it, the nearest first."""
    texts = seg.memory.get("texts", [])[:-1]
    for text in [None, *reversed(texts)]:
        if text is None:
            toks = seg.toks[: d.first]
        else:
            low = _lower(text)
            toks = tokenize(text, low, [])
        sub = _Seg(text or seg.text, toks, seg.lex)
        for j in range(len(toks) - 1, -1, -1):
            if toks[j].kind != "word":
                continue
            for a in _readings(toks[j]):
                if a.has("PTCP", "PL") and not a.case:
                    vc = _verb_class_of_root(sub, a.stem, j, "people")
                    if vc:
                        return vc
    return ""


def _the_other_one(low: str, mentions: list[Mention]) -> list[Mention]:
    """``бири каза болуп, экинчиси ооруканага жеткирилген`` (one died, the other was taken to
    hospital): after a possessive "бири" or the collective "бирөө", the ordinal "экинчиси"
    counts one as well."""
    one = [m for m in mentions if m.value == 1 and ((m.suffix and "P3" in m.tags) or m.collective)]
    if not one:
        return []
    out = []
    for w in _WORDS.finditer(low, one[0].end):
        for a in analyse(w.group()):
            if a.stem == "эки" and a.tags[:2] == ("ORD", "P3"):
                # read as possessive as "бири" is: it stands for its noun
                out.append(Mention(1, w.start(), w.end(), one[0].suffix, one[0].collective))
                break
    return out


_WORDS = re.compile(r"[^\W\d_]+")


def _idioms_are_words(lex: Lexicon, toks: list[Token], numbers: list[NumberSeen]) -> None:
    """``бир тууган`` (sibling), ``бир аз`` (a little), ``кандайдыр бир`` (some): a number
    word that makes a word with its neighbour is read as a word (so "2 бир туугандар"
    counts two siblings); a whole word spelled like an inflected number word is that word
    (``уурулук үчүн кармалды``, detained for theft: the postposition, not "its three")."""
    for k, tok in enumerate(toks):
        if tok.kind != "num" or " " in tok.low or tok.low[0].isdigit():
            continue  # idioms are made of number words, not digits
        as_word = Token(tok.text, tok.low, tok.start, tok.end, "word")
        if tok.mention.suffix:
            p = lex.not_numbers.match([as_word], 0)
            hit = p is not None and len(p.words) == 1 and p.words[0].kind == "exact"
        else:
            ahead = [as_word, *toks[k + 1 : k + 3]]
            behind = [*toks[max(0, k - 2) : k], as_word]
            hit = (
                lex.not_numbers.match(ahead, 0) is not None
                or lex.not_numbers.match_ending(behind, len(behind) - 1) is not None
            )
        if hit:
            m = tok.mention
            numbers.append(NumberSeen(m.start, m.end, m.value, "not_a_count", "not_counted"))
            tok.kind, tok.mention = "word", None


def _read_number(seg: _Seg, i: int, context: Context) -> Draft:
    """Run the stages on the number at token ``i``."""
    d = Draft(m=seg.toks[i].mention, i=i, first=i, after=i + 1)
    for rule in NUMBER_RULES:
        reason = rule(seg, d)
        if reason:
            d.reason = reason
            return d
    q = qualifier_before(seg, d)
    if q is not None:
        d.qualifier, d.first = q[0], q[1]
    for rule in QUALIFIER_RULES:
        res = rule(seg, d)
        if res is not None:
            if d.qualifier == "exact" or res[0] != "exact":
                d.qualifier = res[0]
            d.after = max(d.after, res[1])
            break
    # a unit after the qualifier words ("20 күндөн ашык")
    j = _next_word(seg, d.after)
    if j is not None and j != d.i + 1:
        p = seg.lex.not_counts.match(seg.toks, j)
        if p is not None:
            d.reason = p.label
            return d
    whole_before(seg, d)
    if d.reason:
        return d
    for rule in NOUN_RULES:
        res = rule(seg, d)
        if res is not None:
            cls, group, span, case = res
            if d.noun_qualified and span[0] == d.i + 1 and case in ("DAT", "ABL"):
                case = ""  # "100 адамдан ашык каза болду": the noun is the subject
            d.ncls, d.noun, d.noun_case = cls, span, case
            d.group = _owner_group(seg, d.first, group, span)
            d.rule = rule.__name__
            break
        if d.reason:
            return d
    if not d.ncls:
        tol = (
            predicate_toll(seg, d)
            or predicate_toll_reached(seg, d)
            or predicate_toll_of_them(seg, d)
            or predicate_reported_before(seg, d)
        )
        if tol is None:
            named = _toll_named(seg, d)
            if named is None:
                return d
            d.ncls, d.group = named
            d.rule = "toll_named"
        else:
            d.vclass, d.pred, d.rule = tol
            d.toll = True
    genitive = d.noun_case == "GEN" if d.noun is not None else "GEN" in _number_reading(d)
    if genitive and not d.toll:
        d.possessor = _possessor(seg, d)
    if not d.toll and d.rule != "toll_named":  # a toll of no measure says none
        _predicate(seg, d)
        if d.ncls == "vehicles" and not d.vclass:
            _crew_of_vehicle(seg, d)
    for rule in PARENT_RULES:
        p = rule(seg, d)
        if p is not None:
            d.parent = p
            break
    if not d.vclass and d.parent is not None and not d.possessor:
        last = seg.drafts[-1] if seg.drafts else None
        if last is not None and last.parent is d.parent and last.vclass and not d.noun_case:
            # "Кармалгандардын үчөө опер кызматкери, бирөө тергөөчү болуп иштеген": the
            # next item of the same list shares its predicate and measure.
            d.vclass, d.rule = last.vclass, "list_item"
        elif not _has_own_predicate(seg, d):
            d.vclass = d.parent.vclass
            d.rule = "parent_measure"
    d.measure = seg.lex.measures.get(d.ncls, {}).get(d.vclass, "") if d.vclass else ""
    if d.implied and d.vclass not in _PEOPLE_ONLY:
        d.measure = ""
    if d.measure:
        d.distribute = _distributive(seg, d)
    return d


_HURT_ONLY = frozenset({"killed", "injured", "hospitalized", "intensive_care"})


def _predicate(seg: _Seg, d: Draft) -> None:
    """The first predicate rule that answers sets the draft's verb class."""
    for rule in PREDICATE_RULES:
        res = rule(seg, d)
        if res is not None:
            d.vclass, d.pred, d.rule = res
            return


def _crew_of_vehicle(seg: _Seg, d: Draft) -> None:
    """``2 өрт өчүрүүчү күйүк алды`` (2 firefighters were burned): a vehicle noun named by
    its crew's work (``өрт өчүрүүчү`` is a fire engine in a list of vehicles) whose
    predicate says nothing of vehicles but only people suffer it counts the crew, people
    of the group ``other``; not ``кармалды``, said of seized cars too."""
    rule = d.rule
    d.ncls = "people"
    _predicate(seg, d)
    start = d.noun[1] if d.noun is not None else d.after
    own = (
        d.vclass in _HURT_ONLY
        and d.rule == "verb_phrase"
        and d.pred is not None
        # the verb of its own clause, not a later one (``2 унаа кагышып, айдоочу каза болду``)
        and not any(
            seg.toks[k].kind == "word" and _predicate_form(seg, k) for k in range(start, d.pred[0])
        )
    )
    if own:
        d.group = "other"
        return
    d.ncls, d.vclass, d.pred, d.rule = "vehicles", "", None, rule


def _possessor(seg: _Seg, d: Draft) -> bool:
    """``3 баланын энеси`` (the mother of 3 children): a number whose noun is a genitive
    possessor counts nobody the predicate speaks of, unless a possessive number, a verb
    argument or "all" follows (``7 адамдын 3ү``, ``11 кишинин өмүрү кыйылды``, ``180
    жүргүнчүнүн баары``); so is a number in the genitive (``алардын 4үнүн абалы оор``, the
    condition of 4 of them is serious)."""
    nxt = d.noun[1] if d.noun is not None else d.after
    if nxt < len(seg.toks) and seg.toks[nxt].kind == "num":
        return True  # the whole of a part; its own measure comes from a participle
    nxt = _shared_head(seg, nxt)
    if seg.word(nxt) is not None and seg.word(nxt).low in seg.lex.owner_particles:
        nxt += 1  # "эки кенчинин тең сөөгү" (the bodies of both miners): "тең" stands between
    if _participation_at(seg, nxt):
        return False  # "300 кишинин катышуусу менен": the people take part
    tok = seg.word(nxt)
    # "эки аткаминердин кармалганын жарыялады": the subject of a nominalised participle;
    # a lexicon noun of that form is a noun ("4 адамдын туугандары", their relatives).
    if seg.noun(nxt) is None and any(a.has("PTCP", "P3") for a in _verb_forms(seg.lex, tok)):
        return False
    # "180 жүргүнчүнүн баары каза болду": all of them, so the number itself is the count.
    if tok is not None and tok.stems & seg.lex.all_words:
        return False
    if tok is not None and _state_then_place(seg, nxt):
        return False
    if tok is not None:
        for a in _verb_forms(seg.lex, seg.word(nxt + 1)):
            for e in seg.lex.verbs.get(a.stem, ()):
                if e.args and e.args[0].matches(tok):
                    return False
        # "2 адамдын сөөгү дарыядан табылды": the verb after a place phrase
        for gap in (2, 3, 4):
            k = nxt + gap
            forms = _verb_forms(seg.lex, seg.word(k))
            if forms:
                if any(
                    e.args and e.args[0].matches(tok)
                    for a in forms
                    for e in _verb_entries(seg, a.stem, k)
                ):
                    return False
                break
    return True


def _shared_head(seg: _Seg, k: int) -> int:
    """``5 адамдын, анын ичинде 3 баланын сөөгү табылды`` (the bodies of 5 people, 3 children
    among them, were found): a genitive whole before a comma and a subset marker shares the
    possessed noun after its part's genitive noun; the token of that noun, or ``k``."""
    if not seg.is_punct(k, _COMMA):
        return k
    m = seg.lex.subset_markers.match(seg.toks, k + 1)
    if m is None:
        return k
    n = k + 1 + len(m.words)
    if n >= len(seg.toks) or seg.toks[n].kind != "num":
        return k
    p = seg.noun(n + 1)
    if p is None or "GEN" not in _cases_of(seg.word(n + len(p.words)), p):
        return k
    return n + 1 + len(p.words)


def _state_then_place(seg: _Seg, k: int) -> bool:
    """``алардын үчөөнүн абалы оор, реанимацияда`` (the condition of three of them is
    serious, they are in intensive care): the possessed noun at ``k`` and a predicate
    without a verb, then after a comma a place word that is a predicate by itself; its
    subject is the number, not the possessed noun (``3 баланын энеси реанимацияда``, the
    mother of 3 children, has no comma)."""
    j = k + 1
    while j < len(seg.toks) and seg.word(j) is not None and j <= k + 3:
        if _verb_forms(seg.lex, seg.toks[j]) or _predicate_form(seg, j):
            return False
        j += 1
    if j == k + 1 or not seg.is_punct(j, _COMMA):
        return False
    return seg.word(j + 1) is not None and _frame_alone(seg, j + 1) == "finite"


def _has_own_predicate(seg: _Seg, d: Draft) -> bool:
    """A subset with a predicate of its own ("алардын 2си каза болду") does not take the
    parent's measure; an existential copula is none (``алардын ичинде 5 аял бар``)."""
    return any(_predicate_form(seg, j) and not _existential(seg, j) for j in _chain(seg, d))


def _existential(seg: _Seg, j: int) -> bool:
    """``бар`` (there is): a copula that is not a negation."""
    low = seg.toks[j].low
    return low in seg.lex.copulas and low not in seg.lex.negators


def _distributive(seg: _Seg, d: Draft) -> int:
    """``Чүй жана Ош облустарында экиден бейтап`` (two each): a number in the ablative with
    no comparative after it is distributive over the places joined before it (by a
    coordinator, or by a comma between two names: ``Ысык-Көл, Нарын жана Талас``)."""
    tags = _number_reading(d)
    if "ABL" not in tags or d.qualifier != "exact" or d.rule == "toll":
        return 1
    lo = _clause_start(seg, d)
    n = 1
    for k in range(lo, d.first):
        tok = seg.word(k)
        joined = tok is not None and tok.low in seg.lex.coordinators
        listed = seg.is_punct(k, _COMMA) and _name_at(seg, k - 1) and _name_at(seg, k + 1)
        n += joined or listed
    return n


def _name_at(seg: _Seg, k: int) -> bool:
    tok = seg.word(k)
    return tok is not None and tok.text[:1].isupper()


def _make_figures(seg: _Seg, d: Draft, context: Context) -> list[Figure]:
    """The figure(s) of a draft: one, or one per place of a distributive number."""
    a, b = _quote_span(seg, d)
    out = []
    for _ in range(d.distribute):
        fig = Figure(
            measure=d.measure,
            group=d.group,
            value=d.m.value,
            qualifier=d.qualifier,
            ncls=d.ncls,
            start=d.m.start,
            end=d.m.end,
            clause=(a, b),
            parent=d.parent.figure if d.parent is not None else None,
            lang="ky",
            rule=d.rule,
        )
        out.append(fig)
    d.figure = out[0]
    return out


def _quote_span(seg: _Seg, d: Draft) -> tuple[int, int]:
    """Offsets of the words the figure comes from: from the start of its part of the
    clause (a subset marker included) to the end of its predicate, noun or number."""
    lo = _clause_start(seg, d)
    marker = _marker_before(seg, d)
    first = d.first
    if marker is not None:
        first = min(first, _marker_start(seg, d))
    elif d.whole is not None and d.whole.noun is not None and not seg.is_punct(d.first - 1, _COMMA):
        first = min(first, d.whole.first)  # "7 адамдын 3ү", not "..., үчөө аялдар"
    if d.rule == "toll" and d.pred is not None:
        first = min(first, d.pred[0])
    first = min(first, lo) if d.rule in ("frame", "participle_before") else first
    if d.rule == "participle_before" and d.pred is not None:
        first = min(first, d.pred[0])
    last = d.after - 1
    if d.noun is not None:
        last = max(last, d.noun[1] - 1)
    if d.pred is not None and d.rule != "toll":
        last = max(last, d.pred[1] - 1)
        last = _extend_aux(seg, last)
    if d.rule == "toll":
        last = max(last, d.after - 1)
        nxt = _next_word(seg, last + 1)
        if nxt is not None and _predicate_form(seg, nxt):
            last = nxt
    first = max(0, min(first, len(seg.toks) - 1))
    return seg.toks[first].start, seg.toks[last].end


def _extend_aux(seg: _Seg, j: int) -> int:
    while _aux_at(seg, j + 1):
        j += 1
    return j


# One or two digits, a hyphen and a word. The pattern starts with the digits (searched for at
# C speed) and a match right after a digit is dropped: "(?<!\d)" in front of the pattern
# found the same dates, trying the look-behind at every character.
_AS_OF = re.compile(r"(\d{1,2})-([^\W\d_]+)")
_DIGIT = re.compile(r"\d")


def _as_of(seg: _Seg, year: int | None) -> str:
    """``5-январга карата`` (as of 5 January) in the segment, as an ISO date."""
    low = seg.text.lower()
    for m in _AS_OF.finditer(low):
        if m.start() and _DIGIT.match(low, m.start() - 1):
            continue  # "2013-жылы": the end of a longer number
        month = next((v for k, v in seg.lex.months.items() if m.group(2).startswith(k)), None)
        if month is None:
            continue
        rest = low[m.end() : m.end() + 40].split()
        if not rest:
            continue
        toks = [Token(w, w, 0, 0, "word") for w in rest[:3]]
        if seg.lex.as_of_words.match(toks, 0) is None:
            continue
        day = int(m.group(1))
        if not 1 <= day <= 31:
            continue
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return ""


def _lower(text: str) -> str:
    """Lower case with the same length, so offsets stay valid (rare letters such as "İ"
    grow when lower-cased and are then kept as written), with web spellings restored
    (:func:`analysis.spelling.restore`: ``коп адам`` is read as ``көп адам``)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return restore(low)
