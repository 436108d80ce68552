"""Chart and table labels in Kyrgyz, Russian and English.

Translations are data: every ``analysis/resources/translations*.csv`` file
(columns ``key,en,ru,ky``) is read and merged, so a topic can ship its own
``translations_<topic>.csv`` without touching the others. A key defined twice
with different text is an error, so two files cannot silently disagree.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from analysis.config import RESOURCES
from analysis.sources import InputError

__all__ = ["LANGS", "label", "labels", "no_figures_note", "source_note"]

#: Languages every translation file provides, in column order.
LANGS = ("en", "ru", "ky")


def _read_file(path: Path) -> dict[str, dict[str, str]]:
    """Rows of one translations file keyed by ``key``."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"key", *LANGS} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path.name}: missing column(s) {', '.join(sorted(missing))}")
        out: dict[str, dict[str, str]] = {}
        for row in reader:
            key = (row["key"] or "").strip()
            if not key or key.startswith("#"):
                continue
            if key in out:
                raise InputError(f"{path.name}: key {key!r} is defined twice")
            out[key] = {lang: (row[lang] or "").strip() for lang in LANGS}
        return out


def labels(directory: Path = RESOURCES) -> dict[str, dict[str, str]]:
    """All translations found in ``directory``.

    Parameters
    ----------
    directory : Path
        Folder holding ``translations*.csv`` files (the package resources by default).

    Returns
    -------
    dict
        ``{key: {"en": ..., "ru": ..., "ky": ...}}`` merged over all files,
        read in name order.

    Raises
    ------
    InputError
        If a file lacks a column or two files give a key different texts.
    """
    files = sorted(Path(directory).glob("translations*.csv"))
    # the cache key includes each file's size and time, so an added or edited file is seen
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _merged(signature)


@cache
def _merged(signature: tuple[tuple[str, int, int], ...]) -> dict[str, dict[str, str]]:
    """Merged translations of the files in ``signature``."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for name, _, _ in signature:
        path = Path(name)
        for key, texts in _read_file(path).items():
            if key in merged and merged[key] != texts:
                raise InputError(
                    f"{path.name}: key {key!r} contradicts its definition in {origin[key]}"
                )
            merged[key] = texts
            origin.setdefault(key, path.name)
    return merged


def label(key: str, lang: str = "en") -> str:
    """Text of ``key`` in ``lang``; falls back to English, then to the key itself."""
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    texts = labels().get(key)
    if texts is None:
        return key
    return texts.get(lang) or texts.get("en") or key


def source_note(ax, source: str, lang: str = "en", *, fontsize: float = 7.0):
    """Write "Source: X" (translated) at the lower right, under the chart's x-axis label.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart to annotate.
    source : str
        Name of the source as it should be printed (not translated).
    lang : str
        ``"en"``, ``"ru"`` or ``"ky"``.
    fontsize : float
        Font size of the note in points.

    Returns
    -------
    matplotlib.text.Text
        The note, with gid ``"source-note"`` so tests and styles can find it.
    """
    text = f"{label('source', lang)}: {source}"
    # anchored under the x-axis label, whose place is known only at draw time,
    # so rotated tick labels never overlap the note
    note = ax.annotate(
        text,
        xy=(1.0, 0.0),
        xycoords=("axes fraction", ax.xaxis.label),
        xytext=(0, -6),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=fontsize,
        color="0.35",
        annotation_clip=False,
    )
    note.set_gid("source-note")
    return note


def no_figures_note(ax, lang: str = "en"):
    """An empty chart: "no figures" (translated) in the middle of ``ax``, no axes drawn.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, so that a chart function can ``return no_figures_note(ax, lang)``.
    """
    ax.text(
        0.5,
        0.5,
        label("report.no_figures", lang),
        ha="center",
        va="center",
        transform=ax.transAxes,
    )
    ax.set_axis_off()
    return ax
