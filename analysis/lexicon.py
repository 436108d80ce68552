"""The Kyrgyz lexicon (``resources/lexicon.ky.yaml``) compiled into word matchers.

A lexicon word is matched against a token through the word analysis (:mod:`analysis.morph`):

* ``адам`` matches a token when one of its readings has the stem ``адам`` (адамдар, адамдын);
* ``автобус*`` matches a token that starts with ``автобус`` (a loanword the analysis may not
  know);
* ``=жалпы`` matches only the word written so (lower-cased).

A phrase is words on consecutive tokens. Phrases are indexed by the key of their first word
so a look-up costs one dictionary access per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from analysis.config import read_yaml, resource
from analysis.morph import analyse, inflect

__all__ = ["Lexicon", "Phrase", "Token", "WordPattern", "load_lexicon", "tokenize"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class WordInfo:
    """What the word analysis says of one word form, computed once per distinct word."""

    __slots__ = ("cases", "keys", "readings", "stems", "tags", "verbal")

    def __init__(self, low: str):
        self.readings = analyse(low)
        self.stems = frozenset(a.stem for a in self.readings)
        # Look-up keys of the phrase indexes, in reading order (deterministic).
        self.keys = tuple(dict.fromkeys([low, *(a.stem for a in self.readings)]))
        self.verbal = tuple(a for a in self.readings if a.verbal)
        self.cases = frozenset(a.case for a in self.readings if a.tags and not a.verbal)
        self.tags = frozenset(t for a in self.readings for t in a.tags)  # of any reading


@lru_cache(maxsize=1 << 16)
def word_info(low: str) -> WordInfo:
    """The cached :class:`WordInfo` of a lower-cased word."""
    return WordInfo(low)


_NO_INFO = None


class Token:
    """A word or punctuation mark of a segment (positions into the segment's text)."""

    __slots__ = ("_info", "end", "kind", "low", "mention", "start", "text")

    def __init__(self, text: str, low: str, start: int, end: int, kind: str, mention=None):
        self.text = text
        self.low = low
        self.start = start
        self.end = end
        self.kind = kind  # "word", "num" (a number mention), "digits" (no count), "punct"
        self.mention = mention
        self._info = None

    @property
    def info(self) -> WordInfo | None:
        if self._info is None and self.kind == "word":
            self._info = word_info(self.low)
        return self._info

    @property
    def readings(self):
        """Readings of the word analysis (empty for punctuation and numbers)."""
        info = self.info
        return info.readings if info is not None else ()

    @property
    def stems(self) -> frozenset[str]:
        """Stems of every reading, the bare word included."""
        info = self.info
        return info.stems if info is not None else frozenset()

    @property
    def verbal(self):
        """Readings as a form of a verb."""
        info = self.info
        return info.verbal if info is not None else ()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}, {self.kind})"


def tokenize(text: str, low: str, mentions: list) -> list[Token]:
    """Tokens of a segment: each number mention is one ``num`` token, then words,
    digit runs and punctuation marks in between."""
    out: list[Token] = []
    add = out.append
    pos = 0
    for m in [*mentions, None]:
        stop = m.start if m is not None else len(text)
        for t in _PIECE.finditer(low, pos, stop):
            a, b = t.span()
            add(Token(text[a:b], t.group(), a, b, _KINDS[t.lastgroup]))
        if m is not None:
            out.append(Token(text[m.start : m.end], low[m.start : m.end], m.start, m.end, "num", m))
            pos = m.end
    return out


_KINDS = {"w": "word", "d": "digits", "p": "punct"}
_PIECE = re.compile(r"(?P<w>[^\W\d_]+(?:-[^\W\d_]+)*)|(?P<d>\d+)|(?P<p>[^\w\s])")


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One lexicon word: how it matches a token."""

    kind: str  # "stem", "prefix" or "exact"
    value: str

    def matches(self, tok: Token) -> bool:
        if tok.kind != "word":
            return False
        if self.kind == "stem":
            return self.value in tok.stems
        if self.kind == "prefix":
            return tok.low.startswith(self.value)
        return tok.low == self.value

    @property
    def key(self) -> str:
        """Index key: a stem, the first three letters of a prefix, or the exact word."""
        return self.value[:3] if self.kind == "prefix" else self.value


def _pattern(word: str) -> WordPattern:
    word = word.lower()
    if word.startswith("="):
        return WordPattern("exact", word[1:])
    if word.endswith("*"):
        return WordPattern("prefix", word[:-1])
    return WordPattern("stem", word)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A lexicon phrase and what it means (``label``: a class|group, verb class, ...)."""

    words: tuple[WordPattern, ...]
    label: str
    text: str


