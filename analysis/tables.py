"""Tidy tables from the extracted figures: one observation a row, checked where made.

Each function takes a figures frame and returns a new frame validated against
its schema in :mod:`analysis.schemas`; nothing here reads or writes files
(:mod:`analysis.publish` does). The chain is::

    extract_figures(text) -> figures_table(figures, annotations)
        -> injuries_table / vehicles_table / businesses_table / buildings_table
           / crowds_table, check_figures, annotations_table

A figure read twice from duplicate text (see
:func:`analysis.checks.repeated_figures`) appears once in the breakdown tables;
the figures table keeps every reading, so each quote stays traceable.
"""

from __future__ import annotations

import pandas as pd

from analysis.annotations import (
    annotations_table,
    apply_additions,
    apply_corrections,
    apply_removals,
    attach_notes,
)
from analysis.checks import check_figures, derive_complements, repeated_figures
from analysis.schemas import INJURY_STATUSES, conform

__all__ = [
    "EXTRACTOR_COLUMNS",
    "build_tables",
    "buildings_table",
    "businesses_table",
    "crowds_table",
    "figures_table",
    "injuries_table",
    "numbers_table",
    "vehicles_table",
]

#: Columns the extractor's frame must have (it may have more).
EXTRACTOR_COLUMNS = [
    "figure_id",
    "segment_id",
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
]
_ADDED = {"derived": False, "formula": "", "source": "", "annotation_ids": "", "corrections": ""}
#: Extractor columns that may be absent (a frame built without live-blog structure).
_OPTIONAL = {"entry_id": 0, "time": "", "lang": ""}


def _extractor_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """The extractor's columns plus the ones this stage adds, with their defaults."""
    missing = [c for c in EXTRACTOR_COLUMNS if c not in figures.columns]
    if missing:
        import pandera.pandas as pa

        raise pa.errors.SchemaError(
            None, figures, f"figures from the extractor lack columns {missing}"
        )
    out = figures.copy()
    for col, default in {**_OPTIONAL, **_ADDED}.items():
        if col not in out.columns:
            out[col] = default
    out["derived"] = out["derived"].fillna(False).astype(bool)
    for col in ("place", "as_of", "parent_id", "quote", "time", "formula", "source"):
        out[col] = out[col].fillna("").astype("str")
    return out


def figures_table(figures: pd.DataFrame, annotations: pd.DataFrame | None = None) -> pd.DataFrame:
    """The full figures table: corrections applied, complements derived, notes attached.

    Parameters
    ----------
    figures : pandas.DataFrame
        Output of :func:`analysis.figures.extract_figures` (or an already
        published figures table; derived rows in it are recomputed).
    annotations : pandas.DataFrame, optional
        Rows of ``annotations.csv`` for this story
        (:func:`analysis.annotations.read_annotations`).

    Returns
    -------
    pandas.DataFrame
        Validated ``figures`` table (schema in :mod:`analysis.schemas`).
    """
    f = _extractor_frame(figures)
    f = f[~f["derived"]].reset_index(drop=True)
    # Recompute the added columns so the table depends only on evidence + annotations.
    for col, default in _ADDED.items():
        f[col] = default
    f = conform(f, "figures")
    if annotations is not None and len(annotations):
        f, _ = apply_removals(f, annotations)
        f = apply_corrections(f, annotations)
    f = derive_complements(conform(f, "figures"))
    if annotations is not None and len(annotations):
        f = attach_notes(f, annotations)
    return conform(f, "figures")


def _as_figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """A validated figures table, building it from extractor output when needed."""
    if "formula" in figures.columns and "annotation_ids" in figures.columns:
        return conform(figures, "figures")
    return figures_table(figures)


def _counted_once(figures: pd.DataFrame) -> pd.DataFrame:
    """A validated figures table without the figures read from duplicate text."""
    f = _as_figures_table(figures)
    return f[~f["figure_id"].isin(repeated_figures(f).index)]


