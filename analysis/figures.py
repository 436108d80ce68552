"""Extract every stated count (a *figure*) from Kyrgyz news text, traceable to its words.

For each segment of the cleaner (tweets and photo credits are skipped) the extractor finds
number mentions (:mod:`analysis.numerals`) and, for each, reads a small window:

* qualifier words next to the number (``дээрлик 2400``, ``300гө жакын``, ``100дөн ашык``);
* the counted noun right after it (the longest phrase of the lexicon wins, up to two
  adjectives may come between: ``эки модулдук посту``); a collective or possessive number
  with no noun (``төртөө``, ``11и``) counts the noun of the figure before it;
* the measure verb: the nearest one to the right in the clause that suits the noun's class
  (a comma followed by another number ends the clause unless the figure heads a list after
  a colon). ``X же Y`` (killed or injured) makes ``casualties``. Without such a verb: a
  phrase split by the noun (an event or place word before the number in its clause, a verb
  within two words after the noun: ``акциясына 300 адам катышты``), then the parent's
  measure, then a measure participle right before the number (``өрттөлгөн 4 унаа``);
* a toll: ``<participle or toll noun>-дын саны N`` (``курмандыктардын саны 12ге жетти``).

Structure. A figure preceded by a subset word (``алардын ичинен``, ``анын``, or a participle
such as ``кармалгандардын``, "of those detained"), or standing after a dash or colon that
follows an earlier figure of the same class in the sentence, is a *subset*: its ``parent_id``
is that earlier figure (the whole it is part of) and, when it has no verb of its own, it takes
the parent's measure. Later items of the same list (no verb and no closing parenthesis
between) share the parent. A parent is never itself a subset: the chain has depth one.

Intervals (``low``/``high``, ``high`` <NA> when open):

=============  ==============================  ==================================
qualifier      written as                      interval
=============  ==============================  ==================================
exact          ``12``                          [v, v]
approx         ``жакын``, ``-дай``, ``дээрлик``    [floor(0.9 v), ceil(1.1 v)] (±10 %)
more_than      ``100дөн ашык``                 [v + 1, open]
at_least       ``кем эмес``, ``кеминде``       [v, open]
up_to          ``100гө чейин``                 [0, v]
several        ``бир нече миң``, ``ондогон``   v is the order of magnitude; [v, 10 v - 1]
=============  ==============================  ==================================

``as_of`` comes from a date phrase in the sentence (``5-январга карата``) or the parent; it is
an ISO date when the year is known (the ``year`` argument, e.g. from the raw file's metadata),
else the ISO 8601 form without a year, ``--01-05``. ``place`` is the gazetteer id of the first
place named in the sentence, else the parent's, else the last place named earlier in the same
live-blog entry. All vocabularies live in ``analysis/resources/lexicon.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd
import yaml

from analysis.config import resource
from analysis.numerals import Mention, find_mentions
from analysis.reading import Context, Figure, interval, reader_for
from analysis.schemas import MEASURES, QUALIFIERS  # the vocabulary is declared once

__all__ = [
    "FIGURE_COLUMNS",
    "MEASURES",
    "QUALIFIERS",
    "extract_figures",
    "extract_from_segments",
    "interval",
    "load_lexicon",
]

FIGURE_COLUMNS = [
    "figure_id",
    "measure",
    "group",
    "value",
    "low",
    "high",
    "qualifier",
    "place",
    "as_of",
    "parent_id",
    "quote",
    "start",
    "end",
    "segment_id",
    "entry_id",
    "time",
    "derived",
]

# A letter of any script. Lexicon patterns match lower-cased text (see _lower) and are
# compiled without IGNORECASE: with it, every Cyrillic letter that has a rare case variant
# (о, т, д, с, в) costs the regex compiler a case table, and compiling took a second.
_W = r"[^\W\d_]"
_NW = f"(?!-?{_W})"
_SPACE = r"[\s\u00a0\u202f]+"
# Case endings (-да, -дан, -дын, -га, -ны, -дагы, -нда, -ндан, ...), factored by first letter
# so the regex compiler builds few character sets (this is repeated in every lexicon word).
_CASE = (
    r"(?:[дт](?:[аеоө](?:н|гы)?|[ыиуү]н?)|н(?:[аеоөыиуү]н?|[дт][аеоө](?:н|гы)?)?"
    r"|[гк][аеоө]|[аеоөыиуү])"
)
# Ending of a declined noun: plural, possessive, case (кызматкерлеринин, адамдар, посту).
_NOMINAL = rf"(?:[лдт][аеоө]р)?(?:с?[ыиуү]|[ыиуү]?[мң](?:[ыиуү]з)?)?{_CASE}?"
_BOUNDARY = re.compile(r"[,;:()–—]|\s-\s")
# A qualifier that stands for its noun: "70тен ашууну кармалды" (more than 70 were detained).
_NOMINALISED = re.compile(rf"(?:с?[ыиуү]|н[ыиуү]){_NW}")
_COLON = re.compile(r"\s*:")
# Cheap test before the costly participle search: a plural participle in the genitive.
_PART_HINT = re.compile(r"[гк][аеоө]н[дл][аеоө]р[дн][ыиуү]н")
_SPACES = re.compile(_SPACE)
_LIST_MARK = re.compile(r"[:–—]|\s-\s")
_CLAUSE_END = re.compile(r"[,;:.!?()–—]|\s-\s")


def _word_parts(word: str) -> tuple[str, str]:
    """(literal stem, regex of what may follow) for one lexicon word (see lexicon.yaml)."""
    if word.startswith("="):
        return word[1:].lower(), _NW
    if word.endswith("*"):
        return word[:-1].lower(), f"{_W}*"
    return word.lower(), _NOMINAL + _NW


def _phrase_parts(phrase: str) -> tuple[str, str]:
    """(literal stem of the first word, regex of the rest of the phrase)."""
    words = phrase.split()
    lit, rest = _word_parts(words[0])
    tail = "".join(_SPACE + re.escape(a) + b for a, b in map(_word_parts, words[1:]))
    return lit, rest + tail


def _phrase_re(phrase: str) -> str:
    """Regex for a phrase: its words with any white space between."""
    lit, rest = _phrase_parts(phrase)
    return re.escape(lit) + rest


def _trie(items: list[tuple[str, str, str]]) -> str:
    """Regex of (literal, rest, group) items with shared literal prefixes factored out.

    Python's regex engine tries alternatives one by one; a trie of the literal stems lets it
    reject most of a long lexicon after a letter or two. Longer continuations are tried
    first, so the longest phrase wins.
    """
    root: dict = {}
    for lit, rest, name in items:
        node = root
        for ch in lit:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append((rest, name))

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        leaves = sorted(node.get("", []), key=lambda x: -len(x[0]))
        parts += [f"(?P<{name}>{rest})" for rest, name in leaves]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


def _grouped(items: list[tuple[str, str, str]]) -> str:
    """Alternation of (phrase, group name, rest kind) items: phrases of several words first
    (the longest phrase wins), then one-word phrases by kind of ending.

    One-word phrases share their ending: a trie of stems, each closed by an empty named
    group, followed by the ending once. Writing the ending after every stem would make the
    regex compiler build thousands of identical character sets (it took a second).
    """
    multi = [(*_phrase_parts(p), n) for p, n in items if len(p.split()) > 1]
    singles: dict[str, list[tuple[str, str, str]]] = {}
    for p, n in items:
        if len(p.split()) == 1:
            lit, rest = _word_parts(p)
            singles.setdefault(rest, []).append((lit, "", n))
    parts = [_trie(multi)] if multi else []
    # Exact words and nominal endings before "any continuation", the most permissive.
    for rest in sorted(singles, key=lambda r: r == f"{_W}*"):
        parts.append(f"(?:{_trie(singles[rest])}){rest}")
    return "|".join(parts)


def _alternation(entries: list[tuple[str, str]]) -> tuple[re.Pattern, dict[str, str]]:
    """One regex over (phrase, label) pairs, longest phrase first; group name -> label."""
    names = {f"p{i}": label for i, (_, label) in enumerate(entries)}
    items = [(phrase, f"p{i}") for i, (phrase, _) in enumerate(entries)]
    return re.compile(f"(?<!{_W})(?:{_grouped(items)})"), names


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon: regexes and the tables that interpret their matches."""

    noun_re: re.Pattern
    noun_of: dict[str, tuple[str, str, str]]  # group name -> (class, group, phrase)
    verb_re: re.Pattern
    verb_of: dict[str, str]
    measures: dict[str, dict[str, str]]
    joiner_re: re.Pattern
    pairs: dict[tuple[str, str], str]
    owner_re: dict[str, re.Pattern]
    q_before: re.Pattern
    q_before_of: dict[str, str]
    q_after: dict[str, tuple[re.Pattern, dict[str, str]]]
    subset_re: re.Pattern
    participle_re: re.Pattern
    toll_re: re.Pattern
    not_count_re: re.Pattern
    as_of_re: re.Pattern
    months: dict[str, int]
    split: tuple[tuple[str, re.Pattern, re.Pattern, bool], ...]  # (class, before, after, dative)
    toll_noun_re: re.Pattern
    toll_noun_of: dict[str, str]


