"""The story tracker: many articles, one table of claims over time and source.

:func:`track` reads a corpus folder (:mod:`analysis.corpus`), reads every article on an
engine with a cache (:mod:`analysis.claims`), groups the claims into series
(:mod:`analysis.series`), draws a chart per headline series (:mod:`analysis.plots_tracker`)
and writes, into one output folder:

* ``articles.csv``, ``claims.csv``, ``series_latest.csv``, ``series_ranges.csv``,
  ``series_flags.csv`` (schemas in :mod:`analysis.schemas`, documented in the README's data
  dictionary);
* ``datapackage.json`` (Frictionless; every raw file's path and sha256 under ``sources``);
* ``tracker.db``: SQLite of every table with full-text search on ``claims.quote`` and ``claims.attributed_to``;
* ``tracker.<lang>.html``: the tracker page in each language (:mod:`analysis.tracker_page`).

Outputs are deterministic: the same corpus gives byte-identical files whichever engine, and
whether articles were read now or taken from the cache (``<out>/.cache`` by default). Bad
input (a missing folder, a changed raw file, missing metadata) is found before anything is
read or written; everything is written into a staging folder and moved into place at the end.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.claims import (
    Cache,
    apply_attributions,
    check_attributions,
    claims_table,
    read_articles,
)
from analysis.corpus import Article, read_corpus
from analysis.i18n import LANGS, label
from analysis.schemas import conform
from analysis.sources import InputError

__all__ = ["TABLE_NAMES", "articles_table", "build_tables", "datapackage", "track"]

#: Published tables, in the order they are written (articles first, for foreign keys).
TABLE_NAMES = ("articles", "claims", "series_latest", "series_ranges", "series_flags")


def _progress(message: str) -> None:
    """One progress line on standard error."""
    print(f"[track] {message}", file=sys.stderr, flush=True)


def articles_table(articles: Sequence[Article], claims: pd.DataFrame) -> pd.DataFrame:
    """The ``articles`` table: metadata, sha256 and number of claims of each article."""
    counts = claims.groupby("article_id").size() if len(claims) else pd.Series(dtype=int)
    rows = [
        {
            "article_id": a.article_id,
            "path": a.path,
            "sha256": a.sha256,
            "publisher": a.publisher,
            "published": a.published,
            "url": a.url,
            "lang": a.lang,
            "title": a.title,
            "claims": int(counts.get(a.article_id, 0)),
        }
        for a in articles
    ]
    from analysis.schemas import TABLES

    return conform(pd.DataFrame(rows, columns=TABLES["articles"].names), "articles")


def build_tables(
    articles: Sequence[Article],
    records: dict[str, list[dict]],
    annotations: pd.DataFrame | None = None,
) -> dict:
    """Every published table of a corpus from its articles and their readings.

    Parameters
    ----------
    articles : sequence of Article
    records : dict
        Readings by article id (:func:`analysis.claims.read_articles`).
    annotations : pandas.DataFrame, optional
        The corpus's annotations; ``attribution`` rows set who states the claims they select
        (:func:`analysis.claims.apply_attributions`).

    Returns
    -------
    dict of str to pandas.DataFrame
        :data:`TABLE_NAMES` in order, each checked against its schema.
    """
    from analysis.series import series_tables

    claims = claims_table(articles, records)
    if annotations is not None and len(annotations):
        claims = apply_attributions(claims, annotations)
    return {"articles": articles_table(articles, claims), "claims": claims, **series_tables(claims)}


def datapackage(files: dict[str, bytes], articles: Sequence[Article], name: str) -> dict:
    """The ``datapackage.json`` descriptor of a tracker run.

    Parameters
    ----------
    files : dict of str to bytes
        The CSVs (``<table>.csv``) and their bytes.
    articles : sequence of Article
        The corpus (each becomes a source with its path and sha256).
    name : str
        Package name (the corpus folder's name).

    Returns
    -------
    dict
        A Frictionless (Data Package v1) descriptor.
    """
    from analysis.publish import LICENCE, resource_descriptor
    from analysis.schemas import TABLES

    resources = [
        resource_descriptor(table, TABLES[table], files[f"{table}.csv"]) for table in TABLE_NAMES
    ]
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in name.lower()) or "tracker"
    return {
        "profile": "tabular-data-package",
        "name": f"tracker-{slug}",
        "title": f"Story tracker: claims of {len(articles)} articles ({name})",
        "description": (
            "Every figure of every article of a corpus, with who states it (read from the text), "
            "the day it speaks for and its exact quote; series per measure, group and place with "
            "the latest figure per source, the range across sources per day, and flags where "
            "sources disagree or revise down. Produced by qantar (python -m analysis track)."
        ),
        "licenses": [LICENCE],
        "sources": [
            {
                "title": f"{a.publisher} — {a.published} — {a.article_id}",
                "path": a.path,
                "sha256": a.sha256,
            }
            for a in articles
        ],
        "resources": resources,
    }


def _charts(tables: dict, langs: Sequence[str]) -> dict[str, dict]:
    """PNG chart of each headline series, per language."""
    import matplotlib

    matplotlib.use("Agg")
    from analysis.plots import format_value
    from analysis.plots_tracker import plot_series, series_title, source_label
    from analysis.series import headline_series

    claims, latest = tables["claims"], tables["series_latest"]
    out: dict[str, dict] = {lang: {} for lang in langs}
    for series_id in headline_series(claims):
        data = claims[claims["series_id"] == series_id]
        last = latest[latest["series_id"] == series_id]
        for lang in langs:
            title = series_title(data.iloc[0], lang)
            said = "; ".join(
                f"{source_label(r, lang)}: {format_value(r)} ({r['date']})"
                for _, r in last.iterrows()
            )
            alt = (
                label("tracker.chart_alt", lang).replace("{title}", title).replace("{latest}", said)
            )
            out[lang][series_id] = _chart(plot_series(data, lang=lang), alt)
    return out


def _chart(ax, alt: str):
    """The chart of ``ax`` as PNG at the reports' resolution (whole figure, no tight box)."""
    import io

    import matplotlib.pyplot as plt

    from analysis.report import CHART_DPI, Chart

    buf = io.BytesIO()
    # No "Software" stamp, so the same chart gives the same bytes.
    ax.figure.savefig(buf, format="png", dpi=CHART_DPI, metadata={"Software": None})
    plt.close(ax.figure)
    return Chart(buf.getvalue(), alt)


def track(
    corpus: str | Path,
    out: str | Path | None = None,
    *,
    langs: Sequence[str] = ("ky", "ru", "en"),
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    cache: str | Path | bool | None = True,
    progress: bool = True,
) -> Path:
    """Build the tracker of a corpus: claims, series, flags, charts, pages, data package.

    Parameters
    ----------
    corpus : str or Path
        Corpus folder: raw ``*.txt`` articles with ``.meta.json`` sidecars, or a
        ``manifest.csv`` (see :func:`analysis.corpus.read_corpus`); an ``annotations.csv``
        in it may set or correct who states claims (kind ``attribution``).
    out : str or Path, optional
        Output folder; default ``build/tracker/<corpus folder name>``.
    langs : sequence of {"ky", "ru", "en"}
        Languages of the tracker page.
    engine : {"local", "dask"}
        Where articles are read: a local process pool, or Dask.
    workers : int, optional
        Local processes, or workers of a local Dask cluster; default: the machine's cores.
    scheduler : str, optional
        A running Dask scheduler's address (``tcp://host:8786``) for ``engine="dask"``; without
        it a local cluster is started for the run.
    cache : str or Path or bool or None
        Folder of cached readings; ``True`` (default) for ``<out>/.cache``; ``False`` or
        ``None`` to read every article again.
    progress : bool
        Print progress lines on standard error.

    Returns
    -------
    Path
        The output folder.

    Raises
    ------
    InputError
        Bad corpus, language, engine or scheduler; nothing is written then.
    """
    from analysis.atomic import staging_dir, write_bytes
    from analysis.publish import table_csv, write_sqlite
    from analysis.tracker_page import page_html

    say = _progress if progress else (lambda message: None)
    t0 = time.perf_counter()
    corpus = Path(corpus)
    langs = list(dict.fromkeys(langs))
    bad = [x for x in langs if x not in LANGS]
    if bad or not langs:
        raise InputError(f"unknown language(s) {', '.join(bad) or '(none)'}; use ky, ru, en")
    articles = read_corpus(corpus)
    from analysis.annotations import read_annotations

    annotations = read_annotations(corpus / "annotations.csv")
    check_attributions(annotations)
    out = Path(out) if out is not None else config.TRACKER_OUT / corpus.resolve().name
    if cache is True:
        cache = out / ".cache"
    store = Cache(cache or None)
    say(f"{len(articles)} article(s) in {corpus}")
    last = [0.0]

    def tick(done: int, total: int) -> None:
        now = time.perf_counter()
        if done == total or now - last[0] >= 1.0:
            last[0] = now
            say(f"read {done}/{total} article(s) on {engine}")

    records, fresh = read_articles(
        articles, engine=engine, workers=workers, scheduler=scheduler, cache=store, progress=tick
    )
    say(f"{fresh} article(s) read, {len(articles) - fresh} from the cache")
    tables = build_tables(articles, records, annotations)
    say(
        f"{len(tables['claims'])} claim(s) in {tables['claims']['series_id'].nunique()} series, "
        f"{len(tables['series_flags'])} flag(s)"
    )
    files = {f"{name}.csv": table_csv(tables[name]) for name in TABLE_NAMES}
    descriptor = datapackage(files, articles, corpus.resolve().name)
    files["datapackage.json"] = (
        json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    charts = _charts(tables, langs)
    data_files = [*files, "tracker.db"]
    for lang in langs:
        page = page_html(tables, charts[lang], lang=lang, langs=langs, data_files=data_files)
        files[f"tracker.{lang}.html"] = page.encode("utf-8")
    with staging_dir(out) as stage:
        for name, payload in files.items():
            write_bytes(stage / name, payload)
        write_sqlite(
            {n: tables[n] for n in TABLE_NAMES},
            stage / "tracker.db",
            fts={"claims": ["quote", "attributed_to"]},
        )
    say(f"wrote {len(files) + 1} file(s) to {out} in {time.perf_counter() - t0:.1f} s")
    return out
