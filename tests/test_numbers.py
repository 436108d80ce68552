"""Every number accounted for: the numbers table, its CLI and what annotations do to it."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.figures import NUMBER_COLUMNS, numbers_table
from analysis.schemas import validate
from analysis.tables import build_tables

_PIECES = [
    "{n} адам кармалды.",
    "{n}-январга карата",
    "саат {h}:{m}да",
    "{n} жаштагы аял",
    "{n} сом",
    "{n}%",
    "COVID-{n} илдети",
    "{n}.{m}.2021-ж.",
    "бир нече киши",
    "алардын {n}и балдар",
    "Чүйдө {n}, Таласта {n} киши сууга чөгүп кетти.",
    "№ {n} абакка",
    "{n},{m} пайыз",
]


@settings(max_examples=80, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_PIECES),
            st.integers(0, 99_999),
            st.integers(0, 23),
            st.integers(0, 59),
            st.sampled_from([" ", "\n", ". ", "  ", "\u00a0"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_digit_run_is_in_exactly_one_row(parts):
    text = "".join(p.format(n=n, h=h, m=f"{m:02d}") + sep for p, n, h, m, sep in parts)
    table = numbers_table(text)
    assert list(table.columns) == NUMBER_COLUMNS
    for run in re.finditer(r"\d+", text):
        holders = table[(table["start"] <= run.start()) & (table["end"] >= run.end())]
        assert len(holders) == 1, (run.group(), text)
    for r in table.itertuples():
        assert text[r.start : r.end] == r.text
        assert (r.status == "figure") == bool(r.figure_id)
        assert (r.status == "not_a_count") == bool(r.reason)
    assert table["number_id"].is_unique


def test_seed_numbers_are_accounted_for():
    from analysis import config
    from analysis.sources import load_raw

    table = numbers_table(load_raw(config.SEED_RAW))
    figures = table[table["status"] == "figure"]
    assert len(figures) == 18
    assert "date" in set(table["reason"]) and "clock_time" in set(table["reason"])


def test_cli_numbers(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("5-майга карата 12 адам кармалды.", encoding="utf-8")
    assert main(["numbers", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ",".join(NUMBER_COLUMNS)
    assert out[1].startswith("N001,5-майга,5-майга карата 12 адам кармалды.,,not_a_count,date,")
    assert out[2].startswith("N002,12,5-майга карата 12 адам кармалды.,12,figure,,F001,")


def _annotations(rows: list[dict]) -> pd.DataFrame:
    base = {
        "story": "s",
        "field": "",
        "value": "",
        "text_ru": "",
        "text_ky": "",
        "source": "",
        "added_by": "desk",
        "added_on": "2026-12-01",
    }
    return pd.DataFrame([{**base, **r} for r in rows]).astype(str)


TEXT = "Кечээ 12 адам кармалды. Жолдо 3 адамдын сөөгү сайдан чыкты. Шаарда 40 үй бар."


def test_addition_and_removal_are_data_applied_by_code():
    notes = _annotations(
        [
            {
                "annotation_id": "A001",
                "target": "measure=killed;group=total;value=3;qualifier=exact",
                "kind": "addition",
                "field": "quote",
                "value": "3 адамдын  сөөгү сайдан чыкты",  # white space may differ
                "text_en": "Three bodies found: killed, which the rules do not read.",
            },
            {
                "annotation_id": "A002",
                "target": "measure=detained;value=12",
                "kind": "removal",
                "text_en": "A test of removal.",
            },
        ]
    )
    tables = build_tables(TEXT, notes)
    fig = tables["figures"]
    assert fig["figure_id"].tolist() == ["M001"]
    row = fig.iloc[0]
    assert (row["measure"], row["value"], row["low"], row["high"]) == ("killed", 3, 3, 3)
    assert TEXT[row["start"] : row["end"]] == "3 адамдын сөөгү сайдан чыкты"
    assert row["annotation_ids"] == "A001"
    published = tables["annotations"].set_index("annotation_id")["figures"]
    assert published.to_dict() == {"A001": "M001", "A002": "F001"}
    numbers = tables["numbers"].set_index("text")
    assert numbers.loc["12", "status"] == "not_a_count" and numbers.loc["12", "reason"] == "removed"
    assert numbers.loc["3", "figure_id"] == "M001"
    validate(tables["numbers"], "numbers")


def test_an_addition_whose_words_are_not_in_the_text_is_one_clear_error():
    import pytest

    from analysis.sources import InputError

    notes = _annotations(
        [
            {
                "annotation_id": "A001",
                "target": "measure=killed;group=total;value=3;qualifier=exact",
                "kind": "addition",
                "field": "quote",
                "value": "words nobody wrote",
                "text_en": "x",
            }
        ]
    )
    with pytest.raises(InputError, match="A001: the quoted words are not in the raw text"):
        build_tables(TEXT, notes)
