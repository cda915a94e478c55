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

from collections.abc import Mapping

import pandas as pd

#: Articles per task: big enough to keep task overhead small, small enough to balance.
CHUNK = 500


def _extract_chunk(texts: dict[str, str]) -> pd.DataFrame:
    from newsclaims.extract import extract_many

    return extract_many(texts)


def extract_parallel(
    texts: Mapping[str, str],
    workers: int = 2,
    scheduler: str | None = None,
    chunk: int = CHUNK,
) -> pd.DataFrame:
    """The claims of ``texts`` (article_id -> text), extracted on Dask.

    ``scheduler``: the address of an existing cluster (``tcp://host:8786``);
    otherwise a local cluster of ``workers`` processes (one thread each) is
    started on 127.0.0.1, with no web dashboard, and stopped afterwards.
    """
    from distributed import Client, LocalCluster

    items = list(texts.items())
    chunks = [dict(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    if not chunks:
        from newsclaims.extract import extract_many

        return extract_many({})
    if scheduler:
        with Client(scheduler) as client:
            frames = client.gather(client.map(_extract_chunk, chunks, pure=False))
    else:
        with (
            LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            ) as cluster,  # fmt: skip
            Client(cluster) as client,
        ):
            frames = client.gather(client.map(_extract_chunk, chunks, pure=False))
    claims: pd.DataFrame = pd.concat(frames, ignore_index=True)
    return claims


__all__ = ["CHUNK", "extract_parallel"]
