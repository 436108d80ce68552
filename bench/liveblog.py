"""Growth with the size of a live blog: clean + extract + timeline on 1, 10 and 100 × a corpus.

A multi-day live blog has hundreds of entries. :func:`live_blog` writes one from templates:
``n`` distinct entries, each a time stamp, a headline and two to four body sentences (counts
with qualifiers and subsets, places, event words, plain sentences), now and then an embedded
tweet or a photo credit, entries sometimes glued to the previous one as scrapers leave them
(``...болду.14:35Ошто...``). No two headlines share both their city and their count, so no
entry reads as an update of another (up to 10 800 entries) and each costs the full price.

:func:`run` (``python -m bench liveblog``) times the three stages on ``BENCH_ENTRIES``
(default 30) entries and on 10 and 100 times as many, best of ``BENCH_REPEAT`` (default 3)
runs each (one run at 100 ×), and prints CPU seconds, microseconds per character and the growth
of each stage between sizes. Linear stages grow about 10 × per 10 × entries.
"""

from __future__ import annotations

import os
import random
import time

from analysis.clean import clean_segments
from analysis.figures import extract_figures
from analysis.timeline import timeline_from_segments

__all__ = ["live_blog", "run", "time_stages"]

CITIES = [
    "Алматы",
    "Актау",
    "Жаңаөзөн",
    "Шымкент",
    "Тараз",
    "Кызылорда",
    "Атырау",
    "Костанай",
    "Талдыкорган",
    "Актөбө",
    "Караганды",
    "Павлодар",
]
WHERE = ["шаарында", "шаарындагы аянтта", "облусунда", "шаарынын борборунда"]
#: The city in the locative, for headlines ("Алматыда").
CITIES_IN = [
    "Алматыда",
    "Актауда",
    "Жаңаөзөндө",
    "Шымкентте",
    "Таразда",
    "Кызылордодо",
    "Атырауда",
    "Костанайда",
    "Талдыкорганда",
    "Актөбөдө",
    "Карагандыда",
    "Павлодарда",
]
#: Headlines of at most five words: the cleaner reads two as one entry re-posted only when
#: every word starts alike, and each headline has its own (city, count) pair.
HEADS = [
    "{city_in} {n} адам кармалды",
    "{city_in} митингге {n}дөй адам чыкты",
    "{city_in} {n} унаа өрттөлдү",
    "{city_in} {n} дүкөн тоналды",
    "{city_in} кагылышта {n} киши жабыркады",
    "{city_in} {n} кызматкер жарадар болду",
    "{city_in} {n} имарат талкаланды",
]
BODY = [
    "{city} {where} {q}{n} адам ооруканага жеткирилди, алардын {k} бала.",
    "Маалымат боюнча, {n} кызматкер жаракат алган, анын ичинде {k} аскер.",
    "{city} {where} демонстранттар акимчиликтин имаратына кирип кетишти.",
    "Түштөн кийин {city} {where} темир жол каттамы токтотулду.",
    "Күбөлөрдүн айтымында, {q}{n} киши аянтта түнөп калган.",
    "Саат {hh}:{mm}дө {city} {where} жыйын кайра башталды.",
    "Өкмөт тургундарды сабырдуулукка чакырды.",
    "{city} {where} өзгөчө кырдаал жарыяланып, интернет өчүрүлдү.",
    "Кабарчыбыздын маалыматы боюнча, шаардагы абал азырынча тынч.",
    "{n}дөн ашык дүкөн тоналып, {k} банктын терезелери талкаланды.",
    "Ички иштер министрлиги {n} адамдын кармалганын тастыктады.",
]
QUALIFIERS = ["", "", "жакын ", "дээрлик ", "болжол менен "]
TWEET = "Абал оор, эл көчөдө pic.twitter.com/q{n}— Кабарчы (@reporter{k}) January 5, 2022"
CREDIT = "Сүрөт: кабарчыбыздан алынды"


