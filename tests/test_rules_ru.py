"""The Russian reader: a corpus of passages the team wrote, structure, every number seen."""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.evaluate import evaluate_file, format_report
from analysis.figures import extract_figures
from analysis.reading import NOT_A_COUNT_REASONS, Context, reader_for
from analysis.rules_ru import (
    NOT_COUNT_RULES,
    NOUN_RULES,
    PARENT_RULES,
    PREDICATE_RULES,
    QUALIFIER_RULES,
    read,
)

CORPUS = yaml.safe_load(
    (config.ROOT / "tests" / "corpus" / "ru" / "figures.yaml").read_text(encoding="utf-8")
)


def keys(reading) -> Counter:
    return Counter(f"{f.measure}|{f.group}|{f.value}|{f.qualifier}" for f in reading.figures)


@pytest.mark.parametrize("item", CORPUS, ids=[c["text"][:40] for c in CORPUS])
def test_corpus(item):
    assert keys(read(item["text"], Context())) == Counter(item["expect"])


def test_corpus_has_positives_and_negatives():
    assert sum(1 for c in CORPUS if c["expect"]) >= 40
    assert sum(1 for c in CORPUS if not c["expect"]) >= 10


def test_lexicon_phrases_are_written_as_lemmas():
    """Each word of a phrase of several words is its own lemma (adjectives in the masculine:
    ``торговый точка``), else the phrase never matches an inflected text."""
    from analysis import morph_ru
    from analysis.config import read_yaml, resource
    from analysis.rules_ru import _verbal_lemmas, _words

    data = read_yaml(resource("lexicon.ru.yaml"))
    phrases = [
        (p, morph_ru.nominal_lemmas)
        for groups in data["nouns"].values()
        for ps in groups.values()
        for p in ps
    ]
    phrases += [
        (p, _verbal_lemmas) for k in ("predicates", "states") for ps in data[k].values() for p in ps
    ]
    bad = [
        p
        for p, look in phrases
        if len(_words(p)) > 1 and any(w != "*" and w not in look(w) for w in _words(p))
    ]
    assert bad == []


def test_reader_is_registered():
    assert reader_for("ru") is read


def test_every_rule_is_named_with_a_russian_example():
    for rule in (*NOT_COUNT_RULES, *NOUN_RULES, *PARENT_RULES, *PREDICATE_RULES, *QUALIFIER_RULES):
        assert rule.__doc__ and re.search("[а-яё]", rule.__doc__), rule.__name__


def test_figure_fields():
    text = "По данным МЧС, погибли 12 человек, в том числе пять детей."
    r = read(text, Context())
    whole, part = r.figures
    assert (whole.lang, whole.rule, whole.ncls) == ("ru", "predicate_right_before", "people")
    assert text[whole.start : whole.end] == "12"
    assert text[slice(*whole.clause)] == "погибли 12 человек"
    assert part.parent is whole and part.rule == "parent_measure"
    assert text[slice(*part.clause)] == "в том числе пять детей"


def test_subset_parent_is_never_a_subset():
    r = read("Пострадали 10 человек, из них 4 ребёнка: 3 девочки и мальчик.", Context())
    whole = r.figures[0]
    assert all(f.parent is whole for f in r.figures[1:])


def test_elliptic_number_counts_the_noun_of_an_earlier_segment():
    first = read("Два человека погибли.", Context())
    second = read("Ещё одного госпитализировали.", Context(earlier=first.figures))
    assert keys(second) == Counter(["hospitalized|total|1|exact"])


def test_numbers_seen_with_reasons():
    text = "5 января в 14:30 задержаны 7 человек, 27-летний водитель получил 10 суток ареста."
    seen = {text[n.start : n.end]: (n.status, n.reason) for n in read(text, Context()).numbers}
    assert seen == {
        "5": ("not_a_count", "date"),
        "14:30": ("not_a_count", "clock_time"),
        "7": ("figure", ""),
        "27": ("not_a_count", "age"),
        "10": ("not_a_count", "duration"),
    }


def test_digits_of_a_web_address_name_a_site():
    text = "Как сообщает 24.kg, задержаны 7 человек; 2.5 тысячи вышли на улицы."
    seen = {text[n.start : n.end]: (n.status, n.reason) for n in read(text, Context()).numbers}
    assert seen["24"] == ("not_a_count", "identifier")
    assert seen["7"] == ("figure", "")


def test_huge_number_is_too_large_not_a_crash():
    text = "Погибли 99999999999999999999 человек и 10" + "0" * 5000 + " человек."
    seen = read(text, Context()).numbers
    assert [n.reason for n in seen] == ["too_large", "too_large"]


def test_text_without_numbers_costs_no_morphology():
    assert read("Сообщений о пострадавших не поступало.", Context()).numbers == []


