"""Series: the claims of a corpus grouped by measure, group and place, followed over time.

From the ``claims`` table (:mod:`analysis.claims`) come three tables, each declared in
:mod:`analysis.schemas`:

``series_latest``
    per series and source, the source's latest claim (latest date it speaks for, then latest
    publication) and every article quoting that same figure;
``series_ranges``
    per series and date, each source's latest claim of the day side by side: the lowest and
    highest figure, the lowest and highest bound their wording allows, and whether the
    intervals overlap (``agree``) or not (``disagree``). Never an average;
``series_flags``
    ``sources_disagree`` where on one date the sources' intervals cannot all hold (interval
    arithmetic on the qualifiers, as in :mod:`analysis.checks`), and ``revised_down`` where a
    source's later figure of a cumulative count (``analysis/resources/tracker.yaml``) lies
    wholly below its earlier one.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import yaml

from analysis.checks import Interval, interval_of
from analysis.config import resource
from analysis.schemas import conform

__all__ = [
    "headline_series",
    "series_flags",
    "series_latest",
    "series_ranges",
    "series_tables",
    "tracker_settings",
]

_ORDER = ["date", "published", "article_id", "start", "claim_id"]


@cache
def tracker_settings() -> dict:
    """``analysis/resources/tracker.yaml``: cumulative measures, headline series."""
    return yaml.safe_load(resource("tracker.yaml").read_text(encoding="utf-8"))


def _ordered(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims oldest first: by the date they speak for, then publication, article, position."""
    return claims.sort_values(_ORDER, kind="stable")


def _interval_text(row) -> str:
    """'[12, 12]', '[101, open]'."""
    return str(interval_of(row))


def _ids(values) -> str:
    return ";".join(str(v) for v in values)


def series_latest(claims: pd.DataFrame) -> pd.DataFrame:
    """The latest claim of each source in each series.

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``claims`` table.

    Returns
    -------
    pandas.DataFrame
        The ``series_latest`` table, by series then source.
    """
    rows = []
    for (series, source), grp in _ordered(claims).groupby(["series_id", "source_key"], sort=True):
        last = grp.iloc[-1]
        same = grp[
            (grp["date"] == last["date"])
            & (grp["value"].astype("string") == str(last["value"]))
            & (grp["qualifier"] == last["qualifier"])
        ]
        rows.append(
            {
                **{c: last[c] for c in ("measure", "group", "place", "source_id", "attributed_to")},
                "series_id": series,
                "source_key": source,
                "claim_id": last["claim_id"],
                "date": last["date"],
                "published": last["published"],
                **{c: last[c] for c in ("value", "low", "high", "qualifier", "quote")},
                "claims": len(grp),
                "article_ids": _ids(dict.fromkeys(same["article_id"])),
            }
        )
    return conform(pd.DataFrame(rows, columns=_names("series_latest")), "series_latest")


def _names(table: str) -> list[str]:
    from analysis.schemas import TABLES

    return TABLES[table].names


def _day_claims(grp: pd.DataFrame) -> pd.DataFrame:
    """Each source's latest claim of one series on one day, lowest value first."""
    latest = grp.groupby("source_key", sort=True).tail(1)
    return latest.sort_values(["low", "source_key"], kind="stable")


def _all_overlap(intervals: list[Interval]) -> bool:
    return all(a.overlaps(b) for i, a in enumerate(intervals) for b in intervals[i + 1 :])


def series_ranges(claims: pd.DataFrame) -> pd.DataFrame:
    """What the sources of each series said on each date, side by side.

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``claims`` table.

    Returns
    -------
    pandas.DataFrame
        The ``series_ranges`` table, by series then date.
    """
    rows = []
    for (series, date), grp in _ordered(claims).groupby(["series_id", "date"], sort=True):
        day = _day_claims(grp)
        intervals = [interval_of(r) for _, r in day.iterrows()]
        highs = [i.high for i in intervals]
        first = day.iloc[0]
        rows.append(
            {
                "series_id": series,
                "measure": first["measure"],
                "group": first["group"],
                "place": first["place"],
                "date": date,
                "sources": len(day),
                "min_value": day["value"].min(),
                "max_value": day["value"].max(),
                "low": min(i.low for i in intervals),
                "high": None if any(h is None for h in highs) else max(highs),
                "status": "single"
                if len(day) == 1
                else ("agree" if _all_overlap(intervals) else "disagree"),
                "source_keys": _ids(day["source_key"]),
                "claim_ids": _ids(day["claim_id"]),
            }
        )
    return conform(pd.DataFrame(rows, columns=_names("series_ranges")), "series_ranges")


