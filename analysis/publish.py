"""Publication: CSV per table, a Frictionless Data Package and one SQLite database.

:func:`publish` is the only function here that touches files. Everything it
writes is deterministic: the same raw file and annotations give byte-identical
CSVs and ``datapackage.json`` (sorted keys, no timestamps, ``\\n`` line ends,
booleans as ``true``/``false``, empty cell for a missing number). Outputs are
written into a staging folder and moved into place one by one, so a failed run
leaves the previous outputs untouched.

The SQLite database (``<story>.db``) holds every table plus ``data_dictionary``,
with full-text search on ``figures.quote``; ``datasette data/processed/<story>.db``
browses it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import config
from analysis.annotations import read_annotations
from analysis.article import raw_path_text as _raw_path_text
from analysis.atomic import staging_dir, write_bytes
from analysis.schemas import (
    TABLES,
    Table,
    frictionless_schema,
    infer_table,
    sqlite_columns,
)
from analysis.sources import sha256_of

if TYPE_CHECKING:
    from analysis.article import Article

__all__ = [
    "datapackage_descriptor",
    "fts_query",
    "publish",
    "read_published",
    "resource_descriptor",
    "search_figures",
    "table_csv",
    "write_sqlite",
]

#: Metadata of the article a data package carries (``qantar.article``), for the reports.
ARTICLE_FIELDS = (
    "title",
    "publisher",
    "published",
    "url",
    "language",
    "timezone",
    "credit",
    "licence",
)

#: Licence of the tables this project compiles; quoted excerpts stay the publisher's.
LICENCE = {
    "name": "ODC-By-1.0",
    "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": "Open Data Commons Attribution License 1.0 (compiled tables; quoted excerpts "
    "remain the publisher's, quoted with attribution)",
}


def _spec(name: str, frame: pd.DataFrame) -> Table:
    """The schema of a published table (inferred for tables defined elsewhere)."""
    return TABLES[name] if name in TABLES else infer_table(name, frame)


#: A text cell starting with one of these is a formula to a spreadsheet (=, +, -, @) or can
#: hide one (tab, carriage return): such cells get a leading apostrophe in the CSVs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(x) -> str:
    """One CSV cell: '' for missing, true/false for booleans, integers without '.0'.

    Text that a spreadsheet would run as a formula (see :data:`FORMULA_START`) is written
    with a leading apostrophe (``'=HYPERLINK(...)``), which spreadsheets show as text;
    numbers are never changed. SQLite and the frames keep the text as it was.
    """
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
    if isinstance(x, str):
        return "'" + x if x.startswith(FORMULA_START) else x
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        # Fixed precision keeps files byte-stable (6 decimals of a degree is ~0.1 m).
        return f"{x:.6f}"
    return str(x)


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as deterministic UTF-8 CSV bytes (header, ``\\n`` line ends).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    bytes
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(x) for x in row])
    return buf.getvalue().encode("utf-8")


def resource_descriptor(name: str, spec: Table, data: bytes) -> dict:
    """The Frictionless resource of one published CSV: its schema, size and sha256."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "title": spec.title,
        "description": spec.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{sha256_of(data)}",
        "schema": frictionless_schema(spec),
    }


def datapackage_descriptor(
    tables: dict[str, pd.DataFrame],
    files: dict[str, bytes],
    *,
    story: str,
    raw_path: str | Path,
    raw_sha256: str,
    meta: dict | None = None,
) -> dict:
    """The ``datapackage.json`` descriptor of the published tables.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Published tables by name.
    files : dict of str to bytes
        Their CSV bytes (for ``bytes`` and ``hash``).
    story : str
        Package name.
    raw_path : str or Path
        The raw article the tables come from.
    raw_sha256 : str
        Its sha256.
    meta : dict, optional
        The raw file's metadata (publisher, published, what, licence).

    Returns
    -------
    dict
        A Frictionless (Data Package v1) descriptor with ``sources`` and ``licenses``.
    """
    meta = meta or {}
    publisher = meta.get("publisher", "")
    source = {
        "title": " — ".join(
            x for x in (publisher, meta.get("published", ""), Path(raw_path).name) if x
        ),
        "path": _raw_path_text(Path(raw_path)),
        "sha256": raw_sha256,
    }
    if meta.get("text_file"):  # a web page: figures index the text extracted from it
        text_path = Path(raw_path).with_name(str(meta["text_file"]))
        source["text_path"] = _raw_path_text(text_path)
        source["text_sha256"] = str(meta.get("text_sha256", ""))
        source["extracted_by"] = str(meta.get("extracted_by", ""))
    if meta.get("licence"):
        source["licence"] = meta["licence"]
    resources = []
    for name, frame in tables.items():
        spec = _spec(name, frame)
        data = files[f"{name}.csv"]
        resource = resource_descriptor(name, spec, data)
        if _attrs(frame):
            # table-level facts a CSV cannot hold (the timeline's clock, date, credit)
            resource["qantar"] = {"attrs": _attrs(frame)}
        resources.append(resource)
    about = ", ".join(x for x in (publisher, meta.get("published", "")) if x)
    title = f"Figures of {story}" + (f" ({about})" if about else "")
    article = {k: str(meta[k]) for k in ARTICLE_FIELDS if str(meta.get(k, "") or "")}
    return {
        "qantar": {"story": story, "article": article},
        "profile": "tabular-data-package",
        "name": story,
        "title": title,
        "description": (
            "Figures stated in one news article, each traceable to its quote and character "
            "span in the raw text, with tidy tables, consistency checks and annotations. "
            "Produced by qantar (python -m analysis publish)."
        ),
        "licenses": [LICENCE],
        "sources": [source],
        "resources": resources,
    }


