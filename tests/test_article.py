"""Articles from any newsroom: read_article, saved web pages, `add`, one story one place."""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pandas as pd
import pytest
from fixtures_builds import needs_kernel

from analysis import config
from analysis.article import add_article, find_story, read_article, story_slug
from analysis.cli import main
from analysis.page import read_page
from analysis.publish import read_published
from analysis.sources import ChecksumError, InputError

#: A short Kyrgyz article with figures (written here, not copied from anywhere).
ARTICLE = (
    "Ош шаарында суу ташкыны болду\n"
    "Ош шаарында кечээ суу ташкынынан 3 адам каза болуп, 12 адам жаракат алды.\n"
    "Алардын 5и ооруканага жеткирилди. Ташкын 40тан ашык үйдү талкалады.\n"
)
OTHER = "Бишкекте нааразылык акциясы өттү. Акцияга 300дөй адам катышты.\n"


def web_page(text: str, *, title="Ош шаарында суу ташкыны болду") -> str:
    """A saved news page: script, style, navigation, comments, footer around the article."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines()[1:])
    return f"""<!DOCTYPE html>
<html lang="ky"><head><meta charset="utf-8"><title>{title} | Test News</title>
<meta property="og:site_name" content="Test News">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-05-14T09:30:00+06:00">
<script>var banner = "99 адам каза болду"; document.write(banner);</script>
<style>p {{ color: #333 }} .x::after {{ content: "77 унаа өрттөлдү" }}</style>
</head><body>
<nav><ul><li><a href="/">Башкы бет</a></li><li><a href="/n/1">50 адам кармалды</a></li></ul></nav>
<!-- 88 адам жарадар болду -->
<main><article><h1>{title}</h1>
{body}</article>
<section class="comments"><h3>Комментарийлер</h3><p>Окурман: 1000 адам каза болду го</p></section>
</main>
<footer><p>© 2024 Test News. Бардык укуктар корголгон.</p></footer>
</body></html>
"""


def figures_of(text: str) -> pd.DataFrame:
    from analysis.figures import extract_figures

    cols = ["measure", "group", "value", "qualifier", "quote"]
    return extract_figures(text)[cols].reset_index(drop=True)


# --- reading ------------------------------------------------------------------------------------


def test_web_page_text_is_the_article_without_scripts_navigation_or_comments():
    page = read_page(web_page(ARTICLE).encode("utf-8"))
    assert page.title == "Ош шаарында суу ташкыны болду"
    assert page.published == "2024-05-14"
    assert page.publisher == "Test News"
    assert page.language == "ky"
    for junk in ("99 адам", "77 унаа", "50 адам", "88 адам", "1000 адам", "Башкы бет", "©"):
        assert junk not in page.text, junk
    # the same figures as the plain text
    pd.testing.assert_frame_equal(figures_of(page.text), figures_of(ARTICLE))


def test_page_without_article_text_is_refused():
    with pytest.raises(InputError, match="no article text"):
        read_page(b"<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body></html>")


def test_read_article_without_sidecar_infers_language_and_story(tmp_path):
    raw = tmp_path / "Flood in Osh!.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    article = read_article(raw)
    assert article.story == "flood-in-osh"
    assert article.meta["language"] == "ky" and article.how == {"language": "language"}
    assert article.missing == ("publisher", "published")
    given = read_article(raw, publisher="Test News", published="2024-05-14", story="osh")
    assert (given.story, given.missing, given.year) == ("osh", (), 2024)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_article(raw, published="14.05.2024")
    with pytest.raises(InputError, match="story name"):
        read_article(raw, story="../etc")


def test_story_slug():
    assert story_slug("Kaktus_Media 2022-01-05 (live)") == "kaktus-media-2022-01-05-live"
    assert story_slug("Ош шаары") == "ош-шаары"


# --- add ----------------------------------------------------------------------------------------


def test_add_copies_bytes_and_records_what_was_given_and_inferred(tmp_path):
    src = tmp_path / "saved" / "page.html"
    src.parent.mkdir()
    src.write_bytes(web_page(ARTICLE).encode("utf-8"))
    raw_dir = tmp_path / "data" / "raw"
    path = add_article(src, raw_dir, story="osh-flood", url="https://example.org/osh")
    assert path == raw_dir / "osh-flood.html"
    assert path.read_bytes() == src.read_bytes()
    meta = json.loads((raw_dir / "osh-flood.meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(src.read_bytes()).hexdigest()
    assert meta["given"] == ["story", "url"]
    assert meta["published"] == "2024-05-14" and meta["publisher"] == "Test News"
    assert meta["inferred"]["published"].startswith("stated by the web page (trafilatura")
    assert meta["inferred"]["language"].startswith("detected from the text")
    text_file = raw_dir / meta["text_file"]
    assert meta["text_sha256"] == hashlib.sha256(text_file.read_bytes()).hexdigest()
    # spans index the saved text
    article = read_article(path)
    assert article.text_path == text_file and article.text == text_file.read_text("utf-8")
    from analysis.figures import extract_figures

    for _, f in extract_figures(article.text).iterrows():
        assert " ".join(article.text[f["start"] : f["end"]].split()) == f["quote"]
    assert find_story("osh-flood", raw_dir) == path
    # the saved text is evidence too
    text_file.write_text(article.text + "x", encoding="utf-8")
    with pytest.raises(ChecksumError):
        read_article(path)


def test_add_same_bytes_again_is_a_no_op_other_bytes_are_refused(tmp_path, capsys):
    raw_dir = tmp_path / "raw"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    assert main(["add", str(a), "--story", "osh", "--raw-dir", str(raw_dir)]) == 0
    before = {p.name: p.read_bytes() for p in raw_dir.iterdir()}
    assert main(["add", str(a), "--story", "osh", "--raw-dir", str(raw_dir)]) == 0
    capsys.readouterr()
    assert main(["add", str(b), "--story", "osh", "--raw-dir", str(raw_dir)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("error: story 'osh' already exists") and "--story" in err
    assert {p.name: p.read_bytes() for p in raw_dir.iterdir()} == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--date", "yesterday"], "give it as YYYY-MM-DD"),
        (["--lang", "Kyrgyz"], "give a code such as ky"),
        (["--story=.bad"], "story name"),
    ],
)
def test_add_bad_flags_one_line_nothing_written(tmp_path, capsys, argv, message):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    raw_dir = tmp_path / "raw"
    assert main(["add", str(src), "--raw-dir", str(raw_dir), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err
    assert not raw_dir.exists() or not list(raw_dir.iterdir())


def test_cli_reads_web_pages_too(tmp_path, capsys):
    src = tmp_path / "page.html"
    src.write_bytes(web_page(ARTICLE).encode("utf-8"))
    assert main(["extract", str(src)]) == 0
    out = capsys.readouterr().out
    assert "каза болуп" in out and "99" not in out.split("\n", 1)[1].split(",")[0]


def test_example_prints_the_bundled_article(capsys):
    assert main(["example"]) == 0
    assert capsys.readouterr().out.strip() == str(config.SEED_RAW)


# --- one story, one place -----------------------------------------------------------------------


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@needs_kernel
@pytest.mark.slow
def test_two_stories_one_web_page_never_touch_each_other(tmp_path, monkeypatch, capsys):
    """Plain text without metadata, then the same article as a saved web page, built in turn."""
    monkeypatch.chdir(tmp_path)
    Path("osh.txt").write_text(ARTICLE, encoding="utf-8")
    Path("saved.html").write_text(web_page(ARTICLE), encoding="utf-8")
    # 1. a text file with no sidecar: built from flags alone; what is missing is said
    assert main(["build", "--raw", "osh.txt", "--story", "osh-text", "--lang", "en",
                 "--no-examples"]) == 0  # fmt: skip
    text_story = {
        "processed": tree_hashes(tmp_path / "data" / "processed" / "osh-text"),
        "reports": tree_hashes(tmp_path / "reports" / "osh-text"),
    }
    page = (tmp_path / "reports" / "osh-text" / "osh-text.en.html").read_text("utf-8")
    assert "publisher not given, date not given" in page
    assert "hreflang" not in page  # only English was built
    # 2. the saved page: added, then built by story name
    assert main(["add", "saved.html", "--story", "osh-page"]) == 0
    assert main(["build", "--story", "osh-page", "--lang", "en"]) == 0
    executed = (tmp_path / "reports" / "osh-page" / "notebooks").glob("*.ipynb")
    assert len(list(executed)) == 4
    assert {
        "processed": tree_hashes(tmp_path / "data" / "processed" / "osh-text"),
        "reports": tree_hashes(tmp_path / "reports" / "osh-text"),
    } == text_story
    page = (tmp_path / "reports" / "osh-page" / "osh-page.en.html").read_text("utf-8")
    assert "Test News, 2024-05-14" in page and "not given" not in page
    # 3. the same figures from the page as from its plain text
    a = read_published(tmp_path / "data" / "processed" / "osh-text")["tables"]["figures"]
    b = read_published(tmp_path / "data" / "processed" / "osh-page")["tables"]["figures"]
    cols = ["measure", "group", "value", "qualifier", "quote"]
    assert len(a) >= 3
    pd.testing.assert_frame_equal(a[cols], b[cols])
    package = json.loads(
        (tmp_path / "data" / "processed" / "osh-page" / "datapackage.json").read_text("utf-8")
    )
    (source,) = package["sources"]
    assert source["path"] == "data/raw/osh-page.html"
    assert source["text_path"] == "data/raw/osh-page.text.txt"
    # 4. rebuilding the first story leaves the second's files alone
    second = tree_hashes(tmp_path / "data" / "processed" / "osh-page")
    assert main(["publish", "--raw", "osh.txt", "--story", "osh-text"]) == 0
    assert tree_hashes(tmp_path / "data" / "processed" / "osh-page") == second
    assert sorted(p.name for p in (tmp_path / "data" / "raw").iterdir()) == [
        "osh-page.html",
        "osh-page.meta.json",
        "osh-page.text.txt",
    ]
