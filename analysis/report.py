"""The parts of an HTML report in Kyrgyz, Russian and English.

Functions that turn the tables of one article into the pieces of a report page
(key-number sentences, the table of every figure with its quote, checks, notes,
methodology, data links, charts). The notebook ``notebooks/04-report.ipynb``
calls them and displays their HTML. All text taken from the article or the
annotations goes through :func:`html.escape`. The build that runs the notebooks
and exports the pages is :mod:`analysis.render`.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from analysis.i18n import LANGS, label
from analysis.plots import derived_text, format_value, place_label, row_label
from analysis.schemas import MEASURES

__all__ = [
    "Chart",
    "chart",
    "chart_source",
    "checks_html",
    "credit_html",
    "data_links_html",
    "figures_html",
    "given_or_missing",
    "header_html",
    "key_numbers",
    "key_numbers_html",
    "load_article",
    "methodology_html",
    "notes_html",
    "numbers_html",
    "section_html",
]

#: Resolution of chart images: sharp on a phone, small enough for a < 1 MB page.
CHART_DPI = 110
_LANG_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


# --- loading -------------------------------------------------------------------------------------


def load_article(raw: str | Path | None = None, **given) -> dict:
    """Everything a report shows about one raw article, computed from the raw text.

    The build's notebooks read the published tables instead
    (:func:`analysis.publish.read_published`, same shape); this is for a notebook or a
    test that has only the raw file.

    Parameters
    ----------
    raw : str or Path, optional
        The raw article (default: the bundled one). Annotations are read from
        ``annotations.csv`` beside it (this story's rows).
    **given
        Metadata flags, as for :func:`analysis.article.read_article`.

    Returns
    -------
    dict
        ``story`` (str), ``meta`` (dict: publisher, published, credit, ...),
        ``tables`` (dict of DataFrames: figures, injuries, vehicles,
        businesses, buildings, crowds, checks, annotations and timeline).
    """
    from analysis.annotations import read_annotations
    from analysis.article import read_article
    from analysis.tables import build_tables

    article = read_article(raw, **given)
    notes = article.annotations_path
    annotations = read_annotations(notes, story=article.story) if notes else None
    tables = build_tables(article.text, annotations, meta=article.meta)
    return {"story": article.story, "meta": article.meta, "tables": tables}


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


def given_or_missing(meta: dict, field: str, lang: str = "en") -> str:
    """A metadata field's value, or words saying it was not given ("date not given").

    Parameters
    ----------
    meta : dict
        Article metadata.
    field : {"publisher", "published", "title", "url"}
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
    """
    value = str(meta.get(field, "") or "").strip()
    if not value and field == "publisher":
        value = str(meta.get("credit", "") or "").strip()
    return value or label(f"report.not_given.{field}", lang)


def header_html(story: str, meta: dict, lang: str = "en", langs=LANGS) -> str:
    """Title, article line and links to the same report in the other built languages.

    Parameters
    ----------
    story : str
        Story name (report files are ``<story>.<lang>.html``).
    meta : dict
        Article metadata (title, publisher, published); a missing publisher or date is
        said in words, never left blank.
    lang : {"en", "ru", "ky"}
    langs : sequence of str or str
        Languages this build renders (a list or ``"ky,ru,en"``): the switch links only
        to these.

    Returns
    -------
    str
    """
    if isinstance(langs, str):
        langs = [x.strip() for x in langs.split(",") if x.strip()]
    publisher = given_or_missing(meta, "publisher", lang)
    published = given_or_missing(meta, "published", lang)
    title = str(meta.get("title", "") or "").strip()
    article = ", ".join(x for x in (f"«{title}»" if title else "", publisher, published) if x)
    switch = " · ".join(
        f"<strong>{escape(_LANG_NAMES.get(x, x))}</strong>"
        if x == lang
        else f'<a href="{escape(story)}.{escape(x)}.html" hreflang="{escape(x)}">'
        f"{escape(_LANG_NAMES.get(x, x))}</a>"
        for x in langs
    )
    nav = (
        f'<nav class="langs" aria-label="{escape(label("report.languages", lang))}">{switch}</nav>'
        if len(langs) > 1
        else ""
    )
    return (
        f"<header><h1>{escape(label('report.title', lang))}</h1>"
        f'<p class="subtitle">{escape(label("report.subtitle", lang))}</p>'
        f'<p class="article">{escape(label("report.article", lang))}: {escape(article)} '
        f"(<code>{escape(story)}</code>)</p>"
        f"{nav}"
        f'<p class="as-stated">{escape(label("report.as_stated", lang).replace("{date}", published))}'
        "</p></header>"
    )


def _table(headers: list[str], rows: list[list[str]], css: str, row_ids=None) -> str:
    """An HTML table from already escaped cells.

    Each cell carries its column's heading (``data-label``) so that narrow screens can show
    a row as a card (``report.css``); other tables scroll inside their own box.
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for i, cells in enumerate(rows):
        rid = f' id="{row_ids[i]}"' if row_ids else ""
        tds = "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(headers, cells, strict=True))
        body.append(f"<tr{rid}>{tds}</tr>")
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


def numbers_html(numbers: pd.DataFrame | None, *, lang: str = "en") -> str:
    """Numbers of the article not read as figures, collapsed (``<details>``, no script).

    Parameters
    ----------
    numbers : pandas.DataFrame or None
        The ``numbers`` table (:func:`analysis.tables.numbers_table`); None or empty: no
        section.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``<details class="numbers">`` with a summary line (how many, how many unread) and a
        table: the number as written, the words around it, why it is no figure (``unread``
        first: those a reporter must look at).
    """
    if numbers is None or numbers.empty:
        return ""
    rest = numbers[numbers["status"] != "figure"].copy()
    if rest.empty:
        return f"<p>{escape(label('report.numbers_all_read', lang))}</p>"
    rest["_order"] = (rest["status"] != "unread").astype(int)
    rest = rest.sort_values(["_order", "start"], kind="stable")
    unread = int((rest["status"] == "unread").sum())
    key = "report.numbers_summary" if unread else "report.numbers_summary_understood"
    summary = label(key, lang).format(n=len(rest), unread=unread)
    headers = [escape(label(f"report.col.{c}", lang)) for c in ("number", "context", "reason")]
    rows = []
    for _, r in rest.iterrows():
        why = "unread" if r["status"] == "unread" else str(r["reason"])
        rows.append(
            [
                f"<code>{escape(str(r['text']))}</code>",
                escape(str(r.get("context", ""))),
                f'<span class="reason reason-{escape(why)}">'
                f"{escape(label(f'report.reason.{why}', lang))}</span>",
            ]
        )
    return (
        f'<details class="numbers"><summary>{escape(summary)}</summary>'
        f"{_table(headers, rows, 'numbers')}</details>"
    )


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
        .replace("{publisher}", given_or_missing(meta, "publisher", lang))
        .replace("{published}", given_or_missing(meta, "published", lang))
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


def _default_alt(ax) -> str:
    """A chart's title and its value labels."""
    title = ax.get_title(loc="left") or ax.get_title()
    values = [t.get_text() for t in ax.texts if t.get_gid() == "value-label"]
    names = [t.get_text() for t in ax.texts if t.get_gid() == "category-label"]
    pairs = [f"{n}: {v}" for n, v in zip(names, values, strict=False)]
    return title + (" — " + "; ".join(pairs) if pairs else "")


def chart(ax, alt: str | None = None, *, dpi: int = CHART_DPI) -> Chart:
    """Render the figure of ``ax`` to PNG, close it and return it for display.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A chart from :mod:`analysis.plots` (in a build's kernel, a chart not drawn yet,
        :class:`analysis.chart_cache.LazyAxes`, which may come from the build's chart cache).
    alt : str, optional
        Text description; by default the chart's title and its value labels.
    dpi : int
        Resolution; the default keeps a page with all charts under 1 MB.

    Returns
    -------
    Chart
    """
    import matplotlib.pyplot as plt

    from analysis import chart_cache

    key = None
    if isinstance(ax, chart_cache.LazyAxes):
        if not ax.drawn:  # nothing was done with it since its chart function returned
            key = ax.key
            hit = chart_cache.load(key, dpi)
            if hit is not None:
                png, default = hit
                return Chart(png, default if alt is None else alt)
        ax = ax.axes()
    fig = ax.figure
    default = _default_alt(ax) if alt is None or key else ""
    buf = io.BytesIO()
    # No "Software" stamp, so the same chart gives the same bytes.
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    png = buf.getvalue()
    if key:
        chart_cache.store(key, dpi, png, default)
    return Chart(png, default if alt is None else alt)


# The build (papermill, nbconvert) lives in analysis.render; these names stay reachable here.
_MOVED = (
    "NOTEBOOKS",
    "REPORT_NOTEBOOK",
    "BuildError",
    "build",
    "export_html",
    "refresh_notebooks",
    "run_notebook",
)


def __getattr__(name: str):
    if name in _MOVED:
        from analysis import render

        return getattr(render, name)
    raise AttributeError(f"module 'analysis.report' has no attribute {name!r}")
