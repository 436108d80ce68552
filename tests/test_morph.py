"""The Kyrgyz word analysis: forms generated from stems analyse back to stem and tags."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.config import resource
from analysis.morph import analyse, inflect, is_verb_root


@pytest.mark.parametrize(
    ("word", "stem", "tags"),
    [
        ("кармалгандардын", "карма", ("PASS", "PTCP", "PL", "GEN")),  # карма-л-ган-дар-дын
        ("жаткырылып", "жат", ("CAUS", "PASS", "CONV")),  # жат-кыр-ыл-ып
        ("кызматкерлеринин", "кызматкер", ("PL", "P3", "GEN")),
        ("баласына", "бала", ("P3", "DAT")),
        ("табылды", "тап", ("PASS", "PAST")),  # stem-final п voiced before a vowel
        ("дарыланууда", "дарыла", ("REFL", "VN", "LOC")),
        ("айылдагы", "айыл", ("ATTR",)),
        ("мектептеги", "мектеп", ("ATTR",)),  # -тагы/-теги after a voiceless consonant
        ("кызматтагы", "кызмат", ("ATTR",)),
        ("болуптур", "бол", ("EVID",)),  # the evidential past
        ("тоноло", "тоно", ("PASS", "CONVA")),  # the converb in -а/-й (тоноло баштады)
        ("алгандыгы", "ал", ("PTCP", "LIK", "P3")),  # -дык voiced before a vowel
        ("кыргызстандык", "кыргызстан", ("LIK",)),
        ("экинчиси", "эки", ("ORD", "P3")),
        ("миңдей", "миң", ("APPROX",)),
        ("таап", "тап", ("CONV",)),  # irregular, from the data file
        ("балам", "бала", ("P1SGN",)),  # my child: the first-person possessive of a noun
        ("уулум", "уул", ("P1SGN",)),
        ("агамдын", "ага", ("P1SGN", "GEN")),
        ("болчу", "бол", ("HAB",)),  # was (a finite past), right after the root
        # the verbal noun merged with a root's last vowel (contraction in the data file)
        ("кармоо", "карма", ("VN",)),
        ("суроодо", "сура", ("VN", "LOC")),
        ("дарылоодо", "дарыла", ("VN", "LOC")),
        ("кармоосу", "карма", ("VN", "P3")),
    ],
)
def test_known_words(word, stem, tags):
    assert (stem, tags) in {(a.stem, a.tags) for a in analyse(word)}


def test_harmony_and_assimilation_are_checked_not_guessed():
    # "адамга" is the dative; "адамка" breaks assimilation and is no dative of адам
    assert ("адам", ("DAT",)) in {(a.stem, a.tags) for a in analyse("адамга")}
    assert ("адам", ("DAT",)) not in {(a.stem, a.tags) for a in analyse("адамка")}
    # a case after the 3rd person possessive takes its own form: баласына, not баласыга
    assert ("бала", ("P3", "DAT")) not in {(a.stem, a.tags) for a in analyse("баласыга")}


def test_the_bare_word_is_always_a_reading_and_verbs_need_known_roots():
    assert analyse("жаракат")[0].tags == ()
    assert all(not a.verbal for a in analyse("жаракат"))  # a noun, though -ат ends verbs
    assert is_verb_root("карма") and not is_verb_root("адам")


def test_ablative_after_the_possessive_is_nan():
    # "кырсыктын кесепетинен" (as a result of the crash): -нАн after the 3rd person possessive
    for word, stem in (("кесепетинен", "кесепет"), ("үйүнөн", "үй"), ("жеринен", "жер")):
        assert (stem, ("P3", "ABL")) in {(a.stem, a.tags) for a in analyse(word)}, word


def test_unknown_roots_are_read_from_endings_only_verbs_take():
    # "кагыш" is listed; "сүйрө" (to drag) is not: its converb and participle still read
    assert any(a.verbal and a.tags == ("PASS", "PTCP") for a in analyse("сүйрөлгөн"))
    assert not any(a.verbal for a in analyse("маалымат"))


_NOUNS = ["адам", "бала", "кызматкер", "үй", "жаран", "аскер", "оорукана", "шаар", "көчө", "күн"]
_NOUN_CHAINS = [
    (),
    ("PL",),
    ("P3",),
    ("GEN",),
    ("DAT",),
    ("LOC",),
    ("ABL",),
    ("ACC",),
    ("PL", "GEN"),
    ("PL", "P3"),
    ("PL", "P3", "GEN"),
    ("P3", "DAT"),
    ("P3", "LOC"),
    ("P3", "ABL"),
    ("P3", "ACC"),
    ("PL", "DAT"),
    ("ATTR",),
]
_VERB_CHAINS = [
    ("PAST",),
    ("PASS", "PAST"),
    ("CONV",),
    ("PASS", "CONV"),
    ("PTCP",),
    ("PASS", "PTCP", "PL", "GEN"),
    ("PTCP", "P3", "ACC"),
    ("RECP", "PAST"),
    ("PRES",),
    ("COND",),
]
_ROOTS = sorted(
    r
    for r in yaml.safe_load(resource("morphology.ky.yaml").read_text("utf-8"))["verb_roots"]
    if " " not in str(r)
)


@settings(max_examples=300, derandomize=True)
@given(stem=st.sampled_from(_NOUNS), tags=st.sampled_from(_NOUN_CHAINS))
def test_generated_noun_forms_analyse_back(stem, tags):
    word = inflect(stem, tags)
    assert (stem, tags) in {(a.stem, a.tags) for a in analyse(word)}, word


@settings(max_examples=300, derandomize=True)
@given(root=st.sampled_from(_ROOTS), tags=st.sampled_from(_VERB_CHAINS))
def test_generated_verb_forms_analyse_back(root, tags):
    word = inflect(root, tags)
    assert (root, tags) in {(a.stem, a.tags) for a in analyse(word)}, word


def test_lexicon_verbs_are_roots_of_the_word_analysis():
    lex = yaml.safe_load(resource("lexicon.ky.yaml").read_text("utf-8"))
    roots = {p.split()[-1] for ps in lex["verbs"].values() for p in ps}
    roots |= {v.split()[-1] for fr in lex["frames"].values() for s in fr for v in s["verbs"] if v}
    assert {r for r in roots if not is_verb_root(r)} == set()


def test_postpositions_are_read_as_such():
    # "иштегени үчүн" (for working): the word after a verbal noun is a postposition, while
    # the number word inside it keeps its own reading ("үчүн" as "its three" too)
    assert ("үчүн", ("POSTP",)) in {(a.stem, a.tags) for a in analyse("үчүн")}
    assert all(a.tags != ("POSTP",) for a in analyse("үчтүн"))
    assert all(a.tags != ("POSTP",) for a in analyse("адам"))


def test_person_endings_follow_only_their_forms():
    # "-к" (we) follows the past and the conditional, "-быз" the present: "турак" (турак
    # жай, housing) and "казак" are no verb forms, while "алдык", "алсак", "алабыз" are
    assert all(not a.verbal for a in analyse("турак"))
    assert all(not a.verbal for a in analyse("казак"))
    assert ("ал", ("PAST", "P1PLV")) in {(a.stem, a.tags) for a in analyse("алдык")}
    assert ("ал", ("COND", "P1PLV")) in {(a.stem, a.tags) for a in analyse("алсак")}
    assert ("ал", ("CONVA", "P1PLA")) in {(a.stem, a.tags) for a in analyse("алабыз")}


def test_the_habitual_past_follows_the_root_only():
    # "жумушчу" (worker) is no жум-уш-чу, "кароолчу" (guard) no кароо-л-чу
    assert all(not a.has("HAB") for a in analyse("жумушчу"))
    assert all(not a.has("HAB") for a in analyse("кароолчу"))


def test_a_loanwords_voiced_last_letter_may_take_a_voiceless_suffix():
    # "моргко" (to the morgue) beside "моргго", "заводто" (at the plant) beside "заводдо"
    assert ("морг", ("DAT",)) in {(a.stem, a.tags) for a in analyse("моргко")}
    assert ("морг", ("DAT",)) in {(a.stem, a.tags) for a in analyse("моргго")}
    assert ("завод", ("LOC",)) in {(a.stem, a.tags) for a in analyse("заводто")}
    # verb suffixes keep their voicing: "жазды" is no жаз-ты
    assert all(not a.verbal for a in analyse("жазты"))


def test_contraction_needs_a_known_root():
    # "короодо" (in the yard) ends like a contracted verbal noun in the locative, but коро-
    # is no verb root: no verb reading, no guess
    assert not any(a.verbal for a in analyse("короодо"))
    assert inflect("карма", ("VN",)) == "кармоо"
    assert inflect("жеткир", ("VN",)) == "жеткирүү"  # after a consonant: no contraction


def test_person_ending_follows_no_bare_root():
    # "-к" (we) follows the past or the conditional only: "үшүк" (frostbite) is a noun,
    # though "үшү-" (to freeze) is a verb root; "алдык", "алсак" stay verbs
    assert [a.tags for a in analyse("үшүк")] == [()]
    assert ("PAST", "P1PLV") in [a.tags for a in analyse("алдык")]
    assert ("COND", "P1PLV") in [a.tags for a in analyse("алсак")]


def test_a_reciprocal_after_a_vowel_before_a_bare_past_is_no_guess():
    # "беттешти" is the match (беттеш) in the accusative, not an unknown бетте-ш-ти; the
    # present "жашашат" (they live) and a reciprocal after a consonant ("кагышты", collided)
    # are still guessed verbs
    assert not any(a.verbal for a in analyse("беттешти"))
    assert ("беттеш", ("ACC",)) in {(a.stem, a.tags) for a in analyse("беттешти")}
    assert any(a.verbal for a in analyse("жашашат"))
    assert any(a.verbal for a in analyse("кагышты"))
