"""Command line: ``python -m analysis COMMAND``.

Each command parses its flags and calls one public function of the package;
all logic lives in the library. Bad input is one line on standard error and
exit status 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from analysis.sources import InputError, load_raw

EXIT_BAD_INPUT = 2


def _emit(frame: pd.DataFrame, fmt: str = "csv") -> None:
    """Print a table to standard output as CSV or JSON records."""
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))


def cmd_segments(args: argparse.Namespace) -> int:
    from analysis.clean import clean_segments

    _emit(clean_segments(load_raw(args.path)), args.format)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from analysis.figures import extract_figures
    from analysis.sources import metadata

    text = load_raw(args.path)
    # The year of "as of 5 January" comes from the raw file's metadata when it has one.
    meta = metadata(args.path) if args.path != "-" else None
    published = str((meta or {}).get("published", ""))
    year = int(published[:4]) if published[:4].isdigit() else None
    _emit(extract_figures(text, year=year), args.format)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import evaluate_file, format_report

    sys.stdout.write(format_report(evaluate_file(args.gold)))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from analysis.sources import metadata
    from analysis.timeline import timeline_table

    text = load_raw(args.path)
    # the day and the publisher's clock come from the raw file's sidecar, when it has one
    meta = (metadata(args.path) if args.path != "-" else None) or {}
    table = timeline_table(
        text,
        date=meta.get("published"),
        timezone=meta.get("timezone"),
        source=meta.get("credit"),
    )
    _emit(table, args.format)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from analysis.publish import publish

    out = publish(args.raw, args.out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.report import build

    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    build(raw=args.raw, langs=langs, out=args.out)
    return 0


def cmd_track(args: argparse.Namespace) -> int:
    from analysis.tracker import track

    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    track(
        args.corpus,
        args.out,
        langs=langs,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        cache=False if args.no_cache else (args.cache or True),
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    from analysis import config

    p = argparse.ArgumentParser(
        prog="python -m analysis",
        description="qantar: traceable figures, tables and reports from scraped Kyrgyz news.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    def fmt(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--format", choices=["csv", "json"], default="csv", help="output format")

    sp = add("segments", cmd_segments, "Print the clean, de-duplicated segments of a raw article.")
    sp.add_argument("path", help="raw article (UTF-8 text), or - for standard input")
    fmt(sp)

    sp = add("extract", cmd_extract, "Print every figure stated in a raw article.")
    sp.add_argument("path", help="raw article (UTF-8 text), or - for standard input")
    fmt(sp)

    sp = add("evaluate", cmd_evaluate, "Score the extractor against a gold JSONL file.")
    sp.add_argument("gold", help="JSONL with id, text and expect (measure|group|value|qualifier)")

    sp = add("timeline", cmd_timeline, "Print the live-blog timeline (one row per entry).")
    sp.add_argument("path", help="raw article (UTF-8 text), or - for standard input")
    fmt(sp)

    sp = add("publish", cmd_publish, "Write tables, data package and SQLite to a folder.")
    sp.add_argument("--raw", default=str(config.SEED_RAW), help="raw article")
    sp.add_argument("--out", default=str(config.PROCESSED), help="output folder")

    sp = add("build", cmd_build, "Run the notebooks and render the HTML reports.")
    sp.add_argument("--raw", default=str(config.SEED_RAW), help="raw article")
    sp.add_argument("--lang", default="ky,ru,en", help="report languages, comma-separated")
    sp.add_argument("--out", default=str(config.REPORTS), help="report folder")

    sp = add(
        "track",
        cmd_track,
        "Track a story over many articles: claims, series, flags, charts and pages.",
    )
    sp.add_argument(
        "corpus", help="folder of raw articles with .meta.json sidecars or a manifest.csv"
    )
    sp.add_argument("--out", default=None, help="output folder (default build/tracker/<corpus>)")
    sp.add_argument("--lang", default="ky,ru,en", help="page languages, comma-separated")
    sp.add_argument(
        "--engine", choices=["local", "dask"], default="local", help="where articles are read"
    )
    sp.add_argument("--workers", type=int, default=None, help="processes or Dask workers")
    sp.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786)")
    sp.add_argument("--cache", default=None, help="cache folder (default <out>/.cache)")
    sp.add_argument("--no-cache", action="store_true", help="read every article again")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
