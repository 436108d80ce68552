"""Report parts, HTML export, the papermill build and its failure mode.

Fast tests use hand-made tables and notebooks; the build tests run real kernels
once per session (``built_reports`` is shared with ``test_browser.py`` and,
under pytest-xdist, between workers through a lock file).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from fixtures_builds import (  # noqa: F401  (session fixtures)
    LANGS,
    TEST_STORY,
    built_reports,
    hostile_reports,
    needs_kernel,
    seed_story,
)
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import config, render, report
from analysis.publish import read_published
from analysis.sources import InputError


def figures_frame(quote_of_first: str = "25 адам жаракат алды") -> pd.DataFrame:
    """A tiny figures table as analysis.tables.figures_table returns it."""
    rows = [
        ("F001", 1, "injured", "total", 25, 25, 25, "exact", "", quote_of_first, False, ""),
        ("F002", 1, "injured", "police", 10, 10, 10, "exact", "F001", "10у полиция", False, ""),
        ("D001", 1, "injured", "civilians", 15, 15, 15, "exact", "F001", "", True, "F001 - F002"),
        ("F003", 2, "vehicles_destroyed", "total", 12, 12, 12, "exact", "", "12 унаа", False, ""),
        (
            "F004",
            2,
            "businesses_affected",
            "shop",
            40,
            36,
            44,
            "approx",
            "",
            "40ка жакын дүкөн",
            False,
            "",
        ),
    ]
    df = pd.DataFrame(
        [
            {
                "figure_id": r[0],
                "segment_id": r[1],
                "measure": r[2],
                "group": r[3],
                "value": r[4],
                "low": r[5],
                "high": r[6],
                "qualifier": r[7],
                "place": "",
                "as_of": "2020-02-02",
                "parent_id": r[8],
                "quote": r[9],
                "start": 0,
                "end": len(r[9]),
                "derived": r[10],
                "formula": r[11],
                "source": "",
                "annotation_ids": "",
                "corrections": "",
            }
            for r in rows
        ]
    )
    for c in ("value", "low", "high"):
        df[c] = df[c].astype("Int64")
    return df


def notes_frame(figures: str = "F001;F002") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "annotation_id": "A001",
                "story": TEST_STORY,
                "target": "measure=injured",
                "kind": "attribution",
                "field": "",
                "value": "",
                "text_en": "City <b>hospital</b>",
                "text_ru": "Городская больница",
                "text_ky": "Шаардык оорукана",
                "source": "x",
                "added_by": "t",
                "added_on": "2020-02-02",
                "figures": figures,
            },
        ]
    )


class Tags(HTMLParser):
    """Collects start tags and their attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_inert(html: str) -> None:
    """No script, no event handler, nothing loaded from outside the page."""
    for tag, attrs in tags_of(html):
        assert tag not in ("script", "iframe", "object", "embed"), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for attr in ("src", "href"):
            value = attrs.get(attr) or ""
            assert not re.match(r"(?i)\s*(https?:|//|javascript:)", value), (tag, attr, value)
        if tag == "link":
            raise AssertionError("external stylesheet")


# --- report parts (no kernel) ------------------------------------------------------------------


def test_key_numbers_one_sentence_per_total_with_links():
    sentences = report.key_numbers(figures_frame(), notes_frame(), lang="en")
    assert list(sentences["text"]) == [
        "25 people were injured (police: 10; civilians: 15 (derived: 25 − 10)). "
        "Source: City <b>hospital</b>.",
        "12 vehicles were burned or destroyed.",
        "Businesses damaged — shops: ≈40.",
    ]
    first = sentences.loc[0, "html"]
    assert '<a class="fig" href="#fig-F001">25</a>' in first
    assert '<a class="fig" href="#fig-D001">15</a> <span class="derived">' in first
    assert "City &lt;b&gt;hospital&lt;/b&gt;" in first  # annotation text is escaped too
    assert sentences.loc[0, "figures"] == "F001;F002;D001"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            "Пострадавших — 25 (полицейские: 10; мирные жители: 15 (вычислено: 25 − 10)). "
            "Источник: Городская больница.",
        ),
        (
            "ky",
            "25 адам жаракат алган (полиция кызматкерлери: 10; карапайым жарандар: 15 "
            "(эсептелген: 25 − 10)). Булагы: Шаардык оорукана.",
        ),
    ],
)
def test_key_numbers_translated(lang, expected):
    assert report.key_numbers(figures_frame(), notes_frame(), lang=lang)["text"][0] == expected


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "hundreds (100–999)"), ("ru", "сотни (100–999)"), ("ky", "жүздөгөн (100–999)")],
)
def test_key_numbers_say_vague_quantities_in_words(lang, words):
    figures = figures_frame()
    row = figures.index[figures["figure_id"] == "F003"][0]
    figures.loc[row, ["value", "low", "high", "qualifier"]] = [100, 100, 999, "several"]
    sentences = report.key_numbers(figures, notes_frame(), lang=lang)
    assert any(words in t.lower() for t in sentences["text"])


