"""The draws of an uncertainty or sensitivity analysis handed to a local Dask cluster of two
worker processes give the same results as one process, to the last bit, with the same seed."""

import numpy as np
import pandas as pd
import pytest

from i4region.compute.index import asem as example
from i4region.compute.index import uncertainty
from i4region.compute.index.pipeline import Index

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_two_worker_processes_equal_one_process(client, asem):
    index = Index.from_specs(asem, example.pipeline())
    inputs = example.inputs()

    def on_cluster(fn, items):
        return client.gather(client.map(fn, items, pure=False))

    alone = uncertainty.run_uncertainty(index, inputs, 2500, seed=11)
    seen = []
    spread = uncertainty.run_uncertainty(
        index, inputs, 2500, seed=11, progress=lambda d, n: seen.append(d), mapper=on_cluster
    )
    assert seen[-1] == 2500 and len(seen) == 3
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    np.testing.assert_array_equal(spread.scores, alone.scores)
    pd.testing.assert_frame_equal(spread.rank_stats, alone.rank_stats, check_exact=True)
    sa_alone = uncertainty.run_sensitivity(index, inputs, 300, seed=2, nboot=200)
    sa_spread = uncertainty.run_sensitivity(
        index, inputs, 300, seed=2, nboot=200, mapper=on_cluster
    )
    pd.testing.assert_frame_equal(sa_spread.sensitivity, sa_alone.sensitivity, check_exact=True)
