"""The Kyrgyz reader, driven by the team's corpus of constructions (tests/corpus/ky)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis import rules_ky
from analysis.figures import extract_figures

CORPUS = Path(__file__).parent / "corpus" / "ky" / "figures.yaml"
PASSAGES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
STAGES = (
    rules_ky.NUMBER_RULES,
    rules_ky.QUALIFIER_RULES,
    rules_ky.NOUN_RULES,
    rules_ky.PREDICATE_RULES,
    rules_ky.PARENT_RULES,
)


def keys(frame) -> list[str]:
    return [f"{r.measure}|{r.group}|{r.value}|{r.qualifier}" for r in frame.itertuples()]


@pytest.mark.parametrize("item", PASSAGES, ids=[p["text"][:40] for p in PASSAGES])
def test_corpus_passage(item):
    fig = extract_figures(item["text"])
    assert keys(fig) == item["expect"]
    if "parents" in item:
        assert fig["parent_id"].tolist() == item["parents"]
    for r in fig.itertuples():
        # every figure quotes the words it came from, number included
        assert " ".join(item["text"][r.start : r.end].split()) == r.quote


def test_every_rule_has_a_kyrgyz_example_and_a_passage():
    named = {p["rule"] for p in PASSAGES if "rule" in p}
    for stage in STAGES:
        for rule in stage:
            assert rule.__doc__ and re.search(r"``[^`]*[а-яөүң][^`]*``", rule.__doc__), rule
            assert rule.__name__ in named, f"no corpus passage exercises {rule.__name__}"


def test_figures_name_the_rule_that_read_them():
    fig_rules = set()
    for text in ("Түн ичинде 8 киши кармалды.", "Каза болгондордун саны 17ге жетти."):
        reading = rules_ky.read(text, rules_ky.Context())
        fig_rules |= {f.rule for f in reading.figures}
    assert {"verb_phrase", "toll"} <= fig_rules


def test_no_rule_lists_endings():
    # Grammar is asked of the word analysis: no regular expression of Kyrgyz suffixes in
    # the rules module (only tokens, digits and white space are matched there).
    source = Path(rules_ky.__file__).read_text(encoding="utf-8")
    patterns = re.findall(r're\.compile\((r?"[^"]*")', source)
    assert all(not re.search(r"[а-яөүң]", p) for p in patterns), patterns


def test_every_number_of_a_segment_is_accounted_for():
    text = "5-январга карата 12 адам кармалды, 3 жаран 20 жаштагы, саат 14:30да бир тууган келди."
    reading = rules_ky.read(text, rules_ky.Context())
    seen = {text[n.start : n.end]: (n.status, n.reason) for n in reading.numbers}
    assert seen == {
        "5-январга": ("not_a_count", "date"),
        "12": ("figure", ""),
        "3": ("unread", ""),  # citizens with no verb: a reporter must look
        "20": ("not_a_count", "age"),
        "14:30да": ("not_a_count", "clock_time"),
        "бир": ("not_a_count", "not_counted"),  # "бир тууган", a sibling
    }
