"""Tidy tables and annotations on small hand-made figures frames."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from fixtures_figures import exact, make_figures, seed_figures
from pandas.testing import assert_frame_equal

from analysis import config
from analysis.annotations import (
    ANNOTATION_FILE_COLUMNS,
    annotations_table,
    match_target,
    read_annotations,
)
from analysis.schemas import validate
from analysis.sources import InputError, metadata
from analysis.tables import (
    buildings_table,
    businesses_table,
    crowds_table,
    figures_table,
    injuries_table,
    vehicles_table,
)


def _expected(rows: list[dict], *dims: str) -> pd.DataFrame:
    """An expected breakdown frame with the published dtypes, written out by hand."""
    cols = ["figure_id", "place", "as_of", *dims, "value", "low", "high", "qualifier"]
    cols += ["parent_id", "derived", "formula", "source"]
    df = pd.DataFrame(rows, columns=cols)
    for c in cols:
        if c in ("value", "low", "high"):
            df[c] = df[c].astype("Int64")
        elif c == "derived":
            df[c] = df[c].astype(bool)
        else:
            df[c] = df[c].astype("str")
    return df


def _r(
    fid, dims, n, lo, hi, q="exact", parent="", derived=False, formula="", place="almaty", as_of=""
):
    """One expected row; ``dims`` maps the table's dimension columns to values."""
    return {
        "figure_id": fid,
        "place": place,
        "as_of": as_of,
        **dims,
        "value": n,
        "low": lo,
        "high": hi,
        "qualifier": q,
        "parent_id": parent,
        "derived": derived,
        "formula": formula,
        "source": "",
    }


DAY = "2022-01-05"


def _inj(status, group):
    return {"status": status, "group": group}


def test_injuries_table_long_format_with_derived_row():
    got = injuries_table(seed_figures())
    want = _expected(
        [
            _r("F001", _inj("injured", "total"), 190, 190, 190, as_of="2022-01-05"),
            _r("F002", _inj("injured", "police"), 137, 137, 137, "exact", "F001", as_of=DAY),
            _r("F003", _inj("injured", "civilians"), 53, 53, 53, "exact", "F001", as_of=DAY),
            _r("F004", _inj("hospitalized", "total"), 40, 40, 40),
            _r("F005", _inj("intensive_care", "total"), 7, 7, 7),
            _r("F006", _inj("intensive_care", "police"), 4, 4, 4, parent="F005"),
            _r(
                "D001",
                _inj("intensive_care", "civilians"),
                3,
                3,
                3,
                parent="F005",
                derived=True,
                formula="F005 - F006",
            ),
        ],
        "status",
        "group",
    )
    assert_frame_equal(got, want)


def test_vehicles_businesses_buildings_crowds_tables():
    f = figures_table(seed_figures())
    v = "vehicle_type"
    want = _expected(
        [
            _r("F007", {v: "total"}, 33, 33, 33),
            _r("F008", {v: "police_car"}, 16, 16, 16, parent="F007"),
            _r("F009", {v: "ambulance"}, 7, 7, 7, parent="F007"),
            _r("F010", {v: "fire_engine"}, 2, 2, 2, parent="F007"),
            _r("F011", {v: "truck"}, 7, 7, 7, parent="F007"),
            _r("F012", {v: "fuel_tanker"}, 1, 1, 1, parent="F007"),
        ],
        v,
    )
    assert_frame_equal(vehicles_table(f), want)

    b = "business_type"
    want = _expected(
        [
            _r("F014", {b: "total"}, 300, 270, 330, q="approx"),
            _r("F015", {b: "shop"}, 120, 120, 120, parent="F014"),
            _r("F016", {b: "office"}, 100, 101, pd.NA, "more_than", "F014"),
            _r("F017", {b: "catering"}, 80, 80, 80, parent="F014"),
        ],
        b,
    )
    assert_frame_equal(businesses_table(f), want)

    want = _expected([_r("F013", {"building_type": "police_post"}, 2, 2, 2)], "building_type")
    assert_frame_equal(buildings_table(f), want)

    want = _expected(
        [_r("F018", {"group": "total"}, 1000, 2000, 9000, q="several", place="pavlodar")], "group"
    )
    assert_frame_equal(crowds_table(f), want)


def test_tables_count_duplicate_text_once_but_figures_keep_every_reading():
    f = make_figures(
        [
            exact("F001", 1, "vehicles_destroyed", "bus", 4, quote="four buses burned"),
            exact("F002", 7, "vehicles_destroyed", "bus", 4, quote="Four buses burned."),
        ]
    )
    assert list(vehicles_table(f)["figure_id"]) == ["F001"]
    assert list(figures_table(f)["figure_id"]) == ["F001", "F002"]


def test_empty_figures_give_empty_valid_tables():
    f = make_figures([])
    for fn, name in [(injuries_table, "injuries"), (crowds_table, "crowds")]:
        out = fn(f)
        assert out.empty
        validate(out, name)


def test_malformed_extractor_output_fails_where_the_table_is_made():
    f = seed_figures()
    with pytest.raises(pa.errors.SchemaError, match="lack columns"):
        figures_table(f.drop(columns="qualifier"))
    bad = f.copy()
    bad.loc[0, "qualifier"] = "roughly"
    with pytest.raises(pa.errors.SchemaError, match="figures"):
        figures_table(bad)
    worse = f.copy()
    worse.loc[0, "low"] = 500
    with pytest.raises(pa.errors.SchemaError, match="low <= high"):
        injuries_table(worse)


