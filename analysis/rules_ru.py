"""Read figures from Russian news text: the Russian reader of :mod:`analysis.reading`.

``read(text, context)`` finds every number mention of a segment (:mod:`analysis.numerals_ru`)
and decides, rule by rule, what it is. Each stage is an ordered tuple of small named rules;
the first rule that answers wins, and its name is recorded (``Figure.rule``):

1. **not a count** (``NOT_COUNT_RULES``): clock times, dates (``5 января``, ``с 18 на 19
   апреля``), years (``2008 года``), ages (``27-летний``, ``в возрасте 40 лет``), money,
   percentages, durations (``10 суток ареста``), units, ordinals (``5-й``), identifiers
   (``Ан-72``, ``ИК №2``, ``одному из пострадавших``), numbers above 10**15, counts of
   things outside the vocabulary (``27 ДТП``, ``семь рейсов``);
2. **counted noun** (``NOUN_RULES``): the lexicon noun right after the number (adjectives may
   stand between: ``4 припаркованных автомобиля``), else the noun of the number before it in
   the sentence (``Три человека погибли, не менее пяти получили ранения``), after it
   (``погиб один и ранено двое военных``), or of the figure before it;
3. **parent** (``PARENT_RULES``): a subset marker (``из них``, ``в том числе``, ``среди
   которых``, ``среди погибших``), a list after a dash or colon that follows a figure of the
   same class, a later item of the same list, ``их`` (``Там их два``);
4. **predicate** (``PREDICATE_RULES``): a predicate of the lexicon (``погибли``, ``были
   убиты``, ``получили ранения``, ``доставлены в больницу``, ``задержали``, ``сгорели``)
   right before the number, else after it in its clause, else before it in its clause; a
   state (``в реанимации``, ``на улицах``); a toll (``число погибших достигло 16``); the
   parent's measure; the predicate of a coordinated number; a noun that says what happened
   (``14 погибших``); the nearest predicate of the sentence;
5. **qualifier** (``QUALIFIER_RULES``): ``около``/``почти`` (approx), ``более``/``свыше``
   (more_than), ``не менее``/``как минимум`` (at_least), ``до`` (up_to, except after a verb of
   change: ``увеличилось до 117`` is exact), vague quantities (several).

The measure is the lexicon's (noun class, predicate class) pair. All words are data in
``analysis/resources/lexicon.ru.yaml``, looked up by pymorphy3 lemma; the code names no
sentence, place or figure of any article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

from analysis import morph_ru
from analysis.config import read_yaml, resource
from analysis.numerals import WEB_ADDRESS
from analysis.numerals_ru import Number, Token, find_numbers, has_number, number_word, tokenize
from analysis.reading import Context, Figure, NumberSeen, Reading

__all__ = [
    "NOT_COUNT_RULES",
    "NOUN_RULES",
    "PARENT_RULES",
    "PREDICATE_RULES",
    "QUALIFIER_RULES",
    "load_lexicon",
    "read",
]

_VERBAL = frozenset({"VERB", "INFN", "PRTS", "GRND"})
_ADJECTIVAL = frozenset({"ADJF", "PRTF", "ADJS"})
_NOUN_PHRASE = frozenset({"NOUN", "ADJF", "PREP"})
_BOUNDARY_MARKS = frozenset(",;:()[]{}")
_DASHES = frozenset("-–—")
_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}  # an opening quote mark and its closing one
_NOUN = frozenset({"NOUN"})
_SENTENCE_END = frozenset(".!?…")
_COORDINATION = frozenset({"и", ",", "а", "также", "а также", "плюс"})


# --- lexicon -----------------------------------------------------------------------------


def _words(phrase: str) -> tuple[str, ...]:
    """Lower-case tokens of a lexicon phrase (ё as е), split as texts are."""
    return tuple(t.low for t in tokenize(str(phrase)))


def _index(entries: list[tuple[tuple[str, ...], object]]) -> dict[str, list]:
    """First word -> [(phrase, value)], longest phrase first."""
    out: dict[str, list] = {}
    for words, value in entries:
        if words:
            out.setdefault(words[0], []).append((words, value))
    for items in out.values():
        items.sort(key=lambda x: -len(x[0]))
    return out


def _word_orders(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A verb phrase and, when it has a prepositional complement, the order with the
    complement first: ``выйти на площадь`` also as ``на площадь выйти`` ("На площадь
    вышли ...")."""
    for k in range(1, len(words)):
        if any(p.tag.POS == "PREP" for p in morph_ru.parses(words[k])[:1]):
            return [words, words[k:] + words[:k]]
    return [words]


def _by_first(items: list[tuple[tuple[str, ...], object]]) -> dict[str, list]:
    """Values by the first word of their phrase, longest phrase first."""
    return {k: [v for _, v in group] for k, group in _index(items).items()}


def _by_last_word(items: list[tuple[tuple[str, ...], str]]) -> dict[str, list]:
    """Qualifier phrases by their last word, longest first; phrases ending with ``*`` (any
    word) are under ``*`` and in every word's list."""
    out: dict[str, list] = {"*": []}
    wild = [x for x in items if x[0][-1] == "*"]
    for words, q in items:
        if words[-1] != "*":
            out.setdefault(words[-1], []).append((words, q))
    return {k: sorted(v + wild, key=lambda x: -len(x[0])) for k, v in out.items()}


@dataclass(frozen=True)
class Lexicon:
    """The Russian lexicon, indexed for look-ups by lemma (see ``lexicon.ru.yaml``)."""

    nouns: dict[str, list]  # first lemma -> [(lemmas, (class, group))]
    noun_measures: dict[str, str]
    predicates: dict[str, list]  # first lemma -> [(lemmas, frozenset of classes)]
    states: dict[str, list]
    measures: dict[str, dict[str, str]]
    toll_nouns: frozenset[str]
    change_verbs: dict[str, str]
    q_before: list[tuple[tuple[str, ...], str]]
    q_after: dict[str, list[tuple[tuple[str, ...], str]]]  # by first word
    subset_before: dict[str, list[tuple[str, ...]]]  # by first word, longest first
    subset_after: dict[str, list[tuple[str, ...]]]
    skip_words: frozenset[str]
    not_counts: dict[str, str]
    identifier_before: frozenset[str]
    months: dict[str, int]
    range_joiners: frozenset[str]
    age_words: frozenset[str]
    age_compounds: frozenset[str]
    age_units: frozenset[str]
    year_words: frozenset[str]
    identifier_marks: frozenset[str]
    nobody_marks: frozenset[str]
    nobody_pronouns: frozenset[str]
    picks: frozenset[str]
    pair_others: frozenset[str]
    among: frozenset[str]
    as_of_words: list[tuple[str, ...]]
    abbreviations: frozenset[str]
    modals: frozenset[str]
    copulas: frozenset[str]
    sum_words: list[tuple[str, ...]]
    q_by_last: dict[str, list[tuple[tuple[str, ...], str]]]
    national_nouns: frozenset[str]
    origin_nouns: frozenset[str]
    origin_prepositions: frozenset[str]
    approx_prepositions: frozenset[str]
    action_nouns: dict[str, str]
    animate_measures: frozenset[str]
    abbreviated: dict[str, list[tuple[tuple[str, ...], str]]]  # by first word, longest first
    crowd_nouns: frozenset[str] = frozenset()
    home_country_nouns: frozenset[str] = frozenset()
    attribute_prepositions: dict[str, str] = field(default_factory=dict)
    on_duty_groups: frozenset[str] = frozenset()
    on_duty_nouns: frozenset[str] = frozenset()
    not_gatherings: frozenset[str] = frozenset()
    gatherings: frozenset[str] = frozenset()
    contests: frozenset[str] = frozenset()
    thing_parts: frozenset[str] = frozenset()
    crowd_collectives: frozenset[str] = frozenset()
    participants: frozenset[str] = frozenset()
    relation_nouns: frozenset[str] = frozenset()
    relation_groups: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    harmless_causes: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # name or adjective -> country
    country_people: dict[str, str] = field(default_factory=dict)  # noun of nationals -> country
    country_places: frozenset[str] = frozenset()  # cities and regions of the countries
    place_prepositions: frozenset[str] = frozenset()
    country_parts: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    animals: frozenset[str] = frozenset()
    counting_verbs: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    relative_places: frozenset[str] = frozenset()
    asides: tuple[tuple[str, ...], ...] = ()
    crowd_sizes: frozenset[str] = frozenset()
    crowd_groups: frozenset[str] = frozenset()
    acting_groups: frozenset[str] = frozenset()
    crowd_actions: frozenset[str] = frozenset()
    about: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    harms_had: dict[str, str] = field(default_factory=dict)  # noun lemma -> predicate class


def _verbs_to_places(data: dict) -> list[tuple[str, list[str]]]:
    """Predicate phrases of ``verbs_to_places``: every verb of a class with every place of
    it (``увезти`` + ``в ожоговый центр``: hospitalized; ``водворить`` + ``в спецприемник``:
    detained)."""
    return [
        (cls, [f"{v} {place}" for v in t["verbs"] for place in t["places"]])
        for cls, t in (data.get("verbs_to_places") or {}).items()
    ]


@cache
def load_lexicon(name: str = "lexicon.ru.yaml") -> Lexicon:
    """Read and index a Russian lexicon file shipped in ``analysis/resources``."""
    data = read_yaml(resource(name))

    def flat(key: str) -> frozenset[str]:
        return frozenset(" ".join(_words(w)) for w in data.get(key) or [])

    def flat_of(key: str, sub: str) -> frozenset[str]:
        return frozenset(" ".join(_words(w)) for w in (data.get(key) or {}).get(sub) or [])

    def by_country(*fields: str) -> dict[str, str]:
        """The phrases of ``countries`` under ``fields`` (names, places, people) -> country."""
        return {
            " ".join(_words(w)): country
            for country, t in (data.get("countries") or {}).items()
            for f in fields
            for w in t.get(f) or []
        }

    def by_class(key: str) -> dict[str, str]:
        """Phrases listed under their class (``{class: [phrase, ...]}``) -> their class."""
        return {
            " ".join(_words(w)): str(cls) for cls, ws in (data.get(key) or {}).items() for w in ws
        }

    nouns = [
        (_words(p), (cls, group))
        for cls, groups in data["nouns"].items()
        for group, phrases in groups.items()
        for p in phrases
    ]
    preds: dict[tuple[str, ...], set[str]] = {}
    for cls, phrases in [*data["predicates"].items(), *_verbs_to_places(data)]:
        for p in phrases:
            for words in _word_orders(_words(p)):
                preds.setdefault(words, set()).add(cls)
    states: dict[tuple[str, ...], set[str]] = {}
    for cls, phrases in data["states"].items():
        for p in phrases:
            states.setdefault(_words(p), set()).add(cls)

    def qualifiers(table: dict) -> list[tuple[tuple[str, ...], str]]:
        items = [(_words(p), q) for q, ps in table.items() for p in ps]
        return sorted(items, key=lambda x: -len(x[0]))

    q_before = qualifiers(data["qualifiers"]["before"])
    subset_before = tuple(
        sorted((_words(p) for p in data["subset_markers"]["before"]), key=lambda w: -len(w))
    )
    return Lexicon(
        nouns=_index(nouns),
        noun_measures=by_class("noun_measures"),
        predicates=_index([(k, frozenset(v)) for k, v in preds.items()]),
        states=_index([(k, frozenset(v)) for k, v in states.items()]),
        measures=data["measures"],
        toll_nouns=flat("toll_nouns"),
        change_verbs={" ".join(_words(w)): q for q, ws in data["change_verbs"].items() for w in ws},
        q_before=q_before,
        q_after=_by_first([(w, (w, q)) for w, q in qualifiers(data["qualifiers"]["after"])]),
        subset_before=_by_first([(w, w) for w in subset_before]),
        subset_after=_by_first([(_words(p), _words(p)) for p in data["subset_markers"]["after"]]),
        skip_words=flat("skip_words"),
        not_counts={
            " ".join(_words(w)): reason for reason, ws in data["not_counts"].items() for w in ws
        },
        identifier_before=flat("identifier_before"),
        months={" ".join(_words(k)): int(v) for k, v in data["months"].items()},
        range_joiners=frozenset(str(w) for w in data["range_joiners"]),
        age_words=flat("age_words"),
        age_compounds=flat("age_compounds"),
        age_units=flat("age_units"),
        year_words=flat("year_words"),
        identifier_marks=frozenset(str(w) for w in data["identifier_marks"]),
        nobody_marks=flat("nobody_marks"),
        nobody_pronouns=flat("nobody_pronouns"),
        picks=flat("picks"),
        pair_others=flat("pair_others"),
        among=flat("among"),
        as_of_words=sorted((_words(p) for p in data["as_of_words"]), key=lambda w: -len(w)),
        abbreviations=flat("abbreviations"),
        modals=flat("modals"),
        copulas=flat("copulas"),
        sum_words=sorted((_words(p) for p in data["sum_words"]), key=lambda w: -len(w)),
        q_by_last=_by_last_word(q_before),
        national_nouns=flat("national_nouns"),
        origin_nouns=flat("origin_nouns"),
        origin_prepositions=flat("origin_prepositions"),
        approx_prepositions=flat("approx_prepositions"),
        # measure names, not words: "intensive_care" is one name (flat() would split it)
        animate_measures=frozenset(data.get("animate_measures") or ()),
        animals=flat("animals"),
        action_nouns=by_class("action_nouns"),
        abbreviated=_by_first(
            [(_words(k), (_words(k), str(v))) for k, v in data["abbreviated_words"].items()]
        ),
        crowd_nouns=flat("crowd_nouns"),
        home_country_nouns=flat("home_country_nouns"),
        attribute_prepositions={
            str(w): str(case) for w, case in (data.get("attribute_prepositions") or {}).items()
        },
        on_duty_groups=frozenset(data["on_duty"]["groups"]),
        on_duty_nouns=frozenset(" ".join(_words(w)) for w in data["on_duty"]["nouns"]),
        not_gatherings=flat("not_gatherings"),
        gatherings=flat("gatherings"),
        contests=flat("contests"),
        thing_parts=flat("thing_parts"),
        crowd_collectives=flat("crowd_collectives"),
        participants=flat("participants"),
        relation_nouns=flat_of("relations", "nouns"),
        relation_groups=flat_of("relations", "groups"),
        without=flat("without"),
        harmless_causes=flat("harmless_causes"),
        country_names=by_country("names", "places"),
        country_places=frozenset(by_country("places")),
        country_people=by_country("people"),
        place_prepositions=flat("place_prepositions"),
        country_parts=flat("country_parts"),
        report_verbs=flat("report_verbs"),
        counting_verbs=flat("counting_verbs"),
        subject_pronouns=flat("subject_pronouns"),
        relative_pronouns=flat("relative_pronouns"),
        relative_places=flat("relative_places"),
        asides=tuple(_words(p) for p in data.get("asides", ())),
        crowd_sizes=flat("crowd_sizes"),
        crowd_groups=flat("crowd_groups"),
        acting_groups=flat("acting_groups"),
        crowd_actions=flat("crowd_actions"),
        about=flat("about"),
        owners=flat("owners"),
        harms_had=by_class("harms_had"),
    )


# --- the sentence and its candidates -------------------------------------------------------


@dataclass(slots=True)
class _Noun:
    """What follows a number: a counted noun, a unit, an unknown noun (``kind``)."""

    kind: str  # "counted", "unit", "unknown"
    i: int
    j: int
    cls: str = ""
    group: str = ""
    lemma: str = ""
    reason: str = ""


@dataclass(slots=True)
class _Pred:
    """A predicate or state found in a sentence (tokens ``[i, j)``)."""

    i: int
    j: int
    classes: frozenset[str]
    strong: bool
    negated: bool


@dataclass(slots=True)
class _Cand:
    """A number mention being read."""

    m: Number
    q_i: int  # first token of the number and its qualifier words
    after: _Noun | None = None  # what follows the number
    reason: str = ""
    qualifier: str = "exact"
    q_end: int = 0  # token after the number and any qualifier after it
    cls: str = ""
    group: str = ""
    generic: bool = False  # the noun is the class's generic one (group total)
    ref: Figure | None = None  # the figure whose noun an elliptic number counts
    guessed: bool = False  # the noun is an animate noun outside the lexicon
    lender: _Cand | None = None  # the count of such a noun that lent it to this one
    bracketed: int = -1  # the noun before the brackets a number in them counts
    noun_rule: str = ""
    parent: Figure | None = None
    marker: tuple[int, int] | None = None
    pred: tuple[str, str, tuple[int, int] | None] | None = None  # (class, rule, span)
    direct: tuple[str, str, tuple[int, int] | None] | None = None
    figure: Figure | None = None


@dataclass
class _Sentence:
    """One sentence of a segment: its tokens ``[a, b)`` and what the reader found."""

    text: str
    tokens: list[Token]
    a: int
    b: int
    lex: Lexicon
    context: Context
    earlier: list[Figure]  # figures of the segment before this sentence, then the context
    # the noun of the last count of the sentences and segments before (class, group, figure)
    last_noun: tuple[str, str, Figure | None] | None = None
    # the countries the last sentence of the segment before this one that named one placed
    # the event in (``places_of_sentence_before``)
    places_before: frozenset[str] = frozenset()
    # the countries the last sentence before that named one in the genitive named
    # (``speakers_of_sentence_before``)
    speakers_before: frozenset[str] = frozenset()
    cands: list[_Cand] = field(default_factory=list)
    _preds: list[_Pred] | None = None
    _words: frozenset[str] | None = None
    _counts: list[_Cand] | None = None

    @property
    def preds(self) -> list[_Pred]:
        if self._preds is None:
            self._preds = _find_predicates(self)
        return self._preds

    @property
    def words(self) -> frozenset[str]:
        """Every word, lemma and nominal lemma of the sentence (a phrase whose words are
        not all here cannot match: a cheap test before matching it)."""
        if self._words is None:
            out = {"*"}
            for t in self.tokens[self.a : self.b]:
                out.add(t.low)
                if t.kind == "word":
                    out |= morph_ru.lemmas(t.low) | morph_ru.nominal_lemmas(t.low)
                if t.low in self.lex.relative_places:  # "куда" stands for "в ..."
                    out |= self.lex.place_prepositions
            self._words = frozenset(out)
        return self._words

    def low(self, k: int) -> str:
        return self.tokens[k].low if self.a <= k < self.b else ""

    def counts(self) -> list[_Cand]:
        """The candidates that may be counts (no not-a-count reason), cached."""
        if self._counts is None:
            self._counts = [c for c in self.cands if not c.reason]
        return self._counts

    def set_reason(self, c: _Cand, reason: str) -> None:
        c.reason = reason
        self._counts = None


# --- helpers -------------------------------------------------------------------------------


