"""Every table's schema, defined once: columns, types, allowed values and keys.

One :class:`Table` per published table. From it come

* the pandera schema that checks a frame where a stage makes it (:func:`validate`),
* the Frictionless table schema in ``datapackage.json`` (:func:`frictionless_schema`),
* the SQLite column types (:func:`sqlite_columns`),
* the README data dictionary (:func:`data_dictionary_markdown`).

Regenerate the README's data dictionary after changing a schema with::

    python -m analysis.schemas --write-readme
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pandera is imported where a frame is validated (it takes ~0.3 s)
    import pandera.pandas as pa

__all__ = [
    "ALL_GROUPS",
    "BUILDING_TYPES",
    "BUSINESS_TYPES",
    "CHECK_NAMES",
    "CHECK_STATUSES",
    "FAMILY_OF_MEASURE",
    "FLAG_KINDS",
    "GROUPS_OF_FAMILY",
    "INJURY_STATUSES",
    "MEASURES",
    "PEOPLE_GROUPS",
    "QUALIFIERS",
    "TABLES",
    "VEHICLE_TYPES",
    "Column",
    "Table",
    "as_integers",
    "conform",
    "data_dictionary_markdown",
    "frictionless_schema",
    "sqlite_columns",
    "update_readme",
    "validate",
]

# --- vocabulary -------------------------------------------------------------------------------

#: What a figure counts; the extractor's vocabulary.
MEASURES = (
    "killed",
    "injured",
    "casualties",
    "hospitalized",
    "intensive_care",
    "detained",
    "crowd_size",
    "vehicles_destroyed",
    "buildings_destroyed",
    "businesses_affected",
)
PEOPLE_GROUPS = (
    "total",
    "police",
    "military",
    "civilians",
    "protesters",
    "children",
    "women",
    "foreigners",
    "other",
)
VEHICLE_TYPES = (
    "total",
    "police_car",
    "ambulance",
    "fire_engine",
    "truck",
    "fuel_tanker",
    "bus",
    "car",
    "other",
)
BUILDING_TYPES = ("total", "administrative", "police_post", "house", "other")
BUSINESS_TYPES = ("total", "shop", "office", "catering", "bank", "other")
ALL_GROUPS = tuple(dict.fromkeys(PEOPLE_GROUPS + VEHICLE_TYPES + BUILDING_TYPES + BUSINESS_TYPES))
#: Which group vocabulary a measure's ``group`` comes from.
FAMILY_OF_MEASURE = {
    "killed": "people",
    "injured": "people",
    "casualties": "people",
    "hospitalized": "people",
    "intensive_care": "people",
    "detained": "people",
    "crowd_size": "people",
    "vehicles_destroyed": "vehicles",
    "buildings_destroyed": "buildings",
    "businesses_affected": "businesses",
}
GROUPS_OF_FAMILY = {
    "people": PEOPLE_GROUPS,
    "vehicles": VEHICLE_TYPES,
    "buildings": BUILDING_TYPES,
    "businesses": BUSINESS_TYPES,
}
#: ``exact`` n = [n, n]; the extractor documents the intervals of the others.
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "up_to", "several")
INJURY_STATUSES = ("injured", "hospitalized", "intensive_care")
CHECK_NAMES = (
    "parts_vs_total",
    "subset_vs_parent",
    "stated_twice",
    "repeated_text",
    "derived",
    "annotation",
)
CHECK_STATUSES = ("ok", "warn", "fail", "info")
ANNOTATION_KINDS = ("note", "attribution", "correction", "caveat", "addition", "removal")
NUMBER_STATUSES = ("figure", "not_a_count", "unread")
LANGUAGES = ("ky", "ru", "en", "und")

_FIGURE_ID = r"^[FDM]\d{3,}$"
_FIGURE_ID_OR_EMPTY = r"^(?:[FDM]\d{3,})?$"


# --- the schema model -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column: name, kind, meaning and what values it may hold.

    ``kind`` is ``string``, ``integer`` (never missing), ``integer?`` (may be
    missing, ``<NA>`` / empty cell), ``number?`` (float, NaN / empty cell when
    missing) or ``boolean``. ``empty_ok`` lets a string
    column hold ``""`` (unknown / not applicable).
    """

    name: str
    kind: str
    description: str
    allowed: tuple[str, ...] | None = None
    empty_ok: bool = False
    pattern: str | None = None
    minimum: int | None = None


