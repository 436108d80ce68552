"""The tracker's chart: one series' claims over time, one marker per source, never averaged.

:func:`plot_series` follows the conventions of :mod:`analysis.plots`
(``plot_x(data, *, lang="en", ax=None, source=None) -> Axes``, labels from
``analysis/resources/translations*.csv``, a source note under the chart, artists tagged with
gids that tests look for):

* every claim is a point at the date it speaks for, one marker shape and colour per source
  (one scatter per source, gid ``claims-<k>``, its points' urls ``claim-<claim_id>``), a thin
  line joining a source's claims in time order;
* a hedged figure ("about 100", "more than 60") also draws the interval its wording allows
  (one line collection per source, gid ``range``; an open interval runs to the top of the
  chart with an arrow head, gid ``open-range``);
* each source's latest claim is labelled with its value as written ("≈100", "60+"; gid
  ``latest-label``);
* the legend names the sources in the chart's language.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from analysis.i18n import label, no_figures_note, source_note
from analysis.plots import format_value, place_label
from analysis.sources import InputError

__all__ = ["MARKERS", "plot_series", "series_title", "source_label"]

#: Marker shapes given to sources in order of their first claim.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_REQUIRED = {"claim_id", "date", "published", "source_key", "value", "low", "high", "qualifier"}


def source_label(row, lang: str = "en") -> str:
    """A source as a reader should see it: the known source's name, else the words of the text.

    Parameters
    ----------
    row : mapping
        A row of ``claims`` or ``series_latest`` (``source_id``, ``attributed_to``,
        ``source_key``).
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``"Ministry of Health"``; ``"Бакыт Исаков"`` (as written); ``"Үлгү Кабар (own figure)"``
        for a figure the publisher gives without a source.
    """
    from analysis.attribution import source_name

    sid = str(row.get("source_id", "") or "")
    if sid and source_name(sid, lang):
        return source_name(sid, lang)
    who = str(row.get("attributed_to", "") or "")
    if who:
        return who
    key = str(row.get("source_key", "") or "")
    publisher = key.removeprefix("publisher:")
    return f"{publisher} ({label('tracker.own_figure', lang)})"


def series_title(row, lang: str = "en") -> str:
    """'Killed — total' style title of a series (measure, group unless total, place)."""
    what = label(f"report.measure.{row['measure']}", lang)
    parts = [what[:1].upper() + what[1:]]
    if row["group"] != "total":
        parts.append(label(f"report.group.{row['group']}", lang))
    place = place_label(str(row.get("place", "") or ""), "", lang)
    if place:
        parts.append(place)
    return " — ".join(parts)


def _int(x) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def plot_series(
    data: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, source: str | None = None
) -> Axes:
    """Claims of one series over time, one marker per source, ranges for hedged values.

    Parameters
    ----------
    data : pandas.DataFrame
        Rows of the ``claims`` table of one series (same measure, group and place).
    lang : {"en", "ru", "ky"}
        Language of title, legend and labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    source : str, optional
        What the note under the chart names; by default the publishers of the claims.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InputError
        When a column is missing or the rows are of more than one series.
    """
    missing = _REQUIRED - set(data.columns)
    if missing:
        raise InputError(f"chart data lacks column(s) {', '.join(sorted(missing))}")
    if "series_id" in data.columns and data["series_id"].nunique() > 1:
        raise InputError("plot_series draws one series; filter the claims by series_id first")
    fig = None
    if ax is None:
        # Fixed margins, not a constrained layout: a tracker draws many charts, and a layout
        # engine costs more than the drawing itself.
        fig, ax = plt.subplots(figsize=(6.4, 4.2))
        fig.subplots_adjust(left=0.11, right=0.97, top=0.9, bottom=0.2)
    own_figure = fig is not None
    rows = data.sort_values(["date", "published", "claim_id"], kind="stable").reset_index(drop=True)
    publishers = list(dict.fromkeys(rows.get("publisher", pd.Series(dtype=str)).astype(str)))
    source_note(ax, source or "; ".join(p for p in publishers if p) or "—", lang)
    if rows.empty:
        return no_figures_note(ax, lang)
    ax.set_title(series_title(rows.iloc[0], lang), loc="left", fontsize=12, fontweight="bold")
    dates = pd.to_datetime(rows["date"])
    keys = list(dict.fromkeys(rows["source_key"]))
    colors = dict(zip(keys, sns.color_palette("colorblind", len(keys)), strict=False))
    top = max(
        [_int(v) or 0 for v in rows["high"]]
        + [_int(v) or 0 for v in rows["value"]]
        + [_int(v) or 0 for v in rows["low"]]
    )
    ceiling = top * 1.25 + 1
    hedged = False
    for k, key in enumerate(keys):
        mine = rows[rows["source_key"] == key]
        x = dates[mine.index]
        y = [
            _int(v) if _int(v) is not None else _int(lo)
            for v, lo in zip(mine["value"], mine["low"], strict=True)
        ]
        color, marker = colors[key], MARKERS[k % len(MARKERS)]
        if len(mine) > 1:
            (line,) = ax.plot(x, y, color=color, linewidth=1, alpha=0.5, zorder=1)
            line.set_gid("source-line")
        # One artist per source, not per claim: a corpus may give a series thousands of claims.
        lows = [_int(v) for v in mine["low"]]
        highs = [_int(v) for v in mine["high"]]
        spans = [
            (xi, lo, ceiling if hi is None else hi, hi is None)
            for xi, lo, hi in zip(x, lows, highs, strict=True)
            if lo is not None and (hi is None or hi > lo)
        ]
        if spans:
            hedged = True
            ax.vlines(
                [sp[0] for sp in spans],
                [sp[1] for sp in spans],
                [sp[2] for sp in spans],
                color=color,
                linewidth=2,
                alpha=0.6,
                zorder=2,
            ).set_gid("range")
            opened = [sp[0] for sp in spans if sp[3]]
            if opened:
                (arrows,) = ax.plot(
                    opened,
                    [ceiling] * len(opened),
                    linestyle="none",
                    marker="^",
                    color=color,
                    markersize=6,
                    zorder=2,
                )
                arrows.set_gid("open-range")
        points = ax.scatter(
            x,
            y,
            marker=marker,
            s=46,
            color=color,
            edgecolor="black",
            linewidth=0.6,
            zorder=3,
            label=source_label(mine.iloc[0], lang),
        )
        points.set_gid(f"claims-{k}")
        points.set_urls([f"claim-{c}" for c in mine["claim_id"]])  # which claim each point is
        last = mine.iloc[-1]
        note = ax.annotate(
            format_value(last),
            xy=(x.iloc[-1], y[-1]),
            xytext=(6, 4),
            textcoords="offset points",
            fontsize=9.5,
            color="black",
            zorder=4,
        )
        note.set_gid("latest-label")
    ax.set_ylim(0, ceiling * 1.08)
    pad = pd.Timedelta(hours=12)
    ax.set_xlim(dates.min() - pad, dates.max() + pad * 3)
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m"))
    ax.set_ylabel(label("report.axis.people", lang), fontsize=10)
    ax.set_xlabel(label("date", lang), fontsize=10)
    ax.tick_params(labelsize=9)
    sns.despine(ax=ax)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    handles, names = ax.get_legend_handles_labels()
    if hedged:
        handles.append(plt.Line2D([], [], color="0.4", linewidth=2, alpha=0.6))
        names.append(label("report.chart.range_key", lang))
    # Above the plot, under the title, so it never hides a claim.
    ax.legend(
        handles,
        names,
        fontsize=8.5,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        borderaxespad=0.2,
    )
    rows_of_legend = -(-len(names) // 2)
    ax.set_title(
        ax.get_title(loc="left"),
        loc="left",
        fontsize=12,
        fontweight="bold",
        pad=8 + 14 * rows_of_legend,
    )
    if own_figure:
        ax.figure.subplots_adjust(top=0.9 - 0.055 * rows_of_legend)
    return ax
