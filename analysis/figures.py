"""Extract every stated count (a *figure*) from news text, traceable to its words.

The extractor runs on the cleaner's segments (photo credits are skipped). Each segment goes
to the reader of its language (:mod:`analysis.reading`): Kyrgyz to :mod:`analysis.rules_ky`,
Russian to :mod:`analysis.rules_ru`. A reader returns the segment's figures and every number
mention it saw; this module numbers the figures, links subsets to their wholes across
segments, fills ``place`` from the gazetteer and turns offsets into spans of the raw file.
:func:`numbers_from_segments` gives the other half: one row per number mention of the text
(a figure, not a count and why, or unread), so every number is accounted for.

Intervals (``low``/``high``, ``high`` <NA> when open) follow :func:`analysis.reading.interval`:

=============  ==============================  ==================================
qualifier      written as                      interval
=============  ==============================  ==================================
exact          ``12``                          [v, v]
approx         ``жакын``, ``-дай``, ``около``  [floor(0.9 v), ceil(1.1 v)] (±10 %)
more_than      ``100дөн ашык``, ``более``      [v + 1, open]
at_least       ``кеминде``, ``не менее``       [v, open]
up_to          ``100гө чейин``, ``до``         [0, v]
several        ``бир нече миң``, ``десятки``   v is the order of magnitude; [v, 10 v - 1]
=============  ==============================  ==================================

``place`` is the gazetteer id the reader gave, else the first place named in the sentence,
else the parent's, else the last place named earlier in the same live-blog entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.places import EntryPlaces, places_in
from analysis.readable import Back, readable
from analysis.reading import Context, Figure, NumberSeen, Reading, interval, reader_for
from analysis.schemas import MEASURES, QUALIFIERS, TABLES, frame_from_lists  # declared once

__all__ = [
    "FIGURE_COLUMNS",
    "MEASURES",
    "NUMBER_COLUMNS",
    "QUALIFIERS",
    "extract_figures",
    "extract_from_segments",
    "figure_columns",
    "interval",
    "numbers_from_segments",
    "numbers_table",
    "read_segments",
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
    "lang",
]

#: Columns of :func:`numbers_from_segments`: the ``numbers`` table of the schemas.
NUMBER_COLUMNS = TABLES["numbers"].names

# A run of digits, with the digits it is glued to by ":" "." "," "/" (one clock, one date).
_DIGITS = re.compile(r"\d+(?:[:.,/]\d+)*")


@dataclass(slots=True)
class _Row:
    """A figure and where it was read."""

    fig: Figure
    seg: int  # index of the segment
    base: int  # offset of the segment's text in the raw text
    body: str  # the text the reader read (offsets index it)


_SEGMENT_DEFAULTS = {
    "segment_id": lambda n: list(range(1, n + 1)),
    "entry_id": lambda n: [0] * n,
    "kind": lambda n: ["sentence"] * n,
    "lang": lambda n: ["ky"] * n,
    "start": lambda n: [None] * n,
    "end": lambda n: [None] * n,
    "time": lambda n: [""] * n,
}


def _columns(segments) -> dict[str, list]:
    """The segment columns the readers use, as lists, from a frame or from
    :func:`analysis.clean.segment_columns` (defaults for missing ones)."""
    if isinstance(segments, pd.DataFrame):
        # tolist() converts a column at once; iterating a pandas array costs a call per cell.
        have = {c: segments[c].tolist() for c in ("text", *_SEGMENT_DEFAULTS) if c in segments}
    else:
        have = dict(segments)
    n = len(have["text"])
    for name, default in _SEGMENT_DEFAULTS.items():
        if name not in have:
            have[name] = default(n)
    return have


def _read_segments(cols: dict[str, list], raw: str | None, year: int | None, places: bool):
    """Run the readers: (figure rows, number rows (NumberSeen, seg index, base), bodies)."""
    texts = cols["text"]
    n = len(texts)
    entries, kinds, langs = cols["entry_id"], cols["kind"], cols["lang"]
    starts, ends = cols["start"], cols["end"]
    rows: list[_Row] = []
    numbers: list[tuple[NumberSeen, int, int]] = []
    bases: list[tuple[int, str]] = []
    offset = 0
    last_entry = None
    context = Context(year=year)
    entry = EntryPlaces()
    for i in range(n):
        if starts[i] is not None and starts[i] == starts[i]:  # not None, not NaN
            base = int(starts[i])
            body = raw[base : int(ends[i])] if raw is not None else texts[i]
        else:
            base, body = offset, texts[i]
        bases.append((base, body))
        offset = base + len(body) + 1
        if entries[i] != last_entry:
            context = Context(year=year)
            entry, last_entry = EntryPlaces(), entries[i]
        lang = langs[i] if isinstance(langs[i], str) else ""
        reader = reader_for(lang) if kinds[i] != "credit" else None
        if reader is None:
            continue
        plain, back = readable(body)
        if "\n" in plain:
            # A segment holds a line break only where the cleaner joined a line wrapped
            # inside a sentence: one sentence to the readers (same length, same offsets).
            plain = plain.replace("\n", " ")
        reading = reader(plain, context)
        if back is not None:
            _offsets_back(reading, back)
        numbers.extend((num, i, base) for num in reading.numbers)
        if not reading.figures:
            entry.add(plain)
            continue
        here = places_in(plain) if places else []
        before = entry.last() if places else ""  # the last place of the entry so far
        entry.add(plain, here)
        for f in reading.figures:
            f.lang = f.lang or lang
            f.place = (
                f.place
                or (here[0] if here else "")
                or (f.parent.place if f.parent is not None else "")
                or before
            )
            rows.append(_Row(f, i, base, body))
        context.earlier.extend(reading.figures)
    return rows, numbers, bases


def _offsets_back(reading: Reading, back: Back) -> None:
    """Offsets of a reading of :func:`analysis.readable.readable` text, into the original."""
    for f in reading.figures:
        f.start, f.end = back.span(f.start, f.end)
        f.clause = back.span(*f.clause)
    for n in reading.numbers:
        n.start, n.end = back.span(n.start, n.end)


def _quote(raw_or_body: str, a: int, b: int) -> str:
    return " ".join(raw_or_body[a:b].split())


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
        (optional: ``segment_id``, ``entry_id``, ``kind``, ``time``, ``lang``, ``start``,
        ``end``; without ``lang`` every segment is read as Kyrgyz).
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
        belongs to; ``low``/``high`` follow :func:`analysis.reading.interval`.
    """
    return _figure_frame(_figures(segments, raw, year, places))


