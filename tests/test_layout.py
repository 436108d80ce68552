"""The repository's frame: notebooks at the top level, the bundled article in data/raw.

The notebooks are kept in ``notebooks/`` (the wheel ships them as ``analysis/notebooks/``,
see ``tests/test_install.py``); the seed article is in ``data/raw/`` byte for byte, beside
the package's copy (``analysis/example/``) that the build reads.
"""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from analysis import config, render
from analysis.article import find_story, read_article
from analysis.sources import metadata, sha256_of

#: Where the seed article was supplied (``shared/`` beside the checkout, when it is there).
SHARED_SEED = config.ROOT.parent / "shared" / "seed" / "000_a52c080f930798a6.txt"
RAW_COPY = config.RAW / config.SEED_RAW.name


# --- notebooks/ ----------------------------------------------------------------------------------


def test_notebooks_are_at_the_top_level_with_no_copy_in_the_package():
    assert config.NOTEBOOKS == config.ROOT / "notebooks"
    names = sorted(p.stem for p in config.NOTEBOOKS.glob("*.ipynb"))
    assert names == sorted(render.NOTEBOOKS)
    assert not list(config.PACKAGE_DIR.rglob("*.ipynb"))


def _load_config(package_dir):
    """``analysis/config.py`` imported from a copy in ``package_dir`` (its paths anchor there)."""
    shutil.copy(config.PACKAGE_DIR / "config.py", package_dir / "config.py")
    spec = importlib.util.spec_from_file_location("_layout_config", package_dir / "config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_notebooks_are_the_packages_when_installed_else_the_checkouts(tmp_path):
    package = tmp_path / "site" / "analysis"
    package.mkdir(parents=True)
    # a clone (or a leftover empty analysis/notebooks/): the checkout's top-level notebooks/
    (package / "notebooks").mkdir()
    clone = _load_config(package).NOTEBOOKS
    assert clone == tmp_path / "site" / "notebooks"
    # an installed wheel: the package's notebooks/
    (package / "notebooks" / "04-report.ipynb").write_text("{}", encoding="utf-8")
    installed = _load_config(package).NOTEBOOKS
    assert installed == package / "notebooks"


def test_package_fingerprint_leaves_the_notebooks_out(tmp_path, monkeypatch):
    """Each notebook's bytes are part of its own key, not of every notebook's."""
    package = tmp_path / "analysis"
    (package / "resources").mkdir(parents=True)
    (package / "module.py").write_text("x = 1\n", encoding="utf-8")
    (package / "resources" / "lexicon.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    fingerprint = render.package_fingerprint.__wrapped__  # not the cached value
    bare = fingerprint()
    # the installed wheel's layout: analysis/notebooks/ inside the package
    (package / "notebooks").mkdir()
    (package / "notebooks" / "04-report.ipynb").write_text("{}", encoding="utf-8")
    assert fingerprint() == bare
    (package / "notebooks" / "04-report.ipynb").write_text('{"cells": []}', encoding="utf-8")
    assert fingerprint() == bare
    (package / "resources" / "lexicon.yaml").write_text("a: 2\n", encoding="utf-8")
    assert fingerprint() != bare  # the package's data files do count


# --- data/raw/ -----------------------------------------------------------------------------------


def test_bundled_article_is_in_data_raw_byte_for_byte():
    recorded = metadata(config.SEED_RAW)["sha256"]
    raw = RAW_COPY.read_bytes()
    assert raw == config.SEED_RAW.read_bytes()
    assert sha256_of(raw) == recorded
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    assert SHARED_SEED.read_bytes() == raw


def test_data_raw_copy_is_no_second_story_and_the_build_reads_the_package_copy(monkeypatch):
    story = metadata(config.SEED_RAW)["story"]
    # stories in a raw folder are found by their sidecars; the copy has none
    assert not list(config.RAW.glob("*.meta.json"))
    monkeypatch.setenv("QANTAR_HOME", str(config.ROOT))  # the checkout as the workspace
    assert config.raw_dir() == config.RAW
    assert find_story(story) == config.SEED_RAW
    assert read_article().path == config.SEED_RAW  # `qantar build` with no argument
    assert read_article(story=story).path == config.SEED_RAW  # `qantar build --story ...`
    # the committed data package names the package's copy as its source
    package = json.loads((config.PROCESSED / story / "datapackage.json").read_text("utf-8"))
    (source,) = package["sources"]
    assert source["path"] == f"analysis/example/{config.SEED_RAW.name}"
    assert source["sha256"] == metadata(config.SEED_RAW)["sha256"]
