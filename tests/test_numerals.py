"""Kyrgyz numerals: spelling, parsing, suffixes, collectives and what is not a count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.numerals import TOO_LARGE, find_mentions, parse_number, spell


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_spelling_round_trips(n):
    assert parse_number(spell(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_spelling_agrees_with_unicode_rbnf(n):
    rbnf = pytest.importorskip("unicode_rbnf")
    engine = rbnf.RbnfEngine.for_language("ky")
    assert spell(n) == engine.format_number(n).text


@pytest.mark.parametrize(
    "n", [1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 999, 1000, 1001, 1100, 2990, 10_000, 999_999]
)
def test_spelling_edges_round_trip(n):
    assert parse_number(spell(n)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("жүз бир", 101),  # without the leading "бир", as people often write
        ("миң эки жүз", 1200),
        ("жыйырма беш", 25),
        ("он эки", 12),
        ("эки жүз", 200),
        ("үч миң", 3000),
        ("2 миң 990", 2990),
        ("10 миң", 10_000),
        ("1 214", 1214),
        ("1\u00a0214", 1214),
        ("1\u202f500", 1500),
        ("2,5 миң", 2500),
        ("3 миллион", 3_000_000),
        ("бир жарым миң", 1500),  # "жарым" (half) before a scale
        ("эки жарым миллион", 2_500_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["он он", "эки эки", "беш жүз он он", "саат", ""])
def test_parse_number_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value", "suffix"),
    [
        ("300гө", 300, "гө"),
        ("100дөн", 100, "дөн"),
        ("100дон", 100, "дон"),
        ("11и", 11, "и"),
        ("22си", 22, "си"),
        ("3393ү", 3393, "ү"),
        ("100дөй", 100, "дөй"),
        ("10 миңдей", 10_000, "дей"),
        ("отуздан", 30, "дан"),
        ("жүздөн", 100, "дөн"),
        ("бешке", 5, "ке"),
        ("300-гө", 300, "гө"),
        ("10'дон", 10, "дон"),
        ("5’и", 5, "и"),
    ],
)
def test_suffixes(text, value, suffix):
    (m,) = find_mentions(text)
    assert (m.value, m.suffix, m.end) == (value, suffix, len(text))


def test_suffix_kinds():
    approx, abl, dat, poss = (find_mentions(t)[0] for t in ["100дөй", "100дөн", "300гө", "11и"])
    assert approx.approx and not approx.ablative
    assert abl.ablative and not abl.approx
    assert dat.dative and not dat.ablative
    assert poss.possessive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("бирөө", 1),
        ("экөө", 2),
        ("үчөө", 3),
        ("төртөө", 4),
        ("бешөө", 5),
        ("алтоо", 6),
        ("жетөө", 7),
        ("экөөсү", 2),
        ("үчөөнү", 3),
    ],
)
def test_collectives(text, value):
    (m,) = find_mentions(text)
    assert m.collective and m.value == value


@pytest.mark.parametrize(
    ("text", "value", "suffix"),
    [
        ("алардын 2өө", 2, ""),  # digits for "экөө", the two of them
        ("калган 4өөнүн абалы", 4, "нүн"),
        ("алардын 6оосу", 6, "су"),
        ("алардын 3-өө", 3, ""),
    ],
)
def test_digits_with_a_collective_ending(text, value, suffix):
    (m,) = find_mentions(text)
    assert (m.value, m.suffix, m.collective) == (value, suffix, True)
    assert text[m.start : m.end].lstrip("0123456789-").lower().startswith(("өө", "оо"))


@pytest.mark.parametrize("text", ["12өө", "0оо"])
def test_digits_without_a_collective_take_no_collective_ending(text):
    """Collectives are words for one to nine: ``12өө`` is no count at all."""
    assert all(not m.collective for m in find_mentions(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("бир нече миң", 1000),
        ("бир нече жүз", 100),
        ("ондогон", 10),
        ("жүздөгөн", 100),
        ("миңдеген", 1000),
        ("ондогон миң", 10_000),
        ("он миңдеген", 10_000),
        ("10 миңдеген", 10_000),
        ("жүз миңдеген", 100_000),
        ("эки жүздөгөн", 200),
    ],
)
def test_several(text, value):
    (m,) = find_mentions(text)
    assert m.several and m.value == value


@pytest.mark.parametrize(
    "text",
    [
        "5-январга",
        "19-январга чейин",
        "3-класстын окуучусу",
        "19:40та",
        "18:43төн",
        "саат 20:00дө",
        "2023-жылы",
        "50%",
        "2,5 пайызга",
        "бешинчи кабат",
        "бирок",
        "онунчу",
        "10.05.2023",
        "Жети-Өгүз районунда",  # a number word hyphened to a word: a name
        "Тогуз-Торо",
        "бир-бирине",  # each other
        "алтын кени",  # gold: no inflection of "алты" reads "-н"
    ],
)
def test_not_counts(text):
    assert find_mentions(text) == []


def test_bare_several_is_one_of_its_order_of_magnitude():
    # "бир нече" (a few) without a scale word: order of magnitude one; the figure reader
    # rejects "бир нече саат" (hours) by the word after it.
    (m,) = find_mentions("бир нече киши")
    assert (m.value, m.several, m.end) == (1, True, len("бир нече"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5-январга", "date"),
        ("14.01.20-ж.", "date"),
        ("саат 21:45те", "clock_time"),
        ("20.00дөн", "clock_time"),
        ("2017-жылы", "year"),
        ("17-18-ноябрда", "date"),
        ("2013-2014-жылдары", "year"),
        ("3-класс", "ordinal"),
        ("50%", "percentage"),
        ("10,8 пайызга", "unit"),
        ("24.kg агенттигине", "identifier"),  # a site's web address
    ],
)
def test_digits_that_are_no_count_say_why(text, reason):
    rejected: list = []
    assert find_mentions(text, rejected) == []
    assert [r[2] for r in rejected] == [reason]
    start, end, _ = rejected[0]
    assert text[start:end].strip(".") and text[start].isdigit()


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5000 + " адам",
        "45678967890123456789 адам",
        "9" * 19,
        "1" * 400 + ".5 миң",
        "миллион 1e",
    ],
)
def test_huge_and_broken_numbers_never_raise(text):
    for m in find_mentions(text, []):
        assert 0 < m.value <= TOO_LARGE


def test_mentions_in_a_sentence_keep_their_spans():
    text = "Кечээ 12 адам жана жыйырма эки киши, алардын үчөө балдар."
    found = find_mentions(text)
    assert [text[m.start : m.end] for m in found] == ["12", "жыйырма эки", "үчөө"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Эки жүз", 200),  # capitalised at the start of a sentence
        ("ЭКИ ЖҮЗ", 200),  # a headline in capitals
        ("Он ЭКИ", 12),
        ("Жетөөсү", 7),
        ("ОНДОГОН", 10),
        ("Бир нече миң", 1000),
        ("ОТУЗДАН", 30),
    ],
)
def test_number_words_in_any_case(text, value):
    (m,) = find_mentions(text)
    assert (m.start, m.end, m.value) == (0, len(text), value)


def test_number_words_inside_other_words_are_no_counts():
    assert find_mentions("Бишкектин Октябрь районунда онтогенез, экинчи, Бирлик") == []


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("1.200 адам", 1200, 5),  # a dot groups thousands: a count has no fraction
        ("3,400 үй", 3400, 5),
        ("2.500дөй адам", 2500, 8),
        ("18\u2009000 киши", 18000, 6),  # thin space
        ("18\u2007000 киши", 18000, 6),  # figure space
        ("1,500 миң", 1500, 9),  # a scale word after: the comma is a decimal (1.5 thousand)
        ("7киши", 7, 1),  # a word glued to the digits is read after them
    ],
)
def test_web_number_formats(text, value, end):
    (m,) = find_mentions(text)
    assert (m.value, m.end) == (value, end)


@pytest.mark.parametrize(
    ("text", "value", "end", "suffix"),
    [
        ("4 (төрт) адам", 4, 8, ""),  # a number repeated in brackets is one mention
        ("беш (5) киши", 5, 7, ""),
        ("12 (он эки) адам", 12, 11, ""),
        ("3 ( үч )", 3, 8, ""),
        ("7 (жетөө)", 7, 9, ""),  # a collective repeats a digit too
        ("20сы (жыйырма) бала", 20, 14, "сы"),
    ],
)
def test_a_number_echoed_in_brackets_is_one_mention(text, value, end, suffix):
    (m,) = find_mentions(text)
    assert (m.value, m.start, m.end, m.suffix) == (value, 0, end, suffix)


@pytest.mark.parametrize("text", ["4 (беш) адам", "4 (төрт адам)", "4 (2023) адам"])
def test_brackets_with_another_number_or_more_words_stay_apart(text):
    assert find_mentions(text)[0].end == 1


@pytest.mark.parametrize("text", ["2024жылы", "5январда", "саат 14.30да", "1.5 гектар"])
def test_glued_years_dates_and_decimals_are_no_counts(text):
    assert find_mentions(text) == []


def test_a_folded_suffix_reads_by_harmony():
    (m,) = find_mentions("4у")  # "4ү" typed without the Kyrgyz letter
    assert m.possessive


def test_a_range_of_number_words_is_still_read():
    assert [m.value for m in find_mentions("беш-алты адам")][:1] == [5]
    assert [m.value for m in find_mentions("алтыны")] == [6]


def test_a_number_before_a_vague_scale_is_one_mention_with_its_suffix():
    """``он миңдеген адамга`` (to tens of thousands): one mention, the suffix of the last
    word; a number with a suffix of its own is no multiplier (``3тө миңдеген``)."""
    (m,) = find_mentions("он миңдегенге жакын")
    assert (m.value, m.several, m.suffix, m.end) == (10_000, True, "ге", 13)
    assert [x.value for x in find_mentions("3тө миңдеген")] == [3, 1000]


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("20дайын", ("APPROX", "P3", "ACC")),  # about twenty of them (accusative)
        ("жыйырмадайы", ("APPROX", "P3")),
        ("100дөйү", ("APPROX", "P3")),
        ("50дөйгө", ("APPROX", "DAT")),
        ("50дөй", ("APPROX",)),
    ],
)
def test_about_then_a_possessive_or_case_is_one_suffix(text, tags):
    (m,) = find_mentions(text)
    assert (m.end, m.tags, m.approx) == (len(text), tags, True)