@dataclass(frozen=True)
class Table:
    """A published table: its columns, primary key and foreign keys."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def names(self) -> list[str]:
        """Column names in order."""
        return [c.name for c in self.columns]


_PANDAS_DTYPE = {
    "string": "str",
    "integer": "int64",
    "integer?": "Int64",
    "number?": "float64",
    "boolean": "bool",
}
_FRICTIONLESS_TYPE = {
    "string": "string",
    "integer": "integer",
    "integer?": "integer",
    "number?": "number",
    "boolean": "boolean",
}
_SQLITE_TYPE = {"string": str, "integer": int, "integer?": int, "number?": float, "boolean": int}


def _c(name, kind, description, **kw) -> Column:
    """Shorthand for :class:`Column`."""
    return Column(name, kind, description, **kw)


def _interval_columns() -> tuple[Column, ...]:
    """value / low / high / qualifier, shared by every figure table."""
    return (
        _c(
            "value",
            "integer?",
            "The number as written (the unit multiplied in: 'three thousand' is 3000).",
        ),
        _c("low", "integer?", "Lowest count the wording allows (interval arithmetic)."),
        _c(
            "high",
            "integer?",
            "Highest count the wording allows; empty = no upper bound ('more than').",
        ),
        _c("qualifier", "string", "How the number is hedged.", allowed=QUALIFIERS),
    )


def _breakdown(
    name: str, title: str, description: str, dims: tuple[tuple[str, str, tuple], ...]
) -> Table:
    """A long table of one family of figures, one observation a row; dims: (name, doc, allowed)."""
    return Table(
        name=name,
        title=title,
        description=description,
        columns=(
            _c("figure_id", "string", "The figure (row of `figures`).", pattern=_FIGURE_ID),
            _c(
                "place",
                "string",
                "Where: gazetteer id (`analysis/resources/gazetteer.csv`); empty if unknown.",
                empty_ok=True,
            ),
            _c(
                "as_of",
                "string",
                "Date the figure refers to: ISO `YYYY-MM-DD`, or `--MM-DD` without a "
                "year; empty if not stated.",
                empty_ok=True,
            ),
            *(_c(dim, "string", doc, allowed=allowed) for dim, doc, allowed in dims),
            *_interval_columns(),
            _c(
                "parent_id",
                "string",
                "The total this figure is part of; empty for a total.",
                empty_ok=True,
                pattern=_FIGURE_ID_OR_EMPTY,
            ),
            _c("derived", "boolean", "True when computed by this project, not stated in the text."),
            _c(
                "formula",
                "string",
                "How a derived figure was computed from figure ids; empty if reported.",
                empty_ok=True,
            ),
            _c(
                "source",
                "string",
                "Who the figure is attributed to (from annotations); empty if unknown.",
                empty_ok=True,
            ),
        ),
        primary_key=("figure_id",),
        foreign_keys=(("figure_id", "figures", "figure_id"),),
    )


FIGURES = Table(
    name="figures",
    title="Figures",
    description=(
        "Every figure stated in the article, one a row, with its exact quote and character span, "
        "plus figures derived by arithmetic (marked `derived`, with their formula). Annotations add "
        "sources and corrections; the quote is never changed."
    ),
    columns=(
        _c(
            "figure_id",
            "string",
            "Stable id: F001... in reading order; D001... for derived figures; M001... for "
            "figures a reporter added (annotation kind `addition`).",
            pattern=_FIGURE_ID,
        ),
        _c("segment_id", "integer", "The clean segment the figure was read from.", minimum=1),
        _c("entry_id", "integer", "Live-blog entry of that segment (0 = the lead).", minimum=0),
        _c(
            "time",
            "string",
            "The entry's time stamp as written; empty for the lead or undated.",
            empty_ok=True,
        ),
        _c("measure", "string", "What is counted.", allowed=MEASURES),
        _c("group", "string", "Who or what is counted; `total` for the whole.", allowed=ALL_GROUPS),
        *_interval_columns(),
        _c(
            "place",
            "string",
            "Where: gazetteer id (`analysis/resources/gazetteer.csv`); empty if unknown.",
            empty_ok=True,
        ),
        _c(
            "as_of",
            "string",
            "Date the figure refers to: ISO `YYYY-MM-DD`, or `--MM-DD` without a "
            "year; empty if not stated.",
            empty_ok=True,
        ),
        _c(
            "parent_id",
            "string",
            "The total this figure is part of; empty for a total.",
            empty_ok=True,
            pattern=_FIGURE_ID_OR_EMPTY,
        ),
        _c(
            "quote",
            "string",
            "The words the figure comes from, as in the raw text (whitespace collapsed); "
            "for a derived figure, the words of the figures it was computed from.",
            empty_ok=True,
        ),
        _c(
            "start",
            "integer",
            "Character offset of the quote in the raw text (Python str index).",
            minimum=0,
        ),
        _c("end", "integer", "Character offset just after the quote.", minimum=0),
        _c("derived", "boolean", "True when computed by this project, not stated in the text."),
        _c(
            "formula",
            "string",
            "How a derived figure was computed from figure ids; empty if reported.",
            empty_ok=True,
        ),
        _c(
            "source",
            "string",
            "Who the figure is attributed to (from annotations); empty if unknown.",
            empty_ok=True,
        ),
        _c(
            "annotation_ids",
            "string",
            "Annotations (notes, caveats, corrections) that apply, joined by ';'.",
            empty_ok=True,
        ),
        _c(
            "lang",
            "string",
            "Language of the quoted words (`ky`, `ru`): which reader read them.",
            empty_ok=True,
        ),
        _c(
            "corrections",
            "string",
            "Fields changed by annotations: `field: old -> new (annotation)`, joined by '; '.",
            empty_ok=True,
        ),
    ),
    primary_key=("figure_id",),
)

INJURIES = _breakdown(
    "injuries",
    "Injuries",
    "People hurt, by status (injured, hospitalized, in intensive care) and group.",
    (
        ("status", "How badly: injured (any), hospitalized, intensive_care.", INJURY_STATUSES),
        ("group", "Who: police, civilians, ...; `total` for everyone.", PEOPLE_GROUPS),
    ),
)
VEHICLES = _breakdown(
    "vehicles",
    "Vehicles destroyed",
    "Vehicles burned or destroyed, by type.",
    (("vehicle_type", "Kind of vehicle; `total` for all of them.", VEHICLE_TYPES),),
)
BUSINESSES = _breakdown(
    "businesses",
    "Businesses affected",
    "Shops, offices and other businesses damaged or looted, by type.",
    (("business_type", "Kind of business; `total` for all of them.", BUSINESS_TYPES),),
)
BUILDINGS = _breakdown(
    "buildings",
    "Buildings destroyed",
    "Buildings and posts burned or destroyed, by type.",
    (("building_type", "Kind of building; `total` for all of them.", BUILDING_TYPES),),
)
CROWDS = _breakdown(
    "crowds",
    "Crowds",
    "How many people gathered, where and when.",
    (("group", "Who gathered; `total` when the text does not say.", PEOPLE_GROUPS),),
)

CHECKS = Table(
    name="checks",
    title="Consistency checks",
    description=(
        "Each consistency check run on the figures: parts against totals (interval arithmetic on "
        "the qualifiers), subsets against parents, figures stated twice, repeats of duplicate "
        "text, derived figures, annotations."
    ),
    columns=(
        _c("check_id", "string", "C001... in a fixed order.", pattern=r"^C\d{3,}$"),
        _c("check", "string", "Which check.", allowed=CHECK_NAMES),
        _c(
            "code",
            "string",
            "Machine code of the outcome (stable; reports translate by it).",
            pattern=r"^[a-z_]+$",
        ),
        _c("figures", "string", "Figure ids involved, joined by ';'.", empty_ok=True),
        _c("expected", "string", "What should hold, e.g. `sum(parts) = [33, 33]`.", empty_ok=True),
        _c("found", "string", "What the figures give, as intervals.", empty_ok=True),
        _c(
            "status",
            "string",
            "ok, warn (look at it), fail (contradiction) or info.",
            allowed=CHECK_STATUSES,
        ),
        _c("explanation", "string", "One or two English sentences a reporter can act on."),
    ),
    primary_key=("check_id",),
)

ANNOTATIONS = Table(
    name="annotations",
    title="Annotations",
    description=(
        "Hand-made notes, attributions, caveats and corrections kept as reviewable data "
        "(data/raw/annotations.csv) and keyed to figures by a selector; `figures` lists what each "
        "one matched in this article."
    ),
    columns=(
        _c("annotation_id", "string", "A001...; stable, never reused.", pattern=r"^A\d{3,}$"),
        _c("story", "string", "The story (raw file metadata `story`) the note belongs to."),
        _c(
            "target",
            "string",
            "Selector: `column=value` pairs joined by ';', alternatives by '|' "
            "(e.g. `measure=injured|hospitalized;group=total`); `place=` matches an empty place.",
        ),
        _c(
            "kind",
            "string",
            "note, attribution (sets `source`), caveat, correction (sets `field`), "
            "addition (a figure the extractor missed: `target` gives its columns, `value` the "
            "quoted words) or removal (drops the figures `target` matches).",
            allowed=ANNOTATION_KINDS,
        ),
        _c(
            "field",
            "string",
            "For a correction: the figure column it changes; for an addition: `quote`.",
            empty_ok=True,
        ),
        _c(
            "value",
            "string",
            "For a correction: the new value; for an addition: the words of the figure as the "
            "raw text writes them (located by code, so the span is exact).",
            empty_ok=True,
        ),
        _c("text_en", "string", "The note in English."),
        _c("text_ru", "string", "The note in Russian.", empty_ok=True),
        _c("text_ky", "string", "The note in Kyrgyz.", empty_ok=True),
        _c("source", "string", "Where the knowledge comes from.", empty_ok=True),
        _c("added_by", "string", "Who added it."),
        _c("added_on", "string", "When (YYYY-MM-DD).", pattern=r"^\d{4}-\d{2}-\d{2}$"),
        _c(
            "figures",
            "string",
            "Figure ids the target matched in this article, joined by ';'.",
            empty_ok=True,
        ),
    ),
    primary_key=("annotation_id",),
)

NUMBERS = Table(
    name="numbers",
    title="Every number",
    description=(
        "Every number mention of the article (digits, number words, collectives, vague "
        "quantities), one a row: read as a figure, not a count (and why), or unread (nothing "
        "matched: a reporter must look). Every run of digits of the raw text is in exactly one row."
    ),
    columns=(
        _c("number_id", "string", "N001... in text order.", pattern=r"^N\d{3,}$"),
        _c("text", "string", "The number as written, with its suffix."),
        _c("context", "string", "The words around it (about 40 characters each side)."),
        _c("value", "integer?", "Its value; empty when it is no number of things (a date)."),
        _c("status", "string", "What the extractor made of it.", allowed=NUMBER_STATUSES),
        _c(
            "reason",
            "string",
            "For `not_a_count`: date, clock_time, year, age, money, percentage, duration, "
            "ordinal, unit, too_large, not_counted (a count of something outside the "
            "vocabulary), identifier, duplicate (text the cleaner dropped as a copy) or removed "
            "(an annotation removed its figure).",
            empty_ok=True,
        ),
        _c(
            "figure_id",
            "string",
            "The figure it made (status `figure`).",
            empty_ok=True,
            pattern=_FIGURE_ID_OR_EMPTY,
        ),
        _c("start", "integer", "Character offset in the raw text.", minimum=0),
        _c("end", "integer", "Character offset just after it.", minimum=0),
        _c("segment_id", "integer", "Its clean segment (0: text the cleaner dropped).", minimum=0),
        _c("lang", "string", "Language of its segment.", empty_ok=True),
    ),
    primary_key=("number_id",),
)

TIMELINE = Table(
    name="timeline",
    title="Timeline",
    description=(
        "The live blog's entries, one a row, with place, coordinates and event types "
        "(made by `analysis.timeline`)."
    ),
    columns=(
        _c("entry_id", "integer", "Live-blog entry, 1, 2, ... in reading order.", minimum=1),
        _c(
            "date",
            "string",
            "Day of the entry (ISO), from the raw file's metadata; empty if unknown.",
            empty_ok=True,
            pattern=r"^(?:\d{4}-\d{2}-\d{2})?$",
        ),
        _c(
            "time",
            "string",
            "Time stamp as written (the publisher's clock); empty when undated.",
            empty_ok=True,
            pattern=r"^(?:\d{1,2}:\d{2})?$",
        ),
        _c(
            "place",
            "string",
            "Where (English name as official on the date); empty if none named.",
            empty_ok=True,
        ),
        _c(
            "region",
            "string",
            "The place's region (oblast) or the city itself; empty if no place.",
            empty_ok=True,
        ),
        _c("lat", "number?", "Latitude of the place (GeoNames); empty without a place."),
        _c("lon", "number?", "Longitude of the place (GeoNames); empty without a place."),
        _c(
            "event_type",
            "string",
            "Event types joined by ';' (ACLED-like); `other` when none.",
            pattern=r"^[a-z_]+(?:;[a-z_]+)*$",
        ),
        _c("headline", "string", "The entry's headline.", empty_ok=True),
        _c("text", "string", "The entry's body (sentences and tweets).", empty_ok=True),
        _c("start", "integer", "Character offset of the entry in the raw text.", minimum=0),
        _c("end", "integer", "Character offset just after the entry.", minimum=0),
        _c(
            "update_of",
            "integer?",
            "The earlier entry this one re-posts with a small change; "
            "counts should skip such rows.",
        ),
        _c(
            "confirmed",
            "boolean",
            "False when an event type is reported only as an unconfirmed claim.",
        ),
        _c(
            "unconfirmed",
            "string",
            "Event types reported only as unconfirmed claims, joined by ';'.",
            empty_ok=True,
        ),
        _c(
            "place_id", "string", "Gazetteer id of the entry's place; empty if none.", empty_ok=True
        ),
        _c("places", "string", "Every gazetteer id the entry names, joined by ';'.", empty_ok=True),
    ),
    primary_key=("entry_id",),
)

# --- the story tracker (analysis.tracker): many articles, one table of claims -------------------

#: How a series flag reads (``series_flags.kind``).
FLAG_KINDS = ("sources_disagree", "revised_down")
#: How the sources of a series stand on a date (``series_ranges.status``).
RANGE_STATUSES = ("single", "agree", "disagree")
_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
_ISO_TIME = r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$"
_ARTICLE_ID = r"^[\w.-]+$"
_CLAIM_ID = r"^[\w.-]+/[FD]\d{3,}$"


def _series_columns() -> tuple[Column, ...]:
    """series_id, measure, group, place: what a series follows."""
    return (
        _c("series_id", "string", "The series: `measure:group:place` (place `-` when unknown)."),
        _c("measure", "string", "What is counted.", allowed=MEASURES),
        _c("group", "string", "Who or what is counted; `total` for the whole.", allowed=ALL_GROUPS),
        _c(
            "place",
            "string",
            "Where: gazetteer id (`analysis/resources/gazetteer.csv`); empty if unknown.",
            empty_ok=True,
        ),
    )


ARTICLES = Table(
    name="articles",
    title="Articles of the corpus",
    description=(
        "The articles a tracker run read, one a row, with the metadata of their sidecars "
        "(`<raw>.meta.json`) or manifest and the raw file's sha256."
    ),
    columns=(
        _c(
            "article_id",
            "string",
            "The article: metadata `id`, else the raw file's stem.",
            pattern=_ARTICLE_ID,
        ),
        _c("path", "string", "The raw file, relative to the corpus folder."),
        _c("sha256", "string", "sha256 of the raw file's bytes.", pattern=r"^[0-9a-f]{64}$"),
        _c("publisher", "string", "Who published the article."),
        _c(
            "published",
            "string",
            "When: ISO date or date and time, as in the metadata.",
            pattern=_ISO_TIME,
        ),
        _c("url", "string", "Where the article was published; empty if unknown.", empty_ok=True),
        _c("lang", "string", "Language of the article (metadata), e.g. `ky`, `ru`.", empty_ok=True),
        _c("title", "string", "The article's title (metadata); empty if none.", empty_ok=True),
        _c("claims", "integer", "How many claims (figures) were read from it.", minimum=0),
    ),
    primary_key=("article_id",),
)

CLAIMS = Table(
    name="claims",
    title="Claims",
    description=(
        "Every figure of every article of a corpus, one a row: who states it (read from the "
        "text), when it was published, the date it speaks for, its interval and its exact "
        "quote and span in the raw file."
    ),
    columns=(
        _c(
            "claim_id",
            "string",
            "`<article_id>/<figure_id>`: stable for the same raw file.",
            pattern=_CLAIM_ID,
        ),
        _c("article_id", "string", "The article (row of `articles`).", pattern=_ARTICLE_ID),
        _c(
            "figure_id",
            "string",
            "The figure's id within its article (F001... in reading order).",
            pattern=_FIGURE_ID,
        ),
        _c("publisher", "string", "Who published the article."),
        _c(
            "published",
            "string",
            "When the article was published (ISO, as in its metadata).",
            pattern=_ISO_TIME,
        ),
        _c(
            "date",
            "string",
            "The day the claim speaks for: `as_of` when stated (a year-less date takes the "
            "publication year), else the day of publication.",
            pattern=_ISO_DAY,
        ),
        _c(
            "as_of",
            "string",
            "Date the figure refers to as the text states it: ISO `YYYY-MM-DD`, or `--MM-DD` "
            "without a year; empty if not stated.",
            empty_ok=True,
        ),
        _c(
            "attributed_to",
            "string",
            "Who the text says states the figure, as written (`ИИМдин`, `Минздрава`); empty if "
            "the text names no one.",
            empty_ok=True,
        ),
        _c(
            "source_id",
            "string",
            "The known source `attributed_to` names (`analysis/resources/sources.yaml`); empty "
            "if unknown.",
            empty_ok=True,
            pattern=r"^[a-z_]*$",
        ),
        _c(
            "source_key",
            "string",
            "Who a series follows as one source: `source_id`, else `attributed_to`, else "
            "`publisher:<publisher>` (the publisher's own figure).",
        ),
        *_series_columns(),
        *_interval_columns(),
        _c(
            "quote",
            "string",
            "The words the figure comes from, as in the raw text (whitespace collapsed).",
        ),
        _c(
            "start",
            "integer",
            "Character offset of the quote in the raw text (Python str index).",
            minimum=0,
        ),
        _c("end", "integer", "Character offset just after the quote.", minimum=0),
        _c("lang", "string", "Language of the sentence the figure was read from.", empty_ok=True),
    ),
    primary_key=("claim_id",),
    foreign_keys=(("article_id", "articles", "article_id"),),
)

SERIES_LATEST = Table(
    name="series_latest",
    title="Latest claim per source",
    description=(
        "For each series (measure, group, place) and each source, the source's latest claim "
        "(latest date, then latest publication), with every article that quotes that same figure."
    ),
    columns=(
        *_series_columns(),
        _c("source_key", "string", "The source (see `claims.source_key`)."),
        _c(
            "source_id",
            "string",
            "Known source id; empty if unknown.",
            empty_ok=True,
            pattern=r"^[a-z_]*$",
        ),
        _c("attributed_to", "string", "The source as written in the latest claim.", empty_ok=True),
        _c("claim_id", "string", "The latest claim (row of `claims`).", pattern=_CLAIM_ID),
        _c("date", "string", "The day the latest claim speaks for.", pattern=_ISO_DAY),
        _c(
            "published",
            "string",
            "When the article of the latest claim was published.",
            pattern=_ISO_TIME,
        ),
        *_interval_columns(),
        _c("quote", "string", "The latest claim's words, as in the raw text."),
        _c("claims", "integer", "How many claims of this series the source made.", minimum=1),
        _c(
            "article_ids",
            "string",
            "Articles quoting the latest figure of this source (same date, value and qualifier), joined by ';'.",
        ),
    ),
    primary_key=("series_id", "source_key"),
    foreign_keys=(("claim_id", "claims", "claim_id"),),
)

SERIES_RANGES = Table(
    name="series_ranges",
    title="Range across sources per date",
    description=(
        "For each series and date, the range of what the sources said for that day (each "
        "source's latest claim of the day): never an average, the lowest and highest bound."
    ),
    columns=(
        *_series_columns(),
        _c("date", "string", "The day.", pattern=_ISO_DAY),
        _c("sources", "integer", "How many sources gave a figure for the day.", minimum=1),
        _c("min_value", "integer?", "Lowest figure as written among the sources."),
        _c("max_value", "integer?", "Highest figure as written among the sources."),
        _c("low", "integer?", "Lowest bound any source's wording allows."),
        _c("high", "integer?", "Highest bound any source's wording allows; empty = open."),
        _c(
            "status",
            "string",
            "`single` (one source), `agree` (the intervals overlap), `disagree` (some do not).",
            allowed=RANGE_STATUSES,
        ),
        _c("source_keys", "string", "The sources, joined by ';'."),
        _c("claim_ids", "string", "Their claims, joined by ';'."),
    ),
    primary_key=("series_id", "date"),
)

SERIES_FLAGS = Table(
    name="series_flags",
    title="Flags on the series",
    description=(
        "Where sources disagree beyond what their qualifiers allow (intervals that do not "
        "overlap on the same date), and where a source's later figure of a cumulative count is "
        "lower than its earlier one (interval arithmetic, as in `checks`)."
    ),
    columns=(
        _c("flag_id", "string", "T001... in series and date order.", pattern=r"^T\d{3,}$"),
        _c("series_id", "string", "The series (see `claims.series_id`)."),
        _c("kind", "string", "What is flagged.", allowed=FLAG_KINDS),
        _c("date", "string", "The day of the later or disagreeing claim.", pattern=_ISO_DAY),
        _c("claim_ids", "string", "The claims involved, joined by ';'."),
        _c("source_keys", "string", "Their sources, joined by ';'."),
        _c(
            "found",
            "string",
            "The claims' intervals, e.g. `interior_ministry [12, 12]; health_ministry [15, 15]`.",
        ),
        _c("explanation", "string", "One English sentence a reporter can act on."),
    ),
    primary_key=("flag_id",),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        FIGURES,
        INJURIES,
        VEHICLES,
        BUSINESSES,
        BUILDINGS,
        CROWDS,
        CHECKS,
        ANNOTATIONS,
        NUMBERS,
        TIMELINE,
        ARTICLES,
        CLAIMS,
        SERIES_LATEST,
        SERIES_RANGES,
        SERIES_FLAGS,
    )
}


def infer_table(name: str, frame: pd.DataFrame, description: str = "") -> Table:
    """A schema for a table another stage defines (types from dtypes, no constraints).

    Used only for tables without an entry in :data:`TABLES`; their columns are
    documented where they are made.

    Parameters
    ----------
    name : str
    frame : pandas.DataFrame
    description : str, optional

    Returns
    -------
    Table
        Primary key: the first column when its values are unique, else none.
    """
    cols = []
    for col, dtype in frame.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer?" if frame[col].isna().any() or str(dtype) == "Int64" else "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "number?"
        else:
            kind = "string"
        cols.append(Column(str(col), kind, "", empty_ok=True))
    first = str(frame.columns[0]) if len(frame.columns) else None
    key = (first,) if first and frame[first].notna().all() and frame[first].is_unique else ()
    return Table(name, name.replace("_", " ").capitalize(), description, tuple(cols), key)


# --- pandas / pandera ---------------------------------------------------------------------------


def _table(table: str | Table) -> Table:
    """Look a table up by name."""
    if isinstance(table, Table):
        return table
    try:
        return TABLES[table]
    except KeyError:
        raise KeyError(f"no schema for table {table!r}; known: {', '.join(TABLES)}") from None


def pandera_schema(table: str | Table) -> pa.DataFrameSchema:
    """The pandera schema of a table (strict: exactly its columns, in order).

    Parameters
    ----------
    table : str or Table
        Table name (a key of :data:`TABLES`) or spec.

    Returns
    -------
    pandera.pandas.DataFrameSchema
    """
    import pandera.pandas as pa

    spec = _table(table)
    cols = {}
    for c in spec.columns:
        checks = []
        if c.allowed is not None:
            checks.append(pa.Check.isin(list(c.allowed) + ([""] if c.empty_ok else [])))
        if c.pattern is not None:
            checks.append(pa.Check.str_matches(c.pattern))
        if c.minimum is not None:
            checks.append(pa.Check.ge(c.minimum))
        if c.kind == "string" and not c.empty_ok and c.allowed is None and c.pattern is None:
            checks.append(pa.Check(lambda s: s.str.len() > 0, element_wise=False, name="not_empty"))
        cols[c.name] = pa.Column(
            _PANDAS_DTYPE[c.kind], checks=checks, nullable=c.kind.endswith("?"), name=c.name
        )
    frame_checks = []
    names = set(spec.names)
    if {"low", "high"} <= names:
        frame_checks.append(
            pa.Check(
                lambda d: d["low"].isna() | d["high"].isna() | (d["low"] <= d["high"]),
                name="low <= high",
            )
        )
    if {"start", "end"} <= names:
        frame_checks.append(pa.Check(lambda d: d["start"] <= d["end"], name="start <= end"))
    return pa.DataFrameSchema(
        cols,
        checks=frame_checks,
        strict=True,
        ordered=True,
        unique=list(spec.primary_key),
        name=spec.name,
    )


def conform(frame: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """Select a table's columns in order, cast them to its dtypes and validate.

    Parameters
    ----------
    frame : pandas.DataFrame
        Holds at least the table's columns (extra columns are dropped).
    table : str or Table
        Table name or spec.

    Returns
    -------
    pandas.DataFrame
        A new frame with a fresh RangeIndex that passes :func:`validate`.

    Raises
    ------
    pandera.errors.SchemaError
        When a column is missing or a value breaks the schema (message names the table).
    """
    spec = _table(table)
    missing = [c for c in spec.names if c not in frame.columns]
    if missing:
        import pandera.pandas as pa

        raise pa.errors.SchemaError(
            pandera_schema(spec), frame, f"table {spec.name!r}: missing columns {missing}"
        )
    out = frame.loc[:, spec.names].reset_index(drop=True).copy()
    for c in spec.columns:
        if c.kind == "string":
            out[c.name] = out[c.name].fillna("").astype("str")
        elif c.kind == "boolean":
            out[c.name] = out[c.name].astype("bool")
        elif c.kind.startswith("integer"):
            out[c.name] = as_integers(out[c.name], nullable=c.kind.endswith("?"))
        else:
            out[c.name] = pd.to_numeric(out[c.name]).astype(_PANDAS_DTYPE[c.kind])
    return validate(out, spec)


def frame_from_lists(
    cols: dict[str, list],
    names: list[str],
    *,
    integers: tuple[str, ...] = (),
    nullable: tuple[str, ...] = (),
    booleans: tuple[str, ...] = (),
    text: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A frame from one list per column, each column built with its dtype at once.

    ``integers`` become int64, ``nullable`` Int64 (None is <NA>; built from the ints, never
    through float64, so 2**53 + 1 stays exact), ``booleans`` bool, ``text`` str (a value that
    is no string is written with ``str``); the other columns keep their values as objects.
    Casting column by column after building the frame costs more than reading a short
    article; this does not validate (see :func:`conform` for that).
    """
    data = {}
    for c in names:
        if c in integers:
            data[c] = np.array(cols[c], dtype="int64")
        elif c in nullable:
            data[c] = pd.array(cols[c], dtype="Int64")
        elif c in booleans:
            data[c] = np.array(cols[c], dtype=bool)
        elif c in text:
            data[c] = np.array([v if isinstance(v, str) else str(v) for v in cols[c]], dtype=object)
        else:
            data[c] = np.array(cols[c], dtype=object)
    return pd.DataFrame(data, columns=names, copy=False)


