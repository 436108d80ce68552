"""The Dask engine gives the same outputs, byte for byte, as the local one (on a LocalCluster)."""

from __future__ import annotations

import pytest
from fixtures_tracker import ARTICLES, write_corpus

from analysis.sources import InputError
from analysis.tracker import track

distributed = pytest.importorskip("distributed")


def test_dask_and_local_engines_give_byte_identical_outputs(tmp_path):
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:2])
    local = track(folder, tmp_path / "local", langs=["en"], workers=1, cache=False, progress=False)
    # In-process workers keep the test short (and are started after the local run, whose
    # charts would otherwise share the interpreter with the cluster's threads); a scheduler
    # address is all the engine needs.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        dask = track(
            folder,
            tmp_path / "dask",
            langs=["en"],
            engine="dask",
            scheduler=cluster.scheduler_address,
            cache=False,
            progress=False,
        )
    names = sorted(p.name for p in local.iterdir() if p.is_file())
    assert names == sorted(p.name for p in dask.iterdir() if p.is_file())
    for name in names:
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name
    assert (dask / "claims.csv").read_text(encoding="utf-8").count("\n") == 1 + 4


def test_unreachable_scheduler_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.claims.DASK_CONNECT_TIMEOUT", "1s")
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:1])
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        track(
            folder,
            tmp_path / "out",
            langs=["en"],
            engine="dask",
            scheduler="tcp://127.0.0.1:9",
            cache=False,
            progress=False,
        )
    assert not (tmp_path / "out").exists()
