"""Fuzzing in CI: hostile text never makes the cleaner, timeline or extractor raise or lie.

Hypothesis draws a few hundred inputs (derandomized: the same ones on every run) from the
generators of ``tools/fuzz.py`` (random Unicode, Kyrgyz letters and digits, glued clock
times, nested duplicate blocks, HTML, control characters, long runs, mutations of Kyrgyz
sentences written for the fuzzer) and from its own text strategies, and checks the
invariants of :func:`tools.fuzz.check_text`: no exception, segment span == text, figure
quote == span, low <= value <= high, unique ids. ``make fuzz`` runs 10 000 inputs.

Shapes that once crashed the number reader (counts beyond int64, thousands of digits in a
row, ``миллион 1e``, words starting with ``нече``) are drawn like any other input and kept as
named cases in :func:`test_numbers_that_once_crashed`: they are read as ``not_a_count``
(``too_large``) or as no number, never an exception.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.fuzz import GENERATORS, SENTENCES, check_text, mutate

FUZZ = settings(
    max_examples=75,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

ROOT = Path(__file__).resolve().parents[1]


def _in_this_checkout(problem) -> bool:
    """False for an exception raised in a module of another checkout.

    A shared virtual environment with an editable install of another checkout resolves the
    package's modules that this checkout lacks (a language reader being written elsewhere)
    from that checkout; its crashes are not this checkout's. A clean clone has no such leak.
    """
    if problem.kind != "exception":
        return True
    where = Path(problem.signature[3][0]).resolve()
    return not (where.parent.name == "analysis" and not where.is_relative_to(ROOT))


def _assert_clean(text: str) -> None:
    problems = [p for p in check_text(text) if _in_this_checkout(p)]
    assert not problems, "\n".join(f"{p.kind} in {p.stage}: {p.message}" for p in problems)


@FUZZ
@given(name=st.sampled_from(sorted(GENERATORS)), seed=st.integers(0, 2**32 - 1))
def test_generated_hostile_text(name, seed):
    # Long inputs (runs of 20 000 characters, deep copies) are make fuzz's; linearity has its
    # own tests. Kept short here so the file runs in seconds.
    text = GENERATORS[name](random.Random(seed))[:2000]
    _assert_clean(text)


KYRGYZ = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ"
ALPHABET = KYRGYZ + '0123456789 .,:;!?-—«»"()\n\u2028\ufeff'


@FUZZ
@given(text=st.text(alphabet=ALPHABET, max_size=300))
def test_kyrgyz_letters_digits_and_punctuation(text):
    _assert_clean(text)


@FUZZ
@given(text=st.text(max_size=200))
def test_random_unicode(text):
    _assert_clean(text)


@FUZZ
@given(
    picks=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    seed=st.integers(0, 2**32 - 1),
    edits=st.integers(0, 10),
    sep=st.sampled_from(["", " ", "\n"]),
)
def test_mutated_kyrgyz_sentences(picks, seed, edits, sep):
    text = mutate(random.Random(seed), sep.join(picks), edits)
    _assert_clean(text)


ONCE_CRASHED = [
    "45678967890123456789 адам жаракат алды.",  # beyond int64
    f"{2**63} адам жаракат алды.",  # 2**63 exactly
    "9223372036854775808 адам карма",
    "Бишкекте 5" + "9" * 4400 + " адам жаракат алды.",  # more than 4300 digits in a row
    "1" * 30 + ".5 миң адам жаракат алды.",  # a huge number before ".5 миң"
    "34740822161007415.5 миң адам чогулду",
    "миллион 1e адам",
    "Шаарда нечен адам кармалды.",  # a word starting with "нече"
    "нечее",
]


@pytest.mark.parametrize("text", ONCE_CRASHED, ids=lambda t: t[:24])
def test_numbers_that_once_crashed(text):
    _assert_clean(text)
    from analysis.figures import extract_figures, numbers_table

    assert extract_figures(text).empty  # nothing this large is a figure
    reasons = set(numbers_table(text)["reason"])
    assert reasons <= {"too_large", "not_counted", "unit", "identifier", ""}
