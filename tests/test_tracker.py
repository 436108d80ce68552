"""The story tracker: corpus, claims, series and flags, cache, engines, outputs, command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from fixtures_tracker import ARTICLES, LATE, write_article, write_corpus

from analysis import claims as claims_module
from analysis.claims import Cache, claims_table, read_articles
from analysis.cli import main
from analysis.corpus import read_corpus
from analysis.schemas import TABLES, conform
from analysis.series import headline_series, series_flags, series_latest, series_ranges
from analysis.sources import InputError
from analysis.tracker import TABLE_NAMES, track


def outputs(folder: Path) -> dict[str, bytes]:
    """Every output file of a tracker run (not the cache) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def claims(corpus) -> pd.DataFrame:
    articles = read_corpus(corpus)
    records, read = read_articles(articles, workers=1)
    assert read == len(ARTICLES)
    return claims_table(articles, records)


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    return track(corpus, out, langs=["en", "ky"], workers=1, progress=False)


# --- corpus ----------------------------------------------------------------------------------


def test_corpus_reads_sidecars_at_any_depth_in_publication_order(tmp_path):
    write_article(tmp_path, "late", "2030-03-06", "Бир.", subdir="b/c")
    write_article(tmp_path, "early", "2030-03-05T10:00+06:00", "Эки.", subdir="a", publisher="P")
    (tmp_path / "README.txt.bak").write_text("not an article")
    found = read_corpus(tmp_path)
    assert [(a.article_id, a.path, a.publisher, a.year) for a in found] == [
        ("early", "a/early.txt", "P", 2030),
        ("late", "b/c/late.txt", "Test Kabar", 2030),
    ]


