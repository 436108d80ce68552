"""Consistency checks: interval arithmetic on parts and totals, crafted contradictions."""

from __future__ import annotations

import pandas as pd
from fixtures_figures import NA, exact, make_figures, seed_figures
from hypothesis import given
from hypothesis import strategies as st

from analysis.checks import (
    Interval,
    check_figures,
    check_parts_against_totals,
    check_repeated_text,
    check_stated_twice,
    check_subsets,
    derive_complements,
    interval_sum,
    repeated_figures,
)
from analysis.schemas import validate
from analysis.tables import figures_table


def _by_code(checks: pd.DataFrame, code: str) -> pd.DataFrame:
    return checks[checks["code"] == code]


def _one(checks: pd.DataFrame, figures: str) -> pd.Series:
    rows = checks[checks["figures"] == figures]
    assert len(rows) == 1, checks[["figures", "code"]]
    return rows.iloc[0]


# --- the seed's figures ----------------------------------------------------------------------


def test_seed_checks_statuses_and_explanations():
    checks = check_figures(figures_table(seed_figures()))
    validate(checks, "checks")
    injured = _one(checks, "F001;F002;F003")
    assert (injured["status"], injured["code"]) == ("ok", "parts_sum_holds")
    assert "137 + 53 = 190 holds" in injured["explanation"]
    vehicles = _one(checks, "F007;F008;F009;F010;F011;F012")
    assert vehicles["status"] == "ok"
    assert "16 + 7 + 2 + 7 + 1 = 33 holds" in vehicles["explanation"]
    shops = _one(checks, "F014;F015;F016;F017")
    assert (shops["status"], shops["code"]) == ("warn", "parts_exceed_approx_total")
    assert "parts exceed an approximate total by 1" in shops["explanation"]
    assert shops["found"] == "120 + (more than 100) + 80 = [301, open]"
    icu = _one(checks, "F005;F006")
    assert (icu["check"], icu["status"]) == ("subset_vs_parent", "ok")
    derived = _one(checks, "F005;F006;D001")
    assert (derived["check"], derived["status"]) == ("derived", "info")
    assert derived["found"] == "7 - 4 = 3"
    assert "not reported" in derived["explanation"]
    assert not (checks["status"] == "fail").any()
    assert list(checks["check_id"]) == [f"C{i:03d}" for i in range(1, len(checks) + 1)]


def test_approximate_total_uses_the_extractors_interval_not_a_rule_of_ours():
    # "nearly 300" read as [270, 300]: parts of at least 301 are above its high end.
    f = seed_figures()
    f.loc[f["figure_id"] == "F014", "high"] = 300
    row = _one(check_parts_against_totals(f), "F014;F015;F016;F017")
    assert row["status"] == "warn"
    assert "parts exceed an approximate total by 1" in row["explanation"]


# --- parts against totals ---------------------------------------------------------------------


def test_parts_exceeding_an_exact_total_fail():
    f = make_figures(
        [
            exact("F001", 1, "vehicles_destroyed", "total", 20),
            exact("F002", 1, "vehicles_destroyed", "bus", 15, parent="F001"),
            exact("F003", 1, "vehicles_destroyed", "car", 9, parent="F001"),
        ]
    )
    row = _one(check_parts_against_totals(f), "F001;F002;F003")
    assert (row["status"], row["code"]) == ("fail", "parts_exceed_total")
    assert "by 4" in row["explanation"]


def test_parts_short_of_total_warn_incomplete_list():
    f = make_figures(
        [
            exact("F001", 1, "businesses_affected", "total", 50),
            exact("F002", 1, "businesses_affected", "shop", 10, parent="F001"),
            exact("F003", 1, "businesses_affected", "bank", 5, parent="F001"),
        ]
    )
    row = _one(check_parts_against_totals(f), "F001;F002;F003")
    assert (row["status"], row["code"]) == ("warn", "parts_fall_short")
    assert "35 fewer" in row["explanation"]


def test_open_parts_against_exact_total_hold_when_they_can():
    f = make_figures(
        [
            exact("F001", 1, "detained", "total", 300),
            ("F002", 1, "detained", "protesters", 200, 201, NA, "more_than", "", "F001", "x"),
            exact("F003", 1, "detained", "foreigners", 20, parent="F001"),
        ]
    )
    assert _one(check_parts_against_totals(f), "F001;F002;F003")["status"] == "ok"


# --- subsets ----------------------------------------------------------------------------------


def test_subset_larger_than_exact_parent_fails_and_approx_parent_warns():
    f = make_figures(
        [
            exact("F001", 1, "killed", "total", 10),
            exact("F002", 1, "killed", "police", 12, parent="F001"),
            ("F003", 2, "detained", "total", 100, 90, 110, "approx", "", "", "about 100"),
            exact("F004", 2, "detained", "foreigners", 115, parent="F003"),
        ]
    )
    checks = check_subsets(f)
    bad = _one(checks, "F001;F002")
    assert (bad["status"], bad["code"]) == ("fail", "subset_exceeds_parent")
    assert "larger than its total" in bad["explanation"] and "by 2" in bad["explanation"]
    assert _one(checks, "F003;F004")["status"] == "warn"


