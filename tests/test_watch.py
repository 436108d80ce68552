"""``qantar watch``: builds again when a story's files change, on kernels kept warm, and its
pages are the bytes a build of its own writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_builds import needs_kernel

from analysis import render, watch
from analysis.sources import sha256_of

ARTICLE = (
    "Шаарда жер титирөө болду\n"
    "Шаарда кечээ жер титирөөдөн 4 адам каза болуп, 17 адам жаракат алды.\n"
)
OPTIONS = {"langs": ("en",), "notebooks": (render.REPORT_NOTEBOOK,), "workers": 1}


def _story(folder: Path, publisher: str = "Test Press") -> Path:
    raw = folder / "raw" / "quake.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(ARTICLE, encoding="utf-8")
    _sidecar(raw, publisher)
    return raw


def _sidecar(raw: Path, publisher: str) -> None:
    meta = {
        "story": "quake-story",
        "publisher": publisher,
        "published": "2021-03-04",
        "sha256": sha256_of(raw.read_bytes()),
    }
    raw.with_name("quake.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _where(folder: Path) -> dict:
    return {"out": folder / "reports", "processed": folder / "processed"}


def test_the_files_of_a_story(tmp_path):
    raw = _story(tmp_path)
    files = watch.files_of(raw)
    assert files[:3] == [raw, raw.with_name("quake.meta.json"), raw.parent / "annotations.csv"]
    assert all(p.suffix == ".ipynb" for p in files[3:]) and files[3:]
    before = watch.signature(files)
    assert before == watch.signature(files)
    _sidecar(raw, "Another Press")
    assert watch.signature(files) != before


@needs_kernel
@pytest.mark.slow
def test_an_edit_is_built_on_the_same_kernel_and_gives_the_pages_of_a_fresh_build(tmp_path):
    raw = _story(tmp_path / "watched")
    seen = []

    def on_build(pages, stats):
        seen.append((pages, stats))
        if len(seen) == 1:
            _sidecar(raw, "Another Press")  # what an editor does between two builds

    status = watch.watch(
        raw, interval=0.05, builds=2, on_build=on_build, **_where(tmp_path / "watched"), **OPTIONS
    )
    assert status == 0
    (_, one), (second, two) = seen
    assert one["kernels_started"] == 1 and two["kernels_started"] == 0
    page = second[0].read_bytes()
    assert b"Another Press" in page

    fresh = _story(tmp_path / "fresh", "Another Press")
    (alone,) = render.build(raw=fresh, **_where(tmp_path / "fresh"), **OPTIONS)
    assert page == alone.read_bytes()


@needs_kernel
@pytest.mark.slow
def test_bad_input_is_one_line_and_a_changed_package_ends_the_session(
    tmp_path, monkeypatch, capsys
):
    raw = _story(tmp_path)
    package = iter(range(1000))
    monkeypatch.setattr(watch, "_package_signature", lambda: 0)
    seen = []

    def on_build(pages, stats):
        seen.append(pages)
        if len(seen) == 1:  # the raw file edited without its sidecar: evidence changed
            raw.write_text(ARTICLE + "Дагы 2 адам каза болду.\n", encoding="utf-8")
        else:  # the package is upgraded under the session
            monkeypatch.setattr(watch, "_package_signature", lambda: next(package))

    status = watch.watch(raw, interval=0.05, on_build=on_build, **_where(tmp_path), **OPTIONS)
    assert status == 3
    assert seen[0] is not None and seen[1] is None and len(seen) == 2
    err = capsys.readouterr().err
    assert "[watch] error: " in err and "raw files are evidence" in err
    assert "start qantar watch again" in err
    assert seen[0][0].exists()  # the last good report is still there
