"""Installed, not only cloned: the wheel in a fresh virtual environment, used from any folder.

The wheel is built from a copy of the sources (``analysis/``, the top-level ``notebooks/``,
which the wheel ships as ``analysis/notebooks/``, ``pyproject.toml``, ``README.md``; nothing
is written into the checkout) and installed with ``--no-deps`` into a new venv that sees the already installed dependencies
through a ``.pth`` file and ``JUPYTER_PATH`` (fast, no download); ``PYTHONPATH`` is cleared
so that nothing can be imported from the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from fixtures_builds import needs_kernel

from analysis import config

ARTICLE = (
    "Ош шаарында суу ташкыны болду\n"
    "Ош шаарында кечээ суу ташкынынан 3 адам каза болуп, 12 адам жаракат алды.\n"
)


def run(argv, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, **kw)
    assert proc.returncode == 0, f"{argv}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@needs_kernel
@pytest.mark.slow
def test_wheel_in_a_clean_venv_builds_an_article_outside_the_repository(tmp_path):
    src = tmp_path / "src"
    for folder in ("analysis", "notebooks"):
        shutil.copytree(
            config.ROOT / folder,
            src / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"),
        )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(config.ROOT / name, src / name)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(src)])  # fmt: skip
    (wheel,) = dist.glob("qantar-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "analysis/resources/lexicon.ky.yaml",
        "analysis/resources/morphology.ky.yaml",
        "analysis/resources/lexicon.ru.yaml",
        "analysis/resources/natural-earth_110m_kazakhstan.geojson",
        "analysis/templates/qantar/index.html.j2",
        f"analysis/example/{config.SEED_RAW.name}",
        "analysis/example/annotations.csv",
    ):
        assert shipped in names, shipped
    # the checkout's top-level notebooks/, byte for byte, as the package's notebooks/
    shipped_notebooks = {n for n in names if n.startswith("analysis/notebooks/")}
    committed = sorted((config.ROOT / "notebooks").glob("*.ipynb"))
    assert shipped_notebooks == {f"analysis/notebooks/{p.name}" for p in committed}
    with zipfile.ZipFile(wheel) as whl:
        for path in committed:
            assert whl.read(f"analysis/notebooks/{path.name}") == path.read_bytes(), path.name
    assert not any(n.startswith("notebooks/") for n in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(
        run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "qantar-test-deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)])  # fmt: skip

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QANTAR_HOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # the dependencies' data files (nbconvert's base templates) are where they were installed
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    (newsroom / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    qantar = str(venv / "bin" / "qantar")

    example = Path(run([qantar, "example"], cwd=newsroom, env=env).stdout.strip())
    assert example.is_relative_to(site) and example.exists()
    run([qantar, "add", "flood.txt", "--story", "osh-flood", "--date", "2024-05-14",
         "--publisher", "Test News"], cwd=newsroom, env=env)  # fmt: skip
    run([qantar, "build", "--story", "osh-flood", "--lang", "en", "--no-examples"], cwd=newsroom,
        env=env)  # fmt: skip
    page = newsroom / "reports" / "osh-flood" / "osh-flood.en.html"
    assert "Test News, 2024-05-14" in page.read_text(encoding="utf-8")
    assert (newsroom / "data" / "processed" / "osh-flood" / "figures.csv").exists()
    assert (newsroom / "data" / "raw" / "osh-flood.txt").read_text("utf-8") == ARTICLE

    code = (
        "import analysis as qa, pathlib, sys\n"
        "from analysis import config\n"
        "print(pathlib.Path(qa.__file__).resolve())\n"
        "f = qa.extract_figures(sys.stdin.read())\n"
        "print(sorted(f['value'].astype(int)))\n"
        "print(config.NOTEBOOKS)\n"
    )
    out = run([str(python), "-c", code], cwd=newsroom, env=env, input=ARTICLE).stdout.split("\n")
    assert Path(out[0]).is_relative_to(site)  # the installed package, not the checkout
    assert out[1] == "[3, 12]"
    assert Path(out[2]) == Path(out[0]).parent / "notebooks"  # the package's, when installed
