"""Russian numbers as written: every case form, compounds, scales, vague quantities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.numerals_ru import find_numbers, parse_number, tokenize


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_every_case_of_unicode_rbnf_parses_back(n):
    """unicode-rbnf spells n in every gender and case; each spelling reads back as n.

    The plural rulesets ("одни", "одних": the plural of "один" means "alone" or goes with
    plural-only nouns) are left out on purpose: the reader never counts "одни".
    """
    rbnf = pytest.importorskip("unicode_rbnf")
    engine = rbnf.RbnfEngine.for_language("ru")
    for name, text in engine.format_number(n).text_by_ruleset.items():
        if "plural" not in name:
            assert parse_number(text) == n, (name, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("двумя", 2),
        ("трёхсот сорока", 340),
        ("полутора тысяч", 1500),
        ("полторы сотни", 150),
        ("2,5 тыс.", 2500),
        ("1,5 млн", 1_500_000),
        ("1 200", 1200),
        ("1\u00a0200", 1200),
        ("12\u202f000\u202f000", 12_000_000),
        ("20 тысяч", 20_000),
        ("двадцать одного", 21),
        ("тысяча", 1000),
        ("миллион двести тысяч", 1_200_000),
        ("пятеро", 5),
        ("двоих", 2),
        ("оба", 2),
        ("обеих", 2),
        ("полсотни", 50),
        ("полусотни", 50),
        ("полтысячи", 500),
        ("2-х", 2),
        ("5-ти", 5),
        ("3-е", 3),
        ("25-ти", 25),
        ("1.500", 1500),
        ("12.000.000", 12_000_000),
        ("1.5 млн", 1_500_000),
        ("2.345 тыс.", 2345),
        ("1 млн 300 тыс.", 1_300_000),
        ("2 миллиона 150 тысяч", 2_150_000),
        ("1,2 млн 40 тыс.", 1_240_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "человек", "пять шесть", "несколько", "3,5", "11:30", "5-й", "1-го"]
)
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("десятки", 10, "several"),
        ("сотни людей", 100, "several"),
        ("тысячи", 1000, "several"),
        ("несколько", 1, "several"),
        ("несколько тысяч", 1000, "several"),
        ("несколько десятков", 10, "several"),
        ("десятки тысяч", 10_000, "several"),
        ("около тысячи", 1000, "words"),  # a singular after a preposition: one thousand
        ("11:30", None, "clock"),
        ("18.04.2020", None, "date"),
        ("3,5", None, "decimal"),
        ("1.5", None, "decimal"),
        ("1.50", None, "decimal"),
        ("1,500", None, "decimal"),  # a comma is a decimal point in Russian
        ("99999999999999999999", None, "too_large"),
    ],
)
def test_mention_kinds(text, value, kind):
    tokens = tokenize(text)
    m = [x for x in find_numbers(tokens, text) if x.value != 0][-1]
    assert (m.value, m.kind) == (value, kind)


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("чeловек", "человек"),  # Latin e
        ("пoгибли", "погибли"),  # Latin o
        ("ПОГИБЛИ", "погибли"),
        ("Santa", "santa"),  # a Latin word stays Latin
        ("ёлка", "елка"),
    ],
)
def test_lookalike_letters_read_as_cyrillic(text, low):
    assert [t.low for t in tokenize(text)] == [low]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("погибли 4 (четыре) человека", [("4 (четыре)", 4)]),
        ("сгорели пять (5) автомобилей", [("пять (5)", 5)]),
        ("задержаны 2 (двое)", [("2 (двое)", 2)]),
        # another number or other words in the bracket: no echo
        ("погибли 5 (из них 2 ребёнка)", [("5", 5), ("2", 2)]),
        ("ранены 4 (три тяжело)", [("4", 4), ("три", 3)]),
        ("ранены 4 (5) человека", [("4", 4), ("5", 5)]),
    ],
)
def test_number_echoed_in_brackets_is_one_mention(text, spans):
    tokens = tokenize(text)
    found = find_numbers(tokens, text)
    assert [(text[m.start : m.end], m.value) for m in found] == spans
