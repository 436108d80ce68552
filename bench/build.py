"""Benchmark of ``python -m analysis build``: wall time beside the floor measured in the same run.

The floor is what any notebook report costs here: papermill running an empty
notebook (one parameters cell) on the project's kernel, plus the HTML export of
the result through the project's template. The build publishes the tables and
runs every notebook (worked examples once, the report once per language) on
``min(jobs, cores)`` kernels; both write into a temporary folder.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

LANGS = ("ky", "ru", "en")


def _floor(folder: Path) -> float:
    """Seconds to run and export an empty parameterized notebook."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from analysis.report import _kernel_name, export_html, run_notebook

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


def run() -> dict:
    """Time one full build and the floor; returns the numbers and a one-line summary.

    Returns
    -------
    dict
        ``wall_s`` (build), ``floor_s`` (empty notebook run + export), ``ratio``,
        ``jobs``, ``workers``, ``page_bytes`` (largest report) and ``summary``.
    """
    from analysis.report import NOTEBOOKS, build

    with tempfile.TemporaryDirectory(prefix="qantar-bench-") as tmp:
        folder = Path(tmp)
        floor = _floor(folder)
        t0 = time.perf_counter()
        pages = build(langs=LANGS, out=folder / "reports", processed=folder / "processed")
        wall = time.perf_counter() - t0
        largest = max(p.stat().st_size for p in pages)
    jobs = len(NOTEBOOKS) - 1 + len(LANGS)
    workers = max(1, min(jobs, os.cpu_count() or 1))
    result = {
        "wall_s": round(wall, 2),
        "floor_s": round(floor, 2),
        "ratio": round(wall / floor, 1),
        "jobs": jobs,
        "workers": workers,
        "page_bytes": largest,
    }
    result["summary"] = (
        f"build: {wall:.1f} s wall for {jobs} notebooks on {workers} kernel(s) "
        f"({len(LANGS)} reports, largest {largest / 1000:.0f} kB); floor (papermill + HTML "
        f"export of an empty notebook) {floor:.1f} s; build = {wall / floor:.1f} x floor"
    )
    return result


if __name__ == "__main__":
    print(run()["summary"])