def _boundary(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` ends a clause: a comma, colon, bracket, or a spaced dash."""
    t = s.tokens[k]
    if t.kind != "punct":
        return False
    if t.text in _BOUNDARY_MARKS or t.text in "–—":
        return True
    if t.text == "-":  # a hyphen inside a word ("из-под") is no boundary
        before = k > 0 and s.tokens[k - 1].end == t.start
        after = k + 1 < len(s.tokens) and s.tokens[k + 1].start == t.end
        return not (before and after)
    return t.text in _SENTENCE_END


def _match_seq(s: _Sentence, k: int, words: tuple[str, ...], *, gap: int, nominal: bool) -> int:
    """End token of ``words`` (lemmas, ``*`` any word) matched from token ``k``, or -1.

    Up to ``gap`` words may stand between the phrase's words (not punctuation, but a hyphen
    inside a word), and up to three times as many when they are all words of a noun phrase
    (:func:`_noun_phrase_word`): ``Жертвами схода лавины в горах Заилийского Алатау
    стали``, ``Жертвами ДТП на дорогах Иссык-Кульской области с начала года стали``. In a
    noun of the lexicon
    (``nominal``) up to two adjectives may stand before a later word: ``участников массовой
    драки`` is ``участник драка``.
    """
    look = morph_ru.nominal_lemmas if nominal else _verbal_lemmas
    p = k
    n = -1
    while n + 1 < len(words):
        n += 1
        w = words[n]
        tries, nominal_gap, adjectives = 0, True, 0
        while True:
            if p >= s.b:
                return -1
            t = s.tokens[p]
            if n > 0 and tries and (_hyphen_in_word(s, p) or _punct_in_name(s, p)):
                p += 1  # "Иссык-Кульской", "им. Омурзакова": one word of the gap
                continue
            code = max(_glued_code(s, p), _span_of_time(s, p)) if n > 0 and tries else p
            code = max(code, _quoted_name(s, p)) if n > 0 else code
            if code > p:  # "на лечении с COVID-19", "за два дня": words of a noun phrase
                if tries >= 3 * gap or not nominal_gap:
                    return -1
                tries += 1
                p = code
                continue
            if t.kind == "punct" and w not in _DASHES:
                return -1
            if w == "*" or t.low == w or (t.kind == "word" and w in look(t.low)):
                break
            if not nominal and w in _antecedent(s, p):
                break  # "Акция, на которую пришли": "которую" stands for "акция"
            if not nominal and _place_of_relative(s, p, words[n:]):
                n += 1  # "Больница, куда доставили": "куда" stands for "в больницу"
                break
            if n == 0 or t.kind != "word":
                return -1
            if t.low == words[n - 1]:
                return -1  # "в ДТП пятеро в реанимации": the later "в" starts the phrase
            if nominal and adjectives < 2 and _pos(t) in _ADJECTIVAL:
                adjectives += 1
                p += 1
                continue
            nominal_gap = nominal_gap and (
                _noun_phrase_word(t) or _joins_nouns(s, p) or _abbreviated(s, p)
            )
            if tries >= (3 * gap if nominal_gap else gap):
                return -1
            tries += 1
            p += 1
        if tries > gap and not nominal_gap:
            return -1
        p += 1
    return p


def _antecedent(s: _Sentence, k: int) -> frozenset[str]:
    """Lemmas of the noun a relative pronoun at ``k`` stands for (:func:`_antecedent_at`):
    ``Акция, на которую пришли около 400 человек`` (``акция``), else none."""
    n = _antecedent_at(s, k)
    return morph_ru.nominal_lemmas(s.tokens[n].low) if n is not None else frozenset()


def _place_of_relative(s: _Sentence, k: int, words: tuple[str, ...]) -> bool:
    """Whether a relative adverb of place (``relative_places``) at ``k`` stands for the
    first two words of ``words``, a preposition of place and the noun before its clause's
    comma: ``Больница, куда доставили 6 пострадавших`` (``в больница``)."""
    if len(words) < 2 or words[0] not in s.lex.place_prepositions:
        return False
    return words[1] in _antecedent(s, k)


def _antecedent_at(s: _Sentence, k: int) -> int | None:
    """The noun a relative pronoun (``relative_pronouns``) at ``k`` stands for: the nearest
    noun, or lexicon noun (``Протестующие, которых было``), before the comma that opens its
    clause, agreeing with it in number (and gender in the singular), past a preposition
    (``Акция, на которую``, ``Больница, в которую доставлены``); else None."""
    t = s.tokens[k]
    if t.kind != "word":
        return None
    adverb = t.low in s.lex.relative_places
    if not adverb and not morph_ru.lemmas(t.low) & s.lex.relative_pronouns:
        return None
    c = k - 1
    if c >= s.a and _pos(s.tokens[c]) == "PREP":
        c -= 1
    if c <= s.a or s.tokens[c].text != ",":
        return None
    rel = morph_ru.parses(t.low)[0].tag
    for n in range(c - 1, max(s.a, c - 4) - 1, -1):
        w = s.tokens[n]
        if w.kind != "word":
            break
        for p in morph_ru.parses(w.low)[:1]:  # "у здания акимата": singular
            if adverb:
                if p.tag.POS == "NOUN":
                    return n
                continue
            if p.tag.number != rel.number or (p.tag.POS != "NOUN" and _noun_at(s, n) is None):
                continue
            if rel.number == "sing" and p.tag.gender != rel.gender:
                continue
            return n
    return None


def _hyphen_in_word(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is a hyphen glued to words on both sides (``Иссык-Кульской``)."""
    t = s.tokens[k]
    if t.text != "-" or k - 1 < s.a or k + 1 >= s.b:
        return False
    before, after = s.tokens[k - 1], s.tokens[k + 1]
    return before.kind == after.kind == "word" and before.end == t.start and t.end == after.start


def _abbreviated(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is an abbreviation of the lexicon with its stop glued after it
    (``им.``, ``ул.``): a word of the noun phrase it opens."""
    return (
        s.tokens[k].low in s.lex.abbreviations
        and k + 1 < s.b
        and s.tokens[k + 1].text == "."
        and s.tokens[k + 1].start == s.tokens[k].end
    )


def _punct_in_name(s: _Sentence, k: int) -> bool:
    """Whether punctuation at ``k`` belongs to a name inside a noun phrase: the stop of an
    abbreviation (``на стадионе им. Омурзакова``) or a dash between two capitalised words
    (``Матч Казахстан — Грузия посетили``, ``на трассе Бишкек — Ош``)."""
    t = s.tokens[k]
    if t.kind != "punct" or k - 1 < s.a or k + 1 >= s.b:
        return False
    if t.text == ".":
        return _abbreviated(s, k - 1)
    before, after = s.tokens[k - 1], s.tokens[k + 1]
    return (
        t.text in _DASHES
        and before.kind == after.kind == "word"
        and before.text[:1].isupper()
        and after.text[:1].isupper()
        and not before.text.isupper()
    )


def _quoted_name(s: _Sentence, k: int) -> int:
    """The end of a name in quotation marks that opens at ``k`` (a capitalised word first, up
    to four words, hyphens inside), one word of a gap in a phrase (``На концерт на стадионе
    «Динамо» пришли``), else ``k``."""
    close = _QUOTES.get(s.tokens[k].text)
    if close is None or k + 1 >= s.b or not s.tokens[k + 1].text[:1].isupper():
        return k
    words = 0
    for p in range(k + 1, min(s.b, k + 10)):
        t = s.tokens[p]
        if t.text == close:
            return p + 1 if words else k
        if t.kind == "word" or t.kind == "num":
            words += 1
        elif not _hyphen_in_word(s, p):
            return k
        if words > 4:
            return k
    return k


def _span_of_time(s: _Sentence, k: int) -> int:
    """The end of a span of time that a number at ``k`` opens (a noun of ``duration`` in
    ``not_counts`` right after it: ``На фестиваль в Оше за три дня пришли``), else ``k``."""
    if k + 1 >= s.b or s.tokens[k + 1].kind != "word":
        return k
    t = s.tokens[k]
    if t.kind != "num" and not (t.kind == "word" and _pos(t) == "NUMR"):
        return k
    lemmas = morph_ru.nominal_lemmas(s.tokens[k + 1].low)
    return k + 2 if any(s.lex.not_counts.get(w) == "duration" for w in lemmas) else k


def _glued_code(s: _Sentence, k: int) -> int:
    """The end of a word glued by a hyphen to a number at ``k`` (``COVID-19``, ``H1N1`` is
    one word), else ``k``."""
    if k + 2 >= s.b or s.tokens[k].kind != "word" or s.tokens[k + 1].text not in _DASHES:
        return k
    t, h, n = s.tokens[k], s.tokens[k + 1], s.tokens[k + 2]
    if n.kind == "word" or n.kind == "punct" or t.end != h.start or h.end != n.start:
        return k
    return k + 3


def _noun_phrase_word(t: Token) -> bool:
    """Whether a word can belong to a noun phrase between a predicate's words: a noun, an
    adjective, a preposition (``схода лавины в горах Заилийского Алатау``), a demonstrative
    or possessive (``Жертвами ДТП в этом году стали``), not a verb form or a conjunction
    (which would start another clause); a word pymorphy3 reads first otherwise counts when
    it may be a noun and may not be a verb form (``паводков``, first a short adjective)."""
    if _pos(t) in _NOUN_PHRASE or _possessive(t):
        return True
    tags = [p.tag for p in morph_ru.parses(t.low)] if t.kind == "word" else []
    return any(g.POS == "NOUN" for g in tags) and not any(
        g.POS in _VERBAL or g.POS == "CONJ" for g in tags
    )


def _joins_nouns(s: _Sentence, p: int) -> bool:
    """Whether ``и``/``или`` at ``p`` joins two nouns inside a noun phrase (``Жертвами
    землетрясения в Турции и Сирии стали``), not two clauses."""
    if s.low(p) not in ("и", "или") or p - 1 < s.a or p + 1 >= s.b:
        return False
    return all(s.tokens[q].kind == "word" and _pos(s.tokens[q]) == "NOUN" for q in (p - 1, p + 1))


@lru_cache(maxsize=1 << 16)
def _verbal_lemmas(word: str) -> frozenset[str]:
    """Lemmas for predicate phrases: normal forms and nominal lemmas (``пострадавшими
    признаны`` is ``пострадавший признать``)."""
    return morph_ru.lemmas(word) | morph_ru.nominal_lemmas(word)


def _words_at(s: _Sentence, k: int, words: tuple[str, ...]) -> int:
    """End token of a phrase written as words (a marker, a qualifier) at token ``k``, or -1."""
    end = k + len(words)
    if end > s.b:
        return -1
    toks = s.tokens
    for n, w in enumerate(words):
        if w != "*" and toks[k + n].low != w:
            return -1
    return end


def _noun_at(s: _Sentence, k: int) -> tuple[int, tuple[str, str], str] | None:
    """(end, (class, group), first lemma) of the longest lexicon noun starting at ``k``."""
    t = s.tokens[k]
    if t.kind != "word":
        return None
    for lemma in morph_ru.nominal_lemmas(t.low) | {t.low}:
        for words, value in s.lex.nouns.get(lemma, ()):
            if len(words) > 1 and not s.words.issuperset(words):
                continue
            end = _match_seq(s, k, words, gap=0, nominal=True)
            if end > 0:
                return end, value, " ".join(words)
    return None


def _pos(t: Token) -> str:
    return morph_ru.pos(t.low) if t.kind == "word" else ""


def _not_count_lemma(s: _Sentence, t: Token) -> str:
    """The not-a-count reason of a noun after a number (``суток`` -> duration), or ""."""
    if t.kind == "punct":
        return "percentage" if t.text == "%" else ""
    for lemma in (t.low, *sorted(morph_ru.lemmas(t.low))):
        if lemma in s.lex.months:
            return "date"
        reason = s.lex.not_counts.get(lemma)
        if reason:
            return reason
    return ""


def _quoted_noun(s: _Sentence, k: int) -> _Noun | None:
    """A lexicon noun in quotation marks right after the number, the marks a writer's
    distance from an official word (``девять «боевиков»``): counted, and its noun ends after
    the closing mark."""
    close = _QUOTES.get(s.tokens[k].text)
    if close is None or k + 1 >= s.b:
        return None
    got = _after_number(s, k + 1)
    if got is None or got.kind != "counted" or got.j >= s.b or s.tokens[got.j].text != close:
        return None
    return _Noun("counted", got.i, got.j + 1, got.cls, got.group, got.lemma)


def _after_number(s: _Sentence, k: int) -> _Noun | None:
    """What the number ending before token ``k`` counts: up to two adjectives may come first.

    A lexicon noun is ``counted``; a unit, month or currency is ``unit`` (with its reason);
    another noun, or an adjective standing for one (``десяти хвостатым``), is ``unknown``.
    """
    p = k
    adjective = None
    while p < s.b and p < k + 4:
        t = s.tokens[p]
        if p == k and t.kind == "punct":
            quoted = _quoted_noun(s, p)
            if quoted is not None:
                return quoted
            reason = _not_count_lemma(s, t)
            return _Noun("unit", p, p + 1, reason=reason) if reason else None
        hit = _noun_at(s, p)
        if hit is not None and p < k + 3 and _attribute_of_next_noun(s, p, hit[0]):
            p += 1  # "5 погибших военнослужащих": the lexicon noun after it is counted
            continue
        if hit is not None and p < k + 3 and _attribute_of_thing(s, p, hit[0]):
            return _Noun("unknown", p + 1, p + 2, lemma=s.tokens[p + 1].low)
        if hit is not None:
            end, (cls, group), lemma = hit
            tail = _noun_at(s, end + 1) if end < s.b and _hyphen_in_word(s, end) else None
            if tail is not None and tail[1][0] == cls and _of_a_country(s, tail[0], tail[2]):
                end, lemma = tail[0], tail[2]  # "рабочих-мигрантов из Узбекистана"
            group = _complement_before(s, p, end, lemma, cls) or group
            group = _group_of_relation(s, p, lemma, group)
            group = _nationals_group(s, end, lemma, group)
            end += _of_a_country(s, end, lemma)  # the country's name belongs to the noun
            return _Noun("counted", p, end, cls, group, lemma)
        if t.kind != "word":
            break
        reason = _not_count_lemma(s, t)
        if reason:
            return _Noun("unit", p, p + 1, reason=reason)
        pos = _pos(t)
        if pos == "NOUN" and _adjective_of_next_noun(s, p):
            pos = "ADJF"
        if pos in _VERBAL and p == k and _noun_of_oblique_numeral(s, p):
            pos = "NOUN"  # "Жители трех сел вышли": villages, not "сел" (sat down)
        if pos == "PRTF" and _participle_with_complement(s, p):
            return _participle_or_its_noun(s, p)
        if (pos in _ADJECTIVAL or _possessive(t)) and p < k + 3:
            adjective = p if pos in _ADJECTIVAL else adjective
            p += 1
            continue
        if pos == "NOUN" or not morph_ru.is_known(t.low):
            if number_word(t.low) is not None:
                break
            return _Noun("unknown", p, p + 1, lemma=t.low)
        break
    if adjective is not None:
        return _Noun("unknown", adjective, adjective + 1, lemma=s.tokens[adjective].low)
    return None


def _noun_of_oblique_numeral(s: _Sentence, p: int) -> bool:
    """Whether the word at ``p`` may be a plural noun in the oblique case of the number word
    right before it (``трех сел``: of three villages), which a verb reading would not
    agree with."""
    n = s.tokens[p - 1] if p - 1 >= s.a else None
    if n is None or n.kind != "word":
        return False
    cases = {q.tag.case for q in morph_ru.parses(n.low) if q.tag.POS == "NUMR"}
    cases -= {"nomn", "accs", None}
    return bool(cases) and any(
        q.tag.POS == "NOUN" and "plur" in q.tag.grammemes and q.tag.case in cases
        for q in morph_ru.parses(s.tokens[p].low)
    )


def _group_of_relation(s: _Sentence, p: int, lemma: str, group: str) -> str:
    """A noun of people named by whom they serve with (``relations``), after a possessive
    pronoun, takes the group of the last person of a service named before it in its
    sentence (``По факту гибели солдата-срочника задержаны трое его сослуживцев``:
    military), else keeps its own (``Полицейские задержали троих товарищей подозреваемого``:
    other)."""
    if lemma not in s.lex.relation_nouns or p - 1 < s.a or not _possessive(s.tokens[p - 1]):
        return group
    for k in range(p - 1, s.a - 1, -1):
        hit = _noun_at(s, k)
        if hit is not None and hit[1][0] == "people" and hit[1][1] in s.lex.relation_groups:
            return hit[1][1]
    return group


def _complement_before(s: _Sentence, p: int, end: int, lemma: str, cls: str) -> str:
    """The group of a longer lexicon noun whose head a one-word noun at ``[p, end)`` is and
    whose complement the sentence named before it, the nearest first: ``После массовой драки
    у кафе задержаны 14 участников`` counts ``участник драка`` (other), not rally
    participants; "" when none, or when a noun in the genitive after it is its own
    complement (``Сотрудники МВД задержали 5 сотрудников банка``)."""
    if " " in lemma:
        return ""
    t = s.tokens[end] if end < s.b else None
    if (
        t is not None
        and t.kind == "word"
        and any(q.tag.POS == "NOUN" and "gent" in q.tag.grammemes for q in morph_ru.parses(t.low))
    ):
        return ""
    longer = [(w, v) for w, v in s.lex.nouns.get(lemma, ()) if len(w) == 2 and v[0] == cls]
    for k in range(p - 1, s.a - 1, -1):
        t = s.tokens[k]
        if t.kind != "word":
            continue
        found = morph_ru.nominal_lemmas(t.low) | {t.low}
        for words, (_, group) in longer:
            if words[1] in found:
                return group
    return ""


def _participle_with_complement(s: _Sentence, p: int) -> bool:
    """Whether the participle at ``p`` governs the noun after it (with up to one adjective
    between), a noun in another case: ``Трое отравившихся грибами``, not ``5 сгоревших
    автомобилей``."""
    q = p + 1
    if q < s.b and s.tokens[q].kind == "word" and _pos(s.tokens[q]) == "PREP":
        return True  # "6 стоявших во дворе автомобилей"
    if q < s.b and s.tokens[q].kind == "word" and _pos(s.tokens[q]) == "ADJF":
        q += 1
    if q >= s.b or s.tokens[q].kind != "word" or _pos(s.tokens[q]) != "NOUN":
        return False
    own = {x.tag.case for x in morph_ru.parses(s.tokens[p].low) if x.tag.POS == "PRTF"}
    nouns = {x.tag.case for x in morph_ru.parses(s.tokens[q].low) if x.tag.POS == "NOUN"}
    return not own & nouns  # the case only: "4 припаркованных автомобиля" (plural, singular)


def _participle_or_its_noun(s: _Sentence, p: int) -> _Noun:
    """What a number counts whose participle governs a complement: a noun after the
    complement in the participle's case (after ``2``–``4`` the noun is singular), a lexicon
    noun counted (``12 отравившихся грибами жителей``: civilians), another one unknown
    (``4 сопровождавших груз охранника``), past a preposition's noun (``6 стоявших во дворе
    автомобилей``); else the participle stands for a noun (``Трое отравившихся грибами``)."""
    cases = {x.tag.case for x in morph_ru.parses(s.tokens[p].low) if x.tag.POS == "PRTF"}
    start = p + 2
    if _pos(s.tokens[p + 1]) == "PREP":  # past the preposition's noun: "стоявших во дворе"
        start = next(
            (q + 1 for q in range(p + 2, min(s.b, p + 5)) if _pos(s.tokens[q]) == "NOUN"), s.b
        )
    for q in range(start, min(s.b, start + 3)):
        t = s.tokens[q]
        if t.kind != "word" or _pos(t) in _VERBAL:
            break
        hit = _noun_at(s, q)
        nouns = {x.tag.case for x in morph_ru.parses(t.low) if x.tag.POS == "NOUN"}
        if hit is None and not nouns:
            continue
        if not cases & nouns:
            continue  # a second word of the complement: "отравившихся угарным газом"
        if hit is None:
            return _Noun("unknown", q, q + 1, lemma=t.low)
        end, (cls, group), lemma = hit
        return _Noun("counted", q, end, cls, group, lemma)
    return _Noun("unknown", p, p + 1, lemma=s.tokens[p].low)


def _attribute_of_next_noun(s: _Sentence, p: int, end: int) -> bool:
    """Whether a one-word lexicon noun that may be an adjective or participle stands before
    another lexicon noun as its attribute, agreeing with it in number and case: ``5 погибших
    военнослужащих`` counts soldiers, ``трое раненых полицейских`` police; ``пятеро рабочих
    цеха`` counts workers (``цеха`` is singular)."""
    if end != p + 1 or end >= s.b or s.tokens[end].kind != "word":
        return False
    adjs = [q.tag for q in morph_ru.parses(s.tokens[p].low) if q.tag.POS in _ADJECTIVAL]
    nouns = [q.tag for q in morph_ru.parses(s.tokens[end].low) if q.tag.POS == "NOUN"]
    if not any(_agree(a, n) for a in adjs for n in nouns):
        return False
    return _noun_at(s, end) is not None


def _attribute_of_thing(s: _Sentence, p: int, end: int) -> bool:
    """Whether a one-word lexicon noun that may be an adjective or participle is the
    attribute of an inanimate noun outside the lexicon after it, agreeing with it: ``на
    помощь 120 пострадавшим семьям`` counts families, no people; ``5 пострадавших районов``
    counts districts."""
    if end != p + 1 or end >= s.b or s.tokens[end].kind != "word":
        return False
    adjs = [q.tag for q in morph_ru.parses(s.tokens[p].low) if q.tag.POS in _ADJECTIVAL]
    nouns = [q.tag for q in morph_ru.parses(s.tokens[end].low)[:1] if q.tag.POS == "NOUN"]
    if not any(n.animacy == "inan" and _agree(a, n) for a in adjs for n in nouns):
        return False
    return _noun_at(s, end) is None


def _agree(a, n) -> bool:
    """Whether an adjective's tag agrees with a noun's: number, case, and animacy where the
    adjective's form marks it (the plural accusative)."""
    if a.number != n.number or a.case != n.case:
        return False
    return not (a.animacy and n.animacy and a.animacy != n.animacy)


def _adjective_of_next_noun(s: _Sentence, p: int) -> bool:
    """Whether a word read first as a noun may be an adjective of the lexicon noun after it
    (``19 пьяных водителей``: ``пьяных`` is also "drunk people")."""
    if p + 1 >= s.b or not any(q.tag.POS in _ADJECTIVAL for q in morph_ru.parses(s.tokens[p].low)):
        return False
    return _noun_at(s, p + 1) is not None


def _origin(s: _Sentence, k: int, lemma: str) -> int:
    """1 when a noun of origin (``origin_nouns``) ending before token ``k`` is followed by
    its preposition (``выходцев из``), else 0: the country's name comes after it."""
    return int(lemma in s.lex.origin_nouns and s.low(k) in s.lex.origin_prepositions)


def _of_a_country(s: _Sentence, k: int, lemma: str) -> int:
    """How many tokens after a noun of nationality (``national_nouns``, or of origin with
    its preposition: ``выходцев из Узбекистана``) name a country in the genitive (pymorphy3's
    ``Geox``), 0 if none: ``12 граждан Узбекистана`` are nationals named as such, foreigners
    where the event happened. A name of capitalised adjectives and a noun counts too, whether
    or not pymorphy3 knows it as a place (``трое граждан Объединённых Арабских Эмиратов``,
    ``граждан Южной Кореи``); its last word is the one counted here."""
    origin = _origin(s, k, lemma)
    if lemma not in s.lex.national_nouns and not origin:
        return 0
    k += origin
    j = k
    while j < s.b and _capitalised_in(s.tokens[j], "gent", _ADJECTIVAL):
        j += 1
    if j >= s.b or s.tokens[j].kind != "word":
        return 0
    if any({"Geox", "gent"} <= p.tag.grammemes for p in morph_ru.parses(s.tokens[j].low)):
        return 1 + origin
    return 1 + origin if j > k and _capitalised_in(s.tokens[j], "gent", _NOUN) else 0


def _capitalised_in(t: Token, case: str, pos: frozenset[str]) -> bool:
    """Whether a capitalised word may be of a part of speech in ``pos`` in ``case``."""
    if t.kind != "word" or not t.text[:1].isupper():
        return False
    return any(p.tag.POS in pos and case in p.tag.grammemes for p in morph_ru.parses(t.low))


def _nationals_group(s: _Sentence, k: int, lemma: str, group: str) -> str:
    """The group of a counted noun ending before token ``k`` that names nationals
    (``nationals_at_home``): nationals of a country are civilians where the sentence places
    the event in their country and foreigners where it places it only elsewhere
    (``countries``): ``На кыргызско-таджикской границе погибли 12 граждан Кыргызстана``
    (civilians), ``В Турции погибли 3 казахстанца`` (foreigners). With no country named,
    ``граждан Узбекистана`` are foreigners and ``казахстанцев`` keep their group."""
    if _of_a_country(s, k, lemma):
        k += _origin(s, k, lemma)
        theirs = _countries_of(s, k, "gent")[0] or morph_ru.lemmas(s.tokens[k].low)
        return "civilians" if theirs & _places_of_clause(s, k) else "foreigners"
    if _home_country(s, k, lemma):  # "МИД Казахстана: в Турции погибли 8 граждан республики"
        return "foreigners"
    country = s.lex.country_people.get(lemma)
    if country is None:
        return group
    places = _places_of_clause(s, k)
    return "foreigners" if places and country not in places else group


def _home_country(s: _Sentence, k: int, lemma: str) -> frozenset[str]:
    """The country of nationals named by a word for "the country" (``home_country_nouns``)
    after a national noun ending before token ``k``, where the sentence places the event
    elsewhere: the one other country it names in the genitive, who speaks for them (``МИД
    Казахстана: при землетрясении в Турции погибли 8 граждан республики``: Kazakhstan, so
    foreigners); none with no place of the event, or no such country, or more than one."""
    if lemma not in s.lex.national_nouns or k >= s.b or s.tokens[k].kind != "word":
        return frozenset()
    if not morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.home_country_nouns:
        return frozenset()
    places = _places_of_clause(s, k)
    if not places:
        return frozenset()
    named = _named_countries(s, skip=k)
    if not named:  # "МИД Кыргызстана сообщил о пожаре в Москве. Погибли трое граждан страны"
        named = speakers_of_sentence_before(s)
    named -= places
    return frozenset(named) if len(named) == 1 else frozenset()


def _named_countries(s: _Sentence, skip: int = -1) -> frozenset[str]:
    """The countries a sentence names in the genitive by a capitalised word (token ``skip``
    aside): who speaks or whose nationals are meant (``МИД Кыргызстана``)."""
    named: set[str] = set()
    for n in range(s.a, s.b):
        if n != skip and s.tokens[n].kind == "word" and s.tokens[n].text[:1].isupper():
            named |= _countries_of(s, n, "gent")[0]
    return frozenset(named)


def speakers_of_sentence_before(s: _Sentence) -> frozenset[str]:
    """The countries the last earlier sentence of the entry that named one in the genitive
    named, for a sentence that names none: the lead says who speaks, the next sentence counts
    "граждан страны" (``Посольство Казахстана сообщило о пожаре в Стамбуле. Среди погибших
    двое граждан страны``: Kazakhstan, so foreigners)."""
    return s.speakers_before


def _places_of_clause(s: _Sentence, k: int) -> frozenset[str]:
    """The countries the clause of token ``k`` places the event in, else its sentence's
    (``Трое погибли в Казахстане, ещё 5 казахстанцев ранены в Кыргызстане``)."""
    lo, hi = _clause(s, k, k)
    return (
        _event_countries(s, lo, hi) or _event_countries(s, s.a, s.b) or places_of_sentence_before(s)
    )


def places_of_sentence_before(s: _Sentence) -> frozenset[str]:
    """The countries an earlier sentence of the segment placed the event in, for a sentence
    that names none: a lead names the place, the next sentence the toll (``В Турции
    перевернулся автобус с паломниками. Погибли шесть казахстанцев``: foreigners; ``В
    Оше задержали группу. Среди них 6 граждан Кыргызстана``: civilians)."""
    return s.places_before


def _countries_of(s: _Sentence, k: int, case: str) -> tuple[frozenset[str], int]:
    """The countries the word at ``k`` names in a case it may have (``countries``:
    ``Казахстане``, ``казахстанском``, each part of a compound ``кыргызско-таджикской``,
    written as one token or three), and the token after it; none for another word."""
    parts, j = [s.tokens[k].low], k + 1
    while j + 1 < s.b and s.tokens[j].text == "-" and s.tokens[j + 1].kind == "word":
        parts.append(s.tokens[j + 1].low)
        j += 2
    whole = "-".join(parts)  # "джалал-абаде": a place named by a compound
    parts = [q for w in parts for q in w.split("-")]
    if s.tokens[k].kind != "word" or not any(
        case in q.tag.grammemes for q in morph_ru.parses(parts[-1])
    ):
        return frozenset(), k + 1
    out = set()
    for part in (*parts, whole):
        for w in (part, *morph_ru.lemmas(part)):
            w = " - ".join(w.split("-"))  # a lexicon phrase's hyphen is a token of its own
            if w in s.lex.country_names:
                out.add(s.lex.country_names[w])
    return frozenset(out), j


def _event_countries(s: _Sentence, lo: int, hi: int) -> frozenset[str]:
    """The countries tokens ``[lo, hi)`` place the event in: a name or adjective of a country
    (``countries``) in the locative after a place preposition, adjectives between (``в
    Казахстане``, ``на кыргызско-таджикской границе``, ``в южном Казахстане``), or in the
    genitive after a noun of a part of it (``country_parts``: ``на территории
    Кыргызстана``); a place pymorphy3 reads as ``Geox`` in the locative counts by its lemma
    (first parse, any parse of a capitalised word: ``в Саудовской Аравии``)."""
    out: set[str] = set()
    for k in range(lo, hi - 1):
        if s.tokens[k].low not in s.lex.place_prepositions:
            continue
        p = k + 1
        while p < s.b and s.tokens[p].kind == "word":
            t = s.tokens[p]
            found, _ = _countries_of(s, p, "loct")
            if found:
                out |= found
                break
            # a capitalised name may be read as Geox in the locative by a later parse
            # ("в Саудовской Аравии": genitive first)
            parses = morph_ru.parses(t.low)[: None if t.text[:1].isupper() else 1]
            if any({"Geox", "loct"} <= q.tag.grammemes for q in parses):
                out |= morph_ru.lemmas(t.low)
                break
            if morph_ru.lemmas(t.low) & s.lex.country_parts and p + 1 < s.b:
                out |= _countries_of(s, p + 1, "gent")[0]
                break
            if _pos(t) not in _ADJECTIVAL:
                break
            p += 1
    return frozenset(out)


def _possessive(t: Token) -> bool:
    """Whether a word may be a possessive pronoun (pymorphy3's ``Apro`` adjective): ``двое
    его сообщников``, ``трое их детей`` count the noun after it."""
    return t.kind == "word" and any(
        {"ADJF", "Apro"} <= p.tag.grammemes for p in morph_ru.parses(t.low)
    )


@lru_cache(maxsize=1 << 16)
def _phrases_from(word: str) -> tuple[tuple[tuple[str, ...], frozenset[str], bool], ...]:
    """Predicate and state phrases that may start at a word (by any of its lemmas)."""
    lex = load_lexicon()
    out = []
    for table, strong in ((lex.predicates, True), (lex.states, False)):
        for lemma in _verbal_lemmas(word) | {word}:
            out += [(words, classes, strong) for words, classes in table.get(lemma, ())]
    return tuple(out)


def _find_predicates(s: _Sentence) -> list[_Pred]:
    """Every predicate and state of the sentence: at each position the phrase with the most
    words, then the fewest words between them."""
    out: list[_Pred] = []
    present = s.words
    k = s.a
    while k < s.b:
        t = s.tokens[k]
        best, best_key = None, (0, 0)
        if t.kind == "word":
            phrases = _phrases_from(t.low)
            if t.low in s.lex.relative_places:  # "куда доставили": "в больницу доставили"
                phrases += tuple(
                    x for w in sorted(s.lex.place_prepositions) for x in _phrases_from(w)
                )
            for words, classes, strong in phrases:
                if present.issuperset(words):
                    end = _match_seq(s, k, words, gap=3, nominal=False)
                    # a place named right after the preposition first, then more words of
                    # the phrase, then fewer words between them: "находятся в реанимации
                    # областной больницы", "в реанимации ожогового центра" are intensive care
                    key = (not _other_place(s, k, end, words), len(words), k - end)
                    if end < 0 or (best is not None and key <= best_key):
                        continue
                    if strong and not _has_verb(s, k, end, words):
                        continue
                    if strong and _infinitive(s, end):
                        continue  # "собирались сбежать": the infinitive says what
                    v = _verb_of_phrase(s, k, end, words) if strong else k
                    if strong and _after_modal(s, v):
                        continue  # "могли пострадать": no report of what happened
                    if not strong and not _located(s, k + 1):
                        continue  # "по дороге в больницу": a way, not a place
                    # a "не" of the phrase itself ("спасти не удалось") negates nothing
                    negated = _negated(s, k) or ("не" not in words and _negated(s, v))
                    negated = negated or _harmless_cause(s, k, end, classes)
                    best, best_key = _Pred(k, end, classes, strong, negated), key
        if best is not None:
            out.append(best)
            k = best.j
        else:
            k += 1
    return out


def _other_place(s: _Sentence, k: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether a noun other than the phrase's stands right after the phrase's preposition in
    the text: the place is that noun's (``находятся в реанимации ожогового центра`` is no
    ``находиться в ожоговый центр``)."""
    preps = [n for n, w in enumerate(words[:-1]) if w in ("в", "на", "по")]
    if not preps:
        return False
    prep, nxt = words[preps[0]], words[preps[0] + 1]
    p = next((q for q in range(k, end) if s.tokens[q].low == prep), None)
    if p is None or p + 1 >= end:
        return False
    t = s.tokens[p + 1]
    if t.kind != "word" or nxt in morph_ru.nominal_lemmas(t.low) or t.low == nxt:
        return False
    return _pos(t) == "NOUN"


_HARM = frozenset({"killed", "injured", "casualties"})


def _harmless_cause(s: _Sentence, i: int, j: int, classes: frozenset[str]) -> bool:
    """Whether a predicate of harm to people has, in its clause, a cause that harms no body
    (``harmless_causes``): ``Жертвами телефонных мошенников стали 340 человек``, ``От
    действий мошенников пострадали 45 человек`` report losses, not victims of the
    vocabulary. Read as a negated predicate: no figure. The noun of a count is no cause
    (``Погибли 2 вора``)."""
    if not classes & _HARM:
        return False
    lo, hi = _clause(s, i, j)
    return any(
        s.tokens[k].kind == "word"
        and morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.harmless_causes
        and not _counted_noun(s, k)
        for k in range(lo, hi)
    )


def _located(s: _Sentence, k: int) -> bool:
    """Whether the word after a state's preposition may be in the locative: ``в больнице``,
    ``на улицах`` say where people are, ``в больницу`` only where they go (``двое — по
    дороге в больницу``)."""
    if k >= s.b or s.tokens[k].kind != "word":
        return False
    return any(p.tag.case in ("loct", "loc2") for p in morph_ru.parses(s.tokens[k].low))


def _has_verb(s: _Sentence, i: int, j: int, words: tuple[str, ...]) -> bool:
    """Whether a phrase has a verb form (a full participle only describes a noun, unless it
    opens a participial clause with an object: :func:`_participle_with_object`)."""
    lemmas = set(words)
    for k in range(i, j):
        t = s.tokens[k]
        if t.kind != "word":
            continue
        for p in morph_ru.parses(t.low):
            if p.normal_form.replace("ё", "е") not in lemmas:
                continue
            if p.tag.POS in _VERBAL or (k == i and _participle_with_object(s, k, p)):
                return True
    return False


def _participle_with_object(s: _Sentence, k: int, parse) -> bool:
    """An active transitive participle after a comma opens a clause of its own, and what it
    did is said of its object: ``Школьник, ранивший трёх одноклассников, задержан``. Before its
    noun (``получившие травмы 5 человек доставлены``) or intransitive (``женщины,
    пострадавшие при пожаре``) it only describes."""
    return (
        parse.tag.POS == "PRTF"
        and {"actv", "tran"} <= parse.tag.grammemes
        and k - 1 >= s.a
        and s.tokens[k - 1].text == ","
    )


def _verb_of_phrase(s: _Sentence, i: int, j: int, words: tuple[str, ...]) -> int:
    """The verb form of a predicate phrase ``[i, j)`` (a word of the phrase, not one between
    its words), where a modal or ``не`` before it is looked for: ``Участие в акции могли
    принять``, ``Ранения не получили``; the phrase's first word when it has none."""
    for k in range(i, j):
        t = s.tokens[k]
        if t.kind == "word" and _pos(t) in _VERBAL and morph_ru.lemmas(t.low) & set(words):
            return k
    return i


def _infinitive(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is an infinitive (a verb before it only says "going to")."""
    return k < s.b and s.tokens[k].kind == "word" and _pos(s.tokens[k]) == "INFN"


def _after_modal(s: _Sentence, k: int) -> bool:
    """Whether an infinitive at ``k`` follows a modal verb (``могли пострадать``)."""
    if _pos(s.tokens[k]) != "INFN":
        return False
    p = k - 1
    while p >= s.a and s.tokens[p].kind == "word" and _pos(s.tokens[p]) == "ADVB":
        p -= 1
    return p >= s.a and bool(morph_ru.lemmas(s.tokens[p].low) & s.lex.modals)


def _negated(s: _Sentence, k: int) -> bool:
    """Whether the predicate at ``k`` is negated (``не пострадали``)."""
    return k - 1 >= s.a and s.tokens[k - 1].low == "не"


def _left_limit(s: _Sentence, c: _Cand, start: int | None = None) -> int:
    """First token of the clause before the number (or before ``start``): after a boundary
    or another count."""
    k = c.q_i if start is None else start
    ends = {x.m.j for x in s.counts() if x is not c and x.m.j <= c.q_i}
    while k > s.a:
        if _boundary(s, k - 1) or k in ends:
            break
        k -= 1
    return k


def _clause(s: _Sentence, i: int, j: int) -> tuple[int, int]:
    """Tokens ``[lo, hi)`` of the clause around tokens ``[i, j)``: from boundary to
    boundary (a comma, a dash, a colon...), counts and all."""
    lo, hi = i, j
    while lo > s.a and not _boundary(s, lo - 1):
        lo -= 1
    while hi < s.b and not _boundary(s, hi):
        hi += 1
    return lo, hi


def _right_limit(s: _Sentence, c: _Cand) -> int:
    """Token after the clause that follows the number: a boundary or another count; a part
    before «из» and its whole reaches past the whole (``Трое из 12 пострадавших находятся в
    реанимации``)."""
    starts = {x.q_i for x in s.counts() if x is not c and x.q_i >= c.q_end}
    k = _noun_end(c)
    whole = _whole_after_pick(s, c)
    if whole is not None:
        starts.discard(whole.q_i)
        k = _noun_end(whole)
    first = _past_subset_marker(s, k)
    while k < s.b:
        if k in starts:
            break
        # "четверо - госпитализированы", "двое из них — в реанимации": a dash right after
        # the count (and its subset marker) is a copula
        copula = k == first and s.tokens[k].text in _DASHES and k + 1 not in starts
        if _boundary(s, k) and not copula:
            break
        k += 1
    return k


def _whole_after_pick(s: _Sentence, c: _Cand) -> _Cand | None:
    """The whole of a part with no noun of its own right before «из» (``Трое из 12
    пострадавших``), else None."""
    if c.after is not None and c.after.kind == "counted":
        return None
    if s.low(c.q_end) not in s.lex.picks:
        return None
    return next((x for x in s.counts() if x.q_i == c.q_end + 1), None)


def _past_subset_marker(s: _Sentence, k: int) -> int:
    """The token after a subset marker at ``k`` (``из них``), else ``k``."""
    for words in s.lex.subset_after.get(s.low(k), ()):
        end = _words_at(s, k, words)
        if end > 0:
            return end
    return k


def _noun_end(c: _Cand) -> int:
    if c.after is not None and c.after.kind == "counted":
        return c.after.j
    return c.q_end


def _measure_of(s: _Sentence, cls: str, pred_cls: frozenset[str] | str) -> str:
    """The measure a noun class and a predicate class make, or ""."""
    table = s.lex.measures.get(cls, {})
    classes = [pred_cls] if isinstance(pred_cls, str) else sorted(pred_cls)
    for p in classes:
        if p in table:
            return table[p]
    return ""


def _suits(s: _Sentence, c: _Cand, p: _Pred) -> bool:
    """Whether a predicate can say what happened to the candidate's noun class."""
    if p.negated:
        return True  # a negated predicate ends the search: "не пострадали"
    cls = c.cls or "people"
    if _on_duty(s, c) and ("crowd" in p.classes or not p.strong):
        return False
    if "crowd" in p.classes and _at_work(s, c, p):
        return False
    if "crowd" not in p.classes and _agent_of(s, c, p):
        return False
    return bool(_measure_of(s, cls, p.classes))


def _agent_of(s: _Sentence, c: _Cand, p: _Pred) -> bool:
    """Whether the count is the doer of an active transitive predicate after it that has an
    object of its own: what the verb says happened to the object, not to the count
    (``Трое парней избили таксиста``, ``двое подростков, ранившие прохожего, скрылись``:
    nothing); an object is a person or a number, not a place (``Пятерых доставили в
    больницу Актобе``) nor the phrase's own (``Пятеро рабочих получили травмы``)."""
    if p.i < _noun_end(c) or p.j >= s.b:
        return False
    head = morph_ru.parses(s.tokens[p.i].low)[:1] if s.tokens[p.i].kind == "word" else ()
    if not any(
        "tran" in g and ("VERB" in g or {"PRTF", "actv"} <= g)
        for g in (x.tag.grammemes for x in head)
    ):
        return False
    obj = s.tokens[p.j]
    if obj.kind == "num":
        return True
    if obj.kind != "word" or _pos(obj) not in ("NOUN", "NPRO", "NUMR", "ADJF", "PRTF"):
        return False  # a person in the accusative, also an adjective as noun ("прохожего")
    return any(
        "accs" in g and ("NPRO" in g or "NUMR" in g or "anim" in g) and "Abbr" not in g
        for g in (x.tag.grammemes for x in morph_ru.parses(obj.low))
    )


def _at_work(s: _Sentence, c: _Cand, p: _Pred) -> bool:
    """Whether the clause of a count and its crowd predicate names work, not a gathering
    (``not_gatherings``: ``В поисках участвуют 120 человек``, ``к тушению привлечены``):
    taking part in a search or a rescue makes no crowd; a gathering named first makes one
    (``На митинге против итогов выборов собрались 3 тысячи человек``)."""
    lo = min(p.i, _left_limit(s, c))
    hi = max(p.j, _right_limit(s, c))
    for k in range(lo, hi):
        lemmas = morph_ru.nominal_lemmas(s.tokens[k].low) if s.tokens[k].kind == "word" else set()
        if lemmas & s.lex.gatherings:
            return False
        if lemmas & s.lex.not_gatherings or (lemmas & s.lex.contests and _taken_part_in(s, k)):
            return True
    return False


def _taken_part_in(s: _Sentence, k: int) -> bool:
    """Whether the noun at ``k`` is where people take part: in the locative after a place
    preposition, adjectives between (``в голосовании``, ``в парламентских выборах``), not
    ``после выборов``."""
    j = k - 1
    while j > s.a and s.tokens[j].kind == "word" and _pos(s.tokens[j]) in _ADJECTIVAL:
        j -= 1
    return s.low(j) in s.lex.place_prepositions and "loct" in _grammemes(s.tokens[k])


def _on_duty(s: _Sentence, c: _Cand) -> bool:
    """Whether the count names people at work where it happens (``on_duty``: rescuers,
    medics, police, soldiers): they are no crowd and a place says nothing of them (``В
    поисках приняли участие 60 спасателей``, ``На площади дежурили 300 полицейских``, ``в
    больнице 5 врачей``), while ``ранены 3 спасателя`` counts."""
    if c.after is None or c.after.kind != "counted" or c.after.cls != "people":
        return False
    return c.after.group in s.lex.on_duty_groups or c.after.lemma in s.lex.on_duty_nouns


def _pick(s: _Sentence, c: _Cand, preds: list[_Pred], rule: str):
    """The first strong predicate that suits the noun, else the first state when the clause
    has no verb of its own (``в больницах работают 3 тысячи врачей`` is no hospital count)."""
    for strong in (True, False):
        if not strong and not _verbless(s, c):
            break
        for p in preds:
            if p.strong == strong and _suits(s, c, p):
                cls = "negated" if p.negated else _class_for(s, c, p.classes)
                return cls, rule, (p.i, p.j)
    return None


def _verbless(s: _Sentence, c: _Cand) -> bool:
    """Whether the number's clause has no finite verb outside the states found in it; a
    copula is none (``На площади было несколько сотен человек``)."""
    lo, hi = _left_limit(s, c), _right_limit(s, c)
    inside = {k for p in s.preds if not p.strong for k in range(p.i, p.j)}
    return not any(
        k not in inside
        and s.tokens[k].kind == "word"
        and _pos(s.tokens[k]) == "VERB"
        and not _copula(s, s.tokens[k])
        for k in range(lo, hi)
    )


def _class_for(s: _Sentence, c: _Cand, classes: frozenset[str]) -> str:
    cls = c.cls or "people"
    table = s.lex.measures.get(cls, {})
    return next((p for p in sorted(classes) if p in table), sorted(classes)[0])


def _whole(s: _Sentence, c: _Cand, cls: str = "", measure: str = "") -> Figure | None:
    """The figure a subset belongs to: the last one of the same class (and measure, when the
    marker names one: ``среди погибших``) before it; a parent is never a subset."""
    before = [x.figure for x in s.cands if x.figure is not None and x.m.start < c.m.start]
    if not measure and _unread_whole(s, c, cls):
        return None
    for f in [*reversed(before), *s.earlier]:
        f = f.parent if f.parent is not None else f
        if (cls and f.ncls != cls) or (measure and f.measure != measure):
            continue
        return f
    return None


def _unread_whole(s: _Sentence, c: _Cand, cls: str) -> bool:
    """Whether the count right before ``c`` in its sentence, of its class, is no figure (its
    verb is none we measure): it is the whole a part points to, not an earlier figure
    (``задержаны 34 болельщика, семь человек обратились за помощью, двое из них
    госпитализированы``: no part of the detained)."""
    prev = _prev_count(s, c)
    return (
        prev is not None
        and prev.figure is None
        and not prev.reason
        and bool(prev.cls)
        and prev.cls == (cls or prev.cls)
    )


def _marker_measure(s: _Sentence, span: tuple[int, int], cls: str) -> str:
    """The measure a subset marker names (``среди погибших``: killed), or ""."""
    for k in range(*span):
        for lemma in morph_ru.nominal_lemmas(s.tokens[k].low):
            pred = s.lex.noun_measures.get(lemma)
            if pred:
                return _measure_of(s, cls or "people", pred)
    return ""


def _prev_count(s: _Sentence, c: _Cand) -> _Cand | None:
    counts = s.counts()
    k = counts.index(c)
    return counts[k - 1] if k > 0 else None


def _next_count(s: _Sentence, c: _Cand) -> _Cand | None:
    counts = s.counts()
    k = counts.index(c)
    return counts[k + 1] if k + 1 < len(counts) else None


def _only_joiners(s: _Sentence, i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` only join two counts (``и``, a comma, ``а также``)."""
    words = [s.tokens[k].low for k in range(i, j)]
    return bool(words) and all(w in _COORDINATION for w in words)


# --- rules: not a count --------------------------------------------------------------------
# Each takes the sentence and a candidate and returns a reason of
# analysis.reading.NOT_A_COUNT_REASONS, or None.


def shape(s: _Sentence, c: _Cand) -> str | None:
    """Clock times, dotted dates, decimals, codes and huge numbers by their digits alone.

    ``в 11:30`` (clock_time), ``18.04.2020`` (date), ``3,5 балла`` (unit),
    ``99999999999999999999`` (too_large).
    """
    return {
        "clock": "clock_time",
        "date": "date",
        "code": "identifier",
        "decimal": "unit",
        "too_large": "too_large",
    }.get(c.m.kind)


def glued_identifier(s: _Sentence, c: _Cand) -> str | None:
    """Digits glued to letters or after a number sign name something: ``Ан-72``, ``ИК №2``;
    so do digits of a web address (``24.kg``, ``112.ua``: a stop and Latin letters glued)."""
    t = s.tokens[c.m.i]
    if t.kind != "num":
        return None
    k = c.m.i - 1
    if k >= 0:
        prev = s.tokens[k]
        if prev.text in s.lex.identifier_marks:
            return "identifier"
        if prev.end == t.start and prev.kind == "word":
            return "identifier"
        if prev.end == t.start and prev.text in _DASHES and k > 0:
            before = s.tokens[k - 1]
            if before.end == prev.start and before.kind in ("word", "num"):
                return "identifier"
    last = s.tokens[c.m.j - 1]
    if c.m.j < len(s.tokens):
        nxt = s.tokens[c.m.j]
        if nxt.start == last.end and (nxt.text in "/@" or nxt.kind == "num"):
            return "identifier"
    if WEB_ADDRESS.match(s.text, last.end):
        return "identifier"  # "24.kg": a web address
    return None


def compound(s: _Sentence, c: _Cand) -> str | None:
    """A number glued by a hyphen to a word: ``5-й`` (ordinal), ``27-летний`` (age),
    ``9-этажный`` (unit). pymorphy3 tells an ordinal from its tag."""
    j = c.m.j
    if j + 1 >= len(s.tokens):
        return None
    dash, word = s.tokens[j], s.tokens[j + 1]
    if dash.text not in _DASHES or dash.start != s.tokens[j - 1].end or word.start != dash.end:
        return None
    if word.kind != "word":
        return None
    whole = f"{s.tokens[j - 1].text}-{word.low}"
    if any("Anum" in p.tag for p in morph_ru.parses(whole)[:1]):
        return "ordinal"
    stems = morph_ru.nominal_lemmas(word.low) | {word.low}
    if any(any(stem.endswith(a) for a in s.lex.age_compounds) for stem in stems):
        return "age"
    if number_word(word.low) is not None:
        return None  # a range: "трёх-пяти"
    if _pos(word) in _ADJECTIVAL or len(word.low) <= 3:
        return "ordinal" if len(word.low) <= 3 else "unit"
    return None


def percentage_or_money(s: _Sentence, c: _Cand) -> str | None:
    """``15%``, ``20 процентов`` (percentage); ``$5``, ``300 рублей``, ``2 млн тенге`` (money)."""
    k = c.m.i - 1
    if k >= 0 and s.tokens[k].text in "$€₽£¥₸":
        return "money"
    if c.after is not None and c.after.kind == "unit" and c.after.reason in ("percentage", "money"):
        return c.after.reason
    return None


def date(s: _Sentence, c: _Cand) -> str | None:
    """A day of a month: ``5 января``, ``1 декабря 2019 года``."""
    if c.after is not None and c.after.reason == "date":
        return "date"
    return None


def year(s: _Sentence, c: _Cand) -> str | None:
    """A year: ``2008 года рождения``, ``в 2022 году``, ``2019 г.``, ``(1915 ?)``."""
    t = s.tokens[c.m.i]
    if t.kind != "num" or c.m.j - c.m.i != 1 or len(t.text) != 4 or c.m.value is None:
        return None
    if c.after is not None and c.after.kind == "unit":
        lemmas = morph_ru.lemmas(s.tokens[c.after.i].low) | {s.tokens[c.after.i].low}
        if lemmas & s.lex.year_words:
            return "year"
    if 1800 <= c.m.value <= 2100 and (c.after is None or c.after.kind != "counted"):
        return "year"
    return None


def age(s: _Sentence, c: _Cand) -> str | None:
    """An age: ``в возрасте 40 лет``, ``девочка 8 лет``, ``детьми примерно трёх-пяти лет``,
    and an age adjective written apart from its number (``10-ти летний``, ``5 летняя``)."""
    nxt = s.tokens[c.m.j] if c.m.j < s.b else None
    if nxt is not None and nxt.kind == "word" and _is_age_word(s, nxt):
        return "age"
    if c.after is None or c.after.kind != "unit":
        return None
    unit = morph_ru.lemmas(s.tokens[c.after.i].low)
    if not unit & s.lex.age_units:
        return None
    k = c.q_i - 1
    while k >= s.a and (
        s.tokens[k].kind == "num"
        or s.tokens[k].text in _DASHES
        or number_word(s.tokens[k].low) is not None
        or any(s.tokens[k].low in q for q, _ in s.lex.q_before)
    ):
        k -= 1  # the first number of a range, a qualifier
    for p in range(k, max(s.a - 1, k - 3), -1):
        t = s.tokens[p]
        if t.kind != "word":
            break
        if morph_ru.lemmas(t.low) & s.lex.age_words:
            return "age"
        hit = _noun_at(s, p)
        if p == k and hit is not None and hit[1][0] == "people":
            return "age"
    return None


def _is_age_word(s: _Sentence, t: Token) -> bool:
    return bool((morph_ru.nominal_lemmas(t.low) | {t.low}) & s.lex.age_compounds)


def unit(s: _Sentence, c: _Cand) -> str | None:
    """A duration, a measure or a date word after the number: ``10 суток ареста``,
    ``более 20 лет стажа``, ``2 тыс. кв. м``, ``в 2 раза``."""
    if c.after is not None and c.after.kind == "unit":
        return c.after.reason
    return None


def one_of(s: _Sentence, c: _Cand) -> str | None:
    """``одному из пострадавших``, ``в одной из школ``: one picked from a group, no count;
    the subject of a clause in the nominative is one of its whole that it happened to
    (``один из них скончался в больнице``: one killed)."""
    if c.m.value == 1 and s.low(c.m.j) in s.lex.picks and not _subject_of_clause(s, c):
        return "identifier"
    return None


def _subject_of_clause(s: _Sentence, c: _Cand) -> bool:
    """Whether a number word may only be a nominative here: it opens its clause (no
    preposition before it) and pymorphy3 reads it as nominative (``один``, ``одна``)."""
    t = s.tokens[c.m.i]
    if c.m.j - c.m.i != 1 or t.kind != "word":
        return False
    k = c.q_i - 1
    while k >= s.a and s.low(k) in s.lex.skip_words:  # "ещё один из них"
        k -= 1
    if (
        k >= s.a
        and not _boundary(s, k)
        and not _singular_predicate(s, k)
        and not _opening_adverbial(s, k)  # "при задержании один из них"
    ):
        return False
    return any("nomn" in p.tag.grammemes for p in morph_ru.parses(t.low))


def _opening_adverbial(s: _Sentence, k: int) -> bool:
    """Whether tokens up to ``k`` from the start of their clause are one prepositional phrase
    (a preposition, then nouns and adjectives): ``при задержании один из них получил
    ранение`` (the number still opens its clause's subject)."""
    words = []
    while k >= s.a and not _boundary(s, k):
        words.append(s.tokens[k])
        k -= 1
    words.reverse()
    if not words or words[0].kind != "word" or _pos(words[0]) != "PREP":
        return False
    return 1 < len(words) <= 4 and all(
        w.kind == "word" and _pos(w) in _ADJECTIVAL | _NOUN for w in words[1:]
    )


def _singular_predicate(s: _Sentence, k: int) -> bool:
    """A predicate of the lexicon ending in a finite verb or short participle in the
    singular at ``k``: the subject comes after it (``убит один из нападавших``, ``скончалась
    одна из пострадавших``; not ``Показания дал один из задержанных``)."""
    t = s.tokens[k]
    if t.kind != "word" or not any(p.i <= k < p.j for p in s.preds):
        return False
    return any(
        p.tag.POS in ("VERB", "PRTS") and p.tag.number == "sing" for p in morph_ru.parses(t.low)[:1]
    )


def nobody(s: _Sentence, c: _Cand) -> str | None:
    """``ни одного человека``: a count of nobody."""
    if c.q_i - 1 >= s.a and s.low(c.q_i - 1) in s.lex.nobody_marks:
        return "not_counted"
    return None


def named_by_number(s: _Sentence, c: _Cand) -> str | None:
    """A number after a word that it names, with no counted noun: ``статья 228``,
    ``источник 112``, ``школа 5``."""
    if c.after is not None and c.after.kind == "counted":
        return None
    k = c.q_i - 1
    if k < s.a or s.tokens[k].kind != "word" or not _may_be_singular(s.tokens[k]):
        return None  # a plural names nothing: "столкновения двух автобусов трое погибли"
    if (morph_ru.lemmas(s.tokens[k].low) | {s.tokens[k].low}) & s.lex.identifier_before:
        return "identifier"
    return None


def _may_be_singular(t: Token) -> bool:
    """Whether pymorphy3 may read a word as singular or knows no number for it (``ст``)."""
    found = morph_ru.parses(t.low)
    return not found or any("plur" not in p.tag.grammemes for p in found)


def outside_vocabulary(s: _Sentence, c: _Cand) -> str | None:
    """A count of something the vocabulary does not measure: ``27 ДТП``, ``15 выстрелов``;
    an animate noun is left to :func:`animate_noun_after`."""
    if c.after is not None and c.after.kind == "unknown" and not _animate(s, c.after):
        if _owned_harm(s, c):
            return None
        return None if _people_participle(s, c.after) else "not_counted"
    return None


def _owned_harm(s: _Sentence, c: _Cand) -> bool:
    """Whether the noun after a count after ``у`` is a harm its people have, not what it
    counts (``из них у 3 огнестрельные ранения``)."""
    if c.q_i - 1 < s.a or s.low(c.q_i - 1) not in s.lex.owners or c.after is None:
        return False
    return bool(morph_ru.lemmas(s.tokens[c.after.i].low) & s.lex.harms_had.keys())


def _animate(s: _Sentence, noun: _Noun) -> bool:
    """Whether a noun outside the lexicon is animate by pymorphy3's first parse, and no
    animal (``animals`` in the lexicon: ``30 овец``)."""
    found = morph_ru.parses(s.tokens[noun.i].low)
    return (
        bool(found)
        and {"NOUN", "anim"} <= found[0].tag.grammemes
        and morph_ru.lemmas(s.tokens[noun.i].low).isdisjoint(s.lex.animals)
    )


NOT_COUNT_RULES: tuple[Callable, ...] = (
    shape,
    glued_identifier,
    compound,
    percentage_or_money,
    date,
    year,
    age,
    unit,
    one_of,
    nobody,
    named_by_number,
    outside_vocabulary,
)


def range_partner(s: _Sentence, c: _Cand, nxt: _Cand | None) -> str | None:
    """The first number of a range or a date takes the reason of the second:
    ``с 18 на 19 апреля`` (date), ``трёх-пяти лет`` (age), ``от 1 тыс. до 2 тыс. кв. м``."""
    if nxt is None or not nxt.reason or nxt.m.i - c.m.j > 1:
        return None
    joiner = s.tokens[c.m.j].low if nxt.m.i == c.m.j + 1 else ""
    if joiner and joiner not in s.lex.range_joiners and not _listed(s, joiner, nxt):
        return None
    if c.after is not None and c.after.kind == "counted":
        return None
    return nxt.reason


def _listed(s: _Sentence, joiner: str, nxt: _Cand) -> bool:
    """Whether a comma joins a number to a list of numbers that goes on past ``nxt`` (``детей
    5, 8 и 11 лет``: all ages), not to one last number (``задержаны 5, 2 часа спустя``)."""
    if joiner != "," or nxt.m.j + 1 >= s.b:
        return False
    k = nxt.m.j
    return s.tokens[k].low in {",", *s.lex.range_joiners} and any(x.m.i == k + 1 for x in s.cands)


# --- rules: counted noun -------------------------------------------------------------------
# Each returns (class, group, referent figure or None) or None.


def noun_after(s: _Sentence, c: _Cand):
    """The lexicon noun after the number: ``12 человек``, ``двое израильских полицейских``,
    ``десять мирных жителей``, ``4 припаркованных автомобиля``."""
    if c.after is not None and c.after.kind == "counted":
        return c.after.cls, c.after.group, None
    return None


def noun_before_brackets(s: _Sentence, c: _Cand):
    """A number in brackets, alone or with the generic noun, counts the lexicon noun before
    them, the nearest of up to four words back that agrees in number, past a noun that may
    be another's genitive attribute; a collective counts only people: ``Пострадали рабочие
    цеха (пятеро)``, ``В аварии погибли дети (2)``, ``Задержаны подозреваемые (около 20
    человек)`` (other)."""
    generic = c.after is not None and c.after.kind == "counted" and c.after.group == "total"
    if c.after is not None and not generic:
        return None
    if c.q_i - 1 <= s.a or s.tokens[c.q_i - 1].text != "(":
        return None
    end = c.after.j if generic else c.q_end
    if end >= s.b or s.tokens[end].text != ")":
        return None
    number = "sing" if c.m.value == 1 else "plur"
    for k in range(c.q_i - 2, max(s.a, c.q_i - 6) - 1, -1):
        t = s.tokens[k]
        if t.kind != "word":
            return None
        hit = _noun_at(s, k)
        if hit is None or not any(p.tag.number == number for p in morph_ru.parses(t.low)):
            continue
        if k - 1 >= s.a and _pos(s.tokens[k - 1]) == "NOUN" and "gent" in _grammemes(t):
            continue  # "рабочие цеха": the noun before governs it
        cls, group = hit[1]
        if (generic or c.m.kind == "collective") and cls != "people":
            return None
        c.bracketed = k
        return cls, group, None
    return None


def noun_among(s: _Sentence, c: _Cand):
    """A number without a noun of its own counts the people ``среди`` (``among``) names in its
    clause: ``Среди полицейских пострадали пятеро`` (police), ``Погибших среди военных —
    12`` (military); not a pronoun (``среди них``)."""
    if c.after is not None and c.after.kind == "counted":
        return None
    lo = _left_limit(s, c)
    if lo - 1 > s.a and s.tokens[lo - 1].text in _DASHES:  # the dash stands for the verb
        lo = _left_limit(s, c, lo - 1)
    for k in range(lo, c.q_i - 1):
        if s.low(k) not in s.lex.among:
            continue
        hit = _noun_at(s, k + 1)
        if hit is not None and hit[1][0] == "people" and hit[1][1] != "total":
            return (*hit[1], None)
    return None


def noun_opening_clause(s: _Sentence, c: _Cand):
    """A lexicon noun in the genitive plural opening a verbless clause that the number ends
    counts it: ``Протестующих на площади было не меньше тысячи`` (protesters),
    ``Задержанных оказалось 27``; so does one before an impersonal verb right before the
    number (``Митингующих собралось не менее 500``); a noun outside the vocabulary there
    makes the number no count (``Рейсов задержано 14``)."""
    if c.after is not None and c.after.kind == "counted":
        return None
    k = _clause_opening(s, c)
    if k is None:
        k = _subject_of_impersonal_verb(s, c)
    if k is None or not {"gent", "plur"} <= _grammemes(s.tokens[k]):
        return None
    ante = _antecedent_at(s, k)  # "Протестующие, которых было несколько тысяч"
    k = k if ante is None else ante
    hit = _noun_at(s, k)
    if hit is None:  # "Рейсов задержано 14": a thing outside the vocabulary
        return ("", "", None) if "NOUN" in _grammemes(s.tokens[k]) else None
    return (*hit[1], None)


def noun_of_toll(s: _Sentence, c: _Cand):
    """A number without a noun of its own after a toll noun (``число``, ``количество``) in
    its clause counts the people the toll names, after a noun of what happened if one
    stands between: ``К вечеру число участников шествия превысило 3 тысячи``
    (protesters), ``Число погибших детей выросло до 12`` (children), ``Количество
    госпитализированных с отравлением детей выросло до 43`` (:func:`_people_of_toll`)."""
    return _people_named_by_toll(s, c) if c.after is None else None


def toll_group(s: _Sentence, c: _Cand) -> str:
    """The group of a count of generic people after a toll noun in its clause that names
    people of a group (:func:`noun_of_toll`): ``число погибших мирных жителей превысило 15
    тысяч человек`` (civilians); "" for another count or a toll of everyone (``Число
    пострадавших достигло 27 человек``)."""
    if c.cls != "people" or c.group != "total" or c.after is None or c.after.kind != "counted":
        return ""
    named = _people_named_by_toll(s, c)
    return named[1] if named and named[0] == "people" and named[1] != "total" else ""


def phrase_group(s: _Sentence, c: _Cand) -> str:
    """The group of a count whose noun says what happened (``noun_measures``) and names its
    people after the words of its phrase, as a toll's noun does (:func:`_people_of_toll`):
    ``Из 17 госпитализированных после отравления в столовой детей девять выписаны``
    (children); "" when no such people stand before the next count or the clause's end."""
    if c.cls != "people" or c.group != "total" or c.after is None or c.after.kind != "counted":
        return ""
    if c.after.lemma not in s.lex.noun_measures:
        return ""
    hi = c.after.j
    starts = {x.q_i for x in s.counts() if x is not c}
    while hi < s.b and hi not in starts and not _boundary(s, hi):
        hi += 1
    named = _people_of_toll(s, c.after.j, hi)
    return named[1] if named and named[0] == "people" and named[1] != "total" else ""


def _people_named_by_toll(s: _Sentence, c: _Cand):
    """(class, group, None) of the people a toll noun before the count in its clause names."""
    for k in range(c.q_i - 1, _left_limit(s, c) - 1, -1):
        if not morph_ru.lemmas(s.tokens[k].low) & s.lex.toll_nouns:
            continue
        n = k + 1
        if n >= c.q_i or s.tokens[n].kind != "word":
            return None
        hit = _noun_at(s, n)
        says = morph_ru.nominal_lemmas(s.tokens[n].low) & s.lex.noun_measures.keys()
        if not says:  # "число участников шествия"
            return (*hit[1], None) if hit is not None else None
        # "число погибших детей": the noun of what happened, then the people it names
        people = _people_of_toll(s, n + 1, c.q_i)
        return people or ((*hit[1], None) if hit is not None else None)
    return None


def _people_of_toll(s: _Sentence, lo: int, hi: int):
    """The people a toll's noun of what happened names after it, past the words of its
    phrase (``Количество госпитализированных с отравлением детей выросло до 43``): the first
    lexicon noun of people in the genitive before a verb, right after a word that is no
    noun or after a noun in the instrumental, never after another noun that may govern it
    (``погибших при нападении боевиков``: the attackers are not the dead)."""
    for n in range(lo, min(hi, lo + _TOLL_PHRASE_WORDS)):
        t = s.tokens[n]
        if t.kind != "word" or _pos(t) in _VERBAL:
            return None
        hit = _noun_at(s, n)
        if hit is None or hit[1][0] != "people":
            continue
        if not any("gent" in q.tag.grammemes for q in morph_ru.parses(t.low)):
            continue  # "шахтеров" is read first as accusative: the same form
        before = s.tokens[n - 1]
        if n > lo and _pos(before) == "NOUN" and "ablt" not in _grammemes(before):
            return None  # "при нападении боевиков": governed by the noun before
        return (*hit[1], None)
    return None


_TOLL_PHRASE_WORDS = 5


def _subject_of_impersonal_verb(s: _Sentence, c: _Cand) -> int | None:
    """The word before a verb or short participle in the neuter singular right before the
    number, the genitive of what is counted: ``Митингующих собралось не менее 500``,
    ``Детей госпитализировано 5``."""
    k = c.q_i - 1
    if k - 1 < s.a or s.tokens[k].kind != "word" or s.tokens[k - 1].kind != "word":
        return None
    g = _grammemes(s.tokens[k])
    if not {"neut", "sing"} <= g or not g & {"VERB", "PRTS"}:
        return None
    return k - 1


def noun_of_whole_after(s: _Sentence, c: _Cand):
    """A part before ``из`` and its whole counts the whole's noun: ``Задержаны 2 из 5
    подозреваемых`` (other), ``трое из 12 пострадавших детей``."""
    if c.after is not None or s.low(c.q_end) not in s.lex.picks:
        return None
    x = next((x for x in s.counts() if x.q_i == c.q_end + 1), None)
    if x is None or x.after is None or x.after.kind != "counted":
        return None
    return x.after.cls, x.after.group, None


def noun_of_number_before(s: _Sentence, c: _Cand):
    """A number without a noun counts the noun of the number before it in the sentence:
    ``Три человека погибли, не менее пяти получили ранения``; ``Семь рейсов задержаны ... и
    два на вылет`` counts flights, which the vocabulary does not measure. A count of a
    thing outside the vocabulary lends nothing to a number parallel to a count of people
    after it (``произошло 412 ДТП, в которых погибли 57 и ранены 498 человек``). An animate
    noun outside the lexicon (``animate_noun_after``) lends itself with its limit to
    ``animate_measures``, and only when its own count was read as people: ``задержаны 30
    браконьеров: в Жамбылской области — 12, в Алматинской — 18`` (other), not ``Семь собак
    погибли при пожаре, 2 госпитализированы в ветклинику``."""
    x = _noun_source(s, c)
    if x is None:
        return None
    if not x.cls and noun_of_number_after(s, c):  # a thing before, people parallel after
        return None
    if x.guessed:
        c.guessed, c.lender = True, x
    return (x.cls, x.group, x.figure) if x.cls else ("", "", None)


def collective_of_people(s: _Sentence, c: _Cand):
    """A collective number word without a noun of its own (pymorphy3's ``Coll``: ``двое``,
    ``пятеро``; not ``оба``, which counts things too) counts people, not the thing the
    count before it counts: ``Ураган разрушил 5 домов, пострадали трое``."""
    if c.after is not None or c.m.kind != "collective":
        return None
    t = s.tokens[c.m.i]
    if t.kind == "word" and not any("Coll" in p.tag for p in morph_ru.parses(t.low)):
        return None
    x = _noun_source(s, c)
    if x is None or not x.cls or x.cls == "people":
        return None
    return "people", "total", None


def _noun_source(s: _Sentence, c: _Cand) -> _Cand | None:
    """The count before ``c`` in its sentence whose noun an elliptic ``c`` takes (one that
    counts a noun outside the vocabulary stops the search), or None. A count that is a
    noun's attribute lends its noun to a part only (``Ураган повредил кровли 300 домов, 12
    из них полностью разрушены``); a part lends none to a number outside the parts while a
    whole stands before it (``Погибли 6 человек (в т.ч. 2 ребёнка), ранены 14``: people). A
    count after a preposition before a colon says where, not who, and lends no noun to the
    list after the colon (``доставлены в три больницы: 4 в городскую, 2 в детскую``)."""
    before = list(reversed(s.cands[: s.cands.index(c)]))
    wholes = [x for x in before if x.cls and not _is_marked_part(s, x)]
    for x in before:
        if x.cls and _attribute_of_noun(s, x):
            continue
        if x.cls and wholes and _is_marked_part(s, x) and not _is_marked_part(s, c):
            continue  # "Погибли 6 человек (в т.ч. 2 ребенка), ранены 14": people
        if _adverbial_before_colon(s, x, c):
            continue
        if x.cls or (x.after is not None and x.after.kind == "unknown"):
            return x
    if _is_marked_part(s, c):  # "кровли 300 домов, 12 из них": них are the houses
        return next((x for x in before if x.cls), None)
    return None


def _adverbial_before_colon(s: _Sentence, x: _Cand, c: _Cand) -> bool:
    """Whether count ``x`` follows a preposition and a colon stands between it and ``c``."""
    k = x.q_i - 1
    if k < s.a or s.tokens[k].kind != "word" or _pos(s.tokens[k]) != "PREP":
        return False
    return any(s.tokens[p].text == ":" for p in range(x.m.j, c.q_i))


def noun_of_count_before(s: _Sentence, c: _Cand):
    """A part without a noun opening its sentence (``из них``, ``в том числе``) counts the
    noun of the last count of the sentence before, a figure or not: ``За помощью обратились
    23 ребёнка. Госпитализированы 11 из них.`` (children); ``Произошло 27 ДТП. В 5 из них
    пострадали люди.`` counts accidents, which the vocabulary does not measure."""
    if c.after is not None or s.last_noun is None or s.counts().index(c) > 0:
        return None
    if not _is_marked_part(s, c):
        return None
    return s.last_noun


def noun_of_sentence_before(s: _Sentence, c: _Cand):
    """A number without a noun that opens its sentence counts the named people of the last
    count of the sentence before: ``В машине находились трое мужчин. Двоих удалось спасти,
    один погиб`` (other, and ``один`` takes the noun of ``Двоих``); generic people there
    (``человек``) lend nothing the number's own reading does not give, nor does a part
    (``пострадали 14 человек, в том числе два милиционера. Семеро доставлены в больницу``:
    seven of the fourteen)."""
    if c.after is not None or c.q_i != s.a or s.last_noun is None:
        return None
    cls, group, figure = s.last_noun
    if cls != "people" or group == "total" or _is_marked_part(s, c):
        return None
    if figure is not None and figure.parent is not None:
        return None
    return s.last_noun


def _last_noun(s: _Sentence) -> tuple[str, str, Figure | None] | None:
    """What :func:`noun_of_count_before` takes from a sentence: the noun of its last count
    (``них`` points to the last noun, even one right after another noun: ``к врачам
    обратились 23 ребёнка``)."""
    for x in reversed(s.cands):
        if x.cls or (x.after is not None and x.after.kind == "unknown"):
            return (x.cls, x.group, x.figure) if x.cls and not x.guessed else ("", "", None)
    return None


def _attribute_of_noun(s: _Sentence, x: _Cand) -> bool:
    """Whether a count stands right after a noun whose attribute it is (``в результате
    столкновения двух трамваев``, ``с участием трёх машин``): no elliptic number after it
    counts its noun. A noun that says what happened (``тела 5 человек``) or a toll noun
    (``число погибших``) is no such noun, nor a proper name (``В Караколе 23 школьника
    отравились``: a place, pymorphy3's ``Geox``, names where, it governs no count), nor the
    noun of a predicate phrase (``приняли участие 50 тысяч человек, по данным полиции —
    около 12 тысяч``: ``участие`` is part of the verb), nor a noun of the action (``об
    аресте 6 грабителей, позже задержали ещё троих``). A count whose first word may not be
    in the genitive is the subject of its clause, no noun's attribute: ``На территории
    рынка один охранник погиб, двое ранены`` (other)."""
    k = x.q_i - 1
    if k < s.a or s.tokens[k].kind != "word" or _pos(s.tokens[k]) != "NOUN":
        return False
    if _proper_name(s.tokens[k]) or any(p.strong and p.i <= k < p.j for p in s.preds):
        return False
    if not _may_be_genitive(s, x):
        return False
    lemmas = morph_ru.nominal_lemmas(s.tokens[k].low)
    return not (
        lemmas & s.lex.noun_measures.keys()
        or lemmas & s.lex.toll_nouns
        or lemmas & s.lex.action_nouns.keys()
    )


def _may_be_genitive(s: _Sentence, x: _Cand) -> bool:
    """Whether count ``x`` may stand in the genitive a noun governs: its number word
    (``двух``, not ``один``, ``двое``), else for digits the noun after it."""
    t = s.tokens[x.m.i]
    if t.kind != "word":
        if x.after is None or x.after.kind == "unknown":
            return True
        t = s.tokens[x.after.i]
    found = morph_ru.parses(t.low)
    return not found or any(p.tag.case == "gent" for p in found)


_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})


