"""The repository's frame: notebooks at the top level.

The notebooks are kept in ``notebooks/`` (the wheel ships them as ``analysis/notebooks/``,
see ``tests/test_install.py``).
"""

from __future__ import annotations

import importlib.util
import shutil

from analysis import config, render

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