@cache
def load_lexicon(name: str = "lexicon.yaml") -> Lexicon:
    """Read and compile a lexicon file shipped in ``analysis/resources``."""
    data = yaml.safe_load(resource(name).read_text(encoding="utf-8"))
    nouns = [
        (phrase, f"{cls}|{group}|{phrase}")
        for cls, groups in data["nouns"].items()
        for group, phrases in groups.items()
        for phrase in phrases
    ]
    noun_re, noun_names = _alternation(nouns)
    noun_of = {k: tuple(v.split("|", 2)) for k, v in noun_names.items()}
    verbs = [(p, cls) for cls, phrases in data["verbs"].items() for p in phrases]
    verb_re, verb_of = _alternation(verbs)
    joiners = "|".join(_phrase_re(j) for j in data["combined"]["joiners"])
    pairs = {(a, b): c for a, b, c in data["combined"]["pairs"]}
    owner_re = {
        g: re.compile(rf"(?:{'|'.join(_phrase_re(w) for w in ws)})\s*$")
        for g, ws in data["owners"].items()
    }
    q = data["qualifiers"]
    q_before, q_before_of = _alternation([(p, k) for k, ps in q["before"].items() for p in ps])
    q_after = {
        key: _alternation([(p, k) for k, ps in q[key].items() for p in ps])
        for key in ("after_dative", "after_ablative", "after")
    }
    subset = _alternation([(p, "") for p in data["subset_markers"]])[0].pattern
    # "кармалгандардын", "жаракат алгандардын": those who were ... (plural participle, genitive)
    part = rf"({_W}+(?:{_SPACE}{_W}+)?)[гк][аеоө]н[дл][аеоө]р[дн][ыиуү]н"
    participle = rf"{part}(?:{_SPACE}(?:ичинен|арасынан|арасында|ичинде))?"
    not_count = _alternation([(p, "") for p in data["not_counts"]])[0].pattern
    months = data["months"]
    split = tuple(
        (
            cls,
            re.compile(rf"(?<!{_W})(?:{'|'.join(_phrase_re(w) for w in f['before'])})"),
            re.compile(rf"(?<!{_W})(?:{'|'.join(_phrase_re(w) for w in f['after'])})"),
            f.get("case", "any") == "dative",
        )
        for cls, f in data.get("split_verbs", {}).items()
    )
    toll_nouns, toll_noun_of = _alternation(
        [(p, cls) for cls, ps in data.get("toll_nouns", {}).items() for p in ps]
    )
    month_alt = "|".join(months)
    as_of = "|".join(_phrase_re(p) for p in data["as_of_words"])
    return Lexicon(
        noun_re=noun_re,
        noun_of=noun_of,
        verb_re=verb_re,
        verb_of=verb_of,
        measures=data["measures"],
        joiner_re=re.compile(rf"{_SPACE}(?:{joiners}){_SPACE}"),
        pairs=pairs,
        owner_re=owner_re,
        q_before=re.compile(rf"(?:{q_before.pattern})\s*$"),
        q_before_of=q_before_of,
        q_after=q_after,
        subset_re=re.compile(rf"(?:{subset})\s*$"),
        participle_re=re.compile(rf"(?<!{_W}){participle}\s*$"),
        toll_re=re.compile(rf"(?<!{_W}){part}{_SPACE}саны{_SPACE}$"),
        not_count_re=re.compile(rf"{_SPACE}(?:{not_count})"),
        as_of_re=re.compile(rf"(?<![\d])(\d{{1,2}})-({month_alt}){_W}*{_SPACE}(?:{as_of})"),
        months=months,
        split=split,
        toll_noun_re=re.compile(
            rf"(?:{toll_nouns.pattern})"
            rf"(?:{_SPACE}(?P<head>{_W}+(?:{_SPACE}{_W}+){{0,3}}[дтн][ыиуү]н))?{_SPACE}саны{_SPACE}$"
        ),
        toll_noun_of=toll_noun_of,
    )