def _figures(segments, raw: str | None, year: int | None, places: bool) -> dict[str, list]:
    """Read segments (a frame or lists): the figures as one list per column."""
    cols = _columns(segments)
    rows, _, _ = _read_segments(cols, raw, year, places)
    return _figure_columns(cols, rows)


def _figure_columns(segments: dict[str, list], rows: list[_Row]) -> dict[str, list]:
    """The figures of a reading as plain lists, one per column of :data:`FIGURE_COLUMNS`
    (``high`` None when open)."""
    seg_ids, entries, times = segments["segment_id"], segments["entry_id"], segments["time"]
    ids = {id(r.fig): f"F{k + 1:03d}" for k, r in enumerate(rows)}
    bounds = [interval(r.fig.value, r.fig.qualifier) for r in rows]
    quotes = []
    for r in rows:
        a, b = r.fig.clause
        quotes.append((_quote(r.body, a, b), r.base + a, r.base + b))
    return {
        "figure_id": [ids[id(r.fig)] for r in rows],
        "measure": [r.fig.measure for r in rows],
        "group": [r.fig.group for r in rows],
        "value": [r.fig.value for r in rows],
        "low": [lo for lo, _ in bounds],
        "high": [hi for _, hi in bounds],
        "qualifier": [r.fig.qualifier for r in rows],
        "place": [r.fig.place for r in rows],
        "as_of": [r.fig.as_of for r in rows],
        "parent_id": [ids.get(id(r.fig.parent), "") if r.fig.parent else "" for r in rows],
        "quote": [q for q, _, _ in quotes],
        "start": [a for _, a, _ in quotes],
        "end": [b for _, _, b in quotes],
        "segment_id": [int(seg_ids[r.seg]) for r in rows],
        "entry_id": [int(entries[r.seg]) for r in rows],
        "time": [times[r.seg] if isinstance(times[r.seg], str) else "" for r in rows],
        "derived": [False] * len(rows),
        "lang": [r.fig.lang for r in rows],
    }


