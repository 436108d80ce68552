"""Timeline chart, map and label translations: counted on the drawn artists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from fixtures_segments import make_segments

from analysis import i18n
from analysis.plots_timeline import plot_map, plot_timeline
from analysis.sources import InputError
from analysis.timeline import timeline_from_segments


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    segs = make_segments(
        [
            (None, []),
            ("", [("headline", "Атырауда митинг башталды")]),
            (
                "08:00",
                [
                    ("headline", "Тараздагы имаратка чабуул коюлду"),
                    ("sentence", "Имарат өрттөлүп жатат."),
                ],
            ),
            ("08:30", [("headline", "Атырауда өзгөчө кырдаал киргизилди")]),
            ("09:00", [("headline", "Тараздагы имаратка чабуул коюлду=2")]),
            ("09:15", [("headline", "Петропавлда интернет өчүрүлдү")]),
        ]
    )
    return timeline_from_segments(segs, date="2021-11-02", source="Example.kg")


def _offsets(ax, gid):
    return sum(len(c.get_offsets()) for c in ax.collections if c.get_gid() == gid)


def _texts(ax, gid):
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_timeline_one_marker_per_entry(table, lang):
    ax = plot_timeline(table, lang=lang)
    try:
        assert _offsets(ax, "entry") == len(table)
        # entry 2 also has arson: one small extra marker
        assert _offsets(ax, "more-types") == 2  # the entry and its update
        places = [t.get_text() for t in ax.get_yticklabels()]
        expected = {
            "en": ["Atyrau", "Taraz", "Petropavl"],
            "ru": ["Атырау", "Тараз", "Петропавловск"],
            "ky": ["Атырау", "Тараз", "Петропавл"],
        }[lang]
        assert places == expected
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert i18n.label("event.protest", lang) in legend
        assert i18n.label("update", lang) in legend
        assert _texts(ax, "source-note") == [f"{i18n.label('source', lang)}: Example.kg"]
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert ticks[0] == i18n.label("undated", lang)
        assert ticks[1:] == ["08:00", "08:30", "09:00", "09:15"]
    finally:
        plt.close(ax.figure)


def test_timeline_update_is_hollow(table):
    ax = plot_timeline(table)
    try:
        faces = []
        for c in ax.collections:
            if c.get_gid() == "entry":
                faces += [tuple(f) for f in c.get_facecolors()]
        assert sum(f[3] == 0 for f in faces) == 1
    finally:
        plt.close(ax.figure)


def test_map_sizes_places_by_entries(table):
    fig, ax = plt.subplots()
    try:
        out = plot_map(table, lang="ky", ax=ax)
        assert out is ax
        points = [c for c in ax.collections if c.get_gid() == "places"]
        assert len(points) == 1
        # Atyrau 2 entries, Taraz 1 (its update not counted), Petropavl 1
        assert len(points[0].get_offsets()) == 3
        sizes = list(points[0].get_sizes())
        assert sizes[0] == 2 * sizes[1] == 2 * sizes[2]
        labels = _texts(ax, "place-label")
        assert labels == ["Атырау (2)", "Тараз", "Петропавл"]
        assert any(p.get_gid() == "outline:KAZ" for p in ax.patches)
        assert _texts(ax, "source-note") == ["Булак: Example.kg; Natural Earth"]
    finally:
        plt.close(fig)


def test_plots_refuse_other_tables():
    with pytest.raises(InputError):
        plot_timeline(pd.DataFrame({"x": [1]}))
    with pytest.raises(InputError):
        plot_map(pd.DataFrame({"x": [1]}))


def test_seed_charts_draw_every_entry():
    from analysis import config
    from analysis.sources import load_raw
    from analysis.timeline import timeline_table

    seed = timeline_table(load_raw(config.SEED_RAW), date="2022-01-05")
    ax = plot_timeline(seed, lang="ky")
    try:
        assert _offsets(ax, "entry") == 11
    finally:
        plt.close(ax.figure)
    ax = plot_map(seed)
    try:
        # 8 places; the update of an earlier entry is not counted twice
        assert (
            len(_texts(ax, "place-label")) == seed.loc[seed["update_of"].isna(), "place"].nunique()
        )
        assert sum(ax.collections[-1].get_sizes()) == 60.0 * seed["update_of"].isna().sum()
    finally:
        plt.close(ax.figure)


# --- i18n -----------------------------------------------------------------------------


def test_label_languages_and_fallbacks():
    assert i18n.label("source", "ky") == "Булак"
    assert i18n.label("source", "ru") == "Источник"
    assert i18n.label("no.such.key", "ky") == "no.such.key"
    with pytest.raises(InputError):
        i18n.label("source", "de")


def test_every_event_type_is_translated():
    from analysis.timeline import EVENT_TYPES

    table = i18n.labels()
    for t in EVENT_TYPES:
        assert all(table[f"event.{t}"][lang] for lang in i18n.LANGS), t


def test_all_translation_files_are_merged(tmp_path):
    (tmp_path / "translations.csv").write_text("key,en,ru,ky\na,A,А,А\n", encoding="utf-8")
    (tmp_path / "translations_extra.csv").write_text(
        "key,en,ru,ky\nb,B,Б,Б\na,A,А,А\n", encoding="utf-8"
    )
    merged = i18n.labels(tmp_path)
    assert set(merged) == {"a", "b"}
    (tmp_path / "translations_zz.csv").write_text("key,en,ru,ky\na,X,Х,Х\n", encoding="utf-8")
    with pytest.raises(InputError, match="contradicts"):
        i18n.labels(tmp_path)
