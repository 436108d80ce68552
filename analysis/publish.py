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

import pandas as pd

from analysis import config
from analysis.annotations import read_annotations
from analysis.atomic import staging_dir, write_bytes
from analysis.schemas import (
    TABLES,
    Table,
    frictionless_schema,
    infer_table,
    sqlite_columns,
)
from analysis.sources import load_raw, metadata, read_bytes, sha256_of

__all__ = ["datapackage_descriptor", "publish", "table_csv", "write_sqlite"]

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


def _cell(x) -> str:
    """One CSV cell: '' for missing, true/false for booleans, integers without '.0'."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return ""
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


def _raw_path_text(raw_path: Path) -> str:
    """The raw file's path as recorded in the package: relative to the project when inside it."""
    try:
        return raw_path.resolve().relative_to(config.ROOT).as_posix()
    except ValueError:
        return raw_path.name


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
    if meta.get("licence"):
        source["licence"] = meta["licence"]
    resources = []
    for name, frame in tables.items():
        spec = _spec(name, frame)
        data = files[f"{name}.csv"]
        resources.append(
            {
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
        )
    about = ", ".join(x for x in (publisher, meta.get("published", "")) if x)
    title = f"Figures of {story}" + (f" ({about})" if about else "")
    return {
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


def _story(raw_path: str | Path, meta: dict | None) -> str:
    """The story name: metadata ``story``, else the raw file's stem."""
    if meta and meta.get("story"):
        return str(meta["story"])
    return "stdin" if str(raw_path) == "-" else Path(raw_path).stem


def publish(raw_path: str | Path = config.SEED_RAW, out_dir: str | Path = config.PROCESSED) -> Path:
    """Build every table of a raw article and write CSVs, data package and SQLite.

    Annotations are read from ``annotations.csv`` beside the raw file (rows of
    this story only).

    Parameters
    ----------
    raw_path : str or Path
        The raw article (checksum verified when it has metadata).
    out_dir : str or Path
        Output folder, e.g. ``data/processed``.

    Returns
    -------
    Path
        The output folder, holding ``<table>.csv``, ``datapackage.json`` and ``<story>.db``.

    Raises
    ------
    InputError
        For a bad raw file or annotations file (nothing is written then).
    """
    from analysis.tables import build_tables

    text = load_raw(raw_path)
    data, _ = read_bytes(raw_path) if str(raw_path) != "-" else (text.encode("utf-8"), "")
    meta = metadata(raw_path) if str(raw_path) != "-" else None
    story = _story(raw_path, meta)
    notes_file = (
        config.ANNOTATIONS if str(raw_path) == "-" else Path(raw_path).parent / "annotations.csv"
    )
    annotations = read_annotations(notes_file, story=story)
    tables = build_tables(text, annotations, meta=meta)
    files = {f"{name}.csv": table_csv(frame) for name, frame in tables.items()}
    descriptor = datapackage_descriptor(
        tables,
        files,
        story=story,
        raw_path=raw_path,
        raw_sha256=sha256_of(data),
        meta=meta,
    )
    files["datapackage.json"] = (
        json.dumps(descriptor, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    out = Path(out_dir)
    with staging_dir(out) as stage:
        for name, payload in files.items():
            write_bytes(stage / name, payload)
        write_sqlite(tables, stage / f"{story}.db")
    return out
