"""Per-article extraction: many short articles read one at a time, as the tracker reads them.

The streaming benchmark (``bench/extract.py``) reads a megabyte at a time, so costs paid
once per article (cleaning, building tables, attribution) vanish from its MB/s. Here a corpus
of ``BENCH_SHORT`` (default 1 000) generated Kyrgyz articles of about 1.3 kB each (the
sentences of ``bench/extract.py``: 6.6 digit runs per kB, as in the 24.kg dev passages) is
read article by article, in one process:

* ``read_article``: :func:`analysis.claims.read_article` (clean, extract, attribute; plain
  records), what the story tracker calls for every article;
* ``figure_columns``: :func:`analysis.figures.figure_columns`, cleaning and extraction
  alone (no attribution), as plain lists;
* ``extract_figures``: :func:`analysis.figures.extract_figures`, the DataFrame API a
  reporter calls in a notebook;
* the floor: a bare ``re.findall(r"\\d+", text)`` over the same texts in the same process, ten
  times over each chunk beside the readings, and ten times over all texts in a tight loop
  before and after them; the fastest of the three counts, so the ratio is the least
  flattering (beside the readings the scan runs with cold caches, about a quarter slower).

All are timed in CPU seconds of this process, 50 articles at a time in turn (on a shared
machine a core's speed changes from second to second: the tight scan gave 14 to 27 µs per
article in runs of one afternoon). The ratio to the digit scan is what the target is about
(at most 90 x); on this shared VM it moves by about a fifth from run to run, with the scan's
speed. Start-up is measured in a fresh
Python process: the CPU seconds of its first ``read_article`` after the imports of the
modules it uses (compiling the lexicon and the word analysis, loading the place names and,
for a sentence that neither letters nor function words tell apart from Russian, the Russian
dictionary), and of the imports themselves.
Memory is this process's peak resident set size.
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import time

from bench.extract import _sentence

TARGET_RATIO = 90
ARTICLE_BYTES = 1300

_STARTUP = """
import time
c0 = time.process_time()
from analysis.claims import read_article
import analysis.attribution, analysis.clean, analysis.figures, analysis.rules_ky
c1 = time.process_time()
read_article("Ош шаарында 5 адам кармалды. Бул тууралуу ИИМ билдирди.")
c2 = time.process_time()
print(c1 - c0, c2 - c1)
"""


def articles(n: int, seed: int = 7) -> list[str]:
    """``n`` generated articles of about :data:`ARTICLE_BYTES` bytes each."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sentences: list[str] = []
        size = 0
        while size < ARTICLE_BYTES:
            s = _sentence(rng)
            sentences.append(s)
            size += len(s.encode("utf-8")) + 1
        out.append(" ".join(sentences))
    return out


def _interleaved(fns: dict, texts: list[str], loops: dict, chunk: int = 50) -> dict:
    """CPU seconds per text of each function, timed chunk by chunk in turn.

    On a shared machine the speed of a core changes from second to second; timing every
    function on each chunk of 50 texts before moving to the next chunk puts each under the
    same conditions, so their ratios hold even when the absolute figures move.
    """
    total = dict.fromkeys(fns, 0.0)
    for k in range(0, len(texts), chunk):
        part = texts[k : k + chunk]
        for name, fn in fns.items():
            c0 = time.process_time()
            for _ in range(loops.get(name, 1)):
                for t in part:
                    fn(t)
            total[name] += (time.process_time() - c0) / loops.get(name, 1)
    return {name: seconds / len(texts) for name, seconds in total.items()}


def startup() -> tuple[float, float]:
    """(imports, first reading) in CPU seconds of a fresh Python process."""
    out = subprocess.run(
        [sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def run(n: int | None = None) -> dict:
    """Read the corpus one article at a time; returns the per-article figures."""
    from analysis.claims import read_article
    from analysis.figures import extract_figures, figure_columns

    n = int(os.environ.get("BENCH_SHORT", 1000)) if n is None else n
    imports, first = startup()
    texts = articles(n)
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    read_article(texts[0])  # this process's start-up, not timed here
    digits = re.compile(r"\d+")
    fns = {
        "scan": digits.findall,
        "read": read_article,
        "columns": figure_columns,
        "frames": extract_figures,
    }
    _interleaved(fns, texts[:200], {"scan": 10})  # warms the caches of the word analysis
    tight = {"scan": digits.findall}
    before = _interleaved(tight, texts, {"scan": 10}, chunk=len(texts))["scan"]
    cost = _interleaved(fns, texts, {"scan": 10})
    after = _interleaved(tight, texts, {"scan": 10}, chunk=len(texts))["scan"]
    # The fastest scan counts (the ratio is then the least flattering).
    scan, reading, frames = min(before, cost["scan"], after), cost["read"], cost["frames"]
    columns = cost["columns"]
    figures = sum(len(read_article(t)) for t in texts)
    return {
        "articles": n,
        "bytes_per_article": round(size),
        "figures_per_article": round(figures / n, 1),
        "digit_scan_us_per_article": round(scan * 1e6, 1),
        "read_article_ms_per_article": round(reading * 1e3, 2),
        "read_article_articles_per_cpu_s": round(1 / reading),
        "read_article_ratio_to_digit_scan": round(reading / scan),
        "figure_columns_ms_per_article": round(columns * 1e3, 2),
        "figure_columns_ratio_to_digit_scan": round(columns / scan),
        "extract_figures_ms_per_article": round(frames * 1e3, 2),
        "extract_figures_ratio_to_digit_scan": round(frames / scan),
        "target_ratio": TARGET_RATIO,
        "startup_cpu_s_first_article": round(first, 2),
        "startup_cpu_s_imports": round(imports, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
