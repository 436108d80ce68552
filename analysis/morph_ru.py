"""Russian morphology for the readers: one lazy pymorphy3 analyser and cached look-ups.

Rules ask the morphology for features (part of speech, case, number, lemma) instead of
listing endings. The analyser loads its dictionaries from the ``pymorphy3-dicts-ru`` package
(nothing is downloaded at run time) the first time a word is looked up; every look-up is
cached by word, so the cost of a text follows its distinct words.

Lemmas are compared with ``ё`` written as ``е`` (news text uses both). A *nominal* lemma is
the dictionary form a noun phrase is listed under: the normal form for nouns, and the
masculine nominative singular for adjectives and participles used as nouns
(``пострадавших`` -> ``пострадавший``, where pymorphy3's normal form is the verb
``пострадать``).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["analyzer", "is_known", "is_russian", "lemmas", "nominal_lemmas", "parses", "pos"]

_MORPH = None


def analyzer():
    """The module's ``pymorphy3.MorphAnalyzer`` (created on first use)."""
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        try:  # the dictionary's path given: pymorphy3 would scan every installed package's
            # entry points to find it (a third of its start-up)
            import pymorphy3_dicts_ru

            _MORPH = pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")
        except ImportError:  # pragma: no cover - pymorphy3 finds its dictionary itself
            _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def _e(word: str) -> str:
    return word.replace("ё", "е")


@lru_cache(maxsize=1 << 16)
def parses(word: str) -> tuple:
    """pymorphy3 parses of a lower-case word, most likely first (none for a word pymorphy3
    cannot read: it fails on letters that have no Unicode name)."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        return ()


@lru_cache(maxsize=1 << 16)
def lemmas(word: str) -> frozenset[str]:
    """Normal forms of every parse of a lower-case word (``ё`` as ``е``)."""
    return frozenset(_e(p.normal_form) for p in parses(word))


@lru_cache(maxsize=1 << 16)
def nominal_lemmas(word: str) -> frozenset[str]:
    """Lemmas a noun phrase may be listed under: normal forms, plus the masculine
    nominative singular of adjectives and participles (``раненых`` -> ``раненый``)."""
    out = set()
    for p in parses(word):
        out.add(_e(p.normal_form))
        if {"ADJF", "PRTF"} & p.tag.grammemes:
            form = p.inflect({"masc", "sing", "nomn"})
            if form is not None:
                out.add(_e(form.word))
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def pos(word: str) -> str:
    """Part of speech of the most likely parse (``NOUN``, ``VERB``, ``ADJF``, ...), or ""."""
    found = parses(word)
    return str(found[0].tag.POS or "") if found else ""


@lru_cache(maxsize=1 << 16)
def is_known(word: str) -> bool:
    """Whether the dictionary knows the word (not a guess from its ending)."""
    try:
        return analyzer().word_is_known(word)
    except ValueError:
        return False


def is_russian(word: str) -> bool:
    """Whether the dictionary knows the word, or pymorphy3 reads it as a known prefix before
    a word the dictionary knows (``наркокурьеров``: нарко + курьеров; not a guess from an
    ending): evidence that a text is Russian."""
    if is_known(word):
        return True
    found = parses(word)
    if not found:
        return False
    stack = found[0].methods_stack
    return (
        len(stack) == 2
        and type(stack[1][0]).__name__ == "KnownPrefixAnalyzer"
        and type(stack[0][0]).__name__ == "DictionaryAnalyzer"
    )
