"""Score text cleaning against a labelled folder (``whimbrel eval cleaning DIR``).

The folder holds pairs ``NAME.messy.txt`` (text as pasted or scraped, with page residue,
byline and author bio) and ``NAME.clean.txt`` (the lines a coder should read), and
optionally ``labels.jsonl`` with one ``{"case": NAME, "split": ..., "byline": ...,
"bio": ...}`` a line naming the byline and bio that must be lifted into metadata.

Lines are compared stripped and with inner whitespace collapsed. For each case the gold
*removed* lines are the messy lines absent from the clean version (as a multiset); the
predicted removed lines are the messy lines absent from ``clean_text``'s output. Precision
and recall are over removed lines, micro-averaged over all cases (and per split).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whimbrel.errors import GoldFileError
from whimbrel.ingest.clean import clean_text


def _norm(line: str) -> str:
    return " ".join(line.split())


def _lines(text: str) -> Counter[str]:
    return Counter(n for n in (_norm(x) for x in text.splitlines()) if n)


@dataclass
class CaseScore:
    case: str
    split: str
    gold_removed: int
    predicted_removed: int
    correct: int
    missed: list[str] = field(default_factory=list)  # residue left in the text
    wrongly_removed: list[str] = field(default_factory=list)  # article text taken out
    bio_ok: bool | None = None
    byline_ok: bool | None = None


@dataclass
class Totals:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, c: CaseScore) -> None:
        self.gold += c.gold_removed
        self.predicted += c.predicted_removed
        self.correct += c.correct

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold_removed": self.gold,
            "predicted_removed": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class CleaningReport:
    cases: list[CaseScore]
    total: Totals
    by_split: dict[str, Totals]
    bio: tuple[int, int]  # (right, labelled)
    byline: tuple[int, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": len(self.cases),
            **self.total.as_dict(),
            "by_split": {k: v.as_dict() for k, v in sorted(self.by_split.items())},
            "bio_accuracy": {"right": self.bio[0], "of": self.bio[1]},
            "byline_accuracy": {"right": self.byline[0], "of": self.byline[1]},
            "misses": [
                {"case": c.case, "missed": c.missed, "wrongly_removed": c.wrongly_removed}
                for c in self.cases
                if c.missed or c.wrongly_removed
            ],
        }


def _labels(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / "labels.jsonl"
    if not path.exists():
        return {}
    labels: dict[str, dict[str, Any]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFileError(
                f"{path}:{n} is not valid JSON ({e.msg}).", "write one JSON object per line."
            ) from e
        if not isinstance(row, dict) or not isinstance(row.get("case"), str):
            raise GoldFileError(
                f'{path}:{n} has no "case" name.',
                'write {"case": "001-name", "bio": ..., "byline": ...}.',
            )
        labels[row["case"]] = row
    return labels


def score_case(name: str, messy: str, clean: str, label: dict[str, Any]) -> CaseScore:
    result = clean_text(messy)
    before, gold_after, after = _lines(messy), _lines(clean), _lines(result.text)
    gold = before - gold_after
    predicted = before - after
    correct = gold & predicted
    score = CaseScore(
        case=name,
        split=str(label.get("split", "all")),
        gold_removed=sum(gold.values()),
        predicted_removed=sum(predicted.values()),
        correct=sum(correct.values()),
        missed=sorted((gold - predicted).elements()),
        wrongly_removed=sorted((predicted - gold).elements()),
    )
    if "bio" in label:
        score.bio_ok = _norm(label["bio"] or "") == _norm(result.bio or "")
    if "byline" in label:
        score.byline_ok = _norm(label["byline"] or "") == _norm(result.byline or "")
    return score


def score_dir(folder: Path) -> CleaningReport:
    """Score ``clean_text`` on every ``*.messy.txt`` / ``*.clean.txt`` pair in ``folder``."""
    if not folder.is_dir():
        raise GoldFileError(
            f"No folder at {folder}.", "give the folder of NAME.messy.txt / NAME.clean.txt pairs."
        )
    messy_files = sorted(folder.glob("*.messy.txt"))
    if not messy_files:
        raise GoldFileError(
            f"{folder} has no *.messy.txt files.", "add pairs NAME.messy.txt and NAME.clean.txt."
        )
    labels = _labels(folder)
    cases: list[CaseScore] = []
    for messy_path in messy_files:
        name = messy_path.name[: -len(".messy.txt")]
        clean_path = folder / f"{name}.clean.txt"
        if not clean_path.exists():
            raise GoldFileError(
                f"{messy_path} has no {clean_path.name} beside it.",
                "write the clean version of every messy text.",
            )
        cases.append(
            score_case(
                name,
                messy_path.read_text(encoding="utf-8"),
                clean_path.read_text(encoding="utf-8"),
                labels.get(name, {}),
            )
        )
    total = Totals()
    by_split: dict[str, Totals] = {}
    for c in cases:
        total.add(c)
        by_split.setdefault(c.split, Totals()).add(c)
    bios = [c.bio_ok for c in cases if c.bio_ok is not None]
    bylines = [c.byline_ok for c in cases if c.byline_ok is not None]
    return CleaningReport(
        cases, total, by_split, (sum(bios), len(bios)), (sum(bylines), len(bylines))
    )
