"""Who states a figure, read from the text: ``attributed_to`` as written, ``source_id`` normalised.

A figure is attributed when its sentence (or, for "Бул тууралуу X билдирди." / "Об этом
сообщили в X.", the sentence after it) says who gives it: Kyrgyz ``X маалыматы боюнча``,
``X маалыматына караганда``, ``X билдирүүсүндө``, ``X билдиргендей``, ``..., деп билдирди X``,
``X ... билдирди``; Russian ``по данным X``, ``как сообщает X``, ``..., сообщили в X``.

Everything a rule knows is data:

* ``analysis/resources/attribution.yaml``: the rules (a marker regex, how the source's words
  are read around it, which figures it covers), each with examples, plus the words that never
  start a name;
* ``analysis/resources/sources.yaml``: known sources (health ministry, interior ministry,
  prosecutor general, emergency ministry, city administration, security committee, ...) with
  their names and abbreviations in ky, ru and en (``ИИМ``/``МВД``, ``ӨКМ``/``МЧС``,
  ``УКМК``/``ГКНБ``), to which the words are normalised.

The functions that read a source's words are small and named after the ``take`` values of the
rules (:func:`take_before`, :func:`take_after`, :func:`take_between`, :func:`take_subject`).
An attribution the text does not make can still be set or corrected by an annotation
(``analysis.annotations``, kind ``attribution``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from analysis.config import read_yaml, resource

__all__ = [
    "Attribution",
    "Rule",
    "attribute",
    "find_attributions",
    "load_rules",
    "load_sources",
    "normalise_source",
    "sentences",
    "source_name",
    "sources_of",
    "take_after",
    "take_before",
    "take_between",
    "take_subject",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S*\d\S*")
_DIGIT = re.compile(r"\d")
# A clause ends at a comma, semicolon, colon, bracket, quote or a dash between spaces.
_CLAUSE = re.compile(r"[,;:()«»\"“”]|\s[-–—]\s")
# A sentence ends after its stop: the group ``gap`` (quotes and spaces) starts there. (The
# stop is matched, not looked behind for: a pattern that starts with a character class is
# searched for at C speed.)
_SENTENCE_END = re.compile(r"[.!?…](?P<gap>[\"»”)]*\s+)|\n+")


# --- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One attribution rule of ``attribution.yaml``."""

    name: str
    lang: str
    marker: re.Pattern
    take: tuple[str, ...]
    governs: str  # following, preceding or both
    scope: str  # same or previous
    examples: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Settings:
    rules: tuple[Rule, ...]
    # Every rule's marker in one pattern: a sentence without a match is skipped at once (one
    # search instead of one per rule). ``any_marker_lower`` is the same without IGNORECASE,
    # for lower-cased text (three times faster); None when a marker has a capital letter.
    any_marker: re.Pattern
    any_marker_lower: re.Pattern | None
    skip: frozenset[str]
    decline_if_starts: frozenset[str]
    oblique: tuple[str, ...]
    max_words: int


@cache
def load_rules(name: str = "attribution.yaml") -> _Settings:
    """The attribution rules and word lists of ``analysis/resources/<name>``."""
    data = read_yaml(resource(name))
    rules = tuple(
        Rule(
            name=r["name"],
            lang=r["lang"],
            marker=re.compile(r["marker"], re.IGNORECASE),
            take=tuple(r["take"]),
            governs=r.get("governs", "both"),
            scope=r.get("scope", "same"),
            examples=tuple((e["text"], e["who"]) for e in r.get("examples", ())),
        )
        for r in data["rules"]
    )
    skip = frozenset(w.casefold() for words in data["skip_words"].values() for w in words)
    # Group names may repeat across rules: the union only asks whether any marker matches.
    unnamed = [re.sub(r"\(\?P<\w+>", "(?:", r["marker"]) for r in data["rules"]]
    union = "|".join(f"(?:{m})" for m in unnamed)
    return _Settings(
        rules=rules,
        any_marker=re.compile(union, re.IGNORECASE),
        any_marker_lower=None if union != union.lower() else re.compile(union),
        skip=skip,
        decline_if_starts=frozenset(data.get("decline_if_starts", ())),
        oblique=tuple(sorted(data.get("oblique_endings", ()), key=len, reverse=True)),
        max_words=int(data.get("max_words", 6)),
    )


@dataclass(frozen=True)
class _Alias:
    source_id: str
    stems: tuple[str, ...]
    abbreviation: bool


