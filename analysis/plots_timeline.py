"""Charts of the live-blog timeline: events by time and place, and a map.

Both take the table of :func:`analysis.timeline.timeline_table`, draw on a
matplotlib Axes (a new figure when none is given) and label in English,
Russian or Kyrgyz through :mod:`analysis.i18n`. The map's country outlines are
the Natural Earth file shipped in ``analysis/resources/`` (public domain); nothing is
downloaded.
"""

from __future__ import annotations

import json
import math
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis import geo
from analysis.chart_cache import cached
from analysis.config import resource
from analysis.i18n import label, source_note
from analysis.sources import InputError, load_raw, metadata
from analysis.timeline import EVENT_TYPES

__all__ = ["OUTLINE", "plot_map", "plot_timeline"]

#: Country outlines for the map (Natural Earth 1:110m, cut by tools/cut_outline.py).
OUTLINE = resource("natural-earth_110m_kazakhstan.geojson")

# One fixed style per event type, so colours mean the same thing in every chart.
_MARKERS = dict(zip(EVENT_TYPES, "o^sDv*PXho", strict=True))
_COLOURS = dict(
    zip(EVENT_TYPES, [plt.get_cmap("tab10")(i) for i in range(len(EVENT_TYPES))], strict=True)
)
# Gap (minutes) between the undated column and the first timed entry.
_UNDATED_GAP = 30
_COLUMNS = {"entry_id", "time", "place_id", "event_type", "update_of", "lat", "lon", "date"}


def _check(timeline: pd.DataFrame) -> None:
    """Refuse a table that is not a timeline."""
    missing = _COLUMNS - set(timeline.columns)
    if missing:
        raise InputError(f"timeline lacks column(s) {', '.join(sorted(missing))}")


def _minutes(time: str) -> int | None:
    """Minutes after midnight of "HH:MM" (None when undated)."""
    if not isinstance(time, str) or ":" not in time:
        return None
    hours, minutes = time.split(":", 1)
    return int(hours) * 60 + int(minutes)


def _place_label(place_id: str, date: str, lang: str) -> str:
    """The place's name in ``lang`` on ``date`` ("?" style label when unknown)."""
    if not place_id:
        return label("unknown_place", lang)
    return geo.place_name(place_id, date or None, lang)


def _types(cell: str) -> list[str]:
    """Event types of a table cell."""
    return [t for t in str(cell or "").split(";") if t] or ["other"]


def _source(timeline: pd.DataFrame, source: str | None) -> str:
    """The source to credit: the argument, else the table's ``attrs["source"]``."""
    return source or str(timeline.attrs.get("source") or "")


