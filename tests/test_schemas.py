"""The schema module: one definition rendered as pandera, Frictionless, SQLite and docs."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from fixtures_figures import seed_figures

from analysis.schemas import (
    MEASURES,
    QUALIFIERS,
    TABLES,
    conform,
    data_dictionary_markdown,
    frictionless_schema,
    infer_table,
    pandera_schema,
    sqlite_columns,
    validate,
)
from analysis.tables import figures_table


def test_every_table_has_a_unique_primary_key_among_its_columns():
    for spec in TABLES.values():
        assert spec.primary_key and set(spec.primary_key) <= set(spec.names), spec.name
        assert len(spec.names) == len(set(spec.names)), spec.name
        for col, ref, ref_col in spec.foreign_keys:
            assert col in spec.names and ref_col in TABLES[ref].names


def test_conform_casts_orders_and_drops_extra_columns():
    raw = figures_table(seed_figures())
    shuffled = raw[list(reversed(raw.columns))].assign(extra=1)
    shuffled["value"] = shuffled["value"].astype("float64")
    out = conform(shuffled, "figures")
    assert list(out.columns) == TABLES["figures"].names
    assert str(out["value"].dtype) == "Int64"
    pd.testing.assert_frame_equal(out, raw)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("qualifier", "roughly", "qualifier"),
        ("measure", "sheep", "measure"),
        ("figure_id", "X1", "figure_id"),
        ("quote", None, None),  # empty quote is allowed (derived rows)
        ("start", -1, "start"),
    ],
)
def test_schema_violations_fail_loudly_naming_the_table(column, value, message):
    f = figures_table(seed_figures())
    f.loc[0, column] = value
    if message is None:
        conform(f, "figures")
        return
    with pytest.raises(pa.errors.SchemaError, match=f"table 'figures'.*{message}"):
        conform(f, "figures")


def test_duplicate_keys_and_missing_columns_are_refused():
    f = figures_table(seed_figures())
    with pytest.raises(pa.errors.SchemaError):
        validate(pd.concat([f, f.iloc[:1]], ignore_index=True), "figures")
    with pytest.raises(pa.errors.SchemaError, match="missing columns"):
        conform(f.drop(columns="quote"), "figures")


def test_pandera_schema_is_strict_and_ordered():
    schema = pandera_schema("checks")
    assert schema.strict is True and schema.ordered is True
    assert list(schema.columns) == TABLES["checks"].names


def test_frictionless_schema_mirrors_the_spec():
    schema = frictionless_schema("figures")
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == TABLES["figures"].names
    assert fields["qualifier"]["constraints"]["enum"] == list(QUALIFIERS)
    assert fields["measure"]["constraints"]["enum"] == list(MEASURES)
    assert fields["high"]["type"] == "integer" and "required" not in fields["high"].get(
        "constraints", {}
    )
    assert fields["derived"]["type"] == "boolean"
    assert schema["primaryKey"] == ["figure_id"]
    inj = frictionless_schema("injuries")
    assert inj["foreignKeys"] == [
        {"fields": "figure_id", "reference": {"resource": "figures", "fields": "figure_id"}}
    ]


def test_sqlite_columns_cover_every_column():
    for name, spec in TABLES.items():
        assert list(sqlite_columns(name)) == spec.names


def test_data_dictionary_documents_every_column_of_every_table():
    md = data_dictionary_markdown()
    for spec in TABLES.values():
        assert f"### `{spec.name}`" in md
        for c in spec.columns:
            assert f"| `{c.name}` |" in md
            assert c.description.replace("|", "\\|") in md


def test_timeline_schema_matches_the_timeline_stage():
    timeline = pytest.importorskip("analysis.timeline")
    assert TABLES["timeline"].names == list(timeline.COLUMNS)


def test_infer_table_for_tables_defined_elsewhere():
    frame = pd.DataFrame(
        {"id": [1, 2], "name": ["a", "b"], "share": [0.5, 0.25], "ok": [True, False]}
    )
    spec = infer_table("extra", frame)
    assert [c.kind for c in spec.columns] == ["integer", "string", "number?", "boolean"]
    assert spec.primary_key == ("id",)


def test_vocabulary_matches_the_extractor():
    figures = pytest.importorskip("analysis.figures")
    assert set(figures.MEASURES) <= set(MEASURES)
    assert list(figures.QUALIFIERS) == list(QUALIFIERS)
    # Every (class, group) the extractor's lexicon can produce is allowed by the schemas.
    from analysis.lexicon import load_lexicon
    from analysis.schemas import GROUPS_OF_FAMILY

    pairs = set(load_lexicon().noun_label.values())
    assert {p for p in pairs if p[1] not in GROUPS_OF_FAMILY.get(p[0], ())} == set()


def _seed_tables() -> dict:
    from analysis import config
    from analysis.annotations import read_annotations
    from analysis.article import read_article
    from analysis.tables import build_tables

    article = read_article(config.SEED_RAW)
    notes = read_annotations(article.annotations_path, story=article.story)
    return build_tables(article.text, notes, meta=article.meta)


def test_the_plain_check_passes_what_pandera_passes_on_every_published_table():
    from analysis.schemas import _plainly_valid

    tables = _seed_tables()
    assert len(tables) >= 10
    for name, frame in tables.items():
        if name not in TABLES:
            continue
        assert _plainly_valid(frame, TABLES[name]), name  # pandera not needed in a build
        checked = pandera_schema(name).validate(frame)
        pd.testing.assert_frame_equal(validate(frame, name), checked)
        assert validate(frame, name) is not frame  # a copy, as pandera returns


def _broken(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    f = frame.copy()
    if name == "reordered":
        return f[list(reversed(f.columns))]
    if name == "extra column":
        return f.assign(extra=1)
    if name == "float value":
        f["value"] = f["value"].astype("float64")
    elif name == "missing segment":
        f["segment_id"] = f["segment_id"].astype("Int64")
        f.loc[0, "segment_id"] = None
    elif name == "unknown measure":
        f.loc[0, "measure"] = "sheep"
    elif name == "bad id":
        f.loc[0, "figure_id"] = "X1"
    elif name == "id with a line break":
        f.loc[0, "figure_id"] = "F001\n"
    elif name == "id in other digits":
        f.loc[0, "figure_id"] = "F\u0661\u0662\u0663"
    elif name == "negative start":
        f.loc[0, "start"] = -1
    elif name == "start after end":
        f.loc[0, "start"] = int(f.loc[0, "end"]) + 1
    elif name == "low above high":
        f.loc[0, "low"], f.loc[0, "high"] = 9, 1
    elif name == "duplicate key":
        f = pd.concat([f, f.iloc[:1]], ignore_index=True)
    elif name == "number as text":
        f["quote"] = f["quote"].astype(object)
        f.loc[0, "quote"] = 3
    return f


@pytest.mark.parametrize(
    "case",
    [
        "reordered",
        "extra column",
        "float value",
        "missing segment",
        "unknown measure",
        "bad id",
        "id with a line break",
        "id in other digits",
        "negative start",
        "start after end",
        "low above high",
        "duplicate key",
        "number as text",
    ],
)
def test_the_plain_check_leaves_every_doubtful_frame_to_pandera(case):
    from analysis.schemas import _plainly_valid

    frame = _broken(case, figures_table(seed_figures()))
    assert not _plainly_valid(frame, TABLES["figures"])
    try:
        expected = pandera_schema("figures").validate(frame)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        # the error pandera gives (SchemaError with the table's name, as before)
        message = (
            "table 'figures' breaks its schema" if type(exc) is pa.errors.SchemaError else None
        )
        with pytest.raises(type(exc), match=message):
            validate(frame, "figures")
    else:  # what pandera lets through (digits of another script), validate lets through
        pd.testing.assert_frame_equal(validate(frame, "figures"), expected)
