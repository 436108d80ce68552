"""The cleaner: the seed article, live blogs the tests build themselves, and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.clean import (
    SEGMENT_COLUMNS,
    clean_segments,
    detect_language,
    segment_languages,
    segments_to_text,
)
from analysis.sources import load_raw

# The seed's unique content in reading order (README gloss), as the start of each
# Kyrgyz segment. The 16:30 Aktau repeat is an update, not a new sentence.
SEED_ORDER = [
    "Казакстанда массалык нааразылык",
    "Бийлик буга чейин",
    "Тактап айтканда, алар суюлтулган",
    "Ошого карабастан Алматыда",
    "Kaktus.media коңшу өлкөдөгү",
    "5-январга карата 190 адам",
    "40 адам ооруканага",
    "Бул күндөрү Алматыда 33",
    "Алардын ичинен 16 милиция",
    "Ошондой эле милициянын эки модулдук",
    "Актөбөдө адамдар административдик",
    "Ошондой эле Актөбөдөгү полициянын",
    "Актөбөдө коомдук транспорттун",
    "Башка шаарлардагыдай эле",
    "Семейде митингдер башталат",
    "Чыгыш Казакстан облусунда да эл",
    "Бирок, ал жакта абал туруктуу",
    "Учурда Костанайдагы абал",
    "Ал ортодо Алматыда акимчиликке",
    "Эртең менен митингчилер",
    "Бирок, митингчилер Алматынын",
    "Митингующие ворвались в акимат",
    "Павлодарда да митинг",
    "Шаардын аянтына нааразы",
    "Алматыда имараттар күйүп",
    "Күбөлөр Алматы шаардык",
    "Түтүн акимчиликтин имаратынан",
    "Жоокер жарадар болгон",
    "Нур-Султанда өзгөчө кырдаал",
    "Ал арада борбор калаада",
    "Актауда да баары көзөмөлдөн чыгып кеткен",
    "Актаудагы митингдин күбөлөрү",
    "Усть-Каменогордо да тынчтык жок",
    "Алматыда президенттин резиденциясы",
    "Башкы беттеги сүрөт",
]


@pytest.fixture(scope="module")
def seed_raw() -> str:
    return load_raw(config.SEED_RAW)


@pytest.fixture(scope="module")
def seed(seed_raw):
    return clean_segments(seed_raw)


def test_seed_unique_content_once_in_order(seed):
    original = seed[seed["update_of"].isna()]
    texts = original["text"].tolist()
    positions = []
    for prefix in SEED_ORDER:
        hits = [i for i, t in enumerate(texts) if t.startswith(prefix)]
        assert len(hits) == 1, (prefix, hits)
        positions.append(hits[0])
    assert positions == sorted(positions)
    assert len(texts) == len(SEED_ORDER)


def test_seed_columns_and_spans(seed, seed_raw):
    assert list(seed.columns) == SEGMENT_COLUMNS
    for row in seed.itertuples():
        assert " ".join(seed_raw[row.start : row.end].split()) == row.text


def test_seed_no_glued_time_stamp(seed):
    assert not seed["text"].str.contains(r"\d{1,2}:\d\d[A-ZА-ЯӨҮҢ]").any()
    assert not seed["text"].str.contains(r"[а-яөүң]\d{1,2}:\d\d").any()


def test_seed_tweet_and_credit_are_separate(seed):
    tweet = seed[seed["kind"] == "tweet"].iloc[0]
    assert tweet["text"] == "Митингующие ворвались в акимат Алматы."
    assert (tweet["author"], tweet["handle"], tweet["posted"]) == (
        "Dinara",
        "DinaraOM",
        "January 5, 2022",
    )
    assert tweet["link"] == "pic.twitter.com/PSR1MAxZpY"
    assert tweet["lang"] == "ru"
    credit = seed[seed["kind"] == "credit"]
    assert credit["text"].tolist() == ["Башкы беттеги сүрөт Tengrinews.kz сайтынан алынды."]


def test_seed_entries_and_times(seed):
    times = seed.groupby("entry_id")["time"].first().tolist()
    assert times == [
        "",  # the lead
        "",
        "",
        "14:30",
        "14:50",
        "15:05",
        "15:18",
        "16:00",
        "16:15",
        "16:30",
        "16:30",
        "16:30",
    ]
    update = seed[seed["update_of"].notna()]
    assert len(update) == 1
    original = seed[seed["segment_id"] == update["update_of"].iloc[0]].iloc[0]
    assert original["time"] == "16:15"
    assert update["text"].iloc[0].endswith("кетти")


# --- live blogs the tests write themselves -------------------------------------------------

ENTRIES = [
    ("9:05", "Ошто жаңы көпүрө ачылды", ["Салтанатка жүздөй адам келди.", "Мэр сөз сүйлөдү."]),
    ("10:40", "Нарында кар көчкү жүрдү", ["Жол жабылды.", "Куткаруучулар иштеп жатышат."]),
    ("11:15", "Талас шаарында суу ташкыны", ["Үч үйдү суу каптады."]),
    ("12:00", "Бишкекте жыйын өттү", ["Жыйында 20:00дөн кийин да талкуу уланды.", "Эл тарады."]),
]


def _glued(entries) -> str:
    return "".join(f"{t}{h}{''.join(s)}" for t, h, s in entries)


def _scraped(lead: str, entries, *, nested=True) -> str:
    """A page as a scraper of nested blocks saves it: each block repeats the rest."""
    lines = [lead, _glued(entries)]
    if nested:
        for k in range(1, len(entries)):
            lines.append(_glued(entries[k:]))
        for _t, h, s in entries:
            lines.append(h)
            lines.extend(s)
    return "\n".join(lines) + "\n"


def _content(seg):
    return [(r.entry_id, r.kind, r.time, r.text) for r in seg.itertuples()]


def _expected(lead_sentences, entries):
    out = [(0, "sentence", "", s) for s in lead_sentences]
    for i, (t, h, body) in enumerate(entries, start=1):
        out.append((i, "headline", t, h))
        out.extend((i, "sentence", t, s) for s in body)
    return out


LEAD = "Өлкөдө аба ырайы бузулду. Бүгүн бир нече окуя катталды."


def test_variant_nested_duplicates_other_places_and_times():
    seg = clean_segments(_scraped(LEAD, ENTRIES))
    assert _content(seg) == _expected(LEAD.replace(". ", ".\n").split("\n"), ENTRIES)


def test_variant_one_digit_hour_and_clock_inside_sentence():
    seg = clean_segments(_scraped(LEAD, ENTRIES))
    assert seg.loc[seg["entry_id"] == 1, "time"].unique().tolist() == ["9:05"]
    assert "Жыйында 20:00дөн кийин да талкуу уланды." in seg["text"].tolist()


def test_variant_bom_and_windows_line_endings():
    raw = "\ufeff" + _scraped(LEAD, ENTRIES).replace("\n", "\r\n")
    seg = clean_segments(raw)
    assert _content(seg) == _expected(LEAD.replace(". ", ".\n").split("\n"), ENTRIES)
    for row in seg.itertuples():
        assert " ".join(raw[row.start : row.end].split()) == row.text
        assert "\ufeff" not in row.text


def test_variant_spaced_stamps_at_line_start():
    raw = "\n".join(f"{t} — {h}\n{' '.join(s)}" for t, h, s in ENTRIES) + "\n"
    seg = clean_segments(raw)
    assert _content(seg) == _expected([], ENTRIES)


def test_variant_stamp_alone_on_its_line():
    raw = "\n".join(f"{t}\n{h}\n{' '.join(s)}\n" for t, h, s in ENTRIES)
    seg = clean_segments(raw)
    assert _content(seg) == _expected([], ENTRIES)


def test_variant_reposted_entry_is_an_update():
    t, h, body = ENTRIES[1]
    changed = h.replace("жүрдү", "жүргөн")
    entries = [*ENTRIES, ("13:20", changed, body)]
    seg = clean_segments(_scraped(LEAD, entries))
    update = seg[seg["update_of"].notna()]
    assert update["text"].tolist() == [changed]
    assert update["time"].tolist() == ["13:20"]
    target = seg.set_index("segment_id").loc[update["update_of"].iloc[0]]
    assert (target["text"], target["time"]) == (h, t)
    # the repeated body is not counted twice
    assert seg["text"].tolist().count(body[0]) == 1


def test_variant_repeated_sentence_in_a_new_entry_is_kept():
    entries = [
        ("8:00", "Жалал-Абадда жаан жаады", ["Абал туруктуу.", "Жолдор ачык."]),
        ("8:30", "Баткенде шамал күчөдү", ["Абал туруктуу.", "Мектептер иштейт."]),
    ]
    seg = clean_segments(_scraped(LEAD, entries))
    assert seg["text"].tolist().count("Абал туруктуу.") == 2


def test_variant_tweet_in_russian_and_credit():
    raw = (
        "10:00Ошто митинг башталдыАянтка эл чогулду.Люди вышли на площадь. "
        "pic.twitter.com/AbCdEf12— Айгерим (@aigerim_kg) 12 марта 2023 г.10:30"
        "Абал тынчтыкЭл тарай баштады.\nФото: Kloop.kg\n"
    )
    seg = clean_segments(raw)
    tweet = seg[seg["kind"] == "tweet"].iloc[0]
    assert tweet["text"] == "Люди вышли на площадь."
    assert (tweet["handle"], tweet["posted"], tweet["lang"]) == (
        "aigerim_kg",
        "12 марта 2023 г.",
        "ru",
    )
    assert seg.loc[seg["kind"] == "credit", "text"].tolist() == ["Фото: Kloop.kg"]
    assert seg["time"].tolist() == ["10:00", "10:00", "10:00", "10:30", "10:30", "10:30"]


def test_dates_and_sentence_clock_times_do_not_split():
    raw = (
        "Митинг 19:40та башталып, 5-январга чейин созулду. Жыйын 2022-жылы January 5, 2022 болду.\n"
    )
    seg = clean_segments(raw)
    assert seg["kind"].tolist() == ["sentence", "sentence"]
    assert seg["time"].tolist() == ["", ""]


def test_abbreviation_and_initial_do_not_end_a_sentence():
    seg = clean_segments("Ага А. Мамин жана т.б. катышты. Андан кийин жыйын бүттү.\n")
    assert len(seg) == 2


@pytest.mark.parametrize("marker", ["в т.ч.", "в т. ч.", "т.е.", "в 14 ч."])
def test_russian_abbreviations_do_not_end_a_sentence(marker):
    seg = clean_segments(f"Пострадали 9 человек, {marker} 3 ребенка. Остальные дома.\n")
    assert len(seg) == 2


@pytest.mark.parametrize(
    "text",
    [
        "В с. Ак-Суу задержаны 4 человека. Их доставили в отдел.",
        "Пострадали ок. 20 человек, по ст. 234 возбуждено дело. Следствие идет.",
        "В мкр. Восток и на пр. Мира перекрыто движение. Пробки растут.",
        "Талас обл. 6 киши кармалды. Тергөө жүрүп жатат.",
        "Ноокат ш. Ленин к. 3 үй күйүп кетти. Өрт өчүрүлдү.",
    ],
)
def test_abbreviations_before_a_place_or_number_do_not_end_a_sentence(text):
    assert len(clean_segments(text + "\n")) == 2


def test_empty_text_gives_empty_table():
    seg = clean_segments("   \n\n")
    assert seg.empty and list(seg.columns) == SEGMENT_COLUMNS


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Бүгүн шаарда митинг өттү жана эл көп болду.", "ky"),
        ("Сегодня в городе прошел митинг, и людей было много.", "ru"),
        ("Protesters gathered in the city on Wednesday.", "en"),
        ("12345", "und"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a named official and an acronym are no evidence: the words around them decide
        ("Министр Асанов: пострадавших нет.", "ru"),
        ("Глава ДЧС Ержан Сапаров: пострадавших восемь.", "ru"),
        ("Аким Бакыт Асанов: беш адам жабыркады.", "ky"),
        ("ИИМ: шаарда эки киши кармалды.", "ky"),
        ("ЗАДЕРЖАНЫ ДВАДЦАТЬ ЧЕЛОВЕК, ИДЕТ СЛЕДСТВИЕ", "ru"),  # a headline in capitals
        # Kyrgyz letters in a name or place are no evidence of Kyrgyz either
        ("В с.Кара-Көл погибли трое.", "ru"),
        ("Депутат Түмөнбаев заявил, что ранены 9 человек.", "ru"),
        ("Жети-Өгүз районунда үч киши жабыркады.", "ky"),
        ("Өрттөн 3 киши каза болду.", "ky"),  # a common word opening the sentence counts
    ],
)
def test_names_and_acronyms_do_not_decide_the_language(text, lang):
    assert detect_language(text) == lang


def test_kyrgyz_verb_forms_outweigh_russian_guesses():
    """Russian morphology guesses a word for "болду"; a past of a Kyrgyz verb root is Kyrgyz,
    so a short sentence typed without Kyrgyz letters is not sent to the Russian reader."""
    texts = ["Бишкекте митинг болду.", "По данным МВД, задержаны 15 человек."]
    assert segment_languages(texts) == ["ky", "ru"]
    assert detect_language("Кырсыкта уч адам олду.") == "ky"
    # a number's suffix (20дан) is no word, and a Kyrgyz present (ашат) no Russian one
    assert detect_language("Саны 20дан ашат.") == "ky"
    assert detect_language("Погибла 60-летняя пенсионерка.") == "ru"
    assert detect_language("Он берет деньги и уходит.") == "ru"


# --- properties ------------------------------------------------------------------------------

WORDS = [
    "шаар", "эл", "жол", "суу", "үй", "мектеп", "базар", "көчө", "аянт", "дарыя", "тоо", "айыл",
    "жаштар", "мугалим", "дыйкан", "жумушчу", "кыш", "жай", "жаан", "кар", "күн", "түн", "жаңы",
    "эски", "чоң", "кичине", "көп", "аз", "тез", "жай", "келди", "кетти", "ачылды", "жабылды",
    "башталды", "бүттү", "өттү", "токтоду", "уланды", "көрүндү",
]  # fmt: skip

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw, punct="."):
    words = draw(st.lists(word, min_size=3, max_size=8))
    tag = draw(st.integers(0, 10**6))
    return f"{words[0].capitalize()} {' '.join(words[1:])} {tag}-{words[-1]}{punct}"


@st.composite
def live_blog(draw):
    n = draw(st.integers(1, 5))
    times = sorted(draw(st.lists(st.integers(6 * 60, 23 * 60), min_size=n, max_size=n)))
    entries = []
    for m in times:
        head = draw(sentence(punct=""))
        body = draw(st.lists(sentence(), min_size=1, max_size=3))
        entries.append((f"{m // 60}:{m % 60:02d}", head, body))
    lead = draw(st.lists(sentence(), min_size=0, max_size=2))
    return " ".join(lead), entries


def _unique_input(lead, entries) -> bool:
    texts = [
        *re.split(r"(?<=\.) ", lead),
        *(h for _t, h, _s in entries),
        *(s for e in entries for s in e[2]),
    ]
    return len(set(texts)) == len(texts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(live_blog(), st.booleans(), st.booleans())
def test_property_no_sentence_lost_and_spans_point_at_text(blog, nested, crlf):
    lead, entries = blog
    raw = _scraped(lead, entries, nested=nested)
    if crlf:
        raw = raw.replace("\n", "\r\n")
    seg = clean_segments(raw)
    texts = seg["text"].tolist()
    for _t, h, body in entries:
        assert h in texts
        for s in body:
            assert s in texts
    for row in seg.itertuples():
        assert " ".join(raw[row.start : row.end].split()) == row.text
    if _unique_input(lead, entries):
        assert len(texts) == len(set(texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(live_blog())
def test_property_cleaning_its_own_output_changes_nothing(blog):
    lead, entries = blog
    first = clean_segments(_scraped(lead, entries))
    again = clean_segments(segments_to_text(first))
    cols = ["entry_id", "kind", "time", "lang", "text", "update_of", "handle", "posted"]
    assert again[cols].equals(first[cols])


@pytest.mark.parametrize("text", ["Митинг: 300 киши.", "Акция. 500 адам.", "Бала 3 жашта."])
def test_kyrgyz_words_the_russian_dictionary_also_lists_are_kyrgyz(text):
    """``адам`` (a name in Russian) and ``киши`` (a Russian imperative) beside a loanword
    (``митинг``) make no Russian line."""
    assert detect_language(text) == "ky"


@pytest.mark.parametrize(
    "text",
    [
        "Десятки ранены.",
        "110 человек эвакуировали.",
        "Там сгорели около 10 автомобилей.",
        # a known prefix before a word the dictionary knows is Russian (нарко + курьеров)
        "Задержаны 12 наркокурьеров.",
        "Итог дня: 9 пострад., 2 погибших.",
        # a lone participle, the tally of a news channel's line
        "Пострадавших 12.",
        "ДТП: 2 погибших.",
    ],
)
def test_short_russian_sentence_without_function_words_is_russian(text):
    assert detect_language(text) == "ru"


def test_a_lone_russian_predicate_decides_its_line():
    # "Погибли 5." has one word: a verb Russian knows decides, a lone name does not
    assert segment_languages(["Погибли 5.", "Ранены 3."]) == ["ru", "ru"]
    assert detect_language("Кармалды 14.") == "ky"


def test_segment_without_evidence_takes_its_neighbours_language():
    ru = "Сегодня в городе прошел митинг, и людей было много.\nАлматы.\nПолиция на месте.\n"
    ky = "Бүгүн шаарда митинг өттү жана эл көп болду.\nАлматы.\nАлар үйгө кетишти.\n"
    assert clean_segments(ru)["lang"].tolist() == ["ru", "ru", "ru"]
    assert clean_segments(ky)["lang"].tolist() == ["ky", "ky", "ky"]


@pytest.mark.parametrize(
    "raw, texts",
    [
        # A sentence broken at its number: the noun goes on on the next line.
        ("Өрттөн 14\nкиши жабыркады. Тергөө жүрүп жатат.\n", ["Өрттөн 14 киши жабыркады."]),
        ("Задержаны 7\r\nучастников драки.\n", ["Задержаны 7 участников драки."]),
        # Two words on two lines, as a page wraps a paragraph.
        ("Суу ташкынынан үч үй\nталкаланды.\n", ["Суу ташкынынан үч үй талкаланды."]),
    ],
)
def test_a_line_wrapped_inside_a_sentence_is_one_segment(raw, texts):
    seg = clean_segments(raw)
    assert seg["text"].tolist()[: len(texts)] == texts
    row = seg.iloc[0]
    assert " ".join(raw[row.start : row.end].split()) == row.text


@pytest.mark.parametrize(
    "raw",
    [
        "Митинг башталды.\nкийинки маалымат күтүлүүдө.\n",  # a mark ends the line
        "Эл көчөгө чыкты\nЖыйын саат 15те бүттү.\n",  # the next line opens in capitals
        "Ошто 5 адам кармалды:\n- алардын экөө аял.\n",  # a list item
    ],
)
def test_a_line_that_ends_its_sentence_is_not_joined(raw):
    seg = clean_segments(raw)
    assert len(seg) == 2


def test_a_time_stamp_alone_on_its_line_wraps_nothing():
    seg = clean_segments("14:30\nшаарда митинг башталды.\n")
    assert seg[["time", "text"]].values.tolist() == [["14:30", "шаарда митинг башталды."]]
