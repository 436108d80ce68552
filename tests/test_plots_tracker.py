"""The tracker chart: drawn artists (points per claim, markers per source, ranges, labels)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.plots_tracker import MARKERS, plot_series, source_label
from analysis.reading import interval
from analysis.sources import InputError


def claims(rows) -> pd.DataFrame:
    """Claims of one series: rows are (claim_id, date, source_id, value, qualifier)."""
    recs = []
    for cid, date, source, value, qualifier in rows:
        low, high = interval(value, qualifier)
        recs.append(
            {
                "claim_id": cid,
                "date": date,
                "published": date + "T10:00",
                "publisher": "Test Kabar",
                "source_key": source or "publisher:Test Kabar",
                "source_id": source,
                "attributed_to": source and source.upper(),
                "series_id": "injured:total:-",
                "measure": "injured",
                "group": "total",
                "place": "",
                "value": value,
                "low": low,
                "high": high,
                "qualifier": qualifier,
            }
        )
    out = pd.DataFrame(recs)
    for c in ("value", "low", "high"):
        out[c] = out[c].astype("Int64")
    return out


DATA = claims(
    [
        ("a/F001", "2030-03-04", "health_ministry", 40, "exact"),
        ("b/F001", "2030-03-04", "city_administration", 60, "more_than"),
        ("c/F001", "2030-03-05", "health_ministry", 100, "approx"),
        ("d/F001", "2030-03-06", "", 110, "exact"),
    ]
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def by_gid(ax, prefix: str) -> list:
    return [a for a in ax.get_children() if str(a.get_gid() or "").startswith(prefix)]


def points_of(ax) -> dict[str, tuple]:
    """claim id -> (marker path, x, y) of every drawn claim."""
    out = {}
    for coll in by_gid(ax, "claims-"):
        marker = coll.get_paths()[0].vertices.tobytes()
        for url, (x, y) in zip(coll.get_urls(), coll.get_offsets(), strict=True):
            out[url.removeprefix("claim-")] = (marker, float(x), float(y))
    return out


def test_one_point_per_claim_one_marker_per_source():
    ax = plot_series(DATA, lang="en")
    points = points_of(ax)
    assert sorted(points) == sorted(DATA["claim_id"])
    assert [points[c][2] for c in DATA["claim_id"]] == [40, 60, 100, 110]
    assert points["a/F001"][0] == points["c/F001"][0]  # same source, same marker
    assert points["a/F001"][0] != points["b/F001"][0]
    assert len({p[0] for p in points.values()}) == 3 <= len(MARKERS)
    assert points["a/F001"][1] == points["b/F001"][1] < points["c/F001"][1]  # by date


def test_hedged_values_draw_their_interval_and_open_ones_an_arrow():
    ax = plot_series(DATA, lang="en")
    ranges = by_gid(ax, "range")
    segments = sorted(
        (round(float(s[0][1])), round(float(s[1][1]))) for r in ranges for s in r.get_segments()
    )
    top = ax.get_ylim()[1]
    assert segments[0] == (61, pytest.approx(segments[0][1])) and segments[0][1] > 110
    assert segments[1] == (90, 110)
    assert len(by_gid(ax, "open-range")) == 1 and segments[0][1] < top


def test_latest_claim_of_each_source_is_labelled_as_written():
    ax = plot_series(DATA, lang="en")
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() == "latest-label")
    assert labels == ["110", "60+", "≈100"]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Ministry of Health", "City administration", "Test Kabar (own figure)"]),
        (
            "ky",
            [
                "Саламаттык сактоо министрлиги",
                "Шаардык мэрия (акимчилик)",
                "Test Kabar (өз маалыматы)",
            ],
        ),
    ],
)
def test_legend_names_the_sources_in_the_language(lang, names):
    ax = plot_series(DATA, lang=lang)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == names
    note = [t for t in ax.texts if t.get_gid() == "source-note"]
    assert len(note) == 1 and "Test Kabar" in note[0].get_text()


def test_source_label_falls_back_to_the_words_of_the_text():
    row = {"source_id": "", "attributed_to": "Бакыт Асанов", "source_key": "Бакыт Асанов"}
    assert source_label(row, "ru") == "Бакыт Асанов"


def test_one_series_only_and_required_columns():
    two = DATA.assign(series_id=["a", "b", "a", "a"])
    with pytest.raises(InputError, match="one series"):
        plot_series(two)
    with pytest.raises(InputError, match="lacks column"):
        plot_series(DATA.drop(columns="low"))


def test_draws_on_a_given_axes():
    _, ax = plt.subplots()
    assert plot_series(DATA.iloc[:1], lang="ru", ax=ax) is ax
    assert len(points_of(ax)) == 1 and not by_gid(ax, "range")
