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
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.figures import extract_figures
from analysis.publish import publish
from analysis.schemas import as_integers
from analysis.tables import build_tables, injuries_table

BIG = 9_007_199_254_740_993  # 2**53 + 1: the first integer a float64 cannot hold
# Counts above 10**15 are no figure of the extractor ("too_large"); huge exact values still
# reach the tables from a reporter's `addition` annotation or another tool's figures, and
# must stay exact there.
TEXT = (
    f"Бишкекте {BIG} адам жаракат алды, алардын ичинен {BIG - 1} милиция кызматкери "
    "жана 1 жай тургун.\n"
    f"Ошто {BIG}төн ашык адам кармалды.\n"
)
NOTES = (
    "annotation_id,story,target,kind,field,value,text_en,text_ru,text_ky,source,added_by,added_on\n"
    f"A001,big,measure=injured;group=total;value={BIG};qualifier=exact,addition,quote,"
    f"{BIG} адам жаракат алды,huge,,,,desk,2026-12-01\n"
    f"A002,big,measure=injured;group=police;value={BIG - 1};qualifier=exact;parent_id=M001,"
    f"addition,quote,{BIG - 1} милиция кызматкери,huge part,,,,desk,2026-12-01\n"
    f"A003,big,measure=injured;group=civilians;value=1;qualifier=exact;parent_id=M001,"
    f"addition,quote,1 жай тургун,small part,,,,desk,2026-12-01\n"
    f"A004,big,measure=detained;group=total;value={BIG};qualifier=more_than,addition,quote,"
    f"{BIG}төн ашык адам кармалды,open,,,,desk,2026-12-01\n"
)


def _notes(text: str = NOTES) -> pd.DataFrame:
    from analysis.annotations import read_annotations

    path = Path(tempfile.mkdtemp()) / "annotations.csv"
    path.write_text(text, encoding="utf-8")
    return read_annotations(path)


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


def test_extractor_reads_counts_beyond_its_bound_as_too_large():
    from analysis.figures import numbers_table

    assert extract_figures(TEXT).empty
    numbers = numbers_table(TEXT)
    assert set(numbers.loc[numbers["value"] > 10**15, "reason"]) == {"too_large"}
    f = extract_figures("Бишкекте 1000000000000000 адам жаракат алды.")
    assert f["value"].tolist() == [10**15] and str(f["value"].dtype) == "Int64"


def test_tables_and_checks_keep_huge_values_exact():
    tables = build_tables(TEXT, _notes())
    figures = tables["figures"]
    for name in ("figures", "injuries"):
        for c in ("value", "low", "high"):
            assert str(tables[name][c].dtype) == "Int64", (name, c)
    total = figures[(figures["measure"] == "injured") & (figures["group"] == "total")].iloc[0]
    assert (total["value"], total["low"], total["high"]) == (BIG, BIG, BIG)
    more = figures[figures["qualifier"] == "more_than"].iloc[0]
    assert (more["value"], more["low"], more["high"]) == (BIG, BIG + 1, pd.NA)
    assert figures["high"].isna().sum() == 1
    assert injuries_table(figures)["high"].max() == BIG
    parts = tables["checks"][tables["checks"]["check"] == "parts_vs_total"].iloc[0]
    assert parts["status"] == "ok"
    assert f"{BIG - 1} + 1 = [{BIG}, {BIG}]" in parts["found"]


def test_checks_see_an_error_of_one_above_2_to_53():
    # In floats BIG - 1 + 1 == BIG - 1 + 2; exact arithmetic tells them apart.
    # the reporter writes the total one lower than its exact parts add up to
    total = f"value={BIG};qualifier=exact,addition"
    notes = NOTES.replace(total, f"value={BIG - 1};qualifier=exact,addition")
    checks = build_tables(TEXT, _notes(notes))["checks"]
    parts = checks[checks["check"] == "parts_vs_total"].iloc[0]
    assert parts["status"] == "fail", parts["explanation"]
    assert "by 1" in parts["explanation"]


def test_publish_writes_huge_and_open_values_exactly(tmp_path):
    raw = tmp_path / "big.txt"
    raw.write_text(TEXT, encoding="utf-8")
    (tmp_path / "annotations.csv").write_text(NOTES, encoding="utf-8")
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
