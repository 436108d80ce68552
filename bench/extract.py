"""Extraction throughput: stream a generated corpus of Kyrgyz news passages (>= 50 MB).

The corpus is built on the fly from sentence templates (counts, dates, clock times, money,
durations and plain sentences, in varied order), batch by batch, so memory holds one batch
only. Each batch becomes a segments frame (one sentence a row) and goes through
:func:`analysis.figures.extract_from_segments`, with gazetteer look-ups on. Only extraction
is timed, as wall-clock time and as CPU time of this process (one core; the CPU figure does
not depend on what else the machine runs). The one-off start-up (compiling the lexicon,
loading the gazetteer) is timed apart, before the stream, so throughput is per MB of text.
Memory is the process's peak resident set size, read after the first batches and at the
end: equal values mean memory does not grow with the corpus.

Environment: ``BENCH_MB`` (default 50) sets the corpus size; ``BENCH_PLACES=0`` skips the
gazetteer look-ups (to see what they cost).
"""

from __future__ import annotations

import os
import random
import resource
import time

import pandas as pd

from analysis.figures import extract_from_segments
from analysis.numerals import spell

PLACES = ["Ош", "Нарын", "Талас", "Баткен", "Токмок", "Каракол", "Жалал-Абад", "Кара-Балта"]
LOC = ["шаарында", "районунда", "облусунда", "айылында"]
PEOPLE = [
    "адам",
    "киши",
    "жаран",
    "жай тургун",
    "аскер",
    "милиция кызматкери",
    "бала",
    "аял",
    "жүргүнчү",
    "чет өлкөлүк жаран",
    "митингчи",
]
VERBS = [
    "каза болду",
    "жаракат алды",
    "ооруканага жеткирилди",
    "кармалды",
    "мерт болду",
    "жарадар болду",
    "реанимацияда жатат",
    "көчөгө чыкты",
    "жабыркады",
]
THINGS = [
    ("үй", "суу каптап бузулду"),
    ("унаа", "өрттөлдү"),
    ("дүкөн", "талкаланды"),
    ("автобус", "күйүп кетти"),
    ("кеңсе", "тоналды"),
    ("мектеп", "жабыркады"),
]
QUAL = ["", "", "", "дээрлик ", "болжол менен ", "жалпы "]
FILLER = [
    "Окуяга байланыштуу кылмыш иши козголду.",
    "Тергөө амалдары жүрүп жатат.",
    "Бийлик тургундарды сабырдуулукка чакырды.",
    "Кырдаал көзөмөлгө алынды, деп билдирди ведомство.",
    "Өзгөчө кырдаалдар министрлиги куткаруу иштерин улантууда.",
    "Жергиликтүү тургундар окуяны видеого тартып алышкан.",
    "Кабарчыбыз окуя болгон жерден маалымат берүүдө.",
    "Өкмөт башчысы жабыркаган үй-бүлөлөргө жардам көрсөтүүнү тапшырды.",
    "Күбөлөрдүн айтымында, жаңы эле катуу жарылуу угулуп, эл ар тарапка чуркап кеткен.",
    "Маалыматты тактоо үчүн редакция тиешелүү мекемелерге кайрылды, бирок жооп ала элек.",
    "Эксперттердин пикиринде, мындай окуялардын алдын алуу үчүн көзөмөлдү күчөтүү керек.",
    "Жол кыймылы убактылуу токтотулуп, айдоочуларга айланма жолдорду колдонуу сунушталды.",
]


def _number(rng: random.Random) -> str:
    """A count as news writes it: digits, words, or digits with a suffix."""
    n = rng.choice([rng.randint(1, 20), rng.randint(20, 999), rng.randint(1000, 99999)])
    style = rng.random()
    if style < 0.5:
        return str(n)
    if style < 0.8 and n < 10000:
        return spell(n)
    return f"{n}дөн ашык" if n % 2 else f"{n}гө жакын"


def _sentence(rng: random.Random) -> str:
    """One sentence of a passage."""
    r = rng.random()
    place = f"{rng.choice(PLACES)} {rng.choice(LOC)}"
    if r < 0.2:
        return (
            f"{place} {rng.choice(QUAL)}{_number(rng)} {rng.choice(PEOPLE)} "
            f"{rng.choice(VERBS)}, алардын {spell(rng.randint(1, 9))} {rng.choice(PEOPLE)}."
        )
    if r < 0.3:
        noun, verb = rng.choice(THINGS)
        return f"{place} {_number(rng)} {noun} {verb}."
    if r < 0.4:
        return (
            f"{rng.randint(1, 28)}-январга карата {place} {rng.randint(2000, 2024)}-жылы "
            f"{rng.randint(1, 12)} айда {rng.randint(10, 99)} миң сом айып салынды."
        )
    if r < 0.45:
        return f"Саат {rng.randint(10, 23)}:{rng.randint(10, 59)}дө {place} жыйын башталды."
    return rng.choice(FILLER)


def _batch(rng: random.Random, target_bytes: int) -> tuple[pd.DataFrame, int]:
    """A segments frame of about ``target_bytes`` of text, and its size in bytes."""
    texts, size = [], 0
    while size < target_bytes:
        s = _sentence(rng)
        texts.append(s)
        size += len(s.encode("utf-8")) + 1
    seg = pd.DataFrame({"text": texts})
    seg["entry_id"] = [i // 8 for i in range(len(texts))]  # a passage is 8 sentences
    return seg, size


def _peak_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(total_mb: float | None = None, batch_mb: float = 1.0, seed: int = 1) -> dict:
    """Stream the corpus through the extractor; returns throughput and memory figures."""
    total_mb = float(os.environ.get("BENCH_MB", 50)) if total_mb is None else total_mb
    places = os.environ.get("BENCH_PLACES", "1") != "0"
    rng = random.Random(seed)
    c0 = time.process_time()
    warm = pd.DataFrame({"text": [f"{PLACES[0]} {LOC[0]} 5 адам кармалды."]})
    extract_from_segments(warm, places=places)
    startup = time.process_time() - c0
    done, seconds, cpu, figures, batches = 0, 0.0, 0.0, 0, 0
    early_peak = None
    while done < total_mb * 1e6:
        seg, size = _batch(rng, int(batch_mb * 1e6))
        t0, c0 = time.perf_counter(), time.process_time()
        figures += len(extract_from_segments(seg, places=places))
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += size
        batches += 1
        if batches == 3:
            early_peak = _peak_mb()
    return {
        "places": places,
        "corpus_mb": round(done / 1e6, 1),
        "figures": figures,
        "figures_per_mb": round(figures / (done / 1e6)),
        "startup_cpu_seconds": round(startup, 2),
        "wall_seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "mb_per_s_wall": round(done / 1e6 / seconds, 2),
        "mb_per_s_cpu": round(done / 1e6 / cpu, 2),
        "peak_rss_mb_after_3_batches": round(early_peak or _peak_mb(), 1),
        "peak_rss_mb_at_end": round(_peak_mb(), 1),
    }
