"""Counts stay exact integers end to end: extractor, tables, checks, CSV, data package, SQLite.

Above 2**53 a float cannot hold every integer (9007199254740993 becomes 9007199254740992), so
any step that lets a column go through ``float64`` breaks ``low <= value <= high``. These
tests push such counts, with open upper bounds beside them, through every stage.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import numpy as np
import pandas as pd
import pytest

from analysis.checks import check_figures
from analysis.figures import extract_figures
from analysis.publish import publish
from analysis.schemas import as_integers
from analysis.tables import build_tables, figures_table, injuries_table

BIG = 9_007_199_254_740_993  # 2**53 + 1: the first integer a float64 cannot hold
TEXT = (
    f"Бишкекте {BIG} адам жаракат алды, алардын ичинен {BIG - 1} милиция кызматкери "
    "жана 1 жай тургун.\n"
    f"Ошто {BIG}төн ашык адам кармалды.\n"
)


def test_as_integers_is_exact_and_nullable():
    got = as_integers(pd.Series([BIG, None, "12", 7.0, np.int64(3), pd.NA, ""], dtype=object))
    assert str(got.dtype) == "Int64"
    assert got.tolist() == [BIG, pd.NA, 12, 7, 3, pd.NA, pd.NA]
    assert as_integers([1, 2], nullable=False).dtype == "int64"
    with pytest.raises(ValueError):
        as_integers(["1.5"])
    with pytest.raises(ValueError):
        as_integers([2.0**60])  # a float that large may already be rounded
    with pytest.raises(ValueError):
        as_integers([1, None], nullable=False)


def test_extractor_keeps_huge_values_exact_beside_open_ones():
    f = extract_figures(TEXT)
    assert [str(f[c].dtype) for c in ("value", "low", "high")] == ["Int64"] * 3
    exact = f[f["qualifier"] == "exact"]
    assert exact[["value", "low", "high"]].iloc[0].tolist() == [BIG, BIG, BIG]
    more = f[f["qualifier"] == "more_than"].iloc[0]
    assert (more["value"], more["low"], more["high"]) == (BIG, BIG + 1, pd.NA)


def test_tables_and_checks_keep_huge_values_exact():
    tables = build_tables(TEXT)
    figures = tables["figures"]
    for name in ("figures", "injuries"):
        for c in ("value", "low", "high"):
            assert str(tables[name][c].dtype) == "Int64", (name, c)
    total = figures[(figures["measure"] == "injured") & (figures["group"] == "total")].iloc[0]
    assert (total["value"], total["low"], total["high"]) == (BIG, BIG, BIG)
    assert figures["high"].isna().sum() == 1
    assert injuries_table(figures)["high"].max() == BIG
    parts = tables["checks"][tables["checks"]["check"] == "parts_vs_total"].iloc[0]
    assert parts["status"] == "ok"
    assert f"{BIG - 1} + 1 = [{BIG}, {BIG}]" in parts["found"]


def test_checks_see_an_error_of_one_above_2_to_53():
    # In floats BIG - 1 + 1 == BIG - 1 + 2; exact arithmetic tells them apart.
    text = (
        f"Бишкекте {BIG - 1} адам жаракат алды, алардын ичинен {BIG - 1} милиция кызматкери "
        "жана 1 жай тургун.\n"
    )
    checks = check_figures(figures_table(extract_figures(text)))
    parts = checks[checks["check"] == "parts_vs_total"].iloc[0]
    assert parts["status"] == "fail", parts["explanation"]
    assert "by 1" in parts["explanation"]


def test_publish_writes_huge_and_open_values_exactly(tmp_path):
    raw = tmp_path / "big.txt"
    raw.write_text(TEXT, encoding="utf-8")
    out = publish(raw, tmp_path / "out")

    rows = list(csv.DictReader(io.StringIO((out / "figures.csv").read_text(encoding="utf-8"))))
    total = next(r for r in rows if (r["measure"], r["group"]) == ("injured", "total"))
    more = next(r for r in rows if r["qualifier"] == "more_than")
    assert [total[c] for c in ("value", "low", "high")] == [str(BIG)] * 3
    assert [more[c] for c in ("value", "low", "high")] == [
        str(BIG),
        str(BIG + 1),
        "",
    ]
    assert not any("." in r[c] or "e+" in r[c] for r in rows for c in ("value", "low", "high"))

    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        f["name"]: f["type"]
        for res in package["resources"]
        if res["name"] == "figures"
        for f in res["schema"]["fields"]
    }
    assert fields["value"] == fields["low"] == fields["high"] == "integer"

    db = sqlite3.connect(out / "big.db")
    try:
        got = db.execute(
            "select value, low, high, typeof(value), typeof(high) from figures order by figure_id"
        ).fetchall()
    finally:
        db.close()
    assert (BIG, BIG, BIG, "integer", "integer") in got
    assert (BIG, BIG + 1, None, "integer", "null") in got
