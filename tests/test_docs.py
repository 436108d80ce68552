"""The README's data dictionary is generated from analysis/schemas.py and must not drift."""

from __future__ import annotations

from analysis.config import ROOT
from analysis.schemas import data_dictionary_markdown, readme_block


def test_readme_data_dictionary_matches_the_schemas():
    block = readme_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert block == data_dictionary_markdown(), (
        "README data dictionary is out of date; regenerate it with "
        "`python -m analysis.schemas --write-readme` (analysis.schemas.update_readme)"
    )