def test_key_numbers_reject_unknown_language():
    with pytest.raises(InputError, match="unknown language"):
        report.key_numbers(figures_frame(), lang="de")


def test_article_text_is_escaped_in_every_part():
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    figures = figures_frame(quote_of_first=hostile)
    notes = notes_frame()
    notes.loc[0, "text_en"] = hostile
    checks = pd.DataFrame(
        [
            {
                "check_id": "C001",
                "check": "parts_vs_total",
                "code": "no_such_code",
                "figures": "F001",
                "expected": "",
                "found": hostile,
                "status": "ok",
                "explanation": hostile,
            }
        ]
    )
    parts = [
        report.figures_html(figures, notes, lang="en"),
        report.notes_html(notes, lang="en"),
        report.checks_html(checks, lang="en"),
        report.key_numbers_html(report.key_numbers(figures, notes, lang="en")),
        report.header_html("<s>", {"publisher": hostile, "published": "x"}, "en"),
        report.credit_html({"publisher": hostile}, "en"),
    ]
    for html in parts:
        assert "<script" not in html and "<img" not in html
        assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in parts[0]


def test_figures_table_rows_are_link_targets():
    html = report.figures_html(figures_frame(), notes_frame(), lang="ky")
    ids = [a.get("id") for t, a in tags_of(html) if t == "tr" and a.get("id")]
    assert ids == ["fig-F001", "fig-F002", "fig-D001", "fig-F003", "fig-F004"]
    assert "Шаардык оорукана" in html and "≈40" in html and "эсептелген: 25 − 10" in html


def test_checks_translated_by_code():
    checks = pd.DataFrame(
        [
            {
                "check_id": "C001",
                "check": "parts_vs_total",
                "code": "parts_sum_holds",
                "figures": "F001;F002",
                "expected": "",
                "found": "10 + 15 = [25, 25]",
                "status": "ok",
                "explanation": "10 + 15 = 25 holds.",
            }
        ]
    )
    html = report.checks_html(checks, lang="ru")
    assert "Сумма частей сходится с итогом." in html
    assert 'href="#fig-F002"' in html and "status-ok" in html


def test_data_links_are_relative():
    html = report.data_links_html(["figures.csv", "datapackage.json"], "../data/processed", "en")
    hrefs = [a["href"] for t, a in tags_of(html) if t == "a"]
    assert hrefs == ["../data/processed/figures.csv", "../data/processed/datapackage.json"]


def test_chart_is_png_with_alt_text():
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots import plot_injuries

    inj = figures_frame().query("measure == 'injured'").rename(columns={"measure": "status"})
    shown = report.chart(plot_injuries(inj))
    data, meta = shown._repr_mimebundle_()
    assert shown.png.startswith(b"\x89PNG")
    assert data["text/plain"].startswith("People hurt, by status and group — injured: total: 25")
    assert meta["image/png"]["alt"] == data["text/plain"]
    assert report.chart(plot_injuries(inj)).png == shown.png  # same chart, same bytes


def exported(tmp_path, cells) -> str:
    nb = new_notebook(cells=cells)
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return render.export_html(path, lang="ky", title="T <x>")