def _exact_int(x) -> int | None:
    """One cell as an exact int (None when missing); ValueError when it is no whole number."""
    if x is None or x is pd.NA or (isinstance(x, str) and not x.strip()):
        return None
    if isinstance(x, str):
        return int(x.strip())
    if isinstance(x, float | np.floating):
        if np.isnan(x):
            return None
        if not float(x).is_integer() or abs(x) > 2**53:
            raise ValueError(f"{x!r} is not an exact whole number")
        return int(x)
    if isinstance(x, bool | np.bool_):
        raise ValueError(f"{x!r} is a boolean, not a count")
    return int(x)  # int, numpy integer


def as_integers(values, *, nullable: bool = True) -> pd.Series:
    """An integer column built exactly, never through floating point.

    ``pd.to_numeric`` turns a column of Python ints with a missing value into
    ``float64``, which rounds every integer above 2**53 (9007199254740993 becomes
    9007199254740992). This converts cell by cell instead.

    Parameters
    ----------
    values : pandas.Series or sequence
        Integers (Python, NumPy or pandas ``Int64``), integer strings, missing
        values (None, NA, NaN, ""), or floats that hold whole numbers up to 2**53.
    nullable : bool, default True
        ``Int64`` (missing allowed) when true, else ``int64``.

    Returns
    -------
    pandas.Series
        Of dtype ``Int64`` or ``int64``, with the index of ``values`` when it has one.

    Raises
    ------
    ValueError
        For a cell that is no whole number, or a missing cell when ``nullable`` is false.
    OverflowError
        For a number outside the 64-bit signed range.
    """
    index = values.index if isinstance(values, pd.Series) else None
    name = values.name if isinstance(values, pd.Series) else None
    dtype = "Int64" if nullable else "int64"
    if isinstance(values, pd.Series) and pd.api.types.is_integer_dtype(values.dtype):
        return values.astype(dtype)
    cells = [_exact_int(x) for x in values]
    if not nullable and any(x is None for x in cells):
        raise ValueError("a missing value in an integer column that may not have one")
    return pd.Series(pd.array(cells, dtype="Int64"), index=index, name=name).astype(dtype)


