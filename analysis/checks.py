"""Consistency checks on figures, with interval arithmetic on their qualifiers.

Every figure is an interval ``[low, high]`` (``high`` missing = no upper bound),
as the extractor documents it for each qualifier. The checks:

``parts_vs_total``
    Two or more parts listed under one total (``parent_id``) are read as the
    article's breakdown of that total: the sum of the parts' intervals
    ``[Σlow, Σhigh]`` must overlap the total's interval. Parts above an exact
    total *fail*; parts above an approximate total are a *warn* ("parts exceed
    an approximate total by N", N measured from the total as written); parts
    below the total are a *warn* (the list may be incomplete).
``subset_vs_parent``
    A part larger than its whole (``low`` of the part above ``high`` of the
    parent), or a part whose parent is not in the table. A single part under a
    total only has to fit inside it.
``stated_twice``
    The same measure, group, place and date given different numbers: *fail*
    when the intervals cannot both be true, *warn* when they only differ in
    wording. Numbers from different sentences without a shared stated date are a
    *warn* that says so (they may count different events or moments), never a
    contradiction.
``repeated_text``
    The same figure read twice from duplicate text (identical quote, or one
    word changed as in a re-posted live-blog entry): *info*; tables count it once.
``derived``
    Figures computed by :func:`derive_complements`, with their formula: *info*.

Rule for derived figures (:func:`derive_complements`): when an exact total
has exact parts and one part is missing, the missing part is ``total - Σparts``.
A part is "missing" when the article splits a total of the same kind of thing,
at the same place, date (an unstated date does not contradict) and live-blog
entry, into groups that sum exactly to it (for example
police and civilians) and this total names all of those groups but one; the
derived figure takes that group. A total with a single stated part and no such
sibling breakdown gets the remainder as group ``other`` ("other than the
part"). Nothing is derived from approximate figures or from a breakdown that
does not add up. Derived figures carry ``derived=True`` and a ``formula`` and
are never counted as reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.schemas import FAMILY_OF_MEASURE, conform

__all__ = [
    "Interval",
    "check_figures",
    "check_parts_against_totals",
    "check_repeated_text",
    "check_stated_twice",
    "check_subsets",
    "derive_complements",
    "describe_derived",
    "interval_of",
    "interval_sum",
    "repeated_figures",
]

_CHECK_COLUMNS = ["check", "code", "figures", "expected", "found", "status", "explanation"]


@dataclass(frozen=True)
class Interval:
    """A closed count interval; ``high is None`` means no upper bound."""

    low: int
    high: int | None

    def __str__(self) -> str:
        return f"[{self.low}, {'open' if self.high is None else self.high}]"

    def overlaps(self, other: Interval) -> bool:
        """True when some count lies in both intervals."""
        below = other.high is not None and self.low > other.high
        above = self.high is not None and other.low > self.high
        return not (below or above)


def _int(x) -> int | None:
    """A nullable integer cell as int or None."""
    return None if pd.isna(x) else int(x)


def interval_of(row) -> Interval:
    """The interval a figure row allows (``low`` missing is read as 0)."""
    low = _int(row["low"])
    return Interval(0 if low is None else low, _int(row["high"]))


def interval_sum(intervals) -> Interval:
    """Sum of intervals: [Σlow, Σhigh], open when any part is open."""
    intervals = list(intervals)
    low = sum(i.low for i in intervals)
    highs = [i.high for i in intervals]
    return Interval(low, None if any(h is None for h in highs) else sum(highs))


_WORDING = {
    "exact": "{v}",
    "approx": "about {v}",
    "more_than": "more than {v}",
    "at_least": "at least {v}",
    "up_to": "up to {v}",
    "several": "several ({lo}–{hi})",
}


def _wording(row) -> str:
    """A figure as a reader would say it: '120', 'more than 100', 'about 300'."""
    iv = interval_of(row)
    text = _WORDING.get(row["qualifier"], "{v}").format(
        v=_int(row["value"]), lo=iv.low, hi="open" if iv.high is None else iv.high
    )
    return text if row["qualifier"] == "exact" else f"({text})"


def _label(row) -> str:
    """'F003 (injured, police)'."""
    return f"{row['figure_id']} ({row['measure']}, {row['group']})"


def _row(check, code, ids, expected, found, status, explanation) -> dict:
    """One check result."""
    return dict(
        zip(
            _CHECK_COLUMNS,
            [check, code, ";".join(ids), expected, found, status, explanation],
            strict=True,
        )
    )


def _frame(rows: list[dict]) -> pd.DataFrame:
    """Rows of check results as a frame with the checks columns."""
    return pd.DataFrame(rows, columns=_CHECK_COLUMNS)


def _reported(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures stated in the text, each counted once (no derived rows, no repeats)."""
    derived = figures["derived"].astype(bool) if "derived" in figures else False
    out = figures[~derived] if "derived" in figures else figures
    return out[~out["figure_id"].isin(repeated_figures(out).index)]