def test_export_has_no_code_no_markdown_no_scripts(tmp_path):
    cell = new_code_cell("secret_code_here = 1\nprint('stream text')")
    cell.outputs = [
        new_output("stream", name="stdout", text="stream text"),
        new_output(
            "display_data",
            data={"text/html": "<p class='x'>Шаар ө ү ң</p>", "text/plain": "<HTML>"},
        ),
        new_output(
            "display_data",
            data={"image/png": "iVBORw0KGgo=", "text/plain": "alt ө"},
            metadata={"image/png": {"alt": "chart ө"}},
        ),
        new_output("error", ename="E", evalue="boom", traceback=["tb"]),
    ]
    removed = new_code_cell("x")
    removed.metadata["tags"] = ["remove-cell"]
    removed.outputs = [new_output("display_data", data={"text/html": "<p>REMOVED</p>"})]
    html = exported(tmp_path, [new_markdown_cell("# notes for readers"), cell, removed])
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="ky">' in html and "<title>T &lt;x&gt;</title>" in html
    assert 'name="viewport"' in html
    for absent in ("secret_code_here", "stream text", "notes for readers", "REMOVED", "boom"):
        assert absent not in html
    assert "Шаар ө ү ң</p>" in html and ("p", {"class": "x"}) in tags_of(html)
    assert ("img", {"alt": "chart ө", "src": "data:image/png;base64,iVBORw0KGgo="}) in tags_of(html)
    assert_inert(html)


# --- the build (real kernels; fixtures in conftest.py) -------------------------------------


@needs_kernel
@pytest.mark.slow
def test_build_writes_reports_and_notebooks(built_reports):  # noqa: F811
    story = seed_story()
    out = built_reports / "reports" / story
    for lang in LANGS:
        page = out / f"{story}.{lang}.html"
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert page.stat().st_size < 1_000_000, f"{page.name} is {page.stat().st_size} bytes"
        images = [a for t, a in tags_of(html) if t == "img"]
        assert len(images) >= 3
        assert all(a["src"].startswith("data:image/png;base64,") and a["alt"] for a in images)
        assert 'class="key-numbers"' in html and 'class="figures"' in html
        assert "def " not in html and "import " not in html  # no code cells
        assert_inert(html)
    # (and the build's chart cache, notebooks/.charts)
    names = sorted(p.name for p in (out / "notebooks").iterdir() if not p.name.startswith("."))
    assert names == [
        "01-clean.ky.ipynb",
        "02-figures.ky.ipynb",
        "03-tables.ky.ipynb",
        "04-report.en.ipynb",
        "04-report.ky.ipynb",
        "04-report.ru.ipynb",
    ]
    assert (built_reports / "data" / "processed" / story / "figures.csv").exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".tmp-")]
    # Every page links to the three languages built.
    html = (out / f"{story}.en.html").read_text(encoding="utf-8")
    links = {a.get("hreflang") for t, a in tags_of(html) if t == "a" and a.get("hreflang")}
    assert links == {"ky", "ru"}


@needs_kernel
@pytest.mark.slow
def test_report_key_numbers_match_the_tables(built_reports):  # noqa: F811
    article = report.load_article(config.SEED_RAW)
    tables = article["tables"]
    sentences = report.key_numbers(tables["figures"], tables["annotations"], lang="ky")
    story = seed_story()
    html = (built_reports / "reports" / story / f"{story}.ky.html").read_text(encoding="utf-8")
    for sentence in sentences["html"]:
        assert sentence in html
    for fid in tables["figures"]["figure_id"]:
        assert f'id="fig-{fid}"' in html


@needs_kernel
@pytest.mark.slow
def test_other_article_and_language_escape_markup(hostile_reports):  # noqa: F811
    html = (hostile_reports / "reports" / f"{TEST_STORY}.ru.html").read_text("utf-8")
    assert '<html lang="ru">' in html
    assert "Test &lt;Press&gt;" in html
    assert_inert(html)
    assert "<script>alert" not in html and "<img src=x" not in html
    # Every quote of the article is on the page, escaped: markup in the text shows as text.
    figures = report.load_article(hostile_reports / "raw" / "test-article.txt")["tables"]["figures"]
    assert len(figures)
    for quote in figures["quote"]:
        assert escape(quote, quote=False) in html
    # Only Russian was built: the page links to no other language.
    assert not [a for t, a in tags_of(html) if t == "a" and a.get("hreflang")]


def _failing_report(folder: Path, cells: list[str], extra: str = "") -> Path:
    """A folder holding a ``04-report`` notebook: a parameters cell, then ``cells``."""
    folder.mkdir()
    params = new_code_cell('raw = ""\nlang = "en"\nout = ""\nprocessed = ""' + extra)
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *map(new_code_cell, cells)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "04-report.ipynb")
    return folder