def _plainly_valid(frame: pd.DataFrame, spec: Table) -> bool:
    """True when ``frame`` certainly passes the table's pandera schema, checked with plain
    pandas and Python (a tenth of pandera's time, and pandera not imported).

    Every test is at least as strict as pandera's: exact columns in order, dtypes, no missing
    value where none may be, allowed values, patterns (ASCII classes, no line break), minimum,
    not empty, ``low <= high``, ``start <= end`` and a unique primary key. False means "not
    sure": :func:`validate` then lets pandera decide, and raise with its own message.
    """
    try:
        if list(frame.columns) != list(spec.names):
            return False
        for c in spec.columns:
            s = frame[c.name]
            if c.kind == "string":
                if not (s.dtype == object or str(s.dtype) == "str"):
                    return False
                values = s.tolist()
                if not all(type(v) is str for v in values):  # also: nothing missing
                    return False
            else:
                if str(s.dtype) != _PANDAS_DTYPE[c.kind]:
                    return False
                if not c.kind.endswith("?") and s.isna().any():
                    return False
                values = s.dropna().tolist()
            if c.allowed is not None:
                ok = set(c.allowed) | ({""} if c.empty_ok else set())
                if not all(v in ok for v in values):
                    return False
            if c.pattern is not None:
                if c.kind != "string":
                    return False
                match = re.compile(c.pattern, re.ASCII).match
                if not all("\n" not in v and match(v) for v in values):
                    return False
            if c.minimum is not None and not all(v >= c.minimum for v in values):
                return False
            if (
                c.kind == "string"
                and not c.empty_ok
                and c.allowed is None
                and c.pattern is None
                and not all(values)
            ):
                return False
        names = set(spec.names)
        if {"low", "high"} <= names:
            low, high = frame["low"], frame["high"]
            ok = low.isna() | high.isna() | (low <= high).fillna(False)
            if not bool(ok.all()):
                return False
        if {"start", "end"} <= names and not bool(
            (frame["start"] <= frame["end"]).fillna(False).all()
        ):
            return False
        if spec.primary_key and frame.duplicated(subset=list(spec.primary_key), keep=False).any():
            return False
    except Exception:  # anything unexpected: pandera decides
        return False
    return True