def _proper_name(t: Token) -> bool:
    """Whether a word's most likely parse is a proper name (``Бишкеке``, ``Караколе``)."""
    found = morph_ru.parses(t.low)
    return bool(found) and bool(found[0].tag.grammemes & _PROPER)


def noun_of_number_after(s: _Sentence, c: _Cand):
    """...else the noun of the next number in its clause: ``погиб один и ранено двое военных``."""
    for x in s.counts()[s.counts().index(c) + 1 :]:
        if not _parallel(s, c.m.j, x.q_i):
            return None
        if x.after is not None and x.after.kind == "counted":
            return x.after.cls, x.after.group, None
    return None


def _parallel(s: _Sentence, i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` between two numbers are a predicate and joiners only:
    ``погиб один и ранено двое``, ``Погибли двое, ранены трое военнослужащих``."""
    preds = [p for p in s.preds if i <= p.i and p.j <= j and p.strong]
    if len(preds) != 1:
        return not any(_boundary(s, k) for k in range(i, j)) and not preds and i == j
    rest = [
        s.tokens[k].low
        for k in range(i, j)
        if not preds[0].i <= k < preds[0].j and s.tokens[k].low not in s.lex.skip_words
    ]
    return all(w in _COORDINATION for w in rest)


def noun_of_figure_before(s: _Sentence, c: _Cand):
    """...else the noun of the last whole figure before it: ``Два человека погибли. Ещё одного
    госпитализировали.``"""
    for f in s.earlier:
        if f.parent is None:  # a whole, not a part of one ("десять женщин" of twelve)
            return f.ncls, f.group, f
    return None


def animate_noun_after(s: _Sentence, c: _Cand):
    """An animate noun outside the lexicon after the number counts people (group other),
    but only for measures no animal has (``animate_measures``: ``Задержаны 12
    наркокурьеров``, not ``Семь пёселей погибли``)."""
    if c.after is not None and c.after.kind == "unknown" and _animate(s, c.after):
        c.guessed = True
        c.after = _Noun("counted", c.after.i, c.after.j, "people", "other", c.after.lemma)
        return "people", "other", None
    return None


def participle_noun_after(s: _Sentence, c: _Cand):
    """A participle standing for a noun after the number, of a one-word predicate that only
    people undergo, counts people: ``Четверо отравившихся доставлены в больницу``, ``тела
    двоих утонувших``; a participle of what befalls things too (``5 сгоревших``) does not."""
    if c.after is None or c.after.kind != "unknown":
        return None
    verb = _people_participle(s, c.after)
    if not verb:
        return None
    c.after = _Noun("counted", c.after.i, c.after.j, "people", "total", verb)
    return "people", "total", None


def _people_participle(s: _Sentence, noun: _Noun) -> str:
    """The verb of a one-word participle that only people undergo (a predicate of the
    vocabulary: ``отравившихся`` -> ``отравиться``), or ""."""
    t = s.tokens[noun.i]
    if noun.j != noun.i + 1 or _pos(t) != "PRTF":
        return ""
    people = s.lex.measures["people"]
    for words, classes, strong in _phrases_from(t.low):
        if strong and len(words) == 1 and classes <= people.keys():
            return words[0]
    return ""


def noun_after_dash(s: _Sentence, c: _Cand):
    """``из них 19 — сотрудники полиции``, ``двое из них — дети``: a noun after a dash says
    what the number is; after a subset marker the dash may be left out (``4 из которых
    дети``); so does a noun after a copula (``из них пятеро оказались иностранцами``,
    ``трое из них были гражданами Таджикистана``)."""
    if c.after is not None:
        return None
    k, marked = c.q_end, False
    for words in s.lex.subset_after.get(s.low(k), ()):
        end = _words_at(s, k, words)
        if end > 0:
            k, marked = end, True
            break
    picked = _picked_whole(s, k) if not marked else None
    if picked is not None:
        k, marked = picked.j, True
    if (k < s.b and s.tokens[k].text in _DASHES) or _copula_before_noun(s, k):
        k += 1
    elif picked is not None:  # "Трое из нападавших убиты": the whole names the group
        c.after = picked
        return picked.cls, picked.group, None
    elif not marked or k >= s.b or _pos(s.tokens[k]) in _VERBAL:
        return None  # "8 из них убиты": a predicate, not a noun
    hit = _noun_at(s, k) if k < s.b else None
    if hit is None:
        return None
    end, (cls, group), lemma = hit
    group = _nationals_group(s, end, lemma, group)
    end += _of_a_country(s, end, lemma)
    c.after = _Noun("counted", k, end, cls, group, lemma)
    return cls, group, None


def _picked_whole(s: _Sentence, k: int) -> _Noun | None:
    """A pick (``picks``) and a lexicon noun of people in the genitive at ``k``: the whole a
    number after it is taken from (``Пятеро из погибших — дети``, ``один из нападавших``),
    or None."""
    if s.low(k) not in s.lex.picks or k + 1 >= s.b:
        return None
    hit = _noun_at(s, k + 1)
    if hit is None or hit[1][0] != "people" or "gent" not in _grammemes(s.tokens[k + 1]):
        return None
    end, (cls, group), lemma = hit
    return _Noun("counted", k + 1, end, cls, group, lemma)


def _copula_before_noun(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is a copula (``copulas``) and a noun in the instrumental follows
    it: ``пятеро оказались иностранцами`` names the five; ``пятеро оказались в больнице``
    and ``пятеро были ранены`` do not."""
    if k + 1 >= s.b or s.tokens[k].kind != "word" or s.tokens[k + 1].kind != "word":
        return False
    if not _copula(s, s.tokens[k]):
        return False
    return any(
        {"NOUN", "ablt"} <= p.tag.grammemes or {"ADJF", "ablt"} <= p.tag.grammemes
        for p in morph_ru.parses(s.tokens[k + 1].low)[:1]
    )


def sum_of_numbers_before(s: _Sentence, c: _Cand):
    """``все восемь``, ``всего 12`` without a noun: the sum of the counts before it, of
    their class, all groups together (total)."""
    if c.after is not None and c.after.kind == "counted":
        return None
    for words in s.lex.sum_words:
        k = c.q_i - len(words)
        if k >= s.a and all(s.tokens[k + n].low == w for n, w in enumerate(words)):
            before = [x for x in s.cands[: s.cands.index(c)] if x.cls]
            if before:
                return before[-1].cls, "total", None
    return None


NOUN_RULES: tuple[Callable, ...] = (
    noun_before_brackets,
    noun_after,
    animate_noun_after,
    participle_noun_after,
    noun_after_dash,
    sum_of_numbers_before,
    noun_of_toll,
    noun_among,
    noun_opening_clause,
    noun_of_whole_after,
    noun_of_sentence_before,
    collective_of_people,
    noun_of_number_before,
    noun_of_number_after,
    noun_of_count_before,
    noun_of_figure_before,
)


# --- rules: parent -------------------------------------------------------------------------
# Each returns (parent figure, marker span or None) or None.


def _marker_before(s: _Sentence, c: _Cand) -> tuple[int, int] | None:
    """The last subset marker before the number with no other count between; a marker right
    after the count before is that count's own (``19 из них обратились за помощью, 41
    человек задержан``: 41 is no part)."""
    prev = _prev_count(s, c)
    lo = _past_subset_marker(s, _noun_end(prev)) if prev is not None else s.a
    found = None
    by_first = s.lex.subset_before
    for k in range(lo, c.q_i):
        for words in by_first.get(s.tokens[k].low, ()):
            end = _words_at(s, k, words)
            if end > 0 and _group_of_toll(s, lo, k, end):
                continue
            if end > 0 and end <= c.q_i and (found is None or k > found[0]):
                found = (k, end)
                break
    return found


def _group_of_toll(s: _Sentence, lo: int, k: int, end: int) -> bool:
    """Whether a marker at ``[k, end)`` names the people a toll counts among, not a whole the
    number is a part of: a toll noun stands before it in its clause and a noun, no pronoun,
    comes after it (``Число пострадавших среди полицейских достигло 20``; not ``Число
    погибших, среди которых 5 детей, выросло``)."""
    if end >= s.b or s.tokens[end].kind != "word" or _pos(s.tokens[end]) == "NPRO":
        return False
    for n in range(k - 1, lo - 1, -1):
        if _boundary(s, n):
            return False
        if morph_ru.lemmas(s.tokens[n].low) & s.lex.toll_nouns:
            return True
    return False


def subset_after(s: _Sentence, c: _Cand):
    """``трое из них в реанимации``: a marker right after the number."""
    for words in s.lex.subset_after.get(s.low(c.q_end), ()):
        end = _words_at(s, c.q_end, words)
        if end > 0:
            whole = _whole(s, c, c.cls)
            if whole is not None:
                return whole, (c.q_end, end)
            if _unread_whole(s, c, c.cls):
                return None, (c.q_end, end)
    return None


def subset_before(s: _Sentence, c: _Cand):
    """``в том числе пять полицейских``, ``среди которых десять женщин``, ``Из них трое
    взрослых``, ``среди погибших два ребёнка``: a marker before the number in its sentence."""
    span = _marker_before(s, c)
    if span is None:
        return None
    whole = _whole(s, c, c.cls, _marker_measure(s, span, c.cls))
    return (whole, span) if whole is not None else (None, span)


def dash_list(s: _Sentence, c: _Cand):
    """A list after a dash, colon or opening bracket that follows a figure of the same
    class: ``4 припаркованных автомобиля - 2 Фольксвагена``, ``3 погибших (2 взрослых и
    ребёнок)``."""
    left = _left_limit(s, c)
    k = left - 1
    if k < s.a or s.tokens[k].text not in ":–—-(":
        return None
    prev = _prev_count(s, c)
    if prev is None or prev.figure is None or prev.figure.ncls != c.cls:
        return None
    if _noun_end(prev) != k:
        return None
    whole = prev.figure.parent or prev.figure
    return whole, None


def parts_that_sum(s: _Sentence, c: _Cand):
    """Counts after a comma that follows a figure, joined only by ``и`` or commas, with no
    predicate of their own and summing to it, are its parts: ``Госпитализированы 5 человек,
    2 ребёнка и 3 взрослых``."""
    prev = _prev_count(s, c)
    if prev is None or prev.figure is None or prev.figure.value is None:
        return None
    if _noun_end(prev) != c.q_i - 1 or s.tokens[c.q_i - 1].text != ",":
        return None
    items = [c]
    while (nxt := _next_count(s, items[-1])) is not None and _only_joiners(
        s, _noun_end(items[-1]), nxt.q_i
    ):
        items.append(nxt)
    if any(x.direct or x.m.value is None or x.after is None for x in items):
        return None
    if len(items) < 2 or sum(x.m.value for x in items) != prev.figure.value:
        return None
    if any(x.cls and x.cls != prev.figure.ncls for x in items):
        return None  # "Сгорели 4 машины, 3 бани и 1 гараж": no parts of the cars
    return (prev.figure.parent or prev.figure), None


def list_item(s: _Sentence, c: _Cand):
    """A later item of a subset list shares its parent: ``трое взрослых и четверо детей``."""
    prev = _prev_count(s, c)
    if prev is None or prev.parent is None or c.direct is not None:
        return None  # a count with a predicate of its own starts a new clause
    if not _only_joiners(s, _noun_end(prev), c.q_i):
        return None
    return prev.parent, None


def pronoun(s: _Sentence, c: _Cand):
    """``Там их два``: a number after ``их`` counts the things of the figure before."""
    ref = _pronoun_ref(s, c)
    return ((ref.parent or ref), None) if ref is not None else None


def _pronoun_ref(s: _Sentence, c: _Cand) -> Figure | None:
    """The figure ``их`` points to before a number without a noun (``сейчас их уже 11``)."""
    if c.after is not None:
        return None
    k = c.q_i - 1
    while k > s.a and (s.tokens[k].low in s.lex.skip_words or _copula(s, s.tokens[k])):
        k -= 1  # "по словам родственников, их было 12": a copula links them
    if k < s.a or s.low(k) != "их":
        return None
    return c.ref or _last_figure_before(s, c)


def _last_figure_before(s: _Sentence, c: _Cand) -> Figure | None:
    """The last figure read before ``c`` in its sentence, else the entry's last one."""
    before = [x.figure for x in s.cands if x.figure is not None and x.m.start < c.m.start]
    return before[-1] if before else (s.earlier[0] if s.earlier else None)


def part_after_whole(s: _Sentence, c: _Cand):
    """``Из 30 задержанных 12 — граждане Таджикистана``: a count right after a whole named
    after «из» (a comma may stand between) is its part."""
    prev = _prev_count(s, c)
    if prev is None or prev.figure is None or s.low(prev.q_i - 1) != "из":
        return None
    if prev.pred is None or prev.pred[1] != "whole_of_a_part":
        return None
    end = _noun_end(prev)
    k = c.q_i - 1 if s.tokens[c.q_i - 1].text == "," else c.q_i
    while k > end and _noun_phrase_word(s.tokens[k - 1]) and not _boundary(s, k - 1):
        k -= 1  # "Из 18 пострадавших в ДТП пятеро": words of where or how between
    if k != end:
        return None
    return prev.figure, (prev.q_i - 1, end)


PARENT_RULES: tuple[Callable, ...] = (
    subset_after,
    subset_before,
    part_after_whole,
    dash_list,
    parts_that_sum,
    list_item,
    pronoun,
)


# --- rules: predicate ----------------------------------------------------------------------
# Each returns (predicate class, rule name, span) or None.


def count_range(s: _Sentence, c: _Cand):
    """``от 5 до 7 тысяч человек``: a range has no single value; neither end is a figure."""
    lo_end = s.low(c.q_i - 1) == "от" and any(
        s.low(x.q_i) == "до" or s.low(x.m.i - 1) == "до" for x in s.cands if x.m.i > c.m.i
    )
    hi_end = s.low(c.m.i - 1) == "до" and any(
        s.low(x.m.i - 1) == "от" for x in s.cands if x.m.i < c.m.i and c.m.i - x.m.j <= 2
    )
    if lo_end or hi_end or _dash_range(s, c):
        return "negated", "count_range", None
    return None


def _dash_range(s: _Sentence, c: _Cand) -> bool:
    """Whether the number is an end of a range written with a dash, the smaller first and
    no noun after it: ``погибли пять-шесть человек``, ``задержаны 10 – 15 человек``."""
    counts = s.counts()
    k = counts.index(c)
    for lo, hi in (
        (c, counts[k + 1] if k + 1 < len(counts) else None),
        (counts[k - 1] if k > 0 else None, c),
    ):
        if lo is None or hi is None or lo.after is not None or hi.q_i != lo.m.j + 1:
            continue
        if s.tokens[lo.m.j].text in _DASHES and (lo.m.value or 0) < (hi.m.value or 0):
            return True
    return False


def change_by(s: _Sentence, c: _Cand):
    """``увеличилось на 3 и достигло 17``: the size of a change is no count of people."""
    if s.low(c.m.i - 1) == "на" and c.m.i - 2 >= s.a and _changes(s, c.m.i - 2):
        return "negated", "change_by", None
    return None


def whole_of_a_part(s: _Sentence, c: _Cand):
    """``Из 40 пассажиров автобуса погибли 5``: the number after «из» names the whole the
    next count is taken from; the predicate is the part's, the whole gets none. So with the
    part right before it: ``Выписаны 6 из 10 пострадавших``, ``трое из 12 пострадавших``;
    also with the part's noun between them when the whole has none or one of the same class:
    ``Погибли 5 мигрантов из 40, ехавших в автобусе``, ``Ранены 3 человека из 25 пассажиров``.
    A whole whose own noun says what happened to it is a figure of that measure, besides its
    part: ``Из 18 пострадавших пятеро в реанимации`` (casualties 18), ``Выписаны 6 из 10
    задержанных`` (detained 10)."""
    if s.low(c.q_i - 1) != "из":
        return None
    prev = _prev_count(s, c)
    if prev is not None and prev.q_end == c.q_i - 1:
        return _whole_says(s, c)
    if (
        prev is not None
        and prev.after is not None
        and prev.after.kind == "counted"
        and prev.after.j == c.q_i - 1
        and c.cls in ("", prev.cls)
    ):
        return _whole_says(s, c)
    nxt = _next_count(s, c)
    if nxt is None or any(_boundary(s, k) for k in range(c.m.j, nxt.q_i)):
        return None
    return _whole_says(s, c)


def _whole_says(s: _Sentence, c: _Cand):
    """The measure a whole after «из» has: what its own noun says (``из 30 задержанных``:
    detained), else none (``из 40 пассажиров``)."""
    if c.after is not None and c.after.kind == "counted":
        lemmas = [c.after.lemma]  # "из 5 тысяч участников акции": the crowd
        for k in range(c.q_end, c.after.j):  # "из 12 задержанных водителей"
            lemmas.extend(morph_ru.nominal_lemmas(s.tokens[k].low))
        for lemma in lemmas:
            cls = _noun_measure(s, lemma)
            if cls and _measure_of(s, c.after.cls, cls):
                return cls, "whole_of_a_part", (c.after.i, c.after.j)
    return "negated", "whole_of_a_part", None


def part_of_a_thing(s: _Sentence, c: _Cand):
    """``Обрушились крыши 9 домов``, ``рухнула стена 2 зданий``: a part of a building or a
    vehicle (``thing_parts``) right before the count is what the predicate tells of; the
    buildings are damaged, not destroyed (``обрушились 4 дома`` are)."""
    k = c.q_i - 1
    if k < s.a or c.cls not in ("buildings", "vehicles") or s.tokens[k].kind != "word":
        return None
    if morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.thing_parts:
        return "negated", "part_of_a_thing", None
    return None


def whole_of_nobody(s: _Sentence, c: _Cand):
    """``Никто из 15 задержанных не пострадал``, ``ни один из 40 пассажиров не ранен``: the
    negated predicate is nobody's; the whole counts what its own noun says (15 detained),
    else nothing."""
    k = c.q_i - 2
    if k < s.a or s.low(k + 1) not in s.lex.picks or s.tokens[k].kind != "word":
        return None
    lemmas = morph_ru.lemmas(s.tokens[k].low)
    if not lemmas & s.lex.nobody_pronouns:
        return None
    if "никто" not in lemmas and s.low(k - 1) not in s.lex.nobody_marks:
        return None  # "один из 15 задержанных": one of them, not nobody
    said = noun_says(s, c)
    if said is not None and said[0] != "negated":
        return said[0], "whole_of_nobody", said[2]
    return "negated", "whole_of_nobody", None


def predicate_right_before(s: _Sentence, c: _Cand):
    """A predicate right before the number (only ``ещё``, ``все`` may stand between):
    ``погибли 12 человек``, ``были ранены 28 человек``, ``задержали 11 военнослужащих``."""
    end = c.q_i - 1 if _dash_copula(s, c) else c.q_i
    lo = _left_limit(s, c, end)
    for p in reversed(s.preds):
        if p.j > end or p.j < lo:
            continue
        between = [s.tokens[k].low for k in range(p.j, end)]
        if all(w in s.lex.skip_words for w in between) and p.strong:
            if _suits(s, c, p):
                return _pick(s, c, [p], "predicate_right_before")
            if _other_measure(s, c, p):
                return "negated", "predicate_right_before", (p.i, p.j)
        break
    return None


def _other_measure(s: _Sentence, c: _Cand, p: _Pred) -> bool:
    """Whether a predicate right before a count of a thing says what the vocabulary does not
    measure of that thing, so the count is no figure (``повреждены 14 жилых домов и сгорели
    три автомобиля``: damaged houses, not destroyed ones)."""
    return (
        bool(c.cls) and c.cls != "people" and not p.negated and not _measure_of(s, c.cls, p.classes)
    )


def _dash_copula(s: _Sentence, c: _Cand) -> bool:
    """Whether a dash right before the number stands for the verb before it (``Погибли 2
    человека, ранены — 15``, ``Задержаны — 7``), or a colon of a list of labels (``—
    скончались: 12``, ``в реанимации: 40``): the number has no predicate of its own after
    it in its clause (not ``Один погиб — 5 пострадали``); a colon before a number with a
    noun opens a list (``list_after_colon``)."""
    k = c.q_i - 1
    colon = s.tokens[k].text == ":" and c.after is None
    if k <= s.a or (s.tokens[k].text not in _DASHES and not colon):
        return False
    lo, hi = _noun_end(c), _right_limit(s, c)
    return not any(lo <= p.i and p.j <= hi for p in s.preds)


def predicate_after(s: _Sentence, c: _Cand):
    """The nearest predicate after the noun in its clause: ``24 человека погибли``,
    ``еще четверо - госпитализированы``, ``6 пострадавших находятся в больнице``."""
    if _governed(s, c, verbs=False):
        return None
    lo, hi = _noun_end(c), _right_limit(s, c)
    return _pick(s, c, [p for p in s.preds if lo <= p.i and p.j <= hi], "predicate_after")


def coordinated_predicates(s: _Sentence, c: _Cand):
    """Two predicates after the number joined by ``и``: the last, the main one, says what
    happened (``Пятеро горняков получили ожоги и были госпитализированы``: hospitalized;
    ``Двое рабочих получили травмы и скончались в больнице``: killed)."""
    got = predicate_after(s, c)
    if got is None or got[0] == "negated" or got[2] is None:
        return None
    first = next(p for p in s.preds if (p.i, p.j) == got[2])
    last = _last_coordinated(s, c, first)
    if last is first:
        return None
    return _class_for(s, c, last.classes), "coordinated_predicates", (last.i, last.j)


def _last_coordinated(s: _Sentence, c: _Cand, p: _Pred) -> _Pred:
    """The last predicate joined to ``p`` by ``и`` (a copula, an adverb or a skip word may
    follow it) that suits the count, is not negated and is no other count's (``погибли и
    ранены 5``: not past ``5``)."""
    k = s.preds.index(p)
    starts = {x.q_i for x in s.counts() if x is not c}
    while k + 1 < len(s.preds):
        q = s.preds[k + 1]
        if not q.strong or q.negated or not _suits(s, c, q) or not _joined(s, s.preds[k].j, q.i):
            break
        n = q.j
        while n < s.b and s.tokens[n].low in s.lex.skip_words:
            n += 1
        if n in starts:
            break
        k += 1
    return s.preds[k]


def _joined(s: _Sentence, i: int, j: int) -> bool:
    """Whether tokens ``[i, j)`` join two predicates: up to four words of the first one's
    noun phrase (``угарным газом``), ``и``, then only copulas, adverbs or skip words (``и
    были``, ``и затем``)."""
    k = j
    while k > i and (
        s.tokens[k - 1].kind == "word"
        and s.tokens[k - 1].low != "и"
        and (
            s.tokens[k - 1].low in s.lex.skip_words
            or _copula(s, s.tokens[k - 1])
            or _pos(s.tokens[k - 1]) == "ADVB"
        )
    ):
        k -= 1
    if k <= i or s.tokens[k - 1].low != "и" or k - 1 - i > 4:
        return False
    return all(
        s.tokens[q].kind == "word" and (_noun_phrase_word(s.tokens[q]) or _joins_nouns(s, q))
        for q in range(i, k - 1)
    )


def predicate_before(s: _Sentence, c: _Cand):
    """The nearest predicate before the number in its clause: ``сгорела тачка ... и 4
    припаркованных автомобиля``, ``На улицах сотни людей``; a state opening a clause before
    a dash that stands for the verb, with no verb: ``на площади — не менее 5 тысяч
    человек``, ``В колонне — не менее 2 тысяч`` (not ``Задержанных на шествии — 300``),
    also after a subset marker: ``Пострадали 9 человек, из них в реанимации — двое``."""
    lo = _left_limit(s, c)
    found = [p for p in s.preds if lo <= p.i and p.j <= c.q_i]
    if not found and _dash_copula(s, c):
        lo = _left_limit(s, c, c.q_i - 1)
        opening = {lo, _past_subset_marker(s, lo)}  # "из них в реанимации — трое"
        found = [p for p in s.preds if p.i in opening and p.j < c.q_i and not p.strong]
        if any(_pos(s.tokens[k]) in _VERBAL for k in range(lo, c.q_i)):
            found = []
    return _pick(s, c, list(reversed(found)), "predicate_before")


def size_of_crowd(s: _Sentence, c: _Cand):
    """A count of people that gives the size of a crowd (``crowd_groups``), after a noun of
    size (``crowd_sizes``) or ``из``: ``Толпа численностью до 500 человек двинулась к
    акимату``, ``колонна митингующих численностью около 300 человек``, ``Группа из 40
    человек ворвалась в здание`` (crowd); not ``семья из 5 человек``, nor a group of named
    people after ``из`` (``группа из 12 туристов``: a party, not a crowd); a group
    (``acting_groups``) only where its verb is a crowd's (``Группа из 12 человек пропала в
    горах``: none)."""
    if c.cls != "people" or c.after is None or c.after.kind != "counted":
        return None
    k = c.q_i - 1
    if k - 1 < s.a or s.tokens[k].kind != "word":
        return None
    sized = morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.crowd_sizes
    if not sized and s.low(k) not in s.lex.picks:
        return None
    if not sized and c.group not in ("total", "protesters"):
        return None
    for n in range(k - 1, max(s.a, k - (4 if sized else 1)) - 1, -1):
        t = s.tokens[n]
        if t.kind != "word" or _pos(t) not in _ADJECTIVAL | _NOUN:
            return None
        found = morph_ru.nominal_lemmas(t.low) & s.lex.crowd_groups
        if found and found <= s.lex.acting_groups and not _crowd_action(s):
            return None
        if found:
            return "crowd", "size_of_crowd", (n, c.after.j)
    return None


def _crowd_action(s: _Sentence) -> bool:
    """Whether the sentence's verb is a crowd's action: a crowd predicate of the lexicon or
    one of ``crowd_actions`` (``Группа из 60 человек двинулась к зданию администрации``;
    not ``Группа из 12 человек пропала в горах``)."""
    if any("crowd" in p.classes and p.strong and not p.negated for p in s.preds):
        return True
    return any(
        morph_ru.lemmas(s.tokens[k].low) & s.lex.crowd_actions
        for k in range(s.a, s.b)
        if s.tokens[k].kind == "word" and _pos(s.tokens[k]) in _VERBAL | {"VERB"}
    )


def counted_crowd(s: _Sentence, c: _Cand):
    """A verb of counting (``counting_verbs``) right before a count of a crowd's people (a
    noun of ``crowd_nouns``, participants, or people where the sentence names a gathering)
    gives the crowd's size: ``Полиция насчитала 600 участников``, ``организаторы насчитали
    на площади около 3 тысяч человек`` after ``митинг`` (crowd); not ``насчитали 6
    смертей``."""
    if c.cls != "people" or c.after is None or c.after.kind != "counted":
        return None
    k = c.q_i - 1
    while k >= s.a and s.low(k) in s.lex.skip_words:
        k -= 1
    if k < s.a or not (morph_ru.lemmas(s.tokens[k].low) & s.lex.counting_verbs):
        return None
    lemma = c.after.lemma
    crowd = lemma in s.lex.crowd_nouns or lemma in s.lex.participants
    if not crowd and c.group == "total":
        crowd = any(
            morph_ru.nominal_lemmas(s.tokens[n].low) & s.lex.gatherings
            for n in range(s.a, s.b)
            if s.tokens[n].kind == "word"
        )
    return ("crowd", "counted_crowd", (k, c.after.j)) if crowd else None


def harm_of_owner(s: _Sentence, c: _Cand):
    """A count after ``у`` whose clause names a harm (``harms_had``) and no verb (nor ``нет``)
    says what happened to them: ``у троих из них — ожоги``, ``из них у двоих переломы``."""
    k = c.q_i - 1
    if k < s.a or s.low(k) not in s.lex.owners:
        return None
    lo = _past_subset_marker(s, _noun_end(c))
    if lo < s.b and s.tokens[lo].text in _DASHES:
        lo += 1
    hi = lo
    while hi < s.b and not _boundary(s, hi) and s.tokens[hi].text not in _DASHES:
        hi += 1
    words = [n for n in range(lo, hi) if s.tokens[n].kind == "word"]
    if any(_pos(s.tokens[n]) in _VERBAL | {"PRED"} or s.low(n) == "не" for n in words):
        return None  # a verb of its own, or none had: "у пятерых травм нет"
    for n in words:
        for lemma in morph_ru.lemmas(s.tokens[n].low):
            if lemma in s.lex.harms_had:
                classes = frozenset({s.lex.harms_had[lemma]})
                return _class_for(s, c, classes), "harm_of_owner", (n, n + 1)
    return None


def toll(s: _Sentence, c: _Cand):
    """A toll: ``Число погибших ... достигло 16 человек``, ``Количество пострадавших выросло
    до семи человек``, ``До 4 увеличилось число погибших``, ``Число погибших уточнено —
    23``: a verb of change next to the number (``до`` or a dash may stand between); not a
    part (``двое из них``)."""
    if _is_marked_part(s, c):
        return None
    k = c.m.i - 1
    k -= 1 if s.low(k) == "до" or s.low(k) in _DASHES else 0
    k -= 1 if s.low(k + 1) == "до" and _hedge_at(s, k) else 0  # "выросла почти до 3 тысяч"
    if not (_changes(s, k) if k >= s.a else "") and not _changes(s, _noun_end(c)):
        return None
    for k in range(s.a, s.b - 1):
        if s.tokens[k].low not in s.lex.toll_nouns and not (
            morph_ru.lemmas(s.tokens[k].low) & s.lex.toll_nouns
        ):
            continue
        if s.tokens[k + 1].kind != "word" or not _toll_of_count(s, c, k):
            continue
        for cls in _measures_at(s, k + 1):
            if _measure_of(s, c.cls or "people", cls):
                if not any(_changes(s, t) for t in range(s.a, s.b)):
                    continue
                return cls, "toll", (min(k, c.q_i), max(k + 2, c.q_end))
    return _toll_of_referent(s, c) or _toll_of_crowd(s, c)


def _toll_of_crowd(s: _Sentence, c: _Cand):
    """A noun of a crowd (``crowd_collectives``) before a verb of change in the count's
    clause: ``Толпа у акимата выросла почти до 3 тысяч человек`` (crowd)."""
    if c.cls not in ("", "people"):
        return None
    for k in range(_clause(s, c.q_i, c.q_end)[0], c.q_i):
        t = s.tokens[k]
        if t.kind == "word" and morph_ru.nominal_lemmas(t.low) & s.lex.crowd_collectives:
            return "crowd", "toll", (k, c.q_end)
    return None


def _toll_of_count(s: _Sentence, c: _Cand, k: int) -> bool:
    """Whether the toll noun at ``k`` may be the count's: the last one before it, or one
    after it in its clause (``До 4 увеличилось число погибших``); not the next toll of a
    list (``Число заболевших составило 845, число умерших — 12``: 845 are no deaths)."""
    if k < c.m.i:
        return not any(_is_toll_noun(s, n) for n in range(k + 1, c.m.i))
    return not any(_boundary(s, n) for n in range(c.m.j, k))


def _is_toll_noun(s: _Sentence, k: int) -> bool:
    t = s.tokens[k]
    return t.kind == "word" and (
        t.low in s.lex.toll_nouns or bool(morph_ru.lemmas(t.low) & s.lex.toll_nouns)
    )


def _toll_of_referent(s: _Sentence, c: _Cand):
    """A toll whose noun is ``их`` (``their number``) counts what the last figure before it
    counted: ``Ранее сообщалось о 23 пострадавших, по уточненным данным их число составило
    27 человек`` (casualties)."""
    for k in range(s.a + 1, c.q_i):
        t = s.tokens[k]
        if s.low(k - 1) != "их" or not (
            t.low in s.lex.toll_nouns or morph_ru.lemmas(t.low) & s.lex.toll_nouns
        ):
            continue
        ref = _last_figure_before(s, c)
        if ref is None or ref.ncls != (c.cls or "people"):
            return None
        return "=" + ref.measure, "toll", (k - 1, c.q_end)
    return None


def _changes(s: _Sentence, k: int) -> str:
    """The qualifier a verb of change gives (``увеличилось`` exact, ``превысило``
    more_than), or ""."""
    if not s.a <= k < s.b:
        return ""
    t = s.tokens[k]
    if t.kind != "word":
        return ""
    for lemma in morph_ru.lemmas(t.low):
        if lemma in s.lex.change_verbs:
            return s.lex.change_verbs[lemma]
    return ""


def predicate_past_parts(s: _Sentence, c: _Cand):
    """A count whose clause ends at a comma right before parts set off by a subset marker
    takes the predicate that opens the clause after the parts: ``Пятеро из них, в том числе
    трое детей, доставлены в больницу``, ``Семеро, среди них двое подростков, задержаны``,
    also parts with no number: ``ещё трое, в том числе ребёнок, госпитализированы``."""
    nxt = _next_count(s, c)
    comma = _right_limit(s, c)
    if comma >= s.b or s.tokens[comma].text != "," or _own_verb_before(s, c):
        return None  # "обратились 4 500 человек, из них ...": the count has a verb of its own
    marker = _marker_before(s, nxt) if nxt is not None else None
    if marker is None or marker[0] != comma + 1:
        k = _uncounted_parts_end(s, comma + 1)  # "ещё трое, в том числе ребёнок, ..."
        if k is None or (nxt is not None and nxt.q_i < k):
            return None
    else:
        last = nxt
        while (after := _next_count(s, last)) is not None and _only_joiners(
            s, _noun_end(last), after.q_i
        ):
            last = after
        k = _right_limit(s, last)
    if k >= s.b or s.tokens[k].text != ",":
        return None
    k += 1
    while k < s.b and s.tokens[k].low in s.lex.skip_words:
        k += 1
    found = [_last_coordinated(s, c, p) for p in s.preds if p.i == k and p.strong]
    return _pick(s, c, found, "predicate_past_parts")


def _uncounted_parts_end(s: _Sentence, k: int) -> int | None:
    """The comma that closes parts with no number opened by a subset marker at ``k`` (``в
    том числе ребёнок,``), or None."""
    end = max((_words_at(s, k, w) for w in s.lex.subset_before.get(s.low(k), ())), default=-1)
    if end < 0:
        return None
    while end < s.b and not _boundary(s, end):
        end += 1
    return end if end < s.b and s.tokens[end].text == "," else None


def parent_measure(s: _Sentence, c: _Cand):
    """A subset without a predicate of its own has its parent's: ``были ранены 28 человек,
    в том числе пять полицейских``."""
    if c.parent is None or not c.parent.rule:
        return None
    if _state_of_its_own(s, c) or _verb_of_its_own(s, c):
        return None
    if _after_preposition(s, c) and not any(
        x.figure is c.parent and _after_preposition(s, x) for x in s.cands
    ):
        return None  # "задержали 150 мигрантов, у 87 из них не было документов"
    near = _part_before_marker(s, c)
    return ("=" + (near or c.parent).measure), "parent_measure", None


def _after_preposition(s: _Sentence, c: _Cand) -> bool:
    """Whether a preposition governs a count picked from its whole (``у 87 из них``, ``для
    5 из них``): an oblique part is no subject of its whole's predicate, unless the whole is
    governed too (``Отравление выявлено у 40 человек, у 12 из них ...``); ``женщина с
    двумя детьми`` is no pick."""
    k = c.q_i - 1
    if k < s.a or s.tokens[k].kind != "word" or _pos(s.tokens[k]) != "PREP":
        return False
    return _past_subset_marker(s, c.q_end) != c.q_end  # picked: "у 87 из них"


def _part_before_marker(s: _Sentence, c: _Cand) -> Figure | None:
    """A part whose clause a marker that names no measure follows right after a comma:
    the marker picks from it, not from its whole (``пострадали 12 жильцов, из них пятеро
    госпитализированы, в том числе двое детей``: two hospitalized children)."""
    prev = _prev_count(s, c)
    if c.marker is None or prev is None or prev.figure is None or prev.figure.parent is None:
        return None
    if prev.figure.ncls != (c.cls or "people") or _marker_measure(s, c.marker, c.cls):
        return None
    k = _right_limit(s, prev)
    if k + 1 != c.marker[0] or s.tokens[k].text != ",":
        return None
    return prev.figure


def _state_of_its_own(s: _Sentence, c: _Cand) -> bool:
    """Whether a count without a noun of its own is followed, in its clause, by a state that
    measures nothing: ``шестеро из них в тяжёлом состоянии`` says how six are, not that they
    are hospitalized too (``в том числе трое детей в тяжёлом состоянии`` names a group of
    the hospitalized)."""
    if c.after is not None and c.after.kind == "counted":
        return False
    lo, hi = _noun_end(c), _right_limit(s, c)
    return any(lo <= p.i and p.j <= hi and not p.strong for p in s.preds)


def _verb_of_its_own(s: _Sentence, c: _Cand) -> bool:
    """Whether the part's clause has a verb of its own outside the lexicon (a finite verb or
    short participle, not a copula): ``Задержаны 47 человек, 12 из них доставлены в суд``
    says what else happened to twelve, not that they were detained (``трое из них
    были детьми`` is a copula)."""
    inside = {k for p in s.preds for k in range(p.i, p.j)}
    for k in range(_left_limit(s, c), _right_limit(s, c)):
        t = s.tokens[k]
        if k in inside or t.kind != "word" or c.q_i <= k < c.m.j:
            continue
        if _pos(t) in ("VERB", "PRTS") and not morph_ru.lemmas(t.low) & s.lex.copulas:
            return True
    return False


def coordination(s: _Sentence, c: _Cand):
    """Coordinated counts share a predicate: ``застрелил двух полицейских и одного
    прохожего``, ``Трое детей и две женщины ... доставлены в больницу``, and a noun before
    them that says what happened: ``Пострадавшие: 3 взрослых и 2 ребёнка``."""
    prev = _prev_count(s, c)
    said = prev.direct or _said_before(prev) or _shared(prev) if prev is not None else None
    own = c.after is not None and c.after.lemma in s.lex.noun_measures  # "5 и 3 раненых"
    own = own or noun_opens_clause(s, c) is not None  # "Пострадавших – двое, оба ..."
    if said and _only_joiners(s, _noun_end(prev), c.q_i) and not _says_more(s, c) and not own:
        return _shared_class(s, c, said), "coordination", said[2]
    nxt = _next_count(s, c)
    if (
        nxt is not None
        and not own
        and _only_joiners(s, _noun_end(c), nxt.q_i)
        and not _own_verb_before(s, c)
        and not _is_marked_part(s, nxt)
    ):
        direct = nxt.direct or _fallback(s, nxt)
        if direct:
            return direct[0], "coordination", direct[2]
    return None


def _shared_class(s: _Sentence, c: _Cand, said) -> str:
    """The class of a shared predicate that measures the count's own noun class: ``Уничтожены
    3 боевика и 2 склада`` (killed, then destroyed)."""
    if said[0].startswith("=") or said[2] is None or _measure_of(s, c.cls or "people", said[0]):
        return said[0]
    for p in s.preds:
        if (p.i, p.j) == tuple(said[2]) and _measure_of(s, c.cls or "people", p.classes):
            return _class_for(s, c, p.classes)
    return said[0]


def _shared(x: _Cand):
    """The predicate a count shares with the one before it (a list of three: ``уничтожены 6
    домов, 3 гаража и 11 машин``)."""
    if x.pred and x.pred[1] == "coordination":
        return x.pred
    return None


def _said_before(x: _Cand):
    """The predicate of a count given by a noun before it (``Пострадавшие: 3 взрослых``)."""
    if x.pred and x.pred[1] == "noun_says" and x.pred[2] and x.pred[2][1] <= x.q_i:
        return x.pred
    return None


def gapped_predicate(s: _Sentence, c: _Cand):
    """An elliptic number with no verb before it and nothing after it in its clause repeats
    the predicate of the count whose noun it takes (the verb is left out, not changed):
    ``участвовали 50 тысяч человек, по данным полиции — около 12 тысяч``; so does a list by
    places, whatever gave the first count its measure: ``Госпитализированы 12 человек: в
    Бишкеке — 8, в Оше — 4``, ``В Чуйской области — 5 погибших, в Таласской — 3``. A verb of
    counting (``counting_verbs``) only says who gives the other estimate: ``На шествие вышли
    до 3 тысяч человек, полиция насчитала 900``."""
    if c.noun_rule != "noun_of_number_before" or _says_more(s, c):
        return None
    x = _noun_source(s, c)
    said = x.direct or x.pred if x is not None else None
    if not said or said[0] == "negated":
        return None
    lo = _noun_end(x)
    if any(_verb_of_its_own_estimate(s, k, c) for k in range(lo, c.q_i)):
        return None
    if _action_noun_before(s, c):
        return None  # "о ликвидации 5 боевиков и задержании еще 8": an action of its own
    return said[0], "gapped_predicate", said[2]


def _verb_of_its_own_estimate(s: _Sentence, k: int, c: _Cand) -> bool:
    """Whether token ``k`` is a verb other than one of counting (``counting_verbs``) right
    before the count: the ``насчитала`` of ``полиция насчитала 900`` only says who counted,
    not the one of ``насчитала в толпе 2 тысячи`` (a place of its own)."""
    t = s.tokens[k]
    if t.kind != "word" or _pos(t) not in _VERBAL:
        return False
    if any(s.low(q) not in s.lex.skip_words for q in range(k + 1, c.q_i)):
        return True
    return not morph_ru.lemmas(t.low) & s.lex.counting_verbs


def _action_noun_before(s: _Sentence, c: _Cand) -> bool:
    """Whether a noun of an action (``action_nouns``) stands right before the count (only
    skip words between): ``и задержании ещё 8``."""
    k = c.q_i - 1
    while k > s.a and s.tokens[k].low in s.lex.skip_words:
        k -= 1
    if k < s.a or s.tokens[k].kind != "word":
        return False
    return bool(morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.action_nouns.keys())


def _says_more(s: _Sentence, c: _Cand) -> bool:
    """Whether words follow the count in its clause (``трое — в тяжелом состоянии``): it
    has a predicate of its own, if not one we measure. A joiner before the next count of a
    list is none; the list says what its last count says (``уничтожены 6 домов, 3 гаража
    и 11 машин``, but ``2 ребёнка и 3 полицейских ранены``)."""
    lo, hi = _noun_end(c), _right_limit(s, c)
    nxt = _next_count(s, c)
    if nxt is not None and nxt.q_i == hi and _only_joiners(s, lo, hi):
        return _says_more(s, nxt)
    if lo < hi and s.tokens[lo].low in _COORDINATION and _noun_joined(s, lo, hi):
        return False  # "разрушены 14 домов, 2 школы и мост"
    if _origin_only(s, lo, hi):
        return False  # "27 уроженцев Таджикистана и 9 — из Киргизии"
    if _prev_count(s, c) is not None and _attribute_only(s, lo, hi):
        return False  # "убиты 24 заключенных и трое сотрудников колонии"
    if _prev_count(s, c) is not None and _condition_only(s, c, lo, hi):
        return False  # "госпитализированы 4 шахтера и 2 спасателя в тяжелом состоянии"
    return any(s.tokens[k].kind == "word" for k in range(lo, hi))


def _condition_only(s: _Sentence, c: _Cand, lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` after the noun of a list's last count are only a state
    that measures nothing (``condition``): the state says how the list's people are, not
    what else happened to the last ones (``доставлены в больницу 3 рабочих и 2 водителя в
    тяжелом состоянии``). A count without a noun of its own keeps the state as its own
    (``ранены 5 человек, 2 в тяжелом состоянии``)."""
    if c.after is None or c.after.kind != "counted" or lo >= hi:
        return False
    states = [p for p in s.preds if lo <= p.i and p.j <= hi]
    if not states or any(p.strong or "condition" not in p.classes for p in states):
        return False
    inside = {k for p in states for k in range(p.i, p.j)}
    return all(k in inside for k in range(lo, hi) if s.tokens[k].kind == "word")


def _attribute_only(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` after a count's noun only describe that noun, with no verb
    and no state: a noun phrase in the genitive (``сотрудников колонии``, ``сотрудников
    правоохранительных органов``) or after ``с`` in the instrumental (``2 склада с
    оружием``)."""
    words = range(lo, hi)
    if not words or any(s.tokens[k].kind != "word" for k in words):
        return False
    if any(p.i < hi and lo <= p.j for p in s.preds):
        return False
    case = "gent"
    if s.low(lo) in s.lex.attribute_prepositions:
        case, words = s.lex.attribute_prepositions[s.low(lo)], range(lo + 1, hi)
    return bool(words) and all(
        any(
            p.tag.POS in _ADJECTIVAL | _NOUN and case in p.tag.grammemes
            for p in morph_ru.parses(s.tokens[k].low)
        )
        and _pos(s.tokens[k]) not in _VERBAL
        for k in words
    )


def apposition_group(s: _Sentence, c: _Cand) -> str:
    """The group of a count of generic people right after a dash that restates a noun
    phrase of named people before the dash (its nouns, adjectives and genitives, no verb):
    ``задержали участников несанкционированной акции — около 30 человек`` (protesters),
    ``эвакуировали воспитанников детского дома — 25 человек`` (children); "" for another
    count, or a dash after a verb (``Пострадали — 5 человек``)."""
    if c.cls != "people" or c.group != "total" or c.after is None or c.after.kind != "counted":
        return ""
    k = c.q_i - 1
    if k <= s.a or s.tokens[k].text not in _DASHES:
        return ""
    group = ""
    for n in range(k - 1, max(s.a, k - 6) - 1, -1):
        t = s.tokens[n]
        if t.kind != "word" or _pos(t) not in _ADJECTIVAL | _NOUN:
            break
        hit = _noun_at(s, n)
        if hit is not None and hit[1][0] == "people" and hit[0] <= k:
            group = hit[1][1]  # the leftmost noun heads the phrase
    return "" if group == "total" else group


def _origin_group(s: _Sentence, c: _Cand) -> str:
    """The group of people a count without a noun of its own is said to come from (``9 — из
    Киргизии``): nationals, civilians where the event happened, else foreigners; "" for
    another count."""
    lo, hi = _noun_end(c), _right_limit(s, c)
    if c.cls != "people" or c.after is not None or not _origin_only(s, lo, hi):
        return ""
    lemmas = morph_ru.lemmas(s.tokens[hi - 1].low)
    if lemmas & s.lex.country_places:
        return ""  # a town of a country: "3 человека из Оша, 2 из Узгена"
    theirs = _countries_of(s, hi - 1, "gent")[0] or lemmas
    return "civilians" if theirs & _places_of_clause(s, hi - 1) else "foreigners"


def _origin_only(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` only say where the people counted come from, a dash
    first or not: ``— из Киргизии`` (``origin_prepositions`` and a country's name)."""
    if lo < hi and s.tokens[lo].text in _DASHES:
        lo += 1
    if hi - lo < 2 or s.low(lo) not in s.lex.origin_prepositions:
        return False
    names = range(lo + 1, hi)
    return all(_capitalised_in(s.tokens[k], "gent", _ADJECTIVAL | _NOUN) for k in names)


def _noun_joined(s: _Sentence, lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` after a joiner only name a thing or person of the
    lexicon with no count, no verb and no state: ``и мост``, ``и здание акимата``."""
    if any(p.i < hi and lo <= p.j for p in s.preds):
        return False
    words = [k for k in range(lo + 1, hi) if s.tokens[k].kind == "word"]
    if not words or any(_pos(s.tokens[k]) in _VERBAL for k in words):
        return False
    return _noun_at(s, words[0]) is not None or (
        _pos(s.tokens[words[0]]) in _ADJECTIVAL
        and any(_noun_at(s, k) is not None for k in words[1:3])
    )


def _own_verb_before(s: _Sentence, c: _Cand) -> bool:
    """Whether a verb stands before the number in its clause (``ликвидированы 4 боевика``,
    ``обратились 1300 человек``): the number has a predicate, if not one we measure."""
    return any(
        s.tokens[k].kind == "word" and _pos(s.tokens[k]) in _VERBAL
        for k in range(_left_limit(s, c), c.q_i)
    )


def _is_marked_part(s: _Sentence, c: _Cand) -> bool:
    """Whether a count is marked as part of the one before (``400 из них``)."""
    if _marker_before(s, c) is not None:
        return True
    return any(_words_at(s, c.q_end, w) > 0 for w in s.lex.subset_after.get(s.low(c.q_end), ()))


def referent_measure(s: _Sentence, c: _Cand):
    """``Там их два``: the figure the pronoun points to gives the measure."""
    ref = _pronoun_ref(s, c)
    if ref is not None:
        c.ref = ref
        return ("=" + ref.measure), "referent_measure", None
    return None


def earlier_report(s: _Sentence, c: _Cand):
    """A number without a noun that a verb of reporting governs through ``о``
    (``report_verbs``, ``about``) restates, as an earlier or other report, what the figure
    before it in the sentence (else the last figure of the entry) counts: ``Число раненых
    уточнено — 31 (вчера говорилось о двадцати)``, ``Задержаны 5 человек. Ранее сообщалось о
    трёх.``"""
    if c.after is not None or c.q_i - 2 < s.a or s.low(c.q_i - 1) not in s.lex.about:
        return None
    t = s.tokens[c.q_i - 2]
    if t.kind != "word" or not morph_ru.lemmas(t.low) & s.lex.report_verbs:
        return None
    prev = _prev_count(s, c)
    ref = prev.figure if prev is not None else c.ref  # else the entry's last figure
    if ref is None:
        return None
    c.ref = ref
    return "=" + ref.measure, "earlier_report", None


def pronoun_clause(s: _Sentence, c: _Cand):
    """A count without a verb of its own, then a clause opened by a pronoun that stands for
    it (``subject_pronouns``): the pronoun's predicate is the count's main one (``Среди
    раненых трое полицейских, они доставлены в госпиталь``: hospitalized)."""
    if not _verbless(s, c):
        return None
    k = _right_limit(s, c)
    if k + 1 >= s.b or s.tokens[k].text != "," or s.low(k + 1) not in s.lex.subject_pronouns:
        return None
    _, hi = _clause(s, k + 1, k + 2)
    if any(k < x.q_i < hi for x in s.counts()):
        return None
    preds = [p for p in s.preds if p.strong and k + 1 < p.i < hi]
    said = _pick(s, c, preds[:1], "pronoun_clause")
    return None if said is None or said[0] == "negated" else said  # "они не госпитализированы"


def noun_says(s: _Sentence, c: _Cand):
    """A noun that says what happened: ``Сообщается о 14 погибших``, ``16 пострадавших за
    день``, ``тела еще трех погибших были найдены``, ``Четыре тела извлекли``; a noun of the
    action before the count (``action_nouns``): ``Гибель 4 человек``, ``арест 3 активистов``;
    after ``без`` (``without``) it says nothing happened: ``Обошлось без жертв: все 48
    пассажиров живы``."""
    if c.after is not None and c.after.kind == "counted" and not _one_picked(s, c):
        cls = s.lex.noun_measures.get(c.after.lemma)
        if cls:
            return cls, "noun_says", (c.after.i, c.after.j)
        for k in range(c.q_end, c.after.i):  # "трое раненых полицейских"
            for lemma in morph_ru.nominal_lemmas(s.tokens[k].low):
                cls = s.lex.noun_measures.get(lemma)
                if cls and _measure_of(s, c.after.cls, cls):
                    return cls, "noun_says", (k, c.after.j)
    k = c.q_i - 1  # "извлекли тела (ещё) 5 человек", "Погибших — 5"
    while k > s.a and (s.tokens[k].low in s.lex.skip_words or s.tokens[k].text in ":–—-"):
        k -= 1
    if k >= s.a and s.tokens[k].kind == "word" and not _counted_noun(s, k):
        phrase = _action_phrase_at(s, k)
        if phrase is not None:
            return phrase[0], "noun_says", (phrase[1], k + 1)
        for lemma in morph_ru.nominal_lemmas(s.tokens[k].low):
            cls = s.lex.noun_measures.get(lemma) or s.lex.action_nouns.get(lemma)
            if cls and s.low(k - 1) in s.lex.without:  # "Обошлось без жертв: все 48 живы"
                return "negated", "noun_says", (k - 1, k + 1)
            if cls:
                return cls, "noun_says", (k, k + 1)
    span = _marker_before(s, c)
    if span is not None:  # "Среди погибших два ребёнка"
        for k in range(*span):
            for lemma in morph_ru.nominal_lemmas(s.tokens[k].low):
                cls = s.lex.noun_measures.get(lemma)
                if cls:
                    return cls, "noun_says", span
        return _noun_before_parts(s, span)
    return None


def _action_phrase_at(s: _Sentence, k: int) -> tuple[str, int] | None:
    """An action noun of several words (``action_nouns``) that ends at ``k``, with its class
    and first token: ``мера пресечения в виде заключения под стражу трём подозреваемым``
    (``заключение под стража``: detained)."""
    for phrase, cls in s.lex.action_nouns.items():
        words = phrase.split()
        start = k - len(words) + 1
        if len(words) < 2 or start < s.a:
            continue
        if all(
            s.tokens[start + n].kind == "word"
            and (
                s.tokens[start + n].low == w
                or w in morph_ru.nominal_lemmas(s.tokens[start + n].low)
            )
            for n, w in enumerate(words)
        ):
            return cls, start
    return None


def _noun_before_parts(s: _Sentence, span: tuple[int, int]):
    """Parts set off by a comma after a noun that says what happened, with no count of its
    own in its clause: the noun says what happened to the parts too (``Число жертв схода
    лавины, среди которых двое детей, возросло до девяти``, ``Число пострадавших, включая
    трёх полицейских, достигло 14``); parts of people the clause says nothing of stay
    unread (``Жители села, среди которых 12 детей, эвакуированы``)."""
    if span[0] <= s.a or s.tokens[span[0] - 1].text != ",":
        return None
    counted = {k for x in s.cands for k in range(x.m.i, _noun_end(x))}
    for k in range(span[0] - 2, s.a - 1, -1):
        if _boundary(s, k) or k in counted:
            return None
        if s.tokens[k].kind != "word" or _pos(s.tokens[k]) in _VERBAL:
            if s.tokens[k].kind == "word":
                return None
            continue
        for lemma in morph_ru.nominal_lemmas(s.tokens[k].low):
            cls = s.lex.noun_measures.get(lemma)
            if cls:
                return cls, "noun_says", (k, k + 1)
    return None


def _one_picked(s: _Sentence, c: _Cand) -> bool:
    """A count picked from a whole whose noun says nothing of it: one, whom the noun only
    identifies (``Показания дал один из задержанных``), or a part with a verb of its own
    (``Шестеро из задержанных отпущены``, as ``12 из них доставлены в суд``)."""
    if s.low(c.q_end) not in s.lex.picks:
        return False
    return c.m.value == 1 or _verb_of_its_own(s, c)


def participle_says(s: _Sentence, c: _Cand):
    """A past participle of a one-word predicate between the number and its noun says what
    happened to them: ``Итог за сутки: 6 сгоревших машин``, ``5 погибших военнослужащих``."""
    if c.after is None or c.after.kind != "counted":
        return None
    cls = c.cls or "people"
    for k in range(c.q_end, c.after.i):
        t = s.tokens[k]
        found = morph_ru.parses(t.low)[:1] if t.kind == "word" else ()
        for p in found:
            if not {"PRTF", "past"} <= p.tag.grammemes:
                continue
            lemma = p.normal_form.replace("ё", "е")
            for words, classes in s.lex.predicates.get(lemma, ()):
                if len(words) == 1 and _measure_of(s, cls, classes):
                    return _class_for(s, c, classes), "participle_says", (k, k + 1)
    return None


def _counted_noun(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is the noun of another count (``Из 17 пострадавших 9 выписаны``:
    ``пострадавших`` is the seventeen's, it says nothing of the nine)."""
    return any(x.after is not None and x.after.i <= k < x.after.j for x in s.cands)


def noun_opens_clause(s: _Sentence, c: _Cand):
    """A noun that says what happened opens a verbless clause and the number ends it, past
    the words that say where or how and a dash: ``Погибших в результате схода селя уже 14``,
    ``Пострадавших в ДТП с автобусом — 17``; a copula may stand before the number
    (``Митингующих было около 200``, ``Погибших оказалось 12``), a toll noun before the noun
    (``Число пострадавших — 56 человек``)."""
    k = _clause_opening(s, c)
    if k is None or _predicate_after_bracket(s, c):
        return None
    if k + 1 < c.q_i and morph_ru.lemmas(s.tokens[k].low) & s.lex.toll_nouns:
        k += 1  # "число пострадавших — 56 человек": a toll without a verb
    if not {"gent", "plur"} <= _grammemes(s.tokens[k]):
        return None
    if any(x is not c and x.q_end <= k < _noun_end(x) for x in s.counts()):
        return None  # "Из 12 задержанных водителей восемь находились ...": the 12's noun
    ante = _antecedent_at(s, k)  # "Митингующие, которых было около 300"
    k = k if ante is None else ante
    for cls in _measures_at(s, k):
        return cls, "noun_opens_clause", (k, k + 1)
    return None


def _predicate_after_bracket(s: _Sentence, c: _Cand) -> bool:
    """Whether a number in brackets is an aside to a clause whose predicate follows them:
    ``Раненых (4 человека) отправили в больницу`` (hospitalized, not injured)."""
    if c.q_i - 1 < s.a or s.tokens[c.q_i - 1].text != "(":
        return False
    k = next((k for k in range(c.q_end, s.b) if s.tokens[k].text == ")"), None)
    if k is None:
        return False
    starts = {p.i: p for p in s.preds if p.strong}
    for j in range(k + 1, s.b):
        if j in starts:
            return True
        if _boundary(s, j):
            break
    return False


def _clause_opening(s: _Sentence, c: _Cand) -> int | None:
    """The first word of a clause without a verb (a copula aside) that the number ends, past
    words of place or manner and a dash, unless it is another count's noun: ``Погибших в
    результате схода селя уже 14``, ``Митингующих было около 200``; a verb of change may
    stand before the number, and a noun in the genitive plural right before a copula or such
    a verb opens the clause (``В результате удара погибших стало 12``); a colon right before
    the number stands for a dash (``Количество задержанных на сегодня: 40 человек``), and so
    does a bracket that opens before it (``Количество раненых при взрыве (9 человек)
    уточняется``); else None."""
    ends = {x.m.j for x in s.cands if x is not c and x.m.j <= c.q_i}
    k = c.q_i
    while k > s.a and k not in ends:
        t = s.tokens[k - 1]
        label = k == c.q_i and t.text in (":", "(")
        aside = _aside_before(s, k - 1) if t.text == "," else -1
        if aside >= 0:  # "которых, по оценкам очевидцев, было несколько тысяч"
            k = aside
            continue
        if t.kind == "punct" and t.text not in _DASHES and not label:
            break
        if t.kind == "word" and _pos(t) in _VERBAL and not (_copula(s, t) or _changes(s, k - 1)):
            return None
        verb = t.kind == "word" and _pos(t) in _VERBAL
        if verb and k - 2 >= s.a and {"gent", "plur"} <= _grammemes(s.tokens[k - 2]):
            k -= 2  # "по Одессе погибших стало 12": the noun before the copula opens it
            break
        k -= 1
    if k >= c.q_i or s.tokens[k].kind != "word" or _counted_noun(s, k):
        return None
    return k


def _aside_before(s: _Sentence, k: int) -> int:
    """The comma that opens an aside of who says it (``asides``, then up to four words of a
    noun phrase) closed by the comma at ``k``: ``которых, по оценкам очевидцев, было``;
    else -1."""
    for n in range(k - 1, max(s.a, k - 8) - 1, -1):
        if s.tokens[n].text != ",":
            continue
        for words in s.lex.asides:
            end = _words_at(s, n + 1, words)
            if end < 0 or end > k or k - end > 4:
                continue
            if all(
                s.tokens[j].kind == "word" and _noun_phrase_word(s.tokens[j]) for j in range(end, k)
            ):
                return n
        return -1
    return -1


def list_after_colon(s: _Sentence, c: _Cand):
    """Numbers without a noun in a list after a colon, by places, share the predicate and the
    lexicon noun of the clause before the colon, when that clause has no figure of its own:
    ``Пострадавшие доставлены в больницы: в городскую — четверо, в детскую — двое``; the
    place may follow the number (``доставлены в три больницы: 4 в городскую, 2 в
    детскую``), but no predicate or state of its own (``трое — в тяжелом состоянии``). An
    item may count a noun of its own (``Пострадавшие госпитализированы: в городскую больницу —
    6 человек, в детскую — 3 ребёнка``)."""
    own = c.after is not None and c.after.kind == "counted"
    if c.after is None and c.cls and _place_after_dash(s, c):
        prev = _prev_count(s, c)  # "...: 12 человек в центр травматологии, ещё 8 — в ГКБ"
        if prev is not None and prev.pred and prev.pred[1] == "list_after_colon":
            return prev.pred
    if (c.cls and not own) or (c.after is not None and not own) or _place_after(s, c) is None:
        return None
    colon = next((k for k in range(c.q_i - 1, s.a - 1, -1) if s.tokens[k].text == ":"), None)
    if colon is None or any(x.m.i < colon and x.figure is not None for x in s.counts()):
        return None  # "Госпитализированы 12 человек: в Бишкеке — 8" is a gapped predicate
    if any(
        s.tokens[k].kind == "word" and _pos(s.tokens[k]) in _VERBAL for k in range(colon, c.q_i)
    ):
        return None
    if own:  # "Погибших доставили в морг: 4 человека": the noun says, with no predicate
        preds = [p for p in s.preds if s.a <= p.i and p.j <= colon and p.strong and not p.negated]
        return _pick(s, c, preds, "list_after_colon") or _said_before_colon(s, c, colon)
    noun = next((h for k in range(s.a, colon) if (h := _noun_at(s, k)) is not None), None)
    if noun is None:
        return None
    c.cls, c.group = noun[1]
    preds = [p for p in s.preds if s.a <= p.i and p.j <= colon and p.strong and not p.negated]
    got = _pick(s, c, preds, "list_after_colon") or _said_before_colon(s, c, colon)
    if got is None:
        c.cls, c.group = "", ""
    return got


def _place_after_dash(s: _Sentence, c: _Cand) -> bool:
    """Whether only a place follows the number in its clause, a dash first or not, with no
    verb form or predicate (a place of care is a state): ``ещё 8 — в городскую больницу``."""
    lo, hi = _noun_end(c), _right_limit(s, c)
    if lo < hi and s.tokens[lo].text in _DASHES:
        lo += 1
    if lo >= hi or _pos(s.tokens[lo]) != "PREP":
        return False
    if any(p.strong and p.i < hi and p.j > lo for p in s.preds):
        return False
    return not any(
        s.tokens[k].kind == "word" and _pos(s.tokens[k]) in _VERBAL for k in range(lo, hi)
    )


def _said_before_colon(s: _Sentence, c: _Cand, colon: int):
    """With no predicate before the colon, a plural noun there that says what happened
    gives the list its measure (places may be named in the nominative): ``Больше всего
    раненых на дорогах в областях: Чуйская — 40, Иссык-Кульская — 22``."""
    if any(p.strong and s.a <= p.i < colon for p in s.preds):
        return None
    if any(_negated(s, k + 1) for k in range(s.a, colon)):
        return None  # "Пострадавшие не выявлены в районах: ..."
    for k in range(s.a, colon):
        if s.tokens[k].kind == "word" and "plur" in _grammemes(s.tokens[k]):
            for cls in _measures_at(s, k):
                return cls, "list_after_colon", (k, k + 1)
    return None


def _place_after(s: _Sentence, c: _Cand) -> int | None:
    """The end of what follows the number in its clause when it is nothing, or a place
    (a preposition and words with no verb form, predicate or state: ``4 в городскую``);
    else None."""
    lo, hi = _noun_end(c), _right_limit(s, c)
    if lo == hi or not any(s.tokens[k].kind == "word" for k in range(lo, hi)):
        return hi
    if _pos(s.tokens[lo]) != "PREP" or any(p.i < hi and p.j > lo for p in s.preds):
        return None
    if any(s.tokens[k].kind == "word" and _pos(s.tokens[k]) in _VERBAL for k in range(lo, hi)):
        return None
    return hi


def _measures_at(s: _Sentence, k: int) -> list[str]:
    """The predicate classes the noun at ``k`` says, by its lemmas (:func:`_noun_measure`),
    else ``crowd`` for a phrase of ``crowd_nouns`` (``Число участников акции превысило
    500``; ``участников конкурса`` says nothing), else those of a participle standing for
    people (:func:`_people_participle`: ``Число отравившихся выросло до 37``)."""
    found = [
        cls
        for lemma in morph_ru.nominal_lemmas(s.tokens[k].low)
        if (cls := _noun_measure(s, lemma))
    ]
    if not found:
        hit = _noun_at(s, k)
        if hit is not None and hit[2] in s.lex.crowd_nouns:
            found.append("crowd")
    if not found and s.tokens[k].kind == "word":  # "Число отравившихся выросло до 37"
        verb = _people_participle(s, _Noun("unknown", k, k + 1))
        phrases = _phrases_from(s.tokens[k].low) if verb else ()
        found += sorted(
            {c for words, classes, strong in phrases if words == (verb,) for c in classes}
        )
    return found


def _noun_measure(s: _Sentence, lemma: str) -> str:
    """The predicate class a noun that opens a clause or a toll says: ``noun_measures``
    (``Погибших — 5``), or ``crowd`` for the people at a protest (``crowd_nouns``:
    ``Митингующих было около 200``)."""
    return s.lex.noun_measures.get(lemma) or ("crowd" if lemma in s.lex.crowd_nouns else "")


def _copula(s: _Sentence, t: Token) -> bool:
    """Whether a word is a finite form of a copula (``было``, ``оказалось``): it links a
    number to what it counts and reports nothing itself."""
    return _pos(t) == "VERB" and bool(morph_ru.lemmas(t.low) & s.lex.copulas)


def _grammemes(t: Token) -> frozenset[str]:
    """Grammemes of a word's most likely parse."""
    found = morph_ru.parses(t.low) if t.kind == "word" else ()
    return frozenset(found[0].tag.grammemes) if found else frozenset()


def participants_of_event(s: _Sentence, c: _Cand):
    """Participants named by a possessive of a gathering named before them, with no
    predicate of their own: ``Акция длилась два часа; около 300 ее участников разошлись``
    (crowd); ``15 его участников задержаны`` keeps its predicate."""
    if c.after is None or c.after.kind != "counted" or c.after.lemma not in s.lex.participants:
        return None
    if not any(_possessive(s.tokens[k]) for k in range(c.q_end, c.after.i)):
        return None
    for k in range(s.a, c.q_i):
        if morph_ru.nominal_lemmas(s.tokens[k].low) & s.lex.gatherings:
            return "crowd", "participants_of_event", (k, c.after.j)
    return None


def sentence_predicate(s: _Sentence, c: _Cand):
    """A counted noun with no predicate in its clause takes the nearest one of its
    sentence, after it first: ``две женщины, пострадавшие при пожаре, доставлены в
    больницу``, ``Десятки тысяч протестующих по всей стране ... вышли на улицы``."""
    return _fallback(s, c)


def participle_before(s: _Sentence, c: _Cand):
    """A past participle of a predicate phrase opening the count's clause says what happened
    to the people it describes, when no predicate of the sentence measures them:
    ``Доставленные в больницу 17 рабочих находятся под наблюдением врачей``; a participle of
    no phrase says nothing (``Доставленные домой 5 детей``)."""
    if c.after is None or c.after.kind != "counted":
        return None
    k = _left_limit(s, c)
    if k != _clause(s, c.q_i, c.q_end)[0]:
        return None  # after another count: "Из 37 отравившихся 21 ребёнок"
    while k < c.q_i and s.tokens[k].low in s.lex.skip_words:
        k += 1
    t = s.tokens[k]
    if k >= c.q_i or t.kind != "word" or _negated(s, k):
        return None
    if not any({"PRTF", "past"} <= q.tag.grammemes for q in morph_ru.parses(t.low)[:1]):
        return None
    cls = c.cls or "people"
    for words, classes, strong in _phrases_from(t.low):
        if not strong or not s.words.issuperset(words):
            continue
        end = _match_seq(s, k, words, gap=3, nominal=False)
        if 0 < end <= c.q_i and _measure_of(s, cls, classes):
            return _class_for(s, c, classes), "participle_before", (k, end)
    return None


def predicate_of_bracketed_noun(s: _Sentence, c: _Cand):
    """A number in brackets takes the predicate of the noun before them
    (``noun_before_brackets``), the nearest in the noun's clause, before it first:
    ``Пострадали рабочие цеха (пятеро)``, ``Дети (двое) госпитализированы``."""
    if c.bracketed < 0:
        return None
    lo = _left_limit(s, c, c.bracketed)
    left = [p for p in reversed(s.preds) if lo <= p.i and p.j <= c.bracketed]
    close = next((k for k in range(c.q_end, s.b) if s.tokens[k].text == ")"), s.b)
    hi = close + 1
    while hi < s.b and not _boundary(s, hi):
        hi += 1
    right = [p for p in s.preds if close < p.i and p.j <= hi]
    return _pick(s, c, left, "predicate_of_bracketed_noun") or _pick(
        s, c, right, "predicate_of_bracketed_noun"
    )


def _fallback(s: _Sentence, c: _Cand):
    if c.after is None or c.after.kind != "counted":
        return None
    if _governed(s, c):
        return None
    hi = _noun_end(c)
    # not past another count: its predicate is its own ("8 человек, ещё 25 ранены")
    nxt, prev = _next_count(s, c), _prev_count(s, c)
    nxt = _after_parenthetical_parts(s, c, nxt)
    # ...unless a list of its parts follows ("10 человек — 9 школьников и учитель погибли")
    listed = hi < s.b and s.tokens[hi].text in ":–—-"
    stop = nxt.q_i if nxt is not None and not listed else s.b
    start = prev.m.j if prev is not None else s.a
    start = max(start, _outside_count_before(s, c))
    # ...nor to a predicate that is another count's own ("полиция задержала 30 из них")
    taken = {x.direct[2] for x in s.counts() if x is not c and x.direct and not listed}
    right = [p for p in s.preds if hi <= p.i and p.j <= stop and p.strong]
    left = [p for p in reversed(s.preds) if start <= p.i and p.j <= c.q_i and p.strong]
    # ...nor to what the count did ("Четверо хулиганов, избившие студента, задержаны")
    right = [p for p in right if (p.i, p.j) not in taken and not _agent_of(s, c, p)]
    left = [p for p in left if (p.i, p.j) not in taken]
    if _verb_of_its_own(s, c):  # "Рейс задержан на 3 часа, 180 пассажиров ожидают"
        left = []
    for after, side in ((True, right), (False, left)):
        side = [p for p in side if not p.negated]
        if side and after:  # "..., получили травмы и были госпитализированы"
            side = [_last_coordinated(s, c, side[0])]
        got = _pick(s, c, side[:1], "sentence_predicate") if side else None
        if got:
            return got
    return None


def _outside_count_before(s: _Sentence, c: _Cand) -> int:
    """The token after the last count of a thing outside the vocabulary before ``c``: a
    predicate before it is that count's (``задержаны 14 рейсов, около 2 тысяч пассажиров
    ожидают вылета``: no detained passengers)."""
    for x in reversed(s.cands[: s.cands.index(c)]):
        if x.reason == "not_counted":
            return x.m.j
    return s.a


def _after_parenthetical_parts(s: _Sentence, c: _Cand, nxt: _Cand | None) -> _Cand | None:
    """The next count past the parts set off after ``c`` (``Пять человек, в том числе двое
    детей, погибли``: the predicate after the parts is the whole's too)."""
    while nxt is not None and _is_marked_part(s, nxt):
        after = _next_count(s, nxt)
        while after is not None and _only_joiners(s, _noun_end(nxt), after.q_i):
            nxt, after = after, _next_count(s, after)
        nxt = after
    return nxt


def _governed(s: _Sentence, c: _Cand, *, verbs: bool = True) -> bool:
    """Whether an active transitive participle in an oblique case (or, with ``verbs``, a
    verb form) stands before the number in its clause: the number is its object
    (``Сбившего двух школьников водителя задержали``), and a predicate after it is another
    noun's. A nominative participle may describe the count itself (``Получившие травмы 5
    человек доставлены``)."""
    for k in range(_left_limit(s, c), c.q_i):
        t = s.tokens[k]
        if t.kind != "word":
            continue
        if verbs and _pos(t) in _VERBAL:
            return True
        tags = [p.tag.grammemes for p in morph_ru.parses(t.low)[:1]]
        if any({"PRTF", "actv", "tran"} <= g and "nomn" not in g for g in tags):
            return True
        if any({"PRTF", "actv", "tran", "nomn", "sing"} <= g for g in tags) and _plural(c):
            return True  # "Мужчина, захвативший 6 человек, задержан": no count it describes
    return False


def _plural(c: _Cand) -> bool:
    """Whether a count takes a plural participle: any number but 1, 21, 31... (``21
    человек, получивший травмы``)."""
    v = c.m.value
    return v is not None and (v % 10 != 1 or v % 100 == 11)


PREDICATE_RULES: tuple[Callable, ...] = (
    count_range,
    change_by,
    whole_of_a_part,
    part_of_a_thing,
    whole_of_nobody,
    predicate_right_before,
    coordinated_predicates,
    predicate_after,
    predicate_before,
    size_of_crowd,
    counted_crowd,
    toll,
    harm_of_owner,
    predicate_past_parts,
    parent_measure,
    coordination,
    gapped_predicate,
    referent_measure,
    earlier_report,
    pronoun_clause,
    noun_says,
    participle_says,
    noun_opens_clause,
    list_after_colon,
    predicate_of_bracketed_noun,
    participants_of_event,
    sentence_predicate,
    participle_before,
)
_DIRECT = PREDICATE_RULES[:9]


# --- rules: qualifier ----------------------------------------------------------------------
# Each returns (qualifier, first token of the qualifier words) or None.


def qualifier_before(s: _Sentence, c: _Cand):
    """Words right before the number: ``около 40`` (approx), ``более 40``, ``свыше 340``
    (more_than), ``не менее пяти``, ``по меньшей мере 10`` (at_least), ``до 50`` (up_to)."""
    if c.m.i - 1 < s.a:
        return None
    by_last = s.lex.q_by_last
    for words, q in by_last.get(s.tokens[c.m.i - 1].low, by_last["*"]):
        k = c.m.i - len(words)
        if k < s.a:
            continue
        if all(w == "*" or s.tokens[k + n].low == w for n, w in enumerate(words)):
            return q, k
    return None


def change_to(s: _Sentence, c: _Cand):
    """``увеличилось до 117``, ``До 4 увеличилось число погибших``: a new value, not a bound;
    so is the next value of a list that leaves the verb out (``раненых – до 40``)."""
    if s.low(c.m.i - 1) != "до":
        return None
    before = c.m.i - 2
    hedge = _hedge_at(s, before)  # "выросла почти до 3 тысяч": approx
    if hedge and _changes(s, before - 1):
        return hedge, before
    after = c.m.j if c.after is None or c.after.kind != "counted" else c.after.j
    for k in (before, after):
        if s.a <= k < s.b and _changes(s, k):
            return "exact", c.m.i - 1
    if s.a <= before and s.tokens[before].text in _DASHES and _gapped_change(s, c):
        return "exact", c.m.i - 1
    if _changed_toll_before(s, before):
        return "exact", c.m.i - 1
    return None


def _changed_toll_before(s: _Sentence, k: int) -> bool:
    """Whether a verb of change and the toll it changes, its object, end at ``k``: ``уточнили
    число жертв до 21``, ``увеличили количество погибших до 12`` (the new value)."""
    for n in range(k, max(s.a, k - 3), -1):
        if s.tokens[n].kind != "word":
            return False
        if _is_toll_noun(s, n):
            return n < k and _changes(s, n - 1) != ""
    return False


def _hedge_at(s: _Sentence, k: int) -> str:
    """The qualifier of a one-word hedge at ``k`` (``почти``, ``около``), or ""."""
    if not s.a <= k < s.b:
        return ""
    for words, q in s.lex.q_by_last.get(s.tokens[k].low, ()):
        if len(words) == 1 and q != "up_to":
            return q
    return ""


def _gapped_change(s: _Sentence, c: _Cand) -> bool:
    """Whether the count before ``c`` was a new value after a verb of change that a dash
    leaves out before ``c`` (``Число погибших возросло до 13, раненых – до 40``)."""
    if c not in s.counts():
        return False
    prev = _prev_count(s, c)
    return prev is not None and (
        (prev.pred is not None and prev.pred[1] == "toll") or change_to(s, prev) is not None
    )


def changed_past(s: _Sentence, c: _Cand):
    """``число погибших превысило 100``: a verb of change right before the number."""
    k = c.m.i - 1
    if k >= s.a and _changes(s, k) == "more_than":
        return "more_than", c.m.i
    return None


def several(s: _Sentence, c: _Cand):
    """A vague quantity: ``десятки`` (10), ``сотни людей`` (100), ``несколько тысяч`` (1000);
    a word that may be singular after a qualifier is one round number (``порядка сотни``)."""
    if not c.m.several:
        return None
    form = number_word(s.tokens[c.m.i].low)
    if c.m.j - c.m.i == 1 and form is not None and form.singular and qualifier_before(s, c):
        return None
    return "several", c.m.i


def about_with_preposition(s: _Sentence, c: _Cand):
    """A preposition of ``approx_prepositions`` before a number noun in the accusative:
    ``С десяток автомобилей сгорели``, ``с сотню человек`` (approx); not before digits or
    another case (``с 5 пострадавшими``)."""
    k = c.m.i - 1
    if k < s.a or s.tokens[k].low not in s.lex.approx_prepositions:
        return None
    t = s.tokens[c.m.i]
    if t.kind != "word" or not any(
        {"NOUN", "accs"} <= p.tag.grammemes for p in morph_ru.parses(t.low)
    ):
        return None
    return "approx", k


QUALIFIER_RULES: tuple[Callable, ...] = (
    several,
    change_to,
    changed_past,
    about_with_preposition,
    qualifier_before,
)


def _qualifier_after(s: _Sentence, c: _Cand) -> tuple[str, int] | None:
    """``20 с лишним человек``: (more_than, token after the words) or None."""
    for words, q in s.lex.q_after.get(s.low(c.m.j), ()):
        end = _words_at(s, c.m.j, words)
        if end > 0:
            return q, end
    return None


# --- reading ---------------------------------------------------------------------------------


def _sentences(tokens: list[Token], text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of the sentences: a stop before a capital, a digit or a new line."""
    out, a = [], 0
    for k, t in enumerate(tokens):
        if k + 1 >= len(tokens):
            break
        nxt = tokens[k + 1]
        newline = "\n" in text[t.end : nxt.start]
        stop = t.text in _SENTENCE_END and (
            nxt.text[:1].isupper() or nxt.kind == "num" or nxt.text in "«\"'(["
        )
        if stop and k > 0 and tokens[k - 1].low in lex.abbreviations:
            stop = tokens[k - 1].end != t.start  # "тыс." ends no sentence
        if stop or newline:
            out.append((a, k + 1))
            a = k + 1
    out.append((a, len(tokens)))
    return [(x, y) for x, y in out if x < y]


def _the_other_of_pair(tokens: list[Token], mentions: list[Number], b: int, lex: Lexicon):
    """The other of a pair (``pair_others``) in the nominative opening a clause after a count
    of one, standing for its noun, is a count of one too: ``убит один из нападавших,
    второй задержан``, ``Один погиб, другой ранен`` (not ``второй автобус``)."""
    ones = [m for m in mentions if m.value == 1 and m.kind == "words"]
    if not ones:
        return mentions
    taken = {k for m in mentions for k in range(m.i, m.j)}
    extra = []
    for k in range(ones[0].j + 1, b - 1):
        t = tokens[k]
        if k in taken or t.kind != "word" or tokens[k - 1].text not in (",", ";", "а"):
            continue
        nxt = tokens[k + 1]
        if nxt.kind == "word" and {p.tag.POS for p in morph_ru.parses(nxt.low)[:1]} & {
            "NOUN",
            "ADJF",
        }:
            continue  # "второй автобус": an ordinal of a noun of its own
        if any(
            p.normal_form in lex.pair_others and {"nomn", "sing"} <= p.tag.grammemes
            for p in morph_ru.parses(t.low)
        ):
            extra.append(Number(k, k + 1, t.start, t.end, 1, "words"))
    return sorted([*mentions, *extra], key=lambda m: m.i)


def _expand_abbreviations(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """An abbreviated word of the lexicon (``abbreviated_words``), written glued, becomes one
    word token read as the word it stands for: ``Кол-во пострад. достигло 20`` reads as
    ``количество пострадавших``, ``300 ч-к`` as ``300 человек`` (not ``ч``, hours)."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        for words, full in lex.abbreviated.get(t.low, ()) if t.kind == "word" else ():
            j = k + len(words)
            if j <= len(tokens) and all(
                tokens[k + n].low == w and (n == 0 or tokens[k + n].start == tokens[k + n - 1].end)
                for n, w in enumerate(words)
            ):
                text = "".join(x.text for x in tokens[k:j])
                out.append(Token("word", t.start, tokens[j - 1].end, text, full))
                k = j
                break
        else:
            out.append(t)
            k += 1
    return out


def _first(rules, *args):
    for rule in rules:
        got = rule(*args)
        if got is not None:
            return rule.__name__, got
    return None


def _read_sentence(s: _Sentence, mentions: list[Number], figures: list[Figure]) -> None:
    """Read every number mention of one sentence; figures are appended in order."""
    for m in mentions:
        c = _Cand(m=m, q_i=m.i, q_end=m.j)
        after = _qualifier_after(s, c) if m.countable else None
        if after is not None:
            c.qualifier, c.q_end = after
        c.after = _after_number(s, c.q_end) if c.q_end < s.b else None
        s.cands.append(c)
    for c in s.cands:
        got = _first(NOT_COUNT_RULES, s, c)
        if got is not None:
            s.set_reason(c, got[1])
    for k in range(len(s.cands) - 2, -1, -1):
        c = s.cands[k]
        if not c.reason and c.m.countable:
            reason = range_partner(s, c, s.cands[k + 1])
            if reason:
                s.set_reason(c, reason)
    for c in s.counts():
        q = _first(QUALIFIER_RULES, s, c)
        if q is not None:
            name, (qual, k) = q
            if c.qualifier == "exact" or name == "several":
                c.qualifier = qual
            c.q_i = k
    for c in s.counts():
        noun = _first(NOUN_RULES, s, c)
        if noun is not None:
            c.noun_rule = noun[0]
            c.cls, c.group, c.ref = noun[1]
            c.generic = c.group == "total"
            if not c.cls:  # counts what the number before counts: no measured thing
                s.set_reason(c, "not_counted")
            elif origin := _origin_group(s, c):  # "5 человек, 3 — из Казахстана"
                c.group, c.generic = origin, False
            # "участников акции — около 20 человек", "число погибших детей достигло 9
            # человек", "17 госпитализированных с ожогами детей"
            elif named := apposition_group(s, c) or toll_group(s, c) or phrase_group(s, c):
                c.group, c.generic = named, False
    for c in s.counts():
        c.direct = _first_value(_DIRECT, s, c)
    for c in s.counts():
        parent = _first(PARENT_RULES, s, c)
        if parent is not None:
            c.parent, c.marker = parent[1]
            if c.parent is not None and c.parent.ncls == c.cls and c.generic:
                c.group = c.parent.group
        c.pred = c.direct or _first_value(PREDICATE_RULES[len(_DIRECT) :], s, c)
        _make_figure(s, c, figures)
        if c.guessed and c.figure is None:
            c.reason = "not_counted"  # as any count of a noun outside the vocabulary
    as_of = _as_of(s)
    for c in s.cands:
        if c.figure is not None:
            c.figure.as_of = as_of or (c.figure.parent.as_of if c.figure.parent else "")


def _as_of(s: _Sentence) -> str:
    """The date a sentence's figures refer to: ``по состоянию на 5 января``, ``на 6 января``
    (ISO with the context's year, else ``--MM-DD``), or ""."""
    for c in s.cands:
        if c.reason != "date" or c.m.value is None or c.after is None:
            continue
        for words in s.lex.as_of_words:
            k = c.m.i - len(words)
            if k >= s.a and all(s.tokens[k + n].low == w for n, w in enumerate(words)):
                month = next(
                    (
                        v
                        for lemma in morph_ru.lemmas(s.tokens[c.after.i].low)
                        if (v := s.lex.months.get(lemma))
                    ),
                    0,
                )
                if month and 1 <= c.m.value <= 31:
                    year = s.context.year
                    day = f"{month:02d}-{c.m.value:02d}"
                    return f"{year:04d}-{day}" if year else f"--{day}"
    return ""


def _first_value(rules, *args):
    got = _first(rules, *args)
    return got[1] if got is not None else None


def _make_figure(s: _Sentence, c: _Cand, figures: list[Figure]) -> None:
    """Turn a read candidate into a figure when its noun and predicate make a measure."""
    if c.pred is None or c.pred[0] == "negated":
        return
    pred_cls, rule, span = c.pred
    cls = c.cls or "people"
    group = c.group or "total"
    if rule == "toll" and c.noun_rule not in ("noun_after", "noun_of_toll"):
        # "число жертв достигло 9": the toll's own noun; but the people it counts name the
        # group ("Число протестующих превысило 500")
        cls, group = "people", "total"
    if pred_cls.startswith("="):
        measure = pred_cls[1:]
        source = c.parent if rule == "parent_measure" else c.ref
        if source is not None and source.ncls != cls:
            cls, group = source.ncls, source.group
    else:
        measure = _measure_of(s, cls, pred_cls)
    if c.guessed and measure not in s.lex.animate_measures:
        return  # an animal may die or be hurt, not be arrested
    if c.lender is not None and c.lender.figure is None:
        return  # the lender was not read as people: "Семь собак погибли, 2 госпитализированы"
    if not measure:
        return
    parts = [(s.tokens[c.q_i].start, s.tokens[c.q_end - 1].end)]
    if c.after is not None and c.after.kind == "counted":
        parts.append((s.tokens[c.after.i].start, s.tokens[c.after.j - 1].end))
    for extra in (span, c.marker):
        if extra is not None and s.a <= extra[0] < extra[1] <= s.b:
            parts.append((s.tokens[extra[0]].start, s.tokens[extra[1] - 1].end))
    clause = (min(a for a, _ in parts), max(b for _, b in parts))
    parent = c.parent
    if parent is not None and parent.parent is not None:
        parent = parent.parent
    fig = Figure(
        measure=measure,
        group=group,
        value=c.m.value,
        qualifier=c.qualifier,
        ncls=cls,
        start=c.m.start,
        end=c.m.end,
        clause=clause,
        parent=parent,
        lang="ru",
        rule=rule,
    )
    c.figure = fig
    figures.append(fig)


def _note_places(text: str, context: Context) -> None:
    """Keep the countries a segment without a number places the event in for the entry's
    later segments (``places_of_sentence_before``: ``В Турции перевернулся автобус с
    паломниками.``). Only a capitalised word after a place preposition costs morphology."""
    lex = load_lexicon()
    tokens = tokenize(text)
    if not any(
        t.low in lex.place_prepositions and u.kind == "word" and u.text[:1].isupper()
        for t, u in pairwise(tokens)
    ):
        return
    for a, b in _sentences(tokens, text, lex):
        s = _Sentence(text, tokens, a, b, lex, context, [])
        context.memory["ru_places"] = _event_countries(s, a, b) or context.memory.get(
            "ru_places", frozenset()
        )
        context.memory["ru_speakers"] = _named_countries(s) or context.memory.get(
            "ru_speakers", frozenset()
        )


def read(text: str, context: Context | None = None) -> Reading:
    """Figures and number mentions of one Russian segment.

    Parameters
    ----------
    text : str
        The segment's text (offsets of the result index it).
    context : analysis.reading.Context, optional
        Earlier figures of the same live-blog entry (for elliptic numbers and subsets) and
        the year of publication.

    Returns
    -------
    analysis.reading.Reading
        ``figures`` in reading order (``lang="ru"``, ``rule`` = the rule that decided the
        measure, ``clause`` = the span of the words they come from, ``parent`` = the whole a
        subset belongs to) and ``numbers``: one :class:`~analysis.reading.NumberSeen` per
        number mention, a figure, not a count (with its reason) or unread.

    Examples
    --------
    >>> r = read("В результате ДТП погибли 12 человек, более 40 госпитализированы.")
    >>> [(f.measure, f.group, f.value, f.qualifier) for f in r.figures]
    [('killed', 'total', 12, 'exact'), ('hospitalized', 'total', 40, 'more_than')]
    """
    context = context or Context()
    if not has_number(text):
        _note_places(text, context)
        return Reading()
    lex = load_lexicon()
    tokens = _expand_abbreviations(tokenize(text), lex)
    figures: list[Figure] = []
    numbers: list[NumberSeen] = []
    last_noun = context.memory.get("ru_last_noun")  # of the entry's earlier segments
    # the countries of the entry's last sentence that named one (places_of_sentence_before)
    places: frozenset[str] = context.memory.get("ru_places", frozenset())
    speakers: frozenset[str] = context.memory.get("ru_speakers", frozenset())
    for a, b in _sentences(tokens, text, lex):
        mentions = _the_other_of_pair(tokens, find_numbers(tokens, text, a, b), b, lex)
        earlier = [*reversed(figures), *reversed(context.earlier)]
        s = _Sentence(
            text, tokens, a, b, lex, context, earlier, last_noun, places, speakers_before=speakers
        )
        places = _event_countries(s, a, b) or places
        context.memory["ru_places"] = places
        speakers = _named_countries(s) or speakers
        context.memory["ru_speakers"] = speakers
        if not mentions:
            continue
        _read_sentence(s, mentions, figures)
        last_noun = _last_noun(s) or last_noun
        context.memory["ru_last_noun"] = last_noun
        for c in s.cands:
            if c.figure is not None:
                numbers.append(NumberSeen(c.m.start, c.m.end, c.m.value, "figure", "", c.figure))
            elif c.reason:
                numbers.append(NumberSeen(c.m.start, c.m.end, c.m.value, "not_a_count", c.reason))
            else:
                numbers.append(NumberSeen(c.m.start, c.m.end, c.m.value, "unread"))
    return Reading(figures=figures, numbers=numbers)