@cache
def load_sources(name: str = "sources.yaml") -> dict[str, dict]:
    """Known sources by id: ``{"name": {"en": ..., "ru": ..., "ky": ...}, "aliases": {...}}``."""
    data = read_yaml(resource(name))
    return {s["id"]: {"name": s["name"], "aliases": s["aliases"]} for s in data["sources"]}


def _fold(text: str) -> str:
    """Case-folded, ё as е, for matching."""
    return text.casefold().replace("ё", "е")


@cache
def _aliases() -> tuple[_Alias, ...]:
    """Every alias of every known source, longest first."""
    out = []
    for sid, spec in load_sources().items():
        for phrases in spec["aliases"].values():
            for phrase in phrases:
                words = str(phrase).split()
                abbreviation = len(words) == 1 and words[0].isupper()
                stems = tuple(words if abbreviation else (_fold(w) for w in words))
                out.append(_Alias(sid, stems, abbreviation))
    return tuple(sorted(out, key=lambda a: (-len(a.stems), -sum(map(len, a.stems)), a.source_id)))


def _word_matches(word: str, alias: _Alias, k: int) -> bool:
    """Does ``word`` start with the alias's k-th stem (an abbreviation: then lower case only)?"""
    stem = alias.stems[k]
    if alias.abbreviation:
        return word.startswith(stem) and (word[len(stem) :].islower() or word == stem)
    return _fold(word).startswith(stem)


def _find_alias(words: list[str]) -> tuple[int, int, str] | None:
    """(first word, last word + 1, source id) of the longest known source named in ``words``."""
    for alias in _aliases():
        n = len(alias.stems)
        for i in range(len(words) - n + 1):
            if all(_word_matches(words[i + k], alias, k) for k in range(n)):
                return i, i + n, alias.source_id
    return None


@lru_cache(maxsize=1 << 12)  # a corpus names the same few sources again and again
def normalise_source(name: str) -> str:
    """The id of the known source a name refers to, or ``""``.

    Examples
    --------
    >>> normalise_source("Саламаттык сактоо министрлигинин")
    'health_ministry'
    >>> normalise_source("ИИМдин басма сөз кызматы"), normalise_source("пресс-служба МВД")
    ('interior_ministry', 'interior_ministry')
    >>> normalise_source("Бакыт Исаков")
    ''
    """
    words = [w.strip("«»\"“”'.,") for w in str(name or "").split()]
    found = _find_alias([w for w in words if w])
    return found[2] if found else ""


def source_name(source_id: str, lang: str = "en") -> str:
    """How reports name a known source in ``lang`` (``""`` for an unknown id)."""
    spec = load_sources().get(source_id)
    return str(spec["name"].get(lang) or spec["name"]["en"]) if spec else ""


# --- sentences -------------------------------------------------------------------------------