def _figure_frame(cols: dict[str, list]) -> pd.DataFrame:
    """:func:`_figure_columns` as a frame (counts Int64, spans and ids int64, text str)."""
    integers = ("start", "end", "segment_id", "entry_id")
    nullable = ("value", "low", "high")
    return frame_from_lists(
        cols,
        FIGURE_COLUMNS,
        integers=integers,
        nullable=nullable,
        booleans=("derived",),
        text=tuple(c for c in FIGURE_COLUMNS if c not in (*integers, *nullable, "derived")),
    )


def numbers_from_segments(
    segments: pd.DataFrame, raw: str | None = None, *, year: int | None = None
) -> pd.DataFrame:
    """One row per number mention of the text: a figure, not a count (and why), or unread.

    Digits, number words, collectives and vague quantities are read by each segment's
    reader. Every run of digits of the raw text is in exactly one row: digits the readers
    did not see (a photo credit, a segment in a language without a reader, text the
    cleaner dropped as a copy, a time stamp) get rows of their own.

    Returns
    -------
    pandas.DataFrame
        :data:`NUMBER_COLUMNS`, in text order; ``figure_id`` is the first figure a mention
        made (``""`` for none).
    """
    return read_segments(segments, raw, year=year, places=False)[1]


def read_segments(
    segments: pd.DataFrame, raw: str | None = None, *, year: int | None = None, places: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures and every number of cleaned segments, from one pass of the readers.

    What :func:`extract_from_segments` and :func:`numbers_from_segments` return, without
    reading the article twice (``analysis.tables.build_tables`` needs both).

    Returns
    -------
    tuple of pandas.DataFrame
        ``(figures, numbers)``.
    """
    cols = _columns(segments)
    rows, numbers, bases = _read_segments(cols, raw, year, places)
    return _figure_frame(_figure_columns(cols, rows)), _number_frame(
        cols, raw, rows, numbers, bases
    )


def _number_frame(segments: dict[str, list], raw, rows, numbers, bases) -> pd.DataFrame:
    """The numbers table of a reading (see :func:`numbers_from_segments`)."""
    ids = {id(r.fig): f"F{k + 1:03d}" for k, r in enumerate(rows)}
    seg_ids, langs = segments["segment_id"], segments["lang"]
    recs: list[tuple] = []
    for num, i, base in numbers:
        body = bases[i][1]
        recs.append(
            (
                base + num.start,
                base + num.end,
                body[num.start : num.end],
                num.value,
                num.status,
                num.reason,
                ids.get(id(num.figure), "") if num.figure is not None else "",
                int(seg_ids[i]),
                langs[i] if isinstance(langs[i], str) else "",
            )
        )
    covered = sorted((a, b) for a, b, *_ in recs)
    text = raw if raw is not None else "\n".join(b for _, b in bases)
    seg_spans = sorted((base, base + len(body), k) for k, (base, body) in enumerate(bases))
    for m in _DIGITS.finditer(text):
        if _inside(covered, m.start(), m.end()):
            continue
        k = _segment_at(seg_spans, m.start())
        seg_id, lang = 0, ""
        if k is not None:
            seg_id = int(seg_ids[k])
            lang = langs[k] if isinstance(langs[k], str) else ""
        reason = _unseen_reason(text, m, inside_segment=k is not None)
        status = "not_a_count" if reason else "unread"
        digits = m.group()
        value = int(digits) if digits.isdigit() and len(digits) < 17 else None
        recs.append((m.start(), m.end(), digits, value, status, reason, "", seg_id, lang))
    recs.sort(key=lambda r: (r[0], r[1]))
    context = [_context(text, r[0], r[1]) for r in recs]
    out = pd.DataFrame(
        {
            "number_id": [f"N{k + 1:03d}" for k in range(len(recs))],
            "text": [r[2] for r in recs],
            "context": context,
            "value": pd.array([r[3] for r in recs], dtype="Int64"),
            "status": [r[4] for r in recs],
            "reason": [r[5] for r in recs],
            "figure_id": [r[6] for r in recs],
            "start": pd.array([r[0] for r in recs], dtype="int64"),
            "end": pd.array([r[1] for r in recs], dtype="int64"),
            "segment_id": pd.array([r[7] for r in recs], dtype="int64"),
            "lang": [r[8] for r in recs],
        },
        columns=NUMBER_COLUMNS,
    )
    return out


_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")


def _unseen_reason(text: str, m: re.Match, *, inside_segment: bool) -> str:
    """Why digits no reader saw are no count ("" when nobody can tell: unread)."""
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    if _CLOCK.match(m.group()):
        return "clock_time"
    if (before.isalpha() and before.isascii()) or (after.isalpha() and after.isascii()):
        return "identifier"  # a link or a code: "PSR1MAxZpY", "COVID19"
    if before in ("-", "–", "/", "№"):
        return "identifier"
    if _YEAR.match(m.group()):
        return "year"
    return "" if inside_segment else "duplicate"


def _context(text: str, a: int, b: int, width: int = 40) -> str:
    """The words around ``text[a:b]`` (about ``width`` characters each side), for a reader
    who must decide what an unread number is."""
    lo = max(0, a - width)
    hi = min(len(text), b + width)
    if lo > 0:
        lo = text.find(" ", lo, a) + 1 or lo  # start at a word
    if hi < len(text):
        cut = text.rfind(" ", b, hi)
        hi = cut if cut > b else hi
    return " ".join(text[lo:hi].split())


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when [a, b) lies inside one of the sorted spans."""
    import bisect

    k = bisect.bisect_right(spans, (a, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= a and b <= spans[k][1]


def _segment_at(spans: list[tuple[int, int, int]], pos: int) -> int | None:
    import bisect

    k = bisect.bisect_right(spans, (pos, float("inf"), 0)) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return spans[k][2]
    return None


def numbers_table(text: str, *, year: int | None = None) -> pd.DataFrame:
    """Every number mention of a raw article, each marked ``figure``, ``not_a_count`` (with
    its reason) or ``unread``; see :func:`numbers_from_segments`.

    Examples
    --------
    >>> numbers_table("5-январга карата 12 адам кармалды.")[["text", "status", "reason"]].values.tolist()
    [['5-январга', 'not_a_count', 'date'], ['12', 'figure', '']]
    """
    from analysis.clean import clean_segments

    return numbers_from_segments(clean_segments(text), raw=text, year=year)


def figure_columns(
    text: str, *, segments: dict[str, list] | None = None, year: int | None = None
) -> dict[str, list]:
    """:func:`extract_figures` as plain lists, one per column of :data:`FIGURE_COLUMNS`
    (``high`` None when open): what reading one short article after another needs, where
    building DataFrames would cost more than reading the article.

    Parameters
    ----------
    text : str
        The raw article as decoded (spans index it).
    segments : dict of lists, optional
        Its segments (:func:`analysis.clean.segment_columns`), when already computed.
    year : int, optional
        Year of publication, for full ISO ``as_of`` dates.

    Examples
    --------
    >>> cols = figure_columns("Кечээ 12 адам жаракат алды.")
    >>> cols["measure"], cols["value"], cols["quote"]
    (['injured'], [12], ['12 адам жаракат алды'])
    """
    if segments is None:
        from analysis.clean import segment_columns

        segments = segment_columns(text)
    return _figures(segments, text, year, True)


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
    if segments is None:  # no segments frame to build: the figures are read from lists
        return _figure_frame(figure_columns(text, year=year))
    return extract_from_segments(segments, raw=text, year=year)
