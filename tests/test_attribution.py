"""Attribution read from the text: every rule's examples, a corpus of positives and negatives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.attribution import (
    attribute,
    find_attributions,
    load_rules,
    load_sources,
    normalise_source,
    sentences,
    source_name,
)
from analysis.figures import extract_figures

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "corpus" / "attribution.yaml").read_text(encoding="utf-8")
)
RULE_EXAMPLES = [
    pytest.param(rule.name, text, who, id=f"{rule.name}-{i}")
    for rule in load_rules().rules
    for i, (text, who) in enumerate(rule.examples)
]


def figure_sources(text: str) -> list[list]:
    """(value, attributed_to, source_id) of every figure the extractor reads in ``text``."""
    out = attribute(extract_figures(text), text)
    return out[["value", "attributed_to", "source_id"]].values.tolist()


@pytest.mark.parametrize(("rule", "text", "who"), RULE_EXAMPLES)
def test_every_rule_reads_its_own_examples(rule, text, who):
    found = find_attributions(text)
    assert [(a.who, a.rule) for a in found][:1] == [(who, rule)]


def test_every_rule_has_an_example_and_a_known_direction():
    for rule in load_rules().rules:
        assert rule.examples, rule.name
        assert rule.governs in ("following", "preceding", "both"), rule.name
        assert rule.scope in ("same", "previous"), rule.name


@pytest.mark.parametrize(
    "case", CORPUS["positives"] + CORPUS["context"], ids=lambda c: c["text"][:40]
)
def test_positive_corpus(case):
    rows = [r for r in figure_sources(case["text"]) if r[0] == case["value"]]
    assert rows == [[case["value"], case["who"], case["source_id"]]]


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative_corpus_names_no_source(text):
    rows = figure_sources(text)
    assert rows, "the negative example must still have a figure, or it tests nothing"
    assert all(who == "" and sid == "" for _, who, sid in rows)


@pytest.mark.parametrize("case", CORPUS["russian"], ids=lambda c: c["text"][:40])
def test_russian_markers(case):
    found = [a.who for a in find_attributions(case["text"])]
    assert found == ([case["who"]] if case["who"] else [])
    assert normalise_source(case["who"]) == case["source_id"]


def test_russian_figures_are_attributed_when_a_reader_gives_them():
    # Russian figures come from the Russian reader; a hand-made figure row stands in for it.
    text = "Пожар в торговом центре. По данным МЧС, 11 человек погибли. 40 человек пострадали, сообщили в Минздраве."
    spans = [
        (text.index("11"), text.index("погибли") + 7),
        (text.index("40"), text.index("пострадали") + 10),
    ]
    figures = pd.DataFrame(
        {"value": [11, 40], "start": [s for s, _ in spans], "end": [e for _, e in spans]}
    )
    out = attribute(figures, text)
    assert out[["attributed_to", "source_id"]].values.tolist() == [
        ["МЧС", "emergency_ministry"],
        ["Минздраве", "health_ministry"],
    ]


def test_two_sources_in_one_sentence_each_take_their_own_figures():
    text = (
        "ИИМдин маалыматы боюнча, 8 адам каза болду, ал эми Саламаттык сактоо министрлигинин "
        "маалыматы боюнча 10 адам каза болду."
    )
    assert figure_sources(text) == [
        [8, "ИИМдин", "interior_ministry"],
        [10, "Саламаттык сактоо министрлигинин", "health_ministry"],
    ]


def test_a_verb_final_source_takes_the_figure_before_it_not_a_leading_one():
    text = "ССМдин маалыматы боюнча 10 адам каза болду, 8 адам каза болгонун ИИМ билдирди."
    assert [r[2] for r in figure_sources(text)] == ["health_ministry", "interior_ministry"]


def test_an_attribution_already_given_is_kept_and_normalised():
    text = "Кечээ 12 адам жаракат алды."
    figures = extract_figures(text).assign(attributed_to=["МВД"])
    out = attribute(figures, text)
    assert out[["attributed_to", "source_id"]].values.tolist() == [["МВД", "interior_ministry"]]


def test_abbreviations_match_only_as_words_with_an_ending():
    assert normalise_source("ИИМдин") == "interior_ministry"
    assert normalise_source("ИИМДИН") == ""  # capitals after it: another word, not ИИМ + ending
    assert normalise_source("Мүчөлөр") == ""
    # The longest name wins: a city health department is not the ministry.
    assert normalise_source("шаардык саламаттык сактоо башкармалыгы") == "health_department"


def test_every_known_source_has_names_in_three_languages_and_aliases():
    for sid, spec in load_sources().items():
        assert set(spec["name"]) == {"en", "ru", "ky"}, sid
        assert spec["aliases"].get("ky") and spec["aliases"].get("ru"), sid
        assert source_name(sid, "ky") == spec["name"]["ky"]
    assert source_name("nobody") == ""


def test_sentences_keep_offsets_into_the_raw_text():
    raw = "Бир сүйлөм. Экинчи!\n\nҮчүнчү сүйлөм"
    assert [raw[a:b] for a, b in sentences(raw)] == ["Бир сүйлөм.", "Экинчи!", "Үчүнчү сүйлөм"]


def test_empty_figures_frame_gets_the_columns():
    out = attribute(extract_figures("Шаарда жамгыр жаады."), "Шаарда жамгыр жаады.")
    assert list(out.columns)[-2:] == ["attributed_to", "source_id"] and out.empty
