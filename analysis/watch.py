"""Build a story again each time its files change, on kernels kept warm (``qantar watch``).

A fact-checker edits ``annotations.csv``, a reporter appends a live-blog entry (and its
sidecar's checksum), an editor changes a notebook: the reports should follow in seconds.
:func:`watch` builds once, then looks at the story's files every ``interval`` seconds and
builds again when one of them changed, with :func:`analysis.render.build` on one
:class:`analysis.render.KernelPool`: the kernels are started, and pandas, matplotlib and the
package imported, once per session instead of once per build. What a build reuses (tables,
worked examples, reports, charts keyed by their inputs) it reuses as always, and its pages
are the same bytes a build of its own writes.

The files looked at: the raw file, every file beside it named after it (the sidecar
``<name>.meta.json``, the extracted text of a saved page), ``annotations.csv`` beside it and
the notebooks. A change of the package itself (its code or data, e.g. after an upgrade) ends
the session with a message, since the kernels hold the old code. A bad input (a raw file
whose bytes no longer match its sidecar, a malformed annotation) or a failing notebook is one
line on standard error; the previous reports stay as they were and watching goes on. Ctrl-C
ends the session and shuts the kernels down.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from analysis import config
from analysis.sources import InputError

__all__ = ["files_of", "signature", "watch"]


def files_of(raw: Path, notebook_dir: Path | None = None) -> list[Path]:
    """The files a build of the story at ``raw`` reads, in a fixed order."""
    raw = Path(raw)
    beside = sorted(p for p in raw.parent.glob(f"{raw.stem}.*") if p != raw)
    notebooks = sorted(Path(notebook_dir or config.NOTEBOOKS).glob("*.ipynb"))
    return [raw, *beside, raw.parent / "annotations.csv", *notebooks]


def signature(paths) -> tuple:
    """Size and modification time of each path (None for a missing file): equal signatures
    mean nothing was written since."""
    out = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append((str(path), None))
            continue
        out.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(out)


def _package_signature(watched=()) -> tuple:
    """Signature of the package's own files (code and data), but for its notebooks and the
    files watched (the bundled example's article and annotations live in the package)."""
    notebooks = config.NOTEBOOKS.resolve()
    skip = {Path(p).resolve() for p in watched}
    paths = sorted(
        p
        for p in config.PACKAGE_DIR.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix != ".pyc"
        and notebooks not in p.resolve().parents
        and p.resolve() not in skip
    )
    return signature(paths)


def _say(message: str) -> None:
    print(f"[watch] {message}", file=sys.stderr, flush=True)


def watch(
    raw: str | Path | None = None,
    *,
    interval: float = 0.5,
    builds: int | None = None,
    on_build: Callable[[list[Path] | None, dict], None] | None = None,
    given: dict | None = None,
    **options,
) -> int:
    """Build the story at ``raw`` now and again after each change of its files.

    Parameters
    ----------
    raw : str or Path, optional
        The raw article, as for :func:`analysis.render.build` (default: the story named by
        ``given["story"]``, else the bundled example).
    interval : float
        Seconds between two looks at the files.
    builds : int, optional
        Stop after this many builds (tests, scripts); by default watch until interrupted.
    on_build : callable, optional
        Called after each build with its pages (None when it failed) and its ``stats``.
    given : dict, optional
        Metadata for an article without a sidecar (``story``, ``publisher``, ...).
    **options
        Passed to :func:`analysis.render.build`: ``langs``, ``out``, ``processed``,
        ``notebooks``, ``notebook_dir``, ``workers``.

    Returns
    -------
    int
        0 when it stopped after ``builds`` builds or was interrupted; 3 when the package
        changed under it (start it again).

    Raises
    ------
    InputError
        When the first reading of the article fails (nothing to watch).
    """
    from analysis.article import read_article
    from analysis.render import KernelPool, build

    given = dict(given or {})
    article = read_article(raw, **given)
    if article.path is None:
        raise InputError("watch needs a raw file, not standard input")
    path = article.path
    files = files_of(path, options.get("notebook_dir"))
    package = _package_signature(files)
    done, last = 0, None
    _say(f"watching {len(files)} file(s) of {article.story}; Ctrl-C stops")
    try:
        with KernelPool() as pool:
            while builds is None or done < builds:
                now = signature(files)
                if now == last:
                    time.sleep(interval)
                    if _package_signature(files) != package:
                        _say("the package changed: start qantar watch again")
                        return 3
                    continue
                last = now  # taken before the build: an edit made during it is seen next
                stats: dict = {}
                pages = None
                try:
                    if article is None:
                        article = read_article(path, **given)
                    pages = build(article=article, pool=pool, stats=stats, **options)
                except InputError as exc:  # BuildError too: one line, keep watching
                    _say(f"error: {exc}")
                article = None
                done += 1
                if pages is not None:
                    _say(f"build {done} done in {stats.get('wall_s', 0):.1f} s")
                if on_build is not None:
                    on_build(pages, stats)
    except KeyboardInterrupt:
        _say("stopped")
    return 0