def _breakdown(
    figures: pd.DataFrame,
    measures,
    dim: str,
    table: str,
    measure_as: str | None = None,
    *,
    once: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows of ``figures`` with one of ``measures``, ``group`` renamed ``dim``, counted once.

    ``once`` is :func:`_counted_once` of ``figures`` when the caller made it already
    (:func:`build_tables` makes it once for its five breakdowns)."""
    f = _counted_once(figures) if once is None else once
    f = f[f["measure"].isin(list(measures))]
    if measure_as is not None:
        f = f.rename(columns={"measure": measure_as})
    if dim != "group":
        f = f.rename(columns={"group": dim})
    return conform(f, table)


#: The breakdown tables: measures kept, the column ``group`` becomes, and ``measure``'s
#: new name (``None``: kept), in publication order.
_BREAKDOWNS = {
    "injuries": (INJURY_STATUSES, "group", "injuries", "status"),
    "vehicles": (["vehicles_destroyed"], "vehicle_type", "vehicles", None),
    "businesses": (["businesses_affected"], "business_type", "businesses", None),
    "buildings": (["buildings_destroyed"], "building_type", "buildings", None),
    "crowds": (["crowd_size"], "group", "crowds", None),
}


def injuries_table(figures: pd.DataFrame) -> pd.DataFrame:
    """People hurt by status (injured, hospitalized, intensive_care) and group, long format.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table (or extractor output).

    Returns
    -------
    pandas.DataFrame
        Validated ``injuries`` table; derived rows keep ``derived=True`` and their formula.
    """
    return _breakdown(figures, *_BREAKDOWNS["injuries"])


def vehicles_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Vehicles destroyed by type (``vehicle_type``), long format.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Validated ``vehicles`` table.
    """
    return _breakdown(figures, *_BREAKDOWNS["vehicles"])


def businesses_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Businesses affected by type (``business_type``), long format.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Validated ``businesses`` table.
    """
    return _breakdown(figures, *_BREAKDOWNS["businesses"])


def buildings_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Buildings destroyed by type (``building_type``), long format.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Validated ``buildings`` table.
    """
    return _breakdown(figures, *_BREAKDOWNS["buildings"])


def crowds_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Crowd sizes by place and time, long format.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Validated ``crowds`` table.
    """
    return _breakdown(figures, *_BREAKDOWNS["crowds"])


def build_tables(
    text: str, annotations: pd.DataFrame | None = None, *, meta: dict | None = None
) -> dict[str, pd.DataFrame]:
    """Every published table of one raw article, in publication order.

    Parameters
    ----------
    text : str
        The raw article (as :func:`analysis.sources.load_raw` returns it).
    annotations : pandas.DataFrame, optional
        This story's rows of ``annotations.csv``.
    meta : dict, optional
        The raw file's metadata: ``published`` gives the year of ``as_of`` dates and
        the timeline's date, ``timezone`` the timeline's clock.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``figures, injuries, vehicles, businesses, buildings, crowds, checks,
        annotations`` and ``timeline`` when :mod:`analysis.timeline` provides
        ``timeline_table``.
    """
    from analysis.annotations import ANNOTATION_FILE_COLUMNS
    from analysis.clean import clean_segments
    from analysis.figures import read_segments

    if annotations is None:
        annotations = pd.DataFrame({c: pd.Series(dtype="str") for c in ANNOTATION_FILE_COLUMNS})
    meta = meta or {}
    year = str(meta.get("published", ""))[:4]
    year_n = int(year) if year.isdigit() else None
    segments = clean_segments(text)
    extracted, numbers = read_segments(segments, raw=text, year=year_n)  # one reading
    extracted = apply_additions(extracted, annotations, text, segments)
    _, removed = apply_removals(extracted, annotations)
    figures = figures_table(extracted, annotations)
    notes = annotations_table(annotations, figures, removed)
    numbers = numbers_table(numbers, figures)
    once = _counted_once(figures)
    tables = {
        "figures": figures,
        **{name: _breakdown(figures, *args, once=once) for name, args in _BREAKDOWNS.items()},
        "checks": check_figures(figures, notes),
        "annotations": notes,
        "numbers": numbers,
    }
    timeline = _timeline(text, meta)
    if timeline is not None:
        tables["timeline"] = timeline
    return tables


def numbers_table(numbers: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Every number of the article with what became of it after the annotations.

    Parameters
    ----------
    numbers : pandas.DataFrame
        :func:`analysis.figures.numbers_from_segments` output.
    figures : pandas.DataFrame
        The figures table (after additions, removals and corrections).

    Returns
    -------
    pandas.DataFrame
        Validated ``numbers`` table: a number whose figure an annotation removed is
        ``not_a_count`` with reason ``removed``; a number inside the words of a figure a
        reporter added (same value) is that figure's.
    """
    out = numbers.copy()
    kept = set(figures["figure_id"])
    gone = (out["status"] == "figure") & ~out["figure_id"].isin(kept)
    out.loc[gone, "status"] = "not_a_count"
    out.loc[gone, "reason"] = "removed"
    out.loc[gone, "figure_id"] = ""
    added = figures[figures["figure_id"].str.startswith("M")]
    for r in added.itertuples(index=False):
        inside = (
            (out["start"] >= r.start)
            & (out["end"] <= r.end)
            & (out["value"] == r.value)
            & (out["status"] != "figure")
        )
        if inside.any():
            k = out.index[inside][0]
            out.loc[k, ["status", "reason", "figure_id"]] = ["figure", "", r.figure_id]
    return conform(out, "numbers")


def _timeline(text: str, meta: dict) -> pd.DataFrame | None:
    """The live-blog timeline when the timeline stage exists, else None."""
    try:
        from analysis.timeline import timeline_table
    except ImportError:
        return None
    table = timeline_table(
        text,
        date=meta.get("published") or None,
        timezone=meta.get("timezone") or None,
        source=meta.get("credit") or None,
    )
    return conform(table, "timeline")
