"""qantar: checked, traceable figures from scraped Kyrgyz and Russian news.

The front door for a notebook::

    import analysis as qa

    article = qa.read_article("page.html")           # text, metadata, story
    figures = qa.extract_figures(article.text, year=article.year)
    tables = qa.build_tables(article.text, meta=article.meta)
    qa.check_figures(tables["figures"])
    qa.plot_injuries(tables["injuries"], lang="en")
    qa.build("page.html", langs=["en"], publisher="Kaktus.media", published="2022-01-05")

The pipeline runs one way, one module per stage::

    article -> clean -> figures / timeline -> tables, checks -> publish, plots -> report, render

Every name below is imported on first use, so ``import analysis`` stays instant and a
command that needs no charts never loads matplotlib.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> module that defines it.
_PUBLIC = {
    # reading and adding articles
    "read_article": "analysis.article",
    "add_article": "analysis.article",
    "Article": "analysis.article",
    "read_page": "analysis.page",
    # clean
    "clean_segments": "analysis.clean",
    "detect_language": "analysis.clean",
    "segments_to_text": "analysis.clean",
    # extract
    "extract_figures": "analysis.figures",
    "timeline_table": "analysis.timeline",
    "find_places": "analysis.geo",
    # numbers: every number mention, a figure or not and why (with the language readers)
    "numbers_table": "analysis.figures",
    # tables and checks
    "build_tables": "analysis.tables",
    "figures_table": "analysis.tables",
    "injuries_table": "analysis.tables",
    "vehicles_table": "analysis.tables",
    "businesses_table": "analysis.tables",
    "buildings_table": "analysis.tables",
    "crowds_table": "analysis.tables",
    "check_figures": "analysis.checks",
    "read_annotations": "analysis.annotations",
    # plots
    "plot_injuries": "analysis.plots",
    "plot_vehicles": "analysis.plots",
    "plot_businesses": "analysis.plots",
    "plot_buildings": "analysis.plots",
    "plot_timeline": "analysis.plots_timeline",
    "plot_map": "analysis.plots_timeline",
    # publish and build ("publish" itself names the module analysis.publish)
    "publish_tables": "analysis.publish",
    "read_published": "analysis.publish",
    "build": "analysis.render",
}

__all__ = sorted(_PUBLIC)


#: Front-door names that differ from the name in their module.
_ALIASES = {"publish_tables": "publish"}


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module(module), _ALIASES.get(name, name))
    except (ImportError, AttributeError) as exc:
        raise AttributeError(f"analysis.{name} is not available ({exc})") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