def validate(frame: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """Validate a frame against a table's schema and return it; raise loudly otherwise.

    Parameters
    ----------
    frame : pandas.DataFrame
    table : str or Table

    Returns
    -------
    pandas.DataFrame
        The same frame.

    Raises
    ------
    pandera.errors.SchemaError
        With the table's name in the message.
    """
    spec = _table(table)
    if _plainly_valid(frame, spec):
        return frame.copy()  # what pandera returns: a copy (attrs kept)
    import pandera.pandas as pa

    try:
        return pandera_schema(spec).validate(frame)
    except pa.errors.SchemaError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise pa.errors.SchemaError(
            exc.schema, exc.data, f"table {spec.name!r} breaks its schema: {first}"
        ) from exc


# --- other renderings of the same schema ------------------------------------------------------


def frictionless_schema(table: str | Table) -> dict:
    """The Frictionless Table Schema (a plain dict) of a table.

    Parameters
    ----------
    table : str or Table

    Returns
    -------
    dict
        ``fields``, ``primaryKey``, ``foreignKeys`` and ``missingValues``.
    """
    spec = _table(table)
    fields = []
    for c in spec.columns:
        field: dict = {
            "name": c.name,
            "type": _FRICTIONLESS_TYPE[c.kind],
            "description": c.description,
        }
        if c.kind == "boolean":
            field["trueValues"] = ["true"]
            field["falseValues"] = ["false"]
        constraints: dict = {}
        # An empty CSV cell is a missing value, so "may be empty" means "not required".
        if c.kind in ("integer", "boolean") or (c.kind == "string" and not c.empty_ok):
            constraints["required"] = True
        if c.allowed is not None:
            constraints["enum"] = list(c.allowed)
        if c.pattern is not None:
            constraints["pattern"] = c.pattern.removeprefix("^").removesuffix("$")
        if c.minimum is not None:
            constraints["minimum"] = c.minimum
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""], "primaryKey": list(spec.primary_key)}
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": col, "reference": {"resource": ref, "fields": ref_col}}
            for col, ref, ref_col in spec.foreign_keys
        ]
    return schema


