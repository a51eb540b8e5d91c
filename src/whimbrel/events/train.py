"""Train the event classifier from the repository's labelled sentences (``data/train``).

Each JSONL line: {"id", "text", "date", "event" (type or null), "mode", "source", "target",
"trigger", "negated", "hypothetical"}. The trigger's head token is a positive example of its
type; the other candidates of an event sentence are weak ``NONE`` examples (weight 0.5) and
every candidate of a no-event sentence a full ``NONE`` example. A bad line is a
``Rejected`` record in the report, never a crash. Deterministic (fixed seed, sorted input).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from whimbrel.errors import ModelError
from whimbrel.events.classify import (
    NONE,
    EventModel,
    Weights,
    candidates,
    features,
    sentence_features,
)
from whimbrel.events.ontology import DATA, normalise_type
from whimbrel.events.triggers import lexicon_entry
from whimbrel.records import Rejected

TRAIN_DIR = DATA / "train"
SEED = 13
OTHER_CANDIDATE_WEIGHT = 0.5


@dataclass
class Example:
    id: str
    text: str
    event: str | None
    trigger: str
    raw: dict[str, Any]


@dataclass
class TrainReport:
    examples: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    instances: int = 0
    features: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def read_examples(paths: Iterable[Path]) -> tuple[list[Example], list[Rejected]]:
    """Read labelled sentences; malformed lines become ``Rejected`` records."""
    examples: list[Example] = []
    rejected: list[Rejected] = []
    for path in sorted(paths):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                row = json.loads(line)
                text = str(row["text"])
                event, _ = normalise_type(row.get("event"))
                if row.get("event") and event is None:
                    raise ValueError(f"unknown event type {row.get('event')!r}")
            except (ValueError, KeyError, TypeError) as e:
                rejected.append(
                    Rejected(
                        item=where,
                        source=str(path),
                        reason="bad-line",
                        message=f"{e}. Fix the JSON line or remove it.",
                    )
                )
                continue
            examples.append(
                Example(str(row.get("id", where)), text, event, str(row.get("trigger") or ""), row)
            )
    return examples, rejected


def trigger_token(doc: Doc, trigger: str) -> Token | None:
    """The syntactic head of the trigger phrase in the parsed text."""
    if not trigger:
        return None
    lower = doc.text.lower()
    for needle in (trigger.lower(), trigger.split()[0].lower()):
        at = lower.find(needle)
        if at >= 0:
            span = doc.char_span(at, at + len(needle), alignment_mode="expand")
            if span is not None and len(span):
                return span.root
    return None


def instances(
    examples: Sequence[Example], docs: Sequence[Doc], nouns: frozenset[str]
) -> tuple[list[dict[str, float]], list[str], list[float], list[Rejected]]:
    """Feature dicts, labels and weights for every candidate token of every example."""
    X: list[dict[str, float]] = []
    y: list[str] = []
    w: list[float] = []
    rejected: list[Rejected] = []
    for ex, doc in zip(examples, docs, strict=True):
        positive = trigger_token(doc, ex.trigger) if ex.event else None
        if ex.event and positive is None:
            rejected.append(
                Rejected(
                    item=ex.id,
                    source="train",
                    reason="trigger-not-found",
                    message=f"Trigger {ex.trigger!r} is not in the text. Fix "
                    "the trigger to quote the text.",
                )
            )
            continue
        cands = [t for s in doc.sents for t in candidates(s, nouns)]
        if positive is not None and positive not in cands:
            cands.append(positive)
        for tok in cands:
            if positive is not None and tok.i == positive.i:
                label, weight = ex.event or NONE, 1.0
            elif not ex.event:
                label, weight = NONE, 1.0
            else:
                # Another clause of an event sentence: the same type if the lexicon says so,
                # unknown (skipped) if the lexicon names another type, else a weak NONE.
                lex = lexicon_entry(tok.lemma_, tok.pos_)
                if lex is None:
                    label, weight = NONE, OTHER_CANDIDATE_WEIGHT
                elif lex[0] == ex.event:
                    label, weight = ex.event, OTHER_CANDIDATE_WEIGHT
                else:
                    continue
            X.append(features(tok))
            y.append(label)
            w.append(weight)
    return X, y, w, rejected


def nominal_triggers(examples: Sequence[Example], docs: Sequence[Doc]) -> frozenset[str]:
    """Noun lemmas that head a labelled trigger: the model's nominal event candidates."""
    nouns = set()
    for ex, doc in zip(examples, docs, strict=True):
        tok = trigger_token(doc, ex.trigger) if ex.event else None
        if tok is not None and tok.pos_ in {"NOUN", "PROPN"}:
            nouns.add(tok.lemma_.lower())
    return frozenset(nouns)


def _fit_lr(
    X: list[dict[str, float]], y: list[str], w: list[float], c: float, min_count: int
) -> Weights:
    """One L2 logistic regression over feature dicts (rare features dropped)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: Counter[str] = Counter(k for row in X for k in row)
    X = [
        {k: v for k, v in row.items() if counts[k] >= min_count or k.startswith("lem=")}
        for row in X
    ]
    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(X)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    clf.fit(matrix, y, sample_weight=np.asarray(w))
    names = vec.get_feature_names_out()
    coef = clf.coef_.T  # features x labels
    if coef.shape[1] == 1:  # two labels: scikit-learn keeps one row; make it symmetric
        coef = np.hstack([-coef / 2, coef / 2])
        intercept = np.asarray([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    else:
        intercept = np.asarray(clf.intercept_, dtype=np.float64)
    rows = {str(n): coef[i].copy() for i, n in enumerate(names) if np.abs(coef[i]).max() > 1e-4}
    return Weights(tuple(str(x) for x in clf.classes_), intercept, rows)


def fit(
    examples: Sequence[Example], nlp: Language, c: float = 4.0, min_count: int = 2
) -> tuple[EventModel, TrainReport]:
    """Fit the classifier on labelled examples (scikit-learn, deterministic)."""
    labels = {ex.event or NONE for ex in examples}
    if len(labels) < 2:
        raise ModelError(
            f"Training needs at least two labels (event types or none); got {sorted(labels)}.",
            "add labelled sentences of other types, or no-event sentences, to the data folder.",
        )
    report = TrainReport(examples=len(examples))
    report.by_type.update(ex.event or NONE for ex in examples)
    docs = list(nlp.pipe([ex.text for ex in examples], batch_size=64))
    nouns = nominal_triggers(examples, docs)
    X, y, w, rejected = instances(examples, docs, nouns)
    report.rejected.extend(rejected)
    clause = _fit_lr(X, y, w, c, min_count)
    sents_X = [sentence_features(doc[:], nouns) for doc in docs]
    sents_y = [ex.event or NONE for ex in examples]
    sentence = _fit_lr(sents_X, sents_y, [1.0] * len(sents_y), c, min_count)
    report.instances = len(y)
    report.features = len(clause.rows) + len(sentence.rows)
    model = EventModel(
        clause=clause,
        sentence=sentence,
        nouns=nouns,
        meta={
            "seed": SEED,
            "C": c,
            "examples": len(examples),
            "instances": len(y),
            "by_type": dict(sorted(report.by_type.items())),
            "trained_on": "whimbrel/events/data/train/*.jsonl",
        },
    )
    return model, report


def train(
    nlp: Language, train_dir: Path = TRAIN_DIR, out: Path | None = None, c: float = 4.0
) -> TrainReport:
    """Rebuild the shipped model from the repository's labelled sentences."""
    paths = sorted(train_dir.glob("*.jsonl"))
    examples, rejected = read_examples(paths)
    model, report = fit(examples, nlp, c=c)
    report.rejected[:0] = rejected
    report.files = [p.name for p in paths]
    model.save(out) if out else model.save()
    return report


def folds(examples: Sequence[Example], k: int = 5) -> list[tuple[list[Example], list[Example]]]:
    """Deterministic stratified-by-shuffle folds for cross-validation."""
    order = sorted(examples, key=lambda e: e.id)
    random.Random(SEED).shuffle(order)
    return [
        (
            [e for j, e in enumerate(order) if j % k != i],
            [e for j, e in enumerate(order) if j % k == i],
        )
        for i in range(k)
    ]