def _is_approx(row) -> bool:
    """True for a total whose wording is not an exact count."""
    return row["qualifier"] != "exact"


# --- repeats --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _tokens(quote: str) -> list[str]:
    """Words of a quote, case-folded."""
    return _TOKEN.findall(str(quote).casefold())


def _same_text(a: str, b: str) -> bool:
    """Identical words, or the same words with one changed (a re-posted entry)."""
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) != len(tb) or not ta:
        return False
    return sum(x != y for x, y in zip(ta, tb, strict=True)) <= 1


_SAME_FIGURE = ["measure", "group", "place", "as_of", "value", "low", "high", "qualifier"]


def repeated_figures(figures: pd.DataFrame) -> pd.Series:
    """Figures that repeat an earlier one word for word (duplicate text).

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table (reading order).

    Returns
    -------
    pandas.Series
        Indexed by the repeat's ``figure_id``; values are the ``figure_id`` it repeats.
    """
    out: dict[str, str] = {}
    if "derived" in figures:
        figures = figures[~figures["derived"].astype(bool)]
    # Groups of the same figure (the columns as text, missing values alike), in order of
    # first appearance, each in reading order: a groupby on plain lists (groupby and
    # iterrows cost 20 ms a call, and a build calls this seven times)
    columns = [figures[c].astype("string").tolist() for c in _SAME_FIGURE]
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*columns, strict=True)):
        groups.setdefault(tuple(None if v is pd.NA else v for v in key), []).append(i)
    ids, quotes = figures["figure_id"].tolist(), figures["quote"].tolist()
    for rows in groups.values():
        firsts: list[int] = []
        for i in rows:
            match = next((f for f in firsts if _same_text(quotes[f], quotes[i])), None)
            if match is None:
                firsts.append(i)
            else:
                out[ids[i]] = ids[match]
    return pd.Series(out, dtype="str", name="repeats")


def check_repeated_text(figures: pd.DataFrame) -> pd.DataFrame:
    """One *info* row per figure read twice from duplicate text.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Check rows (columns ``check, code, figures, expected, found, status, explanation``).
    """
    by_id = figures.set_index("figure_id")
    rows = []
    for rep, orig in repeated_figures(figures).items():
        r = by_id.loc[rep]
        rows.append(
            _row(
                "repeated_text",
                "repeated_text",
                [orig, rep],
                "each figure counted once",
                f"{rep} repeats {orig}",
                "info",
                f"{rep} repeats {orig} ({r['measure']}, {r['group']}, {_int(r['value'])}) "
                "from duplicate text in the page; it is counted once.",
            )
        )
    return _frame(rows)


# --- parts and totals -----------------------------------------------------------------------------