def _disagreements(claims: pd.DataFrame) -> list[dict]:
    """One flag per series and date whose sources' intervals do not all overlap."""
    out = []
    for (series, date), grp in _ordered(claims).groupby(["series_id", "date"], sort=True):
        day = _day_claims(grp)
        intervals = [interval_of(r) for _, r in day.iterrows()]
        if len(day) < 2 or _all_overlap(intervals):
            continue
        said = "; ".join(f"{r['source_key']} {_interval_text(r)}" for _, r in day.iterrows())
        out.append(
            {
                "series_id": series,
                "kind": "sources_disagree",
                "date": date,
                "claim_ids": _ids(day["claim_id"]),
                "source_keys": _ids(day["source_key"]),
                "found": said,
                "explanation": (
                    f"On {date} the sources give {series} as intervals that cannot all be true "
                    f"({said}); report them side by side, each with its source."
                ),
            }
        )
    return out


def _revisions(claims: pd.DataFrame) -> list[dict]:
    """A source's later claim of a cumulative count wholly below its earlier one."""
    cumulative = set(tracker_settings()["cumulative"])
    out = []
    ordered = _ordered(claims[claims["measure"].isin(cumulative)])
    for (series, source), grp in ordered.groupby(["series_id", "source_key"], sort=True):
        best = None  # the earlier claim with the highest lower bound
        for _, row in grp.iterrows():
            iv = interval_of(row)
            if (
                best is not None
                and iv.high is not None
                and iv.high < interval_of(best).low
                and (row["date"], row["published"]) > (best["date"], best["published"])
            ):
                found = (
                    f"{best['claim_id']} {_interval_text(best)} on {best['date']}; "
                    f"{row['claim_id']} {_interval_text(row)} on {row['date']}"
                )
                out.append(
                    {
                        "series_id": series,
                        "kind": "revised_down",
                        "date": row["date"],
                        "claim_ids": _ids([best["claim_id"], row["claim_id"]]),
                        "source_keys": source,
                        "found": found,
                        "explanation": (
                            f"{source} gave {series} as {_interval_text(best)} on {best['date']} "
                            f"and later as {_interval_text(row)} on {row['date']}: a running "
                            "count cannot fall; ask the source which figure stands."
                        ),
                    }
                )
            if best is None or iv.low > interval_of(best).low:
                best = row
    return out


def series_flags(claims: pd.DataFrame) -> pd.DataFrame:
    """Disagreements between sources and downward revisions of cumulative counts.

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``claims`` table.

    Returns
    -------
    pandas.DataFrame
        The ``series_flags`` table: ``T001``... by series, date and kind.
    """
    rows = sorted(
        _disagreements(claims) + _revisions(claims),
        key=lambda r: (r["series_id"], r["date"], r["kind"], r["claim_ids"]),
    )
    for i, r in enumerate(rows, start=1):
        r["flag_id"] = f"T{i:03d}"
    return conform(pd.DataFrame(rows, columns=_names("series_flags")), "series_flags")


def series_tables(claims: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``series_latest``, ``series_ranges`` and ``series_flags`` of a claims table."""
    return {
        "series_latest": series_latest(claims),
        "series_ranges": series_ranges(claims),
        "series_flags": series_flags(claims),
    }


def headline_series(claims: pd.DataFrame) -> list[str]:
    """The series the tracker page charts: headline measures, group ``total``, most claims first.

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``claims`` table.

    Returns
    -------
    list of str
        Series ids in the order of ``headline`` in ``tracker.yaml``, then by number of claims
        (more first), then id; at most ``max_charts``.
    """
    settings = tracker_settings()
    order = {m: i for i, m in enumerate(settings["headline"])}
    picked = claims[claims["measure"].isin(order) & (claims["group"] == "total")]
    counts = picked.groupby("series_id").size()
    measure = picked.groupby("series_id")["measure"].first()
    ids = sorted(counts.index, key=lambda s: (order[measure[s]], -int(counts[s]), s))
    return ids[: int(settings["max_charts"])]
