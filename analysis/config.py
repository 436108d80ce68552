"""Every path of the project, defined once and anchored on this file (no I/O at import)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
RESOURCES = PACKAGE_DIR / "resources"
TEMPLATES = PACKAGE_DIR / "templates"

DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
#: Where `python -m analysis track CORPUS` writes by default (a folder per corpus).
TRACKER_OUT = ROOT / "build" / "tracker"
#: The example corpus of the story tracker (`make track`).
TRACKER_EXAMPLE = DATA / "examples" / "tracker"

#: The bundled article the pipeline runs on by default.
SEED_RAW = RAW / "kaktus-media_2022-01-05_kazakhstan-unrest-live_ky.txt"
#: Hand-made notes and corrections keyed to figures (reviewable data, applied by code).
ANNOTATIONS = RAW / "annotations.csv"


def resource(name: str) -> Path:
    """Path of a data file shipped inside the package (lexicons, gazetteer, translations)."""
    return RESOURCES / name
