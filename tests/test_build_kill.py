"""A killed build loses nothing; two builds at once do not corrupt each other.

A build runs in a child process on a test article; the test waits until it executes its
notebook, kills it with SIGKILL (no clean-up code runs), and checks that the previous reports
are intact, that the next build removes the staging folder the killed one left and succeeds.
A second build started while one runs is refused at once with one line (exit status 2).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis import config
from analysis.atomic import BusyError, exclusive, staging_dir
from analysis.cli import main
from analysis.report import build

pytestmark = pytest.mark.slow

ARTICLE = (
    "Бишкекте 12 адам жаракат алды, алардын ичинен 5 милиция кызматкери.\n"
    "14:30 Ошто митинг башталды\nАянтка 300дөй адам чогулду.\n"
)


def _article(folder: Path) -> Path:
    raw = folder / "raw" / "story.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text(ARTICLE, encoding="utf-8")
    meta = {"story": "story", "published": "2022-01-05", "publisher": "Test", "language": "ky"}
    (raw.parent / "story.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return raw


def _start_build(raw: Path, out: Path, processed: Path) -> subprocess.Popen:
    code = (
        "from analysis.report import build\n"
        f"build(raw={str(raw)!r}, langs=['en'], out={str(out)!r}, "
        f"processed={str(processed)!r}, notebooks=['04-report'], workers=1)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(config.ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=config.ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(proc: subprocess.Popen, line: str, timeout: float = 120.0) -> list[str]:
    """Read the build's progress until ``line`` shows; fail when it ends or times out."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = proc.stderr.readline()
        if not got and proc.poll() is not None:
            pytest.fail(f"build ended ({proc.returncode}) before {line!r}: {seen}")
        seen.append(got.rstrip())
        if line in got:
            return seen
    pytest.fail(f"no {line!r} within {timeout} s: {seen}")


def _kill(proc: subprocess.Popen) -> None:
    """SIGKILL the build; then end the kernels it started, which the kill orphans."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
    except (psutil.NoSuchProcess, ProcessLookupError):
        children = []  # it had already finished
    proc.wait(30)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_killed_build_keeps_previous_reports_and_next_build_cleans_up(tmp_path):
    raw = _article(tmp_path)
    out, processed = tmp_path / "reports", tmp_path / "processed"
    out.mkdir()
    (out / "story.en.html").write_text("<p>previous report</p>", encoding="utf-8")
    (out / "notebooks").mkdir()
    (out / "notebooks" / "04-report.en.ipynb").write_text("{}", encoding="utf-8")
    before = _snapshot(out)

    proc = _start_build(raw, out, processed)
    _wait_for(proc, "notebook(s) on")
    time.sleep(0.5)  # the kernels are starting or running the notebook: mid-build
    _kill(proc)
    assert proc.returncode == -signal.SIGKILL

    assert _snapshot(out) == before
    stale = list(tmp_path.glob(".tmp-stage-reports-*"))
    assert stale, "the killed build should have left its staging folder"

    pages = build(
        raw=raw,
        langs=["en"],
        out=out,
        processed=processed,
        notebooks=["04-report"],
        workers=1,
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    html = pages[0].read_text(encoding="utf-8")
    assert "previous report" not in html and "<html" in html
    assert (processed / "figures.csv").exists()


def test_second_build_is_refused_while_one_runs(tmp_path, capsys):
    raw = _article(tmp_path)
    out, processed = tmp_path / "reports", tmp_path / "processed"
    proc = _start_build(raw, out, processed)
    try:
        _wait_for(proc, "publishing to")
        with pytest.raises(BusyError, match=r"another build or publish \(pid \d+\) is writing"):
            build(raw=raw, langs=["en"], out=out, processed=processed, notebooks=["04-report"])
        code = main(["build", "--raw", str(raw), "--out", str(out), "--lang", "en"])
        _, err = capsys.readouterr()
        assert code == 2
        assert err.count("\n") == 1
        assert err == (
            f"error: {out.resolve()}: another build or publish (pid {proc.pid}) is writing it; "
            "try again when it has finished\n"
        )
    finally:
        _kill(proc)


def test_lock_nests_in_one_process_and_dies_with_its_holder(tmp_path):
    folder = tmp_path / "out"
    with exclusive(folder), exclusive(folder), staging_dir(folder) as stage:
        (stage / "a.txt").write_text("a", encoding="utf-8")
    assert (folder / "a.txt").read_text(encoding="utf-8") == "a"
    # A holder killed with the lock held: the lock is free again at once.
    code = (
        "import os, signal, sys\n"
        "from analysis.atomic import exclusive\n"
        f"with exclusive({str(folder)!r}):\n"
        "    print('held', flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(config.ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout == "held\n" and done.returncode == -signal.SIGKILL
    with exclusive(folder):
        pass
