"""The build's chart cache: a chart drawn once is not drawn again while its inputs hold.

Off unless the environment says where the cache is, which :func:`analysis.render.build`
does for its kernels only: ``QANTAR_CHART_CACHE`` (folders, the first one written, the
others only read, separated by :data:`os.pathsep`) and ``QANTAR_CHART_SALT`` (the package's
fingerprint, :func:`analysis.render.package_fingerprint`). Elsewhere the chart functions
return their Axes as always.

When it is on, a chart function decorated with :func:`cached` (the ``plot_*`` functions of
:mod:`analysis.plots`) returns a :class:`LazyAxes` instead of drawing: its key hashes the
function, a copy of the table (columns, dtypes, index, every value's ``repr``, ``attrs``), the
language, the source, the package's fingerprint, the versions of the libraries that draw
and encode a PNG, matplotlib's settings and its default font file.
:func:`analysis.report.chart` then takes the PNG and its alt text from the cache, or draws the
chart (from the copy), encodes it as it always did and stores the result. Anything else done
with a :class:`LazyAxes` draws the chart at once and hands on to the real Axes; such a chart is
neither taken from nor stored in the cache, since it may have been changed.

Entries are single files ``<key>-<dpi>.chart`` (a checksum, the alt text, the PNG) written
aside and renamed; one that does not verify is ignored and drawn again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from pathlib import Path

__all__ = ["ENV_DIRS", "ENV_SALT", "LazyAxes", "cached", "load", "store"]

ENV_DIRS = "QANTAR_CHART_CACHE"
ENV_SALT = "QANTAR_CHART_SALT"
_MAGIC = b"qantar-chart 1\n"
_PNG = b"\x89PNG\r\n\x1a\n"


def _dirs() -> list[Path]:
    return [Path(p) for p in os.environ.get(ENV_DIRS, "").split(os.pathsep) if p]


@functools.cache
def _libraries() -> str:
    """Versions of what draws and encodes a chart (the package's own code is in the salt)."""
    from analysis.sources import library_versions

    return library_versions(
        ("matplotlib", "numpy", "pandas", "pillow", "seaborn", "contourpy", "kiwisolver")
    )


#: Settings that do not shape a drawn chart, left out of its key: pyplot turns ``interactive``
#: on when a kernel makes its first figure, so each kernel's first chart had a key of its own
#: (drawn again by the next notebook that showed it, 0.1-0.5 CPU s).
_NOT_DRAWN = frozenset({"interactive"})


def _drawing_state() -> str:
    """matplotlib's settings (but :data:`_NOT_DRAWN`) and the file of its default font, as
    they are now."""
    import matplotlib
    from matplotlib import font_manager

    font = font_manager.findfont(font_manager.FontProperties())
    try:
        st = os.stat(font)
        font += f" {st.st_size} {st.st_mtime_ns}"
    except OSError:
        pass
    settings = repr(
        sorted((k, repr(v)) for k, v in matplotlib.rcParams.items() if k not in _NOT_DRAWN)
    )
    return font + "\0" + settings


def _table(data) -> str:
    """Every value of a table, with its columns, dtypes, index and attrs."""
    return repr(
        (
            [str(c) for c in data.columns],
            [str(t) for t in data.dtypes],
            [repr(x) for x in data.index],
            [[repr(x) for x in data[c].tolist()] for c in data.columns],
            sorted((str(k), repr(v)) for k, v in data.attrs.items()),
        )
    )


def _key(fn, data, lang: str, source) -> str | None:
    """The cache key of ``fn(data, lang=lang, source=source)``; None when the cache is off."""
    salt = os.environ.get(ENV_SALT, "")
    if not salt or not _dirs():
        return None
    h = hashlib.sha256()
    for part in (
        f"{fn.__module__}.{fn.__qualname__}",
        _table(data),
        repr(lang),
        repr(source),
        salt,
        _libraries(),
        _drawing_state(),
    ):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class LazyAxes:
    """A chart not drawn yet: :func:`analysis.report.chart` may take it from the cache.

    Any other use (an attribute, ``repr``) draws it and hands on to the real Axes.
    """

    __slots__ = ("_axes", "_draw", "key")

    def __init__(self, draw, key: str):
        object.__setattr__(self, "_draw", draw)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_axes", None)

    @property
    def drawn(self) -> bool:
        """True once the real Axes exists (then it may have been changed: no cache)."""
        return self._axes is not None

    def axes(self):
        """The real Axes, drawn now if it was not."""
        if self._axes is None:
            object.__setattr__(self, "_axes", self._draw())
        return self._axes

    def __getattr__(self, name):
        return getattr(self.axes(), name)

    def __setattr__(self, name, value):
        setattr(self.axes(), name, value)

    def __repr__(self) -> str:
        return repr(self.axes())

    def __dir__(self):
        return dir(self.axes())


def cached(fn):
    """Decorate ``plot_x(data, *, lang, ax, source)``: lazy and cached while the cache is on."""
    import inspect

    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def plot(*args, **kwargs):
        key = None
        try:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            data, given = next(iter(bound.arguments.values())), bound.arguments
            if given.get("ax") is None and set(given) <= {*list(given)[:1], "lang", "ax", "source"}:
                key = _key(fn, data, given.get("lang"), given.get("source"))
        except Exception:  # wrong arguments or a table the key cannot describe: just draw
            key = None
        if key is None:
            return fn(*args, **kwargs)
        copy = data.copy(deep=True)  # the chart is drawn later: from the data as it is now
        copy.attrs = dict(data.attrs)
        rest = {k: v for k, v in given.items() if k != next(iter(given))}
        return LazyAxes(lambda: fn(copy, **rest), key)

    return plot


def _name(key: str, dpi: int) -> str:
    return f"{key}-{int(dpi)}.chart"


def load(key: str, dpi: int) -> tuple[bytes, str] | None:
    """The PNG and alt text stored for ``key`` at ``dpi``, or None (missing or corrupt)."""
    folders = _dirs()
    for i, folder in enumerate(folders):
        try:
            blob = (folder / _name(key, dpi)).read_bytes()
        except OSError:
            continue
        got = _parse(blob)
        if got is None:
            continue
        if i and folders:  # found in an older build's folder: keep it in this build's
            _write(folders[0] / _name(key, dpi), blob)
        return got
    return None


def _parse(blob: bytes) -> tuple[bytes, str] | None:
    try:
        if not blob.startswith(_MAGIC):
            return None
        head, rest = blob[len(_MAGIC) :].split(b"\n", 1)
        digest, size = head.decode("ascii").split(" ")
        if hashlib.sha256(rest).hexdigest() != digest:
            return None
        alt, png = rest[: int(size)].decode("utf-8"), rest[int(size) :]
    except (ValueError, UnicodeDecodeError):
        return None
    return (png, alt) if png.startswith(_PNG) else None


def _write(path: Path, blob: bytes) -> None:
    from analysis.atomic import write_bytes

    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        write_bytes(path, blob)


def store(key: str, dpi: int, png: bytes, alt: str) -> None:
    """Keep the PNG and alt text of ``key`` at ``dpi`` (in the first cache folder)."""
    folders = _dirs()
    if not folders:
        return
    text = alt.encode("utf-8")
    rest = text + png
    head = f"{hashlib.sha256(rest).hexdigest()} {len(text)}\n".encode("ascii")
    _write(folders[0] / _name(key, dpi), _MAGIC + head + rest)
