"""Kyrgyz word analysis: a word read as stem + suffix chain, from sound tables in data.

``analyse("кармалгандардын")`` gives, among its readings, ``карма`` + PASS PTCP PL GEN
(карма-л-ган-дар-дын); ``analyse("жаткырылып")`` gives ``жат`` + CAUS PASS CONV
(жат-кыр-ыл-ып). Rules of the figure reader ask these readings for grammatical features
("a genitive plural participle?", "a converb of a measure verb?") instead of listing endings.

Everything language-specific is in ``resources/morphology.ky.yaml``: vowel harmony (the
archiphonemes A, I, U), consonant assimilation (D, G, N, L, B), stem-final voicing (к/г,
п/б), the suffixes with their slots, irregular words and the verb roots of news text.

Analysis inverts generation: a suffix is stripped from the end of a word only when
:func:`inflect` would write exactly that ending after what remains (so harmony and
assimilation are checked, not guessed), suffixes in slot order from the stem outwards.
Readings whose suffixes are verbal need a known verb root as stem; noun readings take any
stem of two or more letters with a vowel. A word has several readings when its ending is
ambiguous (``алды``: ал-PAST, or the noun алд + ACC); every reading is returned, the bare
word first, then by fewer suffixes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from analysis.config import read_yaml, resource

__all__ = [
    "CASES",
    "Analysis",
    "analyse",
    "inflect",
    "is_verb_root",
    "load_morphology",
]

#: Case tags, in the order the suffix table lists them.
CASES = ("GEN", "ACC", "DAT", "LOC", "ABL", "INS")
_P3_CASES = {"ACC", "DAT", "LOC", "ABL"}


class Analysis(NamedTuple):
    """One reading of a word: its stem and suffix tags from the stem outwards."""

    stem: str
    tags: tuple[str, ...] = ()

    def has(self, *tags: str) -> bool:
        """True when every tag given is in the chain."""
        own = self.tags
        for t in tags:  # noqa: SIM110 (a loop, not all(): asked of every reading the rules see)
            if t not in own:
                return False
        return True

    @property
    def case(self) -> str:
        """The case tag ('' for the nominative)."""
        return _chain_facts(self.tags)[0]

    @property
    def verbal(self) -> bool:
        """True when the stem is a verb (some suffix needs a verb)."""
        return _chain_facts(self.tags)[1]

    @property
    def finite(self) -> bool:
        """True for a finite verb: past, present or conditional, with any person."""
        return bool(self.tags) and self.tags[-1] in _FINITE_END and not self._nominal

    @property
    def _nominal(self) -> bool:
        return _chain_facts(self.tags)[2]

    def __str__(self) -> str:
        return "-".join([self.stem, *self.tags])


_FINITE_END = {"PAST", "PRES", "COND", "HAB", "P1SG", "P1PLV", "P1PLA", "P2SG"}


@lru_cache(maxsize=1 << 12)
def _chain_facts(tags: tuple[str, ...]) -> tuple[str, bool, bool]:
    """(case, verbal, nominal) of a suffix chain: what the readings of every word ask,
    worked out once per distinct chain (there are a few hundred)."""
    suffixes = _morph().suffixes
    case = next((t for t in reversed(tags) if t in CASES), "")
    return (
        case,
        any(t in suffixes and suffixes[t].pos == "V" for t in tags),
        any(t in suffixes and suffixes[t].noun for t in tags),
    )


@dataclass(frozen=True)
class _Suffix:
    name: str
    slot: int
    pos: str
    noun: bool  # a participle or verbal noun: noun suffixes may follow
    free: bool  # any form whose condition holds may be used (the verb chooses: -дыр, -гыз)
    forms: tuple[tuple[str, str], ...]  # (condition, template), tried in order
    surfaces: frozenset[str]  # every way it can be written
    follows: frozenset[str] = frozenset()  # the suffixes it may follow (empty: any)


@dataclass(frozen=True)
class _Morphology:
    harmony: dict[str, dict[str, str]]
    vowels: frozenset[str]
    voiceless: frozenset[str]
    nasals: frozenset[str]
    alternations: dict[str, str]
    suffixes: dict[str, _Suffix]
    by_last: dict[str, tuple[tuple[str, _Suffix], ...]]  # last letter -> (surface, suffix)
    irregular: dict[str, tuple[str, tuple[str, ...]]]
    verb_roots: frozenset[str]
    guess: tuple[tuple[str, ...], ...]  # suffix chains that tell a verb of an unknown root
    guess_min: int
    postpositions: frozenset[str] = frozenset()  # read with the tag POSTP ("үчүн")
    devoiced: frozenset[str] = frozenset()  # a loanword's last letter said voiceless ("моргко")
    # a root's last vowel -> the long vowel it makes with a suffix form "~" (карма-уу: кармоо)
    contraction: dict[str, str] | None = None
    # voice suffixes that, after a vowel and before a plain finite ending, tell no verb of an
    # unknown root: "беттешти" is the match (беттеш-ACC), not бетте-RECP-PAST
    guess_not_finite: frozenset[str] = frozenset()


_ARCHI_OPTIONS = {
    "A": "аеоө",
    "I": "ыиуү",
    "U": "уү",
    "D": "дт",
    "G": "гк",
    "N": "ндт",
    "L": "лдт",
    "B": "бмп",
}


def _expand(template: str) -> set[str]:
    """Every string a template can be written as (for indexing; resolution checks it)."""
    choices = [_ARCHI_OPTIONS.get(ch, ch) for ch in template]
    return {"".join(p) for p in itertools.product(*choices)}


#: A suffix form that merges with the root's last vowel (``contraction`` in the data file).
_CONTRACT = "~"


@cache
def load_morphology(name: str = "morphology.ky.yaml") -> _Morphology:
    """Read the sound tables, suffixes, irregular words and verb roots."""
    data = read_yaml(resource(name))
    suffixes: dict[str, _Suffix] = {}
    for sname, spec in data["suffixes"].items():
        forms = []
        for form in spec["forms"]:
            cond, _, tmpl = form.rpartition(":")
            forms.append((cond, tmpl))
        contracted = set((data.get("contraction") or {}).values())
        surfaces = frozenset(
            s for _, t in forms for s in (contracted if t == _CONTRACT else _expand(t))
        )
        suffixes[sname] = _Suffix(
            sname,
            int(spec["slot"]),
            spec["pos"],
            bool(spec.get("noun")),
            bool(spec.get("free")),
            tuple(forms),
            surfaces,
            frozenset(spec.get("follows") or ()),
        )
    by_last: dict[str, list[tuple[str, _Suffix]]] = {}
    for suf in suffixes.values():
        for s in suf.surfaces:
            by_last.setdefault(s[-1], []).append((s, suf))
    irregular = {w: (v[0], tuple(v[1:])) for w, v in (data.get("irregular") or {}).items()}
    roots = frozenset(" ".join(str(r).split()) for r in data["verb_roots"])
    return _Morphology(
        harmony={k: dict(v) for k, v in data["harmony"].items()},
        vowels=frozenset(data["vowels"]),
        voiceless=frozenset(data["voiceless"]),
        nasals=frozenset(data["nasals"]),
        alternations=dict(data.get("alternations") or {}),
        suffixes=suffixes,
        by_last={k: tuple(v) for k, v in by_last.items()},
        irregular=irregular,
        verb_roots=roots,
        postpositions=frozenset(data.get("postpositions") or ()),
        devoiced=frozenset(data.get("devoiced") or ()),
        contraction=dict(data.get("contraction") or {}),
        guess=tuple(tuple(str(g).split()) for g in data.get("guess", {}).get("chains", [])),
        guess_min=int(data.get("guess", {}).get("min_stem", 3)),
        guess_not_finite=frozenset(data.get("guess", {}).get("not_finite_after_vowel", [])),
    )


_morph = load_morphology


def _last_vowel(m: _Morphology, s: str) -> str:
    for ch in reversed(s):
        if ch in m.vowels:
            return ch
    return ""


def _resolve(m: _Morphology, left: str, template: str) -> str | None:
    """How ``template`` is written after ``left`` (None when no vowel to harmonise with).
    A contracting form (``~``) is written by :func:`_contract`, not appended."""
    if template == _CONTRACT:
        return None
    out = left
    for ch in template:
        if ch in ("A", "I", "U"):
            v = _last_vowel(m, out)
            if not v:
                return None
            out += m.harmony[ch][v]
            continue
        last = out[-1] if out else ""
        vowel = last in m.vowels
        voiceless = last in m.voiceless
        if ch == "D":
            out += "т" if voiceless else "д"
        elif ch == "G":
            out += "к" if voiceless else "г"
        elif ch == "N":
            out += "н" if vowel else ("т" if voiceless else "д")
        elif ch == "L":
            out += "л" if vowel or last in "йр" else ("т" if voiceless else "д")
        elif ch == "B":
            out += "п" if voiceless else ("м" if last in m.nasals else "б")
        else:
            out += ch
    return out[len(left) :]


def _holds(m: _Morphology, cond: str, left: str, after_p3: bool) -> bool:
    if cond == "P3":
        return after_p3
    last = left[-1:] or " "
    if cond == "V":
        return last in m.vowels
    if cond == "C":
        return last not in m.vowels
    if cond == "L":
        return last == "л"
    return True


def _write(m: _Morphology, left: str, suffix: _Suffix, after_p3: bool) -> str | None:
    """The ending ``suffix`` takes after ``left``: the first form whose condition holds."""
    for cond, tmpl in suffix.forms:
        if cond == "P3" and not after_p3:
            continue
        if _holds(m, cond, left, after_p3):
            return _resolve(m, left, tmpl)
    return None


def _may_write(m: _Morphology, left: str, suffix: _Suffix, after_p3: bool, surface: str) -> bool:
    """True when ``suffix`` may be written ``surface`` after ``left``; a noun suffix after a
    loanword's voiced last letter may be written as after a voiceless one (``моргко``, to
    the morgue, beside ``моргго``)."""
    if _may_write_after(m, left, suffix, after_p3, surface):
        return True
    if suffix.pos == "N" and left[-1:] in m.devoiced and _last_vowel(m, left):
        return _may_write_after(m, left[:-1] + "т", suffix, after_p3, surface)
    return False


def _may_write_after(
    m: _Morphology, left: str, suffix: _Suffix, after_p3: bool, surface: str
) -> bool:
    if not suffix.free:
        return _write(m, left, suffix, after_p3) == surface
    return any(
        _holds(m, cond, left, after_p3) and _resolve(m, left, tmpl) == surface
        for cond, tmpl in suffix.forms
    )


def _contract(m: _Morphology, word: str, suffix: _Suffix) -> str | None:
    """``карма`` + VN = ``кармоо``: a root ending in a vowel merges with a suffix that has a
    contracting form into one long vowel (``contraction`` in the data file)."""
    if not m.contraction or word[-1:] not in m.contraction or word not in m.verb_roots:
        return None
    if not any(t == _CONTRACT and _holds(m, c, word, False) for c, t in suffix.forms):
        return None
    return word[:-1] + m.contraction[word[-1]]


def inflect(stem: str, tags: tuple[str, ...] | list[str]) -> str:
    """Write ``stem`` with suffixes ``tags`` (stem outwards): ``inflect("карма", ["PASS",
    "PTCP", "PL", "GEN"]) == "кармалгандардын"``.

    Raises
    ------
    ValueError
        For an unknown tag or a stem without a vowel to harmonise with.
    """
    m = _morph()
    word = stem.lower()
    prev = ""
    for tag in tags:
        suffix = m.suffixes.get(tag)
        if suffix is None:
            raise ValueError(f"unknown suffix tag {tag!r}")
        contracted = _contract(m, word, suffix) if prev == "" else None
        if contracted is not None:
            word, prev = contracted, tag
            continue
        ending = _write(m, word, suffix, prev == "P3")
        if ending is None:
            raise ValueError(f"cannot write {tag} after {word!r}")
        if ending[:1] in m.vowels and word[-1:] in _VOICING:
            word = word[:-1] + _VOICING[word[-1]]  # тап + ып -> табып
        word += ending
        prev = tag
    return word


_VOICING = {"к": "г", "п": "б", "қ": "ғ"}


def is_verb_root(stem: str) -> bool:
    """True when ``stem`` is a verb root of the word-analysis data."""
    return stem in _morph().verb_roots


_MIN_STEM = 2


@lru_cache(maxsize=1 << 16)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Every reading of ``word`` (lower-cased; a hyphenated word is read by its last part).

    The first reading is always the bare word with no suffix; the others follow with the
    fewest suffixes first.
    """
    w = word.lower()
    head, sep, last = w.rpartition("-")
    prefix = head + sep
    m = _morph()
    found: list[Analysis] = []
    irr = m.irregular.get(last)
    if irr is not None:
        found.append(Analysis(prefix + irr[0], irr[1]))
    if last in m.postpositions:
        found.append(Analysis(w, ("POSTP",)))
    if last:
        for stem, tags in _readings(m, last, 99, (), "", False):
            if tags:
                found.append(Analysis(prefix + stem, tags))
    out = [Analysis(w)]
    for a in sorted(dict.fromkeys(found), key=lambda a: len(a.tags)):
        out.append(a)
    return tuple(out)


