"""One article, one story: read it with its metadata, or add it to the workspace.

:func:`read_article` is the one way the package reads an article: ``publish``, ``build`` and
the command line all call it. It returns the text figures are read from, the metadata
(sidecar ``<name>.meta.json``, what a saved web page states, what was given as flags) and the
story name every output is filed under.

:func:`add_article` (``qantar add``) copies a text file or saved web page byte for byte into
``data/raw/`` as ``<story>.<ext>``, writes the sidecar (sha256, what was given, what was
inferred and how) and, for a web page, the extracted text beside it (``<story>.text.txt``)
as evidence that figure spans index. It refuses a story that exists with other bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config
from analysis.atomic import write_bytes
from analysis.sources import (
    ChecksumError,
    InputError,
    decode_text,
    metadata,
    metadata_path,
    read_bytes,
    sha256_of,
)

__all__ = [
    "GIVEN_FIELDS",
    "REPORT_FIELDS",
    "Article",
    "add_article",
    "find_story",
    "raw_path_text",
    "read_article",
    "story_slug",
]

#: Metadata a reporter may give as flags (``--date`` sets ``published``, ``--lang`` ``language``).
GIVEN_FIELDS = ("story", "title", "publisher", "published", "url", "language")
#: Fields a report names; a missing one is said in words ("date not given").
REPORT_FIELDS = ("publisher", "published")
_STORY = re.compile(r"[^\W_][\w.-]{0,99}")
_HOW = {
    "language": "detected from the text (analysis.clean.detect_language)",
    "page": "stated by the web page ({extractor})",
    "story": "from the file name",
}


@dataclass(frozen=True)
class Article:
    """A raw article ready for the pipeline.

    Attributes
    ----------
    path : Path or None
        The raw file as given (None for standard input).
    text : str
        The text figures are read from; spans index it. For a web page, the extracted text.
    meta : dict
        Metadata: the sidecar's, completed by what the page states and what was given.
    story : str
        The name every output of this article is filed under.
    raw_sha256 : str
        sha256 of the raw file's bytes.
    text_path : Path or None
        The file ``text`` is saved in (the raw file itself, or the extracted text of an
        added web page); None when it exists only in memory.
    """

    path: Path | None
    text: str
    meta: dict = field(default_factory=dict)
    story: str = ""
    raw_sha256: str = ""
    text_path: Path | None = None
    #: How each inferred field was found: "page" (stated by the web page) or "language"
    #: (detected from the text); empty when the metadata comes from a sidecar.
    how: dict = field(default_factory=dict)

    @property
    def missing(self) -> tuple[str, ...]:
        """Report fields (publisher, published) neither the sidecar, the page nor flags give."""
        return tuple(f for f in REPORT_FIELDS if not str(self.meta.get(f, "") or "").strip())

    @property
    def year(self) -> int | None:
        """Year of publication (for "as of 5 January"), when known."""
        published = str(self.meta.get("published", ""))
        return int(published[:4]) if published[:4].isdigit() else None

    @property
    def annotations_path(self) -> Path | None:
        """``annotations.csv`` beside the raw file (rows are filtered by story)."""
        return None if self.path is None else self.path.parent / "annotations.csv"


def story_slug(name: str) -> str:
    """A story name from a file name or title: lower case, runs of other characters -> ``-``."""
    slug = re.sub(r"[^\w.]+|_+", "-", name.strip().lower()).strip("-.")
    return slug[:100] or "article"


def _check_story(story: str) -> str:
    if not _STORY.fullmatch(story) or ".." in story:
        raise InputError(
            f"story name {story!r}: use letters, digits, '-', '.' (starting with a letter or digit)"
        )
    return story


def _is_date(text: str) -> bool:
    """True for an existing calendar day written YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_given(given: dict) -> dict:
    """The given metadata without empty values; refuses a bad date or language code."""
    unknown = set(given) - set(GIVEN_FIELDS)
    if unknown:
        raise TypeError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
    out = {k: str(v).strip() for k, v in given.items() if v is not None and str(v).strip()}
    if "published" in out and not _is_date(out["published"]):
        raise InputError(f"date {out['published']!r}: give it as YYYY-MM-DD")
    if "language" in out and not re.fullmatch(r"[a-z]{2,3}", out["language"]):
        raise InputError(f"language {out['language']!r}: give a code such as ky, ru or en")
    if "story" in out:
        _check_story(out["story"])
    return out


