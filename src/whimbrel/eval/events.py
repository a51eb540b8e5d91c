"""Score event coding against a gold file in the PLOVER JSON format (``whimbrel eval events``).

Gold: a JSON list (or JSONL) of records ``{"id", "text", "date", "event", "mode",
"source"|"actor": [{"actorText", "code", "sector"}], "target"|"recipient": [...]}``; an
absent or null ``event`` means the text reports no event. Old type names (DEMAND,
DISAPPROVE, INVESTIGATE, FIGHT) read as REQUEST, ACCUSE, ACCUSE, ASSAULT.

Each text is coded by the real pipeline stages (nlp -> actors -> events); its *top* event is
the most confident event that is not negated. Scores:

- type: the top event's type (or none) equals the gold type (or none);
- per-type precision, recall, F1 and a confusion matrix (gold rows, predicted columns);
- actors: a side is right when the set of predicted country codes equals the gold set
  (sectors reported separately); the full triple is type + source + target right;
- no-event false positives: texts with no gold event that get an event (any / conflict);
- calibration: accuracy of the top event's type per confidence decile (equal-size bins).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from whimbrel.errors import GoldFileError
from whimbrel.events.classify import EventModel
from whimbrel.events.extract import top_event
from whimbrel.events.ontology import normalise_type
from whimbrel.nlp import parse
from whimbrel.pipeline import code_document
from whimbrel.records import PLOVER_TYPES, Article, Event, stable_id

NONE = "none"
_CONFLICT = {"verbal conflict", "material conflict"}


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str | None
    sector: str | None


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None
    event: str | None
    mode: str
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]


def _actors(value: Any, where: str) -> tuple[GoldActor, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise GoldFileError(
            f"{where}: actors must be a list of objects.",
            'write [{"actorText": ..., "code": ..., "sector": ...}].',
        )
    out = []
    for a in value:
        if not isinstance(a, dict):
            raise GoldFileError(
                f"{where}: actor {a!r} is not an object.",
                'write {"actorText": ..., "code": ..., "sector": ...}.',
            )
        out.append(
            GoldActor(
                str(a.get("actorText") or a.get("text") or ""),
                a.get("code") or None,
                a.get("sector") or None,
            )
        )
    return tuple(out)


def parse_gold(rows: Iterable[Any], where: str = "gold") -> list[GoldRecord]:
    """Gold records from parsed JSON rows; a malformed row is a GoldFileError naming it."""
    records: list[GoldRecord] = []
    for n, row in enumerate(rows, 1):
        at = f"{where} record {n}"
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise GoldFileError(f"{at} has no text.", 'give every record a "text" string.')
        raw_type = row.get("event")
        event, mode = normalise_type(raw_type, row.get("mode") or "")
        if raw_type and event is None:
            raise GoldFileError(
                f"{at}: unknown event type {raw_type!r}.",
                f"use one of {', '.join(PLOVER_TYPES)} or null.",
            )
        date = None
        if row.get("date"):
            try:
                date = dt.date.fromisoformat(str(row["date"])[:10])
            except ValueError as e:
                raise GoldFileError(
                    f"{at}: date {row['date']!r} is not YYYY-MM-DD.", "write dates as YYYY-MM-DD."
                ) from e
        records.append(
            GoldRecord(
                id=str(row.get("id") or stable_id(row["text"])),
                text=row["text"],
                date=date,
                event=event,
                mode=mode,
                source=_actors(row.get("source", row.get("actor")), at),
                target=_actors(row.get("target", row.get("recipient")), at),
            )
        )
    return records


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold file: a JSON list, or one JSON object per line."""
    if not path.is_file():
        raise GoldFileError(f"No gold file at {path}.", "check the path.")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        rows = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            raise GoldFileError(
                f"{path} is neither a JSON list nor JSON lines ({e.msg}).",
                "write a JSON list of PLOVER records.",
            ) from e
    return parse_gold(rows, str(path))


