"""The live-blog timeline: the seed, live blogs written here, the lexicon as data, the CLI."""

from __future__ import annotations

import io
import math
from contextlib import redirect_stderr, redirect_stdout

import pandas as pd
import pytest
from fixtures_segments import make_segments

from analysis import config
from analysis.cli import main
from analysis.sources import InputError, load_raw
from analysis.timeline import (
    COLUMNS,
    EVENT_TYPES,
    find_events,
    load_lexicon,
    timeline_from_segments,
    timeline_table,
)

BLOG = make_segments(
    [
        (None, [("sentence", "Өлкөдө абал курчуп баратат.")]),
        ("", [("headline", "Жаңаөзөндө митинг уланууда"), ("sentence", "Эл аянтка чогулду.")]),
        (
            "09:10",
            [
                ("headline", "Шымкентте акимчиликтин имаратына чабуул коюлду"),
                ("sentence", "Күбөлөр имараттан түтүн чыкканын айтышты."),
                ("tweet", "Горит здание в Таразе."),
            ],
        ),
        (
            "09:40",
            [
                ("headline", "Жаңылык"),
                ("sentence", "Атырауда уюлдук байланыш жана интернет үзгүлтүккө учурады."),
            ],
        ),
        (
            "10:05",
            [
                ("headline", "Тараздагы абал"),
                ("sentence", "Полиция менен митингчилер азырынча кагылыша элек."),
                ("sentence", "Эки өрт өчүрүүчү унаа келди."),
            ],
        ),
        (
            "10:20",
            [
                ("headline", "Кызылордада аскерлер митингчилер тарапка өткөнү айтылууда"),
                ("sentence", "Бул маалымат азырынча расмий тастыктала элек."),
            ],
        ),
        ("10:45", [("headline", "Шымкентте акимчиликтин имаратына чабуул коюлду=4")]),
        ("11:00", [("headline", "Павлодар облусунда өзгөчө кырдаал киргизилди")]),
    ]
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return timeline_from_segments(BLOG, date="2023-03-08", timezone="Asia/Almaty")


def test_one_row_per_entry_lead_excluded(table):
    assert list(table.columns) == COLUMNS
    assert table["entry_id"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert table["time"].tolist() == ["", "09:10", "09:40", "10:05", "10:20", "10:45", "11:00"]
    assert set(table["date"]) == {"2023-03-08"}
    assert table.attrs["timezone"] == "Asia/Almaty"


def test_places_regions_and_coordinates(table):
    assert table["place"].tolist() == [
        "Zhanaozen",
        "Shymkent",
        "Atyrau",
        "Taraz",
        "Kyzylorda",
        "Shymkent",
        "Pavlodar Region",
    ]
    assert table["region"].tolist()[:5] == [
        "Mangystau Region",
        "Shymkent",
        "Atyrau Region",
        "Jambyl Region",
        "Kyzylorda Region",
    ]
    assert table["lat"].between(40, 56).all() and table["lon"].between(46, 88).all()


def test_tweet_places_are_ignored(table):
    row = table.loc[table["entry_id"] == 2].iloc[0]
    assert row["places"] == "shymkent"  # the tweet names Taraz


def test_place_from_first_sentence_when_headline_has_none(table):
    assert table.loc[table["entry_id"] == 3, "place"].item() == "Atyrau"


def test_event_types(table):
    types = dict(zip(table["entry_id"], table["event_type"], strict=True))
    assert types[1] == "protest"
    assert set(types[2].split(";")) == {"attack_on_building", "arson"}
    assert types[3] == "communications_cut"
    # "кагылыша элек" (no clash yet) is negated; a fire engine is no arson
    assert set(types[4].split(";")) == {"protest"}
    assert types[7] == "state_of_emergency"
    for cell in table["event_type"]:
        assert set(cell.split(";")) <= set(EVENT_TYPES)


def test_unconfirmed_claims_are_marked(table):
    row = table.loc[table["entry_id"] == 5].iloc[0]
    assert "defection" in row["event_type"].split(";")
    assert row["unconfirmed"] == "defection"
    assert not row["confirmed"]
    assert table.loc[table["entry_id"] != 5, "confirmed"].all()


def test_update_points_at_earlier_entry(table):
    assert table["update_of"].tolist()[5] == 2
    assert table["update_of"].isna().sum() == len(table) - 1
    update = table.iloc[5]
    assert update["event_type"] == table.iloc[1]["event_type"]
    counted = table.loc[table["update_of"].isna()]
    assert counted["place"].value_counts()["Shymkent"] == 1


def test_offsets_span_the_entry(table):
    text_end = BLOG["end"].max()
    assert (table["start"] < table["end"]).all()
    assert table["end"].max() <= text_end
    assert table["start"].is_monotonic_increasing


def test_entry_without_place_and_without_date():
    segs = make_segments([(None, []), ("12:00", [("headline", "Абал туруктуу")])])
    out = timeline_from_segments(segs)
    assert out["place"].tolist() == [""] and math.isnan(out["lat"].iloc[0])
    assert out["event_type"].tolist() == ["other"]
    assert out["date"].tolist() == [""]
    assert out.attrs["timezone"] == ""


def test_bad_input_is_input_error():
    with pytest.raises(InputError, match="lack column"):
        timeline_from_segments(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(InputError, match="bad date"):
        timeline_from_segments(BLOG, date="8 March")


def test_find_events_longest_match_and_negation():
    fire = find_events("Эки өрт өчүрүүчү унаа өрттөлүп жок кылынды.")
    assert fire["event_type"].tolist() == ["arson"]  # "жок кылынды" is no negation
    assert not fire["negated"].any()
    clash = find_events("Кагылышуу болгон жок.")
    assert clash["negated"].all()
    ru = find_events("Столкновений не было, но был поджог.")
    assert ru.loc[~ru["negated"], "event_type"].tolist() == ["arson"]


def test_lexicon_is_data(tmp_path):
    lex = tmp_path / "events.yaml"
    lex.write_text(
        "events:\n  clash:\n    - тополоң\n  protest:\n    - жыйын\nhedges:\n  - дешет\n",
        encoding="utf-8",
    )
    hits = find_events("Шаарда тополоң чыгып, жыйын болду дешет.", path=lex)
    assert hits["event_type"].tolist() == ["clash", "protest"]
    assert hits["hedged"].all()
    assert load_lexicon(lex)["order"] == ["clash", "protest", "other"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n  riot:\n    - x\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown event type"):
        load_lexicon(bad)


# --- the seed article -----------------------------------------------------------------

SEED_ROWS = [
    ("", "Aktobe"),
    ("", "Semey"),
    ("14:30", "Kostanay"),
    ("14:50", "Almaty"),
    ("15:05", "Pavlodar"),
    ("15:18", "Almaty"),
    ("16:00", "Nur-Sultan"),
    ("16:15", "Aktau"),
    ("16:30", "Aktau"),
    ("16:30", "Ust-Kamenogorsk"),
    ("16:30", "Almaty"),
]


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return timeline_table(load_raw(config.SEED_RAW), date="2022-01-05", timezone="Asia/Bishkek")


def test_seed_entries_in_order(seed):
    assert list(zip(seed["time"], seed["place"], strict=True)) == SEED_ROWS
    assert seed["entry_id"].tolist() == list(range(1, 12))
    assert seed.loc[seed["place"] == "Semey", "region"].item() == "East Kazakhstan Region"


def test_seed_event_types(seed):
    types = [set(t.split(";")) for t in seed["event_type"]]
    assert {"attack_on_building", "defection", "transport_halted", "communications_cut"} <= types[0]
    assert "protest" in types[1]
    assert "attack_on_building" in types[3]
    assert "clash" not in types[4]  # "no clashes yet"
    assert "arson" in types[5] and "arson" in types[10]
    assert types[6] == {"state_of_emergency"}
    assert "disarmament" in types[7]
    assert seed["unconfirmed"].iloc[0] == "defection"
    assert seed["confirmed"].tolist() == [False] + [True] * 10


def test_seed_update(seed):
    assert seed["update_of"].tolist()[8] == 8
    assert seed["update_of"].notna().sum() == 1


def test_cli_prints_csv_with_date_from_metadata():
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["timeline", str(config.SEED_RAW)])
    assert status == 0
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 11
    assert set(frame["date"]) == {"2022-01-05"}


def test_cli_bad_input_one_line(tmp_path):
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        status = main(["timeline", str(tmp_path / "missing.txt")])
    assert status == 2
    assert len(err.getvalue().strip().splitlines()) == 1


RUSSIAN_BLOG = """Беспорядки: хроника дня

14:30 В Алматы протестующие ворвались в здание акимата
По данным полиции, задержаны 120 человек.

15:10 В Костанае отключили интернет
Мобильная связь не работает.

16:45 Пожар в здании прокуратуры в Таразе
Огнём уничтожены 7 автомобилей.

17:20 В Актюбинской области объявлен режим чрезвычайного положения
Аэропорт закрыт, рейсы отменены.

18:00 На площадь в Уральске вышли около 2 тысяч человек
Участники акции требуют отставки правительства. Столкновений не было.
"""


def test_russian_live_blog_on_the_timeline():
    table = timeline_table(RUSSIAN_BLOG)
    got = table[["time", "place", "region", "event_type"]].values.tolist()
    assert got == [
        ["", "", "", "other"],
        ["14:30", "Almaty", "Almaty", "attack_on_building;protest"],
        ["15:10", "Kostanay", "Kostanay Region", "communications_cut"],
        ["16:45", "Taraz", "Jambyl Region", "arson"],
        ["17:20", "Aktobe Region", "Aktobe Region", "state_of_emergency;transport_halted"],
        ["18:00", "Oral", "West Kazakhstan Region", "protest"],
    ]
