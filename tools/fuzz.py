"""Fuzz the cleaner, the timeline and the figure extractor with hostile text (``make fuzz``).

``python -m tools.fuzz [--n 10000] [--seed 0] [--slow 1.0]`` generates ``n`` inputs, runs each
through :func:`analysis.clean.clean_segments`, :func:`analysis.timeline.timeline_from_segments`
and :func:`analysis.figures.extract_figures`, and checks what the library promises:

* no exception (bad input is the caller's problem only at the file boundary, which
  :mod:`analysis.sources` guards);
* every segment's span is its text: ``" ".join(raw[start:end].split()) == text``;
* every figure's span is its quote, ``low <= value <= high`` where set (``more_than`` has
  ``low == value + 1``: "more than 100" is [101, open]), ids unique;
* timeline entries unique, their spans inside the text;
* no input under 20 kB takes longer than ``--slow`` seconds (CPU time).

Inputs come from generators (:data:`GENERATORS`): random Unicode, Kyrgyz letters and digits,
glued clock times, nested duplicate blocks (the scraper's "suffix" copies), HTML, control
characters, long runs of one character, and mutations of Kyrgyz sentences written for this
fuzzer (:data:`SENTENCES`). ``--lead`` adds the shapes that once crashed the number reader
(:data:`LEAD_GENERATORS`: counts beyond int64, thousands of digits, ``миллион 1e``, words
starting with ``нече``); they are read as too large or as no number now.

Each failure is reduced to the smallest input that still fails the same way (same stage,
exception type and place in the code; or the same broken invariant), printed with ``repr``,
and written to ``test-artifacts/fuzz/``. The exit status is 1 when anything was found, else 0.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = [
    "GENERATORS",
    "LEAD_GENERATORS",
    "SENTENCES",
    "Finding",
    "check_text",
    "generate",
    "main",
    "shrink",
]

#: Kyrgyz sentences written for this fuzzer (live-blog style: counts, qualifiers, subsets,
#: dates, clock times, places, tweets, credits, headlines). Mutated to make inputs.
SENTENCES = [
    "Бишкекте 12 адам жаракат алды.",
    "Ош шаарында жүзгө жакын киши көчөгө чыкты.",
    "Жалал-Абадда 3 милиция кызматкери жана 5 жай тургун ооруканага жеткирилди.",
    "Нарындагы митингге 300дөй адам катышты, алардын ичинен 20сы кармалды.",
    "6-январга карата 40тан ашык адам каза болду.",
    "Саат 19:40та Каракол шаарында жыйын башталды.",
    "Эки миңден ашуун унаа өрттөлгөнү кабарланды.",
    "Кеминде он беш дүкөн талкаланып, бир нече үй бузулду.",
    "Бир нече миң адам аянтка чогулду.",
    "Жабыркагандардын саны 27ге жетти.",
    "14:30Өкмөт өзгөчө кырдаал жарыялады",
    "Шаарда интернет өчүрүлдү, темир жол каттамы токтотулду.",
    "Абал оор бойдон калууда. Эл көп.",
    "Аскерлер акимчиликтин имаратына кирип кетишти жана терезелерди талкалашты.",
    "Тургундар сабырдуулукка чакырылды pic.twitter.com/Ab12— Кабарчы (@reporter) January 5, 2022",
    "Сүрөт: кабарчыбыздан алынды",
    "Учурда Талас облусундагы абал тынч, деп билдирди ИИМ.",
    "7 адамдын 3ү реанимацияда жатат.",
    "Болжол менен 2,5 миң адам кармалганы айтылууда, бирок расмий тастыктала элек.",
    "20:00дөн кийин комендант сааты киргизилет.",
    "Окуяга байланыштуу 2 кылмыш иши козголду.",
    "Өрт өчүрүүчүлөр 4 саат бою иштешти.",
    "Токмоктогу кагылышта 1 214 киши жабыркады",
    "Эртең менен Баткенде жетөө кармалды, экөөсү бошотулду.",
]

_KY_LOWER = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
_KY_ALPHABET = _KY_LOWER + _KY_LOWER.upper() + "0123456789" + " .,:;!?-—–«»\"'()%\n"
_NUMBER_WORDS = ["бир", "эки", "он", "жүз", "миң", "миллион", "миллиард", "жарым", "нөл"]
_QUALIFIERS = ["жакын", "ашык", "дээрлик", "кеминде", "чейин", "болжол менен", "чакты"]
_CONTROLS = [chr(c) for c in [*range(0, 32), 127]] + [
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\u202e",
    "\r\n",
]
_TAGS = [
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    '<div class="live">',
    "</div>",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<!-- коммент -->",
    "&nbsp;",
    "&amp;",
    "&#1179;",
    "<a href=",
    "<time>14:30</time>",
    "<style>p{}</style>",
    "<",
]


def _sentences(rng: random.Random, k: int) -> list[str]:
    return [rng.choice(SENTENCES) for _ in range(k)]


def gen_unicode(rng: random.Random) -> str:
    """Random Unicode scalar values (no surrogates: decoded files cannot hold them)."""
    out = []
    for _ in range(rng.randint(1, 400)):
        plane = rng.random()
        if plane < 0.5:
            c = rng.randint(32, 0x52F)  # Latin, Greek, Cyrillic
        elif plane < 0.9:
            c = rng.randint(0, 0xFFFF)
        else:
            c = rng.randint(0x10000, 0x10FFFF)
        if 0xD800 <= c <= 0xDFFF:
            c = 0x20
        out.append(chr(c))
    return "".join(out)


def gen_kyrgyz_letters(rng: random.Random) -> str:
    """Kyrgyz letters, digits, punctuation and new lines in random order."""
    return "".join(rng.choice(_KY_ALPHABET) for _ in range(rng.randint(1, 600)))


def _clock(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            f"{rng.randint(0, 29)}:{rng.randint(0, 99):02d}",
            f"{rng.randint(0, 23)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            f"{rng.randint(0, 9)}.{rng.randint(0, 99)}:{rng.randint(0, 99)}",
        ]
    )


def gen_glued_clock(rng: random.Random) -> str:
    """Sentences with clock times glued between them, as scrapers leave live-blog entries."""
    parts = []
    for s in _sentences(rng, rng.randint(1, 12)):
        glue = rng.choice(["", "", " ", "\n", " — ", ". "])
        parts.append(f"{_clock(rng)}{glue}{s}" if rng.random() < 0.6 else s)
    return rng.choice(["", "\n", " "]).join(parts)


def gen_nested_duplicates(rng: random.Random) -> str:
    """Nested page blocks: each block repeats the rest of the page, sometimes edited."""
    lines = [
        f"{_clock(rng)} {s}" if rng.random() < 0.5 else s
        for s in _sentences(rng, rng.randint(2, 10))
    ]
    page = "\n".join(lines)
    for _ in range(rng.randint(1, 4)):
        cut = rng.randint(0, len(page))
        copy = page[cut:]
        if rng.random() < 0.3:
            copy = copy.replace("болду", "болгон", 1)
        page = page + rng.choice(["\n", "", " "]) + copy
    return page


def gen_html(rng: random.Random) -> str:
    """Sentences inside HTML tags, entities and comments, some of them broken."""
    out = []
    for s in _sentences(rng, rng.randint(1, 10)):
        out.append(rng.choice(_TAGS) + s + rng.choice([*_TAGS, ""]))
    return rng.choice(["", "\n"]).join(out)


def gen_controls(rng: random.Random) -> str:
    """Sentences with control characters, separators and invisible marks inserted."""
    text = list(" ".join(_sentences(rng, rng.randint(1, 8))))
    for _ in range(rng.randint(1, 20)):
        text.insert(rng.randint(0, len(text)), rng.choice(_CONTROLS))
    return "".join(text)


def gen_runs(rng: random.Random) -> str:
    """A long run of one character (up to 20 000) inside or between sentences."""
    run = rng.choice([".", " ", "-", "—", ")", "\n", "!", "…", "\u00a0", "1", "а", "А", "«", ":"])
    a, b = _sentences(rng, 2)
    cut = rng.randint(0, len(a))
    n = rng.choice([rng.randint(1, 200), rng.randint(200, 5000), rng.randint(5000, 20_000)])
    if run == "1":
        n = min(n, 15)  # longer digit runs are the number reader's (LEAD_GENERATORS)
    return a[:cut] + run * n + a[cut:] + rng.choice(["", " ", "\n"]) + b


def _mutate_once(rng: random.Random, text: str) -> str:
    if not text:
        return rng.choice(SENTENCES)
    i = rng.randint(0, len(text) - 1)
    j = min(len(text), i + rng.randint(1, 12))
    op = rng.randint(0, 10)
    if op == 0:
        return text[:i] + text[j:]  # delete a span
    if op == 1:
        return text[:j] + text[i:]  # duplicate a span
    if op == 2:
        return text[:i] + rng.choice(_KY_ALPHABET) + text[i:]
    if op == 3:
        return text[:i] + text[i:j].upper() + text[j:]
    if op == 4:
        return text[:i] + str(rng.choice([0, 1, 7, 19, 100, 999, 1000, 2**31, 10**15])) + text[i:]
    if op == 5:
        return text[:i] + " " + rng.choice(_NUMBER_WORDS) + " " + text[i:]
    if op == 6:
        return text[:i] + " " + rng.choice(_QUALIFIERS) + " " + text[i:]
    if op == 7:
        return text.replace(" ", "", 1)  # glue two words
    if op == 8:
        return text[:i] + rng.choice(SENTENCES) + text[i:]  # glue a sentence in
    if op == 9:
        return text[:i] + _clock(rng) + text[i:]
    return text[:i] + rng.choice(_CONTROLS + _TAGS) + text[i:]


def mutate(rng: random.Random, text: str, times: int | None = None) -> str:
    """``text`` after ``times`` (default 1 to 8) random edits: cuts, copies, digits, words."""
    for _ in range(rng.randint(1, 8) if times is None else times):
        text = _mutate_once(rng, text)
    return text


def gen_mutated(rng: random.Random) -> str:
    """Mutations of the fuzzer's Kyrgyz sentences."""
    return mutate(rng, rng.choice(["\n", " ", ""]).join(_sentences(rng, rng.randint(1, 6))))


