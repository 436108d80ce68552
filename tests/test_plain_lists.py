"""The plain-list path (what the tracker reads articles with) gives what the DataFrame
functions give: the same segments, the same figures, the same attributions."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.attribution import attribute, normalise_source, sources_of
from analysis.claims import RECORD_FIELDS, read_article
from analysis.clean import SEGMENT_COLUMNS, clean_segments, segment_columns
from analysis.figures import FIGURE_COLUMNS, extract_figures, figure_columns
from analysis.sources import load_raw

# Pieces of live blogs, written for these tests: sentences with counts, sources, stamps,
# a Russian quote, a credit, a headline without a full stop, repeats.
PIECES = [
    "Ош шаарында 12 адам кармалды.",
    "Бул тууралуу ИИМ билдирди.",
    "Саламаттык сактоо министрлигинин маалыматы боюнча, 40 адам ооруканага жеткирилди.",
    "Алардын 3ү балдар.",
    "5-январга карата 190дон ашык адам жаракат алды.",
    "14:30 Нарында митинг башталды",
    "Фото: соцтармактардан алынды.",
    "По данным МЧС, погибли 7 человек.",
    "Окуя болгон жерге куткаруучулар жөнөдү.",
    "\n",
    " ",
    "2022-жылы 3 айда 45 миң сом айып салынды.",
    "Жалал-Абадда бир нече жүз киши чогулду.",
]


def _frame_as_lists(frame: pd.DataFrame, columns: list[str]) -> dict[str, list]:
    return {c: [None if v is pd.NA else v for v in frame[c].tolist()] for c in columns}


def _texts():
    return st.lists(st.sampled_from(PIECES), min_size=0, max_size=14).map(" ".join)


@settings(max_examples=60)
@given(_texts())
def test_segment_columns_are_clean_segments(text):
    assert segment_columns(text) == _frame_as_lists(clean_segments(text), SEGMENT_COLUMNS)


@settings(max_examples=60)
@given(_texts())
def test_figure_columns_are_extract_figures(text):
    assert figure_columns(text) == _frame_as_lists(extract_figures(text), FIGURE_COLUMNS)


@settings(max_examples=60)
@given(_texts())
def test_read_article_is_the_dataframe_path(text):
    """read_article's records are what attribute(extract_figures(...)) says, cell by cell."""
    segments = clean_segments(text)
    figures = attribute(extract_figures(text, segments=segments), text)
    lang_of = dict(zip(segments["segment_id"], segments["lang"], strict=True))
    expected = []
    for row in figures.to_dict("records"):
        row["lang"] = lang_of[row["segment_id"]]
        expected.append({k: (None if row[k] is pd.NA else row[k]) for k in RECORD_FIELDS})
    assert read_article(text) == expected


def test_seed_article_reads_the_same_both_ways():
    raw = load_raw(config.SEED_RAW)
    assert figure_columns(raw) == _frame_as_lists(extract_figures(raw), FIGURE_COLUMNS)
    records = read_article(raw)
    assert len(records) == 18
    spans = [(r["start"], r["end"]) for r in records]
    assert [r["attributed_to"] for r in records] == sources_of(spans, raw)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("12 адам жаракат алды. Бул тууралуу ӨКМ билдирди.", "ӨКМ"),
        ("Кечээ 12 адам жаракат алды.", ""),
    ],
)
def test_sources_of(text, who):
    assert sources_of([(0, text.index(".") + 1)], text) == [who]
    assert normalise_source(who) == ("emergency_ministry" if who else "")


@pytest.mark.parametrize(
    "module", ["analysis.clean", "analysis.figures", "analysis.attribution", "analysis.claims"]
)
def test_docstring_examples_of_the_reading_path(module):
    """The examples in these modules' docstrings are what the functions return."""
    import doctest
    import importlib

    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
