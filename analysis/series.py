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

from analysis.checks import interval_of
from analysis.config import read_yaml, resource
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
    return read_yaml(resource("tracker.yaml"))


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


def _days(claims: pd.DataFrame) -> pd.DataFrame:
    """Each source's latest claim per series and day, lowest bound first within a day.

    Adds ``_high``: the upper bound with an open one as infinity, so that the intervals of a
    day overlap all together exactly when the highest lower bound is at most the lowest upper
    bound (on a line, intervals that overlap pairwise share a point).
    """
    latest = _ordered(claims).drop_duplicates(["series_id", "date", "source_key"], keep="last")
    latest = latest.assign(_high=latest["high"].astype("Float64").fillna(float("inf")))
    return latest.sort_values(["series_id", "date", "low", "source_key"], kind="stable")


def _day_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per series and day: sources, bounds and whether the intervals overlap."""
    days = _days(claims)
    grouped = days.groupby(["series_id", "date"], sort=True)
    out = grouped.agg(
        measure=("measure", "first"),
        group=("group", "first"),
        place=("place", "first"),
        sources=("source_key", "size"),
        min_value=("value", "min"),
        max_value=("value", "max"),
        low=("low", "min"),
        max_low=("low", "max"),
        min_high=("_high", "min"),
        max_high=("_high", "max"),
        source_keys=("source_key", ";".join),
        claim_ids=("claim_id", ";".join),
    ).reset_index()
    out["high"] = out["max_high"].where(out["max_high"] != float("inf"))
    out["status"] = "agree"
    out.loc[out["max_low"] > out["min_high"], "status"] = "disagree"
    out.loc[out["sources"] == 1, "status"] = "single"
    return out


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
    if claims.empty:
        return conform(pd.DataFrame(columns=_names("series_ranges")), "series_ranges")
    return conform(_day_table(claims), "series_ranges")


def _disagreements(claims: pd.DataFrame) -> list[dict]:
    """One flag per series and date whose sources' intervals do not all overlap."""
    if claims.empty:
        return []
    table = _day_table(claims)
    by_id = claims.set_index("claim_id")
    out = []
    for row in table[table["status"] == "disagree"].itertuples(index=False):
        ids = row.claim_ids.split(";")
        said = "; ".join(f"{by_id.at[c, 'source_key']} {_interval_text(by_id.loc[c])}" for c in ids)
        out.append(
            {
                "series_id": row.series_id,
                "kind": "sources_disagree",
                "date": row.date,
                "claim_ids": row.claim_ids,
                "source_keys": row.source_keys,
                "found": said,
                "explanation": (
                    f"On {row.date} the sources give {row.series_id} as intervals that cannot all "
                    f"be true ({said}); report them side by side, each with its source."
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
        for row in grp.itertuples(index=False):
            high = None if pd.isna(row.high) else int(row.high)
            if (
                best is not None
                and high is not None
                and high < int(best.low)
                and (row.date, row.published) > (best.date, best.published)
            ):
                earlier, later = _interval_text(best._asdict()), _interval_text(row._asdict())
                out.append(
                    {
                        "series_id": series,
                        "kind": "revised_down",
                        "date": row.date,
                        "claim_ids": _ids([best.claim_id, row.claim_id]),
                        "source_keys": source,
                        "found": (
                            f"{best.claim_id} {earlier} on {best.date}; "
                            f"{row.claim_id} {later} on {row.date}"
                        ),
                        "explanation": (
                            f"{source} gave {series} as {earlier} on {best.date} and later as "
                            f"{later} on {row.date}: a running count cannot fall; ask the "
                            "source which figure stands."
                        ),
                    }
                )
            if best is None or int(row.low) > int(best.low):
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
