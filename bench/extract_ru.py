"""Russian extraction throughput: a generated corpus of Russian news passages (default 5 MB).

Passages are built from sentence templates (counts in digits and words, qualifiers, subsets,
dates, clock times, ages, money, durations and plain sentences), batch by batch, and go
through :func:`analysis.figures.extract_from_segments` as Russian segments (``lang="ru"``),
gazetteer look-ups on. Only extraction is timed (CPU time of this process, one core); the
one-off start-up (loading the lexicon, the pymorphy3 dictionaries and the gazetteer) is timed
apart. Also reported: milliseconds per 1.3 kB article.

Environment: ``BENCH_RU_MB`` (default 5) sets the corpus size.
"""

from __future__ import annotations

import os
import random
import time

import pandas as pd

from analysis.figures import extract_from_segments

PLACES = ["Алматы", "Костанае", "Актобе", "Таразе", "Шымкенте", "Караганде", "Уральске"]
NUMBERS = ["3", "12", "27", "140", "1 200", "двое", "пятеро", "три", "двадцать один", "десятки"]
NOUNS = ["человек", "полицейских", "военнослужащих", "детей", "жителей", "протестующих"]
VERBS = ["погибли", "получили ранения", "пострадали", "госпитализированы", "задержаны"]
QUAL = ["", "", "около ", "более ", "не менее ", "почти "]
THINGS = [("автомобилей", "сгорели"), ("домов", "разрушены"), ("магазинов", "разграблены")]
FILLER = [
    "Об этом сообщили в пресс-службе департамента полиции.",
    "На месте работают следователи, возбуждено уголовное дело.",
    "Власти призвали жителей сохранять спокойствие.",
    "Движение на трассе было перекрыто до вечера 5 января.",
    "Водителю 42 лет назначен штраф в размере 150 тысяч тенге.",
    "Заседание назначено на 14:30, сообщает агентство.",
    "Глава региона пообещал выплатить семьям по 2 млн тенге.",
    "Свидетели сняли происходящее на видео и выложили его в сеть.",
]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(FILLER)
    place = rng.choice(PLACES)
    if kind < 0.75:
        n, noun, verb = rng.choice(NUMBERS), rng.choice(NOUNS), rng.choice(VERBS)
        return f"В {place} {verb} {rng.choice(QUAL)}{n} {noun}."
    if kind < 0.9:
        noun, verb = rng.choice(THINGS)
        return f"{rng.choice(QUAL).capitalize()}{rng.randint(2, 40)} {noun} {verb} в {place}."
    n = rng.randint(5, 60)
    return f"Пострадали {n} человек, из них {rng.randint(1, 4)} детей."


def _batch(rng: random.Random, size: int) -> tuple[pd.DataFrame, int]:
    texts, done = [], 0
    while done < size:
        s = _sentence(rng)
        texts.append(s)
        done += len(s.encode("utf-8")) + 1
    seg = pd.DataFrame({"text": texts, "lang": "ru"})
    seg["entry_id"] = [i // 8 for i in range(len(texts))]
    return seg, done


def run(total_mb: float | None = None, batch_mb: float = 0.5, seed: int = 1) -> dict:
    """Stream the Russian corpus through the extractor; returns throughput figures."""
    total_mb = float(os.environ.get("BENCH_RU_MB", 5)) if total_mb is None else total_mb
    rng = random.Random(seed)
    c0 = time.process_time()
    warm = pd.DataFrame({"text": ["В Алматы задержаны 5 человек."], "lang": ["ru"]})
    extract_from_segments(warm)
    startup = time.process_time() - c0
    done, cpu, figures = 0, 0.0, 0
    while done < total_mb * 1e6:
        seg, size = _batch(rng, int(batch_mb * 1e6))
        c0 = time.process_time()
        figures += len(extract_from_segments(seg))
        cpu += time.process_time() - c0
        done += size
    return {
        "corpus_mb": round(done / 1e6, 1),
        "figures": figures,
        "startup_cpu_seconds": round(startup, 2),
        "cpu_seconds": round(cpu, 1),
        "mb_per_s_cpu": round(done / 1e6 / cpu, 2),
        "ms_per_1_3_kb_article": round(cpu * 1000 / (done / 1300), 2),
    }