def test_corpus_from_a_manifest(tmp_path):
    (tmp_path / "x.txt").write_text("Кечээ 12 адам жаракат алды.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "path,publisher,published,url\nx.txt,Kabar,2030-01-02,https://example.org/x\n",
        encoding="utf-8",
    )
    (a,) = read_corpus(tmp_path)
    assert (a.article_id, a.publisher, a.published, a.url) == (
        "x",
        "Kabar",
        "2030-01-02",
        "https://example.org/x",
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("no_folder", "no such corpus folder"),
        ("empty", "no articles"),
        ("no_sidecar", "no metadata sidecar b.meta.json"),
        ("changed", "checksum mismatch"),
        ("no_publisher", "no publisher"),
        ("bad_date", "is not an ISO date"),
        ("duplicate_id", "article id 'a1' is used by"),
        ("not_utf8", "not UTF-8"),
    ],
)
def test_bad_corpus_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, damage, message):
    folder, out = tmp_path / "corpus", tmp_path / "out"
    if damage != "no_folder":
        folder.mkdir()
    if damage not in ("no_folder", "empty"):
        path = write_article(folder, "a1", "2030-03-04", "Кечээ 12 адам жаракат алды.")
    if damage == "no_sidecar":
        (folder / "b.txt").write_text("Бир.", encoding="utf-8")
    elif damage == "changed":
        path.write_text("Кечээ 13 адам жаракат алды.", encoding="utf-8")
    elif damage in ("no_publisher", "bad_date", "duplicate_id"):
        meta_path = folder / "a1.meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if damage == "no_publisher":
            meta["publisher"] = ""
        elif damage == "bad_date":
            meta["published"] = "5 March"
        else:
            write_article(folder, "a1-copy", "2030-03-05", "Бир.")
            copy = folder / "a1-copy.meta.json"
            copy.write_text(copy.read_text(encoding="utf-8").replace('"a1-copy"', '"a1"'))
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
    elif damage == "not_utf8":
        path.write_bytes("Митинг болду".encode("cp1251") * 3)
        meta_path = folder / "a1.meta.json"
        meta_path.write_text(json.dumps({"publisher": "P", "published": "2030-03-04"}))
    code = main(["track", str(folder), "--out", str(out), "--lang", "en", "--workers", "1"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert not out.exists()


# --- claims ----------------------------------------------------------------------------------


def test_claims_table_follows_its_schema(claims):
    assert list(claims.columns) == TABLES["claims"].names
    assert {str(claims[c].dtype) for c in ("value", "low", "high")} == {"Int64"}
    assert claims[
        ["claim_id", "date", "measure", "value", "source_key", "attributed_to"]
    ].values.tolist() == [
        ["a1/F001", "2030-03-04", "killed", 6, "emergency_ministry", "ӨКМдин"],
        [
            "a1/F002",
            "2030-03-04",
            "injured",
            40,
            "health_ministry",
            "Саламаттык сактоо министрлигинин",
        ],
        [
            "a2/F001",
            "2030-03-05",
            "killed",
            14,
            "health_ministry",
            "Саламаттык сактоо министрлигинин",
        ],
        ["a2/F002", "2030-03-05", "killed", 11, "emergency_ministry", "ӨКМдин"],
        [
            "a3/F001",
            "2030-03-06",
            "killed",
            10,
            "emergency_ministry",
            "Өзгөчө кырдаалдар министрлиги",
        ],
        ["a3/F002", "2030-03-06", "injured", 100, "publisher:Test Kabar", ""],
    ]
    # Every quote is the raw text at its span.
    for _, c in claims.iterrows():
        raw = next(a for a in ARTICLES if a[0] == c["article_id"])[2]
        assert " ".join(raw[c["start"] : c["end"]].split()) == c["quote"]


def test_a_date_without_a_year_takes_the_publication_year(tmp_path):
    write_article(tmp_path, "x", "2031-05-02T08:00+06:00", "5-майга карата 7 адам кармалды.")
    articles = read_corpus(tmp_path)
    records, _ = read_articles(articles, workers=1)
    records["x"][0]["as_of"] = "--05-01"  # as an article without a year in its metadata reads
    out = claims_table(articles, records)
    assert out[["as_of", "date"]].values.tolist() == [["--05-01", "2031-05-01"]]


# --- series ----------------------------------------------------------------------------------


def test_flags_on_the_written_corpus(claims):
    flags = series_flags(claims)
    assert flags[
        ["flag_id", "series_id", "kind", "date", "claim_ids", "found"]
    ].values.tolist() == [
        [
            "T001",
            "killed:total:-",
            "sources_disagree",
            "2030-03-05",
            "a2/F002;a2/F001",
            "emergency_ministry [11, 11]; health_ministry [14, 14]",
        ],
        [
            "T002",
            "killed:total:-",
            "revised_down",
            "2030-03-06",
            "a2/F002;a3/F001",
            "a2/F002 [11, 11] on 2030-03-05; a3/F001 [10, 10] on 2030-03-06",
        ],
    ]


def test_latest_per_source_and_ranges(claims):
    latest = series_latest(claims)
    assert latest[
        ["series_id", "source_key", "value", "date", "claims", "article_ids"]
    ].values.tolist() == [
        ["injured:total:-", "health_ministry", 40, "2030-03-04", 1, "a1"],
        ["injured:total:-", "publisher:Test Kabar", 100, "2030-03-06", 1, "a3"],
        ["killed:total:-", "emergency_ministry", 10, "2030-03-06", 3, "a3"],
        ["killed:total:-", "health_ministry", 14, "2030-03-05", 1, "a2"],
    ]
    ranges = series_ranges(claims)
    killed = ranges[ranges["series_id"] == "killed:total:-"]
    assert killed[
        ["date", "sources", "min_value", "max_value", "low", "high", "status"]
    ].values.tolist() == [
        ["2030-03-04", 1, 6, 6, 6, 6, "single"],
        ["2030-03-05", 2, 11, 14, 11, 14, "disagree"],
        ["2030-03-06", 1, 10, 10, 10, 10, "single"],
    ]
    assert headline_series(claims) == ["killed:total:-", "injured:total:-"]


def _claim(cid, date, source, value, qualifier="exact", measure="killed", published=None):
    from analysis.reading import interval

    low, high = interval(value, qualifier)
    return {
        "claim_id": f"{cid}/F001",
        "article_id": cid,
        "figure_id": "F001",
        "publisher": "P",
        "published": published or date,
        "date": date,
        "as_of": date,
        "attributed_to": source,
        "source_id": source,
        "source_key": source,
        "series_id": f"{measure}:total:-",
        "measure": measure,
        "group": "total",
        "place": "",
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "quote": "q",
        "start": 0,
        "end": 1,
        "lang": "ky",
    }


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ((100, "approx"), (105, "exact"), "agree"),  # [90, 110] holds 105
        ((100, "approx"), (120, "exact"), "disagree"),
        ((60, "more_than"), (40, "exact"), "disagree"),  # [61, open] against [40, 40]
        ((60, "more_than"), (400, "exact"), "agree"),
        ((50, "up_to"), (20, "exact"), "agree"),
        ((1000, "several"), (3000, "exact"), "agree"),  # "several thousand" is [1000, 9999]
    ],
)
def test_sources_disagree_only_beyond_their_qualifiers(a, b, status):
    frame = conform(
        pd.DataFrame(
            [
                _claim("x", "2030-01-01", "health_ministry", *a),
                _claim("y", "2030-01-01", "emergency_ministry", *b),
            ]
        ),
        "claims",
    )
    assert series_ranges(frame)["status"].tolist() == [status]
    assert len(series_flags(frame)) == (status == "disagree")


