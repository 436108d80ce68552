"""Places named in a sentence: gazetteer ids, found cheaply in running text.

Only capitalised words whose first letters begin some gazetteer name are looked up
(:func:`analysis.geo.find_places` does the matching with case endings), so the cost follows
the place names, not the text. Used by the figure extractor to fill ``place``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

__all__ = ["EntryPlaces", "places_in"]


@cache
def _place_prefixes() -> tuple | None:
    """Folded first letters of gazetteer names (all, first words of longer names, later words)
    and a regex finding capitalised words that start like a name."""
    try:
        from analysis.geo import fold, gazetteer_names
    except ImportError:  # pragma: no cover - the gazetteer is optional for this module
        return None
    table = gazetteer_names()
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
# Possessive "++": a long run of white space not followed by a word is given up at once
# (a plain "+" retried every shorter run from every start: quadratic in the run).
_CHUNK_WORD = re.compile(r"([\s-]++)([^\W\d_]+)")


@lru_cache(maxsize=1 << 16)
def _chunk_places(chunk: str) -> tuple[str, ...]:
    """Gazetteer ids of a place name at the start of ``chunk``."""
    from analysis.geo import place_spans

    return tuple(pid for pid, start, _ in place_spans(chunk) if start == 0)


def places_in(text: str) -> list[str]:
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
                pos = m.end()
                # The words right after it, one by one, while they can continue a name.
                while (w := _CHUNK_WORD.match(text, pos)) is not None:
                    if fold(w.group(2)[:3]) not in later:
                        break
                    chunk += w.group()
                    pos = w.end()
            out.extend(_chunk_places(chunk))
    return out


class EntryPlaces:
    """The places named so far in one live-blog entry: each segment is looked up once, and
    only when a figure asks (linear in the entry, however many figures ask)."""

    def __init__(self) -> None:
        self._bodies: list[str] = []
        self._found: dict[int, list[str]] = {}  # places of a body already looked up
        self._scanned = 0  # bodies folded into _last so far
        self._last = ""

    def add(self, body: str, found: list[str] | None = None) -> None:
        """The entry's next segment; ``found`` when its places are already known."""
        if found is not None:
            self._found[len(self._bodies)] = found
        self._bodies.append(body)

    def last(self) -> str:
        """The last place named in the segments added so far ("" for none)."""
        while self._scanned < len(self._bodies):
            k = self._scanned
            found = self._found.get(k)
            if found is None:
                found = places_in(self._bodies[k])
            self._last = found[-1] if found else self._last
            self._scanned += 1
        return self._last