# --- annotations ------------------------------------------------------------------------------


def _annotations(rows: list[dict]) -> pd.DataFrame:
    base = dict.fromkeys(ANNOTATION_FILE_COLUMNS, "")
    base.update(story="s", added_by="test", added_on="2026-01-01", text_en="note")
    return pd.DataFrame([{**base, **r} for r in rows], columns=ANNOTATION_FILE_COLUMNS)


def test_annotations_attribute_correct_and_note_without_touching_quotes():
    ann = _annotations(
        [
            {
                "annotation_id": "A001",
                "target": "measure=injured|intensive_care",
                "kind": "attribution",
                "text_en": "City health department",
            },
            {
                "annotation_id": "A002",
                "target": "measure=hospitalized|intensive_care;as_of=",
                "kind": "correction",
                "field": "as_of",
                "value": "2022-01-05",
            },
            {"annotation_id": "A003", "target": "measure=crowd_size", "kind": "caveat"},
            {"annotation_id": "A004", "target": "measure=killed", "kind": "note"},
            {
                "annotation_id": "A005",
                "target": "measure=hospitalized;value=40",
                "kind": "correction",
                "field": "value",
                "value": "41",
            },
        ]
    )
    raw = seed_figures()
    f = figures_table(raw, ann)
    by_id = f.set_index("figure_id")
    assert by_id.loc["F001", "source"] == "City health department"
    assert by_id.loc["D001", "source"] == "City health department"
    assert by_id.loc["F004", "source"] == ""
    assert by_id.loc["F005", "as_of"] == "2022-01-05"
    assert by_id.loc["F005", "corrections"] == "as_of: '' -> '2022-01-05' (A002)"
    assert by_id.loc["F005", "annotation_ids"] == "A001;A002"
    assert by_id.loc["F001", "annotation_ids"] == "A001"
    assert (by_id.loc["F004", ["value", "low", "high"]] == 41).all()
    assert "value: '40' -> '41' (A005)" in by_id.loc["F004", "corrections"]
    assert by_id.loc["F018", "annotation_ids"] == "A003"
    # Evidence is never rewritten.
    assert list(f.loc[~f["derived"], "quote"]) == list(raw["quote"])
    table = annotations_table(ann, f).set_index("annotation_id")
    assert table.loc["A002", "figures"] == "F004;F005;F006"
    assert table.loc["A004", "figures"] == ""
    # Tables built from the annotated figures carry the corrected date and the source.
    inj = injuries_table(f)
    assert set(inj["as_of"]) == {"2022-01-05"}
    assert set(inj.loc[inj["status"] == "injured", "source"]) == {"City health department"}


def test_selectors_match_on_values_not_numbering():
    f = figures_table(seed_figures())
    assert list(f.loc[match_target(f, "measure=injured;group=police|civilians"), "figure_id"]) == [
        "F002",
        "F003",
    ]
    assert match_target(f, "value=33;measure=vehicles_destroyed").sum() == 1
    assert match_target(f, "derived=true")[f["figure_id"] == "D001"].all()
    with pytest.raises(InputError, match="no column 'colour'"):
        match_target(f, "colour=red")


def test_correction_with_a_bad_value_is_one_clear_error():
    ann = _annotations(
        [
            {
                "annotation_id": "A001",
                "target": "measure=injured;group=total",
                "kind": "correction",
                "field": "value",
                "value": "many",
            }
        ]
    )
    with pytest.raises(InputError, match="A001: value must be a whole number"):
        figures_table(seed_figures(), ann)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A001,s,measure=x,opinion,,,t,,,,me,2026-01-01", "kind 'opinion'"),
        ("A001,s,measure,note,,,t,,,,me,2026-01-01", "not column=value"),
        ("A001,s,measure=x,correction,quote,new,t,,,,me,2026-01-01", "must name a field"),
        ("A001,s,,note,,,t,,,,me,2026-01-01", "empty target"),
    ],
)
def test_bad_annotation_rows_are_refused(tmp_path, row, message):
    path = tmp_path / "annotations.csv"
    path.write_text(",".join(ANNOTATION_FILE_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_annotations(path)


def test_annotation_file_needs_its_columns_and_unique_ids(tmp_path):
    path = tmp_path / "annotations.csv"
    path.write_text("annotation_id,target\nA001,measure=x\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_annotations(path)
    line = "A001,s,measure=x,note,,,t,,,,me,2026-01-01"
    path.write_text(",".join(ANNOTATION_FILE_COLUMNS) + f"\n{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match="used twice"):
        read_annotations(path)
    assert read_annotations(tmp_path / "none.csv").empty


def test_the_projects_annotations_file_parses_and_belongs_to_the_seed():
    story = metadata(config.SEED_RAW)["story"]
    ann = read_annotations(config.ANNOTATIONS)
    assert len(ann) and set(ann["story"]) == {story}
    assert (ann["text_en"] != "").all() and (ann["text_ru"] != "").all()
    assert (ann["text_ky"] != "").all()
    table = annotations_table(ann, figures_table(seed_figures(), ann))
    validate(table, "annotations")
    # On the fixture mirroring the seed every note finds its figures.
    assert (table["figures"] != "").all(), table[["annotation_id", "figures"]]