def _fill(template: str, rng: random.Random, n: int, city_in: str = "") -> str:
    return template.format(
        city_in=city_in,
        city=rng.choice(CITIES),
        where=rng.choice(WHERE),
        q=rng.choice(QUALIFIERS),
        n=n,
        k=rng.randint(2, 9),
        hh=rng.randint(10, 23),
        mm=rng.randint(10, 59),
    )


def live_blog(n_entries: int, *, seed: int = 0) -> str:
    """A generated Kyrgyz live blog of ``n_entries`` distinct entries.

    Parameters
    ----------
    n_entries : int
        Number of entries (each opens with its own time stamp and headline).
    seed : int, default 0
        Seed of the generator; the same seed gives the same text.

    Returns
    -------
    str
        The page, about 330 characters an entry, ending with a newline.
    """
    rng = random.Random(seed)
    minutes = 8 * 60
    parts: list[str] = []
    glued = False
    for i in range(n_entries):
        minutes = (minutes + rng.randint(1, 9)) % (24 * 60)
        stamp = f"{minutes // 60:02d}:{minutes % 60:02d}"
        # No two headlines share both city and count (the cleaner compares a count on its
        # first three digits): no entry reads as an update of another.
        count = (100 + i % 900) * 10 ** rng.randint(0, 2)
        city_in = CITIES_IN[(i // 900) % len(CITIES_IN)]
        head = _fill(rng.choice(HEADS), rng, count, city_in)
        body = [_fill(rng.choice(BODY), rng, rng.randint(2, 400)) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.1:
            body.append(TWEET.format(n=i, k=rng.randint(1, 99)))
        if rng.random() < 0.1:
            body.append(CREDIT)
        # Scraper habits: a stamp glued to its headline ("08:24Тараз"; always when the entry
        # is glued to the previous one, "...болду.08:24Тараз"), a headline glued to its first
        # sentence ("жабылдыКүбөлөр").
        stamp_sep = "" if glued or rng.random() < 0.3 else " "
        head_sep = "" if rng.random() < 0.2 else "\n"
        glued = rng.random() < 0.2
        parts.append(
            f"{stamp}{stamp_sep}{head}{head_sep}{' '.join(body)}{'' if glued else chr(10)}"
        )
    return "".join(parts).rstrip("\n") + "\n"


def time_stages(text: str, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` CPU seconds of clean, extract (on the segments) and timeline.

    CPU time of this process, so what else the machine runs does not count.

    Parameters
    ----------
    text : str
        A raw page.
    repeat : int, default 3

    Returns
    -------
    dict
        ``clean``, ``extract``, ``timeline`` and their ``total``, in seconds.
    """
    best = {"clean": float("inf"), "extract": float("inf"), "timeline": float("inf")}
    for _ in range(repeat):
        t0 = time.process_time()
        segments = clean_segments(text)
        t1 = time.process_time()
        extract_figures(text, segments=segments)
        t2 = time.process_time()
        timeline_from_segments(segments)
        t3 = time.process_time()
        for stage, seconds in zip(best, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            best[stage] = min(best[stage], seconds)
    best["total"] = sum(best.values())
    return best


def run() -> dict:
    """Time the three stages on 1, 10 and 100 × ``BENCH_ENTRIES`` entries."""
    base = int(os.environ.get("BENCH_ENTRIES", "30"))
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    time_stages(live_blog(base), repeat=1)  # warm up: lexicons, gazetteer
    results: dict[str, object] = {}
    previous = None
    for factor in (1, 10, 100):
        text = live_blog(base * factor)
        got = time_stages(text, repeat=repeat if factor < 100 else 1)
        line = ", ".join(f"{k} {v:.3f} s" for k, v in got.items())
        results[f"{factor:>3} x {base} entries ({len(text) / 1000:.0f} k chars)"] = (
            f"{line}; {1e6 * got['total'] / len(text):.1f} µs/char"
        )
        if previous is not None:
            growth = ", ".join(f"{k} {got[k] / previous[k]:.1f}x" for k in got)
            results[f"    growth {factor // 10} x -> {factor} x entries"] = growth
        previous = got
    return results