def find_story(story: str, raw_dir: str | Path | None = None) -> Path:
    """The raw file of a story in ``raw_dir`` (default ``data/raw`` of the workspace).

    The bundled example's story is found in the package when the folder does not hold it.

    Raises
    ------
    InputError
        When no sidecar in the folder names the story.
    """
    folder = Path(raw_dir) if raw_dir else config.raw_dir()
    stories = _stories(folder) if folder.is_dir() else {}
    if story in stories:
        meta_file, meta = stories[story]
        return meta_file.parent / str(meta.get("file") or "")
    if story == _seed_story():
        return config.SEED_RAW
    raise InputError(f"no story {story!r} in {folder} (add an article with `qantar add PATH`)")


def _seed_story() -> str:
    return str((metadata(config.SEED_RAW) or {}).get("story", ""))


def _read_saved_text(path: Path, meta: dict) -> tuple[str, Path]:
    """The extracted text saved beside an added web page, verified against its sha256."""
    text_path = path.parent / meta["text_file"]
    data, name = read_bytes(text_path)
    if meta.get("text_sha256") and sha256_of(data) != meta["text_sha256"]:
        raise ChecksumError(
            f"{name}: checksum mismatch with {metadata_path(path).name}; "
            "raw files are evidence and must not change"
        )
    return decode_text(data, name), text_path


def _infer(text: str, page_meta: dict) -> tuple[dict, dict]:
    """Metadata inferred from a page and the text, and how each field was found."""
    from analysis.clean import detect_language

    inferred, how = {}, {}
    for key, value in page_meta.items():
        inferred[key] = value
        how[key] = "page"
    lang = detect_language(text)
    if lang != "und":
        inferred["language"], how["language"] = lang, "language"
    return inferred, how


def read_article(
    path: str | Path | None = None,
    *,
    raw_dir: str | Path | None = None,
    **given,
) -> Article:
    """Read a raw article (text file or saved web page) with its metadata and story name.

    Parameters
    ----------
    path : str or Path, optional
        The raw file, ``-`` for standard input; by default the story named by ``story``
        in ``raw_dir``, else the bundled example article.
    raw_dir : str or Path, optional
        Where to look a story up (default ``data/raw`` of the workspace).
    **given
        Metadata given by the reporter: ``story``, ``title``, ``publisher``,
        ``published`` (YYYY-MM-DD), ``url``, ``language``. Given values win over the
        sidecar's, which win over what the page states and what is detected.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        A missing, empty, binary or non-UTF-8 file, a changed checksum (``ChecksumError``),
        a page without article text, a bad date or story name.
    """
    given = _check_given(given)
    if path is None:
        path = find_story(given["story"], raw_dir) if "story" in given else config.SEED_RAW
    if str(path) == "-":
        data, name = read_bytes("-")
        raw_path, sidecar = None, {}
    else:
        raw_path = Path(path)
        data, name = read_bytes(raw_path)
        sidecar = metadata(raw_path) or {}
        if sidecar.get("sha256") and sha256_of(data) != sidecar["sha256"]:
            raise ChecksumError(
                f"{name}: checksum mismatch (sha256 {sha256_of(data)[:12]}..., metadata says "
                f"{sidecar['sha256'][:12]}...); raw files are evidence and must not change"
            )
    from analysis.page import looks_like_html, read_page

    page_meta: dict = {}
    text_path = raw_path
    if raw_path is not None and sidecar.get("text_file"):
        text, text_path = _read_saved_text(raw_path, sidecar)
    elif looks_like_html(data, name):
        if not data.strip():
            raise InputError(f"{name}: file is empty")
        page = read_page(data, name)
        text, text_path = page.text, None
        page_meta = page.metadata()
        if page.language:
            page_meta["language"] = page.language
    else:
        text = decode_text(data, name)
    inferred, how = _infer(text, page_meta) if not sidecar else ({}, {})
    meta = {**inferred, **sidecar, **given}
    if "story" not in meta:
        meta["story"] = "stdin" if raw_path is None else story_slug(raw_path.stem)
    return Article(
        path=raw_path,
        text=text,
        meta=meta,
        story=_check_story(str(meta["story"])),
        raw_sha256=sha256_of(data),
        text_path=text_path,
        how={k: v for k, v in how.items() if k not in given and k not in sidecar},
    )


