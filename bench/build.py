"""Benchmark of ``qantar build``: builds beside the floor, each pair measured in turn.

The floor is what any notebook report costs here: papermill running an empty notebook
(one parameters cell) in a kernel of its own, plus the HTML export of the result through
the project's template, in a fresh Python process. The notebook machinery (nbformat,
nbclient, papermill, nbconvert) is imported before the clock starts, in the floor's process
and in each build's alike; what those imports cost is printed (``imports_s``); everything else
a build imports or loads (pandas, the extractor, the gazetteer, the kernels) counts.

The builds are of a copy of the bundled article (text, sidecar, annotations) in ky, ru and en,
each in a fresh Python process, as ``qantar build`` runs, into one temporary workspace:

* **cold**: into empty folders, so every notebook runs (3 worked examples, 3 reports);
* **unchanged**: the same build again: nothing changed, so the tables, the worked examples
  and the reports are all reused (keyed by hashes of their inputs);
* **annotated**: one annotation's text edited (what a fact-checker does): the tables are
  published again and every notebook that shows what annotations change runs again (all but
  ``01-clean``, whose metadata says it reads none);
  charts whose inputs did not change come from the build's chart cache;
* **updated**: a live-blog entry with a count appended to the article (the sidecar's checksum
  updated): tables, notebooks and the charts that show the new entry are made again.

Then a **watch session** (``qantar watch``: kernels kept running between builds,
:class:`analysis.render.KernelPool`), in this process on a copy of its own: its first build,
then the annotated and updated edits again, each built on the kernels the session already has
(``watch_*``; ``watch_ratio``), what a newsroom sees while it edits a story.

Each build is measured right after a floor of its own, so that both see the same load on a
shared machine; the ratios are of that pair. CPU seconds are those of the process and all its
children (kernels included), which the load of other jobs does not inflate. ``BENCH_REPEAT``
repeats the annotated and updated builds (each time another edit).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGS = ("ky", "ru", "en")
TARGET = 3.0
ROOT = Path(__file__).resolve().parent.parent
#: The builds a newsroom makes again after an edit.
EDITS = ("annotated", "updated")

#: Run first by the floor and by the builds alike, before the clock starts: the notebook
#: machinery's imports (``import nbformat`` alone takes 3 s in a fresh process here, most of it
#: jsonschema building an IRI grammar), the same for both, printed as ``imports_s``.
_PRELUDE = """
import json, resource, sys, time
t0 = time.perf_counter()
import nbclient, nbconvert, nbformat, papermill
from nbformat.v4 import new_code_cell, new_notebook
imports = time.perf_counter() - t0

def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

c0, t0 = cpu(), time.perf_counter()
"""
_REPORT = """
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "imports": imports, **out}))
"""
_FLOOR = (
    _PRELUDE
    + """
from pathlib import Path
from analysis.render import _kernel_name, export_html, run_notebook

folder = Path(sys.argv[1])
cell = new_code_cell('lang = "en"')
cell.metadata["tags"] = ["parameters"]
nb = new_notebook(cells=[cell])
nb.metadata["kernelspec"] = {"name": _kernel_name(), "display_name": "", "language": "python"}
nbformat.write(nb, folder / "empty.ipynb")
run_notebook(folder / "empty.ipynb", folder / "empty.out.ipynb", {"lang": "ky"})
export_html(folder / "empty.out.ipynb", lang="ky")
out = {}
"""
    + _REPORT
)
_BUILD = (
    _PRELUDE
    + """
from analysis.render import build

raw, out_dir, processed = sys.argv[1:4]
out = {"stats": {}}
build(raw=raw, langs=sys.argv[4].split(","), out=out_dir, processed=processed, stats=out["stats"])
"""
    + _REPORT
)


def _timed(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh Python process; its last line: wall, cpu, imports (s), ..."""
    path = os.environ.get("PYTHONPATH", "")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(x for x in (str(ROOT), path) if x)}
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"benchmark step failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _article(folder: Path) -> Path:
    """A copy of the bundled article, its sidecar and annotations, to be edited."""
    from analysis import config

    raw = folder / "raw" / config.SEED_RAW.name
    raw.parent.mkdir(parents=True)
    for src in (config.SEED_RAW, config.SEED_RAW.with_suffix(".meta.json")):
        shutil.copyfile(src, raw.parent / src.name)
    shutil.copyfile(config.SEED_RAW.parent / "annotations.csv", raw.parent / "annotations.csv")
    return raw


