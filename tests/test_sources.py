"""Raw evidence: decoding, refusing bad input, and checksums."""

import json
import shutil

import pytest

from analysis import config
from analysis.sources import (
    ChecksumError,
    InputError,
    decode_text,
    load_raw,
    metadata,
    read_bytes,
    sha256_of,
)


def test_seed_checksum_matches_metadata():
    meta = metadata(config.SEED_RAW)
    assert meta["sha256"] == sha256_of(config.SEED_RAW.read_bytes())
    assert meta["language"] == "ky" and meta["published"] == "2022-01-05"


def test_seed_is_byte_identical_to_shared_copy():
    shared = config.ROOT.parent / "shared" / "seed" / "000_a52c080f930798a6.txt"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert shared.read_bytes() == config.SEED_RAW.read_bytes()


def test_changed_raw_file_is_refused(tmp_path):
    raw = tmp_path / "story.txt"
    shutil.copy(config.SEED_RAW, raw)
    meta = metadata(config.SEED_RAW)
    (tmp_path / "story.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert load_raw(raw).startswith("Казакстанда")
    raw.write_bytes(raw.read_bytes().replace(b"190", b"191"))
    with pytest.raises(ChecksumError, match=r"story\.txt: checksum mismatch"):
        load_raw(raw)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Сегодня в городе прошел митинг.".encode("cp1251"), "Windows-1251"),
        ("Бүгүн".encode("utf-16"), "UTF-16"),
        ("Café olé".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_bytes_say_what_they_look_like(data, message):
    with pytest.raises(InputError, match=message):
        decode_text(data, "x.txt")


def test_bom_is_kept_as_a_character():
    assert decode_text("\ufeffАбал".encode()) == "\ufeffАбал"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_raw(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_raw(tmp_path)


def _read_within(path, seconds=5.0):
    """Call read_bytes in a thread; fail (and unblock a FIFO reader) if it does not return."""
    import os
    import stat
    import threading

    result = {}

    def target():
        try:
            result["value"] = read_bytes(path)
        except Exception as exc:  # the test inspects it
            result["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        if stat.S_ISFIFO(os.stat(path).st_mode):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # give the reader its EOF
        pytest.fail(f"reading {path} did not return within {seconds} s")
    return result


def test_fifo_without_writer_is_refused_not_waited_for(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    got = _read_within(fifo)
    assert isinstance(got.get("error"), InputError)
    assert str(got["error"]) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_device_is_refused(tmp_path):
    got = _read_within("/dev/zero")  # would never end if read
    assert str(got["error"]) == "/dev/zero: is a character device, not a regular file"


def test_socket_is_refused():
    import socket
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="q") as folder:  # AF_UNIX paths must be short
        path = Path(folder) / "s.txt"
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(str(path))
            got = _read_within(path)
        finally:
            server.close()
    assert str(got["error"]) == f"{path}: is a socket, not a regular file"


def test_symlink_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("Абал оор.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert load_raw(tmp_path / "link.txt") == "Абал оор.\n"


@pytest.mark.parametrize("where", [0, 4096, 4097, 100_000, -1])
def test_nul_anywhere_is_binary(where):
    text = bytearray(("Абал оор, эл көп. " * 10_000).encode())
    text[where] = 0
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_text(bytes(text), "x.txt")


def test_few_control_characters_in_long_text_are_text():
    data = ("Абал оор. " * 1000 + "\x07\x1b\x08" + "Эл көп. " * 1000).encode()
    assert decode_text(data).count("\x1b") == 1
    many = ("Абал. " + "\x07" * 40) * 100
    with pytest.raises(InputError, match="binary"):
        decode_text(many.encode())
