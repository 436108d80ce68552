"""``qantar watch``: builds again when a story's files change, on kernels kept warm, and its
pages are the bytes a build of its own writes."""

from __future__ import annotations

import pytest
from fixtures_builds import (
    TEST_STORY,
    hostile_options,
    hostile_reports,  # noqa: F401 (a fixture)
    hostile_story,
    needs_kernel,
)

from analysis import config, watch


def test_the_files_of_a_story(tmp_path):
    raw = hostile_story(tmp_path)
    files = watch.files_of(raw)
    sidecar = raw.with_name("test-article.meta.json")
    assert files[:3] == [raw, sidecar, raw.parent / "annotations.csv"]
    assert files[3:] and all(p.suffix == ".ipynb" for p in files[3:])
    before = watch.signature(files)
    assert before == watch.signature(files)
    hostile_story(tmp_path, "Another Press")
    assert watch.signature(files) != before


def test_an_edit_of_the_bundled_story_is_no_change_of_the_package():
    # the bundled example's article and annotations live inside the package
    watched = watch.files_of(config.SEED_RAW)
    names = {entry[0] for entry in watch._package_signature(watched)}
    assert str(config.ANNOTATIONS.resolve()) not in names
    assert str(config.ANNOTATIONS.resolve()) in {e[0] for e in watch._package_signature()}
    assert any(name.endswith("rules_ky.py") for name in names)


@needs_kernel
@pytest.mark.slow
def test_a_watch_session(tmp_path, monkeypatch, capsys, hostile_reports):  # noqa: F811
    """Built as a build of its own builds; an edit is built on the same kernel; bad input is
    one line and watching goes on; a changed package ends the session."""
    raw = hostile_story(tmp_path)
    package = iter(range(1000))
    monkeypatch.setattr(watch, "_package_signature", lambda *_: 0)
    seen = []

    def on_build(pages, stats):
        seen.append((pages, stats, pages[0].read_bytes() if pages else None))
        if len(seen) == 1:  # what an editor does between two builds
            hostile_story(tmp_path, "Another Press")
        elif len(seen) == 2:  # a broken annotations file
            (raw.parent / "annotations.csv").write_text("nonsense\n", encoding="utf-8")
        else:  # the package is upgraded under the session
            monkeypatch.setattr(watch, "_package_signature", lambda *_: next(package))

    status = watch.watch(raw, interval=0.05, on_build=on_build, **hostile_options(tmp_path))
    assert status == 3
    (_, one, page1), (second, two, page2), (failed, _, _) = seen
    name = f"{TEST_STORY}.ru.html"
    assert page1 == (hostile_reports / "reports" / name).read_bytes()
    assert one["kernels_started"] == 1 and two["kernels_started"] == 0
    assert b"Another Press" in page2 and page2 != page1
    assert failed is None and second[0].read_bytes() == page2  # the last good page stays
    err = capsys.readouterr().err
    assert "[watch] error: annotations.csv: missing column(s)" in err
    assert "start qantar watch again" in err
