"""Score the figure extractor against gold passages: precision, recall and F1.

A gold file is JSON Lines, one passage a line: ``{"id", "text", "expect": [...]}`` where each
expected figure is the key ``measure|group|value|qualifier``. Extraction runs on the passage
alone (no cleaner metadata, no year). Keys are matched as multisets per passage: a figure
stated twice must be found twice. Extracted figures whose measure is outside the vocabulary
(:data:`analysis.figures.MEASURES`) are not counted against the extractor. A false hit or a
miss counts against the overall scores and against its measure's scores.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.figures import MEASURES, extract_figures
from analysis.sources import InputError, decode_text, read_bytes

__all__ = ["evaluate_file", "evaluate_passages", "format_report", "read_gold", "score"]


def read_gold(path: str | Path) -> list[dict]:
    """Passages of a gold JSONL file; raises :class:`InputError` on a malformed line."""
    data, name = read_bytes(path)
    passages = []
    for n, line in enumerate(decode_text(data, name).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise InputError(f"{name}:{n}: not a JSON object") from None
        if not isinstance(item, dict) or "text" not in item or "expect" not in item:
            raise InputError(f"{name}:{n}: a passage needs 'text' and 'expect'")
        for key in item["expect"]:
            if len(str(key).split("|")) != 4:
                raise InputError(f"{name}:{n}: {key!r} is not measure|group|value|qualifier")
        passages.append({"id": str(item.get("id", n)), **item})
    if not passages:
        raise InputError(f"{name}: no passages")
    return passages


def _keys(figures: pd.DataFrame) -> list[str]:
    """``measure|group|value|qualifier`` of extracted figures in the vocabulary."""
    inside = figures[figures["measure"].isin(MEASURES)]
    return [f"{r.measure}|{r.group}|{r.value}|{r.qualifier}" for r in inside.itertuples()]


def score(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (1.0 when there is nothing to find or miss)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def evaluate_passages(passages: list[dict]) -> dict:
    """Score extraction on passages (``id``, ``text``, ``expect``).

    Parameters
    ----------
    passages : list of dict
        As returned by :func:`read_gold`.

    Returns
    -------
    dict
        ``overall`` (tp, fp, fn, precision, recall, f1), ``by_measure`` (a DataFrame with
        one row per measure), ``misses`` and ``false_hits`` (DataFrames with ``id`` and
        ``key``).
    """
    misses, hits, false_hits = [], [], []
    for item in passages:
        got = Counter(_keys(extract_figures(item["text"])))
        want = Counter(str(k) for k in item["expect"])
        for key, n in (got & want).items():
            hits += [(item["id"], key)] * n
        for key, n in (want - got).items():
            misses += [(item["id"], key)] * n
        for key, n in (got - want).items():
            false_hits += [(item["id"], key)] * n
    cols = ["id", "key"]
    frames = {
        "tp": pd.DataFrame(hits, columns=cols),
        "fn": pd.DataFrame(misses, columns=cols),
        "fp": pd.DataFrame(false_hits, columns=cols),
    }
    rows = []
    measures = sorted(
        {k.split("|")[0] for f in frames.values() for k in f["key"]},
        key=lambda m: (MEASURES.index(m) if m in MEASURES else len(MEASURES), m),
    )
    for measure in measures:
        counts = {
            name: int((f["key"].str.split("|").str[0] == measure).sum())
            for name, f in frames.items()
        }
        rows.append(
            {"measure": measure, **counts, **score(counts["tp"], counts["fp"], counts["fn"])}
        )
    by_measure = pd.DataFrame(
        rows, columns=["measure", "tp", "fp", "fn", "precision", "recall", "f1"]
    )
    tp, fp, fn = (len(frames[k]) for k in ("tp", "fp", "fn"))
    return {
        "passages": len(passages),
        "overall": {"tp": tp, "fp": fp, "fn": fn, **score(tp, fp, fn)},
        "by_measure": by_measure,
        "misses": frames["fn"],
        "false_hits": frames["fp"],
    }


def evaluate_file(path: str | Path) -> dict:
    """Score the extractor against a gold JSONL file; see :func:`evaluate_passages`."""
    return evaluate_passages(read_gold(path))


def format_report(result: dict) -> str:
    """A plain-text report: overall and per-measure scores, then every miss and false hit."""
    o = result["overall"]
    lines = [
        f"passages: {result['passages']}",
        f"overall: precision {o['precision']:.3f}  recall {o['recall']:.3f}  f1 {o['f1']:.3f}"
        f"  (tp {o['tp']}, fp {o['fp']}, fn {o['fn']})",
        "",
        f"{'measure':<22}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}{'f1':>7}",
    ]
    for r in result["by_measure"].itertuples():
        lines.append(
            f"{r.measure:<22}{r.tp:>4}{r.fp:>4}{r.fn:>4}{r.precision:>11.3f}{r.recall:>8.3f}"
            f"{r.f1:>7.3f}"
        )
    lines.append("")
    lines.append(f"misses ({len(result['misses'])}):")
    lines += [f"  {r.id}: {r.key}" for r in result["misses"].itertuples()]
    lines.append(f"false hits ({len(result['false_hits'])}):")
    lines += [f"  {r.id}: {r.key}" for r in result["false_hits"].itertuples()]
    return "\n".join(lines) + "\n"
