"""Charts of the figure tables, labelled in Kyrgyz, Russian or English.

Every chart function has the seaborn-style signature
``plot_x(data, *, lang="en", ax=None, source=None) -> Axes`` and draws one
horizontal bar per row of a tidy table from :mod:`analysis.tables`:

* the value is written on its bar with its qualifier ("≈300", "100+",
  a range such as "2000–9000" for vague words);
* a thin line spans the interval ``[low, high]`` the wording allows when it is
  wider than one number;
* derived rows (computed by the project, not reported) are hatched and their
  label says how ("3 (derived: 7 − 4)");
* a note under the chart names its source.

Labels come from ``analysis/resources/translations_report.csv`` through
:func:`analysis.i18n.label`. :func:`plot_timeline` and :func:`plot_map` live in
:mod:`analysis.plots_timeline` and are re-exported here.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from analysis.chart_cache import cached
from analysis.i18n import label, no_figures_note, source_note
from analysis.plots_timeline import plot_map, plot_timeline
from analysis.sources import InputError

__all__ = [
    "derived_text",
    "format_value",
    "place_label",
    "plot_buildings",
    "plot_businesses",
    "plot_injuries",
    "plot_map",
    "plot_timeline",
    "plot_vehicles",
    "row_label",
]

_STATUS_ORDER = ("injured", "hospitalized", "intensive_care")
_FIGURE_ID = re.compile(r"\b[FDM]\d{3,}\b")
#: Vocabulary prefix in translations_report.csv for each table's breakdown column.
_DIMENSIONS = {
    "group": "report.group",
    "vehicle_type": "report.vehicle",
    "business_type": "report.business",
    "building_type": "report.building",
}
_FAMILY_OF_MEASURE = {
    "vehicles_destroyed": "report.vehicle",
    "businesses_affected": "report.business",
    "buildings_destroyed": "report.building",
}
_TOTAL_COLOR = "0.45"


def _int(x) -> int | None:
    """An int, or None for a missing cell."""
    return None if x is None or pd.isna(x) else int(x)


def format_value(row) -> str:
    """A figure as a reader should see it: ``12``, ``≈300``, ``100+``, ``1000–9999``.

    Parameters
    ----------
    row : mapping
        Has ``value``, ``low``, ``high`` and ``qualifier`` (a row of any figure table).

    Returns
    -------
    str
        The number with its qualifier as a sign; vague words ("several
        thousand") show the interval the project reads them as.
    """
    value, low, high = _int(row["value"]), _int(row["low"]), _int(row["high"])
    qualifier = str(row["qualifier"] or "exact")
    shown = value if value is not None else low
    if qualifier == "approx":
        return f"≈{shown}"
    if qualifier == "more_than":
        return f"{shown}+"
    if qualifier == "at_least":
        return f"≥{shown}"
    if qualifier == "up_to":
        return f"≤{shown}"
    if qualifier == "several":
        if low is not None and high is not None:
            return f"{low}–{high}"
        return f"{low}+" if low is not None else f"≈{shown}"
    return str(shown)


def derived_text(row, figures: pd.DataFrame | None = None, lang: str = "en") -> str:
    """How a derived figure was computed, in numbers: ``"derived: 7 − 4"``.

    Parameters
    ----------
    row : mapping
        A figure row with ``formula`` (figure ids joined by ``" - "`` or ``" + "``).
    figures : pandas.DataFrame, optional
        Where to look the ids up (``figure_id``, ``value``, ``low``, ``high``,
        ``qualifier``); ids not found stay as ids.
    lang : str
        Language of the word "derived".

    Returns
    -------
    str
        Empty for a reported figure.
    """
    formula = str(row.get("formula", "") or "")
    if not formula:
        return ""
    by_id = {} if figures is None else figures.set_index("figure_id", drop=False)

    def number(match: re.Match) -> str:
        fid = match.group(0)
        if fid in getattr(by_id, "index", ()):
            return format_value(by_id.loc[fid])
        return fid

    arithmetic = _FIGURE_ID.sub(number, formula).replace(" - ", " − ")
    return f"{label('report.derived', lang)}: {arithmetic}"


@lru_cache(maxsize=512)
def place_label(place: str, date: str = "", lang: str = "en") -> str:
    """Name of a place in ``lang`` as it was called on ``date``.

    Parameters
    ----------
    place : str
        A gazetteer id (what the figures table stores) or a place name in any language.
    date : str
        ISO date of the report (a renamed city keeps its name of that day); may be empty.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        The gazetteer's name, or ``place`` unchanged when the gazetteer does not know it.
    """
    if not place:
        return ""
    from analysis import geo

    try:
        ids = set(geo.gazetteer_names()["id"])
        pid = place if place in ids else geo.resolve(place)
        day = date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date or "") else None
        return geo.place_name(pid, day, lang) if pid else place
    except InputError:
        return place


def _dimension(data: pd.DataFrame) -> str:
    """The breakdown column of a tidy table."""
    for col in ("vehicle_type", "business_type", "building_type", "group"):
        if col in data.columns:
            return col
    raise InputError("chart data has no group/type column; pass a table from analysis.tables")


def row_label(row, lang: str = "en", *, with_place: bool = False, with_measure: bool = True) -> str:
    """Translated name of what a table row counts, e.g. ``"injured: police"``.

    Parameters
    ----------
    row : mapping
        Row of a figures or breakdown table.
    lang : str
        ``"en"``, ``"ru"`` or ``"ky"``.
    with_place : bool
        Prefix the place (as stored, English) when the row has one.
    with_measure : bool
        Prefix what happened to people ("injured: ") for people groups.

    Returns
    -------
    str
    """
    measure = row["status"] if "status" in row else row.get("measure", "")
    dim = next((c for c in _DIMENSIONS if c != "group" and c in row), "group")
    family = _DIMENSIONS[dim]
    if dim == "group" and "status" not in row:
        family = _FAMILY_OF_MEASURE.get(measure, "report.group")
    what = label(f"{family}.{row[dim]}", lang)
    if with_measure and measure and family == "report.group":
        what = f"{label(f'report.measure.{measure}', lang)}: {what}"
    place = place_label(str(row.get("place", "") or ""), str(row.get("as_of", "") or ""), lang)
    return f"{place}, {what}" if with_place and place else what


def _order(data: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Rows by status, place, then the total before its parts (table order otherwise)."""
    out = data.reset_index(drop=True).copy()
    out["_pos"] = range(len(out))
    status = out["status"] if "status" in out.columns else pd.Series("", index=out.index)
    out["_status"] = [
        _STATUS_ORDER.index(s) if s in _STATUS_ORDER else len(_STATUS_ORDER) for s in status
    ]
    out["_part"] = (out[dim] != "total").astype(int)
    place = out["place"] if "place" in out.columns else pd.Series("", index=out.index)
    out["_place"] = place.fillna("")
    out = out.sort_values(["_status", "_place", "_part", "_pos"], kind="stable")
    return out.drop(columns=["_pos", "_status", "_part", "_place"])


def _default_source(data: pd.DataFrame, lang: str) -> str:
    """Attributions found in the table, else "the article"."""
    names = []
    if "source" in data.columns:
        names = [s for s in dict.fromkeys(data["source"].fillna("").astype(str)) if s]
    return "; ".join(names) if names else label("report.chart.article", lang)


def _bar_chart(
    data: pd.DataFrame,
    *,
    lang: str,
    ax: Axes | None,
    title_key: str,
    axis_key: str,
    source: str | None,
) -> Axes:
    """Horizontal bars with qualifier labels, interval lines, hatched derived rows."""
    required = {"value", "low", "high", "qualifier"}
    missing = required - set(data.columns)
    if missing:
        raise InputError(f"chart data lacks column(s) {', '.join(sorted(missing))}")
    dim = _dimension(data)
    rows = _order(data, dim)
    n = max(len(rows), 1)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.8, 0.66 * n + 1.7), layout="constrained")
    ax.set_title(label(title_key, lang), loc="left", fontsize=12, fontweight="bold")
    # Wrapped, so a long attribution does not widen the figure and shrink the bars.
    source_note(ax, textwrap.fill(source or _default_source(data, lang), 60), lang)
    if rows.empty:
        return no_figures_note(ax, lang)
    many_places = "place" in rows.columns and rows["place"].fillna("").nunique() > 1
    parts = sorted(set(rows[dim]) - {"total"}, key=str)
    palette = dict(zip(parts, sns.color_palette("colorblind", max(len(parts), 1)), strict=False))
    ys = list(range(len(rows)))[::-1]
    top = 0
    hedged = derived_any = False
    for y, (_, r) in zip(ys, rows.iterrows(), strict=True):
        low, high, value = _int(r["low"]), _int(r["high"]), _int(r["value"])
        length = value if value is not None else (low or 0)
        if low is not None and length < low:
            length = low
        if high is not None and length > high:
            length = high
        color = _TOTAL_COLOR if r[dim] == "total" else palette[r[dim]]
        derived = bool(r.get("derived", False))
        bar = ax.barh(
            y,
            length,
            height=0.45,
            color="white" if derived else color,
            edgecolor=color,
            hatch="///" if derived else None,
            linewidth=1.2,
        )[0]
        bar.set_gid(f"bar-{r.get('figure_id', y)}")
        text = format_value(r)
        if derived:
            derived_any = True
            text = f"{text} ({derived_text(r, data, lang)})"
        end = length
        if low is not None and high is not None and high > low:
            hedged = True
            ax.hlines(y, low, high, color="black", linewidth=1.5).set_gid("range")
            end = max(end, high)
        note = ax.annotate(
            text,
            xy=(end, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10.5,
        )
        note.set_gid("value-label")
        top = max(top, end)
    # Category names sit above their bars, not as tick labels, so long Kyrgyz or
    # Russian names do not squeeze the bars on a phone-width page.
    for y, (_, r) in zip(ys, rows.iterrows(), strict=True):
        name = ax.text(
            0,
            y + 0.42,
            row_label(r, lang, with_place=many_places),
            fontsize=10.5,
            va="bottom",
            ha="left",
        )
        name.set_gid("category-label")
    ax.set_yticks([])
    ax.set_ylim(-0.6, len(rows) + 0.05)
    ax.set_xlim(0, top * 1.5 if top else 1)
    ax.set_xlabel(label(axis_key, lang), fontsize=10)
    ax.tick_params(axis="x", labelsize=9)
    sns.despine(ax=ax, left=True)
    handles = []
    if derived_any:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="0.3",
                hatch="///",
                label=label("report.chart.derived_key", lang),
            )
        )
    if hedged:
        handles.append(
            plt.Line2D(
                [], [], color="black", linewidth=1.5, label=label("report.chart.range_key", lang)
            )
        )
    if handles:
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=9,
            frameon=False,
            borderaxespad=0.2,
        )
        ax.set_title(
            ax.get_title(loc="left"),
            loc="left",
            fontsize=12,
            fontweight="bold",
            pad=8 + 14 * len(handles),
        )
    return ax


