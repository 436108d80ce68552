"""HTML reports in Kyrgyz, Russian and English, and the build that renders them.

Two halves:

* **report parts** — functions that turn the tables of one article into the
  pieces of a report page (key-number sentences, the table of every figure with
  its quote, checks, notes, methodology, data links, charts). The notebook
  ``notebooks/04-report.ipynb`` calls them and displays their HTML. All text
  taken from the article or the annotations goes through :func:`html.escape`.
* **the build** — :func:`build` publishes the tables, runs the notebooks with
  papermill (one kernel per language, in parallel where cores allow), exports
  ``04-report`` to HTML without code through the project's nbconvert template
  (``analysis/templates/qantar``: inline CSS, no scripts, nothing fetched) and
  writes ``reports/<story>.<lang>.html`` plus the executed notebooks. Outputs are
  written aside and moved into place only when every notebook succeeded.
"""

from __future__ import annotations

import base64
import io
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.i18n import LANGS, label
from analysis.plots import derived_text, format_value, place_label, row_label
from analysis.schemas import MEASURES
from analysis.sources import InputError, load_raw, metadata

__all__ = [
    "NOTEBOOKS",
    "REPORT_NOTEBOOK",
    "BuildError",
    "Chart",
    "build",
    "chart",
    "chart_source",
    "checks_html",
    "credit_html",
    "data_links_html",
    "export_html",
    "figures_html",
    "header_html",
    "key_numbers",
    "key_numbers_html",
    "load_article",
    "methodology_html",
    "notes_html",
    "refresh_notebooks",
    "run_notebook",
    "section_html",
]

#: The notebooks a build runs, in order; the last one becomes the HTML report.
NOTEBOOKS = ("01-clean", "02-figures", "03-tables", "04-report")
REPORT_NOTEBOOK = "04-report"
#: Resolution of chart images: sharp on a phone, small enough for a < 1 MB page.
CHART_DPI = 110
_LANG_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


class BuildError(InputError):
    """A notebook failed during the build; the message names the notebook and the cell."""


# --- loading -------------------------------------------------------------------------------------


def _story(raw: Path, meta: dict | None) -> str:
    """The story name: metadata ``story``, else the raw file's stem."""
    return str(meta["story"]) if meta and meta.get("story") else raw.stem


def load_article(raw: str | Path = config.SEED_RAW) -> dict:
    """Everything a report shows about one raw article: its metadata and its tables.

    Parameters
    ----------
    raw : str or Path
        The raw article (checksum verified when it has metadata). Annotations
        are read from ``annotations.csv`` beside it (this story's rows).

    Returns
    -------
    dict
        ``story`` (str), ``meta`` (dict: publisher, published, credit, ...),
        ``tables`` (dict of DataFrames: figures, injuries, vehicles,
        businesses, buildings, crowds, checks, annotations and timeline).
    """
    from analysis.annotations import read_annotations
    from analysis.tables import build_tables

    raw = Path(raw)
    text = load_raw(raw)
    meta = metadata(raw) or {}
    story = _story(raw, meta)
    annotations = read_annotations(raw.parent / "annotations.csv", story=story)
    tables = build_tables(text, annotations, meta=meta)
    return {"story": story, "meta": meta, "tables": tables}


# --- small helpers -------------------------------------------------------------------------------


def _cap(text: str) -> str:
    """First letter upper-cased (sentence start), the rest unchanged."""
    return text[:1].upper() + text[1:]


def _ids(cell) -> list[str]:
    """Figure or annotation ids from a ';'-joined cell."""
    return [x for x in str(cell or "").split(";") if x]


def _fig_link(fid: str, text: str | None = None) -> str:
    """An escaped link to a figure's row in the table of every figure."""
    return f'<a class="fig" href="#fig-{escape(fid)}">{escape(text or fid)}</a>'


def _note_text(row, lang: str) -> str:
    """An annotation's text in ``lang``, falling back to English."""
    return str(row.get(f"text_{lang}", "") or row.get("text_en", "") or "")


def _attributions(annotations: pd.DataFrame | None, lang: str) -> dict[str, str]:
    """Figure id -> who it is attributed to, in ``lang``."""
    out: dict[str, str] = {}
    if annotations is None or annotations.empty:
        return out
    for _, a in annotations[annotations["kind"] == "attribution"].iterrows():
        for fid in _ids(a.get("figures", "")):
            out.setdefault(fid, _note_text(a, lang))
    return out


