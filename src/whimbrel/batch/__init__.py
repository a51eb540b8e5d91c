"""Batch: run the pipeline over large inputs in shards, resumably, on a local process pool
or a Dask cluster, writing Parquet shards and a manifest."""

from whimbrel.batch.plan import Shard, plan_shards
from whimbrel.batch.run import BatchSummary, run_batch

__all__ = ["BatchSummary", "Shard", "plan_shards", "run_batch"]