def test_part_naming_a_missing_total_fails():
    f = make_figures([exact("F001", 1, "killed", "police", 3, parent="F009")])
    row = _one(check_subsets(f), "F001")
    assert (row["code"], row["status"]) == ("unknown_parent", "fail")


# --- stated twice, repeated text ----------------------------------------------------------------


def test_figure_stated_twice_with_different_values():
    f = make_figures(
        [
            exact("F001", 1, "killed", "police", 8, "Almaty", quote="eight officers died"),
            exact("F002", 5, "killed", "police", 12, "Almaty", quote="12 officers were killed"),
            ("F003", 6, "killed", "police", 8, 7, 9, "approx", "Almaty", "", "about eight"),
            exact("F004", 7, "killed", "police", 30, "Aktobe", quote="30 officers died"),
        ]
    )
    checks = check_stated_twice(f)
    assert _one(checks, "F001;F002")["status"] == "fail"
    assert _one(checks, "F002;F003")["status"] == "fail"
    assert _one(checks, "F001;F003")["status"] == "warn"
    # Another place is another claim.
    assert not checks["figures"].str.contains("F004").any()


def test_updates_with_another_date_are_not_contradictions():
    f = make_figures(
        [
            exact("F001", 1, "detained", "total", 100, quote="100 detained"),
            exact("F002", 9, "detained", "total", 500, quote="500 detained by now"),
        ]
    )
    f.loc[1, "as_of"] = "2022-01-06"
    assert check_stated_twice(f).empty


def test_same_figure_repeated_by_duplicate_text_is_caught_and_counted_once():
    f = make_figures(
        [
            exact("F001", 2, "killed", "police", 2, "Aktau", quote="two officers were killed"),
            exact("F002", 8, "killed", "police", 2, "Aktau", quote="Two officers were killed."),
            # A re-posted entry with one word changed is the same text too.
            exact("F003", 9, "killed", "police", 2, "Aktau", quote="two officers got killed"),
            # Same number in other words: a second statement, not duplicate text.
            exact("F004", 12, "killed", "police", 2, "Aktau", quote="police lost two men today"),
        ]
    )
    assert repeated_figures(f).to_dict() == {"F002": "F001", "F003": "F001"}
    rows = check_repeated_text(f)
    assert list(rows["figures"]) == ["F001;F002", "F001;F003"]
    assert set(rows["status"]) == {"info"}
    # Repeats are not also reported as a figure stated twice.
    assert check_stated_twice(f).empty


def _repeats_by_groupby(figures: pd.DataFrame) -> pd.Series:
    """``repeated_figures`` as first written, on pandas' groupby: the reference."""
    from analysis.checks import _SAME_FIGURE, _same_text

    out = {}
    if "derived" in figures:
        figures = figures[~figures["derived"].astype(bool)]
    keyed = figures.assign(**{c: figures[c].astype("string") for c in _SAME_FIGURE})
    for _, grp in keyed.groupby(_SAME_FIGURE, dropna=False, sort=False):
        firsts: list = []
        for _, row in grp.iterrows():
            match = next((f for f in firsts if _same_text(f["quote"], row["quote"])), None)
            if match is None:
                firsts.append(row)
            else:
                out[row["figure_id"]] = match["figure_id"]
    return pd.Series(out, dtype="str", name="repeats")


_QUOTES = ["two officers were killed", "Two officers were killed.", "two officers got killed", ""]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["killed", "injured"]),
            st.sampled_from(["police", "total"]),
            st.sampled_from(["Aktau", "", None]),
            st.one_of(st.none(), st.integers(1, 3)),
            st.sampled_from(_QUOTES),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_repeats_are_grouped_as_pandas_groups_them(rows):
    f = make_figures(
        [
            exact(f"F{i + 1:03d}", i + 1, m, g, v if v is not None else 2, p or "", quote=q)
            for i, (m, g, p, v, q, _) in enumerate(rows)
        ]
    )
    for i, (_, _, place, value, _, derived) in enumerate(rows):
        f.loc[i, "derived"] = derived
        if place is None:
            f.loc[i, "place"] = None
        if value is None:
            f.loc[i, ["value", "low", "high"]] = NA
    pd.testing.assert_series_equal(repeated_figures(f), _repeats_by_groupby(f))


def test_repeats_do_not_double_count_parts():
    f = make_figures(
        [
            exact("F001", 1, "injured", "total", 10),
            exact("F002", 1, "injured", "police", 6, parent="F001", quote="six police"),
            exact("F003", 1, "injured", "civilians", 4, parent="F001"),
            exact("F004", 3, "injured", "police", 6, parent="F001", quote="six police"),
        ]
    )
    assert _one(check_parts_against_totals(f), "F001;F002;F003")["status"] == "ok"