@dataclass
class PhraseIndex:
    """Phrases by the key of their first word; ``match`` finds the longest at a token."""

    by_key: dict[str, list[Phrase]] = field(default_factory=dict)
    prefixes: dict[str, list[Phrase]] = field(default_factory=dict)
    by_last: dict[str, list[Phrase]] = field(default_factory=dict)
    last_prefixes: dict[str, list[Phrase]] = field(default_factory=dict)
    first_memo: dict = field(default_factory=dict)  # candidates of a word, by first word
    last_memo: dict = field(default_factory=dict)  # candidates of a word, by last word

    def add(self, phrase: Phrase) -> None:
        first, last = phrase.words[0], phrase.words[-1]
        table = self.prefixes if first.kind == "prefix" else self.by_key
        table.setdefault(first.key, []).append(phrase)
        table = self.last_prefixes if last.kind == "prefix" else self.by_last
        table.setdefault(last.key, []).append(phrase)

    def finish(self) -> PhraseIndex:
        """Sort every list longest phrase first (the look-ups stop at the first match)."""
        for t in (self.by_key, self.prefixes, self.by_last, self.last_prefixes):
            for k in t:
                t[k].sort(key=lambda p: -len(p.words))
        return self

    @staticmethod
    def _candidates(tok: Token, keyed: dict, prefixed: dict, memo: dict) -> list[Phrase]:
        if tok.kind != "word":
            return []
        found = memo.get(tok.low)
        if found is not None:
            return found
        out: list[Phrase] = []
        # Readings in their order (not the set of stems): the same text always gives the
        # same phrase, whatever the hash seed.
        for s in tok.info.keys:
            hit = keyed.get(s)
            if hit:
                out.extend(hit)
        hit = prefixed.get(tok.low[:3])
        if hit:
            out.extend(hit)
        if len(memo) > 1 << 15:
            memo.clear()  # bounded: memory stays flat on any stream
        memo[tok.low] = out
        return out

    def match(self, toks: list[Token], i: int) -> Phrase | None:
        """The longest phrase whose words match ``toks[i:]``."""
        best = None
        for p in self._candidates(toks[i], self.by_key, self.prefixes, self.first_memo):
            n = len(p.words)
            if best is not None and n <= len(best.words):
                continue
            if i + n <= len(toks) and _all_match(p.words, toks, i):
                best = p
        return best

    def match_ending(self, toks: list[Token], j: int) -> Phrase | None:
        """The longest phrase whose last word is ``toks[j]`` (words before it on the
        tokens before it)."""
        best = None
        for p in self._candidates(toks[j], self.by_last, self.last_prefixes, self.last_memo):
            n = len(p.words)
            if best is not None and n <= len(best.words):
                continue
            i = j - n + 1
            if i >= 0 and _all_match(p.words, toks, i):
                best = p
        return best


def _all_match(words: tuple[WordPattern, ...], toks: list[Token], i: int) -> bool:
    """Whether ``words`` match the tokens from ``i`` on (a loop: no generator per call)."""
    for w in words:
        if not w.matches(toks[i]):
            return False
        i += 1
    return True