def _attrs(frame: pd.DataFrame) -> dict:
    """A table's ``attrs`` as JSON-ready text values, in key order."""
    return {str(k): str(v) for k, v in sorted(frame.attrs.items())}


def _sqlite_value(x):
    """A cell for SQLite: None for missing, 0/1 for booleans, plain Python scalars."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    if isinstance(x, bool):
        return int(x)
    if hasattr(x, "item"):
        return x.item()
    return x


def write_sqlite(
    tables: dict[str, pd.DataFrame],
    path: str | Path,
    *,
    fts: dict[str, list[str]] | None = None,
) -> Path:
    """Write every table to one SQLite database with full-text search on quotes.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Published tables by name (``figures`` first, so foreign keys resolve).
    path : str or Path
        The database file; it must not exist yet (publish writes into a staging folder).
    fts : dict of str to list of str, optional
        Columns to index for full-text search, by table; default ``{"figures": ["quote"]}``.

    Returns
    -------
    Path
    """
    import sqlite_utils

    path = Path(path)
    db = sqlite_utils.Database(path)
    # A file of a staging folder, moved into place once complete (like every output, which
    # is written without fsync): no rollback journal on disk and no fsync at each table's
    # commit. Neither changes the file's bytes (VACUUM writes it out at the end).
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    try:
        for name, frame in tables.items():
            spec = _spec(name, frame)
            fks = [(col, ref, ref_col) for col, ref, ref_col in spec.foreign_keys if ref in tables]
            db[name].create(
                sqlite_columns(spec), pk=list(spec.primary_key) or None, foreign_keys=fks
            )
            rows = [
                {k: _sqlite_value(v) for k, v in rec.items()} for rec in frame.to_dict("records")
            ]
            if rows:
                db[name].insert_all(rows)
        dictionary = [
            {
                "table_name": name,
                "column_name": c.name,
                "type": c.kind.rstrip("?"),
                "description": c.description,
            }
            for name, frame in tables.items()
            for c in _spec(name, frame).columns
        ]
        db["data_dictionary"].insert_all(dictionary, pk=("table_name", "column_name"))
        for name, columns in (fts if fts is not None else {"figures": ["quote"]}).items():
            if name in tables:
                db[name].enable_fts(columns, create_triggers=True, tokenize="unicode61")
        db.execute("VACUUM")
    finally:
        db.close()
    return path


def fts_query(text: str) -> str:
    """A full-text search expression that matches ``text``'s words and nothing else.

    Every word becomes an FTS5 string (``"..."``, inner quotes doubled), so what a reader
    types is never read as query syntax (``OR``, ``NEAR``, ``-``, ``:``, ``(``, unbalanced
    quotes); a ``*`` ending a word keeps its meaning, "words starting with".

    Parameters
    ----------
    text : str
        Words as typed, e.g. ``ишкана* Алматы``.

    Returns
    -------
    str
        E.g. ``"ишкана"* "Алматы"``; ``""`` when ``text`` has no word.

    Examples
    --------
    >>> fts_query('адам" OR quote:x')
    '"адам\"\"" "OR" "quote:x"'
    """
    terms = []
    for word in text.split():
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*") if prefix else word
        terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def search_figures(db_path: str | Path, text: str) -> pd.DataFrame:
    """Figures whose quote contains every word of ``text`` (full-text search, safe for any text).

    Parameters
    ----------
    db_path : str or Path
        A database written by :func:`publish`.
    text : str
        Words as a reader typed them (see :func:`fts_query`).

    Returns
    -------
    pandas.DataFrame
        Rows of the ``figures`` table, in ``figure_id`` order; empty when ``text`` has no word.
    """
    import sqlite3

    query = fts_query(text)
    db = sqlite3.connect(Path(db_path))
    try:
        if not query:
            return pd.read_sql_query("select * from figures where 0", db)
        return pd.read_sql_query(
            "select * from figures where rowid in "
            "(select rowid from figures_fts where figures_fts match ?) order by figure_id",
            db,
            params=(query,),
        )
    finally:
        db.close()


def publish(
    raw_path: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    article: Article | None = None,
) -> Path:
    """Build every table of a raw article and write CSVs, data package and SQLite.

    Annotations are read from ``annotations.csv`` beside the raw file (rows of
    this story only).

    Parameters
    ----------
    raw_path : str or Path, optional
        The raw article (checksum verified when it has metadata); the bundled example
        by default. Ignored when ``article`` is given.
    out_dir : str or Path, optional
        Output folder; default ``data/processed/<story>`` of the workspace.
    article : Article, optional
        An article already read by :func:`analysis.article.read_article` (with metadata
        given as flags).

    Returns
    -------
    Path
        The output folder, holding ``<table>.csv``, ``datapackage.json`` and ``<story>.db``.

    Raises
    ------
    InputError
        For a bad raw file or annotations file (nothing is written then).
    """
    from analysis.article import read_article
    from analysis.tables import build_tables

    if article is None:
        article = read_article(raw_path)
    story, meta = article.story, article.meta
    notes_file = article.annotations_path
    annotations = read_annotations(notes_file, story=story) if notes_file else None
    tables = build_tables(article.text, annotations, meta=meta)
    files = {f"{name}.csv": table_csv(frame) for name, frame in tables.items()}
    descriptor = datapackage_descriptor(
        tables,
        files,
        story=story,
        raw_path=article.path or Path("stdin"),
        raw_sha256=article.raw_sha256,
        meta=meta,
    )
    files["datapackage.json"] = (
        json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    out = Path(out_dir) if out_dir else config.processed_dir(story)
    with staging_dir(out) as stage:
        for name, payload in files.items():
            write_bytes(stage / name, payload)
        write_sqlite(tables, stage / f"{story}.db")
    return out


def _unguard(cell: str) -> str:
    """A text cell as it was before the CSV writer guarded it against spreadsheets.

    When the writer prefixes text a spreadsheet would run as a formula with an apostrophe
    (``FORMULA_START`` in this module), the reader takes it off again.
    """
    starts = globals().get("FORMULA_START", ())
    if starts and cell.startswith("'") and cell[1:].startswith(starts):
        return cell[1:]
    return cell


def read_published(folder: str | Path) -> dict:
    """A story's published tables and article metadata, read back from its data package.

    Every CSV is checked against the size and sha256 recorded in ``datapackage.json``
    and typed by its schema there (no extraction runs): the report notebooks read
    what ``publish`` wrote.

    Parameters
    ----------
    folder : str or Path
        A folder written by :func:`publish`.

    Returns
    -------
    dict
        ``story`` (str), ``meta`` (dict: title, publisher, published, ...) and ``tables``
        (dict of DataFrames, in publication order, with the ``attrs`` they were made with).

    Raises
    ------
    InputError
        When the folder has no data package or a file differs from it.
    """
    from analysis.sources import InputError

    folder = Path(folder)
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{folder}: no readable datapackage.json ({exc})") from None
    tables = {}
    for res in package["resources"]:
        path = folder / res["path"]
        data = path.read_bytes() if path.exists() else b""
        if res.get("hash") and res["hash"] != f"sha256:{sha256_of(data)}":
            raise InputError(f"{path}: differs from datapackage.json (published files changed)")
        fields = res["schema"]["fields"]
        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[], encoding="utf-8"
        )
        frame = frame.reindex(columns=[f["name"] for f in fields], fill_value="")
        for f in fields:
            kind, col = f["type"], f["name"]
            required = f.get("constraints", {}).get("required", False)
            if kind == "boolean":
                frame[col] = frame[col].eq("true")
            elif kind == "integer":
                values = pd.to_numeric(frame[col].replace("", None))
                frame[col] = values.astype("int64" if required else "Int64")
            elif kind == "number":
                frame[col] = pd.to_numeric(frame[col].replace("", None)).astype("float64")
            else:
                frame[col] = frame[col].astype("str").map(_unguard)
        frame.attrs.update(res.get("qantar", {}).get("attrs", {}))
        tables[res["name"]] = frame
    info = package.get("qantar", {})
    return {
        "story": info.get("story", package.get("name", "")),
        "meta": dict(info.get("article", {})),
        "tables": tables,
    }
