"""Cut the Kazakhstan outline (and small neighbours) from Natural Earth 1:110m, once.

The map in ``analysis/plots_timeline.py`` reads the GeoJSON this script writes;
nothing is downloaded at run time. Reproduce with (outside the project venv)::

    python -m venv /tmp/shpvenv && /tmp/shpvenv/bin/pip install pyshp
    pip download geopandas==0.14.4 --no-deps -d /tmp/gp
    cd /tmp/gp && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    /tmp/shpvenv/bin/python tools/cut_outline.py \
        /tmp/gp/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

Natural Earth is public domain; geopandas 0.14.4 ships the 1:110m admin-0
countries as ``naturalearth_lowres`` (name, iso_a3 and geometry only).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import shapefile  # pyshp, used only by this one-off tool

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "analysis" / "resources" / "natural-earth_110m_kazakhstan.geojson"
#: Kazakhstan first; the neighbours are small enough to ship whole for context.
KEEP = ("KAZ", "KGZ", "UZB", "TKM")


def _feature(rec: dict, shape) -> dict:
    geo = shape.__geo_interface__

    # 110m coordinates have ~0.01 degree precision; 5 decimals keep them exact enough.
    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(v, 5) for v in obj]
            return [rnd(o) for o in obj]
        return obj

    return {
        "type": "Feature",
        "properties": {"name": rec["name"], "iso_a3": rec["iso_a3"]},
        "geometry": {"type": geo["type"], "coordinates": rnd(geo["coordinates"])},
    }


def main(shp: str) -> None:
    reader = shapefile.Reader(shp, encoding="latin-1")
    feats = {}
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        if rec["iso_a3"] in KEEP:
            feats[rec["iso_a3"]] = _feature(rec, sr.shape)
    missing = set(KEEP) - set(feats)
    if missing:
        raise SystemExit(f"not in {shp}: {sorted(missing)}")
    collection = {"type": "FeatureCollection", "features": [feats[k] for k in KEEP]}
    data = (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    OUT.write_bytes(data)
    src = Path(shp)
    meta = {
        "file": OUT.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "what": "Country outlines of Kazakhstan, Kyrgyzstan, Uzbekistan and Turkmenistan "
        "(Natural Earth 1:110m admin-0 countries), for the live-blog map.",
        "source": "Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries, as shipped in "
        "geopandas 0.14.4 (geopandas/datasets/naturalearth_lowres), "
        "https://www.naturalearthdata.com/downloads/110m-cultural-vectors/",
        "source_sha256": {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(src.parent.glob(src.stem + ".*"))
        },
        "licence": "Public domain (Natural Earth terms of use).",
        "credit": "Natural Earth",
        "obtained": "pip download geopandas==0.14.4 --no-deps; read with pyshp by "
        "tools/cut_outline.py; features with iso_a3 in " + ", ".join(KEEP) + " kept as is, "
        "coordinates rounded to 5 decimals (lon/lat, WGS84).",
    }
    OUT.with_name(OUT.name.removesuffix(".geojson") + ".meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {OUT} ({len(data)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