def _annotate(raw: Path, n: int) -> None:
    """Edit the text of one note (what a fact-checker does between two builds)."""
    notes = raw.parent / "annotations.csv"
    text = notes.read_text(encoding="utf-8")
    # the note as bundled, or as an earlier edit left it (BENCH_REPEAT edits it again)
    marker = re.compile(r"Sources disagree(?: \(checked \d+ times\))?:")
    edited = marker.sub(f"Sources disagree (checked {n + 1} times):", text, count=1)
    assert edited != text, "the note to edit is not in the annotations"
    notes.write_text(edited)


def _update(raw: Path, n: int) -> None:
    """Append a live-blog entry with a count; the sidecar's checksum follows."""
    from analysis.sources import sha256_of

    with raw.open("a", encoding="utf-8") as fh:
        fh.write(f"\n17:{10 + n:02d} Алматыда дагы {4 + n} унаа өрттөлдү.\n")
    sidecar = raw.with_suffix(".meta.json")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    meta["sha256"] = sha256_of(raw.read_bytes())
    sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _profile(stats: dict) -> str:
    jobs = "; ".join(
        f"{j['notebook']} {j['run_s']:.1f}+{j['export_s']:.1f}" for j in stats.get("jobs", [])
    )
    ready = ", ".join(f"{x:.1f}" for x in stats.get("kernel_ready_s", []))
    reused = (
        f"reused: tables {stats.get('published') == 'unchanged'}, "
        f"{stats.get('examples_reused', 0)} worked example(s), "
        f"{stats.get('reports_reused', 0)} report(s)"
    )
    if not stats.get("kernels"):
        return f"no kernel; {reused}; tables checked at {stats.get('publish_s', 0):.2f} s"
    return (
        f"{stats['kernels']} kernel(s) ready (imports done) at {ready} s; tables "
        f"{stats.get('published', '?')} at {stats.get('publish_s', 0):.1f} s; {reused}; "
        f"notebooks run+export s: {jobs}"
    )


def _pair(name: str, row: dict) -> str:
    return (
        f"wall {row['wall']:.1f} s / floor {row['floor']:.1f} s = "
        f"{row['wall'] / row['floor']:.1f} x; CPU {row['cpu']:.1f} s / {row['floor_cpu']:.1f} s "
        f"= {row['cpu'] / row['floor_cpu']:.1f} x; load before {row['load']:.1f}"
    )


def _edit_then_floor(folder: Path, raw: Path, step: int, name: str, n: int) -> tuple:
    """Make the ``n``-th edit of kind ``name`` (none for cold and unchanged builds), then
    measure a floor; returns the 1-minute load before the floor and the floor."""
    if name == "annotated":
        _annotate(raw, n)
    elif name == "updated":
        _update(raw, n)
    load = os.getloadavg()[0]
    floor_dir = folder / f"floor-{step}"
    floor_dir.mkdir()
    return load, _timed(_FLOOR, str(floor_dir))