#: Generators of hostile input, by name.
GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "unicode": gen_unicode,
    "kyrgyz_letters": gen_kyrgyz_letters,
    "glued_clock": gen_glued_clock,
    "nested_duplicates": gen_nested_duplicates,
    "html": gen_html,
    "controls": gen_controls,
    "runs": gen_runs,
    "mutated": gen_mutated,
}


def gen_lead_huge(rng: random.Random) -> str:
    """Counts beyond int64, thousands of digits, huge numbers before a decimal scale."""
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([19, 20, 25, 5000])))
    digits = str(rng.randint(1, 9)) + digits
    return rng.choice(
        [
            f"Бишкекте {digits} адам жаракат алды.",
            f"{2**63} адам кармалды.",
            f"Ошто {digits[:30]}.5 миң адам чогулду.",
            f"{digits}",
        ]
    )


def gen_lead_words(rng: random.Random) -> str:
    """Number words the reader does not finish: ``миллион 1e``, words starting with ``нече``."""
    return rng.choice(
        [
            "миллион 1e адам",
            f"Шаарда {rng.choice(['нечен', 'нечендеген', 'нечеге', 'нечее'])} адам кармалды.",
            "Бир миллион 1e",
        ]
    )


#: Shapes that once crashed the number reader (issue 10): now no count, never an exception.
LEAD_GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "lead_huge_numbers": gen_lead_huge,
    "lead_number_words": gen_lead_words,
}

