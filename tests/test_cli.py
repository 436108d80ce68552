"""The command line, run in-process: exact output, one-line errors, exit status 2."""

import io
import sys

import pytest

from analysis import config
from analysis.cli import main

SMALL = "Абал оор.\n14:30Шаарда митинг башталдыЭл көп.\n"


def run(capsys, *argv, stdin: bytes | None = None):
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_segments_csv_exact(capsys, tmp_path):
    path = tmp_path / "blog.txt"
    path.write_text(SMALL, encoding="utf-8")
    code, out, err = run(capsys, "segments", str(path))
    assert code == 0 and err == ""
    assert out == (
        "segment_id,entry_id,kind,time,lang,start,end,text,update_of,author,handle,posted,link\n"
        "1,0,sentence,,ky,0,9,Абал оор.,,,,,\n"
        "2,1,headline,14:30,ky,15,37,Шаарда митинг башталды,,,,,\n"
        "3,1,sentence,14:30,ky,37,44,Эл көп.,,,,,\n"
    )


def test_segments_from_stdin(capsys):
    code, out, _ = run(capsys, "segments", "-", stdin=SMALL.encode())
    assert code == 0 and out.count("\n") == 4


def test_segments_json(capsys):
    code, out, _ = run(capsys, "segments", "-", "--format", "json", stdin=SMALL.encode())
    assert code == 0 and '"text": "Шаарда митинг башталды"' in out


def test_seed_prints_unique_content(capsys):
    code, out, _ = run(capsys, "segments", str(config.SEED_RAW))
    assert code == 0
    assert out.count("Актаудагы митингдин күбөлөрү") == 1
    assert out.count("Учурда Костанайдагы абал") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"\x00\x01\x02\x03binary", "binary file"),
        ("Митинг".encode("cp1251") * 5, "not UTF-8 (looks like Windows-1251 (Cyrillic))"),
    ],
)
def test_bad_input_one_line_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "segments", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_bad_stdin(capsys):
    code, out, err = run(capsys, "segments", "-", stdin=b"")
    assert (code, out) == (2, "")
    assert err == "error: <stdin>: file is empty\n"


@pytest.mark.parametrize("command", ["segments", "extract", "timeline"])
def test_fifo_is_refused_with_one_line(capsys, tmp_path, command):
    import os
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = {}
    worker = threading.Thread(
        target=lambda: result.update(code=main([command, str(fifo)])), daemon=True
    )
    worker.start()
    worker.join(10)
    if worker.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the command waited for a writer on the FIFO")
    out, err = capsys.readouterr()
    assert result["code"] == 2 and out == ""
    assert err == f"error: {fifo}: is a FIFO (named pipe), not a regular file\n"


def test_device_is_refused_with_one_line(capsys):
    code, out, err = run(capsys, "segments", "/dev/null")
    assert (code, out) == (2, "")
    assert err == "error: /dev/null: is a character device, not a regular file\n"


def test_nul_after_the_first_block_is_refused(capsys, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(SMALL.encode() * 400 + b"\x00" + SMALL.encode())
    assert path.stat().st_size > 4096
    code, out, err = run(capsys, "segments", str(path))
    assert (code, out) == (2, "")
    assert err == f"error: {path}: looks like a binary file, not text\n"