@dataclass(slots=True)
class _Fig:
    """A figure while it is being built (positions relative to the segment's text)."""

    seg: int
    ncls: str
    group: str
    value: int
    qualifier: str
    measure: str
    start: int  # the number
    noun_end: int
    verb_end: int
    subset: bool
    parent: _Fig | None
    q_start: int
    as_of: str = ""
    place: str = ""
    span: tuple[int, int] | None = None  # the quote, when a reader gave it
    figure: Figure | None = None  # the reader's figure, when a reader made it


# An adjective between a number and its noun (at most two): adjectives take no case ending,
# so a word in the locative, ablative, dative or genitive ("айылда") ends the search.
_SKIP_WORD = re.compile(
    rf"(?!{_W}*(?:[дт][аеоө]|[дтн][аеоө]н|[гк][аеоө]|[дтн][ыиуү]н){_NW}){_W}+(?:-{_W}+)?{_SPACE}",
)


def _find_noun(lex: Lexicon, text: str, pos: int) -> re.Match | None:
    """The counted noun after ``pos``: skip up to two words, longest lexicon phrase first."""
    m = _SPACES.match(text, pos)
    if m is None:
        return None
    p = m.end()
    for _ in range(3):
        hit = lex.noun_re.match(text, p)
        verb = lex.verb_re.match(text, p)
        # "ооруканага жеткирилди" is a verb phrase, not the noun "оорукана".
        if verb and (hit is None or verb.end() > hit.end()):
            return None
        if hit:
            return hit
        w = _SKIP_WORD.match(text, p)
        if w is None:
            return None
        p = w.end()
    return None