@cached
def plot_injuries(
    data: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, source: str | None = None
) -> Axes:
    """People injured, hospitalized and in intensive care, by group.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`analysis.tables.injuries_table` output (``status``, ``group``,
        ``value``, ``low``, ``high``, ``qualifier``, ``derived``, ``formula``).
    lang : {"en", "ru", "ky"}
        Language of titles and labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    source : str, optional
        Source to name under the chart; by default the attributions in
        ``data["source"]``, else "the article".

    Returns
    -------
    matplotlib.axes.Axes
    """
    return _bar_chart(
        data,
        lang=lang,
        ax=ax,
        title_key="report.chart.injuries",
        axis_key="report.axis.people",
        source=source,
    )


@cached
def plot_vehicles(
    data: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, source: str | None = None
) -> Axes:
    """Vehicles burned or destroyed, by type.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`analysis.tables.vehicles_table` output.
    lang : {"en", "ru", "ky"}
    ax : matplotlib.axes.Axes, optional
    source : str, optional
        See :func:`plot_injuries`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return _bar_chart(
        data,
        lang=lang,
        ax=ax,
        title_key="report.chart.vehicles",
        axis_key="report.axis.vehicles",
        source=source,
    )


@cached
def plot_businesses(
    data: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, source: str | None = None
) -> Axes:
    """Businesses damaged, by type.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`analysis.tables.businesses_table` output.
    lang : {"en", "ru", "ky"}
    ax : matplotlib.axes.Axes, optional
    source : str, optional
        See :func:`plot_injuries`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return _bar_chart(
        data,
        lang=lang,
        ax=ax,
        title_key="report.chart.businesses",
        axis_key="report.axis.businesses",
        source=source,
    )


@cached
def plot_buildings(
    data: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, source: str | None = None
) -> Axes:
    """Buildings destroyed, by type.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`analysis.tables.buildings_table` output.
    lang : {"en", "ru", "ky"}
    ax : matplotlib.axes.Axes, optional
    source : str, optional
        See :func:`plot_injuries`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return _bar_chart(
        data,
        lang=lang,
        ax=ax,
        title_key="report.chart.buildings",
        axis_key="report.axis.buildings",
        source=source,
    )
