"""Publication: deterministic CSVs, a valid Frictionless package, a searchable SQLite db."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import types

import frictionless
import pytest
from fixtures_figures import seed_figures

import analysis.figures as _real_figures
from analysis import config
from analysis.publish import publish
from analysis.schemas import TABLES
from analysis.sources import InputError

TABLE_NAMES = ["figures", "injuries", "vehicles", "businesses", "buildings", "crowds", "checks"]
RAW_TEXT = "Шаарда 190 адам жаракат алган.\n14:30 Аянтка бир нече миң адам чогулду.\n"
NOTES = (
    "annotation_id,story,target,kind,field,value,text_en,text_ru,text_ky,source,added_by,added_on\n"
    "A001,test-story,measure=injured,attribution,,,City health department,Горздрав,"
    "Шаардык саламаттык,statement,test,2026-01-01\n"
    "A002,other-story,measure=injured,note,,,Not ours,,,,test,2026-01-01\n"
)


@pytest.fixture
def fake_extractor(monkeypatch):
    """Stand in for analysis.figures (the seed's figures, whatever text is given)."""
    module = types.ModuleType("analysis.figures")
    module.extract_figures = lambda text, **kwargs: seed_figures()
    module.read_segments = lambda segments, **kwargs: (
        seed_figures(),
        _real_figures.numbers_from_segments(segments.iloc[0:0], **kwargs),
    )
    monkeypatch.setitem(__import__("sys").modules, "analysis.figures", module)
    return module


@pytest.fixture
def raw(tmp_path):
    """A small raw article with metadata and annotations beside it."""
    folder = tmp_path / "raw"
    folder.mkdir()
    path = folder / "test-article.txt"
    path.write_text(RAW_TEXT, encoding="utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    meta = {
        "story": "test-story",
        "sha256": sha,
        "publisher": "Test Media",
        "published": "2022-01-05",
    }
    (folder / "test-article.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "annotations.csv").write_text(NOTES, encoding="utf-8")
    return path


def test_publish_writes_every_table_deterministically(fake_extractor, raw, tmp_path):
    a = publish(raw, tmp_path / "a")
    b = publish(raw, tmp_path / "b")
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in [*TABLE_NAMES, "annotations"]:
        assert f"{name}.csv" in names
    assert "datapackage.json" in names and "test-story.db" in names
    for name in names:
        if name.endswith((".csv", ".json")):
            assert (a / name).read_bytes() == (b / name).read_bytes(), name
    # Rebuilding into the same folder replaces the files with identical ones.
    before = (a / "figures.csv").read_bytes()
    publish(raw, a)
    assert (a / "figures.csv").read_bytes() == before
    assert not list(tmp_path.glob(".tmp-*"))


def test_csvs_follow_the_schemas_and_carry_annotations(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    with (out / "figures.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == TABLES["figures"].names
    by_id = {r["figure_id"]: r for r in rows}
    assert by_id["F001"]["source"] == "City health department"
    assert by_id["D001"]["derived"] == "true" and by_id["D001"]["formula"] == "F005 - F006"
    assert by_id["F016"]["high"] == ""  # open upper bound
    with (out / "annotations.csv").open(encoding="utf-8", newline="") as fh:
        notes = list(csv.DictReader(fh))
    assert [n["annotation_id"] for n in notes] == ["A001"]  # other stories' notes stay out
    text = (out / "checks.csv").read_text(encoding="utf-8")
    assert "parts exceed an approximate total by 1" in text


def test_datapackage_validates_and_records_its_source(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["name"] == "test-story"
    assert pkg["licenses"] and pkg["licenses"][0]["name"]
    (source,) = pkg["sources"]
    assert source["sha256"] == hashlib.sha256(raw.read_bytes()).hexdigest()
    assert source["path"].endswith("test-article.txt")
    resources = {r["name"]: r for r in pkg["resources"]}
    assert set(TABLE_NAMES) <= set(resources)
    assert [f["name"] for f in resources["checks"]["schema"]["fields"]] == TABLES["checks"].names


def test_package_validation_catches_a_value_outside_the_schema(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for r in pkg["resources"]:
        r.pop("hash"), r.pop("bytes")  # so that only the schema can object
    (out / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    path = out / "vehicles.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",truck,", ",tank,"), "utf-8")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert not report.valid
    assert "constraint-error" in {e.type for t in report.tasks for e in t.errors}


def test_package_validation_catches_a_changed_file(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    path = out / "vehicles.csv"
    # A valid value of the same length: only the recorded sha256 can tell.
    path.write_bytes(path.read_bytes().replace(b",truck,", b",other,"))
    report = frictionless.validate(str(out / "datapackage.json"))
    assert not report.valid
    assert "hash-count" in {e.type for t in report.tasks for e in t.errors}


def test_database_opens_and_answers_a_full_text_query(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    db = sqlite3.connect(out / "test-story.db")
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        assert set(TABLE_NAMES) | {"annotations", "data_dictionary", "figures_fts"} <= tables
        hits = db.execute(
            "select f.figure_id from figures f join figures_fts s on s.rowid = f.rowid "
            "where figures_fts match ? order by f.figure_id",
            ["offices"],
        ).fetchall()
        assert hits == [("F016",)]
        n_csv = len((out / "figures.csv").read_text(encoding="utf-8").splitlines()) - 1
        assert db.execute("select count(*) from figures").fetchone()[0] == n_csv
        row = db.execute("select derived, high from figures where figure_id = 'F016'").fetchone()
        assert row == (0, None)
    finally:
        db.close()
    # Same contents on a second build.
    again = publish(raw, tmp_path / "again")
    dumps = []
    for folder in (out, again):
        con = sqlite3.connect(folder / "test-story.db")
        dumps.append("\n".join(con.iterdump()))
        con.close()
    assert dumps[0] == dumps[1]


def test_bad_annotations_stop_publication_and_leave_outputs_alone(fake_extractor, raw, tmp_path):
    out = publish(raw, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (raw.parent / "annotations.csv").write_text(
        NOTES.replace("attribution", "rumour"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="kind 'rumour'"):
        publish(raw, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_publish_runs_on_the_seed_article(tmp_path):
    pytest.importorskip("analysis.figures")
    out = publish(config.SEED_RAW, tmp_path / "out")
    assert frictionless.validate(str(out / "datapackage.json")).valid
    with (out / "checks.csv").open(encoding="utf-8", newline="") as fh:
        checks = list(csv.DictReader(fh))
    assert not [c for c in checks if c["status"] == "fail"], checks
    assert any("parts exceed an approximate total by 1" in c["explanation"] for c in checks)
    assert (out / "timeline.csv").exists() and (out / "kazakhstan-unrest-2022-01-05.db").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(tmp_path):
    import pandas as pd

    from analysis.publish import table_csv

    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x")', "+1", "-2 адам", "@SUM(A1)", "\tx", "Абал", ""],
            "n": pd.array([1, -2, None, 4, 5, 6, 7], dtype="Int64"),
        }
    )
    rows = table_csv(frame).decode("utf-8").splitlines()
    assert rows == [
        "text,n",
        '"\'=HYPERLINK(""http://x"")",1',
        "'+1,-2",
        "'-2 адам,",
        "'@SUM(A1),4",
        "'\tx,5",
        "Абал,6",
        ",7",
    ]


def test_published_csvs_never_start_a_cell_with_a_formula(tmp_path):
    import csv
    import io

    raw = tmp_path / "evil.txt"
    raw.write_text(
        "=SUM(1) Бишкекте 12 адам жаракат алды.\n"
        "14:30 Ошто шаарында митинг башталды\n=HYPERLINK(1) аянтка 300дөй адам чогулду.\n",
        encoding="utf-8",
    )
    out = publish(raw, tmp_path / "out")
    cells = [
        cell
        for path in out.glob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        for cell in row
    ]
    assert any(c.startswith("'=HYPERLINK(1) аянтка") for c in cells)  # a timeline text
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert not [c for c in cells if c.startswith("-") and not c[1:].isdigit()]


def test_full_text_search_reads_any_text_as_words(tmp_path):
    from analysis.publish import fts_query, search_figures

    raw = tmp_path / "s.txt"
    raw.write_text('Бишкекте 12 адам жаракат алды.\nОшто "30" унаа өрттөлдү.\n', encoding="utf-8")
    db = publish(raw, tmp_path / "out") / "s.db"
    assert search_figures(db, "адам")["value"].tolist() == [12]
    assert search_figures(db, "жарака*")["value"].tolist() == [12]
    assert search_figures(db, "адам жаракат")["value"].tolist() == [12]
    # Query syntax typed by a reader is searched for as words, never run: no error, no match.
    for hostile in ['адам" OR "унаа', "адам OR унаа", "quote:адам", "NEAR(адам", '"', "*"]:
        assert search_figures(db, hostile).empty, hostile
    assert search_figures(db, "-адам")["value"].tolist() == [12]  # a word, not "NOT адам"
    assert search_figures(db, "   ").empty
    assert fts_query('a"b c*') == '"a""b" "c"*'