@cached
def plot_timeline(
    timeline: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Events of a live blog by time (across) and place (down).

    Parameters
    ----------
    timeline : pandas.DataFrame
        Output of :func:`analysis.timeline.timeline_table`.
    lang : {"en", "ru", "ky"}
        Language of titles, axis labels, place names and legend.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    source : str, optional
        Publisher credited under the chart (default ``timeline.attrs["source"]``).

    Returns
    -------
    matplotlib.axes.Axes
        One marker per entry (gid ``entry``), shaped and coloured by its first
        event type; updates of earlier entries are hollow. An entry's further
        types are small markers beside it (gid ``more-types``). Undated entries
        sit in their own column left of the first time stamp, in reading order.
    """
    _check(timeline)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.5 * max(4, timeline["place_id"].nunique()) + 1.5))
    rows = timeline.reset_index(drop=True)
    minutes = [_minutes(t) for t in rows["time"]]
    timed = [m for m in minutes if m is not None]
    undated = [i for i, m in enumerate(minutes) if m is None]
    step = 10
    first = min(timed) if timed else 0
    x_undated = first - _UNDATED_GAP - step * max(0, len(undated) - 1)
    xs = []
    for i, m in enumerate(minutes):
        xs.append(m if m is not None else x_undated + step * undated.index(i))

    places = list(dict.fromkeys(rows["place_id"].fillna("")))
    ys = [places.index(p) for p in rows["place_id"].fillna("")]
    # each row's types and whether it updates another, read once (not cell by cell per type)
    types = [_types(cell) for cell in rows["event_type"].tolist()]
    updates = [pd.notna(u) for u in rows["update_of"].tolist()]
    present = []
    for t in EVENT_TYPES:
        sel = [i for i in range(len(rows)) if types[i][0] == t]
        if not sel:
            continue
        present.append(t)
        hollow = [updates[i] for i in sel]
        points = ax.scatter(
            [xs[i] for i in sel],
            [ys[i] for i in sel],
            marker=_MARKERS[t],
            s=90,
            facecolors=["none" if h else _COLOURS[t] for h in hollow],
            edgecolors=[_COLOURS[t]] * len(sel),
            linewidths=1.5,
            zorder=3,
        )
        points.set_gid("entry")
    for t in EVENT_TYPES:
        more = [
            (i, k)
            for i in range(len(rows))
            for k, other in enumerate(types[i][1:], start=1)
            if other == t
        ]
        if not more:
            continue
        if t not in present:
            present.append(t)
        extra = ax.scatter(
            [xs[i] + 3 * k for i, k in more],
            [ys[i] - 0.28 for i, _ in more],
            marker=_MARKERS[t],
            s=28,
            color=_COLOURS[t],
            zorder=3,
        )
        extra.set_gid("more-types")

    date = str(rows["date"].iloc[0]) if len(rows) else ""
    ax.set_yticks(range(len(places)), [_place_label(p, date, lang) for p in places])
    ax.set_ylim(len(places) - 0.5, -0.7)
    ticks = sorted(set(timed))
    tick_labels = [f"{m // 60:02d}:{m % 60:02d}" for m in ticks]
    if undated:
        ticks = [x_undated + step * (len(undated) - 1) / 2, *ticks]
        tick_labels = [label("undated", lang), *tick_labels]
    ax.set_xticks(ticks, tick_labels, rotation=45, ha="right")
    ax.set_xlim(min(xs, default=0) - step, max(xs, default=0) + step)
    ax.grid(axis="x", color="0.9", zorder=0)
    timezone = timeline.attrs.get("timezone") or ""
    ax.set_xlabel(label("time", lang) + (f" ({timezone})" if timezone else ""))
    ax.set_ylabel(label("place", lang))
    ax.set_title(label("timeline_title", lang) + (f", {date}" if date else ""))
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=_MARKERS[t],
            color=_COLOURS[t],
            markersize=8,
            label=label(f"event.{t}", lang),
        )
        for t in EVENT_TYPES
        if t in present
    ]
    if rows["update_of"].notna().any():
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markerfacecolor="none",
                color="0.3",
                markersize=8,
                label=label("update", lang),
            )
        )
    ax.legend(
        handles=handles,
        title=label("event_type", lang),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    credit = _source(timeline, source)
    if credit:
        source_note(ax, credit, lang)
    return ax


@cache
def _outline() -> tuple[list[dict], str]:
    """Features of the shipped outline file and its credit line."""
    # load_raw verifies the file against the checksum in its sidecar
    features = json.loads(load_raw(OUTLINE))["features"]
    meta = metadata(OUTLINE) or {}
    return features, str(meta.get("credit") or "Natural Earth")


def _rings(geometry: dict) -> list[list[list[float]]]:
    """Outer rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


@cached
def plot_map(
    timeline: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Map of Kazakhstan with each place sized by its number of entries.

    Parameters
    ----------
    timeline : pandas.DataFrame
        Output of :func:`analysis.timeline.timeline_table`.
    lang : {"en", "ru", "ky"}
        Language of the title and place names.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    source : str, optional
        Publisher credited under the map, with the outline's source
        (default ``timeline.attrs["source"]``).

    Returns
    -------
    matplotlib.axes.Axes
        Country outlines (patches with gid ``outline:ISO3``), one marker per
        place (a single collection, gid ``places``, marker area proportional to
        the place's entries; updates of earlier entries and entries without a
        place are not counted) and one text label per place (gid ``place-label``).
    """
    _check(timeline)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    features, outline_credit = _outline()
    for feature in features:
        iso = feature["properties"].get("iso_a3", "")
        home = iso == "KAZ"
        for ring in _rings(feature["geometry"]):
            (patch,) = ax.fill(
                [p[0] for p in ring],
                [p[1] for p in ring],
                facecolor="0.92" if home else "0.97",
                edgecolor="0.5" if home else "0.75",
                linewidth=0.8,
                zorder=1,
            )
            patch.set_gid(f"outline:{iso}")

    counted = timeline.loc[(timeline["place_id"].fillna("") != "") & timeline["update_of"].isna()]
    places = (
        counted.groupby("place_id", sort=False)
        .agg(entries=("entry_id", "size"), lat=("lat", "first"), lon=("lon", "first"))
        .reset_index()
    )
    date = str(timeline["date"].iloc[0]) if len(timeline) else ""
    size = 60.0
    points = ax.scatter(
        places["lon"],
        places["lat"],
        s=size * places["entries"],
        color=_COLOURS["protest"],
        alpha=0.75,
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
    )
    points.set_gid("places")
    for row in places.itertuples():
        name = _place_label(row.place_id, date, lang)
        text = ax.annotate(
            f"{name} ({row.entries})" if row.entries > 1 else name,
            xy=(row.lon, row.lat),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=8,
            zorder=4,
        )
        text.set_gid("place-label")

    # Kazakhstan's extent frames the map; neighbours are context only.
    home = [p for f in features if f["properties"].get("iso_a3") == "KAZ" for p in _ring_points(f)]
    if home:
        lons, lats = [p[0] for p in home], [p[1] for p in home]
        ax.set_xlim(min(lons) - 1, max(lons) + 1)
        ax.set_ylim(min(lats) - 1, max(lats) + 1)
        ax.set_aspect(1 / math.cos(math.radians((min(lats) + max(lats)) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(label("map_title", lang) + (f", {date}" if date else ""))
    if len(places):
        counts = sorted(set(places["entries"]))
        shown = sorted({counts[0], counts[-1]})
        handles = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                color=_COLOURS["protest"],
                alpha=0.75,
                markersize=math.sqrt(size * n),
                label=str(n),
            )
            for n in shown
        ]
        ax.legend(
            handles=handles,
            title=label("entries_count", lang),
            loc="upper right",
            fontsize=8,
            title_fontsize=8,
            frameon=False,
            labelspacing=1.2,
        )
    credit = _source(timeline, source)
    source_note(ax, f"{credit}; {outline_credit}" if credit else outline_credit, lang)
    return ax


def _ring_points(feature: dict) -> list[list[float]]:
    """All outer-ring points of a feature."""
    return [p for ring in _rings(feature["geometry"]) for p in ring]
