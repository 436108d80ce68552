"""Claims: every figure of every article of a corpus, with who states it, read in parallel.

Reading an article (:func:`read_article`: clean, extract, attribute) is the only costly step
and articles are independent, so it runs

* on a local process pool (``engine="local"``, the default; in this process when there is one
  article or one worker),
* or on Dask (``engine="dask"``, the optional extra ``qantar[dask]``): on the scheduler at
  ``scheduler`` (any ``tcp://host:port``; workers get the text, not a path, so they need no
  shared disk), or on a local cluster started for the run.

Both give the same records, so the claims table is byte for byte the same whichever engine.
A :class:`Cache` keeps each article's records under the raw file's sha256 and the package's
version and code fingerprint, so a re-run reads only the articles it has not seen.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.atomic import write_text
from analysis.corpus import Article
from analysis.schemas import conform
from analysis.sources import InputError

__all__ = [
    "ENGINES",
    "RECORD_FIELDS",
    "Cache",
    "apply_attributions",
    "check_attributions",
    "claims_table",
    "code_fingerprint",
    "read_article",
    "read_articles",
    "read_batch",
    "warm_up",
]

#: Engines :func:`read_articles` runs on.
ENGINES = ("local", "dask")
#: What :func:`read_article` keeps of each figure (and the cache stores).
RECORD_FIELDS = (
    "figure_id",
    "measure",
    "group",
    "value",
    "low",
    "high",
    "qualifier",
    "place",
    "as_of",
    "quote",
    "start",
    "end",
    "lang",
    "attributed_to",
    "source_id",
)
_INTEGER_FIELDS = ("value", "low", "high", "start", "end")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEARLESS = re.compile(r"^--\d{2}-\d{2}$")

Progress = Callable[[int, int], None]
#: How long to try reaching a Dask scheduler before giving up.
DASK_CONNECT_TIMEOUT = "10s"


# --- one article -----------------------------------------------------------------------------


def _plain(value, name: str):
    """A JSON-able cell: int for counts and offsets (None when missing), str otherwise."""
    if isinstance(value, str):
        return value
    if name in _INTEGER_FIELDS:
        return None if value is None or pd.isna(value) else int(value)
    return "" if value is None or pd.isna(value) else str(value)


def read_article(text: str, year: int | None = None) -> list[dict]:
    """The figures of one article with who states them, as plain records.

    Parameters
    ----------
    text : str
        The raw article as decoded.
    year : int, optional
        Year of publication (for ``as_of`` dates written without one).

    Returns
    -------
    list of dict
        One record per figure with :data:`RECORD_FIELDS`; ``lang`` is the language of the
        segment the figure was read from.

    Examples
    --------
    >>> [(r["measure"], r["value"], r["attributed_to"]) for r in read_article(
    ...     "Кечээ 12 адам жаракат алды. Бул тууралуу ИИМ билдирди.")]
    [('injured', 12, 'ИИМ')]
    """
    # Plain lists end to end: for a short article a DataFrame costs more than the reading.
    from analysis.attribution import normalise_source, sources_of
    from analysis.clean import segment_columns
    from analysis.figures import figure_columns

    segments = segment_columns(text)
    columns = figure_columns(text, segments=segments, year=year)
    lang_of = dict(zip(segments["segment_id"], segments["lang"], strict=True))
    columns["lang"] = [str(lang_of.get(s, "")) for s in columns["segment_id"]]
    who = sources_of(list(zip(columns["start"], columns["end"], strict=True)), text)
    columns["attributed_to"] = who
    columns["source_id"] = [normalise_source(w) for w in who]
    cells = [[_plain(v, name) for v in columns[name]] for name in RECORD_FIELDS]
    return [dict(zip(RECORD_FIELDS, row, strict=True)) for row in zip(*cells, strict=True)]


def warm_up() -> None:
    """Compile the lexicon and load the gazetteer now (what a first reading would pay)."""
    read_article("Кечээ 12 адам жаракат алды. Бул тууралуу ИИМ билдирди.", None)


def read_batch(items: Sequence[tuple[str, int | None]]) -> list[list[dict]]:
    """:func:`read_article` over ``(text, year)`` pairs: one task of an engine."""
    return [read_article(text, year) for text, year in items]


# --- cache -----------------------------------------------------------------------------------


@cache
def code_fingerprint() -> str:
    """The package version and a digest of its code and data files.

    A cached reading is valid only for the code that made it: a new release, or an edited
    lexicon, rule file or module, gives a new fingerprint and so a fresh cache.
    """
    try:
        from importlib.metadata import version

        release = version("qantar")
    except Exception:  # not installed (a source checkout): the digest still tells code apart
        release = "0+unknown"
    digest = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".py", ".yaml", ".csv")
            and "__pycache__" not in path.parts
        ):
            digest.update(path.relative_to(config.PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{release}-{digest.hexdigest()[:16]}"


class Cache:
    """Readings of articles on disk, one JSON file per (raw sha256, year) and code fingerprint.

    Parameters
    ----------
    folder : str or Path or None
        Where readings are kept (``<folder>/<fingerprint>/<sha256>-<year>.json``); ``None``
        keeps nothing.
    """

    def __init__(self, folder: str | Path | None):
        self.folder = None if folder is None else Path(folder) / code_fingerprint()

    def _path(self, article: Article) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{article.sha256}-{article.year}.json"

    def get(self, article: Article) -> list[dict] | None:
        """The cached records of an article, or None."""
        path = self._path(article)
        if path is None or not path.exists():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a damaged entry is read again

    def put(self, article: Article, records: list[dict]) -> None:
        """Keep an article's records (written aside, then renamed)."""
        path = self._path(article)
        if path is not None:
            write_text(path, json.dumps(records, ensure_ascii=False, sort_keys=True) + "\n")