def sentences(raw: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``raw`` (a line break or ``.!?`` and a space ends one).

    Examples
    --------
    >>> sentences("Бир. Эки!\\nҮч")
    [(0, 4), (5, 9), (10, 12)]
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(raw):
        end = m.start("gap") if m.group("gap") is not None else m.start()
        if raw[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if raw[start:].strip():
        spans.append((start, len(raw.rstrip())))
    return spans


# --- reading a source's words ----------------------------------------------------------------


def _words(text: str) -> list[re.Match]:
    return list(_WORD.finditer(text))


def _phrase(words: list[str]) -> str:
    return " ".join(w.strip("«»\"“”'.,;:") for w in words).strip()


def _trim(words: list[str], settings: _Settings) -> list[str]:
    """Drop skip words at both ends."""
    while words and _fold(words[0]) in settings.skip:
        words = words[1:]
    while words and _fold(words[-1]) in settings.skip:
        words = words[:-1]
    return words


def _clause_before(sentence: str, pos: int) -> str:
    """The sentence's text from the last clause boundary before ``pos`` up to ``pos``."""
    start = 0
    for b in _CLAUSE.finditer(sentence, 0, pos):
        start = b.end()
    return sentence[start:pos]


def take_before(sentence: str, m: re.Match, settings: _Settings) -> str:
    """The source named right before the marker, in its clause, after any number.

    Examples
    --------
    >>> s = load_rules()
    >>> text = "Кечээ кечинде ИИМдин маалыматы боюнча, 40 адам кармалды."
    >>> take_before(text, re.search("маалыматы боюнча", text), s)
    'ИИМдин'
    """
    words = [w.group() for w in _words(_clause_before(sentence, m.start()))]
    last_number = max((i for i, w in enumerate(words) if _DIGIT.search(w)), default=-1)
    words = _trim(words[last_number + 1 :], settings)[-settings.max_words :]
    caps = [i for i, w in enumerate(words) if w[:1].isupper()]
    found = _find_alias(words)
    if found:  # from the capitalised start of the name when it begins before the source
        return _phrase(words[min(found[0], caps[0]) if caps else found[0] :])
    return _phrase(words[caps[0] :] if caps else words)


def take_after(sentence: str, m: re.Match, settings: _Settings) -> str:
    """The source named right after the marker, up to the clause's end or a number.

    Examples
    --------
    >>> s = load_rules()
    >>> text = "По данным на 7 января, 12 человек погибли."
    >>> take_after(text, re.search("По данным", text), s)
    ''
    """
    rest = sentence[m.end() :]
    end = _CLAUSE.search(rest)
    words = [w.group() for w in _words(rest[: end.start() if end else len(rest)])]
    if words and _fold(words[0]) in settings.decline_if_starts:
        return ""
    first_number = next((i for i, w in enumerate(words) if _DIGIT.search(w)), len(words))
    words = _trim(words[:first_number], settings)[: settings.max_words]
    return _phrase(words)


def take_between(sentence: str, m: re.Match, settings: _Settings) -> str:
    """The marker's ``who`` group ("Бул тууралуу | ӨКМ | билдирди")."""
    words = [w.group() for w in _words(m.group("who"))]
    if any(_DIGIT.search(w) for w in words):
        return ""
    return _phrase(_trim(words, settings)[: settings.max_words])


def take_subject(sentence: str, m: re.Match, settings: _Settings) -> str:
    """Who reports, for a verb at the clause's end ("X ... билдирди").

    A known source between the last number and the verb, else capitalised words right
    before the verb (a person's name), else the words that open the sentence up to a number,
    a skip word or a comma, when their last word is not in an oblique case.

    Examples
    --------
    >>> s = load_rules()
    >>> text = "Окуяда 3 адам каза болгонун билдирди."
    >>> take_subject(text, re.search("билдирди", text), s)
    ''
    >>> text = "Ички иштер министрлиги 7-январда 8 адам каза болгонун билдирди."
    >>> take_subject(text, re.search("билдирди", text), s)
    'Ички иштер министрлиги'
    """
    before = [w.group() for w in _words(_clause_before(sentence, m.start()))]
    last_number = max((i for i, w in enumerate(before) if _DIGIT.search(w)), default=-1)
    tail = before[last_number + 1 :]
    found = _find_alias(tail)
    if found and len(tail) - found[0] <= settings.max_words:
        return _phrase(_trim(tail[found[0] :], settings))
    caps: list[str] = []
    for w in reversed(tail):
        if not w[:1].isupper() or _fold(w) in settings.skip:
            break
        caps.insert(0, w)
    if caps:
        return _phrase(caps)
    opening: list[str] = []
    for w in _words(sentence[: m.start()]):
        word = w.group()
        if _DIGIT.search(word) or _fold(word) in settings.skip or len(opening) >= 5:
            break
        if _CLAUSE.search(sentence, w.end(), min(len(sentence), w.end() + 1)):
            opening.append(word)
            break
        opening.append(word)
    if not opening or not opening[0][:1].isupper():
        return ""
    if _find_alias(opening) is None and _fold(opening[-1]).endswith(settings.oblique):
        return ""
    return _phrase(opening)


_TAKE = {
    "before": take_before,
    "after": take_after,
    "between": take_between,
    "subject": take_subject,
}


# --- attributions of a text ------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """A source named in a sentence: who, where the marker is, which figures it covers."""

    sentence: int  # index into sentences(raw)
    start: int  # the marker's span in the raw text
    end: int
    who: str
    rule: str
    governs: str
    scope: str


def _may_attribute(text: str, settings: _Settings) -> bool:
    """Whether some rule's marker matches ``text`` (the lower-cased text against the
    case-sensitive union when lower-casing keeps every offset)."""
    low = text.lower()
    if settings.any_marker_lower is not None and len(low) == len(text):
        return settings.any_marker_lower.search(low) is not None
    return settings.any_marker.search(text) is not None


def find_attributions(
    raw: str, spans: list[tuple[int, int]] | None = None, only: set[int] | None = None
) -> list[Attribution]:
    """Every attribution the rules find in ``raw``, sentence by sentence.

    Parameters
    ----------
    raw : str
        The article as decoded.
    spans : list of (int, int), optional
        Its sentences (:func:`sentences`), when already computed.
    only : set of int, optional
        Read only these sentences (indexes into ``spans``); each sentence is read on its own,
        so their attributions are the same as in a reading of all of them.

    Returns
    -------
    list of Attribution
        In text order; markers already used by an earlier rule are not read again.

    Examples
    --------
    >>> [(a.who, a.rule) for a in find_attributions("12 адам жаракат алды. Бул тууралуу ӨКМ билдирди.")]
    [('ӨКМ', 'ky_about_this_reported')]
    """
    settings = load_rules()
    spans = sentences(raw) if spans is None else spans
    out: list[Attribution] = []
    for k, (a, b) in enumerate(spans):
        if only is not None and k not in only:
            continue
        text = raw[a:b]
        if not _may_attribute(text, settings):
            continue
        used: list[tuple[int, int]] = []
        for rule in settings.rules:
            for m in rule.marker.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in used):
                    continue
                who = next((w for t in rule.take if (w := _TAKE[t](text, m, settings))), "")
                if not who:
                    continue
                used.append((m.start(), m.end()))
                out.append(
                    Attribution(
                        k, a + m.start(), a + m.end(), who, rule.name, rule.governs, rule.scope
                    )
                )
    return sorted(out, key=lambda x: (x.start, x.end))


def _nearest(candidates: list[Attribution], start: int, end: int) -> Attribution | None:
    """The attribution of a sentence that governs a figure at [start, end) and is nearest it."""
    best, best_distance = None, None
    for att in candidates:
        if att.end <= start and att.governs in ("following", "both"):
            distance = start - att.end
        elif att.start >= end and att.governs in ("preceding", "both"):
            distance = att.start - end
        elif att.start < end and start < att.end:
            distance = 0  # the figure's clause holds the marker ("... билдирүүсүндө 26 адам")
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = att, distance
    return best


def sources_of(spans: list[tuple[int, int]], raw: str) -> list[str]:
    """Who states the figure at each ``(start, end)`` span of ``raw``, as written (``""``
    when the text names no one): the core of :func:`attribute`, on plain lists.

    Examples
    --------
    >>> sources_of([(0, 21)], "12 адам жаракат алды. Бул тууралуу ӨКМ билдирди.")
    ['ӨКМ']
    """
    if not spans:
        return []
    sents = sentences(raw)
    starts = [a for a, _ in sents]
    # A figure takes an attribution of its own sentence or of the next one: only those
    # sentences are read.
    where = [bisect.bisect_right(starts, int(s)) - 1 for s, _ in spans]
    needed = {k + d for k in where if k >= 0 for d in (0, 1)}
    by_sentence: dict[int, list[Attribution]] = {}
    for att in find_attributions(raw, sents, needed):
        by_sentence.setdefault(att.sentence, []).append(att)
    who: list[str] = []
    for (s, e), k in zip(spans, where, strict=True):
        att = _nearest(by_sentence.get(k, []), int(s), int(e)) if k >= 0 else None
        if att is None and k >= 0:
            after = [a for a in by_sentence.get(k + 1, []) if a.scope == "previous"]
            att = after[0] if after else None
        who.append(att.who if att else "")
    return who


def attribute(figures: pd.DataFrame, raw: str) -> pd.DataFrame:
    """Add ``attributed_to`` (as written) and ``source_id`` (a known source) to figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures of ``raw`` with ``start`` and ``end`` (spans in ``raw``), e.g.
        :func:`analysis.figures.extract_figures` output. An ``attributed_to`` column already
        present (set by a reader or an annotation) is kept where it is not empty.
    raw : str
        The article the spans index.

    Returns
    -------
    pandas.DataFrame
        A copy with ``attributed_to`` and ``source_id`` (strings, ``""`` when the text names
        no source or the source is not in ``sources.yaml``).

    Examples
    --------
    >>> from analysis.figures import extract_figures
    >>> text = "Окуяда 3 адам каза болду. Бул тууралуу ӨКМ билдирди."
    >>> attribute(extract_figures(text), text)[["value", "attributed_to", "source_id"]].values.tolist()
    [[3, 'ӨКМ', 'emergency_ministry']]
    """
    out = figures.copy()
    who = sources_of(list(zip(out["start"].tolist(), out["end"].tolist(), strict=True)), raw)
    if "attributed_to" in out.columns:
        given = out["attributed_to"].fillna("").astype(str).tolist()
        who = [g or w for g, w in zip(given, who, strict=True)]
    out["attributed_to"] = pd.Series(who, index=out.index, dtype="str")
    out["source_id"] = pd.Series([normalise_source(w) for w in who], index=out.index, dtype="str")
    return out
