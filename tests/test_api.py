"""The front door: ``import analysis as qa`` gives the public functions, each documented."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

import analysis as qa
from analysis.config import ROOT


def test_every_public_name_resolves_and_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in qa.__all__:
        figures = importlib.import_module("analysis.figures")
        if name == "numbers_table" and not hasattr(figures, "numbers_table"):  # before the readers
            with pytest.raises(AttributeError, match="not available"):
                getattr(qa, name)
            continue
        obj = getattr(qa, name)
        assert callable(obj), name
        assert (obj.__doc__ or "").strip(), f"qa.{name} has no docstring"
        assert f"qa.{name}" in readme, f"qa.{name} is not in the README's front-door table"
    assert set(qa.__all__) <= set(dir(qa))
    with pytest.raises(AttributeError):
        qa.no_such_function  # noqa: B018


def test_names_shared_with_submodules_stay_functions():
    """Importing a submodule sets it as a package attribute; no front-door name is one."""
    import importlib

    import analysis.publish
    import analysis.render  # noqa: F401

    for name in qa.__all__:
        assert importlib.util.find_spec(f"analysis.{name}") is None, name
    assert callable(qa.publish_tables) and callable(qa.build)


def test_front_door_works_on_text():
    figures = qa.extract_figures("Шаарда 25 адам жаракат алды.\n")
    assert list(figures["value"]) == [25]
    assert qa.detect_language("Шаарда 25 адам жаракат алды.") == "ky"


def test_import_is_light():
    """`import analysis` loads no pandas, matplotlib or nbconvert (commands start fast)."""
    code = "import sys, analysis; print(sorted({'pandas', 'matplotlib', 'nbconvert'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
