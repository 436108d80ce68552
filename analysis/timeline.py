"""Live-blog timeline: one row per entry, with its place, coordinates and event types.

Built on the cleaner's segments (:func:`analysis.clean.clean_segments`). The
entry's place comes from the gazetteer (:mod:`analysis.geo`): the first place
named in its headline, else in its first body sentence that names one; places
inside embedded tweets are ignored (a tweet quoted in an entry can be about
anywhere). Event types come from the keyword lexicon
``analysis/resources/events.yaml`` (longest match first, negations dropped).

Unconfirmed claims: a body segment with a hedge ("... айтылууда, бирок расмий
тастыктала элек") reports its events as unconfirmed. Such types stay in
``event_type`` (the reporter may still want to chart them) and are listed in
``unconfirmed``; ``confirmed`` is False when any type is unconfirmed only.

Updates: an entry re-posted later with a small change (the cleaner's
``update_of`` on its headline) keeps its own row, points at the earlier entry
in ``update_of`` and inherits the earlier entry's event types (the cleaner drops
the repeated body); counts should skip rows whose ``update_of`` is set.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from analysis import geo
from analysis.config import resource
from analysis.sources import InputError

__all__ = [
    "COLUMNS",
    "EVENT_TYPES",
    "find_events",
    "load_lexicon",
    "timeline_from_segments",
    "timeline_table",
]

#: The ACLED-like vocabulary; the lexicon may not use other names.
EVENT_TYPES = (
    "protest",
    "attack_on_building",
    "arson",
    "clash",
    "state_of_emergency",
    "communications_cut",
    "transport_halted",
    "disarmament",
    "defection",
    "other",
)

#: Columns of the timeline table, in order.
COLUMNS = [
    "entry_id",
    "date",
    "time",
    "place",
    "region",
    "lat",
    "lon",
    "event_type",
    "headline",
    "text",
    "start",
    "end",
    "update_of",
    "confirmed",
    "unconfirmed",
    "place_id",
    "places",
]

_GAP = r"(?:\s+\S+){0,4}?"
_WORD = re.compile(r"\S+")
_PUNCT = '.,;:!?»«"()—–-'


def _keyword_regex(keyword: str) -> re.Pattern:
    """Regex for a lexicon keyword: word stems, ``...`` allowing a few words between."""
    pattern, gap = "", False
    for word in geo.fold(keyword).split():
        if word == "...":
            gap = True
            continue
        if pattern:
            pattern += (_GAP if gap else "") + r"\s+"
        pattern += re.escape(word) + r"\w*"
        gap = False
    return re.compile(r"(?<!\w)" + pattern)


@cache
def _lexicon(path: Path) -> dict:
    """Parsed and compiled lexicon at ``path``."""
    if not path.exists():
        raise InputError(f"{path}: event lexicon not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{path.name}: not valid YAML ({str(exc).splitlines()[0]})") from None
    events = data.get("events") or {}
    unknown = set(events) - set(EVENT_TYPES)
    if unknown:
        raise InputError(f"{path.name}: unknown event type(s) {', '.join(sorted(unknown))}")
    rules = []  # (keyword length, keyword, event type or None, regex)
    for etype, keywords in [*events.items(), (None, data.get("ignore") or [])]:
        for kw in keywords or []:
            plain = geo.fold(str(kw)).replace("...", " ")
            rules.append((len(" ".join(plain.split())), str(kw), etype, _keyword_regex(str(kw))))

    def phrases(key: str) -> list[list[str]]:
        return [geo.fold(str(p)).split() for p in data.get(key) or []]

    return {
        "order": [*(t for t in events if t != "other"), "other"],
        "rules": rules,
        "negation_after": phrases("negation_after"),
        "not_negation": phrases("not_negation"),
        "negation_before": {w for p in phrases("negation_before") for w in p},
        "hedges": [_keyword_regex(str(h)) for h in data.get("hedges") or []],
    }


def load_lexicon(path: str | Path | None = None) -> dict:
    """The event lexicon (``events.yaml`` by default), parsed and compiled.

    Parameters
    ----------
    path : str or Path, optional
        A lexicon YAML file with ``events``, ``ignore``, ``negation_after``,
        ``not_negation``, ``negation_before`` and ``hedges``.

    Returns
    -------
    dict
        ``order`` (event types in lexicon order), ``rules`` and the compiled
        negation and hedge lists.

    Raises
    ------
    InputError
        If the file is missing, not YAML, or uses an unknown event type.
    """
    return _lexicon(Path(path) if path else resource("events.yaml"))


class _Words:
    """The words (runs of non-space) of a text, looked up around a position by bisection.

    A segment with thousands of keyword matches would cost thousands of scans of the whole
    text if each match split the text and listed its words; this lists them once.
    """

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def after(self, pos: int, limit: int) -> list[str]:
        """``_WORD.findall(text[pos:])[:limit]``: the first word is cut at ``pos``."""
        i = bisect.bisect_right(self.ends, pos)
        stop = min(i + limit, len(self.starts))
        return [self.text[max(self.starts[k], pos) : self.ends[k]] for k in range(i, stop)]

    def before(self, pos: int, n: int) -> list[str]:
        """``_WORD.findall(text[:pos])[-n:]``: the last word is cut at ``pos``."""
        j = bisect.bisect_left(self.starts, pos)
        return [self.text[self.starts[k] : min(self.ends[k], pos)] for k in range(max(0, j - n), j)]


def _clause_words(words: list[str]) -> list[str]:
    """``words`` without punctuation, stopping after a clause-ending punctuation."""
    out = []
    for raw in words:
        out.append(raw.strip(_PUNCT))
        if raw.rstrip('»")')[-1:] in ".,;:!?":
            break
    return out


def _starts_with(words: list[str], phrase: list[str], whole_last: bool) -> bool:
    """Whether ``words`` begin with ``phrase`` (word starts; the last whole if asked)."""
    if len(words) < len(phrase):
        return False
    *head, last = phrase
    if not all(w.startswith(p) for w, p in zip(words, head, strict=False)):
        return False
    w = words[len(phrase) - 1]
    return w == last if whole_last else w.startswith(last)


def _negated(folded: str, start: int, end: int, lex: dict, index: _Words | None = None) -> bool:
    """Whether the keyword match ``folded[start:end]`` is negated around it."""
    index = index if index is not None else _Words(folded)
    after = _clause_words(index.after(end, 3))
    for skip in range(min(2, len(after))):
        words = after[skip:]
        hits = [(len(p), False) for p in lex["not_negation"] if _starts_with(words, p, False)]
        hits += [(len(p), True) for p in lex["negation_after"] if _starts_with(words, p, True)]
        if hits:
            # longest phrase decides: "жок кылынды" (destroyed) is not "жок" (none)
            return max(hits)[1]
    before = [w.strip(_PUNCT) for w in index.before(start, 2)]
    return any(w in lex["negation_before"] for w in before)


def find_events(text: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """Event keywords in one segment of text.

    Parameters
    ----------
    text : str
        A sentence or headline (any case; Kyrgyz or Russian).
    path : str or Path, optional
        Event lexicon (``events.yaml`` by default).

    Returns
    -------
    pandas.DataFrame
        One row per kept keyword match, in text order: ``event_type``,
        ``keyword``, ``match`` (as written), ``start``, ``end``, ``negated``
        (bool; negated matches are listed but carry no event) and ``hedged``
        (bool; the segment contains a hedge such as "тастыктала элек").
        Where matches overlap the longest keyword wins; ``ignore`` entries
        consume their span and are not listed.
    """
    lex = load_lexicon(path)
    rows, hedged = _event_hits(text, lex)
    out = pd.DataFrame(
        [dict(zip(_HIT_COLUMNS, r, strict=True)) for r in rows], columns=list(_HIT_COLUMNS)
    )
    out["negated"] = out["negated"].astype(bool)
    out["hedged"] = hedged
    return out


_HIT_COLUMNS = ("event_type", "keyword", "match", "start", "end", "negated")


def _event_hits(text: str, lex: dict) -> tuple[list[tuple], bool]:
    """:func:`find_events` as plain tuples (in ``_HIT_COLUMNS`` order) and the hedge flag."""
    # folding keeps string length, so offsets map back to ``text``
    folded = geo.fold(text)
    candidates = []
    for length, kw, etype, rx in lex["rules"]:
        for m in rx.finditer(folded):
            candidates.append((-length, -(m.end() - m.start()), m.start(), m.end(), kw, etype))
    candidates.sort()
    # Kept spans are disjoint: sorted by start, their ends are sorted too, so the one kept
    # span that could overlap [start, end) is the last one starting before ``end``.
    starts: list[int] = []
    ends: list[int] = []
    rows = []
    index: _Words | None = None
    for _, _, start, end, kw, etype in candidates:
        i = bisect.bisect_left(starts, end)
        if i and ends[i - 1] > start:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        if etype is None:
            continue
        index = index if index is not None else _Words(folded)
        negated = _negated(folded, start, end, lex, index)
        rows.append((etype, kw, text[start:end], start, end, negated))
    rows.sort(key=lambda r: r[3])  # by start; stable, as the frame's sort was
    hedged = any(h.search(folded) for h in lex["hedges"])
    return rows, hedged


def _iso_date(date: str | dt.date | None) -> str:
    """ISO text of a date ("" when unknown)."""
    if date is None or date == "":
        return ""
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(str(date)).isoformat()
    except ValueError:
        raise InputError(f"bad date {date!r}; expected YYYY-MM-DD") from None


_REQUIRED = {"entry_id", "kind", "time", "start", "end", "text", "update_of", "segment_id"}


def timeline_from_segments(
    segments: pd.DataFrame,
    *,
    date: str | dt.date | None = None,
    timezone: str | None = None,
    source: str | None = None,
    gazetteer: str | Path | None = None,
    lexicon: str | Path | None = None,
) -> pd.DataFrame:
    """One row per live-blog entry, from the cleaner's segments.

    Parameters
    ----------
    segments : pandas.DataFrame
        Output of :func:`analysis.clean.clean_segments` (at least ``segment_id``,
        ``entry_id``, ``kind``, ``time``, ``start``, ``end``, ``text``, ``update_of``).
        Entry 0 (the article's lead) is not a timeline row.
    date : str or datetime.date, optional
        The day the entries happened (ISO); empty when not given.
    timezone : str, optional
        The publisher's clock the times are written in (an IANA name such as "Asia/Almaty");
        stored in ``attrs["timezone"]``.
    source : str, optional
        Publisher to credit on charts; stored in ``attrs["source"]``.
    gazetteer, lexicon : str or Path, optional
        Alternative gazetteer CSV and event lexicon YAML.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``entry_id``, ``date`` (ISO or ""), ``time``
        ("HH:MM" as written or "" for undated entries), ``place`` and ``region``
        (English names as official on ``date``; "" when no place is named),
        ``lat``, ``lon`` (float, NaN without a place), ``event_type`` (types
        joined by ";", "other" when none), ``headline``, ``text`` (the body:
        sentences and tweets, credits left out), ``start``, ``end`` (character
        span of the entry in the raw text), ``update_of`` (Int64: the entry this
        one re-posts), ``confirmed`` (bool), ``unconfirmed`` (types reported only
        as unconfirmed claims), ``place_id`` and ``places`` (every place id the
        entry names, ";"-joined). ``attrs`` holds ``timezone``, ``date`` and ``source``.

    Raises
    ------
    InputError
        If ``segments`` lacks a required column or ``date`` is not ISO.
    """
    missing = _REQUIRED - set(segments.columns)
    if missing:
        raise InputError(f"segments lack column(s) {', '.join(sorted(missing))}")
    day = _iso_date(date)
    gaz = geo.load_gazetteer(gazetteer)
    by_id = gaz.set_index("id")
    order = load_lexicon(lexicon)["order"]
    segs = segments.loc[segments["entry_id"] > 0].sort_values("segment_id", kind="stable")
    entry_of_segment = dict(zip(segments["segment_id"], segments["entry_id"], strict=True))

    # Plain Python per entry (no frame per entry or per sentence): the cost of an entry does
    # not depend on how many came before it, and a live blog of thousands stays fast.
    lex = load_lexicon(lexicon)
    columns = ("entry_id", "kind", "time", "text", "start", "end", "update_of")
    entries: dict[int, list[tuple]] = {}
    for rec in zip(*(segs[c].tolist() for c in columns), strict=True):
        entries.setdefault(int(rec[0]), []).append(rec)
    places_of: dict[str, list[str]] = {}  # text -> place ids (texts repeat in live blogs)
    events_of: dict[str, tuple[list[str], bool]] = {}  # text -> (event types, hedged)

    def place_ids(text: str) -> list[str]:
        if text not in places_of:
            places_of[text] = [pid for pid, _, _ in geo.place_spans(text, path=gazetteer)]
        return places_of[text]

    def events(text: str) -> tuple[list[str], bool]:
        if text not in events_of:
            hits, hedged = _event_hits(text, lex)
            events_of[text] = ([h[0] for h in hits if not h[5]], hedged)
        return events_of[text]

    rows = []
    for entry_id, entry in entries.items():
        heads = [r[3] for r in entry if r[1] == "headline"]
        body = [r[3] for r in entry if r[1] in ("sentence", "tweet")]
        spanned = [r for r in entry if r[1] != "credit"] or entry
        times = [r[2] for r in entry if isinstance(r[2], str) and r[2]]

        place_texts = [*heads, *(r[3] for r in entry if r[1] == "sentence")]
        found = [place_ids(t) for t in place_texts]
        places = list(dict.fromkeys(p for ids in found for p in ids))
        place_id = next((ids[0] for ids in found if ids), "")

        kinds = {}  # event type -> confirmed somewhere?
        for text in [*heads, *body]:
            types, hedged = events(text)
            for etype in types:
                kinds[etype] = kinds.get(etype, False) or not hedged

        updates = [r[6] for r in entry if not pd.isna(r[6]) and int(r[6]) in entry_of_segment]
        update_of = entry_of_segment[int(updates[0])] if updates else pd.NA
        rows.append(
            {
                "entry_id": entry_id,
                "time": times[0] if times else "",
                "headline": " ".join(heads),
                "text": " ".join(body),
                "start": int(min(r[4] for r in spanned)),
                "end": int(max(r[5] for r in spanned)),
                "update_of": update_of,
                "place_id": place_id,
                "places": ";".join(places),
                "_kinds": kinds,
            }
        )

    by_entry = {r["entry_id"]: r for r in rows}
    for r in rows:
        if r["update_of"] is not pd.NA and r["update_of"] in by_entry:
            earlier = by_entry[r["update_of"]]
            for k, ok in earlier["_kinds"].items():
                r["_kinds"][k] = r["_kinds"].get(k, False) or ok
            if not r["place_id"]:
                r["place_id"], r["places"] = earlier["place_id"], earlier["places"]

    named: dict[str, tuple] = {}  # place id -> (place, region, lat, lon)
    for r in rows:
        kinds = r.pop("_kinds")
        types = [t for t in order if t in kinds] or ["other"]
        doubtful = [t for t in types if t in kinds and not kinds[t]]
        r["event_type"] = ";".join(types)
        r["unconfirmed"] = ";".join(doubtful)
        r["confirmed"] = not doubtful
        r["date"] = day
        pid = r["place_id"]
        if pid:
            if pid not in named:
                place = by_id.loc[pid]
                named[pid] = (
                    geo.place_name(pid, day or None, gazetteer=gaz),
                    geo.place_name(place["region"], day or None, gazetteer=gaz),
                    float(place["lat"]),
                    float(place["lon"]),
                )
            r["place"], r["region"], r["lat"], r["lon"] = named[pid]
        else:
            r["place"] = r["region"] = ""
            r["lat"] = r["lon"] = float("nan")

    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.astype(
        {
            "entry_id": "int64",
            "start": "int64",
            "end": "int64",
            "lat": "float64",
            "lon": "float64",
            "confirmed": "bool",
            "update_of": "Int64",
        }
    )
    table.attrs["timezone"] = timezone or ""
    table.attrs["date"] = day
    table.attrs["source"] = source or ""
    return table


def timeline_table(
    text: str,
    *,
    date: str | dt.date | None = None,
    timezone: str | None = None,
    source: str | None = None,
) -> pd.DataFrame:
    """The live-blog timeline of a raw article.

    Parameters
    ----------
    text : str
        The raw article as read by :func:`analysis.sources.load_raw`.
    date : str or datetime.date, optional
        The day of the live blog (the raw file's metadata "published").
    timezone : str, optional
        The publisher's clock (the raw file's metadata "timezone").
    source : str, optional
        Publisher to credit on charts (the raw file's metadata "credit").

    Returns
    -------
    pandas.DataFrame
        See :func:`timeline_from_segments`.
    """
    from analysis.clean import clean_segments

    return timeline_from_segments(clean_segments(text), date=date, timezone=timezone, source=source)
