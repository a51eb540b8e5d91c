"""The store: DuckDB schema, idempotent writes per article, and the queries faces use."""

from whimbrel.store.db import Store
from whimbrel.store.queries import EventFilter

__all__ = ["EventFilter", "Store"]
