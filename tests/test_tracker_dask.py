"""The Dask engine gives the same claims, byte for byte, as the local one (on a LocalCluster)."""

from __future__ import annotations

import pytest
from fixtures_tracker import ARTICLES, write_corpus

from analysis.claims import claims_table, read_articles
from analysis.corpus import read_corpus
from analysis.publish import table_csv
from analysis.sources import InputError
from analysis.tracker import track

distributed = pytest.importorskip("distributed")


def test_dask_and_local_engines_give_byte_identical_claims(tmp_path):
    folder = write_corpus(tmp_path / "corpus", ARTICLES[:2])
    articles = read_corpus(folder)
    local, _ = read_articles(articles, workers=1)
    # In-process workers keep the test short; a scheduler address is all the engine needs.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        dask, read = read_articles(articles, engine="dask", scheduler=cluster.scheduler_address)
    assert read == 2 and dask == local
    # Every output is made from these readings alone, so the tables are the same bytes.
    a, b = (table_csv(claims_table(articles, r)) for r in (local, dask))
    assert a == b and a.decode("utf-8").count("\n") == 1 + 4


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
