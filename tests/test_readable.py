"""Readers look through characters that change no word (analysis.readable)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.clean import detect_language
from analysis.figures import extract_figures, numbers_table
from analysis.readable import readable

KY = "Кырсыктан беш адам каза болуп, 12 киши ооруканага жеткирилди."
RU = "В результате ДТП погибли пять человек, еще 12 госпитализированы."
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"]


def _keys(text: str) -> list[str]:
    return [
        f"{r.measure}|{r.group}|{r.value}|{r.qualifier}" for r in extract_figures(text).itertuples()
    ]


def _visible(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def test_plain_text_is_returned_as_it_is():
    assert readable(KY) == (KY, None)


def test_soft_hyphen_and_references_map_back():
    text = "5 адам жетки\u00adрилди, 12&nbsp;киши"
    plain, back = readable(text)
    assert plain == "5 адам жеткирилди, 12\u00a0киши"
    a = plain.index("жеткирилди")
    assert text[slice(*back.span(a, a + len("жеткирилди")))] == "жетки\u00adрилди"
    b = plain.index("киши")
    assert text[slice(*back.span(b, b + 4))] == "киши"
    assert text[slice(*back.span(b - 1, b))] == "&nbsp;"
    assert back.span(len(plain), len(plain)) == (len(text), len(text))


def test_stress_marks_go_with_their_vowel_and_letters_compose():
    plain, back = readable("челове\u0301к и\u0306од")
    assert plain == "человек йод"
    assert back.span(0, 7) == (0, 8)  # the stress mark is quoted with its word
    assert back.span(8, 11) == (9, 13)


def test_an_unknown_reference_stays_as_written():
    assert readable("A&B; 5 адам")[0] == "A&B; 5 адам"


@pytest.mark.parametrize("text", [KY, RU])
@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.replace("ооруканага", "оору\u00adканага").replace("погибли", "по\u00adгибли"),
        lambda s: s.replace(" 12 ", " 12&nbsp;"),
        lambda s: s.replace("адам", "ада\u0301м").replace("человек", "челове\u0301к"),
        lambda s: s.replace("беш ", "беш\u200b ").replace("пять ", "пять\u200b "),
    ],
)
def test_figures_survive_web_characters(text, edit):
    edited = edit(text)
    assert edited != text
    assert _keys(edited) == _keys(text)
    quotes = extract_figures(edited)
    for row in quotes.itertuples():  # spans index the edited text itself
        assert edited[row.start : row.end]


@settings(max_examples=40, deadline=None)
@given(
    text=st.sampled_from([KY, RU]),
    cuts=st.lists(st.tuples(st.integers(0, 70), st.sampled_from(INVISIBLE)), max_size=6),
)
def test_invisible_characters_change_no_figure(text, cuts):
    edited = text
    for pos, ch in sorted(cuts, reverse=True):
        pos = min(pos, len(edited))
        edited = edited[:pos] + ch + edited[pos:]
    assert _keys(edited) == _keys(text)
    before = extract_figures(text)
    after = extract_figures(edited)
    # The same words are quoted, from the edited text's own offsets.
    assert [_visible(q) for q in after["quote"]] == list(before["quote"])
    for row in after.itertuples():  # a quote is the edited text's own characters
        assert " ".join(edited[row.start : row.end].split()) == row.quote
    numbers = numbers_table(edited)
    for row in numbers.itertuples():
        assert _visible(edited[row.start : row.end]).strip()


def test_language_is_told_through_soft_hyphens():
    assert detect_language("Кырсык\u00adтан беш адам ка\u00adза бол\u00adду") == "ky"
    assert detect_language("В резуль\u00adтате ДТП по\u00adгибли пять чело\u00adвек") == "ru"