WORDS = ["погибли", "человек", "ранены", "января", "года", "из", "них", "около", "более", "и"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.from_regex(r"\d{1,4}([.,:]\d{1,3}){0,2}", fullmatch=True),
    st.sampled_from([" ", "\u00a0", "-", "—", "%", "№", ",", ".", "тыс.", "двумя", "сотни"]),
    st.text(alphabet="0123456789abcабв-/ ", max_size=6),
    st.text(max_size=4),  # any letters: pymorphy3 fails on some, the reader must not
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map(" ".join))
def test_every_digit_run_is_in_exactly_one_number_seen(text):
    seen = read(text, Context()).numbers
    for n in seen:
        assert n.status in ("figure", "not_a_count", "unread")
        assert n.status != "not_a_count" or n.reason in NOT_A_COUNT_REASONS
        assert (n.figure is not None) == (n.status == "figure")
    for run in re.finditer(r"\d+", text):
        inside = [n for n in seen if n.start <= run.start() and run.end() <= n.end]
        assert len(inside) == 1, (run.group(), text)


def test_engine_routes_russian_segments_and_keeps_kyrgyz():
    text = (
        "Кечээ шаарда 12 адам жаракат алды.\n"
        "По данным минздрава, погибли 3 человека. Десятки ранены.\n"
    )
    fig = extract_figures(text)
    assert fig[["measure", "group", "value", "qualifier"]].values.tolist() == [
        ["injured", "total", 12, "exact"],
        ["killed", "total", 3, "exact"],
        ["injured", "total", 10, "several"],
    ]
    row = fig.iloc[2]
    assert " ".join(text[row.start : row.end].split()) == row.quote == "Десятки ранены"


def test_russian_dev_set():
    """Acceptance: precision and recall on real Russian passages, read at run time from
    ``../shared/eval`` (the texts belong to their publishers and are never copied here).
    The bound is the level reached minus 0.02."""
    dev = config.ROOT.parent / "shared" / "eval" / "ru_news_dev.jsonl"
    if not dev.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{dev} is missing: CI runs with ../shared beside the checkout")
        pytest.skip("../shared/eval is not beside this checkout")
    result = evaluate_file(dev)
    assert result["overall"]["precision"] >= 0.98, format_report(result)
    assert result["overall"]["recall"] >= 0.98, format_report(result)


def test_marker_naming_a_measure_picks_the_whole_of_that_measure():
    text = "Число погибших выросло до 8 человек. Госпитализированы 137 человек. Среди погибших двое полицейских."
    r = read(text, Context())
    killed, _hospitalized, police = r.figures
    assert (police.measure, police.group, police.parent) == ("killed", "police", killed)


def test_as_of_date():
    text = "По состоянию на 6 января задержаны 3 тысячи человек."
    assert read(text, Context()).figures[0].as_of == "--01-06"
    assert read(text, Context(year=2022)).figures[0].as_of == "2022-01-06"


def test_russian_live_blog_is_published(tmp_path):
    """End to end up to the published tables: a Russian live blog the test writes."""
    import csv

    from analysis.publish import publish

    raw = tmp_path / "ru-blog.txt"
    raw.write_text(
        "Хроника дня\n\n"
        "10:15 В Алматы протестующие ворвались в здание акимата\n"
        "Сгорели 7 служебных автомобилей. Десятки человек получили ранения.\n\n"
        "14:30 Число погибших выросло до 8 человек\n"
        "Госпитализированы 137 человек, из них 12 в реанимации.\n",
        encoding="utf-8",
    )
    out = publish(raw, tmp_path / "out")
    with open(out / "figures.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = [(r["measure"], r["value"], r["qualifier"], r["place"], r["quote"]) for r in rows]
    assert got[:5] == [
        ("vehicles_destroyed", "7", "exact", "almaty", "Сгорели 7 служебных автомобилей"),
        ("injured", "10", "several", "almaty", "Десятки человек получили ранения"),
        ("killed", "8", "exact", "", "Число погибших выросло до 8 человек"),
        ("hospitalized", "137", "exact", "", "Госпитализированы 137 человек"),
        ("intensive_care", "12", "exact", "", "из них 12 в реанимации"),
    ]


def test_place_of_an_earlier_segment_names_the_country():
    """A segment without a number that places the event in a country (``places_of_sentence_
    before``) decides the group of nationals counted in the entry's later segments."""
    context = Context()
    assert not read("В Египте опрокинулся экскурсионный автобус.", context).figures
    assert keys(read("Ранены 11 казахстанцев.", context)) == Counter(
        ["injured|foreigners|11|exact"]
    )
    context = Context()
    read("Авария произошла в Костанайской области.", context)
    assert keys(read("Ранены 11 казахстанцев.", context)) == Counter(["injured|civilians|11|exact"])
    # a segment without a place keeps what an earlier one named
    context = Context()
    read("В Египте опрокинулся экскурсионный автобус.", context)
    read("спасатели прибыли быстро.", context)
    assert keys(read("Ранены 11 казахстанцев.", context)) == Counter(
        ["injured|foreigners|11|exact"]
    )
