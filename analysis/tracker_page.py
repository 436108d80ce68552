"""The tracker page: one self-contained HTML page per language (ky, ru, en).

Like the story reports (:mod:`analysis.report`): inline CSS (the reports' stylesheet plus a few
rules), charts as PNG data URIs with alt text, no scripts, a Content-Security-Policy that
blocks every fetch, and every piece of article text HTML-escaped. Parts, in order: header
(title, corpus line, language switcher), a chart and a table of the latest figure of each
source per headline series (with links to the articles quoting it), flags (disagreements,
downward revisions), every series day by day, the articles read, methodology, data links.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis import config
from analysis.i18n import label
from analysis.plots import format_value
from analysis.plots_tracker import series_title, source_label

__all__ = [
    "articles_html",
    "flags_html",
    "latest_html",
    "page_html",
    "ranges_html",
]

_LANG_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
_CSS = """
.corpus { color: #555; font-size: .95rem; }
.series-block { margin: 1.5rem 0 2rem; }
.series-block h3 { font-size: 1.1rem; margin: .75rem 0 .25rem; }
.flag { padding: 0 .35rem; border-radius: .25rem; white-space: nowrap; background: #fbd9d7; }
.status-disagree { background: #fbd9d7; }
.status-agree { background: #e3f4e6; }
.status-single { background: #f0f0f0; }
table.latest td:nth-child(2), table.latest td:nth-child(3), table.flags td:nth-child(3),
table.ranges td:nth-child(2) { white-space: nowrap; }
"""


def _t(key: str, lang: str, **values) -> str:
    """A translated label with ``{name}`` placeholders filled (values are not escaped here)."""
    text = label(key, lang)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _table(headers: list[str], rows: list[list[str]], css: str, row_ids=None) -> str:
    """An HTML table from escaped cells, scrollable on narrow screens."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for i, cells in enumerate(rows):
        rid = f' id="{row_ids[i]}"' if row_ids else ""
        body.append(f"<tr{rid}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f'<div class="table-wrap"><table class="{css}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _article_link(article_id: str, articles: pd.DataFrame) -> str:
    """A link to an article's URL (or to its row in the articles table), named by publisher."""
    found = articles[articles["article_id"] == article_id]
    if found.empty:
        return escape(article_id)
    a = found.iloc[0]
    text = f"{a['publisher']}, {str(a['published'])[:16].replace('T', ' ')}"
    href = (
        str(a["url"])
        if str(a["url"]).startswith(("https://", "http://"))
        else f"#article-{article_id}"
    )
    return f'<a class="article" href="{escape(href)}">{escape(text)}</a>'


def latest_html(
    latest: pd.DataFrame, articles: pd.DataFrame, series_id: str, *, lang: str = "en"
) -> str:
    """The latest figure of each source in one series, with links to the articles quoting it.

    Parameters
    ----------
    latest : pandas.DataFrame
        The ``series_latest`` table.
    articles : pandas.DataFrame
        The ``articles`` table (publisher, published, url).
    series_id : str
        Which series.
    lang : {"en", "ru", "ky"}

    Returns
    -------
    str
        ``<table class="latest">``, highest figure first.
    """
    rows = latest[latest["series_id"] == series_id]
    rows = rows.sort_values(["low", "source_key"], ascending=[False, True], kind="stable")
    headers = [
        escape(label(f"tracker.col.{c}", lang))
        for c in ("source", "value", "date", "quote", "articles")
    ]
    cells = []
    for _, r in rows.iterrows():
        links = "<br>".join(
            _article_link(a, articles) for a in str(r["article_ids"]).split(";") if a
        )
        cells.append(
            [
                escape(source_label(r, lang)),
                f"<strong>{escape(format_value(r))}</strong>",
                escape(str(r["date"])),
                f'<q class="quote">{escape(str(r["quote"]))}</q>',
                links,
            ]
        )
    return _table(headers, cells, "latest")


def _more(shown: int, total: int, file: str, lang: str) -> str:
    """'… and N more in file.csv' under a table cut short, else ''."""
    if total <= shown:
        return ""
    text = _t("tracker.more", lang, n=total - shown, file=file)
    return f'<p class="more">{escape(text)} <a href="{escape(file)}">{escape(file)}</a></p>'


def flags_html(
    flags: pd.DataFrame, claims: pd.DataFrame, *, lang: str = "en", limit: int = 100
) -> str:
    """Disagreements and downward revisions, each with the claims side by side.

    Parameters
    ----------
    flags : pandas.DataFrame
        The ``series_flags`` table.
    claims : pandas.DataFrame
        The ``claims`` table (to show each flagged claim's figure and source).
    lang : {"en", "ru", "ky"}
    limit : int
        Most rows shown; the rest are counted under the table (all are in the CSV).

    Returns
    -------
    str
    """
    if flags.empty:
        return f"<p>{escape(label('tracker.no_flags', lang))}</p>"
    by_id = claims.set_index("claim_id", drop=False)
    headers = [escape(label(f"tracker.col.{c}", lang)) for c in ("kind", "series", "date", "found")]
    rows = []
    for _, f in flags.head(limit).iterrows():
        said = []
        for cid in str(f["claim_ids"]).split(";"):
            if cid in by_id.index:
                c = by_id.loc[cid]
                said.append(
                    f"{escape(source_label(c, lang))}: <strong>{escape(format_value(c))}</strong>"
                    f" ({escape(str(c['date']))})"
                )
        first = by_id.loc[str(f["claim_ids"]).split(";")[0]]
        rows.append(
            [
                f'<span class="flag">{escape(label("tracker.flag." + f["kind"], lang))}</span>',
                escape(series_title(first, lang)),
                escape(str(f["date"])),
                "<br>".join(said) + f'<br><span class="applies">'
                f"{escape(_t('tracker.flag_text.' + f['kind'], lang, date=f['date']))}</span>",
            ]
        )
    return _table(headers, rows, "flags") + _more(len(rows), len(flags), "series_flags.csv", lang)


def ranges_html(ranges: pd.DataFrame, *, lang: str = "en", limit: int = 200) -> str:
    """Every series day by day: how many sources, the lowest and highest figure and bound.

    Parameters
    ----------
    ranges : pandas.DataFrame
        The ``series_ranges`` table.
    lang : {"en", "ru", "ky"}
    limit : int
        Most rows shown; the rest are counted under the table (all are in the CSV).

    Returns
    -------
    str
    """
    if ranges.empty:
        return f"<p>{escape(label('tracker.no_claims', lang))}</p>"
    headers = [
        escape(label(f"tracker.col.{c}", lang))
        for c in ("series", "date", "sources", "range", "status")
    ]
    rows = []
    for _, r in ranges.head(limit).iterrows():
        low, high = int(r["low"]), (None if pd.isna(r["high"]) else int(r["high"]))
        shown = f"{low}+" if high is None else (str(low) if low == high else f"{low}–{high}")
        status = str(r["status"])
        rows.append(
            [
                escape(series_title(r, lang)),
                escape(str(r["date"])),
                str(int(r["sources"])),
                escape(shown),
                f'<span class="status status-{escape(status)}">'
                f"{escape(label('tracker.status.' + status, lang))}</span>",
            ]
        )
    return _table(headers, rows, "ranges") + _more(
        len(rows), len(ranges), "series_ranges.csv", lang
    )


def articles_html(articles: pd.DataFrame, *, lang: str = "en", quoted=None, limit: int = 50) -> str:
    """The articles read, with publisher, time, title, link and number of figures.

    Parameters
    ----------
    articles : pandas.DataFrame
        The ``articles`` table.
    lang : {"en", "ru", "ky"}
    quoted : collection of str, optional
        Articles the page links to; when there are more than ``limit`` articles, only these
        are listed (every article is in ``articles.csv``).
    limit : int

    Returns
    -------
    str
        ``<table class="articles">``; row ``id="article-<article_id>"``.
    """
    total = len(articles)
    if total > limit and quoted is not None:
        articles = articles[articles["article_id"].isin(set(quoted))]
    headers = [
        escape(label(f"tracker.col.{c}", lang))
        for c in ("published", "publisher", "title", "claims")
    ]
    rows, ids = [], []
    for _, a in articles.iterrows():
        title = escape(str(a["title"]) or str(a["article_id"]))
        url = str(a["url"])
        if url.startswith(("https://", "http://")):
            title = f'<a href="{escape(url)}">{title}</a>'
        rows.append(
            [
                escape(str(a["published"]).replace("T", " ")),
                escape(str(a["publisher"])),
                f"{title} <code>{escape(str(a['article_id']))}</code>",
                str(int(a["claims"])),
            ]
        )
        ids.append(f"article-{escape(str(a['article_id']))}")
    return _table(headers, rows, "articles", ids) + _more(len(rows), total, "articles.csv", lang)


def _quoted(tables: dict) -> set[str]:
    """Articles the page links to: those quoting a latest figure or a flagged claim."""
    out = {a for ids in tables["series_latest"]["article_ids"] for a in str(ids).split(";") if a}
    for ids in tables["series_flags"]["claim_ids"]:
        out |= {cid.split("/")[0] for cid in str(ids).split(";") if cid}
    return out


def _img(chart) -> str:
    import base64

    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure class="chart"><img src="data:image/png;base64,{data}" '
        f'alt="{escape(chart.alt)}"></figure>'
    )


def page_html(
    tables: dict[str, pd.DataFrame],
    charts: dict[str, object],
    *,
    lang: str = "en",
    langs=("ky", "ru", "en"),
    data_files=(),
) -> str:
    """The whole tracker page in one language.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        ``articles``, ``claims``, ``series_latest``, ``series_ranges``, ``series_flags``.
    charts : dict of str to analysis.report.Chart
        Chart of each headline series in this language, by series id, in page order.
    lang : {"en", "ru", "ky"}
    langs : sequence of str
        Languages built (the switcher links to ``tracker.<lang>.html``).
    data_files : sequence of str
        Published files beside the page, linked under "Data".

    Returns
    -------
    str
        A complete HTML document: inline CSS, no scripts, nothing fetched.
    """
    articles, claims = tables["articles"], tables["claims"]
    published = sorted(articles["published"].astype(str))
    corpus = _t(
        "tracker.corpus",
        lang,
        articles=len(articles),
        first=published[0][:10] if published else "",
        last=published[-1][:10] if published else "",
        claims=len(claims),
    )
    switch = " · ".join(
        f"<strong>{escape(_LANG_NAMES.get(x, x))}</strong>"
        if x == lang
        else f'<a href="tracker.{escape(x)}.html" hreflang="{escape(x)}">'
        f"{escape(_LANG_NAMES.get(x, x))}</a>"
        for x in langs
    )
    parts = [
        f"<header><h1>{escape(label('tracker.title', lang))}</h1>",
        f'<p class="subtitle">{escape(label("tracker.subtitle", lang))}</p>',
        f'<p class="corpus">{escape(corpus)}</p>',
        f'<nav class="langs" aria-label="{escape(label("report.languages", lang))}">{switch}</nav>',
        "</header>",
        f'<h2 id="series">{escape(label("tracker.series", lang))}</h2>',
    ]
    if not charts:
        parts.append(f"<p>{escape(label('tracker.no_claims', lang))}</p>")
    for series_id, chart in charts.items():
        first = claims[claims["series_id"] == series_id].iloc[0]
        parts.append(
            f'<section class="series-block" id="series-{escape(series_id.replace(":", "-"))}">'
            f"<h3>{escape(series_title(first, lang))}</h3>{_img(chart)}"
            f"<p>{escape(label('tracker.latest', lang))}:</p>"
            f"{latest_html(tables['series_latest'], articles, series_id, lang=lang)}</section>"
        )
    parts += [
        f'<h2 id="flags">{escape(label("tracker.flags", lang))}</h2>',
        flags_html(tables["series_flags"], claims, lang=lang),
        f'<h2 id="ranges">{escape(label("tracker.ranges", lang))}</h2>',
        ranges_html(tables["series_ranges"], lang=lang),
        f'<h2 id="articles">{escape(label("tracker.articles", lang))}</h2>',
        articles_html(articles, lang=lang, quoted=_quoted(tables)),
        f'<h2 id="methodology">{escape(label("tracker.methodology", lang))}</h2>',
        f'<p class="methodology">{escape(label("tracker.methodology_text", lang))}</p>',
        f'<h2 id="data">{escape(label("tracker.data", lang))}</h2>',
        f"<p>{escape(label('tracker.data_text', lang))}</p>",
        '<ul class="data">'
        + "".join(f'<li><a href="{escape(n)}">{escape(n)}</a></li>' for n in data_files)
        + "</ul>",
        f'<footer class="credit">{escape(label("tracker.credit", lang))}</footer>',
    ]
    css = (config.TEMPLATES / "qantar" / "report.css").read_text(encoding="utf-8") + _CSS
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(label('tracker.title', lang))}</title>\n"
        f"<style>\n{css}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )
