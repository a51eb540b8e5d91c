"""The ingest stage: readers turn inputs into Articles; nothing here codes or stores.

- ``readers``: text/JSONL readers used by ``whimbrel code`` (``decode_bytes``, ``parse_date``,
  ``read_jsonl``, ``read_text_file``, ``text_article``);
- ``sources``: files, folders, stdin, URLs, feeds and ``@lists`` -> items for ``whimbrel ingest``;
- ``html`` (trafilatura), ``tabular`` (JSONL/CSV/Parquet + ``ColumnMap``), ``warc``, ``feeds``;
- ``fetch``: the SSRF-guarded HTTP client and ``fetch_article`` (used by the API);
- ``clean``: page residue out, byline and bio into meta; ``lang``: offline language detection;
- ``dedup``: stable ids, exact hashes, MinHash LSH near-duplicates;
- ``run``: one ingest run over a sink (the store) and a coder (the pipeline), both injected.
"""

from whimbrel.ingest.clean import clean_article, clean_text

__all__ = ["clean_article", "clean_text"]