_ROOT = Path(__file__).resolve().parents[1]

#: Modules whose crashes belong to the number reader / figure rules rewrite.
LEAD_MODULES = re.compile(r"analysis[/\\](?:numerals|figures|morph|rules_\w+|reading)\.py$")


def generate(n: int, seed: int = 0, *, lead: bool = False) -> list[tuple[str, str]]:
    """``n`` inputs as ``(generator name, text)``, the same for the same seed.

    Parameters
    ----------
    n : int
    seed : int, default 0
    lead : bool, default False
        Include :data:`LEAD_GENERATORS`.

    Returns
    -------
    list of tuple
    """
    rng = random.Random(seed)
    gens = {**GENERATORS, **(LEAD_GENERATORS if lead else {})}
    names = sorted(gens)
    out = []
    for _ in range(n):
        name = rng.choice(names)
        out.append((name, gens[name](rng)))
    return out


@dataclass(frozen=True)
class Finding:
    """One failure: what broke, where, and a signature that identifies the same failure."""

    kind: str  # exception | invariant
    stage: str  # clean | timeline | extract
    message: str
    signature: tuple
    owner: str = ""  # "lead" when it is inside the number reader / figure rules


def _where(exc: BaseException) -> tuple[str, int, str]:
    """The innermost frame of ``exc`` inside the package: (file, line, function)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/analysis/" in f.filename]
    if not frames:
        frames = traceback.extract_tb(exc.__traceback__)[-1:]
    f = frames[-1]
    return (f.filename, f.lineno or 0, f.name)


def _span_text(raw: str, start: int, end: int) -> str:
    return " ".join(raw[start:end].split())


def check_text(text: str) -> list[Finding]:
    """Run clean, timeline and extract on ``text`` and return every broken promise.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of Finding
        Empty when all is well. A stage that raises stops the later stages that need it.
    """
    from analysis.clean import clean_segments
    from analysis.figures import extract_figures
    from analysis.timeline import timeline_from_segments

    found: list[Finding] = []

    def broke(stage: str, what: str, detail: str = "") -> None:
        found.append(
            Finding(
                "invariant",
                stage,
                f"{what}{': ' + detail if detail else ''}",
                ("invariant", stage, what),
            )
        )

    def raised(stage: str, exc: BaseException) -> None:
        where = _where(exc)
        owner = "lead" if LEAD_MODULES.search(where[0]) else ""
        path = Path(where[0]).resolve()
        shown = path.name if path.is_relative_to(_ROOT) else f"{path} (outside this checkout)"
        message = f"{type(exc).__name__}: {str(exc)[:200]} at {shown}:{where[1]}"
        found.append(
            Finding(
                "exception", stage, message, ("exception", stage, type(exc).__name__, where), owner
            )
        )

    try:
        seg = clean_segments(text)
    except Exception as exc:
        raised("clean", exc)
        return found
    if not seg["segment_id"].is_unique:
        broke("clean", "segment ids not unique")
    for row in seg.itertuples(index=False):
        if not 0 <= row.start <= row.end <= len(text):
            broke("clean", "segment span outside the text", f"{row.segment_id}")
        elif _span_text(text, row.start, row.end) != row.text:
            broke("clean", "segment span != text", f"segment {row.segment_id}: {row.text!r}")
    try:
        tl = timeline_from_segments(seg)
    except Exception as exc:
        raised("timeline", exc)
    else:
        if not tl["entry_id"].is_unique:
            broke("timeline", "entry ids not unique")
        if len(tl) and not ((tl["start"] <= tl["end"]) & (tl["end"] <= len(text))).all():
            broke("timeline", "entry span outside the text")
    try:
        figs = extract_figures(text, segments=seg)
    except Exception as exc:
        raised("extract", exc)
        return found
    if not figs["figure_id"].is_unique:
        broke("extract", "figure ids not unique")
    for row in figs.itertuples(index=False):
        if _span_text(text, row.start, row.end) != row.quote:
            broke("extract", "figure quote != span", f"{row.figure_id}: {row.quote!r}")
        value, low, high = row.value, row.low, row.high
        # "more than 100" is [101, open]: its low is value + 1 by definition.
        slack = 1 if row.qualifier == "more_than" else 0
        if not pd.isna(value):
            if not pd.isna(low) and low > value + slack:
                broke("extract", "low > value", f"{row.figure_id}: {low} > {value}")
            if not pd.isna(high) and value > high:
                broke("extract", "value > high", f"{row.figure_id}: {value} > {high}")
        if not pd.isna(low) and not pd.isna(high) and low > high:
            broke("extract", "low > high", f"{row.figure_id}: {low} > {high}")
    return found


def shrink(text: str, still_fails: Callable[[str], bool], budget: int = 2000) -> str:
    """The smallest part of ``text`` that still fails (delta debugging, then single chars).

    Parameters
    ----------
    text : str
        A failing input.
    still_fails : callable
        True when a candidate fails the same way.
    budget : int, default 2000
        At most this many calls of ``still_fails``.

    Returns
    -------
    str
    """
    calls = 0
    chunks = 2
    while len(text) > 1 and calls < budget:
        size = max(1, len(text) // chunks)
        reduced = False
        for start in range(0, len(text), size):
            candidate = text[:start] + text[start + size :]
            calls += 1
            if candidate and still_fails(candidate):
                text, reduced = candidate, True
                chunks = max(chunks - 1, 2)
                break
            if calls >= budget:
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(text), chunks * 2)
    return text


def _same_failure(signature: tuple) -> Callable[[str], bool]:
    def fails(candidate: str) -> bool:
        return any(f.signature == signature for f in check_text(candidate))

    return fails


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; returns 1 when it found an exception, a violation or a slow input."""
    p = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=10_000, help="number of inputs (default 10000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the generators (default 0)")
    p.add_argument("--slow", type=float, default=1.0, help="CPU seconds that make an input slow")
    p.add_argument("--lead", action="store_true", help="add the number reader's known crashes")
    p.add_argument("--out", default="test-artifacts/fuzz", help="folder for failing inputs")
    args = p.parse_args(argv)

    from analysis.clean import clean_segments

    clean_segments("Абал.")  # load vocabularies outside the timing
    check_text("Бишкекте 12 адам жаракат алды.")
    failures: dict[tuple, tuple[Finding, str, str]] = {}  # signature -> (finding, gen, text)
    slow: list[tuple[float, str, str]] = []
    counts = {"inputs": 0, "calls": 0}
    started = time.perf_counter()
    for k, (gen, text) in enumerate(generate(args.n, args.seed, lead=args.lead), start=1):
        t0 = time.process_time()
        findings = check_text(text)
        cpu = time.process_time() - t0
        counts["inputs"] += 1
        counts["calls"] += 3
        if cpu > args.slow and len(text.encode("utf-8")) < 20_000:
            slow.append((cpu, gen, text))
        for f in findings:
            failures.setdefault(f.signature, (f, gen, text))
        if k % 1000 == 0:
            print(
                f"{k} inputs, {len(failures)} distinct failures, {len(slow)} slow, "
                f"{time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )

    out = Path(args.out)
    print(
        f"fuzz: {counts['inputs']} inputs (seed {args.seed}), {counts['calls']} library calls, "
        f"{time.perf_counter() - started:.0f} s"
    )
    exceptions = [v for v in failures.values() if v[0].kind == "exception"]
    violations = [v for v in failures.values() if v[0].kind == "invariant"]
    print(
        f"exceptions: {len(exceptions)} distinct; invariant violations: {len(violations)} "
        f"distinct; slow inputs (> {args.slow} s CPU, < 20 kB): {len(slow)}"
    )
    for n, (f, gen, text) in enumerate(sorted(failures.values(), key=lambda v: v[0].signature)):
        small = shrink(text, _same_failure(f.signature))
        owner = " [number reader / figure rules: lead]" if f.owner else ""
        print(
            f"\n{f.kind} in {f.stage}{owner}: {f.message}\n  generator {gen}, "
            f"{len(text)} chars; smallest input: {small!r}"
        )
        out.mkdir(parents=True, exist_ok=True)
        (out / f"failure-{n:03d}.txt").write_text(text, encoding="utf-8")
    for n, (cpu, gen, text) in enumerate(sorted(slow, reverse=True)[:20]):
        print(f"\nslow: {cpu:.2f} s CPU, generator {gen}, {len(text)} chars: {text[:120]!r}...")
        out.mkdir(parents=True, exist_ok=True)
        (out / f"slow-{n:03d}.txt").write_text(text, encoding="utf-8")
    return 1 if failures or slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