def _place(name: str, date: str, lang: str) -> str:
    """A place (gazetteer id or name) in ``lang``; see :func:`analysis.plots.place_label`."""
    return place_label(name, date, lang)


def _counted(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures minus second readings of duplicated text (they are counted once)."""
    from analysis.checks import repeated_figures

    return figures[~figures["figure_id"].isin(repeated_figures(figures).index)]


# --- key numbers ---------------------------------------------------------------------------------


def key_numbers(
    figures: pd.DataFrame, annotations: pd.DataFrame | None = None, *, lang: str = "en"
) -> pd.DataFrame:
    """One sentence per key number, from the figures table and sentence templates.

    A total gets the template ``report.sentence.<measure>`` with its parts in
    brackets ("120 people were injured (police: 80; civilians: 40)"); parts
    stated without a total are listed per measure and place. Derived values say
    how they were computed; attributions are named.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table (:func:`analysis.tables.figures_table`).
    annotations : pandas.DataFrame, optional
        Annotations table (with ``figures``), for attributions.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    pandas.DataFrame
        Columns ``figures`` (ids joined by ';'), ``text`` (plain sentence) and
        ``html`` (the same sentence, escaped, every number linking to its figure).
    """
    label("report.title", lang)  # validates lang
    f = _counted(figures).reset_index(drop=True)
    ids = set(f["figure_id"])
    sources = _attributions(annotations, lang)
    children: dict[str, list] = {}
    for _, r in f.iterrows():
        if r["parent_id"] in ids:
            children.setdefault(r["parent_id"], []).append(r)
    roots = f[~f["parent_id"].isin(ids)]
    rows: list[dict] = []
    loose: dict[tuple, list] = {}

    def number(r) -> tuple[str, str]:
        shown = format_value(r)
        if r["qualifier"] == "several":
            # say it as the article does ("several thousand"), then the range it is read as
            words = label(f"report.several.{r['value']}", lang)
            if not words.startswith("report."):
                shown = f"{words} ({shown})"
        how = derived_text(r, figures, lang) if bool(r["derived"]) else ""
        text = f"{shown} ({how})" if how else shown
        html = _fig_link(r["figure_id"], shown)
        if how:
            html += f' <span class="derived">({escape(how)})</span>'
        return text, html

    def finish(prefix: str, body_text: str, body_html: str, members: list) -> dict:
        src = next((sources[m["figure_id"]] for m in members if m["figure_id"] in sources), "")
        text, html = body_text, body_html
        if prefix:
            text, html = f"{prefix}: {text}", f"{escape(prefix)}: {html}"
        text, html = _cap(text) + ".", _cap(html) + "."
        if src:
            tail = f" {_cap(label('report.source_of', lang))}: {src}."
            text += tail
            html += f' <span class="attribution">{escape(tail.strip())}</span>'
        return {"figures": ";".join(m["figure_id"] for m in members), "text": text, "html": html}

    for _, r in roots.iterrows():
        place = _place(str(r["place"]), str(r["as_of"]), lang)
        if r["group"] != "total":
            loose.setdefault((r["measure"], place), []).append(r)
            continue
        value_text, value_html = number(r)
        template = label(f"report.sentence.{r['measure']}", lang)
        text = template.replace("{value}", value_text)
        html = escape(template).replace("{value}", value_html)
        parts = children.get(r["figure_id"], [])
        if parts:
            pieces = [(row_label(p, lang, with_measure=False), *number(p)) for p in parts]
            text += " (" + "; ".join(f"{n}: {t}" for n, t, _ in pieces) + ")"
            html += " (" + "; ".join(f"{escape(n)}: {h}" for n, _, h in pieces) + ")"
        rows.append(finish(place, text, html, [r, *parts]))
    for (measure, place), members in loose.items():
        measure_name = label(f"report.measure.{measure}", lang)
        pieces = [(row_label(p, lang, with_measure=False), *number(p)) for p in members]
        text = f"{measure_name} — " + "; ".join(f"{n}: {t}" for n, t, _ in pieces)
        html = f"{escape(measure_name)} — " + "; ".join(f"{escape(n)}: {h}" for n, _, h in pieces)
        rows.append(finish(place, text, html, members))
    order = {m: i for i, m in enumerate(MEASURES)}
    first = {fid: i for i, fid in enumerate(f["figure_id"])}
    out = pd.DataFrame(rows, columns=["figures", "text", "html"])
    if len(out):
        measure_of = dict(zip(f["figure_id"], f["measure"], strict=True))
        lead = [s.split(";")[0] for s in out["figures"]]
        out["_m"] = [order.get(measure_of[x], len(order)) for x in lead]
        out["_p"] = [first[x] for x in lead]
        out = out.sort_values(["_m", "_p"], kind="stable").drop(columns=["_m", "_p"])
    return out.reset_index(drop=True)


def key_numbers_html(sentences: pd.DataFrame, lang: str = "en") -> str:
    """The key-number sentences as an HTML list (``<ul class="key-numbers">``).

    Parameters
    ----------
    sentences : pandas.DataFrame
        :func:`key_numbers` output.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    if sentences.empty:
        return f"<p>{escape(label('report.no_figures', lang))}</p>"
    items = "".join(f"<li>{h}</li>" for h in sentences["html"])
    return f'<ul class="key-numbers">{items}</ul>'


# --- sections ------------------------------------------------------------------------------------


def section_html(key: str, lang: str = "en") -> str:
    """A translated section heading with a stable anchor (``<h2 id="...">``).

    Parameters
    ----------
    key : str
        Translation key, e.g. ``"report.figures"``; the anchor is its last part.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    anchor = key.rsplit(".", 1)[-1].replace("_", "-")
    return f'<h2 id="{escape(anchor)}">{escape(label(key, lang))}</h2>'


def header_html(story: str, meta: dict, lang: str = "en", langs=LANGS) -> str:
    """Title, article line and links to the same report in the other languages.

    Parameters
    ----------
    story : str
        Story name (report files are ``<story>.<lang>.html``).
    meta : dict
        Raw file metadata (publisher, published).
    lang : {"en", "ru", "ky"}
    langs : sequence of str
        Languages the build renders (for the switcher).

    Returns
    -------
    str
    """
    publisher = str(meta.get("publisher", "") or "")
    published = str(meta.get("published", "") or "")
    article = ", ".join(x for x in (publisher, published) if x)
    switch = " · ".join(
        f"<strong>{escape(_LANG_NAMES.get(x, x))}</strong>"
        if x == lang
        else f'<a href="{escape(story)}.{escape(x)}.html" hreflang="{escape(x)}">'
        f"{escape(_LANG_NAMES.get(x, x))}</a>"
        for x in langs
    )
    return (
        f"<header><h1>{escape(label('report.title', lang))}</h1>"
        f'<p class="subtitle">{escape(label("report.subtitle", lang))}</p>'
        f'<p class="article">{escape(label("report.article", lang))}: {escape(article)} '
        f"(<code>{escape(story)}</code>)</p>"
        f'<nav class="langs" aria-label="{escape(label("report.languages", lang))}">{switch}</nav>'
        f'<p class="as-stated">{escape(label("report.as_stated", lang).replace("{date}", published))}'
        "</p></header>"
    )


def _table(headers: list[str], rows: list[list[str]], css: str, row_ids=None) -> str:
    """An HTML table from already escaped cells, scrollable on narrow screens."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for i, cells in enumerate(rows):
        rid = f' id="{row_ids[i]}"' if row_ids else ""
        body.append(f"<tr{rid}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f'<div class="table-wrap"><table class="{css}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def figures_html(
    figures: pd.DataFrame, annotations: pd.DataFrame | None = None, *, lang: str = "en"
) -> str:
    """The table of every figure with its source quote (quotes in the original language).

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures table.
    annotations : pandas.DataFrame, optional
        Annotations table, for translated attributions.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``<table class="figures">``; row ``id="fig-<figure_id>"`` is the target of
        every number's link.
    """
    if figures.empty:
        return f"<p>{escape(label('report.no_figures', lang))}</p>"
    sources = _attributions(annotations, lang)
    headers = [
        escape(label(f"report.col.{c}", lang))
        for c in ("id", "what", "value", "place", "quote", "source", "notes")
    ]
    rows, ids = [], []
    for _, r in figures.iterrows():
        fid = str(r["figure_id"])
        value = escape(format_value(r))
        if bool(r["derived"]):
            value += f'<br><span class="derived">{escape(derived_text(r, figures, lang))}</span>'
        notes = " ".join(
            f'<a href="#note-{escape(a)}">{escape(a)}</a>' for a in _ids(r["annotation_ids"])
        )
        rows.append(
            [
                f"<code>{escape(fid)}</code>",
                escape(row_label(r, lang)),
                value,
                escape(_place(str(r["place"]), str(r["as_of"]), lang)),
                f'<q class="quote">{escape(str(r["quote"]))}</q>',
                escape(sources.get(fid, str(r.get("source", "") or ""))),
                notes,
            ]
        )
        ids.append(f"fig-{escape(fid)}")
    return _table(headers, rows, "figures", ids)


def checks_html(checks: pd.DataFrame, *, lang: str = "en") -> str:
    """The consistency checks, translated by their ``code``.

    Parameters
    ----------
    checks : pandas.DataFrame
        Checks table (:func:`analysis.checks.check_figures`).
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``<table class="checks">``; the English explanation is the row's tooltip.
    """
    if checks.empty:
        return f"<p>{escape(label('report.no_checks', lang))}</p>"
    headers = [
        escape(label(f"report.col.{c}", lang))
        for c in ("check", "status", "meaning", "figures", "found")
    ]
    rows = []
    for _, c in checks.iterrows():
        status = str(c["status"])
        meaning = label(f"report.code.{c['code']}", lang)
        if meaning == f"report.code.{c['code']}":
            meaning = str(c["explanation"])
        rows.append(
            [
                escape(label(f"report.check.{c['check']}", lang)),
                f'<span class="status status-{escape(status)}">'
                f"{escape(label(f'report.status.{status}', lang))}</span>",
                f'<span title="{escape(str(c["explanation"]))}">{escape(meaning)}</span>',
                " ".join(_fig_link(x) for x in _ids(c["figures"])),
                f"<code>{escape(str(c['found']))}</code>",
            ]
        )
    return _table(headers, rows, "checks")


def notes_html(annotations: pd.DataFrame, *, lang: str = "en") -> str:
    """Notes, caveats, corrections and attributions, in ``lang``, with the figures they touch.

    Parameters
    ----------
    annotations : pandas.DataFrame
        Annotations table (with ``figures``).
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``<ul class="notes">``, item ``id="note-<annotation_id>"``.
    """
    if annotations is None or annotations.empty:
        return f"<p>{escape(label('report.no_notes', lang))}</p>"
    items = []
    for _, a in annotations.iterrows():
        aid = escape(str(a["annotation_id"]))
        links = " ".join(_fig_link(x) for x in _ids(a.get("figures", "")))
        applies = (
            f' <span class="applies">{escape(label("report.applies_to", lang))}: {links}</span>'
            if links
            else ""
        )
        items.append(
            f'<li id="note-{aid}"><strong>{escape(label("report.kind." + a["kind"], lang))}'
            f"</strong> <code>{aid}</code>: {escape(_note_text(a, lang))}{applies}</li>"
        )
    return f'<ul class="notes">{"".join(items)}</ul>'


def methodology_html(lang: str = "en") -> str:
    """How the figures were made, in ``lang``.

    Parameters
    ----------
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    return f'<p class="methodology">{escape(label("report.methodology_text", lang))}</p>'


def data_links_html(names, href_prefix: str, lang: str = "en") -> str:
    """Links to the published CSVs (and data package) the report is built from.

    Parameters
    ----------
    names : iterable of str
        File names in the processed folder, e.g. ``figures.csv``.
    href_prefix : str
        Relative path from the report to that folder, e.g. ``../data/processed``.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    prefix = href_prefix.rstrip("/")
    links = "".join(f'<li><a href="{escape(f"{prefix}/{n}")}">{escape(n)}</a></li>' for n in names)
    return f'<p>{escape(label("report.data_text", lang))}</p><ul class="data">{links}</ul>'


def credit_html(meta: dict, lang: str = "en") -> str:
    """The footer naming the article's publisher and date.

    Parameters
    ----------
    meta : dict
        Raw file metadata.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    text = (
        label("report.credit", lang)
        .replace("{publisher}", str(meta.get("publisher", "") or meta.get("credit", "") or "?"))
        .replace("{published}", str(meta.get("published", "") or "?"))
    )
    return f'<footer class="credit">{escape(text)}</footer>'


# --- charts --------------------------------------------------------------------------------------


def chart_source(
    meta: dict,
    table: pd.DataFrame | None = None,
    annotations: pd.DataFrame | None = None,
    lang: str = "en",
) -> str:
    """What a chart names as its source: publisher, date and who the figures are attributed to.

    Parameters
    ----------
    meta : dict
        Raw file metadata (``credit`` or ``publisher``, ``published``).
    table : pandas.DataFrame, optional
        The charted table (its ``figure_id`` values select attributions).
    annotations : pandas.DataFrame, optional
        Annotations table, for attributions in ``lang``.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        e.g. ``"Kaktus.media, 2022-01-05; city health department"``.
    """
    who = str(meta.get("credit", "") or meta.get("publisher", "") or "")
    who = who or label("report.chart.article", lang)
    parts = [", ".join(x for x in (who, str(meta.get("published", "") or "")) if x)]
    if table is not None and "figure_id" in table.columns:
        sources = _attributions(annotations, lang)
        parts += [s for s in dict.fromkeys(sources.get(f, "") for f in table["figure_id"]) if s]
    return "; ".join(parts)


@dataclass
class Chart:
    """A chart as notebook output: a PNG plus a text description (the image's alt text).

    Notebook front ends and nbconvert show the PNG; nbval compares only the
    text, since images are not compared.
    """

    png: bytes
    alt: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": self.alt,
        }
        return data, {"image/png": {"alt": self.alt}}


def chart(ax, alt: str | None = None, *, dpi: int = CHART_DPI) -> Chart:
    """Render the figure of ``ax`` to PNG, close it and return it for display.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A chart from :mod:`analysis.plots`.
    alt : str, optional
        Text description; by default the chart's title and its value labels.
    dpi : int
        Resolution; the default keeps a page with all charts under 1 MB.

    Returns
    -------
    Chart
    """
    import matplotlib.pyplot as plt

    fig = ax.figure
    if alt is None:
        title = ax.get_title(loc="left") or ax.get_title()
        values = [t.get_text() for t in ax.texts if t.get_gid() == "value-label"]
        names = [t.get_text() for t in ax.texts if t.get_gid() == "category-label"]
        pairs = [f"{n}: {v}" for n, v in zip(names, values, strict=False)]
        alt = title + (" — " + "; ".join(pairs) if pairs else "")
    buf = io.BytesIO()
    # No "Software" stamp, so the same chart gives the same bytes.
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Chart(buf.getvalue(), alt)


# --- build ---------------------------------------------------------------------------------------


def _progress(message: str) -> None:
    """One progress line on standard error."""
    print(f"[build] {message}", file=sys.stderr, flush=True)


def _local_kernel_manager() -> type:
    """A kernel manager that talks to its kernel over local sockets (IPC), not TCP.

    The kernel never leaves the machine, and ipykernel's warning about unencrypted TCP
    would otherwise fill the build's progress output.
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(Path(tempfile.gettempdir()) / f"qantar-kernel-{uuid.uuid4().hex[:12]}")

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


def run_notebook(
    notebook: str | Path, output: str | Path, parameters: dict, *, kernel: str | None = None
) -> Path:
    """Execute a notebook with papermill; a failure is one line naming notebook and cell.

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
        src = " ".join(str(exc.source).split())[:80]
        raise BuildError(
            f"{notebook.name}: cell {exc.cell_index} ({src!r}) failed: {exc.ename}: "
            f"{' '.join(str(exc.evalue).split())[:200]}"
        ) from None
    _strip_run_metadata(nb)
    nbformat.write(nb, str(output))
    return output


def export_html(notebook: str | Path, *, lang: str = "en", title: str | None = None) -> str:
    """A notebook as one self-contained HTML page without code (the project's template).

    Parameters
    ----------
    notebook : str or Path
        An executed notebook.
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
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(str(notebook), as_version=4)
    nb.metadata["qantar"] = {"lang": lang, "title": title or label("report.title", lang)}
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
    body, _ = exporter.from_notebook_node(nb)
    return body


@dataclass(frozen=True)
class _Job:
    notebook: str
    lang: str
    parameters: dict
    stage: str
    story: str
    kernel: str
    notebook_dir: str


def _run_job(job: _Job) -> list[str]:
    """Run one notebook (and export it when it is the report); returns files written."""
    t0 = time.perf_counter()
    stage = Path(job.stage)
    executed = stage / "notebooks" / f"{job.notebook}.{job.lang}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    run_notebook(
        Path(job.notebook_dir) / f"{job.notebook}.ipynb",
        executed,
        job.parameters,
        kernel=job.kernel,
    )
    written = [str(executed)]
    if job.notebook == REPORT_NOTEBOOK:
        page = stage / f"{job.story}.{job.lang}.html"
        title = f"{label('report.title', job.lang)} — {job.story}"
        page.write_text(export_html(executed, lang=job.lang, title=title), encoding="utf-8")
        written.append(str(page))
    _progress(f"{job.notebook} ({job.lang}) done in {time.perf_counter() - t0:.1f} s")
    return written


def build(
    raw: str | Path | None = None,
    langs=("ky", "ru", "en"),
    out: str | Path | None = None,
    *,
    processed: str | Path | None = None,
    notebooks=NOTEBOOKS,
    notebook_dir: str | Path | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Publish the tables, run the notebooks and render one HTML report per language.

    Parameters
    ----------
    raw : str or Path, optional
        The raw article (default: the bundled one).
    langs : sequence of {"ky", "ru", "en"}
        Report languages.
    out : str or Path, optional
        Report folder (default ``reports/``): receives ``<story>.<lang>.html`` and
        ``notebooks/<notebook>.<lang>.ipynb``.
    processed : str or Path, optional
        Where the tables are published (default ``data/processed/``); reports link there.
    notebooks : sequence of str
        Notebook names to run; the worked examples (all but the report) run once,
        in the first language, the report once per language.
    notebook_dir : str or Path, optional
        Where the notebooks are (default ``notebooks/``).
    workers : int, optional
        Parallel kernels; default ``min(jobs, cpu_count)``.

    Returns
    -------
    list of Path
        The HTML reports, in ``langs`` order.

    Raises
    ------
    InputError
        Bad raw file or language (nothing is written).
    BuildError
        A notebook failed: names notebook and cell; previous reports are left untouched.
    BusyError
        Another build is writing ``out`` (or publishing to ``processed``).

    Notes
    -----
    Everything is written into a staging folder beside ``out`` and moved into place at the
    end; a build killed before that leaves the previous reports as they were, and the next
    build removes the staging folder it left.
    """
    from analysis.atomic import exclusive, staging_dir

    raw = Path(raw or config.SEED_RAW).resolve()
    out = Path(out or config.REPORTS).resolve()
    processed = Path(processed or config.PROCESSED).resolve()
    langs = list(dict.fromkeys(langs))
    bad = [x for x in langs if x not in LANGS]
    if bad or not langs:
        raise InputError(f"unknown language(s) {', '.join(bad) or '(none)'}; use ky, ru, en")
    load_raw(raw)  # fail fast, before any kernel starts
    story = _story(raw, metadata(raw))
    # One build of a folder at a time: a second one is refused at once (BusyError, one
    # line); the lock dies with its process, so a killed build never blocks the next.
    with exclusive(out):
        t0 = time.perf_counter()
        try:
            from analysis.publish import publish
        except ImportError:
            publish = None
        if publish is not None:
            _progress(f"publishing tables to {processed}")
            publish(raw, processed)
        kernel = _kernel_name()
        source = Path(notebook_dir or config.NOTEBOOKS).resolve()
        missing = [n for n in notebooks if not (source / f"{n}.ipynb").exists()]
        if missing:
            raise InputError(f"{source}: no notebook(s) {', '.join(missing)}")
        with staging_dir(out) as stage:
            jobs = []
            for name in notebooks:
                for lang in langs if name == REPORT_NOTEBOOK else langs[:1]:
                    params = {
                        "raw": str(raw),
                        "lang": lang,
                        "out": str(out),
                        "processed": str(processed),
                    }
                    jobs.append(_Job(name, lang, params, str(stage), story, kernel, str(source)))
            # Reports first: they are the slow ones and the point of the build.
            jobs.sort(key=lambda j: j.notebook != REPORT_NOTEBOOK)
            n = workers or max(1, min(len(jobs), os.cpu_count() or 1))
            _progress(f"running {len(jobs)} notebook(s) with {n} kernel(s) in parallel")
            if n == 1:
                for job in jobs:
                    _run_job(job)
            else:
                # "spawn": a fresh interpreter per worker, never a fork of a process
                # that may hold threads or locks (pytest-xdist, Jupyter).
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
                    futures = [pool.submit(_run_job, j) for j in jobs]
                    for fut in as_completed(futures):
                        exc = fut.exception()
                        if exc is not None:
                            for other in futures:
                                other.cancel()
                            raise exc
    pages = [out / f"{story}.{lang}.html" for lang in langs]
    _progress(f"wrote {len(pages)} report(s) to {out} in {time.perf_counter() - t0:.1f} s")
    return pages


def refresh_notebooks(names=NOTEBOOKS) -> list[Path]:
    """Re-execute the committed notebooks in place with their own parameters.

    Their outputs are nbval's expected results and the worked example on
    GitHub; run this (``python -m analysis.report``) after changing the pipeline.

    Parameters
    ----------
    names : sequence of str
        Notebook names in ``notebooks/``.

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