def _children(figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Reported parts grouped by the total they belong to."""
    rep = _reported(figures)
    kids = rep[rep["parent_id"].fillna("") != ""]
    return {pid: grp for pid, grp in kids.groupby("parent_id", sort=False)}


def check_parts_against_totals(figures: pd.DataFrame) -> pd.DataFrame:
    """Sum of a total's listed parts (two or more) against the total, as intervals.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table with ``figure_id, parent_id, value, low, high, qualifier``.

    Returns
    -------
    pandas.DataFrame
        One check row per total with two or more parts.
    """
    by_id = figures.set_index("figure_id")
    rows = []
    for pid, kids in _children(figures).items():
        if pid not in by_id.index or len(kids) < 2:
            continue
        total = by_id.loc[pid].copy()
        total["figure_id"] = pid
        t = interval_of(total)
        s = interval_sum(interval_of(k) for _, k in kids.iterrows())
        expr = " + ".join(_wording(k) for _, k in kids.iterrows())
        ids = [pid, *kids["figure_id"]]
        expected = f"sum of parts within total {_wording(total)} = {t}"
        found = f"{expr} = {s}"
        nominal = _int(total["value"])
        what = f"{total['measure']} total {pid}"
        if t.overlaps(s):
            if _is_approx(total) and nominal is not None and s.low > nominal:
                n = s.low - nominal
                rows.append(
                    _row(
                        "parts_vs_total",
                        "parts_exceed_approx_total",
                        ids,
                        expected,
                        found,
                        "warn",
                        f"The parts of {what} add up to at least {s.low} against an approximate "
                        f"total of {nominal}: parts exceed an approximate total by {n}. Within "
                        "the range the wording allows, but the total was probably rounded or "
                        "the parts overlap.",
                    )
                )
            else:
                rows.append(
                    _row(
                        "parts_vs_total",
                        "parts_sum_holds",
                        ids,
                        expected,
                        found,
                        "ok",
                        f"{expr} = {s.low} holds ({what}: parts against total)."
                        if s.low == s.high and t.low == t.high
                        else f"The parts of {what} add up to {s}, which fits the total {t}: holds.",
                    )
                )
        elif s.low > t.high:
            ref = t.high if not _is_approx(total) or nominal is None else nominal
            n = s.low - ref
            if _is_approx(total):
                rows.append(
                    _row(
                        "parts_vs_total",
                        "parts_exceed_approx_total",
                        ids,
                        expected,
                        found,
                        "warn",
                        f"The parts of {what} add up to at least {s.low}, beyond the range "
                        f"{t} of the approximate total {nominal}: parts exceed an approximate "
                        f"total by {n}. Check which figure is wrong before publishing them "
                        "together.",
                    )
                )
            else:
                rows.append(
                    _row(
                        "parts_vs_total",
                        "parts_exceed_total",
                        ids,
                        expected,
                        found,
                        "fail",
                        f"The parts of {what} add up to at least {s.low}, more than the exact "
                        f"total of {t.high} by {n}. The figures contradict each other.",
                    )
                )
        else:
            n = t.low - s.high
            rows.append(
                _row(
                    "parts_vs_total",
                    "parts_fall_short",
                    ids,
                    expected,
                    found,
                    "warn",
                    f"The parts of {what} add up to at most {s.high}, {n} fewer than the total "
                    f"{t}. The list of parts may be incomplete.",
                )
            )
    return _frame(rows)


def check_subsets(figures: pd.DataFrame) -> pd.DataFrame:
    """Parts larger than their whole, parts naming an unknown total, and single parts.

    A total with only one stated part gets an *ok* row when the part fits; for
    breakdowns of two or more parts only problems are reported (their sum is
    checked by :func:`check_parts_against_totals`).

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Check rows.
    """
    by_id = figures.set_index("figure_id")
    rows = []
    for pid, kids in _children(figures).items():
        if pid not in by_id.index:
            for _, k in kids.iterrows():
                rows.append(
                    _row(
                        "subset_vs_parent",
                        "unknown_parent",
                        [k["figure_id"]],
                        f"parent {pid} in the table",
                        "missing",
                        "fail",
                        f"{_label(k)} names {pid} as its total, but there is no such figure.",
                    )
                )
            continue
        total = by_id.loc[pid].copy()
        total["figure_id"] = pid
        t = interval_of(total)
        for _, k in kids.iterrows():
            p = interval_of(k)
            ids = [pid, k["figure_id"]]
            expected = f"part <= total {_wording(total)} = {t}"
            found = f"{_wording(k)} = {p}"
            if t.high is not None and p.low > t.high:
                n = p.low - t.high
                approx = _is_approx(total)
                rows.append(
                    _row(
                        "subset_vs_parent",
                        "subset_exceeds_parent",
                        ids,
                        expected,
                        found,
                        "warn" if approx else "fail",
                        f"{_label(k)} is at least {p.low}, larger than its "
                        f"{'approximate ' if approx else ''}total {_label(total)} by {n}; "
                        "a part cannot be larger than its whole.",
                    )
                )
            elif len(kids) == 1:
                rows.append(
                    _row(
                        "subset_vs_parent",
                        "subset_within_parent",
                        ids,
                        expected,
                        found,
                        "ok",
                        f"{_label(k)} {_wording(k)} is part of {_label(total)} "
                        f"{_wording(total)}: holds.",
                    )
                )
    return _frame(rows)


# --- figures stated twice -------------------------------------------------------------------------

_SAME_CLAIM = ["measure", "group", "place", "as_of"]


def check_stated_twice(figures: pd.DataFrame) -> pd.DataFrame:
    """The same measure, group, place and date stated with different numbers.

    Figures read from duplicate text are left out (see :func:`repeated_figures`).

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        One row per pair of differing statements: *fail* when their intervals
        do not overlap, *warn* otherwise.
    """
    rep = _reported(figures)
    rows = []
    for _, grp in rep.groupby(_SAME_CLAIM, dropna=False, sort=False):
        recs = list(grp.iterrows())
        for i, (_, a) in enumerate(recs):
            for _, b in recs[i + 1 :]:
                same = (
                    _int(a["value"]) == _int(b["value"])
                    and a["qualifier"] == b["qualifier"]
                    and interval_of(a) == interval_of(b)
                )
                if same:
                    continue
                ia, ib = interval_of(a), interval_of(b)
                ids = [a["figure_id"], b["figure_id"]]
                where = f" in {a['place']}" if a["place"] else ""
                subject = f"{a['measure']} ({a['group']}){where}"
                found = f"{_wording(a)} = {ia} vs {_wording(b)} = {ib}"
                if not ia.overlaps(ib) and _separate_statements(a, b):
                    # Different sentences without a shared date may speak of different
                    # moments or events: a reporter must say, the checks cannot.
                    rows.append(
                        _row(
                            "stated_twice",
                            "stated_twice_separate",
                            ids,
                            "one value per claim",
                            found,
                            "warn",
                            f"{subject} has different numbers in different statements "
                            f"({a['figure_id']} in segment {a['segment_id']}: {_wording(a)}; "
                            f"{b['figure_id']} in segment {b['segment_id']}: {_wording(b)}) "
                            "with no date that makes them the same claim: they may count "
                            "different events or moments. Check before calling it a "
                            "contradiction.",
                        )
                    )
                elif ia.overlaps(ib):
                    rows.append(
                        _row(
                            "stated_twice",
                            "stated_twice_compatible",
                            ids,
                            "one value per claim",
                            found,
                            "warn",
                            f"{subject} is stated twice with different wording "
                            f"({a['figure_id']}: {_wording(a)}; {b['figure_id']}: {_wording(b)}); "
                            "both can be true, but say which one you use.",
                        )
                    )
                else:
                    rows.append(
                        _row(
                            "stated_twice",
                            "stated_twice_conflict",
                            ids,
                            "one value per claim",
                            found,
                            "fail",
                            f"{subject} is stated twice with values that cannot both be true "
                            f"({a['figure_id']}: {_wording(a)}; {b['figure_id']}: {_wording(b)}).",
                        )
                    )
    return _frame(rows)


def _separate_statements(a: pd.Series, b: pd.Series) -> bool:
    """Two figures from different sentences, at least one without a stated date."""
    undated = not str(a.get("as_of", "") or "") or not str(b.get("as_of", "") or "")
    return undated and a.get("segment_id") != b.get("segment_id")


# --- derived figures ------------------------------------------------------------------------------


def _exact(rows: pd.DataFrame) -> bool:
    """True when every row is an exact, closed count."""
    return bool((rows["qualifier"] == "exact").all() and rows["value"].notna().all())


def _partitions(figures: pd.DataFrame) -> list[tuple[pd.Series, frozenset[str]]]:
    """Exact totals whose two or more exact parts add up exactly: (total, groups)."""
    by_id = figures.set_index("figure_id", drop=False)
    out = []
    for pid, kids in _children(figures).items():
        if pid not in by_id.index or len(kids) < 2 or not _exact(kids):
            continue
        total = by_id.loc[pid]
        groups = frozenset(kids["group"])
        if (
            total["qualifier"] == "exact"
            and pd.notna(total["value"])
            and len(groups) == len(kids)
            and int(kids["value"].sum()) == int(total["value"])
        ):
            out.append((total, groups))
    return out


def _same_date(a: str, b: str) -> bool:
    """Equal dates, one unstated, or one without its year (``--01-05``) matching the other."""
    if a == b or not a or not b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:]
    return False


def _same_entry(a: pd.Series, b: pd.Series) -> bool:
    """Same live-blog entry when the figures say which entry they are in."""
    return "entry_id" not in a.index or int(a["entry_id"]) == int(b["entry_id"])


def _family(measure: str) -> str:
    """The group vocabulary a measure belongs to ('people', 'vehicles', ...)."""
    return FAMILY_OF_MEASURE.get(measure, measure)


def derive_complements(figures: pd.DataFrame) -> pd.DataFrame:
    """Add the missing part of a total as a derived figure (rule in the module docstring).

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures with ``derived`` and ``formula`` columns (reported rows only are used).

    Returns
    -------
    pandas.DataFrame
        The figures with derived rows (``D001``...) inserted after the last part
        of their total; ``derived=True``, ``qualifier='exact'``, ``formula`` like
        ``F005 - F006``, ``quote`` the quotes it rests on joined by `` … ``.
    """
    figures = figures[~figures["derived"].astype(bool)].reset_index(drop=True)
    by_id = figures.set_index("figure_id", drop=False)
    partitions = _partitions(figures)
    additions: dict[str, dict] = {}
    n = 0
    for pid, kids in _children(figures).items():
        if pid not in by_id.index:
            continue
        total = by_id.loc[pid]
        if total["group"] != "total" or not _exact(kids) or not _exact(total.to_frame().T):
            continue
        groups = set(kids["group"])
        if len(groups) != len(kids) or groups & {"total", "other"}:
            continue
        rest = int(total["value"]) - int(kids["value"].sum())
        if rest <= 0:
            continue
        family = _family(total["measure"])
        candidates = [
            (abs(int(ref["segment_id"]) - int(total["segment_id"])), ref["figure_id"], ref, g)
            for ref, g in partitions
            if ref["figure_id"] != pid
            and _family(ref["measure"]) == family
            and ref["place"] == total["place"]
            and _same_date(ref["as_of"], total["as_of"])
            and _same_entry(ref, total)
            and groups < g
            and len(g - groups) == 1
        ]
        if candidates:
            g = min(candidates, key=lambda c: (c[0], c[1]))[3]
            group = next(iter(g - groups))
        elif len(kids) == 1:
            group = "other"
        else:
            continue
        n += 1
        parts = [total, *[k for _, k in kids.iterrows()]]
        inherited = {c: total[c] for c in figures.columns}  # e.g. entry_id, time
        inherited.update(dict.fromkeys(("source", "annotation_ids", "corrections"), ""))
        additions[kids["figure_id"].iloc[-1]] = {
            **inherited,
            "figure_id": f"D{n:03d}",
            "segment_id": int(total["segment_id"]),
            "measure": total["measure"],
            "group": group,
            "value": rest,
            "low": rest,
            "high": rest,
            "qualifier": "exact",
            "place": total["place"],
            "as_of": total["as_of"],
            "parent_id": pid,
            "quote": " … ".join(str(p["quote"]) for p in parts),
            "start": min(int(p["start"]) for p in parts),
            "end": max(int(p["end"]) for p in parts),
            "derived": True,
            "formula": " - ".join([pid, *kids["figure_id"]]),
        }
    if not additions:
        return figures
    rows = []
    for rec in figures.to_dict("records"):
        rows.append(rec)
        if rec["figure_id"] in additions:
            rows.append({c: additions[rec["figure_id"]][c] for c in figures.columns})
    out = pd.DataFrame(rows, columns=figures.columns)
    for c in figures.columns:
        out[c] = out[c].astype(figures[c].dtype)
    return out


def describe_derived(figures: pd.DataFrame) -> pd.DataFrame:
    """One *info* row per derived figure, with its formula and why it was derived.

    Parameters
    ----------
    figures : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Check rows.
    """
    by_id = figures.set_index("figure_id", drop=False)
    rows = []
    for _, d in figures[figures["derived"].astype(bool)].iterrows():
        ids = d["formula"].split(" - ")
        nums = " - ".join(
            str(_int(by_id.loc[i, "value"])) if i in by_id.index else "?" for i in ids
        )
        arithmetic = f"{nums} = {_int(d['value'])}"
        if d["group"] != "other":
            why = (
                f"the article splits the same kind of total into groups, and the parts stated "
                f"here leave out only {d['group']!r}"
            )
        else:
            why = "it is the total minus its stated part, so its group is 'other'"
        rows.append(
            _row(
                "derived",
                "derived_complement",
                [*ids, d["figure_id"]],
                f"{d['formula']}",
                arithmetic,
                "info",
                f"{_label(d)} = {d['formula']} = {arithmetic.split(' = ')[-1]} is computed by "
                f"this project, not reported: {why}. Show it as derived.",
            )
        )
    return _frame(rows)


# --- all checks ----------------------------------------------------------------------------------


def _annotation_rows(annotations: pd.DataFrame) -> pd.DataFrame:
    """Info rows for annotations that matched no figure and for corrections applied."""
    rows = []
    for _, a in annotations.iterrows():
        ids = [i for i in str(a["figures"]).split(";") if i]
        if not ids:
            rows.append(
                _row(
                    "annotation",
                    "annotation_unmatched",
                    [],
                    f"target {a['target']}",
                    "no figure",
                    "info",
                    f"Annotation {a['annotation_id']} ({a['kind']}) matches no figure in this "
                    "article, so nothing was applied.",
                )
            )
        elif a["kind"] == "correction":
            rows.append(
                _row(
                    "annotation",
                    "correction_applied",
                    ids,
                    f"{a['field']} = {a['value']}",
                    f"{len(ids)} figure(s) corrected",
                    "info",
                    f"Annotation {a['annotation_id']} sets {a['field']} to {a['value']!r} on "
                    f"{', '.join(ids)}: {a['text_en']}",
                )
            )
    return _frame(rows)


def check_figures(figures: pd.DataFrame, annotations: pd.DataFrame | None = None) -> pd.DataFrame:
    """Run every check and return the checks table.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table (reported and derived rows).
    annotations : pandas.DataFrame, optional
        Annotations table with its ``figures`` column (see
        :func:`analysis.annotations.annotations_table`).

    Returns
    -------
    pandas.DataFrame
        The ``checks`` table: ``check_id, check, code, figures, expected, found,
        status, explanation``, validated against :mod:`analysis.schemas`.
    """
    parts = [
        check_parts_against_totals(figures),
        check_subsets(figures),
        check_stated_twice(figures),
        check_repeated_text(figures),
        describe_derived(figures),
    ]
    if annotations is not None:
        parts.append(_annotation_rows(annotations))
    out = pd.concat([p for p in parts if len(p)] or [_frame([])], ignore_index=True)
    out.insert(0, "check_id", [f"C{i:03d}" for i in range(1, len(out) + 1)])
    return conform(out, "checks")
