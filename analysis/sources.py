"""Raw evidence: read text files safely and verify their checksums.

A raw file may have a sidecar ``<name>.meta.json`` (publisher, language, date,
licence, sha256). When it has one, :func:`load_raw` refuses to read a file whose
bytes no longer match the recorded checksum. Only ``add``
(:func:`analysis.article.add_article`) writes to ``data/raw/``, and only new files.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path

__all__ = [
    "ChecksumError",
    "InputError",
    "decode_text",
    "load_raw",
    "metadata",
    "read_bytes",
    "sha256_of",
]


class InputError(ValueError):
    """Bad input: the message is one line a reporter can act on."""


class ChecksumError(InputError):
    """A raw file whose bytes differ from the checksum in its metadata."""


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind_of(mode: int) -> str:
    """What a non-regular file is, for a message."""
    return next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")


def read_bytes(path: str | Path) -> tuple[bytes, str]:
    """Bytes of ``path`` (``-`` for standard input) and a name for messages.

    Only regular files are read: a FIFO, a device or a socket is refused before
    it is opened (reading one could wait for a writer forever or never end), and
    the file is opened without blocking and checked again, so a path swapped
    between the two looks cannot make the read hang.

    Raises
    ------
    InputError
        For a missing path, a directory, a FIFO, device or socket, or a read error.
    """
    if str(path) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{p}: is a directory, not a text file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{p}: is {_kind_of(mode)}, not a regular file")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(f"{p}: is {_kind_of(mode)}, not a regular file")
            return fh.read(), str(p)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from None


#: Bytes below 32 that plain text uses: tab, line feed, form feed, carriage return.
_TEXT_CONTROLS = bytes([9, 10, 12, 13])
_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)
_NOT_CONTROLS = bytes(b for b in range(256) if b not in _CONTROLS)


def _looks_binary(data: bytes) -> bool:
    """A NUL byte anywhere, or more than one byte in 50 a control character (whole file)."""
    if b"\x00" in data:
        return True
    controls = len(data.translate(None, _NOT_CONTROLS))
    return controls > max(2, len(data) // 50)


def _guess_encoding(data: bytes) -> str:
    """A human hint for bytes that are not UTF-8."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return "an unknown 8-bit encoding"
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) > 0.5:
        return "Windows-1251 (Cyrillic)"
    return "Latin-1 or Windows-1252"


def decode_text(data: bytes, name: str = "<input>") -> str:
    """Decode raw bytes as UTF-8 or raise :class:`InputError` saying what they look like.

    A UTF-8 byte order mark is kept as the character U+FEFF so that character
    offsets stay offsets into the file as decoded; the cleaner treats it as space.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{name}: text is not UTF-8 (looks like UTF-16); save it as UTF-8")
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        hint = _guess_encoding(data)
        raise InputError(
            f"{name}: text is not UTF-8 (looks like {hint}); save it as UTF-8"
        ) from None


def sha256_of(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def library_versions(dists) -> str:
    """``"name version; ..."`` of installed distributions (``name -`` when one is missing):
    the part of a cache key that says which libraries made an output."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for dist in dists:
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} -")
    return "; ".join(parts)


def metadata_path(path: str | Path) -> Path:
    """Where the metadata sidecar of a raw file lives (it may not exist)."""
    p = Path(path)
    return p.with_name(p.stem + ".meta.json")


def metadata(path: str | Path) -> dict | None:
    """The raw file's metadata (publisher, language, date, sha256, ...), or None."""
    meta = metadata_path(path)
    if not meta.exists():
        return None
    try:
        return json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{meta}: unreadable metadata ({exc})") from None


def load_raw(path: str | Path) -> str:
    """Read a raw article (``-`` for stdin), verifying its checksum when it has metadata.

    Raises
    ------
    ChecksumError
        When the file's sha256 differs from the one recorded in its metadata.
    InputError
        For a missing, empty, binary or non-UTF-8 file.
    """
    data, name = read_bytes(path)
    if name != "<stdin>":
        meta = metadata(path)
        if meta and meta.get("sha256"):
            found = sha256_of(data)
            if found != meta["sha256"]:
                raise ChecksumError(
                    f"{name}: checksum mismatch (sha256 {found[:12]}..., metadata says "
                    f"{meta['sha256'][:12]}...); raw files are evidence and must not change"
                )
    return decode_text(data, name)
