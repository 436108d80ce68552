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

from analysis.sources import InputError

EXIT_BAD_INPUT = 2

#: Flag -> metadata field, for commands that take an article's metadata.
META_FLAGS = {
    "story": "story",
    "title": "title",
    "publisher": "publisher",
    "date": "published",
    "url": "url",
}


def _emit(frame: pd.DataFrame, fmt: str = "csv") -> None:
    """Print a table to standard output as CSV or JSON records."""
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))


def _given(args: argparse.Namespace, lang_flag: str = "lang") -> dict:
    """Metadata given as flags (only those set)."""
    given = {field: getattr(args, flag, None) for flag, field in META_FLAGS.items()}
    given["language"] = getattr(args, lang_flag, None)
    return {k: v for k, v in given.items() if v}


def _article(path: str):
    """The article at ``path`` (text or saved web page) via :func:`read_article`."""
    from analysis.article import read_article

    return read_article(path)


def cmd_add(args: argparse.Namespace) -> int:
    from analysis.article import add_article

    path = add_article(args.path, args.raw_dir, **_given(args))
    print(path)
    story = json.loads(path.with_name(path.stem + ".meta.json").read_text("utf-8"))["story"]
    print(f"added; build the reports with: qantar build --story {story}", file=sys.stderr)
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    from analysis import config

    print(config.SEED_RAW)
    return 0


def cmd_segments(args: argparse.Namespace) -> int:
    from analysis.clean import clean_segments

    _emit(clean_segments(_article(args.path).text), args.format)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from analysis.figures import extract_figures

    article = _article(args.path)
    # The year of "as of 5 January" comes from the article's metadata when it has one.
    _emit(extract_figures(article.text, year=article.year), args.format)
    return 0


def cmd_numbers(args: argparse.Namespace) -> int:
    from analysis.figures import numbers_table

    article = _article(args.path)
    _emit(numbers_table(article.text, year=article.year), args.format)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluate import evaluate_file, format_report

    sys.stdout.write(format_report(evaluate_file(args.gold)))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from analysis.timeline import timeline_table

    article = _article(args.path)
    # the day and the publisher's clock come from the raw file's sidecar, when it has one
    meta = article.meta
    table = timeline_table(
        article.text,
        date=meta.get("published"),
        timezone=meta.get("timezone"),
        source=meta.get("credit"),
    )
    _emit(table, args.format)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from analysis.article import read_article
    from analysis.publish import publish

    article = read_article(args.raw, **_given(args, "article_lang"))
    out = publish(out_dir=args.out, article=article)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.article import read_article
    from analysis.render import NOTEBOOKS, REPORT_NOTEBOOK, build

    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    article = read_article(args.raw, **_given(args, "article_lang"))
    notebooks = (REPORT_NOTEBOOK,) if args.no_examples else NOTEBOOKS
    build(article=article, langs=langs, out=args.out, processed=args.processed, notebooks=notebooks)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    from analysis.render import NOTEBOOKS, REPORT_NOTEBOOK
    from analysis.watch import watch

    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    notebooks = (REPORT_NOTEBOOK,) if args.no_examples else NOTEBOOKS
    return watch(
        args.raw,
        interval=args.interval,
        given=_given(args, "article_lang"),
        langs=langs,
        out=args.out,
        processed=args.processed,
        notebooks=notebooks,
    )


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
        prog="qantar",
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

    sp = add(
        "numbers",
        cmd_numbers,
        "Print every number of a raw article: a figure, not a count (and why), or unread.",
    )
    sp.add_argument("path", help="raw article (UTF-8 text), or - for standard input")
    fmt(sp)

    sp = add("evaluate", cmd_evaluate, "Score the extractor against a gold JSONL file.")
    sp.add_argument("gold", help="JSONL with id, text and expect (measure|group|value|qualifier)")

    sp = add("timeline", cmd_timeline, "Print the live-blog timeline (one row per entry).")
    sp.add_argument("path", help="raw article (UTF-8 text), or - for standard input")
    fmt(sp)

    def meta(sp: argparse.ArgumentParser, lang_flag: str = "--lang") -> None:
        sp.add_argument("--story", help="story name (outputs go to data/processed/STORY, ...)")
        sp.add_argument("--title", help="the article's title")
        sp.add_argument("--publisher", help="who published it")
        sp.add_argument("--date", help="publication date, YYYY-MM-DD")
        sp.add_argument("--url", help="where it was published")
        sp.add_argument(lang_flag, help="the article's language (default: detected)")

    def article(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--raw",
            help="raw article, text or saved web page (default: the story named by --story "
            f"in data/raw, else the bundled example {config.SEED_RAW.name})",
        )
        meta(sp, "--article-lang")

    def reports(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--lang", default="ky,ru,en", help="report languages, comma-separated")
        sp.add_argument("--out", help="report folder (default: reports/STORY)")
        sp.add_argument("--processed", help="table folder (default: data/processed/STORY)")
        sp.add_argument(
            "--no-examples",
            action="store_true",
            help="only the report pages: skip the worked-example notebooks (01-03)",
        )

    sp = add(
        "add",
        cmd_add,
        "Copy an article (text or saved web page) into data/raw with its metadata.",
    )
    sp.add_argument("path", help="UTF-8 text file or saved HTML page")
    sp.add_argument("--raw-dir", help="where raw articles are kept (default: data/raw)")
    meta(sp)

    add("example", cmd_example, "Print the path of the bundled example article.")

    sp = add("publish", cmd_publish, "Write tables, data package and SQLite to a folder.")
    article(sp)
    sp.add_argument("--out", help="output folder (default: data/processed/STORY)")

    sp = add("build", cmd_build, "Publish the tables, run the notebooks, render the HTML reports.")
    article(sp)
    reports(sp)

    sp = add(
        "watch",
        cmd_watch,
        "Build the reports, then build them again each time the article, its sidecar, its "
        "annotations or a notebook changes (kernels kept warm; Ctrl-C stops).",
    )
    article(sp)
    reports(sp)
    sp.add_argument(
        "--interval", type=float, default=0.5, help="seconds between looks at the files"
    )

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