def _readings(m: _Morphology, s: str, max_slot: int, right: tuple[str, ...], need: str, alt: bool):
    """Ways to read ``s`` as a stem and suffixes of slots below ``max_slot``, before ``right``.

    ``need`` constrains the suffix right before ``right``: "P3" (a case written in its
    after-possessive form), "not P3" (a case written in its plain form), or "" (free);
    ``alt`` says the suffix after ``s`` starts with a vowel (so a stem-final к/п is voiced).
    """
    verbal = any(m.suffixes[t].pos == "V" for t in right)
    # a person ending follows a finite form, never a bare root: "үшүк" (frostbite) is no
    # үшү-к, as "алдык" is ал-ды-к
    bare = not right or m.suffixes[right[0]].slot != 26
    if bare and need != "P3" and len(s) >= _MIN_STEM and _last_vowel(m, s):
        stems = [s]
        if alt and s[-1] in m.alternations:
            stems.append(s[:-1] + m.alternations[s[-1]])
        for stem in stems:
            if not verbal or stem in m.verb_roots or _guessable(m, stem, right):
                yield stem, right
    nxt = m.suffixes[right[0]] if right else None
    for surface, suffix in m.by_last.get(s[-1:], ()):
        if len(s) - len(surface) < _MIN_STEM or not s.endswith(surface):
            continue
        if suffix.slot > max_slot or (suffix.slot == max_slot and suffix.slot != 11):
            continue
        if need == "P3" and suffix.name != "P3":
            continue
        if need == "not P3" and suffix.name == "P3":
            continue
        if nxt is not None and not _may_precede(suffix, nxt):
            continue
        left = s[: -len(surface)]
        if m.contraction and any(t == _CONTRACT for _, t in suffix.forms):
            # "кармоо": the root карма- and the verbal noun merged into one long vowel
            for v, long in m.contraction.items():
                root = left + v
                if long == surface and root in m.verb_roots and _contract(m, root, suffix):
                    yield root, (suffix.name, *right)
        for after_p3 in (False, True) if suffix.name in _P3_CASES else (False,):
            if not _may_write(m, left, suffix, after_p3, surface):
                continue
            inner_need = "P3" if after_p3 else ("not P3" if suffix.name in _P3_CASES else "")
            yield from _readings(
                m, left, suffix.slot, (suffix.name, *right), inner_need, surface[0] in m.vowels
            )