def _verb(lex: Lexicon, text: str, pos: int, stop: int, ncls: str) -> tuple[str, int] | None:
    """Nearest measure verb in text[pos:stop] that suits noun class ``ncls``: (measure, end)."""
    table = lex.measures.get(ncls, {})
    for v in lex.verb_re.finditer(text, pos, stop):
        cls = lex.verb_of[v.lastgroup]
        if cls not in table:
            continue
        end = v.end()
        j = lex.joiner_re.match(text, end)
        if j:
            w = lex.verb_re.match(text, j.end())
            if w and (cls, lex.verb_of[w.lastgroup]) in lex.pairs:
                cls = lex.pairs[(cls, lex.verb_of[w.lastgroup])]
                end = w.end()
        return table.get(cls), end
    return None


def _segment_figures(
    lex: Lexicon, text: str, seg: int, prev: list[_Fig], year: int | None
) -> list[_Fig]:
    """Figures of one segment; ``prev`` holds figures of earlier segments of the entry."""
    text = _lower(text)
    mentions = find_mentions(text)
    if not mentions:
        return []
    starts = [m.start for m in mentions]
    out: list[_Fig] = []
    ref: list = [None]
    for k, m in enumerate(mentions):
        fig = _one(lex, text, seg, m, starts[k + 1 :], out, prev, ref)
        if fig is not None:
            out.append(fig)
    if out:
        as_of = ""
        d = lex.as_of_re.search(text)
        if d:
            month = next(v for k, v in lex.months.items() if d.group(2).lower().startswith(k))
            day = int(d.group(1))
            as_of = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        for fig in out:
            fig.as_of = as_of or (fig.parent.as_of if fig.parent else "")
    return out