def sqlite_columns(table: str | Table) -> dict[str, type]:
    """Column types for sqlite-utils (``str``, ``int``; booleans are 0/1 integers)."""
    spec = _table(table)
    return {c.name: _SQLITE_TYPE[c.kind] for c in spec.columns}


def _allowed_text(c: Column) -> str:
    """The 'allowed values' cell of the data dictionary."""
    parts = []
    if c.allowed is not None:
        parts.append(", ".join(f"`{v}`" for v in c.allowed))
    if c.pattern is not None:
        parts.append(f"pattern `{c.pattern}`")
    if c.minimum is not None:
        parts.append(f"≥ {c.minimum}")
    if c.empty_ok or c.kind.endswith("?"):
        parts.append("may be empty")
    return "; ".join(parts)


def data_dictionary_markdown() -> str:
    """The README data dictionary: every column of every table, generated from :data:`TABLES`.

    Returns
    -------
    str
        Markdown ending with a newline; ``python -m analysis.schemas`` prints it.
    """
    lines = [
        "Generated from `analysis/schemas.py`; regenerate with "
        "`python -m analysis.schemas --write-readme` (a test fails when they drift).",
        "",
    ]
    for spec in TABLES.values():
        lines.append(f"### `{spec.name}` — {spec.title}")
        lines.append("")
        lines.append(spec.description)
        lines.append("")
        key = ", ".join(f"`{k}`" for k in spec.primary_key)
        lines.append(f"File `{spec.name}.csv`; key {key}.")
        for col, ref, ref_col in spec.foreign_keys:
            lines[-1] += f" `{col}` refers to `{ref}.{ref_col}`."
        lines.append("")
        lines.append("| column | type | allowed values | meaning |")
        lines.append("|---|---|---|---|")
        for c in spec.columns:
            kind = c.kind.rstrip("?")
            desc = c.description.replace("|", "\\|")
            allowed = _allowed_text(c).replace("|", "\\|")
            lines.append(f"| `{c.name}` | {kind} | {allowed} | {desc} |")
        lines.append("")
    return "\n".join(lines)


_MARKERS = ("<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->")


def readme_block(readme_text: str) -> str:
    """The text between the README's data-dictionary markers."""
    start, end = _MARKERS
    m = re.search(re.escape(start) + r"\n?(.*?)" + re.escape(end), readme_text, flags=re.S)
    if m is None:
        raise ValueError("README has no data-dictionary markers")
    return m.group(1)


def update_readme(path: str | Path) -> bool:
    """Rewrite the README's data-dictionary block from the schemas; True when it changed."""
    from analysis.atomic import write_text

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    old = readme_block(text)
    new = data_dictionary_markdown()
    if old == new:
        return False
    start, end = _MARKERS
    updated = text.replace(f"{start}\n{old}{end}", f"{start}\n{new}{end}", 1)
    if updated == text:
        updated = text.replace(f"{start}{old}{end}", f"{start}\n{new}{end}", 1)
    write_text(path, updated)
    return True


if __name__ == "__main__":
    if "--write-readme" in sys.argv[1:]:
        from analysis.config import ROOT

        changed = update_readme(ROOT / "README.md")
        print("README data dictionary " + ("updated" if changed else "already up to date"))
    else:
        sys.stdout.write(data_dictionary_markdown())
