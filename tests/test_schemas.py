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
