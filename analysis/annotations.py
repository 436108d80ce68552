"""Reviewable notes and corrections: hand-made knowledge kept as data, applied by code.

Annotations live in ``annotations.csv`` beside the raw article (``data/raw/``, or
``analysis/example/`` for the bundled story);
the raw text is never edited. Each row is keyed to figures by a *selector*
(``target``), never by figure-id numbering alone::

    measure=injured|hospitalized|intensive_care;group=total

``column=value`` pairs are joined by ``;`` (all must hold) and alternatives by
``|``; ``place=`` matches an empty place. Any figures column may be used
(``figure_id=F003`` works but breaks when the extractor renumbers).

Kinds:

``attribution``
    ``text_en`` names who the figure comes from; it fills the figure's ``source``.
``note``, ``caveat``
    Context a report shows next to the figure (its id goes to ``annotation_ids``).
``correction``
    Sets ``field`` to ``value`` on the matched figures and records
    ``field: old -> new (id)`` in ``corrections``. Correcting ``value`` of an
    exact figure moves ``low``/``high`` with it. ``quote``, spans and ids are
    evidence and cannot be corrected.
``addition``
    A figure the text states and the extractor missed. ``target`` gives its columns
    (``measure=killed;group=total;value=3;qualifier=exact``, optionally ``place``,
    ``as_of``), ``field`` is ``quote`` and ``value`` the words as the raw text writes them;
    code finds them in the raw text (white space may differ), so the span is exact. The
    figure gets the id ``M001``, ``M002``, ... in annotation order.
``removal``
    Drops the figures ``target`` matches (a false figure); the published annotation lists
    the ids it removed.

Columns of the file: ``annotation_id, story, target, kind, field, value,
text_en, text_ru, text_ky, source, added_by, added_on`` (see the README data
dictionary). Only rows whose ``story`` is the article's story apply.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from analysis.schemas import ANNOTATION_KINDS, TABLES, as_integers, conform
from analysis.sources import InputError

__all__ = [
    "ANNOTATION_FILE_COLUMNS",
    "CORRECTABLE",
    "annotations_table",
    "apply_additions",
    "apply_corrections",
    "apply_removals",
    "attach_notes",
    "locate_quote",
    "match_target",
    "parse_target",
    "read_annotations",
]

#: Columns of ``annotations.csv`` (the published table adds ``figures``).
ANNOTATION_FILE_COLUMNS = [c for c in TABLES["annotations"].names if c != "figures"]
#: Figure columns a correction may change.
CORRECTABLE = (
    "measure",
    "group",
    "value",
    "low",
    "high",
    "qualifier",
    "place",
    "as_of",
    "parent_id",
)
_INTEGER_FIELDS = ("value", "low", "high")


def read_annotations(path: str | Path, story: str | None = None) -> pd.DataFrame:
    """Read ``annotations.csv`` (all cells as text), optionally only one story's rows.

    Parameters
    ----------
    path : str or Path
        The CSV file; a missing file gives an empty frame.
    story : str, optional
        Keep only rows whose ``story`` equals this.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ANNOTATION_FILE_COLUMNS`, every cell a string.

    Raises
    ------
    InputError
        When a column is missing, an id repeats, a kind is unknown, a target does
        not parse, or a correction names a field that cannot be corrected.
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in ANNOTATION_FILE_COLUMNS})
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read as UTF-8 ({exc})") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in ANNOTATION_FILE_COLUMNS if c not in header]
    if missing:
        raise InputError(f"{path.name}: missing column(s) {', '.join(missing)}")
    frame = pd.DataFrame(
        [{c: (r.get(c) or "").strip() for c in ANNOTATION_FILE_COLUMNS} for r in rows],
        columns=ANNOTATION_FILE_COLUMNS,
    ).astype("str")
    _check_file(frame, path.name)
    if story is not None:
        frame = frame[frame["story"] == story].reset_index(drop=True)
    return frame


def _check_file(frame: pd.DataFrame, name: str) -> None:
    """Raise InputError naming the first bad row of an annotations file."""
    dup = frame["annotation_id"][frame["annotation_id"].duplicated()]
    if len(dup):
        raise InputError(f"{name}: annotation_id {dup.iloc[0]!r} is used twice")
    for _, a in frame.iterrows():
        where = f"{name} {a['annotation_id'] or '(no id)'}"
        if a["kind"] not in ANNOTATION_KINDS:
            raise InputError(
                f"{where}: kind {a['kind']!r} is not one of {', '.join(ANNOTATION_KINDS)}"
            )
        parse_target(a["target"], where)
        if a["kind"] == "correction" and a["field"] not in CORRECTABLE:
            raise InputError(
                f"{where}: a correction must name a field among {', '.join(CORRECTABLE)}, "
                f"not {a['field']!r}"
            )
        if a["kind"] == "addition":
            _addition_fields(a, where)


_ADDITION_NEEDS = ("measure", "group", "value", "qualifier")
_ADDITION_MAY = ("place", "as_of", "parent_id")


def _addition_fields(a: pd.Series, where: str) -> dict[str, str]:
    """The columns an ``addition`` gives its figure; InputError when one is missing."""
    if a["field"] != "quote" or not str(a["value"]).strip():
        raise InputError(f"{where}: an addition needs field 'quote' and the quoted words in value")
    terms = dict(parse_target(a["target"], where))
    out = {}
    for column, values in terms.items():
        if column not in _ADDITION_NEEDS + _ADDITION_MAY or len(values) != 1:
            raise InputError(
                f"{where}: an addition's target gives one value for each of "
                f"{', '.join(_ADDITION_NEEDS)} (and may give {', '.join(_ADDITION_MAY)}), "
                f"not {column!r}"
            )
        out[column] = next(iter(values))
    missing = [c for c in _ADDITION_NEEDS if c not in out]
    if missing:
        raise InputError(f"{where}: an addition's target lacks {', '.join(missing)}")
    if not out["value"].isdigit():
        raise InputError(f"{where}: an addition's value must be a whole number")
    return out


def locate_quote(raw: str, words: str) -> tuple[int, int] | None:
    """Span of ``words`` in ``raw`` (any white space between them), first occurrence."""
    parts = str(words).split()
    if not parts:
        return None
    m = re.search(r"\s+".join(re.escape(p) for p in parts), raw)
    return (m.start(), m.end()) if m else None


def apply_additions(
    figures: pd.DataFrame,
    annotations: pd.DataFrame,
    raw: str,
    segments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add the figures of ``addition`` annotations, located in the raw text.

    Parameters
    ----------
    figures : pandas.DataFrame
        Extractor output.
    annotations : pandas.DataFrame
        Rows of ``annotations.csv``; only ``kind == 'addition'`` is used.
    raw : str
        The raw article: the quoted words are found in it.
    segments : pandas.DataFrame, optional
        Its clean segments, to fill ``segment_id``, ``entry_id``, ``time`` and ``lang``.

    Returns
    -------
    pandas.DataFrame
        The figures with one ``M``-numbered row per addition, after the reported ones.

    Raises
    ------
    InputError
        When an addition's words are not in the raw text.
    """
    from analysis.reading import interval

    adds = annotations[annotations["kind"] == "addition"]
    if adds.empty:
        return figures
    rows = []
    for k, (_, a) in enumerate(adds.iterrows(), 1):
        where = f"annotation {a['annotation_id']}"
        cols = _addition_fields(a, where)
        span = locate_quote(raw, a["value"])
        if span is None:
            raise InputError(f"{where}: the quoted words are not in the raw text: {a['value']!r}")
        value = int(cols["value"])
        low, high = interval(value, cols["qualifier"])
        seg = _segment_of(segments, span[0])
        rows.append(
            {
                "figure_id": f"M{k:03d}",
                "measure": cols["measure"],
                "group": cols["group"],
                "value": value,
                "low": low,
                "high": high,
                "qualifier": cols["qualifier"],
                "place": cols.get("place", ""),
                "as_of": cols.get("as_of", ""),
                "parent_id": cols.get("parent_id", ""),
                "quote": " ".join(raw[span[0] : span[1]].split()),
                "start": span[0],
                "end": span[1],
                "segment_id": int(seg.get("segment_id", 1)),
                "entry_id": int(seg.get("entry_id", 0)),
                "time": str(seg.get("time", "") or ""),
                "derived": False,
                "lang": str(seg.get("lang", "") or ""),
                "annotation_ids": a["annotation_id"],
            }
        )
    # Counts stay integers: a column of ints with a None would go through float64 (2**53 + 1
    # would lose its last digit), so the interval columns are built as Int64 directly.
    ints = ("value", "low", "high")
    added = pd.DataFrame(
        {
            c: pd.array([r[c] for r in rows], dtype="Int64") if c in ints else [r[c] for r in rows]
            for c in rows[0]
            if c in figures.columns or c == "annotation_ids"
        }
    )
    base = figures.copy()
    for c in ints:
        base[c] = as_integers(base[c])
    out = pd.concat([base, added], ignore_index=True)
    for c in ints:
        out[c] = as_integers(out[c])
    return out


def _segment_of(segments: pd.DataFrame | None, pos: int) -> dict:
    """The segment row whose span holds ``pos`` (empty when unknown)."""
    if segments is None or segments.empty or "start" not in segments:
        return {}
    hit = segments[(segments["start"] <= pos) & (pos < segments["end"])]
    return hit.iloc[0].to_dict() if len(hit) else {}


def apply_removals(
    figures: pd.DataFrame, annotations: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Drop the figures ``removal`` annotations match; returns them and {annotation: ids}."""
    removed: dict[str, list[str]] = {}
    out = figures
    for _, a in annotations[annotations["kind"] == "removal"].iterrows():
        mask = match_target(out, a["target"])
        removed[a["annotation_id"]] = out.loc[mask, "figure_id"].tolist()
        out = out[~mask]
    return out.reset_index(drop=True), removed


def parse_target(target: str, where: str = "target") -> list[tuple[str, frozenset[str]]]:
    """Parse a selector into ``[(column, allowed values), ...]``.

    Parameters
    ----------
    target : str
        ``column=value|value;column=value``.
    where : str
        Names the annotation in error messages.

    Returns
    -------
    list of (str, frozenset of str)

    Raises
    ------
    InputError
        For an empty selector or a term without ``=``.
    """
    terms = [t.strip() for t in str(target).split(";") if t.strip()]
    if not terms:
        raise InputError(f"{where}: empty target; write column=value pairs, e.g. measure=injured")
    out = []
    for term in terms:
        column, sep, values = term.partition("=")
        if not sep or not column.strip():
            raise InputError(f"{where}: target term {term!r} is not column=value")
        out.append((column.strip(), frozenset(v.strip() for v in values.split("|"))))
    return out


def _cell_text(x) -> str:
    """A figure cell as the text a selector compares with."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
    if isinstance(x, bool):
        return str(x).lower()
    return str(x)


def match_target(figures: pd.DataFrame, target: str) -> pd.Series:
    """Which figures a selector matches.

    Parameters
    ----------
    figures : pandas.DataFrame
    target : str
        Selector (see the module docstring).

    Returns
    -------
    pandas.Series of bool
        Aligned with ``figures``.

    Raises
    ------
    InputError
        When the selector names a column the figures table does not have.
    """
    mask = pd.Series(True, index=figures.index)
    for column, values in parse_target(target):
        if column not in figures.columns:
            raise InputError(f"target {target!r}: figures have no column {column!r}")
        mask &= figures[column].map(_cell_text).isin(values)
    return mask


def _add_id(cell: str, annotation_id: str) -> str:
    """Append an id to a ';'-joined list once."""
    ids = [i for i in str(cell).split(";") if i]
    return ";".join(sorted({*ids, annotation_id}))


def _ensure_columns(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with empty ``source``, ``annotation_ids``, ``corrections`` when absent."""
    out = figures.copy()
    for c in ("source", "annotation_ids", "corrections"):
        if c not in out.columns:
            out[c] = ""
        out[c] = out[c].fillna("").astype("str")
    return out


def apply_corrections(figures: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    """Apply ``correction`` annotations to reported figures, recording each change.

    Parameters
    ----------
    figures : pandas.DataFrame
        Extractor output (or figures table).
    annotations : pandas.DataFrame
        Rows of ``annotations.csv``; only ``kind == 'correction'`` is used.

    Returns
    -------
    pandas.DataFrame
        A copy with corrected cells, ``corrections`` (``field: old -> new (id)``)
        and the correction's id in ``annotation_ids``.

    Raises
    ------
    InputError
        When a correction's value does not fit its field (e.g. text for ``value``).
    """
    out = _ensure_columns(figures)
    reported = ~out["derived"].astype(bool) if "derived" in out else pd.Series(True, out.index)
    for _, a in annotations[annotations["kind"] == "correction"].iterrows():
        mask = match_target(out, a["target"]) & reported
        field, raw = a["field"], a["value"]
        if field in _INTEGER_FIELDS:
            try:
                new = pd.NA if raw == "" else int(raw)
            except ValueError:
                raise InputError(
                    f"annotation {a['annotation_id']}: {field} must be a whole number, not {raw!r}"
                ) from None
        else:
            new = raw
        for idx in out.index[mask]:
            old = out.at[idx, field]
            if _cell_text(old) == _cell_text(new):
                continue
            out.at[idx, field] = new
            if field == "value" and out.at[idx, "qualifier"] == "exact":
                out.at[idx, "low"] = new
                out.at[idx, "high"] = new
            change = f"{field}: {_cell_text(old)!r} -> {_cell_text(new)!r} ({a['annotation_id']})"
            prev = out.at[idx, "corrections"]
            out.at[idx, "corrections"] = f"{prev}; {change}" if prev else change
            out.at[idx, "annotation_ids"] = _add_id(
                out.at[idx, "annotation_ids"], a["annotation_id"]
            )
    return out


def attach_notes(figures: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    """Attach attributions (``source``) and notes/caveats (``annotation_ids``) to figures.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures, reported and derived (a derived figure takes the notes its
        selector matches, like any other).
    annotations : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        A copy; ``source`` joins several attributions with ``'; '``.
    """
    out = _ensure_columns(figures)
    adds = annotations[annotations["kind"] == "addition"]
    for k, aid in enumerate(adds["annotation_id"], 1):
        # The k-th addition made figure Mk (apply_additions numbers them in order).
        for idx in out.index[out["figure_id"] == f"M{k:03d}"]:
            out.at[idx, "annotation_ids"] = _add_id(out.at[idx, "annotation_ids"], aid)
    notes = annotations[~annotations["kind"].isin(["correction", "addition", "removal"])]
    for _, a in notes.iterrows():
        mask = match_target(out, a["target"])
        for idx in out.index[mask]:
            if a["kind"] == "attribution":
                prev = out.at[idx, "source"]
                if a["text_en"] not in prev.split("; "):
                    out.at[idx, "source"] = f"{prev}; {a['text_en']}" if prev else a["text_en"]
            out.at[idx, "annotation_ids"] = _add_id(
                out.at[idx, "annotation_ids"], a["annotation_id"]
            )
    return out


def annotations_table(
    annotations: pd.DataFrame,
    figures: pd.DataFrame,
    removed: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """The published annotations table: each annotation and the figures it applied to.

    Parameters
    ----------
    annotations : pandas.DataFrame
        Rows of ``annotations.csv``.
    figures : pandas.DataFrame
        Figures after :func:`apply_corrections` and :func:`attach_notes`
        (their ``annotation_ids`` say what applied where).

    removed : dict, optional
        Figure ids each ``removal`` annotation dropped (:func:`apply_removals`).

    Returns
    -------
    pandas.DataFrame
        Validated ``annotations`` table, sorted by ``annotation_id``.
    """
    ids = _ensure_columns(figures)[["figure_id", "annotation_ids"]]
    applied: dict[str, list[str]] = {k: list(v) for k, v in (removed or {}).items()}
    for fid, cell in ids.itertuples(index=False):
        for aid in str(cell).split(";"):
            if aid:
                applied.setdefault(aid, []).append(fid)
    out = annotations.copy()
    out["figures"] = [";".join(applied.get(a, [])) for a in out["annotation_id"]]
    out = out.sort_values("annotation_id", kind="stable")
    return conform(out, "annotations")
