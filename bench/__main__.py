"""Run every benchmark module in ``bench/`` that defines ``run()`` and print its results.

``python -m bench`` runs them all; ``python -m bench extract`` runs only the named ones.
Each ``run()`` returns a mapping of result names to values (or prints its own lines).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Discover, run and print the benchmarks; returns the exit status."""
    wanted = set(sys.argv[1:] if argv is None else argv)
    here = Path(__file__).resolve().parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if info.name.startswith("_") or (wanted and info.name not in wanted):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        run = getattr(module, "run", None)
        if not callable(run):
            continue
        print(f"== bench.{info.name}", flush=True)
        results = run()
        for key, value in (results or {}).items():
            print(f"{key}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
