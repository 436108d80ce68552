"""Session fixtures shared by the slow tests: one build of each test story per run.

Test modules import the fixtures they use (``from fixtures_builds import built_reports``).

Under pytest-xdist every worker is its own session, so a build is made once per run
through a lock file in a folder all workers share (:func:`once`); ``make test`` keeps each
test file on one worker (``--dist loadfile``), so the browser tests share one Chromium.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

from analysis import config, render

LANGS = ("ky", "ru", "en")
TEST_STORY = "test-unrest-story"
#: A test article written here (not the seed): Kyrgyz sentences with figures and hostile markup.
TEST_ARTICLE = (
    "Шаарда нааразылык акциясы өттү. <script>alert(1)</script> Кечээ 25 адам жаракат алды, "
    "алардын 10у полиция кызматкерлери. <img src=x onerror=alert(2)> Шаарда 12 унаа өрттөлдү.\n"
)


def seed_story() -> str:
    return json.loads(config.SEED_RAW.with_suffix(".meta.json").read_text())["story"]


def kernel_available() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager

    return bool(KernelSpecManager().find_kernel_specs())


# `make install` registers the kernel; in CI a missing kernel is a failure, not a skip.
needs_kernel = pytest.mark.skipif(
    not kernel_available() and not os.environ.get("CI"), reason="no Jupyter kernel installed"
)


def shared_dir(tmp_path_factory, name: str) -> Path:
    """A folder shared by all xdist workers of this run (one build per session)."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    return (base.parent / f"{name}-{run}") if run else (base / name)


def once(folder: Path, make) -> Path:
    """Run ``make(folder)`` once across processes; later callers reuse the result."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".done"
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            done.write_text("ok")
    return folder


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory) -> Path:
    """The bundled article built in all three languages, once per test run.

    The folder is laid out like a workspace (``reports/<story>``, ``data/processed/<story>``),
    so its pages link to the tables exactly as the committed ones do.
    """
    story = seed_story()

    def make(folder: Path) -> None:
        render.build(
            langs=LANGS,
            out=folder / "reports" / story,
            processed=folder / "data" / "processed" / story,
        )

    return once(shared_dir(tmp_path_factory, "qantar-seed-build"), make)


@pytest.fixture(scope="session")
def hostile_reports(tmp_path_factory) -> Path:
    """A test article (hostile markup included) built in Russian only."""

    def make(folder: Path) -> None:
        render.build(raw=hostile_story(folder), **hostile_options(folder))

    return once(shared_dir(tmp_path_factory, "qantar-test-build"), make)


def hostile_story(folder: Path, publisher: str = "Test <Press>") -> Path:
    """The test article and its sidecar written into ``folder/raw``; returns the raw file."""
    raw = folder / "raw" / "test-article.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(TEST_ARTICLE, encoding="utf-8")
    meta = {
        "story": TEST_STORY,
        "publisher": publisher,
        "published": "2020-02-02",
        "credit": publisher,
    }
    (raw.parent / "test-article.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return raw


def hostile_options(folder: Path) -> dict:
    """How :func:`hostile_reports` builds the test article (into ``folder``)."""
    return {
        "langs": ("ru",),
        "out": folder / "reports",
        "processed": folder / "processed",
        "notebooks": ("04-report",),
    }