# --- engines ---------------------------------------------------------------------------------


def _batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _batch_size(n: int, workers: int) -> int:
    """Tasks of a few articles: enough tasks to balance, few enough to keep overhead low."""
    return max(1, min(32, n // (workers * 4) or 1))


def _pool_context():
    """A fork server that has read the lexicon once, so its workers start warm.

    Workers are forked from that server (a fresh, single-threaded process), never from this
    process, which may hold threads or locks (pytest-xdist, Jupyter); "spawn" where there is
    no fork server.
    """
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:  # no fork server on this platform
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(["analysis._pool_warmup"])
    return context


def _run_local(items, workers: int, progress: Progress | None) -> list[list[dict]]:
    """Read on a process pool (in this process for one item or one worker)."""
    total = len(items)
    if workers <= 1 or total <= 1:
        out = []
        for item in items:
            out.append(read_article(*item))
            if progress:
                progress(len(out), total)
        return out
    batches = _batches(items, _batch_size(total, workers))
    out: list[list[dict]] = []
    context = _pool_context()
    with ProcessPoolExecutor(max_workers=min(workers, len(batches)), mp_context=context) as pool:
        for result in pool.map(read_batch, batches):
            out.extend(result)
            if progress:
                progress(len(out), total)
    return out


def _run_dask(
    items, workers: int, scheduler: str | None, progress: Progress | None
) -> list[list[dict]]:
    """Read on a Dask cluster: the one at ``scheduler``, or a local one started for the run."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError(
            "engine dask needs the optional extra: pip install 'qantar[dask]'"
        ) from None
    batches = _batches(items, _batch_size(len(items), workers))
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # the run's progress is ours; no worker chatter
        )
        client = Client(cluster)
    try:
        futures = client.map(read_batch, batches, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(batches)
        done = 0
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            done += len(results[index[future.key]])
            if progress:
                progress(done, len(items))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [records for batch in results for records in batch]


def read_articles(
    articles: Sequence[Article],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, list[dict]], int]:
    """Read every article (cached ones from the cache) on an engine.

    Parameters
    ----------
    articles : sequence of Article
    engine : {"local", "dask"}
        Local process pool, or Dask.
    workers : int, optional
        Processes (local) or workers of a local Dask cluster; default: the machine's cores.
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"`` only).
    cache : Cache, optional
        Readings kept from earlier runs; new readings are added to it.
    progress : callable, optional
        Called as ``progress(done, total)`` over the articles that are read.

    Returns
    -------
    (dict, int)
        Records by article id, and how many articles were read (not found in the cache).
    """
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise InputError("--scheduler is for --engine dask")
    cache = cache or Cache(None)
    out: dict[str, list[dict]] = {}
    todo: list[Article] = []
    for a in articles:
        hit = cache.get(a)
        if hit is None:
            todo.append(a)
        else:
            out[a.article_id] = hit
    workers = max(1, workers or os.cpu_count() or 1)
    items = [(a.text, a.year) for a in todo]
    if todo:
        if engine == "dask":
            results = _run_dask(items, workers, scheduler, progress)
        else:
            results = _run_local(items, workers, progress)
        for a, records in zip(todo, results, strict=True):
            cache.put(a, records)
            out[a.article_id] = records
    return out, len(todo)


# --- the claims table ------------------------------------------------------------------------


def check_attributions(annotations: pd.DataFrame) -> None:
    """Refuse, before any work, an attribution whose selector names no column of ``claims``."""
    from analysis.annotations import parse_target
    from analysis.schemas import TABLES

    columns = set(TABLES["claims"].names)
    for _, a in annotations[annotations["kind"] == "attribution"].iterrows():
        where = f"annotations.csv {a['annotation_id']}"
        for column, _ in parse_target(a["target"], where):
            if column not in columns:
                raise InputError(f"{where}: target names {column!r}, not a column of claims")


def apply_attributions(claims: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    """Set who states the claims an ``attribution`` annotation selects (the text said no one, or
    said it wrongly).

    Parameters
    ----------
    claims : pandas.DataFrame
        The ``claims`` table.
    annotations : pandas.DataFrame
        :func:`analysis.annotations.read_annotations` output. For each ``attribution`` row,
        the claims its ``target`` selects (any claims column: ``article_id=a3;measure=killed``)
        get ``attributed_to`` = its ``value`` (the source as written), else its ``text_en``,
        and the ``source_id`` that names; ``source_key`` follows.

    Returns
    -------
    pandas.DataFrame
        A new claims table, checked against its schema.
    """
    from analysis.annotations import match_target
    from analysis.attribution import normalise_source

    out = claims.copy()
    for _, a in annotations[annotations["kind"] == "attribution"].iterrows():
        who = " ".join(str(a["value"] or a["text_en"]).split())
        mask = match_target(out, a["target"])
        sid = normalise_source(who)
        out.loc[mask, "attributed_to"] = who
        out.loc[mask, "source_id"] = sid
        out.loc[mask, "source_key"] = sid or who
    return conform(out, "claims")


def _claim_date(as_of: str, published: str) -> str:
    """The day a claim speaks for: its ``as_of``, else the day of publication."""
    if _ISO_DAY.match(as_of):
        return as_of
    if _YEARLESS.match(as_of):
        return published[:4] + as_of[1:]
    return published[:10]


def claims_table(articles: Sequence[Article], records: dict[str, list[dict]]) -> pd.DataFrame:
    """One row per figure per article, checked against the ``claims`` schema.

    Parameters
    ----------
    articles : sequence of Article
    records : dict
        :func:`read_articles` output: records by article id.

    Returns
    -------
    pandas.DataFrame
        The ``claims`` table (see the README data dictionary), in (published, article,
        position) order.
    """
    rows = []
    for a in articles:
        for r in records.get(a.article_id, []):
            who = " ".join(str(r["attributed_to"]).split())
            rows.append(
                {
                    **r,
                    "claim_id": f"{a.article_id}/{r['figure_id']}",
                    "article_id": a.article_id,
                    "publisher": a.publisher,
                    "published": a.published,
                    "date": _claim_date(str(r["as_of"]), a.published),
                    "attributed_to": who,
                    "source_key": r["source_id"] or who or f"publisher:{a.publisher}",
                    "series_id": f"{r['measure']}:{r['group']}:{r['place'] or '-'}",
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            *RECORD_FIELDS,
            "claim_id",
            "article_id",
            "publisher",
            "published",
            "date",
            "source_key",
            "series_id",
        ],
    )
    frame = frame.sort_values(
        ["published", "article_id", "start", "figure_id"], kind="stable"
    ).reset_index(drop=True)
    return conform(frame, "claims")
