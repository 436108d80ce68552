"""A corpus: a folder of raw articles with their metadata, read and checked before any work.

Two layouts, whatever the folder structure below the corpus folder:

* raw text files (``*.txt``, at any depth) each with its sidecar ``<name>.meta.json``
  (``publisher`` or ``credit``, ``published``, optional ``url``, ``language``, ``title``,
  ``id``, ``sha256``), as ``data/raw/`` keeps them;
* or a ``manifest.csv`` in the corpus folder, one article a row (``path`` relative to the
  folder, ``publisher``, ``published``, optional ``url``, ``lang``, ``title``, ``id``); a
  sidecar beside a listed file still gives what the row leaves empty and its checksum.

Every file is read and checked (UTF-8, checksum against the sidecar, required metadata, unique
ids) before anything is extracted, so bad input is one line and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.sources import InputError, decode_text, metadata, read_bytes, sha256_of

__all__ = ["MANIFEST", "Article", "read_corpus"]

#: Name of the optional manifest in a corpus folder.
MANIFEST = "manifest.csv"
_PUBLISHED = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_ID = re.compile(r"^[\w.-]+$")


@dataclass(frozen=True)
class Article:
    """One raw article of a corpus, with its metadata and decoded text."""

    article_id: str
    path: str  # relative to the corpus folder, POSIX
    sha256: str
    publisher: str
    published: str  # ISO date or date and time
    url: str = ""
    lang: str = ""
    title: str = ""
    text: str = field(default="", repr=False)

    @property
    def year(self) -> int:
        """Year of publication (for ``as_of`` dates written without one)."""
        return int(self.published[:4])


def _article(folder: Path, path: Path, row: dict) -> Article:
    """Read one raw file and merge its manifest row over its sidecar."""
    data, name = read_bytes(path)
    text = decode_text(data, name)
    found = sha256_of(data)
    meta = metadata(path) or {}
    if meta.get("sha256") and meta["sha256"] != found:
        raise InputError(
            f"{name}: checksum mismatch (sha256 {found[:12]}..., metadata says "
            f"{str(meta['sha256'])[:12]}...); raw files are evidence and must not change"
        )

    def get(*keys: str) -> str:
        for source in (row, meta):
            for key in keys:
                value = str(source.get(key) or "").strip()
                if value:
                    return value
        return ""

    article_id = get("id") or path.stem
    publisher = get("publisher", "credit")
    published = get("published")
    if not publisher:
        raise InputError(f"{name}: no publisher in its metadata (sidecar .meta.json or manifest)")
    if not _PUBLISHED.match(published):
        raise InputError(
            f"{name}: published {published!r} is not an ISO date or date and time "
            "(e.g. 2022-01-05 or 2022-01-05T14:30+06:00)"
        )
    if not _ID.match(article_id):
        raise InputError(f"{name}: article id {article_id!r} may hold only letters, digits, . _ -")
    return Article(
        article_id=article_id,
        path=path.relative_to(folder).as_posix(),
        sha256=found,
        publisher=publisher,
        published=published,
        url=get("url"),
        lang=get("lang", "language"),
        title=get("title"),
        text=text,
    )


def _manifest_rows(folder: Path) -> list[tuple[Path, dict]]:
    """(path, row) for each row of the folder's manifest."""
    manifest = folder / MANIFEST
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: cannot be read as UTF-8 ({exc})") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "path" not in rows[0]:
        raise InputError(f"{manifest}: needs a header with a `path` column and one row per article")
    out = []
    for i, row in enumerate(rows, start=2):
        rel = (row.get("path") or "").strip()
        if not rel:
            raise InputError(f"{manifest}: line {i} has no path")
        out.append((folder / rel, row))
    return out


def _sidecar_rows(folder: Path) -> list[tuple[Path, dict]]:
    """(path, {}) for each raw text file with a sidecar below the folder (hidden folders skipped)."""
    out = []
    for path in sorted(folder.rglob("*.txt")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not path.with_name(path.stem + ".meta.json").exists():
            raise InputError(
                f"{path}: no metadata sidecar {path.stem}.meta.json (publisher and published "
                "are needed), or list the corpus in a manifest.csv"
            )
        out.append((path, {}))
    return out


def read_corpus(folder: str | Path) -> list[Article]:
    """Every article of a corpus folder, checked, in (published, article_id) order.

    Parameters
    ----------
    folder : str or Path
        The corpus folder: raw ``*.txt`` files with ``.meta.json`` sidecars at any depth, or a
        ``manifest.csv``.

    Returns
    -------
    list of Article

    Raises
    ------
    InputError
        For a missing or empty folder, an unreadable or changed raw file, missing or malformed
        metadata, or two articles with the same id.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such corpus folder")
    listed = _manifest_rows(folder) if (folder / MANIFEST).exists() else _sidecar_rows(folder)
    if not listed:
        raise InputError(f"{folder}: no articles (raw .txt files with .meta.json sidecars)")
    articles = [_article(folder, path, row) for path, row in listed]
    seen: dict[str, str] = {}
    for a in articles:
        if a.article_id in seen:
            raise InputError(
                f"{folder}: article id {a.article_id!r} is used by {seen[a.article_id]} and {a.path}"
            )
        seen[a.article_id] = a.path
    return sorted(articles, key=lambda a: (a.published, a.article_id))