Coder = Callable[[Sequence[GoldRecord]], list[list[Event]]]


def pipeline_coder(nlp: Language, model: EventModel | None = None) -> Coder:
    """Code gold texts with the real stages (``whimbrel.pipeline.code_document``)."""

    def code(records: Sequence[GoldRecord]) -> list[list[Event]]:
        articles = [Article.from_text(r.text, id=r.id, published=r.date) for r in records]
        return [
            code_document(document, model=model) for document in parse(articles, nlp, batch_size=64)
        ]

    return code


@dataclass
class Outcome:
    record: GoldRecord
    predicted: Event | None
    type_right: bool
    source_right: bool
    target_right: bool


@dataclass
class EventReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    def _events(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.record.event]

    def type_accuracy(self) -> float:
        return _ratio(sum(o.type_right for o in self.outcomes), self.n)

    def triple_accuracy(self) -> float:
        """Type, source and target all right, over texts with a gold event."""
        ev = self._events()
        return _ratio(sum(o.type_right and o.source_right and o.target_right for o in ev), len(ev))

    def actor_accuracy(self) -> dict[str, float]:
        ev = self._events()
        return {
            "source": _ratio(sum(o.source_right for o in ev), len(ev)),
            "target": _ratio(sum(o.target_right for o in ev), len(ev)),
        }

    def no_event_false_positives(self) -> dict[str, float]:
        none = [o for o in self.outcomes if not o.record.event]
        fp = [o for o in none if o.predicted is not None]
        conflict = [o for o in fp if o.predicted and o.predicted.quad_class in _CONFLICT]
        return {
            "texts": float(len(none)),
            "any": _ratio(len(fp), len(none)),
            "conflict": _ratio(len(conflict), len(none)),
        }

    def confusion(self) -> dict[str, Counter[str]]:
        table: dict[str, Counter[str]] = {}
        for o in self.outcomes:
            gold = o.record.event or NONE
            pred = o.predicted.event_type if o.predicted else NONE
            table.setdefault(gold, Counter())[pred] += 1
        return table

    def per_type(self) -> dict[str, tuple[float, float, float, int]]:
        """Precision, recall, F1 and gold support per type."""
        out: dict[str, tuple[float, float, float, int]] = {}
        for t in PLOVER_TYPES:
            tp = sum(1 for o in self.outcomes if o.record.event == t and o.type_right)
            pred = sum(1 for o in self.outcomes if o.predicted and o.predicted.event_type == t)
            gold = sum(1 for o in self.outcomes if o.record.event == t)
            if not pred and not gold:
                continue
            p, r = _ratio(tp, pred), _ratio(tp, gold)
            out[t] = (p, r, _ratio(2 * p * r, p + r), gold)
        return out

    def calibration(self, bins: int = 10) -> list[tuple[float, float, float, int]]:
        """(lowest confidence, highest, accuracy, count) per equal-size confidence bin."""
        scored = sorted(
            ((o.predicted.confidence, o.type_right) for o in self.outcomes if o.predicted),
            key=lambda x: x[0],
        )
        if not scored:
            return []
        rows = []
        for b in range(bins):
            part = scored[b * len(scored) // bins : (b + 1) * len(scored) // bins]
            if part:
                rows.append(
                    (part[0][0], part[-1][0], _ratio(sum(r for _, r in part), len(part)), len(part))
                )
        return rows

    def summary(self) -> dict[str, float]:
        fp = self.no_event_false_positives()
        actors = self.actor_accuracy()
        return {
            "texts": float(self.n),
            "type": self.type_accuracy(),
            "triple": self.triple_accuracy(),
            "source": actors["source"],
            "target": actors["target"],
            "none_fp": fp["any"],
            "none_conflict_fp": fp["conflict"],
        }


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _codes(actors: Iterable[Any]) -> frozenset[str]:
    return frozenset(a.code for a in actors if a.code)


def score(records: Sequence[GoldRecord], coded: Sequence[list[Event]]) -> EventReport:
    """Compare each record's top predicted event with its gold event."""
    report = EventReport()
    for record, events in zip(records, coded, strict=True):
        top = top_event(events)
        pred_type = top.event_type if top else None
        type_right = pred_type == record.event
        if record.event:
            source_right = top is not None and _codes(top.source) == _codes(record.source)
            target_right = top is not None and _codes(top.target) == _codes(record.target)
        else:
            source_right = target_right = top is None
        report.outcomes.append(Outcome(record, top, type_right, source_right, target_right))
    return report


def evaluate(path: Path, nlp: Language, model: EventModel | None = None) -> EventReport:
    """Read a gold file, code its texts with the real stages, and score them."""
    records = load_gold(path)
    return score(records, pipeline_coder(nlp, model)(records))


def format_report(report: EventReport) -> str:
    """The plain-text report `whimbrel eval events` prints."""
    lines = [f"texts: {report.n}"]
    s = report.summary()
    lines.append(f"type accuracy (top event or none): {s['type']:.1%}")
    lines.append(f"full source-type-target accuracy (event texts): {s['triple']:.1%}")
    lines.append(f"actor accuracy: source {s['source']:.1%}, target {s['target']:.1%}")
    fp = report.no_event_false_positives()
    lines.append(
        f"no-event texts: {int(fp['texts'])}; false positives: any {fp['any']:.1%}, "
        f"conflict {fp['conflict']:.1%}"
    )
    lines.append("")
    lines.append(f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>5}")
    for t, (p, r, f1, n) in report.per_type().items():
        lines.append(f"{t:<10} {p:>6.2f} {r:>6.2f} {f1:>6.2f} {n:>5}")
    lines.append("")
    table = report.confusion()
    cols = [
        t for t in (*PLOVER_TYPES, NONE) if t in table or any(t in row for row in table.values())
    ]
    abbrev = [c[:4] for c in cols]
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':<10}" + "".join(f"{a:>5}" for a in abbrev))
    for g in cols:
        if g in table:
            lines.append(f"{g:<10}" + "".join(f"{table[g][c] or '.':>5}" for c in cols))
    lines.append("")
    lines.append("calibration (top events by confidence decile):")
    lines.append(f"{'confidence':<14} {'accuracy':>8} {'n':>4}")
    for lo, hi, acc, n in report.calibration():
        lines.append(f"{lo:.3f}-{hi:.3f}    {acc:>8.1%} {n:>4}")
    return "\n".join(lines)


def cross_validate(nlp: Language, k: int = 5, train_dir: Path | None = None) -> EventReport:
    """k-fold cross-validation on the training sentences (development measure only)."""
    from whimbrel.events.train import TRAIN_DIR, fit, folds, read_examples

    examples, _ = read_examples(sorted((train_dir or TRAIN_DIR).glob("*.jsonl")))
    report = EventReport()
    for train_part, test_part in folds(examples, k):
        model, _ = fit(train_part, nlp)
        records = parse_gold([ex.raw for ex in test_part], "train")
        report.outcomes.extend(score(records, pipeline_coder(nlp, model)(records)).outcomes)
    return report


def report_dict(report: EventReport) -> dict[str, object]:
    """The report as plain JSON types (for ``--json``)."""
    return {
        "summary": report.summary(),
        "per_type": {
            t: {"precision": p, "recall": r, "f1": f, "gold": n}
            for t, (p, r, f, n) in report.per_type().items()
        },
        "confusion": {g: dict(row) for g, row in report.confusion().items()},
        "calibration": [
            {"low": lo, "high": hi, "accuracy": a, "n": n} for lo, hi, a, n in report.calibration()
        ],
        "misses": [
            {
                "id": o.record.id,
                "gold": o.record.event,
                "predicted": o.predicted.event_type if o.predicted else None,
                "trigger": o.predicted.evidence.trigger if o.predicted else None,
                "text": o.record.text,
            }
            for o in report.outcomes
            if not o.type_right
        ],
    }
