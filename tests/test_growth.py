"""Linear time: doubling an input at most about doubles the time of each stage.

Each test times a stage on an input and on one twice as large and bounds the RATIO of the two
times, never a time itself: a linear stage gives about 2, a quadratic one 4, a cubic one 8.
Times are CPU seconds of this process (what else the machine runs does not count), the best
of several interleaved runs, on inputs large enough that the work, not the fixed cost of a
call, is measured; the bound of 3 leaves room for a busy 2-core machine.
"""

from __future__ import annotations

import time

import pytest

from analysis import clean
from analysis.clean import clean_segments
from analysis.figures import extract_figures
from analysis.timeline import timeline_from_segments
from bench.liveblog import live_blog

LINEAR_DOUBLING = 3.0


def _best_cpu_seconds(func, small, large, repeat: int = 5) -> tuple[float, float]:
    """Best CPU time of ``func(small)`` and ``func(large)``, runs interleaved."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for k, arg in enumerate((small, large)):
            t0 = time.process_time()
            func(arg)
            best[k] = min(best[k], time.process_time() - t0)
    return best[0], best[1]


def _ratio(func, make, n: int, repeat: int = 5) -> float:
    small, large = _best_cpu_seconds(func, make(n), make(2 * n), repeat)
    assert small > 0.005, "input too small to time: make it larger"
    return large / small


# Shapes of scraped text that were quadratic or cubic in the cleaner (issue 10).
PATHOLOGICAL = {
    "run of full stops": lambda n: "Абал оор." + "." * n + "эл\n",
    "run of spaces in a line": lambda n: "Абал" + " " * n + "оор\n",
    "spaces between two sentences": lambda n: "Абал оор." + " " * n + "Эл көп.\n",
    "clock time then spaces": lambda n: "12:30" + " " * n + "эл\n",
    "spaces then a dash": lambda n: "Абал оор" + " " * n + "— эл\n",
    "dashes and spaces": lambda n: "Абал " + "- " * (n // 2) + "\n",
    "run of closing brackets": lambda n: "Абал." + ")" * n + "эл\n",
}


@pytest.mark.parametrize("shape", list(PATHOLOGICAL))
def test_cleaner_is_linear_on_pathological_runs(shape):
    ratio = _ratio(clean_segments, PATHOLOGICAL[shape], 400_000, repeat=3)
    assert ratio < LINEAR_DOUBLING, f"{shape}: doubling the input cost {ratio:.1f} x the time"


def test_cleaner_segments_on_pathological_runs_are_traceable():
    for make in PATHOLOGICAL.values():
        raw = make(1000)
        for row in clean_segments(raw).itertuples():
            assert " ".join(raw[row.start : row.end].split()) == row.text


_LETTERS = "абвгдежзийклмнңоөпрстуүфхцчшыэюя"


def _words(i: int) -> str:
    """Two words whose first three letters (what the cleaner compares) no other ``i`` shares."""
    out = []
    for _ in range(2):
        out.append(_LETTERS[i % 32] + _LETTERS[i // 32 % 32] + _LETTERS[i // 1024 % 32] + "ка")
        i //= 32**3
    return " ".join(out)


def _headline_entries(n: int) -> list[list]:
    """Entries of four-word headlines, no two alike (none is an update), as the cleaner makes."""
    entries: list[list] = [[]]
    for i in range(n):
        head = clean._Unit("headline", 0, 1, f"Шаарда {_words(i)} митинг", line=i)
        head.key = clean._normalize(head.text)
        body = clean._Unit("sentence", 0, 1, f"Эл көп {i}.", line=i)
        body.key = clean._normalize(body.text)
        entries.append([head, body])
    return entries


def test_headline_deduplication_is_linear_in_entries():
    # All pairs compared: 4 x the time per doubling. Indexed by key: 2 x.
    ratio = _ratio(clean._merge_updates, _headline_entries, 20_000)
    assert ratio < LINEAR_DOUBLING, f"doubling the entries cost {ratio:.1f} x the time"


def test_headline_index_finds_what_pairwise_comparison_finds():
    heads = [
        "Шаарда митинг башталды",
        "Шаарда митинг башталган",  # same stems: an update of the first
        "Шаарда митинг бүттү",
        "Бишкекте эл аянтка чогулуп митинг өттү",
        "Бишкекте эл аянтка чогулуп жыйын өттү",  # long: one word may differ
        "Ошто эл аянтка чогулуп жыйын өттү",  # differs from the first long one in two
        "Бир эки",  # too short to be an update
        "Бир эки",
    ]
    entries: list[list] = [[]]
    for i, text in enumerate(heads):
        u = clean._Unit("headline", 0, 1, text, line=i)
        u.key = clean._normalize(text)
        entries.append([u])
    merged = clean._merge_updates(entries)
    got = [
        next((j for j, e in enumerate(merged) if e and id(e[0]) == u.update_of), None)
        for u in (e[0] for e in merged[1:])
    ]
    expected = []
    for i, text in enumerate(heads, start=1):
        earlier = [
            j
            for j in range(1, i)
            if clean._similar(clean._normalize(heads[j - 1]), clean._normalize(text))
        ]
        expected.append(earlier[0] if earlier else None)
    assert got == expected == [None, 1, None, None, 4, 5, None, None]


def test_timeline_is_linear_in_entries():
    segments = {n: clean_segments(live_blog(n)) for n in (300, 600)}
    ratio = _ratio(lambda seg: timeline_from_segments(seg), lambda n: segments[n], 300, repeat=3)
    assert ratio < LINEAR_DOUBLING, f"doubling the entries cost {ratio:.1f} x the time"


def test_timeline_is_linear_in_keywords_of_one_sentence():
    # Each keyword match used to list every word of its sentence to look for a negation.
    def text(n: int) -> str:
        return "14:30 Шаарда митинг\n" + "Эл митинг өттү, бирок кагылыш болгон жок " * n + ".\n"

    ratio = _ratio(lambda t: timeline_from_segments(clean_segments(t)), text, 1500, repeat=3)
    assert ratio < LINEAR_DOUBLING, f"doubling the keywords cost {ratio:.1f} x the time"


def test_clean_extract_timeline_grow_linearly_with_distinct_entries():
    def pipeline(text: str) -> None:
        segments = clean_segments(text)
        extract_figures(text, segments=segments)
        timeline_from_segments(segments)

    texts = {n: live_blog(n) for n in (200, 400)}
    ratio = _ratio(pipeline, lambda n: texts[n], 200, repeat=3)
    assert ratio < LINEAR_DOUBLING, f"doubling the entries cost {ratio:.1f} x the time"


def test_place_look_up_is_linear_in_a_run_of_spaces_after_a_name():
    # A place name whose name may go on ("Жалал-Абад облусу"), then only spaces and a
    # number: the look-up for the name's next word once retried every shorter run.
    from analysis.places import places_in

    def make(n: int) -> str:
        return "Алматы" + " " * n + "3 адам"

    places_in(make(10))  # the gazetteer loads once, outside the timing
    ratio = _ratio(places_in, make, 2_000_000, repeat=3)
    assert ratio < LINEAR_DOUBLING, f"doubling the run cost {ratio:.1f} x the time"
