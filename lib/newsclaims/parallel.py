"""Claim extraction on a Dask cluster: a local one on this machine, or an existing one.

Why Dask (``dask.distributed``): the Python field's well-kept engine for
spreading plain Python functions over processes and machines, with a local
cluster for one machine and the same client code for a shared cluster.
Extraction is pure Python (regular expressions over text), so processes, not
threads, give the speed-up.

Articles are sent in chunks; each worker runs the same
:func:`newsclaims.extract.extract_many` as the serial path, and the chunks'
claims are put back together in the articles' order: the table is the serial
one, row for row (a test compares them). Workers must have newsclaims and its
lexicons (``data/lexicons``, ``data/claimants.csv``) installed at the same version.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from distributed import Client, Future

#: Articles per task: big enough to keep task overhead small, small enough to balance.
CHUNK = 500


def _extract_chunk(texts: dict[str, str]) -> pd.DataFrame:
    from newsclaims.extract import extract_many

    return extract_many(texts)


@contextmanager
def cluster(workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A Dask client: of the cluster at ``scheduler``, or of a local one started here.

    The local cluster has ``workers`` processes (one thread each) on 127.0.0.1
    and no web dashboard; it is stopped when the block ends. A streamed ingest
    keeps one cluster for all its batches.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local,  # fmt: skip
        Client(local) as client,
    ):
        yield client


def submit(
    client: Client, texts: Mapping[str, str], chunk: int = CHUNK
) -> list[Future[pd.DataFrame]]:
    """Start extracting ``texts`` on the cluster; :func:`gather` waits for the claims.

    Between the two the caller is free: a streamed ingest reads the next batch
    of articles while the workers extract this one.
    """
    items = list(texts.items())
    chunks = [dict(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    futures: list[Future[pd.DataFrame]] = client.map(_extract_chunk, chunks, pure=False)
    return futures


def gather(client: Client, futures: list[Future[pd.DataFrame]]) -> pd.DataFrame:
    """The claims of :func:`submit`'s texts, in the texts' order (the serial table)."""
    if not futures:
        from newsclaims.extract import extract_many

        return extract_many({})
    claims: pd.DataFrame = pd.concat(client.gather(futures), ignore_index=True)
    return claims


def extract_parallel(
    texts: Mapping[str, str],
    workers: int = 2,
    scheduler: str | None = None,
    chunk: int = CHUNK,
) -> pd.DataFrame:
    """The claims of ``texts`` (article_id -> text), extracted on Dask.

    ``scheduler``: the address of an existing cluster (``tcp://host:8786``);
    otherwise a local cluster of ``workers`` processes (see :func:`cluster`),
    started for this call and stopped afterwards.
    """
    if not texts:
        from newsclaims.extract import extract_many

        return extract_many({})
    with cluster(workers, scheduler) as client:
        return gather(client, submit(client, texts, chunk))


__all__ = ["CHUNK", "cluster", "extract_parallel", "gather", "submit"]