def _index(entries: list[tuple[str, str]]) -> PhraseIndex:
    idx = PhraseIndex()
    for text, label in entries:
        words = tuple(_pattern(w) for w in text.split())
        if words:
            idx.add(Phrase(words, label, text))
    return idx.finish()


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A measure verb: its root, the fixed arguments before it, its verb class."""

    root: str
    args: tuple[WordPattern, ...]
    vclass: str
    text: str


@dataclass(frozen=True, slots=True)
class Frame:
    """A measure said by a place or event word in a case and a verb (``""``: none)."""

    vclass: str
    where: PhraseIndex
    cases: frozenset[str]
    verbs: frozenset[str]


@dataclass
class Lexicon:
    """The compiled lexicon of the Kyrgyz reader."""

    nouns: PhraseIndex
    noun_label: dict[str, tuple[str, str]]  # label -> (class, group)
    generic_nouns: frozenset[str]
    owners: PhraseIndex
    verbs: dict[str, list[VerbEntry]]  # root -> entries, longest arguments first
    frames: list[Frame]
    frame_words: PhraseIndex  # every place word of a frame (label: vclass)
    toll_nouns: PhraseIndex
    measures: dict[str, dict[str, str]]
    pairs: dict[tuple[str, str], str]
    joiners: PhraseIndex
    q_before: PhraseIndex
    q_after: dict[str, PhraseIndex]
    subset_markers: PhraseIndex
    not_counts: PhraseIndex
    not_numbers: PhraseIndex
    months: dict[str, int]
    as_of_words: PhraseIndex
    transitive: frozenset[str]
    copulas: frozenset[str]
    aux: frozenset[str]
    subset_tails: frozenset[str] = field(default_factory=frozenset)
    anaphors: frozenset[str] = field(default_factory=frozenset)  # "аталган": the ones named
    pronoun_owners: frozenset[str] = field(default_factory=frozenset)
    alone_keys: frozenset[str] = field(default_factory=frozenset)  # last words of no-verb frames
    # The frames of each verb root ("" for the frames a place word says alone), in order.
    frames_by_verb: dict[str, tuple[Frame, ...]] = field(default_factory=dict)
    all_words: frozenset[str] = field(default_factory=frozenset)  # "баары": all of them
    coordinators: frozenset[str] = field(default_factory=frozenset)  # жана, менен: "and"
    toll_words: frozenset[str] = field(default_factory=frozenset)  # "саны": the number of
    toll_totals: frozenset[str] = field(default_factory=frozenset)  # "жалпы саны": in all
    toll_verbs: frozenset[str] = field(default_factory=frozenset)  # "жетти": reached
    saying: frozenset[str] = field(default_factory=frozenset)  # converbs ("деп"): quote ends
    negators: frozenset[str] = field(default_factory=frozenset)  # "жок": did not
    # measure verb phrases by the key of their first fixed argument ("жарадар" бол)
    verbs_by_first_arg: dict[str, tuple[VerbEntry, ...]] = field(default_factory=dict)
    rates: PhraseIndex | None = None  # "ар бир": each (a rate's base follows)
    roles: frozenset[str] = field(default_factory=frozenset)  # "катары": as (a role)
    sitting_places: frozenset[str] = field(default_factory=frozenset)  # "жыйын", "сессия"
    sitting_members: frozenset[str] = field(default_factory=frozenset)  # "депутат"
    crowd_bodies: PhraseIndex | None = None  # "топ", "колонна": a body of people
    owner_particles: frozenset[str] = field(default_factory=frozenset)  # "тең": both
    # (verb root, auxiliary root) -> verb class: "камалып калды" (trapped) says no arrest
    aux_classes: dict[tuple[str, str], str] = field(default_factory=dict)


def _by_first_arg(verbs: dict[str, list[VerbEntry]]) -> dict[str, tuple[VerbEntry, ...]]:
    out: dict[str, list[VerbEntry]] = {}
    for entries in verbs.values():
        for e in entries:
            if e.args:
                out.setdefault(e.args[0].key, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


@cache
def load_lexicon(name: str = "lexicon.ky.yaml") -> Lexicon:
    """Read and compile a lexicon file shipped in ``analysis/resources``."""
    data = read_yaml(resource(name))
    noun_entries = []
    noun_label = {}
    for cls, groups in data["nouns"].items():
        for group, phrases in groups.items():
            noun_label[f"{cls}|{group}"] = (cls, group)
            noun_entries += [(p, f"{cls}|{group}") for p in phrases]
    verbs: dict[str, list[VerbEntry]] = {}
    for vclass, phrases in data["verbs"].items():
        for p in phrases:
            words = p.lower().split()
            entry = VerbEntry(words[-1], tuple(_pattern(w) for w in words[:-1]), vclass, p)
            verbs.setdefault(words[-1], []).append(entry)
    for entries in verbs.values():
        entries.sort(key=lambda e: -len(e.args))
    frames = []
    frame_words = []
    for vclass, specs in data.get("frames", {}).items():
        for spec in specs:
            where = _index([(w, vclass) for w in spec["where"]])
            frame_words += [(w, vclass) for w in spec["where"]]
            frames.append(
                Frame(
                    vclass,
                    where,
                    frozenset(str(c) for c in spec["case"]),
                    frozenset(str(v) for v in spec["verbs"]),
                )
            )
    q = data["qualifiers"]
    nc = data["not_counts"]
    return Lexicon(
        nouns=_index(noun_entries),
        noun_label=noun_label,
        generic_nouns=frozenset(data.get("generic_nouns", [])),
        owners=_index([(w, g) for g, ws in data["owners"].items() for w in ws]),
        verbs=verbs,
        frames=frames,
        frame_words=_index(frame_words),
        toll_nouns=_index([(w, c) for c, ws in data["toll_nouns"].items() for w in ws]),
        measures=data["measures"],
        pairs={(a, b): c for a, b, c in data["combined"]["pairs"]},
        joiners=_index([(w, "") for w in data["combined"]["joiners"]]),
        q_before=_index([(w, k) for k, ws in q["before"].items() for w in ws]),
        q_after={
            key: _index([(w, k) for k, ws in q[key].items() for w in ws])
            for key in ("after_dative", "after_ablative", "after")
        },
        subset_markers=_index([(w, "") for w in data["subset_markers"]]),
        not_counts=_index([(w, reason) for reason, ws in nc.items() for w in ws]),
        not_numbers=_index([(w, "") for w in data.get("not_numbers", [])]),
        months=data["months"],
        as_of_words=_index([(w, "") for w in data["as_of_words"]]),
        transitive=frozenset(data.get("transitive", [])),
        copulas=frozenset(data.get("copulas", [])),
        aux=frozenset(data.get("auxiliaries", [])),
        subset_tails=frozenset(data.get("subset_tails", [])),
        anaphors=frozenset(data.get("anaphors", [])),
        pronoun_owners=frozenset(data.get("pronoun_owners", [])),
        all_words=frozenset(data.get("all_words", [])),
        coordinators=frozenset(data["coordinators"]),
        toll_words=frozenset(data["toll"]["words"]),
        toll_totals=frozenset(data["toll"]["totals"]),
        toll_verbs=frozenset(data["toll"].get("verbs", [])),
        saying=frozenset(inflect(root, ("CONV",)) for root in data.get("saying", [])),
        negators=frozenset(data.get("negators", [])),
        verbs_by_first_arg=_by_first_arg(verbs),
        rates=_index([(w, "rate") for w in data.get("rates", [])]),
        roles=frozenset(data.get("roles", [])),
        sitting_places=frozenset(w.lower() for w in data.get("sittings", {}).get("where", [])),
        sitting_members=frozenset(w.lower() for w in data.get("sittings", {}).get("members", [])),
        crowd_bodies=_index([(w, "crowd") for w in data.get("crowd_bodies", [])]),
        owner_particles=frozenset(data.get("owner_particles", [])),
        aux_classes={
            (root, aux): vclass
            for vclass, pairs in data.get("aux_verbs", {}).items()
            for root, aux in pairs
        },
        alone_keys=frozenset(
            _pattern(w.split()[-1]).key
            for specs in data.get("frames", {}).values()
            for spec in specs
            if "" in [str(v) for v in spec["verbs"]]
            for w in spec["where"]
        ),
        frames_by_verb={
            v: tuple(fr for fr in frames if v in fr.verbs) for fr in frames for v in fr.verbs
        },
    )