# --- derived figures --------------------------------------------------------------------------


def _with_added(f: pd.DataFrame) -> pd.DataFrame:
    return f.assign(formula="")


def test_complement_named_from_the_sibling_breakdown():
    out = derive_complements(_with_added(seed_figures()))
    d = out[out["derived"]]
    assert len(d) == 1
    row = d.iloc[0]
    assert (row["figure_id"], row["measure"], row["group"], row["value"]) == (
        "D001",
        "intensive_care",
        "civilians",
        3,
    )
    assert (row["formula"], row["parent_id"], row["qualifier"]) == ("F005 - F006", "F005", "exact")
    # Inserted right after the part it completes.
    ids = list(out["figure_id"])
    assert ids[ids.index("F006") + 1] == "D001"


def test_single_part_without_sibling_breakdown_gives_other():
    f = make_figures(
        [
            exact("F001", 1, "killed", "total", 12, "Aktobe"),
            exact("F002", 1, "killed", "police", 5, "Aktobe", parent="F001"),
        ]
    )
    row = derive_complements(_with_added(f)).iloc[-1]
    assert (row["group"], row["value"], row["formula"]) == ("other", 7, "F001 - F002")


def test_nothing_is_derived_from_approximate_or_unbalanced_figures():
    f = make_figures(
        [
            ("F001", 1, "killed", "total", 12, 11, 13, "approx", "", "", "about 12"),
            exact("F002", 1, "killed", "police", 5, parent="F001"),
            exact("F003", 2, "injured", "total", 50),
            exact("F004", 2, "injured", "police", 10, parent="F003"),
            exact("F005", 2, "injured", "children", 5, parent="F003"),
        ]
    )
    out = derive_complements(_with_added(f))
    assert not out["derived"].any()
    checks = check_figures(figures_table(f))
    assert _one(checks, "F003;F004;F005")["code"] == "parts_fall_short"


def test_derived_figures_are_not_checked_as_reported():
    table = figures_table(seed_figures())
    checks = check_figures(table)
    with_derived = checks[checks["figures"].str.contains("D001")]
    assert set(with_derived["check"]) == {"derived"}


# --- interval arithmetic properties ---------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10_000)


@given(st.lists(st.tuples(counts, counts, st.booleans()), min_size=1, max_size=8))
def test_interval_sum_bounds(parts):
    intervals = [Interval(min(a, b), None if open_ else max(a, b)) for a, b, open_ in parts]
    total = interval_sum(intervals)
    assert total.low == sum(i.low for i in intervals)
    if any(i.high is None for i in intervals):
        assert total.high is None
    else:
        assert total.high == sum(i.high for i in intervals) >= total.low


@given(
    st.lists(st.integers(min_value=1, max_value=500), min_size=2, max_size=5),
    st.integers(min_value=-3, max_value=3),
)
def test_exact_breakdowns_hold_only_when_they_add_up(values, delta):
    groups = ["police_car", "ambulance", "fire_engine", "truck", "bus"]
    total = sum(values) + delta
    rows = [exact("F001", 1, "vehicles_destroyed", "total", total)]
    rows += [
        exact(f"F{i + 2:03d}", 1, "vehicles_destroyed", g, v, parent="F001")
        for i, (g, v) in enumerate(zip(groups, values, strict=False))
    ]
    row = check_parts_against_totals(make_figures(rows)).iloc[0]
    expected = {0: "ok", 1: "warn", 2: "warn", 3: "warn", -1: "fail", -2: "fail", -3: "fail"}
    assert row["status"] == expected[delta]
    assert row["code"] == {0: "parts_sum_holds"}.get(
        delta, "parts_fall_short" if delta > 0 else "parts_exceed_total"
    )


def test_sibling_breakdown_is_found_across_unstated_or_yearless_dates():
    f = seed_figures()
    f.loc[f["figure_id"].isin(["F001", "F002", "F003"]), "as_of"] = "--01-05"
    f.loc[f["figure_id"].isin(["F005", "F006"]), "as_of"] = "2022-01-05"
    out = derive_complements(_with_added(f))
    assert list(out.loc[out["derived"], "group"]) == ["civilians"]
    # Another month is another event: the complement is only "other".
    f.loc[f["figure_id"].isin(["F001", "F002", "F003"]), "as_of"] = "--02-05"
    out = derive_complements(_with_added(f))
    assert list(out.loc[out["derived"], "group"]) == ["other"]


def test_numbers_of_different_undated_statements_are_no_contradiction():
    # "3 died" in one sentence and "5 died" in another, no date: maybe two accidents.
    f = make_figures(
        [
            exact("F001", 1, "killed", "total", 3, quote="three died"),
            exact("F002", 4, "killed", "total", 5, quote="five died"),
        ],
        as_of="",
    )
    (row,) = check_stated_twice(f).itertuples()
    assert (row.code, row.status) == ("stated_twice_separate", "warn")
    assert "different statements" in row.explanation and "segment 1" in row.explanation
