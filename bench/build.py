"""Benchmark of ``qantar build``: wall time beside the floor measured in the same run.

The floor is what any notebook report costs here: papermill running an empty notebook
(one parameters cell) in a kernel of its own, plus the HTML export of the result through
the project's template, in a fresh process (the imports of papermill and nbconvert count).

Then, in the same process, the bundled article in ky, ru and en:

* **cold**: into empty folders, so every notebook runs (3 worked examples, 3 reports);
* **rebuild**: the same build again: the tables are published and the three reports run
  again; the worked examples, whose inputs did not change, are reused (keyed by hashes).
  This is the build the ≤ 3 × floor target is about;

and where the time goes: when the kernels were ready, when publishing ended, each
notebook's run and export time. Both builds write into a temporary folder.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

LANGS = ("ky", "ru", "en")
TARGET = 3.0


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the kernels)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _floor(folder: Path) -> float:
    """Seconds to run and export an empty parameterized notebook (papermill + nbconvert)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from analysis.render import _kernel_name, export_html, run_notebook

    cell = new_code_cell('lang = "en"')
    cell.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": _kernel_name(), "display_name": "", "language": "python"}
    empty = folder / "empty.ipynb"
    nbformat.write(nb, empty)
    t0 = time.perf_counter()
    run_notebook(empty, folder / "empty.out.ipynb", {"lang": "ky"})
    export_html(folder / "empty.out.ipynb", lang="ky")
    return time.perf_counter() - t0


def _profile(stats: dict) -> str:
    jobs = "; ".join(
        f"{j['notebook']} {j['run_s']:.1f}+{j['export_s']:.1f}" for j in stats.get("jobs", [])
    )
    ready = ", ".join(f"{x:.1f}" for x in stats.get("kernel_ready_s", []))
    return (
        f"{stats['kernels']} kernel(s) ready (imports done) at {ready} s; tables published at "
        f"{stats.get('publish_s', 0):.1f} s; notebooks run+export s: {jobs}"
    )


def run() -> dict:
    """Time the floor, a cold build and a rebuild; returns the numbers and a summary.

    Returns
    -------
    dict
        ``floor_s``, ``cold_s``, ``cold_ratio``, ``rebuild_s``, ``rebuild_ratio`` (the target:
        <= 3), ``page_bytes`` (largest report), ``cpu_s`` (CPU seconds of the three runs,
        kernels included), ``load_before`` (the machine's 1-minute load average before the
        run: wall times mean little when it exceeds the cores), ``cold_profile``,
        ``rebuild_profile`` and ``summary``.
    """
    from analysis.render import build

    with tempfile.TemporaryDirectory(prefix="qantar-bench-") as tmp:
        folder = Path(tmp)
        load = os.getloadavg()[0]
        c0 = _cpu()
        floor = _floor(folder)
        c1 = _cpu()
        kw = {"langs": LANGS, "out": folder / "reports", "processed": folder / "processed"}
        cold: dict = {}
        pages = build(stats=cold, **kw)
        c2 = _cpu()
        warm: dict = {}
        build(stats=warm, **kw)
        c3 = _cpu()
        largest = max(p.stat().st_size for p in pages)
    ratio = warm["wall_s"] / floor
    result = {
        "floor_s": round(floor, 2),
        "cold_s": cold["wall_s"],
        "cold_ratio": round(cold["wall_s"] / floor, 1),
        "rebuild_s": warm["wall_s"],
        "rebuild_ratio": round(ratio, 1),
        "page_bytes": largest,
        # CPU seconds (this process and its kernels): what the machine's load cannot inflate
        "cpu_s": f"floor {c1 - c0:.1f}, cold {c2 - c1:.1f}, rebuild {c3 - c2:.1f}",
        "load_before": round(load, 1),
        "cold_profile": _profile(cold),
        "rebuild_profile": _profile(warm),
    }
    result["summary"] = (
        f"floor (papermill + HTML export of an empty notebook) {floor:.1f} s; "
        f"cold build {cold['wall_s']:.1f} s ({cold['jobs_run']} notebooks, "
        f"{cold['wall_s'] / floor:.1f} x floor); rebuild {warm['wall_s']:.1f} s "
        f"({warm['jobs_run']} reports, {warm['examples_reused']} worked examples unchanged): "
        f"build ratio {ratio:.1f} x floor ({'within' if ratio <= TARGET else 'above'} the "
        f"{TARGET:.0f} x target); largest page {largest / 1000:.0f} kB"
    )
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
