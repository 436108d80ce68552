"""Scoring the extractor against gold passages (passages written for these tests)."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from analysis.cli import main
from analysis.evaluate import _keys, evaluate_file, format_report, read_gold, score
from analysis.sources import InputError

GOLD = [
    {
        "id": "t1",
        "text": "Суу ташкынынан 3 адам каза болуп, 11 киши жаракат алды.",
        "expect": ["killed|total|3|exact", "injured|total|11|exact"],
    },
    {
        # the gold wants a figure the extractor cannot see (no verb): one miss
        "id": "t2",
        "text": "Окуя болгон жерде 40тан ашык милиция кызматкери бар.",
        "expect": ["crowd_size|police|40|more_than"],
    },
    {
        # the extractor finds one figure the gold does not list: one false hit
        "id": "t3",
        "text": "Кечээ 7 адам кармалды. Жолдо 2 автобус өрттөлдү.",
        "expect": ["detained|total|7|exact"],
    },
]


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD) + "\n", "utf-8")
    return path


def test_scores(gold):
    result = evaluate_file(gold)
    o = result["overall"]
    assert (o["tp"], o["fp"], o["fn"]) == (3, 1, 1)
    assert o["precision"] == pytest.approx(0.75) and o["recall"] == pytest.approx(0.75)
    assert result["misses"].values.tolist() == [["t2", "crowd_size|police|40|more_than"]]
    assert result["false_hits"].values.tolist() == [["t3", "vehicles_destroyed|bus|2|exact"]]
    by = result["by_measure"].set_index("measure")
    assert by.loc["killed", "f1"] == 1.0
    assert by.loc["crowd_size", "recall"] == 0.0
    assert by.loc["vehicles_destroyed", "precision"] == 0.0


def test_report_lists_every_miss_and_false_hit(gold):
    text = format_report(evaluate_file(gold))
    assert "overall: precision 0.750  recall 0.750  f1 0.750" in text
    assert "t2: crowd_size|police|40|more_than" in text
    assert "t3: vehicles_destroyed|bus|2|exact" in text


def test_measures_outside_the_vocabulary_are_not_counted():
    frame = pd.DataFrame(
        {
            "measure": ["killed", "fires"],
            "group": ["total", "total"],
            "value": [2, 9],
            "qualifier": ["exact", "exact"],
        }
    )
    assert _keys(frame) == ["killed|total|2|exact"]


def test_score_edges():
    assert score(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert score(0, 2, 2)["f1"] == 0.0


@pytest.mark.parametrize(
    "line",
    ["not json", json.dumps({"id": "x"}), json.dumps({"text": "a", "expect": ["killed|2"]})],
)
def test_bad_gold_is_one_clear_error(tmp_path, line):
    path = tmp_path / "g.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_gold(path)
    assert main(["evaluate", str(path)]) == 2


def test_cli_evaluate(gold, capsys):
    assert main(["evaluate", str(gold)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("passages: 3\n") and "misses (1):" in out


# The level reached when the rules were last changed, minus 0.02 (see README, Figures):
# a change that loses real passages fails here.
ACCEPTANCE = [
    ("ky_news_dev.jsonl", 0.98, 0.98),
    ("ky_news_dev2.jsonl", 0.943, 0.915),
]


@pytest.mark.parametrize(("name", "precision", "recall"), ACCEPTANCE)
def test_dev_sets_keep_their_level(name, precision, recall):
    """Acceptance: precision and recall on the shared real passages.

    The passages belong to their publishers, so they are read from ``../shared/eval`` at
    run time and never copied here.
    """
    from analysis import config

    dev = config.ROOT.parent / "shared" / "eval" / name
    if not dev.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{dev} is missing: CI runs with ../shared beside the checkout")
        pytest.skip("../shared/eval is not beside this checkout")
    result = evaluate_file(dev)
    assert result["overall"]["precision"] >= precision, format_report(result)
    assert result["overall"]["recall"] >= recall, format_report(result)
