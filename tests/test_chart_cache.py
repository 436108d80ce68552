"""The build's chart cache: same bytes as drawing, off by default, safe when changed or corrupt."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from matplotlib.axes import Axes

from analysis import chart_cache, config, report
from analysis.plots import plot_injuries, plot_map, plot_timeline
from analysis.publish import read_published

PROCESSED = config.ROOT / "data" / "processed" / "kazakhstan-unrest-2022-01-05"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_published(PROCESSED)["tables"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The chart cache on, as the build turns it on in its kernels (this build's folder first)."""
    folders = [tmp_path / "this", tmp_path / "last"]
    monkeypatch.setenv(chart_cache.ENV_DIRS, os.pathsep.join(str(f) for f in folders))
    monkeypatch.setenv(chart_cache.ENV_SALT, "fingerprint")
    return folders


def _drawn(fn, data, **kw) -> report.Chart:
    return report.chart(fn(data, **kw))


def test_off_by_default_charts_are_axes(tables, monkeypatch):
    monkeypatch.delenv(chart_cache.ENV_DIRS, raising=False)
    ax = plot_injuries(tables["injuries"], lang="ky")
    assert isinstance(ax, Axes)
    report.chart(ax)


def test_cached_chart_has_the_bytes_of_a_drawn_one(tables, cache, monkeypatch):
    cases = [
        (plot_injuries, tables["injuries"], {"lang": "ru", "source": "Kaktus.media"}),
        (plot_timeline, tables["timeline"], {"lang": "ky"}),
        (plot_map, tables["timeline"], {"lang": "en"}),
    ]
    first = [_drawn(fn, data, **kw) for fn, data, kw in cases]  # drawn, then stored
    assert len(list(cache[0].glob("*.chart"))) == 3
    again = [_drawn(fn, data, **kw) for fn, data, kw in cases]  # from the cache
    monkeypatch.delenv(chart_cache.ENV_DIRS)
    plain = [_drawn(fn, data, **kw) for fn, data, kw in cases]  # no cache at all
    for a, b, c in zip(first, again, plain, strict=True):
        assert a.png == b.png == c.png and a.alt == b.alt == c.alt
        assert a.png.startswith(b"\x89PNG")


def test_key_follows_data_language_source_and_salt(tables, cache, monkeypatch):
    data = tables["injuries"]
    key = plot_injuries(data, lang="en").key
    assert plot_injuries(data.copy(), lang="en").key == key
    assert plot_injuries(data, lang="ru").key != key
    assert plot_injuries(data, lang="en", source="X").key != key
    changed = data.copy()
    changed.loc[changed.index[0], "value"] = 999
    assert plot_injuries(changed, lang="en").key != key
    monkeypatch.setenv(chart_cache.ENV_SALT, "other code")
    assert plot_injuries(data, lang="en").key != key


def test_chart_changed_after_its_function_is_neither_cached_nor_taken(tables, cache):
    ax = plot_injuries(tables["injuries"], lang="en")
    ax.set_title("changed by hand", loc="left")  # draws it: a real Axes from now on
    shown = report.chart(ax)
    assert shown.alt.startswith("changed by hand")
    assert not list(cache[0].glob("*.chart"))
    plain = report.chart(plot_injuries(tables["injuries"], lang="en"))
    assert not plain.alt.startswith("changed by hand")


def test_data_changed_after_the_call_does_not_change_the_chart(tables, cache, monkeypatch):
    data = tables["injuries"].copy()
    ax = plot_injuries(data, lang="en")
    data.loc[data.index[0], "value"] = 999  # the lazy chart was drawn from a copy
    late = report.chart(ax)
    monkeypatch.delenv(chart_cache.ENV_DIRS)
    assert late.png == report.chart(plot_injuries(tables["injuries"], lang="en")).png


def test_corrupt_entry_is_drawn_again_and_last_builds_entry_is_kept(tables, cache):
    good = _drawn(plot_injuries, tables["injuries"], lang="en")
    (entry,) = cache[0].glob("*.chart")
    entry.write_bytes(entry.read_bytes()[:-10])  # cut short
    assert _drawn(plot_injuries, tables["injuries"], lang="en").png == good.png
    assert chart_cache.load(plot_injuries(tables["injuries"], lang="en").key, 110) is not None
    entry.write_bytes(b"not a chart")
    assert _drawn(plot_injuries, tables["injuries"], lang="en").png == good.png
    # found only in the last build's folder: taken, and kept in this build's
    cache[1].mkdir()
    entry.rename(cache[1] / entry.name)
    (cache[1] / entry.name).write_bytes(chart_cache._MAGIC + b"x")
    assert _drawn(plot_injuries, tables["injuries"], lang="en").png == good.png
    moved = next(cache[0].glob("*.chart"))
    moved.rename(cache[1] / entry.name)
    assert _drawn(plot_injuries, tables["injuries"], lang="en").png == good.png
    assert (cache[0] / entry.name).exists()


def test_key_follows_drawing_settings_but_not_interactive_mode(tables, cache, monkeypatch):
    """pyplot turns interactive mode on at a kernel's first figure: the charts drawn before
    and after it are the same, and so are their keys; a setting that changes the drawing
    changes the key."""
    data = tables["injuries"]
    monkeypatch.setitem(matplotlib.rcParams, "interactive", False)
    key = plot_injuries(data, lang="en").key
    monkeypatch.setitem(matplotlib.rcParams, "interactive", True)
    assert plot_injuries(data, lang="en").key == key
    monkeypatch.setitem(matplotlib.rcParams, "font.size", matplotlib.rcParams["font.size"] + 1)
    assert plot_injuries(data, lang="en").key != key