def _lower(text: str) -> str:
    """Lower case with the same length, so offsets stay valid (rare letters such as "İ"
    grow when lower-cased and are then kept as written)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_AFTER = ["after"]


def _last_head(figs: list[_Fig]) -> _Fig | None:
    """The last figure that is no subset (a parent is never itself a subset)."""
    for f in reversed(figs):
        if not f.subset:
            return f
    return None


def _qualifier(lex: Lexicon, text: str, m: Mention) -> tuple[str, int, int]:
    """(qualifier, end of the qualifier words after the number, start incl. words before)."""
    if m.several:
        return "several", m.end, m.start
    end = m.end
    if m.suffix:
        qual = "approx" if m.approx else "exact"
        keys = ["after"]
        if m.dative:
            keys.insert(0, "after_dative")
        if m.ablative:
            keys.insert(0, "after_ablative")
    else:
        qual, keys = "exact", _AFTER
    sp = _SPACES.match(text, end)
    if sp:
        for key in keys:
            rx, names = lex.q_after[key]
            a = rx.match(text, sp.end())
            if a:
                qual, end = names[a.lastgroup], a.end()
                break
    q_start = m.start
    b = lex.q_before.search(text, max(0, m.start - 40), m.start)
    if b:
        kind = lex.q_before_of[b.lastgroup]
        q_start = b.start()
        if qual == "exact":
            qual = kind
    return qual, end, q_start


def _one(
    lex: Lexicon,
    text: str,
    seg: int,
    m: Mention,
    later: list[int],
    here: list[_Fig],
    prev: list[_Fig],
    ref: list,
) -> _Fig | None:
    """The figure stated by mention ``m``, or None when it counts nothing we measure.

    ``ref[0]`` is updated to the (class, group) of the last counted noun of the segment, with
    or without a figure, so a later collective ("экөө") knows whom it counts.
    """
    if lex.not_count_re.match(text, m.end):
        return None
    qual, pos, q_start = _qualifier(lex, text, m)
    earlier = here or prev[-6:]
    noun = _find_noun(lex, text, pos)
    antecedent = earlier[-1] if earlier else None
    before = _tail(text, q_start)
    hint = _PART_HINT.search(before) is not None
    toll = _toll(lex, text, q_start, noun) if "саны" in before else None
    if toll is not None:
        # "жарадарлардын саны 35 адамга жетти": the toll of the wounded reached 35.
        end = noun.end() if noun is not None else pos
        return _Fig(
            seg=seg,
            ncls=toll[0],
            group=toll[1],
            value=m.value,
            qualifier=qual,
            measure=toll[2],
            start=m.start,
            noun_end=end,
            verb_end=end,
            subset=False,
            parent=None,
            q_start=q_start,
        )
    part_toll = lex.toll_re.search(before) if noun is None and hint else None
    if part_toll and _participle_measure(lex, part_toll.group(1), "people"):
        # "каза болгондордун саны 15ке жетти": the toll of those killed reached 15.
        return _Fig(
            seg=seg,
            ncls="people",
            group="total",
            value=m.value,
            qualifier=qual,
            measure=_participle_measure(lex, part_toll.group(1), "people"),
            start=m.start,
            noun_end=pos,
            verb_end=pos,
            subset=False,
            parent=None,
            q_start=q_start,
        )
    if noun is not None:
        ncls, group, phrase = lex.noun_of[noun.lastgroup]
        if phrase == "кызматкер*":
            for g, rx in lex.owner_re.items():
                if rx.search(text, max(0, m.start - 40), m.start):
                    group = g
                    break
        noun_end = noun.end()
        ref[0] = (ncls, group)
    elif m.collective or m.possessive or _NOMINALISED.search(text, m.end, pos):
        if ref[0] is not None:
            ncls, group = ref[0]
        elif antecedent is not None:
            ncls, group = antecedent.ncls, antecedent.group
        elif m.collective:
            ncls, group = "people", "total"
        else:
            return None
        noun_end = pos
    else:
        return None

    # Subset: a marker word before the number, or the list it continues, or a dash/colon.
    parent: _Fig | None = None
    marker_measure = ""
    if lex.subset_re.search(before):
        parent = _last_head(earlier)
    else:
        pm = lex.participle_re.search(before) if hint else None
        if pm:
            marker_measure = _participle_measure(lex, pm.group(1), ncls)
            if marker_measure:
                parent = _last_head(earlier)
    if (
        parent is None
        and here
        and noun is None
        and m.possessive
        and not here[-1].subset
        and here[-1].ncls == ncls
        and not text[here[-1].noun_end : m.start].strip()
        and _GENITIVE_END.search(text, 0, here[-1].noun_end)
    ):
        parent = here[-1]  # "5 адамдын 2си": two of the five
    if parent is None and here:
        last = here[-1]
        gap = text[last.noun_end : q_start]
        if (
            last.subset
            and last.parent is not None
            and ")" not in gap
            and not lex.verb_re.search(gap)
        ):
            parent = last.parent
        elif not last.subset and last.ncls == ncls:
            marks = list(_LIST_MARK.finditer(text, last.noun_end, q_start))
            if marks and not lex.verb_re.search(text, marks[-1].end(), q_start):
                parent = last
    if parent is not None and parent.ncls != ncls and noun is not None:
        parent = None

    # The verb: nearest suitable one in the clause; a list head after a colon reads past commas.
    stop = len(text)
    is_head = _COLON.match(text, noun_end) is not None
    if not is_head:
        for c in _BOUNDARY.finditer(text, noun_end):
            if c.group() in ",;" and any(c.end() < s <= c.end() + 25 for s in later):
                stop = c.start()
                break
    if noun is not None and later and _GENITIVE_END.search(noun.group()):
        # "жаракат алган 5 адамдын 2си ооруканага жеткирилди": the verb is the part's.
        g = _SPACES.match(text, noun_end)
        if g is not None and g.end() == later[0]:
            stop = min(stop, g.end())
    verb = _verb(lex, text, noun_end, stop, ncls)
    measure = verb[0] if verb and verb[0] else ""
    verb_end = verb[1] if verb and verb[0] else noun_end
    if not measure:
        measure = marker_measure or (parent.measure if parent else "")
    if not measure:
        split = _split_measure(lex, text, q_start, noun_end, stop, ncls)
        if split:
            measure, verb_end = split
    if not measure:
        measure = _participle_before(lex, before, ncls)
    if not measure:
        return None
    if noun is None and antecedent is None and parent is not None:
        group = parent.group
    return _Fig(
        seg=seg,
        ncls=ncls,
        group=group,
        value=m.value,
        qualifier=qual,
        measure=measure,
        start=m.start,
        noun_end=noun_end,
        verb_end=verb_end,
        subset=parent is not None,
        parent=parent,
        q_start=q_start,
    )


_GENITIVE_END = re.compile(r"[дтн][ыиуү]н$")
_DATIVE_END = re.compile(r"(?:[гк][аеоө]|н[аеоө])$")
_PARTICIPLE_END = re.compile(r"[гк][аеоө]н$")


def _split_measure(
    lex: Lexicon, text: str, q_start: int, noun_end: int, stop: int, ncls: str
) -> tuple[str, int] | None:
    """(measure, verb end) of a phrase split by the counted noun ("акциясына 300 адам катышты").

    The head word must stand in the number's clause, and the verb within two words of the
    noun in the same clause: generic verbs ("келди", "жатат") say nothing on their own.
    """
    table = lex.measures.get(ncls, {})
    a = 0
    for b in _BOUNDARY.finditer(text, 0, q_start):
        a = b.end()
    e = _CLAUSE_END.search(text, noun_end, stop)
    end = e.start() if e else stop
    for cls, before, after, dative in lex.split:
        if cls not in table:
            continue
        heads = before.finditer(text, a, q_start)
        if not any(not dative or _DATIVE_END.search(h.group()) for h in heads):
            continue
        v = after.search(text, noun_end, end)
        if v and len(text[noun_end : v.start()].split()) <= 2:
            return table[cls], v.end()
    return None


def _participle_before(lex: Lexicon, before: str, ncls: str) -> str:
    """Measure of a participle right before the number ("өрттөлгөн 4 унаа"), else ""."""
    words = before.split()
    if not words or not _PARTICIPLE_END.search(words[-1]):
        return ""
    for k in (2, 1):
        v = lex.verb_re.fullmatch(" ".join(words[-k:]))
        if v:
            return lex.measures.get(ncls, {}).get(lex.verb_of[v.lastgroup], "")
    return ""


def _toll(
    lex: Lexicon, text: str, q_start: int, noun: re.Match | None
) -> tuple[str, str, str] | None:
    """(class, group, measure) of a toll before the number ("курмандыктардын саны"), or None.

    A counted noun between the toll word and "саны" gives class and group ("талкаланган
    дүкөндөрдүн саны": shops); without one the toll counts people, except "destroyed".
    """
    tn = lex.toll_noun_re.search(_tail(text, q_start, 8))
    if tn is None:
        return None
    cls = next(v for k, v in lex.toll_noun_of.items() if tn.group(k) is not None)
    head = lex.noun_re.fullmatch(tn.group("head")) if tn.group("head") else None
    if tn.group("head") and head is None:
        return None
    named = head or noun
    ncls, group = lex.noun_of[named.lastgroup][:2] if named is not None else ("people", "total")
    if noun is not None and lex.noun_of[noun.lastgroup][0] != ncls:
        return None
    if head is None and cls == "destroyed":
        return None
    measure = lex.measures.get(ncls, {}).get(cls)
    return (ncls, group, measure) if measure else None


def _tail(text: str, pos: int, words: int = 4) -> str:
    """The words before ``pos``, four by default (markers are shorter; more costs more)."""
    return " ".join(text[max(0, pos - 20 * words) : pos].split()[-words:]) + " "


def _participle_measure(lex: Lexicon, stem: str, ncls: str) -> str:
    """Measure of a participle stem (``кармал``, ``жаракат ал``) for noun class ``ncls``."""
    words = stem.split()
    for k in range(len(words)):
        v = lex.verb_re.fullmatch(" ".join(words[k:]) + "ган")
        if v:
            return lex.measures.get(ncls, {}).get(lex.verb_of[v.lastgroup], "")
    return ""


def _foreign_reader(lang: str):
    """The reader of a segment's language when it is not the built-in Kyrgyz one."""
    if lang == "ky" or not isinstance(lang, str):
        return None
    try:
        return reader_for(lang)
    except ImportError:  # a reader that is not installed reads nothing
        return None


def _from_reader(reader, body: str, seg: int, prev: list[_Fig], year: int | None) -> list[_Fig]:
    """Figures of a segment read by a language reader (:mod:`analysis.reading`)."""
    reading = reader(body, Context(earlier=[f.figure for f in prev if f.figure], year=year))
    made: dict[int, _Fig] = {id(f.figure): f for f in prev if f.figure}
    out: list[_Fig] = []
    for fig in reading.figures:
        f = _Fig(
            seg=seg,
            ncls=fig.ncls,
            group=fig.group,
            value=fig.value,
            qualifier=fig.qualifier,
            measure=fig.measure,
            start=fig.start,
            noun_end=fig.end,
            verb_end=fig.end,
            subset=fig.parent is not None,
            parent=made.get(id(fig.parent)) if fig.parent is not None else None,
            q_start=fig.clause[0],
            as_of=fig.as_of,
            place=fig.place,
            span=fig.clause,
            figure=fig,
        )
        made[id(fig)] = f
        out.append(f)
    return out


def _clause(text: str, fig: _Fig) -> tuple[int, int]:
    """Span of the clause a figure came from: from the boundary before it to the one after."""
    if fig.span is not None:
        return fig.span
    a = 0
    for b in _BOUNDARY.finditer(text, 0, fig.q_start):
        a = b.end()
    # A subset marker belongs to the clause ("Алардын ичинен 16 ...").
    while a < len(text) and text[a].isspace():
        a += 1
    e = _CLAUSE_END.search(text, max(fig.noun_end, fig.verb_end))
    end = e.start() if e else len(text)
    while end > a and text[end - 1].isspace():
        end -= 1
    return a, end


@cache
def _place_prefixes() -> tuple | None:
    """Folded first letters of gazetteer names (all, first words of longer names, later words)
    and a regex finding capitalised words that start like a name."""
    try:
        from analysis.geo import fold, load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer is optional for this module
        return None
    table = load_gazetteer()
    names = (
        n.strip()
        for col in ("ky", "ky_stems", "kk", "ru", "en")
        if col in table.columns
        for cell in table[col]
        for n in str(cell or "").split(";")
    )
    names = [fold(n) for n in names if n]
    multi = frozenset(n[:3] for n in names if re.search(r"[\s-]", n))
    later = frozenset(w[:3] for n in names for w in re.split(r"[\s-]+", n)[1:] if w)
    every = frozenset(n[:3] for n in names)
    # Letters that fold to each letter, so a regex finds candidate words without folding.
    variants: dict[str, set[str]] = {}
    for ch in "".join(every) + "абвгдежзийклмнопрстуфхцчшщъыьэюяөүңқғұіәһё":
        variants.setdefault(fold(ch), set()).add(ch)

    def cls(c: str, upper: bool) -> str:
        chars = sorted(variants.get(c, {c}))
        return "[" + "".join(re.escape(x.upper() if upper else x) for x in chars) + "]"

    # Capitalised first letter, lower-case after it, as place names are written.
    alts = sorted(
        ("".join(cls(c, i == 0) for i, c in enumerate(p)) for p in every), key=len, reverse=True
    )
    starts = re.compile(rf"(?=[A-ZА-ЯЁӨҮҢҚҒҰІӘҺ])(?<![^\W\d_])(?:{'|'.join(alts)})")
    # Folding the same few letters again and again: a small cache beats str.translate.
    return every, multi, later, starts, lru_cache(maxsize=1 << 12)(fold)


# A capitalised word, and the same with the three words after it (for names of several words).
_CAPWORD = re.compile(r"(?<![^\W\d_])[^\W\d_a-zа-яёөүң][^\W\d_]*")
_CHUNK_WORD = re.compile(r"([\s-]+)([^\W\d_]+)")


@lru_cache(maxsize=1 << 16)
def _chunk_places(chunk: str) -> tuple[str, ...]:
    """Gazetteer ids of a place name at the start of ``chunk``."""
    from analysis.geo import find_places

    found = find_places(chunk)
    return tuple(found.loc[found["start"] == 0, "id"])


def _places(text: str) -> list[str]:
    """Gazetteer ids named in ``text``, in order (empty when the gazetteer module is missing).

    Only capitalised words whose first letters begin some gazetteer name are looked up, so
    the cost follows the place names, not the text.
    """
    prefixes = _place_prefixes()
    if not prefixes:
        return []
    every, multi, later, starts, fold = prefixes
    out: list[str] = []
    for hit in starts.finditer(text):
        m = _CAPWORD.match(text, hit.start())
        head = fold(m.group()[:3])
        if head in every or head[:2] in every:
            # The chunk grows only by words that can continue a name, so chunks repeat
            # and the cache answers.
            chunk = m.group()
            if head in multi or head[:2] in multi:
                for w in _CHUNK_WORD.finditer(text, m.end()):
                    if w.start() != m.end() + len(chunk) - len(m.group()):
                        break
                    if fold(w.group(2)[:3]) not in later:
                        break
                    chunk += w.group()
            out.extend(_chunk_places(chunk))
    return out


def _last_place(bodies: list[str], upto: int, seen: dict[int, str]) -> str:
    """The last place named in ``bodies[:upto]`` (each looked up once, when needed)."""
    for k in range(upto - 1, -1, -1):
        if k not in seen:
            found = _places(bodies[k])
            seen[k] = found[-1] if found else ""
        if seen[k]:
            return seen[k]
    return ""


def extract_from_segments(
    segments: pd.DataFrame,
    raw: str | None = None,
    *,
    year: int | None = None,
    places: bool = True,
) -> pd.DataFrame:
    """Figures stated in cleaned segments.

    Parameters
    ----------
    segments : pandas.DataFrame
        Output of :func:`analysis.clean.clean_segments`, or any frame with a ``text`` column
        (optional: ``segment_id``, ``entry_id``, ``kind``, ``time``, ``start``, ``end``).
    raw : str, optional
        The raw text the segments index; quotes and spans are then read from it.
    year : int, optional
        Year of publication, to write ``as_of`` as a full ISO date.
    places : bool, default True
        Look places up in the gazetteer (``False`` skips it, e.g. for benchmarks).

    Returns
    -------
    pandas.DataFrame
        One row per figure with :data:`FIGURE_COLUMNS`, in reading order; ``figure_id`` is
        ``F001``, ``F002``, ...; ``parent_id`` is ``""`` or the id of the whole a subset
        belongs to; ``low``/``high`` follow the interval rules of this module.
    """
    lex = load_lexicon()
    n = len(segments)

    def col(name: str, default: list) -> list:
        # tolist() converts a column at once; iterating a pandas array costs a call per cell.
        return segments[name].tolist() if name in segments.columns else default

    texts = segments["text"].tolist()
    seg_ids = col("segment_id", list(range(1, n + 1)))
    entries = col("entry_id", [0] * n)
    kinds = col("kind", ["sentence"] * n)
    langs = col("lang", ["ky"] * n)
    times = col("time", [""] * n)
    starts = col("start", [None] * n)
    ends = col("end", [None] * n)
    rows: list[tuple] = []
    figs: list[_Fig] = []
    prev: list[_Fig] = []
    entry_bodies: list[str] = []
    seen: dict[int, str] = {}
    offset = 0
    last_entry = None
    for i in range(n):
        if starts[i] is not None and starts[i] == starts[i]:  # not None, not NaN
            base = int(starts[i])
            body = raw[base : int(ends[i])] if raw is not None else texts[i]
        else:
            base, body = offset, texts[i]
        offset = base + len(body) + 1
        if entries[i] != last_entry:
            prev, entry_bodies, seen, last_entry = [], [], {}, entries[i]
        if kinds[i] in ("tweet", "credit"):
            continue
        reader = _foreign_reader(langs[i])
        if reader is not None:
            found = _from_reader(reader, body, i, prev, year)
        else:
            found = _segment_figures(lex, body, i, prev, year)
        entry_bodies.append(body)
        here = _places(body) if places and found else []
        if places and found:
            # Later segments of the entry may ask for this one's last place: look up once.
            seen[len(entry_bodies) - 1] = here[-1] if here else ""
        for f in found:
            f.place = (
                f.place
                or (here[0] if here else "")
                or (f.parent.place if f.parent else "")
                or (_last_place(entry_bodies, len(entry_bodies) - 1, seen) if places else "")
            )
            a, b = _clause(body, f)
            rows.append((f, " ".join(body[a:b].split()), base + a, base + b, i))
            figs.append(f)
        prev.extend(found)
    ids = {id(f): f"F{k + 1:03d}" for k, f in enumerate(figs)}
    bounds = [interval(f.value, f.qualifier) for f, *_ in rows]
    cols: dict[str, list] = {
        "figure_id": [ids[id(f)] for f, *_ in rows],
        "measure": [f.measure for f, *_ in rows],
        "group": [f.group for f, *_ in rows],
        # Built as Int64 directly: a list of ints with a None goes through float64 otherwise.
        "value": pd.array([f.value for f, *_ in rows], dtype="Int64"),
        "low": pd.array([lo for lo, _ in bounds], dtype="Int64"),
        "high": pd.array([hi for _, hi in bounds], dtype="Int64"),
        "qualifier": [f.qualifier for f, *_ in rows],
        "place": [f.place for f, *_ in rows],
        "as_of": [f.as_of for f, *_ in rows],
        "parent_id": [ids[id(f.parent)] if f.parent is not None else "" for f, *_ in rows],
        "quote": [r[1] for r in rows],
        "start": [r[2] for r in rows],
        "end": [r[3] for r in rows],
        "segment_id": [int(seg_ids[r[4]]) for r in rows],
        "entry_id": [int(entries[r[4]]) for r in rows],
        "time": [times[r[4]] if isinstance(times[r[4]], str) else "" for r in rows],
        "derived": [False] * len(rows),
    }
    out = pd.DataFrame(cols, columns=FIGURE_COLUMNS)
    for c in ("value", "low", "high"):
        out[c] = out[c].astype("Int64")
    for c in ("start", "end", "segment_id", "entry_id"):
        out[c] = out[c].astype("int64")
    out["derived"] = out["derived"].astype(bool)
    for c in ("figure_id", "measure", "group", "qualifier", "place", "as_of", "parent_id"):
        out[c] = out[c].astype(str)
    out["quote"] = out["quote"].astype(str)
    out["time"] = out["time"].astype(str)
    return out


def extract_figures(
    text: str, *, segments: pd.DataFrame | None = None, year: int | None = None
) -> pd.DataFrame:
    """Every figure stated in a raw article.

    Parameters
    ----------
    text : str
        The raw article as decoded (spans index it).
    segments : pandas.DataFrame, optional
        Its segments, when already computed by :func:`analysis.clean.clean_segments`.
    year : int, optional
        Year of publication, for full ISO ``as_of`` dates.

    Returns
    -------
    pandas.DataFrame
        See :func:`extract_from_segments`.

    Examples
    --------
    >>> extract_figures("Кечээ 12 адам жаракат алды.")[["measure", "group", "value"]].values.tolist()
    [['injured', 'total', 12]]
    """
    if segments is None:
        from analysis.clean import clean_segments

        segments = clean_segments(text)
    return extract_from_segments(segments, raw=text, year=year)