def _watched(folder: Path, plan: list[str]) -> tuple[dict, list[tuple[str, dict]]]:
    """A ``qantar watch`` session in this process: its first build, then one build per edit
    of ``plan`` on the kernels kept from it, each after a floor of its own. CPU seconds are
    this process's and its kernels' (they keep running, so they are read from psutil)."""
    import psutil

    from analysis.render import KernelPool, build

    me = psutil.Process()

    def cpu() -> float:
        total = sum(me.cpu_times()[:2])
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += sum(child.cpu_times()[:2])
        return total

    raw = _article(folder)
    where = {"out": folder / "reports", "processed": folder / "processed", "langs": LANGS}
    rows: list[tuple[str, dict]] = []
    counts: dict[str, int] = {}
    with KernelPool() as pool:
        t0, c0 = time.perf_counter(), cpu()
        first: dict = {}
        build(raw=raw, pool=pool, stats=first, **where)
        start = {"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "stats": first}
        for step, name in enumerate(plan):
            n = counts[name] = counts.get(name, -1) + 1
            load, floor = _edit_then_floor(folder, raw, step, name, 100 + n)
            stats: dict = {}
            t0, c0 = time.perf_counter(), cpu()
            build(raw=raw, pool=pool, stats=stats, **where)
            row = {"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "load": load}
            row.update(floor=floor["wall"], floor_cpu=floor["cpu"], profile=_profile(stats))
            rows.append((name, row))
    return start, rows


def run() -> dict:
    """Time a floor, then a build, for the cold, unchanged, annotated and updated builds.

    Returns
    -------
    dict
        ``cores``, ``load_before`` (1-minute load average before the run: wall times mean
        little when it exceeds the cores), ``imports_s`` (what the untimed imports cost);
        per build ``<name>``: wall and CPU seconds of the build and of the floor measured just
        before it, their ratios and the load; ``<name>_profile``: where the time went;
        ``build_ratio``: the worst wall ratio of the annotated and updated rebuilds,
        ``build_cpu_ratio`` the same in CPU, ``unchanged_ratio``; ``watch_first``,
        ``watch_annotated``, ``watch_updated`` (and their ``_profile``), ``watch_ratio`` and
        ``watch_cpu_ratio``: the same in a watch session; ``summary``.
    """
    repeat = max(1, int(os.environ.get("BENCH_REPEAT", "1")))
    plan = ["cold", "unchanged"] + [name for _ in range(repeat) for name in EDITS]
    result: dict = {"cores": os.cpu_count(), "load_before": round(os.getloadavg()[0], 1)}
    rows: dict[str, list[dict]] = {}
    imports: list[float] = []
    with tempfile.TemporaryDirectory(prefix="qantar-bench-") as tmp:
        folder = Path(tmp)
        raw = _article(folder)
        out, processed = folder / "reports", folder / "processed"
        for step, name in enumerate(plan):
            load, floor = _edit_then_floor(folder, raw, step, name, len(rows.get(name, [])))
            made = _timed(_BUILD, str(raw), str(out), str(processed), ",".join(LANGS))
            imports += [floor["imports"], made["imports"]]
            rows.setdefault(name, []).append(
                {
                    "load": load,
                    "floor": floor["wall"],
                    "floor_cpu": floor["cpu"],
                    "wall": made["wall"],
                    "cpu": made["cpu"],
                    "profile": _profile(made["stats"]),
                }
            )
        pages = max(p.stat().st_size for p in out.glob("*.html"))
        watch_dir = folder / "watch"
        watch_dir.mkdir()
        first, watched = _watched(watch_dir, [name for _ in range(repeat) for name in EDITS])
    result["imports_s"] = f"{min(imports):.1f}–{max(imports):.1f} (untimed, in every process)"
    for name, runs in rows.items():
        result[name] = " | ".join(_pair(name, r) for r in runs)
        result[f"{name}_profile"] = " | ".join(r["profile"] for r in runs)
    result["watch_first"] = (
        f"first build of the session {first['wall']:.1f} s (CPU {first['cpu']:.1f} s): "
        + _profile(first["stats"])
    )
    for name in EDITS:
        runs = [r for n, r in watched if n == name]
        result[f"watch_{name}"] = " | ".join(_pair(name, r) for r in runs)
        result[f"watch_{name}_profile"] = " | ".join(r["profile"] for r in runs)
    warm = max(r["wall"] / r["floor"] for _, r in watched)
    warm_cpu = max(r["cpu"] / r["floor_cpu"] for _, r in watched)
    edited = [r for name in EDITS for r in rows[name]]
    ratio = max(r["wall"] / r["floor"] for r in edited)
    cpu_ratio = max(r["cpu"] / r["floor_cpu"] for r in edited)
    same = max(r["wall"] / r["floor"] for r in rows["unchanged"])
    cold = rows["cold"][0]
    floors = [r["floor"] for runs in rows.values() for r in runs]
    result.update(
        build_ratio=round(ratio, 1),
        build_cpu_ratio=round(cpu_ratio, 1),
        unchanged_ratio=round(same, 2),
        watch_ratio=round(warm, 1),
        watch_cpu_ratio=round(warm_cpu, 1),
        page_bytes=pages,
    )
    result["summary"] = (
        f"rebuild after an edit (annotation, live-blog entry): up to {ratio:.1f} x the floor "
        f"in wall time ({'within' if ratio <= TARGET else 'above'} the {TARGET:.0f} x target), "
        f"{cpu_ratio:.1f} x in CPU; rebuild with nothing changed {same:.2f} x "
        f"({'within' if same <= TARGET else 'above'} the target); cold build "
        f"{cold['wall'] / cold['floor']:.1f} x (CPU {cold['cpu'] / cold['floor_cpu']:.1f} x); "
        f"floors {min(floors):.1f}–{max(floors):.1f} s; largest page {pages / 1000:.0f} kB; "
        f"in a watch session (kernels kept warm) a rebuild after an edit is up to {warm:.1f} x "
        f"the floor ({'within' if warm <= TARGET else 'above'} the target), {warm_cpu:.1f} x in CPU"
    )
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
