"""Every path of the project, defined once (no I/O at import beyond one ``is_file()``).

Two kinds of place:

* **inside the package** (anchored on this file, shipped in the wheel): data files the code
  reads (``resources/``), the nbconvert template and the bundled example article
  (``example/``);
* **the notebooks** (:data:`NOTEBOOKS`): kept at the top of the repository (``notebooks/``)
  and shipped inside the package as ``analysis/notebooks/`` (``pyproject.toml`` maps the one
  to the other). An installed wheel uses the package's folder; a clone or an editable
  install, which has none, uses the checkout's ``notebooks/``. Which one is decided once, at
  import, by whether the package's folder holds the report notebook (one ``is_file()``: a
  leftover empty ``analysis/notebooks/`` in a checkout does not count);
* **the workspace** (the working directory, or ``$QANTAR_HOME``): where a newsroom keeps its
  articles and outputs, one story, one place::

      data/raw/<story>.<ext>, <story>.meta.json     evidence (written by ``add`` only)
      data/processed/<story>/                        tables, datapackage.json, <story>.db
      reports/<story>/<story>.<lang>.html            report pages (+ notebooks/ executed)
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES = PACKAGE_DIR / "resources"
TEMPLATES = PACKAGE_DIR / "templates"
#: The bundled example article, its metadata and annotations (``qantar example``).
EXAMPLE = PACKAGE_DIR / "example"
SEED_RAW = EXAMPLE / "kaktus-media_2022-01-05_kazakhstan-unrest-live_ky.txt"
#: Hand-made notes and corrections keyed to figures of the bundled story.
ANNOTATIONS = EXAMPLE / "annotations.csv"

#: The repository checkout this package sits in (only meaningful when run from a clone:
#: tests and tools use it; the library and CLI use :func:`workspace`).
ROOT = PACKAGE_DIR.parent
#: The notebooks a build runs (committed with outputs): the package's ``notebooks/`` in an
#: installed wheel, else the checkout's top-level ``notebooks/`` (see the module docstring).
_PACKAGED_NOTEBOOKS = PACKAGE_DIR / "notebooks"
NOTEBOOKS = (
    _PACKAGED_NOTEBOOKS
    if (_PACKAGED_NOTEBOOKS / "04-report.ipynb").is_file()
    else ROOT / "notebooks"
)
#: The checkout's folders (tools and tests; a story's outputs go to the workspace's).
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REPORTS = ROOT / "reports"
#: Where `python -m analysis track CORPUS` writes by default (a folder per corpus).
TRACKER_OUT = ROOT / "build" / "tracker"
#: The example corpus of the story tracker (`make track`).
TRACKER_EXAMPLE = DATA / "examples" / "tracker"


def workspace() -> Path:
    """The folder that holds ``data/`` and ``reports/``: ``$QANTAR_HOME`` or the working folder."""
    return Path(os.environ.get("QANTAR_HOME") or Path.cwd()).resolve()


def raw_dir() -> Path:
    """Where ``add`` copies raw articles: ``<workspace>/data/raw``."""
    return workspace() / "data" / "raw"


def processed_dir(story: str) -> Path:
    """A story's published tables: ``<workspace>/data/processed/<story>``."""
    return workspace() / "data" / "processed" / story


def reports_dir(story: str) -> Path:
    """A story's report pages: ``<workspace>/reports/<story>``."""
    return workspace() / "reports" / story


def resource(name: str) -> Path:
    """Path of a data file shipped inside the package (lexicons, gazetteer, translations)."""
    return RESOURCES / name


def read_yaml(path: Path):
    """A YAML data file, parsed safely: libyaml's C parser when PyYAML has it (about ten
    times faster than the pure-Python one, which is most of a process's start-up)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)
