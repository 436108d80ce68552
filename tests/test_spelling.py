"""Web spellings of Kyrgyz words (analysis/spelling.py, resources/spelling.ky.yaml)."""

import pytest

from analysis.spelling import front_vowels, restore, restore_word


@pytest.mark.parametrize(
    "word, restored",
    [
        ("aдам", "адам"),  # Latin a
        ("жaбыркaды", "жабыркады"),
        ("пoлиция", "полиция"),
        ("олду", "өлдү"),
        ("коп", "көп"),
        ("ортто", "өрттө"),
        ("жургунчулордун", "жүргүнчүлөрдүн"),
        ("болумундо", "бөлүмүндө"),
        ("экоо", "экөө"),  # a collective number word
        ("торт", "төрт"),
        ("уч", "үч"),  # a bare number word wins over the verb root "уч" (fly)
        ("минге", "миңге"),  # ң for н
        ("жаны", "жаны"),  # his soul: a known stem (жан) with a suffix stays
    ],
)
def test_restore_word(word, restored):
    assert restore_word(word) == restored


@pytest.mark.parametrize(
    "word",
    [
        "тургундар",  # a back-vowel word is as written
        "куйду",  # poured, not күйдү (burned): the root куй is listed
        "олтурду",  # sat, not өлтүрдү (killed)
        "учту",  # flew: a known root with suffixes is no number word
        "окко",
        "covid",  # all Latin: no look-alike folding
        "осмонов",  # unknown both ways: as written
    ],
)
def test_known_or_unknown_words_stay(word):
    assert restore_word(word) == word


def test_restore_keeps_length_and_skips_number_suffixes():
    low = "кырсыкта уч адам олду, 25тен ашык киши 5-ке"
    out = restore(low)
    assert len(out) == len(low)
    assert out == "кырсыкта үч адам өлдү, 25тен ашык киши 5-ке"


def test_a_segment_with_kyrgyz_letters_is_not_refolded():
    assert restore("өрттөн кийин уч адам олду") == "өрттөн кийин уч адам олду"
    assert restore("өрттөн кийин уч aдам") == "өрттөн кийин уч адам"  # look-alikes still


def test_front_vowels():
    assert front_vowels("дон") == "дөн"
    assert front_vowels("у") == "ү"