def _guessable(m: _Morphology, stem: str, tags: tuple[str, ...]) -> bool:
    """A verb form of a root the data does not list, told by endings only verbs take
    (``кагышып``, ``кайрылса``, ``жайылган``): see ``guess`` in the data file."""
    if len(stem) < m.guess_min or not tags:
        return False
    if tags[-1] == "CONV" and len(tags) == 1 and stem[-1] in m.vowels:
        return False  # "-п" after a vowel is too common an ending of nouns
    if not 20 <= m.suffixes[tags[-1]].slot < 26 and m.suffixes[tags[-1]].pos != "N":
        return False  # a bare voice suffix ("жарака-т"), a person ending ("салама-т-ты-к")
    if (
        len(tags) == 2
        and tags[0] in m.guess_not_finite
        and stem[-1] in m.vowels
        and tags[1] == "PAST"
    ):
        return False  # "беттешти": a noun in -ш (the match) in the accusative
    return any(tags[: len(g)] == g or (g[0] == "*" and g[1] in tags) for g in m.guess)


def _may_precede(suffix: _Suffix, nxt: _Suffix) -> bool:
    """May ``suffix`` stand right before ``nxt`` in a word?"""
    if nxt.pos == "N" and suffix.pos == "V":
        return suffix.noun  # only participles and verbal nouns take noun suffixes
    if nxt.pos == "V" and suffix.pos == "N":
        return False
    if nxt.follows and suffix.name not in nxt.follows:
        return False  # "турак" (тур-а-к) is no verb: "-к" follows the past or conditional
    if nxt.slot == 26:  # person endings follow a finite form
        return suffix.slot == 20 and not suffix.noun
    return not (nxt.slot == 20 and suffix.slot == 20)