@needs_kernel
@pytest.mark.slow
def test_failure_names_notebook_and_cell_and_keeps_old_reports(tmp_path):
    notebooks = _failing_report(tmp_path / "nbs", ["x = 1", "1 / 0"])
    out = tmp_path / "reports"
    out.mkdir()
    old = out / f"{seed_story()}.en.html"
    old.write_text("previous report", encoding="utf-8")
    with pytest.raises(render.BuildError) as err:
        render.build(
            langs=("en",),
            out=out,
            processed=tmp_path / "processed",
            notebooks=("04-report",),
            notebook_dir=notebooks,
        )
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("04-report.ipynb: cell 3 ('1 / 0') failed: ZeroDivisionError")
    assert old.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in out.iterdir()) == [old.name]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


@needs_kernel
@pytest.mark.slow
@pytest.mark.parametrize("kept", [False, True], ids=["own kernels", "kernel pool"])
def test_a_failure_after_an_exported_report_leaves_nothing_half_written(
    tmp_path, monkeypatch, kept
):
    # One kernel: the Russian report succeeds and its page is exported (slowly here) while
    # the same kernel runs the English one, which fails; the build waits for that export,
    # then fails, and neither the staging folder nor a page of this build is left behind,
    # also when the kernel is kept running in a pool (whose loop outlives the build).
    import threading
    import time

    finish, exported = render._finish, threading.Event()

    def slow_finish(job, nb):
        time.sleep(0.5)
        finish(job, nb)
        exported.set()

    monkeypatch.setattr(render, "_finish", slow_finish)
    notebooks = _failing_report(
        tmp_path / "nbs", ["print(lang)", '1 / (lang != "en")'], extra='\nlangs = ""'
    )
    out = tmp_path / "reports"
    with render.KernelPool() if kept else contextlib.nullcontext() as pool:
        with pytest.raises(render.BuildError, match=r"^04-report.ipynb: cell 3 .*ZeroDivision"):
            render.build(
                langs=("ru", "en"),
                out=out,
                processed=tmp_path / "processed",
                notebooks=("04-report",),
                notebook_dir=notebooks,
                workers=1,
                pool=pool,
            )
        assert exported.wait(30)  # the Russian page was exported (before the build ended)
        left = [p for p in tmp_path.rglob("*") if p.suffix in (".html", ".ipynb")]
        assert left == [notebooks / "04-report.ipynb"]
        assert not list(tmp_path.rglob(".tmp-*"))