@pytest.mark.parametrize(
    ("later", "measure", "flagged"),
    [
        ((10, "exact"), "killed", True),
        ((10, "approx"), "killed", False),  # about 10 may be 11
        ((12, "exact"), "killed", False),
        ((10, "exact"), "hospitalized", False),  # people leave hospital: not cumulative
    ],
)
def test_revised_down_needs_a_cumulative_count_wholly_below(later, measure, flagged):
    frame = conform(
        pd.DataFrame(
            [
                _claim("x", "2030-01-01", "health_ministry", 11, measure=measure),
                _claim("y", "2030-01-02", "health_ministry", *later, measure=measure),
            ]
        ),
        "claims",
    )
    assert series_flags(frame)["kind"].tolist() == (["revised_down"] if flagged else [])


# --- cache, engines, outputs -----------------------------------------------------------------


def test_incremental_run_reads_only_the_new_article_and_matches_a_full_build(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "corpus")
    out, full = tmp_path / "out", tmp_path / "full"
    track(folder, out, langs=["en"], workers=1, progress=False)
    write_article(folder, *LATE)
    seen: list[str] = []
    real = claims_module.read_article

    def counting(text, year=None):
        seen.append(text)
        return real(text, year)

    monkeypatch.setattr(claims_module, "read_article", counting)
    track(folder, out, langs=["en"], workers=1, progress=False)
    assert seen == [LATE[2]]
    seen.clear()
    track(folder, full, langs=["en"], workers=1, cache=False, progress=False)
    assert len(seen) == len(ARTICLES) + 1
    assert outputs(out) == outputs(full)
    assert b"a4/F001" in outputs(out)["claims.csv"]


def test_cache_is_keyed_by_sha256_year_and_code(tmp_path):
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:1])
    (article,) = read_corpus(folder)
    store = Cache(tmp_path / "cache")
    assert store.get(article) is None
    store.put(article, [{"figure_id": "F001"}])
    path = tmp_path / "cache" / claims_module.code_fingerprint() / f"{article.sha256}-2030.json"
    assert path.exists() and store.get(article) == [{"figure_id": "F001"}]
    path.write_text("{damaged")
    assert store.get(article) is None


def test_local_process_pool_gives_the_same_claims(corpus):
    articles = read_corpus(corpus)
    one, _ = read_articles(articles, workers=1)
    pool, read = read_articles(articles, workers=2)
    assert read == len(articles) and pool == one


def test_unknown_engine_and_stray_scheduler_are_bad_input(corpus):
    articles = read_corpus(corpus)
    with pytest.raises(InputError, match="unknown engine"):
        read_articles(articles, engine="spark")
    with pytest.raises(InputError, match="--scheduler is for --engine dask"):
        read_articles(articles, scheduler="tcp://127.0.0.1:1")


def test_outputs_of_a_run(built):
    files = outputs(built)
    assert sorted(files) == sorted(
        [f"{t}.csv" for t in TABLE_NAMES]
        + ["datapackage.json", "tracker.db", "tracker.en.html", "tracker.ky.html"]
    )
    package = json.loads(files["datapackage.json"])
    assert [r["name"] for r in package["resources"]] == list(TABLE_NAMES)
    assert [s["path"] for s in package["sources"]] == ["a1.txt", "a2.txt", "a3.txt"]
    header = files["claims.csv"].decode().splitlines()[0]
    assert header.split(",") == TABLES["claims"].names


