"""Raw evidence: decoding, refusing bad input, and checksums."""

import json
import shutil

import pytest

from analysis import config
from analysis.sources import ChecksumError, InputError, decode_text, load_raw, metadata, sha256_of


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
