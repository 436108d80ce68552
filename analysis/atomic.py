"""Write files aside, then rename, so a failure never leaves a half-written output."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".tmp-{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` with ``\\n`` line endings atomically."""
    return write_bytes(path, text.encode("utf-8"))


@contextmanager
def staging_dir(final: str | Path):
    """Yield a fresh folder beside ``final``; on success its files replace those in ``final``.

    Files are moved one by one with :func:`os.replace`, so each output is either
    the old one or the complete new one. On error the staging folder is removed
    and ``final`` is left untouched.
    """
    final = Path(final)
    final.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-stage-", dir=final.parent))
    try:
        yield tmp
        for src in sorted(tmp.rglob("*")):
            if src.is_file():
                dest = final / src.relative_to(tmp)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