def _stories(folder: Path) -> dict[str, tuple[Path, dict]]:
    """Story name -> (sidecar path, metadata) of every raw file in ``folder``."""
    out = {}
    for meta_file in sorted(folder.glob("*.meta.json")):
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{meta_file}: unreadable metadata ({exc})") from None
        if isinstance(meta, dict) and meta.get("story"):
            out.setdefault(str(meta["story"]), (meta_file, meta))
    return out


def add_article(source: str | Path, raw_dir: str | Path | None = None, **given) -> Path:
    """Copy an article into the workspace's raw folder with its metadata sidecar.

    The raw bytes are copied unchanged to ``<raw_dir>/<story><ext>``; the sidecar
    ``<story>.meta.json`` records their sha256, the metadata given (``given`` lists the
    fields), what was inferred and how (``inferred``: language detected from the text,
    title, date and publisher as the web page states them). A web page's extracted text is
    saved as ``<story>.text.txt`` (``text_file``, ``text_sha256``, ``extracted_by``).
    Adding the same bytes under the same story again changes nothing.

    Parameters
    ----------
    source : str or Path
        A UTF-8 text file or a saved HTML page.
    raw_dir : str or Path, optional
        Default ``data/raw`` of the workspace.
    **given
        ``story``, ``title``, ``publisher``, ``published`` (YYYY-MM-DD), ``url``, ``language``.

    Returns
    -------
    Path
        The raw file in ``raw_dir``.

    Raises
    ------
    InputError
        Bad input, or a story that already exists with other bytes (nothing is written).
    """
    if str(source) == "-":
        raise InputError("add needs a file (standard input cannot be kept as evidence)")
    folder = Path(raw_dir) if raw_dir else config.raw_dir()
    src = Path(source)
    given = _check_given(given)
    article = read_article(src, **given)
    story = article.story
    data, _ = read_bytes(src)
    is_page = article.text_path is None or article.text_path != src
    ext = ".html" if is_page else (src.suffix.lower() or ".txt")
    raw_name = f"{story}{ext}"
    existing = _stories(folder) if folder.exists() else {}
    if story in existing:
        meta_file, meta = existing[story]
        if meta.get("sha256") == article.raw_sha256:
            return meta_file.parent / str(meta.get("file") or raw_name)
        raise InputError(
            f"story {story!r} already exists in {meta_file.parent} with other bytes "
            f"({meta.get('file', '?')}); choose another --story"
        )
    for name in (raw_name, f"{story}.meta.json", f"{story}.text.txt"):
        if (folder / name).exists():
            raise InputError(f"{folder / name} already exists; choose another --story")
    source_meta = metadata(src) or {}
    how = {k: _HOW[v] for k, v in article.how.items()}
    if "story" not in given and "story" not in source_meta:
        how["story"] = _HOW["story"]
    meta: dict = {
        "file": raw_name,
        "sha256": article.raw_sha256,
        "story": story,
        **{k: article.meta[k] for k in GIVEN_FIELDS if k in article.meta and k != "story"},
    }
    for key, value in source_meta.items():
        meta.setdefault(key, value)
    files = {raw_name: data}
    if is_page:
        from analysis.page import extractor_version

        text_bytes = article.text.encode("utf-8")
        files[f"{story}.text.txt"] = text_bytes
        meta["text_file"] = f"{story}.text.txt"
        meta["text_sha256"] = sha256_of(text_bytes)
        meta["extracted_by"] = extractor_version()
        how = {k: v.format(extractor=extractor_version()) for k, v in how.items()}
    meta["given"] = sorted(given)
    meta["inferred"] = dict(sorted(how.items()))
    meta["obtained"] = f"added with `qantar add` from {src.name}"
    files[f"{story}.meta.json"] = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode()
    written: list[Path] = []
    try:
        for name, payload in files.items():  # the sidecar last: it vouches for the others
            written.append(write_bytes(folder / name, payload))
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return folder / raw_name


def raw_path_text(raw_path: Path) -> str:
    """The raw file's path as recorded in the package, the same wherever it is built.

    Inside the package (the bundled example): ``analysis/...``; inside the workspace:
    relative to it (``data/raw/<story>.txt``); elsewhere: the file name.
    """
    path = raw_path.resolve()
    for base, prefix in ((config.PACKAGE_DIR, "analysis/"), (config.workspace(), "")):
        try:
            return prefix + path.relative_to(base).as_posix()
        except ValueError:
            continue
    return raw_path.name
