"""Story tracker throughput: a generated corpus of short articles, per engine.

A corpus of ``BENCH_ARTICLES`` (default 5 000) short articles is written to a temporary
folder: Kyrgyz articles of two to four sentences from templates (a toll, injured, detained
or hospitalized people, each said by a ministry, a city administration or no one, with a
date; plain sentences between), and one in six in Russian (read today without figures), each
with its ``.meta.json`` sidecar. Every engine reads the whole corpus without a cache:

* ``local``: the process pool (``BENCH_WORKERS``, default: the machine's cores);
* ``dask``: a Dask ``LocalCluster`` with as many worker processes (skipped without the extra).

Reported per engine: articles per second of the reading step (clean, extract, attribute; the
pool's or cluster's start-up included) in wall time and per CPU-second of the whole process
tree (comparable on a busy machine), and the whole ``track`` run (tables, series, flags,
charts, one page, CSV, data package, SQLite). Memory is the peak resident set size of the
whole process tree (this process, pool or cluster, workers), sampled every 0.1 s. The load
average is printed with the results: wall times on a shared machine are only as good as it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import tempfile
import threading
import time
from pathlib import Path

SOURCES = [
    "Саламаттык сактоо министрлигинин маалыматы боюнча,",
    "ИИМдин маалыматына караганда,",
    "ӨКМдин маалыматы боюнча,",
    "Шаардык мэриянын маалыматы боюнча,",
    "Башкы прокуратуранын билдирүүсүндө",
    "",
]
CLAIMS = [
    "{d}-мартка карата {n} адам каза болду.",
    "{d}-мартка карата {n} адам жаракат алды.",
    "{n}дөн ашык адам кармалды.",
    "дээрлик {n} адам жаракат алды.",
    "{n} адам ооруканага жеткирилди.",
]
PLAIN = [
    "Куткаруу иштери уланууда.",
    "Тергөө амалдары жүрүп жатат.",
    "Бийлик тургундарды сабырдуулукка чакырды.",
    "Жергиликтүү тургундар окуяны видеого тартып алышкан.",
]
RUSSIAN = [
    "По данным МЧС, на утро {d} марта погибли {n} человек.",
    "Как сообщает Минздрав, пострадали около {n} человек.",
    "Спасатели продолжают разбирать завалы.",
]
PUBLISHERS = ["Үлгү Кабар", "Пример Новости", "Demo Press"]


def _article(rng: random.Random) -> tuple[str, str]:
    """(language, text) of one generated article."""
    day = rng.randint(1, 10)
    if rng.random() < 1 / 6:
        return "ru", " ".join(
            t.format(d=day, n=rng.randint(2, 300)) for t in rng.sample(RUSSIAN, 2)
        )
    sentences = []
    for _ in range(rng.randint(2, 4)):
        if rng.random() < 0.3:
            sentences.append(rng.choice(PLAIN))
            continue
        claim = rng.choice(CLAIMS).format(d=day, n=rng.randint(2, 300))
        lead = rng.choice(SOURCES)
        sentence = f"{lead} {claim}" if lead else claim[0].upper() + claim[1:]
        sentences.append(sentence)
    return "ky", " ".join(sentences) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 13) -> Path:
    """Write ``n`` generated articles with sidecars into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lang, text = _article(rng)
        data = text.encode("utf-8")
        aid = f"bench-{i:05d}"
        (folder / f"{aid}.txt").write_bytes(data)
        meta = {
            "id": aid,
            "publisher": rng.choice(PUBLISHERS),
            "published": f"2030-03-{rng.randint(1, 10):02d}T{rng.randint(0, 23):02d}:00+06:00",
            "language": lang,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        (folder / f"{aid}.meta.json").write_text(json.dumps(meta, ensure_ascii=False))
    return folder


class ProcessTree:
    """Peak resident set size and CPU time of this process and all its descendants.

    Sampled every ``every`` seconds in a thread: memory as the sum over the live processes,
    CPU time as the last value seen for each process (a process that ends between two samples
    loses at most ``every`` seconds). CPU time does not depend on what else the machine runs,
    so it compares engines on a busy machine where wall time cannot.
    """

    def __init__(self, every: float = 0.1):
        import psutil

        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._me = psutil.Process()
        self._cpu: dict[int, float] = {}
        self._start = self._own_cpu()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _own_cpu(self) -> float:
        t = self._me.cpu_times()
        return t.user + t.system

    def _sample(self) -> None:
        total = 0
        for p in [self._me, *self._me.children(recursive=True)]:
            with contextlib.suppress(Exception):  # a worker that just ended
                total += p.memory_info().rss
                if p.pid != self._me.pid:
                    t = p.cpu_times()
                    self._cpu[p.pid] = max(self._cpu.get(p.pid, 0.0), t.user + t.system)
        self.peak = max(self.peak, total)

    @property
    def cpu(self) -> float:
        """CPU seconds used by the tree while sampled."""
        return self._own_cpu() - self._start + sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _engines() -> list[str]:
    engines = ["local"]
    try:
        import distributed  # noqa: F401

        engines.append("dask")
    except ImportError:
        pass
    return engines


def run() -> dict:
    """Generate the corpus, read it on each engine, then track it; return the measurements."""
    from analysis.claims import read_articles
    from analysis.corpus import read_corpus
    from analysis.tracker import track

    n = int(os.environ.get("BENCH_ARTICLES", "5000"))
    workers = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1)))
    results: dict[str, str] = {"articles": str(n), "workers": str(workers)}
    tmp = Path(tempfile.mkdtemp(prefix="qantar-bench-track-"))
    try:
        t0 = time.perf_counter()
        folder = write_corpus(tmp / "corpus", n)
        articles = read_corpus(folder)
        results["corpus"] = (
            f"{sum(len(a.text) for a in articles) / 1e6:.2f} MB of text, written and checked "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        baseline = None
        for engine in _engines():
            with ProcessTree() as tree:
                t0 = time.perf_counter()
                records, _ = read_articles(articles, engine=engine, workers=workers)
                seconds = time.perf_counter() - t0
            figures = sum(len(r) for r in records.values())
            same = "" if baseline is None else f", same records as local: {records == baseline}"
            baseline = baseline or records
            results[f"read [{engine}]"] = (
                f"{n / seconds:.0f} articles/s wall ({seconds:.1f} s, {figures} figures), "
                f"{n / tree.cpu:.0f} articles per CPU-second ({tree.cpu:.0f} CPU s), "
                f"peak RSS of the process tree {tree.peak / 2**20:.0f} MB{same}"
            )
        with ProcessTree() as tree:
            t0 = time.perf_counter()
            track(folder, tmp / "out", langs=["en"], workers=workers, cache=False, progress=False)
            seconds = time.perf_counter() - t0
        results["track [local, whole run]"] = (
            f"{n / seconds:.0f} articles/s wall ({seconds:.1f} s), "
            f"{tree.cpu:.0f} CPU s, peak RSS of the process tree {tree.peak / 2**20:.0f} MB"
        )
        results["load average (1, 5, 15 min)"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return results


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
