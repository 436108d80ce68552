"""Charts of the figure tables: drawn artists, labels in three languages, qualifiers, sources."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import plots
from analysis.i18n import LANGS, labels
from analysis.plots import (
    derived_text,
    format_value,
    plot_buildings,
    plot_businesses,
    plot_injuries,
    plot_vehicles,
)
from analysis.sources import InputError

COLUMNS = [
    "figure_id",
    "place",
    "as_of",
    "value",
    "low",
    "high",
    "qualifier",
    "parent_id",
    "derived",
    "formula",
    "source",
]


def table(dim: str, rows: list[tuple], status: bool = False) -> pd.DataFrame:
    """A breakdown table: rows are (id, [status,] key, value, low, high, qualifier, parent, formula)."""
    recs = []
    for r in rows:
        if status:
            fid, st_, key, value, low, high, qual, parent, formula = r
        else:
            fid, key, value, low, high, qual, parent, formula = r
            st_ = None
        rec = {
            "figure_id": fid,
            "place": "Town",
            "as_of": "2020-02-02",
            dim: key,
            "value": value,
            "low": low,
            "high": high,
            "qualifier": qual,
            "parent_id": parent,
            "derived": bool(formula),
            "formula": formula,
            "source": "",
        }
        if status:
            rec["status"] = st_
        recs.append(rec)
    df = pd.DataFrame(recs)
    for c in ("value", "low", "high"):
        df[c] = df[c].astype("Int64")
    return df


@pytest.fixture
def injuries():
    return table(
        "group",
        [
            ("F001", "injured", "total", 90, 90, 90, "exact", "", ""),
            ("F002", "injured", "police", 60, 60, 60, "exact", "F001", ""),
            ("F003", "injured", "civilians", 30, 30, 30, "exact", "F001", ""),
            ("F004", "intensive_care", "total", 9, 9, 9, "exact", "", ""),
            ("F005", "intensive_care", "police", 5, 5, 5, "exact", "F004", ""),
            ("D001", "intensive_care", "civilians", 4, 4, 4, "exact", "F004", "F004 - F005"),
        ],
        status=True,
    )


@pytest.fixture
def businesses():
    return table(
        "business_type",
        [
            ("F010", "total", 200, 180, 220, "approx", "", ""),
            ("F011", "shop", 70, 70, 70, "exact", "F010", ""),
            ("F012", "office", 50, 51, pd.NA, "more_than", "F010", ""),
        ],
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def texts(ax, gid: str) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def test_injuries_one_bar_per_row_with_values(injuries):
    ax = plot_injuries(injuries)
    bars = [p for p in ax.patches if (p.get_gid() or "").startswith("bar-")]
    assert len(bars) == len(injuries)
    assert sorted(p.get_width() for p in bars) == [4, 5, 9, 30, 60, 90]
    labels_ = texts(ax, "value-label")
    assert labels_[:3] == ["90", "60", "30"]
    assert "4 (derived: 9 − 5)" in labels_
    assert "injured: police" in texts(ax, "category-label")


def test_derived_bar_is_hatched_and_keyed(injuries):
    ax = plot_injuries(injuries)
    by_id = {p.get_gid(): p for p in ax.patches if p.get_gid()}
    assert by_id["bar-D001"].get_hatch() == "///"
    assert not by_id["bar-F005"].get_hatch()
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["hatched: derived by us, not reported"]


def test_qualifiers_show_and_ranges_drawn(businesses):
    ax = plot_businesses(businesses)
    assert texts(ax, "value-label") == ["≈200", "70", "50+"]
    ranges = [c for c in ax.collections if c.get_gid() == "range"]
    assert len(ranges) == 1  # only the approximate total has a closed range wider than a number
    (segment,) = ranges[0].get_segments()
    assert [segment[0][0], segment[1][0]] == [180, 220]


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_names_its_source(businesses, lang):
    ax = plot_businesses(businesses, lang=lang, source="Daily News, 2020-02-02")
    (note,) = texts(ax, "source-note")
    assert note.endswith("Daily News, 2020-02-02")
    assert note.split(":")[0] == {"en": "Source", "ru": "Источник", "ky": "Булак"}[lang]


def test_default_source_is_the_attribution(businesses):
    businesses["source"] = "City hall"
    ax = plot_businesses(businesses)
    assert texts(ax, "source-note") == ["Source: City hall"]


def test_kyrgyz_letters_render_without_missing_glyphs():
    vehicles = table(
        "vehicle_type",
        [
            ("F040", "fire_engine", 2, 2, 2, "exact", "", ""),
            ("F041", "car", 5, 5, 5, "exact", "", ""),
        ],
    )
    ax = plot_vehicles(vehicles, lang="ky")
    names = " ".join(texts(ax, "category-label"))
    assert names == "өрт өчүрүүчү унаалар жеңил унаалар"
    assert {"ө", "ү", "ң"} <= set(names)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_titles_differ_by_language(injuries):
    titles = {lang: plot_injuries(injuries, lang=lang).get_title(loc="left") for lang in LANGS}
    assert len(set(titles.values())) == 3
    assert titles["ru"] == "Пострадавшие по тяжести и группам"


def test_draws_on_given_axes_and_vehicle_labels():
    _, ax = plt.subplots()
    vehicles = table(
        "vehicle_type",
        [
            ("F020", "total", 12, 12, 12, "exact", "", ""),
            ("F021", "ambulance", 3, 3, 3, "exact", "F020", ""),
        ],
    )
    assert plot_vehicles(vehicles, ax=ax, lang="ru") is ax
    assert texts(ax, "category-label") == ["вся техника", "машины скорой помощи"]


def test_several_thousand_shows_its_range():
    buildings = table("building_type", [("F030", "house", 1000, 2000, 9000, "several", "", "")])
    ax = plot_buildings(buildings)
    assert texts(ax, "value-label") == ["2000–9000"]
    (bar,) = [p for p in ax.patches if p.get_gid() == "bar-F030"]
    assert bar.get_width() == 2000  # the bar never claims more than the wording allows


def test_empty_table_says_so():
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in [*COLUMNS, "vehicle_type"]})
    ax = plot_vehicles(empty)
    assert "No figures" in " ".join(t.get_text() for t in ax.texts)


def test_bad_data_is_one_line_error():
    with pytest.raises(InputError, match="lacks column"):
        plot_injuries(pd.DataFrame({"group": ["total"], "value": [1]}))


def test_timeline_charts_are_reexported():
    from analysis import plots_timeline

    assert plots.plot_timeline is plots_timeline.plot_timeline
    assert plots.plot_map is plots_timeline.plot_map


def test_derived_text_uses_values_and_language(injuries):
    row = injuries.iloc[-1]
    assert derived_text(row, injuries, "ky") == "эсептелген: 9 − 5"
    assert derived_text(injuries.iloc[0], injuries) == ""


@given(st.integers(0, 10**6))
def test_exact_values_print_as_numbers(n):
    assert format_value({"value": n, "low": n, "high": n, "qualifier": "exact"}) == str(n)


@given(st.integers(1, 10**6))
def test_hedges_keep_their_sign(n):
    approx = {"value": n, "low": n - 1, "high": n + 1, "qualifier": "approx"}
    more = {"value": n, "low": n + 1, "high": None, "qualifier": "more_than"}
    assert format_value(approx) == f"≈{n}"
    assert format_value(more) == f"{n}+"


def test_report_translations_are_complete():
    report_keys = {k: v for k, v in labels().items() if k.startswith("report.")}
    assert len(report_keys) > 100
    for key, texts_ in report_keys.items():
        assert all(texts_[lang] for lang in LANGS), key
        if key.startswith("report.sentence.") and key != "report.sentence.parts_only":
            assert all("{value}" in texts_[lang] for lang in LANGS), key
    kyrgyz = " ".join(t["ky"] for t in report_keys.values())
    assert {"ө", "ү", "ң"} <= set(kyrgyz)
