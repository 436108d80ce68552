"""What a language reader gives the figure extractor: figures and every number it saw.

The extractor (:mod:`analysis.figures`) cuts an article into segments and hands each segment
to the reader of the segment's language (``READERS``: Kyrgyz in :mod:`analysis.rules_ky`,
Russian in :mod:`analysis.rules_ru`). A reader returns a :class:`Reading`: the figures the
segment states and one :class:`NumberSeen` per number mention in it, so that every number
of an article is accounted for (a figure, not a count and why, or unread). The engine never
names a language; a language is added as a reader module, its data files and its corpus.

Positions are character offsets into the segment's text as given to the reader (the raw
slice the segment covers), so the engine can turn them into spans of the raw file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

__all__ = [
    "NOT_A_COUNT_REASONS",
    "READERS",
    "Context",
    "Figure",
    "NumberSeen",
    "Reader",
    "Reading",
    "interval",
    "reader_for",
]

#: Why a number mention is not a count (``numbers`` table, ``reason`` column).
NOT_A_COUNT_REASONS = (
    "date",
    "clock_time",
    "year",
    "age",
    "money",
    "percentage",
    "duration",
    "ordinal",
    "unit",
    "too_large",
    "not_counted",  # a count of something outside the vocabulary (cases, medals, calls)
    "identifier",  # a number that names (article 5, No. 27, COVID-19, phone numbers)
    "duplicate",  # in text the cleaner dropped as a copy of text read once
)

#: Language code -> module with a ``read(text, context) -> Reading`` function.
READERS = {"ky": "analysis.rules_ky", "ru": "analysis.rules_ru"}


@dataclass(eq=False, slots=True)
class Figure:
    """A figure read from one segment (offsets into the segment's text)."""

    measure: str  # a value of analysis.schemas.MEASURES
    group: str  # a value of the measure's group vocabulary
    value: int
    qualifier: str  # a value of analysis.schemas.QUALIFIERS
    ncls: str  # class of the counted thing: people, vehicles, buildings, businesses
    start: int  # the number mention
    end: int
    clause: tuple[int, int]  # the quote: the words the figure comes from
    parent: Figure | None = None  # the whole this figure is part of (depth one)
    as_of: str = ""  # ISO date or --MM-DD
    place: str = ""  # gazetteer id, when the reader knows it
    lang: str = ""
    attributed_to: str = ""  # who states it, as written ("ИИМдин маалыматы боюнча")
    rule: str = ""  # name of the rule that decided the measure (for explanations)


@dataclass(eq=False, slots=True)
class NumberSeen:
    """One number mention: a figure, not a count (with its reason), or unread."""

    start: int
    end: int
    value: int | None
    status: str  # "figure", "not_a_count" or "unread"
    reason: str = ""  # one of NOT_A_COUNT_REASONS when status is "not_a_count"
    figure: Figure | None = None


@dataclass(slots=True)
class Reading:
    """A reader's answer for one segment."""

    figures: list[Figure] = field(default_factory=list)
    numbers: list[NumberSeen] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    """What a reader may know beyond the segment: earlier figures of the same live-blog
    entry, the year of publication, and a memory the reader keeps across the entry's
    segments (for example the last counted noun, which a later "алардын" points back to)."""

    earlier: list[Figure] = field(default_factory=list)
    year: int | None = None
    memory: dict = field(default_factory=dict)


class Reader(Protocol):
    def __call__(self, text: str, context: Context) -> Reading: ...


@cache
def reader_for(lang: str) -> Reader | None:
    """The ``read`` function of a language's reader, or None when there is none."""
    name = READERS.get(lang)
    if name is None:
        return None
    try:
        return importlib.import_module(name).read
    except ModuleNotFoundError as err:
        if err.name != name:
            raise
        return None  # a reader not written yet reads nothing


def interval(value: int, qualifier: str) -> tuple[int, int | None]:
    """(low, high) of a stated count; high is None when the interval is open.

    exact [v, v]; approx [floor(0.9 v), ceil(1.1 v)] (integer arithmetic: 1.1 * 3000 is
    3300.0000000000005 in floats); more_than [v + 1, open]; at_least [v, open]; up_to [0, v];
    several: v is the order of magnitude, [v, 10 v - 1].
    """
    if qualifier == "approx":
        return value * 9 // 10, -(-value * 11 // 10)
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "at_least":
        return value, None
    if qualifier == "up_to":
        return 0, value
    if qualifier == "several":
        return value, 10 * value - 1
    return value, value
