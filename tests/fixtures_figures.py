"""Hand-made figures frames shaped like ``analysis.figures.extract_figures`` output.

The numbers mirror what the seed article states (see ``shared/seed/README.md``);
quotes are short English stand-ins, spans are made up but consistent.
Approximate figures use [0.9n, 1.1n] and "several thousand" [2000, 9000] here;
the checks only read ``low``/``high``, whatever rule the extractor uses.
"""

from __future__ import annotations

import pandas as pd

from analysis.tables import EXTRACTOR_COLUMNS as TABLES_EXTRACTOR_COLUMNS

#: The extractor's contract (analysis.tables) plus the flag the tables stage sets.
EXTRACTOR_COLUMNS = [*TABLES_EXTRACTOR_COLUMNS, "derived"]

NA = pd.NA


def make_figures(rows: list[tuple], as_of: str = "2022-01-05") -> pd.DataFrame:
    """Frame from (id, segment, measure, group, value, low, high, qualifier, place, parent, quote)."""
    recs = []
    pos = 0
    for fid, seg, measure, group, value, low, high, qual, place, parent, quote in rows:
        recs.append(
            {
                "figure_id": fid,
                "segment_id": seg,
                "measure": measure,
                "group": group,
                "value": value,
                "low": low,
                "high": high,
                "qualifier": qual,
                "place": place,
                "as_of": as_of,
                "parent_id": parent,
                "quote": quote,
                "start": pos,
                "end": pos + len(quote),
                "derived": False,
            }
        )
        pos += len(quote) + 1
    df = pd.DataFrame(recs, columns=EXTRACTOR_COLUMNS)
    for c in ("value", "low", "high"):
        df[c] = df[c].astype("Int64")
    for c in ("segment_id", "start", "end"):
        df[c] = df[c].astype("int64")
    df["derived"] = df["derived"].astype(bool)
    return df


def exact(fid, seg, measure, group, n, place="", parent="", quote=None):
    """An exact figure row."""
    return (fid, seg, measure, group, n, n, n, "exact", place, parent, quote or f"{n} {group}")


def seed_figures() -> pd.DataFrame:
    """What the extractor reads from the seed article (places are gazetteer ids).

    Like the extractor, only the sentence with the date ("as of 5 January") has ``as_of``.
    """
    df = make_figures(
        [
            exact("F001", 3, "injured", "total", 190, "almaty", quote="190 people were injured"),
            exact(
                "F002", 3, "injured", "police", 137, "almaty", "F001", quote="137 police officers"
            ),
            exact("F003", 3, "injured", "civilians", 53, "almaty", "F001", quote="53 residents"),
            exact(
                "F004",
                4,
                "hospitalized",
                "total",
                40,
                "almaty",
                quote="40 people were hospitalized",
            ),
            exact(
                "F005", 4, "intensive_care", "total", 7, "almaty", quote="seven in intensive care"
            ),
            exact("F006", 4, "intensive_care", "police", 4, "almaty", "F005", quote="four police"),
            exact("F007", 5, "vehicles_destroyed", "total", 33, "almaty", quote="33 vehicles"),
            exact("F008", 6, "vehicles_destroyed", "police_car", 16, "almaty", "F007"),
            exact("F009", 6, "vehicles_destroyed", "ambulance", 7, "almaty", "F007"),
            exact("F010", 6, "vehicles_destroyed", "fire_engine", 2, "almaty", "F007"),
            exact("F011", 6, "vehicles_destroyed", "truck", 7, "almaty", "F007"),
            exact("F012", 6, "vehicles_destroyed", "fuel_tanker", 1, "almaty", "F007"),
            exact("F013", 7, "buildings_destroyed", "police_post", 2, "almaty"),
            (
                "F014",
                7,
                "businesses_affected",
                "total",
                300,
                270,
                330,
                "approx",
                "almaty",
                "",
                "nearly 300 businesses",
            ),
            exact("F015", 7, "businesses_affected", "shop", 120, "almaty", "F014", "120 shops"),
            (
                "F016",
                7,
                "businesses_affected",
                "office",
                100,
                101,
                NA,
                "more_than",
                "almaty",
                "F014",
                "more than 100 offices",
            ),
            exact("F017", 7, "businesses_affected", "catering", 80, "almaty", "F014"),
            (
                "F018",
                15,
                "crowd_size",
                "total",
                1000,
                2000,
                9000,
                "several",
                "pavlodar",
                "",
                "several thousand people",
            ),
        ]
    )
    df.loc[~df["figure_id"].isin(["F001", "F002", "F003"]), "as_of"] = ""
    return df
