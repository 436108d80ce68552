"""Write files aside, then rename, so a failure never leaves a half-written output.

A process killed while it writes (SIGKILL, power loss) leaves at most a staging folder
``.tmp-stage-<name>-*`` beside the output; the next writer of the same output removes it.
Two writers of one output folder at once are refused: :func:`exclusive` takes an advisory
lock (``.lock-<name>`` beside the folder) that the system releases when its holder dies.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from analysis.sources import InputError

__all__ = ["BusyError", "exclusive", "staging_dir", "write_bytes", "write_text"]


class BusyError(InputError):
    """Another process is writing the same output folder."""


#: Locks this process holds: folder -> (open lock file, depth), so nesting is allowed.
_HELD: dict[Path, list] = {}


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


def _lock_path(folder: Path) -> Path:
    return folder.parent / f".lock-{folder.name}"


@contextmanager
def exclusive(folder: str | Path):
    """Hold the write lock of ``folder`` for the ``with`` block, or refuse at once.

    Parameters
    ----------
    folder : str or Path
        An output folder (``reports/``, ``data/processed/``).

    Raises
    ------
    BusyError
        When another process holds the lock: one line naming the folder and that process.

    Notes
    -----
    The lock is ``flock`` on ``.lock-<name>`` beside the folder; the file stays (empty but
    for the holder's pid), the lock dies with its process, so a killed build never blocks
    the next one. Taking the lock again in the same process nests.
    """
    folder = Path(folder).resolve()
    if folder in _HELD:
        _HELD[folder][1] += 1
        try:
            yield folder
        finally:
            _HELD[folder][1] -= 1
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    fh = open(_lock_path(folder), "a+")  # noqa: SIM115 (held across the yield)
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise BusyError(
                f"{folder}: another build or publish (pid {holder}) is writing it; "
                "try again when it has finished"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        _HELD[folder] = [fh, 1]
        try:
            yield folder
        finally:
            del _HELD[folder]
            fh.seek(0)
            fh.truncate()
            fh.flush()
    finally:
        fh.close()  # closing releases the lock


def _remove_stale_stages(final: Path) -> None:
    """Staging folders a killed writer of ``final`` left (call with the lock held)."""
    for old in final.parent.glob(f".tmp-stage-{final.name}-*"):
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staging_dir(final: str | Path):
    """Yield a fresh folder beside ``final``; on success its files replace those in ``final``.

    Files are moved one by one with :func:`os.replace`, so each output is either
    the old one or the complete new one. On error the staging folder is removed
    and ``final`` is left untouched. The write lock of ``final`` (:func:`exclusive`) is
    held throughout, and staging folders left by a killed writer are removed first.

    Raises
    ------
    BusyError
        When another process is writing ``final``.
    """
    final = Path(final)
    with exclusive(final):
        final.mkdir(parents=True, exist_ok=True)
        _remove_stale_stages(final.resolve())
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-stage-{final.name}-", dir=final.parent))
        try:
            yield tmp
            for src in sorted(tmp.rglob("*")):
                if src.is_file():
                    dest = final / src.relative_to(tmp)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