def test_datapackage_validates_with_frictionless(built):
    from frictionless import validate

    report = validate(str(built / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_sqlite_has_every_table_and_full_text_search_on_quotes(built):
    db = sqlite3.connect(built / "tracker.db")
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        assert set(TABLE_NAMES) <= tables and "data_dictionary" in tables
        rows = db.execute(
            "select claim_id from claims where rowid in "
            "(select rowid from claims_fts where claims_fts match ?) order by claim_id",
            ["ӨКМдин"],
        ).fetchall()
        assert rows == [("a1/F001",), ("a2/F002",)]
    finally:
        db.close()


def test_tracker_page_is_self_contained_and_links_the_quoting_articles(built):
    html = (built / "tracker.en.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert '<html lang="en">' in html
    assert html.count('<img src="data:image/png;base64,') == 2  # killed and injured
    assert '<a class="article" href="https://example.org/a3">' in html
    assert "Ministry of Emergency Situations" in html and "Sources disagree" in html
    assert "Revised down" in html
    ky = (built / "tracker.ky.html").read_text(encoding="utf-8")
    assert "Булактар дал келбейт" in ky and '<a href="tracker.en.html" hreflang="en">' in ky


def test_article_text_in_the_page_is_escaped(tmp_path):
    folder = tmp_path / "corpus"
    path = write_article(
        folder, "x", "2030-03-04", "<b>ИИМдин</b> маалыматы боюнча, 7 адам кармалды."
    )
    meta = folder / "x.meta.json"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("Title of x", "<script>alert(1)</script>")
    )
    assert path.exists()
    out = track(folder, tmp_path / "out", langs=["en"], workers=1, progress=False)
    html = (out / "tracker.en.html").read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html


def test_cli_track_prints_progress_on_stderr_only(tmp_path, capsys):
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:2])
    out = tmp_path / "out"
    code = main(["track", str(folder), "--out", str(out), "--lang", "en", "--workers", "1"])
    stdout, err = capsys.readouterr()
    assert code == 0 and stdout == ""
    lines = err.splitlines()
    assert all(line.startswith("[track] ") for line in lines)
    assert lines[0] == f"[track] 2 article(s) in {folder}"
    assert "[track] 2 article(s) read, 0 from the cache" in lines
    assert "[track] 4 claim(s) in 2 series, 1 flag(s)" in lines
    assert (out / "tracker.en.html").exists()


def test_cli_help_documents_track(capsys):
    with pytest.raises(SystemExit):
        main(["track", "--help"])
    text = capsys.readouterr().out
    for flag in (
        "--out",
        "--engine",
        "--scheduler",
        "--workers",
        "--cache",
        "--no-cache",
        "--lang",
    ):
        assert flag in text


def test_example_corpus_shows_changing_series_and_real_disagreements():
    from analysis import config

    articles = read_corpus(config.TRACKER_EXAMPLE)
    assert {a.lang for a in articles} == {"ky", "ru"}
    records, _ = read_articles(articles, workers=1)
    frame = claims_table(articles, records)
    killed = frame[frame["series_id"] == "killed:total:-"]
    assert killed["date"].nunique() >= 3 and killed["source_key"].nunique() >= 2
    flags = series_flags(frame)
    assert {"sources_disagree", "revised_down"} <= set(flags["kind"])


ANNOTATIONS_HEADER = (
    "annotation_id,story,target,kind,field,value,text_en,text_ru,text_ky,source,added_by,added_on\n"
)


def test_an_annotation_sets_who_states_a_claim(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    (folder / "annotations.csv").write_text(
        ANNOTATIONS_HEADER
        + "A001,demo,article_id=a3;measure=injured,attribution,,Саламаттык сактоо министрлиги,"
        "Ministry of Health,,,ministry briefing,desk,2030-03-07\n",
        encoding="utf-8",
    )
    out = track(folder, tmp_path / "out", langs=["en"], workers=1, progress=False)
    claims = pd.read_csv(out / "claims.csv", keep_default_na=False)
    row = claims[claims["claim_id"] == "a3/F002"].iloc[0]
    assert (row["attributed_to"], row["source_id"], row["source_key"]) == (
        "Саламаттык сактоо министрлиги",
        "health_ministry",
        "health_ministry",
    )
    # The text's own attributions are untouched.
    assert claims.set_index("claim_id").loc["a1/F002", "attributed_to"] == (
        "Саламаттык сактоо министрлигинин"
    )


def test_an_annotation_on_an_unknown_column_is_refused_before_any_work(tmp_path, capsys):
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:1])
    (folder / "annotations.csv").write_text(
        ANNOTATIONS_HEADER + "A001,demo,colour=red,attribution,,,X,,,,desk,2030-03-07\n",
        encoding="utf-8",
    )
    code = main(["track", str(folder), "--out", str(tmp_path / "out"), "--lang", "en"])
    assert code == 2 and "not a column of claims" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
