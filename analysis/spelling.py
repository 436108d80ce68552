"""Kyrgyz words as the web spells them, restored for the figure reader.

Web text often lacks the Kyrgyz letters (``коп адам жабыркады`` for ``көп``, ``олду`` for
``өлдү``, ``минден`` for ``миңден``) or mixes Latin look-alike letters into Cyrillic words
(``aдам`` with a Latin ``a``). :func:`restore` gives the lower-cased text of a segment with
such words spelled as the lexicon knows them, letter for letter so offsets stay valid.
The tables are data (``resources/spelling.ky.yaml``, ``resources/lookalikes.yaml``); a word's restoration is computed once.

A folded word is restored only when the segment has no Kyrgyz letter at all, the word as
written is unknown (to the lexicon, the word analysis's verb roots and irregular words, and
the numerals) and a restoration is known, so a real back-vowel word (``куйду``, poured; the
verb root ``куй`` is listed) is never read as its front twin (``күйдү``, burned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from analysis.config import read_yaml, resource

__all__ = ["front_vowels", "lookalike_table", "restore", "restore_word"]


@dataclass(frozen=True)
class _Spelling:
    lookalikes: dict[str, str]
    unfold: dict[str, str]  # plain letter -> Kyrgyz letter (о -> ө)
    kyrgyz: frozenset[str]
    back: frozenset[str]
    max_nasals: int


@cache
def _spelling() -> _Spelling:
    data = read_yaml(resource("spelling.ky.yaml"))
    folded = {str(k): str(v) for k, v in data["folded"].items()}
    return _Spelling(
        lookalikes=lookalike_table(),
        unfold={v: k for k, v in folded.items()},
        kyrgyz=frozenset(folded),
        back=frozenset(data["back_vowels"]),
        max_nasals=int(data.get("max_nasals", 2)),
    )


@cache
def lookalike_table() -> dict[str, str]:
    """Latin look-alike letter -> the Cyrillic letter it stands for (``resources/
    lookalikes.yaml``, shared by the Kyrgyz and the Russian reader)."""
    data = read_yaml(resource("lookalikes.yaml"))
    return {str(k): str(v) for k, v in data["lookalikes"].items()}


@cache
def _known_words() -> frozenset[str]:
    """Every word the lexicon, the word analysis's tables and the numerals spell."""
    from analysis.morph import load_morphology

    words: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            words.update(w.strip("=*") for w in x.lower().split())

    walk(read_yaml(resource("lexicon.ky.yaml")))
    m = load_morphology()
    words.update(m.verb_roots)
    words.update(m.irregular)
    words.update(stem for stem, _ in m.irregular.values())
    words.update(_number_words())
    return frozenset(w for w in words if w)


@cache
def _number_words() -> frozenset[str]:
    from analysis import numerals

    return frozenset(
        [
            *numerals.UNITS,
            *numerals.TENS,
            *numerals.SCALES,
            *numerals.COLLECTIVES,
            *numerals.SEVERAL_WORDS,
        ]
    )


def _is_number_word(word: str) -> bool:
    """A number word, bare or inflected (``үчөө``, ``миңден``, ``төрттөн``)."""
    from analysis.numerals import SUFFIX_RE

    for n in _number_words():
        if word.startswith(n) and (len(word) == len(n) or SUFFIX_RE.fullmatch(word[len(n) :])):
            return True
    return False


def _known(word: str) -> bool:
    from analysis.morph import analyse

    known = _known_words()
    return word in known or any(a.stem in known for a in analyse(word))


def front_vowels(word: str) -> str:
    """``у`` -> ``ү``, ``дон`` -> ``дөн``: the folded rounded vowels of a word read as front
    ones (a suffix after a front-vowel number, ``4у`` for ``4ү``)."""
    sp = _spelling()
    return "".join(sp.unfold.get(c, c) if c != "н" else c for c in word)


def _known_inflected(word: str) -> bool:
    """A known stem with suffixes (``учту``, flew; ``окко``): the word is as written."""
    from analysis.morph import analyse

    known = _known_words()
    return any(a.tags and a.stem in known for a in analyse(word))


def _variants(word: str) -> list[str]:
    """Restorations of a word typed without Kyrgyz letters: front vowels where harmony
    allows, then ң for one or two н."""
    sp = _spelling()
    bases = []
    if not sp.back.intersection(word) and any(c in sp.unfold and c != "н" for c in word):
        bases.append(front_vowels(word))
    nasals = [k for k, c in enumerate(word) if c == "н"][: sp.max_nasals]
    out = list(bases)
    for base in [word, *bases]:
        for r in range(1, len(nasals) + 1):
            for ks in combinations(nasals, r):
                chars = list(base)
                for k in ks:
                    chars[k] = sp.unfold["н"]
                out.append("".join(chars))
    return out


@lru_cache(maxsize=1 << 15)
def restore_word(word: str, folded: bool = True) -> str:
    """The lexicon's spelling of one lower-case word (the same length).

    >>> restore_word("aдам")        # Latin a
    'адам'
    >>> restore_word("олду")
    'өлдү'
    >>> restore_word("куйду")       # "poured" is a word of its own
    'куйду'
    """
    sp = _spelling()
    if any(c in sp.lookalikes for c in word) and any(
        "а" <= c <= "я" or c in sp.kyrgyz for c in word
    ):
        word = "".join(sp.lookalikes.get(c, c) for c in word)
    if not folded or sp.kyrgyz.intersection(word) or not sp.unfold.keys() & set(word):
        return word
    variants = _variants(word)
    numbers = [v for v in variants if _is_number_word(v)]
    if numbers and not _is_number_word(word) and not _known_inflected(word):
        return numbers[0]  # "уч адам": three people ("уч", fly!, is no news word)
    if _known(word):
        return word
    return next((v for v in variants if _known(v)), word)


# A word, not the suffix glued to a number ("25тен", "5-ке", "10'дон"), which numerals.py
# reads; only words with a letter a restoration may change are visited.
_GLUE = r"(?<![\d\w])(?<!\d[-'’ʼ])"
_LATIN = re.compile(r"[a-z]")


@cache
def _word_res() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Words with a folded or look-alike letter; words with a look-alike; Kyrgyz letters."""
    sp = _spelling()
    folded = re.escape("".join(sp.unfold) + "".join(sp.lookalikes))
    latin = re.escape("".join(sp.lookalikes))
    return (
        re.compile(rf"{_GLUE}[^\W\d_]*[{folded}][^\W\d_]*"),
        re.compile(rf"{_GLUE}[^\W\d_]*[{latin}][^\W\d_]*"),
        re.compile(f"[{re.escape(''.join(sp.kyrgyz))}]"),
    )


def restore(low: str) -> str:
    """A lower-cased segment with its words restored (:func:`restore_word`): look-alike
    letters always, folded letters only when the segment has no Kyrgyz letter."""
    foldable, mixed, kyrgyz = _word_res()
    folded = kyrgyz.search(low) is None
    if folded:
        words = foldable
    elif _LATIN.search(low):
        words = mixed
    else:
        return low
    out = []
    pos = 0
    for m in words.finditer(low):
        w = m.group()
        r = restore_word(w, folded)
        if r != w:
            out.append(low[pos : m.start()])
            out.append(r)
            pos = m.end()
    if not out:
        return low
    out.append(low[pos:])
    return "".join(out)