def test_cli_build_rejects_unknown_language(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "build", "--lang", "de", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["error: unknown language(s) de; use ky, ru, en"]
    assert list(tmp_path.iterdir()) == []


def test_committed_notebooks_have_parameters_and_project_kernel():
    for name in render.NOTEBOOKS:
        nb = nbformat.read(config.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        assert nb.metadata["kernelspec"]["name"] == "qantar"
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        assert {"raw", "lang", "out", "processed"} <= set(
            re.findall(r"^(\w+) =", tagged[0].source, re.M)
        )
        assert all(c.get("outputs") is not None for c in nb.cells if c.cell_type == "code")


def test_missing_metadata_is_said_in_words_never_blank():
    html = report.header_html("s", {}, "en", ["en"])
    assert "publisher not given, date not given" in html
    assert "states them on date not given" in html
    assert "дата не указана" in report.header_html("s", {}, "ru", ["ru"])
    assert "күнү көрсөтүлгөн эмес" in report.credit_html({}, "ky")
    assert "?" not in report.credit_html({}, "en")
    given = report.header_html("s", {"publisher": "P", "published": "2022-01-05", "title": "T"})
    assert "«T», P, 2022-01-05" in given and "not given" not in given


def test_language_switch_links_only_to_built_languages():
    def links(html):
        return [a["hreflang"] for t, a in tags_of(html) if t == "a" and a.get("hreflang")]

    assert links(report.header_html("s", {}, "ru", "ru,en")) == ["en"]
    assert links(report.header_html("s", {}, "ky", ["ky", "ru", "en"])) == ["ru", "en"]
    assert links(report.header_html("s", {}, "en", ["en"])) == []


def test_figures_table_cells_carry_their_heading_for_phones():
    html = report.figures_html(figures_frame(), notes_frame(), lang="en")
    cells = [a for t, a in tags_of(html) if t == "td"]
    heads = {a["data-label"] for a in cells}
    assert {"ID", "Figure", "Place", "Quote (original)"} <= heads, heads


def _trivial_notebooks(folder: Path) -> Path:
    """A worked example that records when it ran, and a report page."""
    folder.mkdir()
    params = new_code_cell('raw = ""\nlang = "en"\nout = ""\nprocessed = ""')
    params.metadata["tags"] = ["parameters"]
    for name, code in [
        ("01-clean", "import time\nprint(time.time_ns())"),
        ("04-report", "from IPython.display import HTML\nHTML('<p>page ' + lang + '</p>')"),
    ]:
        nb = new_notebook(cells=[params, new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


@needs_kernel
@pytest.mark.slow
def test_worked_examples_and_reports_rerun_only_when_their_inputs_change(tmp_path, capsys):
    notebooks = _trivial_notebooks(tmp_path / "nbs")
    raw = tmp_path / "raw" / "a.txt"
    raw.parent.mkdir()
    raw.write_text("Шаарда 25 адам жаракат алды.\n", encoding="utf-8")
    kw = dict(
        raw=raw,
        langs=("en",),
        out=tmp_path / "reports",
        processed=tmp_path / "processed",
        notebooks=("01-clean", "04-report"),
        notebook_dir=notebooks,
        workers=1,
        story="a",
    )
    example = tmp_path / "reports" / "notebooks" / "01-clean.en.ipynb"
    render.build(**kw)
    first = example.read_bytes()
    tables = tmp_path / "processed" / "figures.csv"
    published = tables.stat().st_mtime_ns
    stats: dict = {}
    render.build(stats=stats, **kw)
    assert example.read_bytes() == first  # not re-run: its output holds the time it ran
    assert "1 worked example(s) unchanged" in capsys.readouterr().err
    assert stats["published"] == "unchanged" and tables.stat().st_mtime_ns == published
    # a published file changed by hand is published again, whatever the key says
    key = (tmp_path / "processed" / render.PUBLISHED_KEY).read_text(encoding="utf-8").strip()
    assert render._published(tmp_path / "processed", key)
    tables.write_bytes(tables.read_bytes() + b"\n")
    assert not render._published(tmp_path / "processed", key)
    # the report was reused too: its page is the one exported from the reused notebook
    assert stats["reports_reused"] == 1 and stats["jobs_run"] == 0 and stats["kernels"] == 0
    page = tmp_path / "reports" / "a.en.html"
    shown = page.read_bytes()
    page.write_bytes(b"edited by hand")  # a page that is not the one built is made again
    stats = {}
    render.build(stats=stats, **kw)
    assert stats["reports_reused"] == 0 and stats["jobs_run"] == 1
    assert page.read_bytes() == shown
    render.build(**{**kw, "publisher": "Other"})  # other metadata: other inputs
    assert example.read_bytes() != first
    assert "0 worked example(s) unchanged, 0 report(s) unchanged" in capsys.readouterr().err


def _digest(path: Path) -> bytes:
    """A file's bytes; a SQLite database's SQL dump (its pages may be laid out differently)."""
    if path.suffix == ".db":
        import sqlite3

        con = sqlite3.connect(path)
        try:
            return "\n".join(con.iterdump()).encode("utf-8")
        finally:
            con.close()
    return path.read_bytes()


@needs_kernel
@pytest.mark.slow
def test_build_gives_the_committed_outputs_byte_for_byte(built_reports):  # noqa: F811
    """The committed tables and pages are what a build makes today (regenerate: make report)."""
    story = seed_story()
    pairs = [
        (config.ROOT / "reports" / story, built_reports / "reports" / story, "*.html"),
        (
            config.ROOT / "data" / "processed" / story,
            built_reports / "data" / "processed" / story,
            "*.*",
        ),
    ]
    for committed, built, pattern in pairs:
        names = sorted(p.name for p in committed.glob(pattern) if not p.name.startswith("."))
        assert names == sorted(p.name for p in built.glob(pattern) if not p.name.startswith("."))
        for name in names:
            assert _digest(committed / name) == _digest(built / name), (
                f"{name} differs from the committed one; run `make report` and commit"
            )


@needs_kernel
@pytest.mark.slow
def test_shared_kernels_give_the_pages_of_fresh_kernels(built_reports, tmp_path):  # noqa: F811
    """The fast build (kernels reused, namespace reset) equals papermill in a new kernel."""
    story = seed_story()
    out = built_reports / "reports" / story
    executed = render.run_notebook(
        config.NOTEBOOKS / "04-report.ipynb",
        tmp_path / "04-report.en.ipynb",
        {
            "raw": str(config.SEED_RAW),
            "lang": "en",
            "out": str(out),
            "processed": str(built_reports / "data" / "processed" / story),
            "langs": ",".join(LANGS),
        },
        kernel="python3",
    )
    title = f"{report.label('report.title', 'en')} — {story}"
    page = render.export_html(executed, lang="en", title=title)
    fast = (out / f"{story}.en.html").read_text(encoding="utf-8")
    assert hashlib.sha256(page.encode()).hexdigest() == hashlib.sha256(fast.encode()).hexdigest()


def test_published_tables_read_back_as_built(tmp_path):
    """The notebooks read the published tables: same frames, same dtypes, as computed."""
    from analysis.publish import publish

    out = publish(config.SEED_RAW, tmp_path / "p")
    got = read_published(out)
    ref = report.load_article(config.SEED_RAW)
    assert got["story"] == ref["story"]
    assert got["meta"]["published"] == "2022-01-05"
    assert list(got["tables"]) == list(ref["tables"])
    for name, frame in ref["tables"].items():
        pd.testing.assert_frame_equal(got["tables"][name], frame.reset_index(drop=True))
        assert got["tables"][name].attrs == frame.attrs, name  # the timeline's clock and credit
    (out / "checks.csv").write_text("check_id\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"differs from datapackage\.json"):
        read_published(out)


def test_read_published_takes_off_the_spreadsheet_guard(monkeypatch):
    """Text the CSV writer guards with an apostrophe reads back as it was made."""
    from analysis import publish

    monkeypatch.setattr(publish, "FORMULA_START", ("=", "+", "-", "@"), raising=False)
    assert publish._unguard("'=HYPERLINK(1)") == "=HYPERLINK(1)"
    assert publish._unguard("'-5 адам") == "-5 адам"
    assert publish._unguard("'quoted'") == "'quoted'"
    assert publish._unguard("plain") == "plain"


def test_numbers_not_read_as_figures_are_listed_collapsed_unread_first():
    from analysis.report import numbers_html

    numbers = pd.DataFrame(
        {
            "number_id": ["N001", "N002", "N003"],
            "text": ["5-январга", "12", "3"],
            "context": ["5-январга карата", "12 адам кармалды", "3 жаран <b>келди</b>"],
            "status": ["not_a_count", "figure", "unread"],
            "reason": ["date", "", ""],
            "start": [0, 20, 40],
        }
    )
    html = numbers_html(numbers, lang="en")
    assert html.startswith('<details class="numbers"><summary>2 numbers')
    assert "1 of them were not understood" in html
    assert html.index("<code>3</code>") < html.index("<code>5-январга</code>")  # unread first
    assert "<code>12</code>" not in html  # a figure is not listed
    assert "&lt;b&gt;келди&lt;/b&gt;" in html  # article text is escaped
    assert "<script" not in html
    assert numbers_html(numbers[numbers["status"] == "figure"], lang="ky").startswith("<p>")


def test_a_notebook_that_reads_no_annotations_keeps_its_key_when_they_change(tmp_path):
    """``01-clean`` shows the raw text and its segments: an edited annotation does not run it
    again (its metadata says so), while a notebook without that word runs again."""
    from analysis.article import read_article

    raw = tmp_path / "a.txt"
    raw.write_text("Шаарда 25 адам жаракат алды.\n", encoding="utf-8")
    notes = tmp_path / "annotations.csv"
    header = "story,kind,selector,field,value,note,author,date\n"
    notes.write_text(header, encoding="utf-8")
    plain, clean = tmp_path / "plain.ipynb", tmp_path / "clean.ipynb"
    nb = new_notebook(cells=[new_code_cell("1")])
    nbformat.write(nb, plain)
    nb.metadata["qantar"] = {"reads_annotations": False}
    nbformat.write(nb, clean)
    before = {p: render.inputs_key(p, {}, read_article(raw)) for p in (plain, clean)}
    notes.write_text(header + "a,note,F01,,,checked,me,2026-12-02\n", encoding="utf-8")
    after = {p: render.inputs_key(p, {}, read_article(raw)) for p in (plain, clean)}
    assert after[clean] == before[clean]
    assert after[plain] != before[plain]
    assert before[plain] != before[clean]  # the notebooks differ
    # the committed worked example says so; the others read the annotations
    assert render._reads_annotations(b"")
    for name, reads in [("01-clean", False), ("02-figures", True), ("03-tables", True)]:
        source = (Path(__file__).parent.parent / "notebooks" / f"{name}.ipynb").read_bytes()
        assert render._reads_annotations(source) is reads
