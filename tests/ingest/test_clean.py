"""Text cleaning: residue, link blocks, bylines and bios; the labelled set's scores pinned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from whimbrel.errors import GoldFileError
from whimbrel.eval.cleaning import score_dir
from whimbrel.ingest.clean import clean_article, clean_text, residue_reason
from whimbrel.records import Article

ROOT = Path(__file__).resolve().parents[2]
CLEANING = ROOT / "tests" / "data" / "cleaning"
SEED = ROOT / "examples" / "seed-article.txt"
BODY = (
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss border "
    "security and migration along their shared frontier."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("\t\tThanks for contacting us. We've received your submission.\t", "residue"),
        ("Thank you for contacting us. We have received your submission.", "residue"),
        ("Share Selection", "share"),
        ("Facebook | Twitter | LinkedIn | Email", "share"),
        ("Click to share on Reddit (Opens in new window)", "share"),
        ("Sign up for our Morning Briefing newsletter", "newsletter"),
        ("Get the best of our journalism delivered to your inbox.", "newsletter"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Read more: Chile's new constitution explained", "read-more"),
        ("READ MORE", "read-more"),
        ("ADVERTISEMENT", "advert"),
        ("Story continues below advertisement", "advert"),
        ("(Photo by Jane Roe/Getty Images)", "photo-credit"),
        ("Photograph: Martin Mejia/AP", "photo-credit"),
        ("Reporting by Marco Aquino; Editing by Sandra Maler", "credit"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "copyright"),
        ("Updated: March 4, 2024 9:12 am ET", "timestamp"),
        ("5 min read", "timestamp"),
        ("Subscribe to continue reading", "paywall"),
        ("Skip to main content", "navigation"),
    ],
)
def test_residue_lines(line: str, reason: str) -> None:
    assert residue_reason(line) == reason
    result = clean_text(f"{BODY}\n{line}\n{BODY.replace('Monday', 'Tuesday')}")
    assert line.strip() not in result.text
    assert result.text.count("foreign ministers") == 2


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply in Santiago after the vote.",
        "Read together, the two statements suggest a split, analysts said.",
        "Photo identification will be required at polling stations.",
        "Cookies were handed out to children at the border post.",
        '"No," he said.',
        "Follow-up talks are scheduled for next month.",
        "Updates to the treaty were agreed on Monday, the ministry said.",
        "The opposition has little support, according to a Reuters/Ipsos poll conducted in May.",
    ],
)
def test_article_lines_that_look_like_residue_are_kept(line: str) -> None:
    assert residue_reason(line) is None
    assert line in clean_text(f"{BODY}\n{line}").text


def test_link_block_headlines_removed_until_text_resumes() -> None:
    text = (
        f"{BODY}\nRelated Articles\nPeru's congress votes to remove president\n"
        "Chile and Bolivia restore ties\nThe talks will resume in Santiago next week, "
        "officials said."
    )
    result = clean_text(text)
    assert result.text.splitlines() == [
        BODY,
        "The talks will resume in Santiago next week, officials said.",
    ]
    assert [r for _, r in result.removed] == ["related"] * 3


@pytest.mark.parametrize(
    ("byline", "bio", "expect_bio"),
    [
        ("By Ana Lima", "Ana Lima covers South American politics from Lima.", True),
        ("By ANA LIMA and JOHN ROE", "Ana Lima is a correspondent based in Lima.", True),
        (None, "Ana Lima is a senior fellow at the Andean Policy Institute.", True),
        (None, "Dina Boluarte is a former vice president who took office in 2022.", False),
        (None, "The UN has reported that the fighting has killed at least 190 people.", False),
    ],
)
def test_byline_and_bio_go_to_meta(byline: str | None, bio: str, expect_bio: bool) -> None:
    text = "\n".join(x for x in (byline, BODY, BODY.replace("Lima", "Cusco"), bio) if x)
    art = clean_article(Article(id="a", text=text))
    assert art.meta.get("byline") == byline
    assert (art.meta.get("bio") == bio) is expect_bio
    assert (bio in art.text) is not expect_bio
    if byline:
        assert byline not in art.text


def test_seed_article_residue_and_bio_out_of_text_into_meta() -> None:
    art = clean_article(Article(id="seed", text=SEED.read_text(encoding="utf-8")))
    assert "Thanks for contacting us" not in art.text
    assert "Share Selection" not in art.text
    assert "Irina Tsukerman" not in art.text
    assert art.meta["bio"].startswith("Irina Tsukerman is a human rights lawyer")
    assert art.text.startswith("This week’s Summit of the Americas")
    assert art.text.rstrip().endswith("become irreversible.")
    reasons = {r["reason"] for r in art.meta["removed_lines"]}
    assert reasons == {"residue", "share", "bio"}


def test_labelled_set_scores_are_pinned() -> None:
    report = score_dir(CLEANING)
    assert len(report.cases) >= 40
    assert report.total.precision >= 0.98
    assert report.total.recall >= 0.97
    assert report.by_split["heldout"].recall >= 0.9
    right, of = report.bio
    assert of >= 40 and right / of >= 0.95
    right, of = report.byline
    assert right / of >= 0.95


def test_scorer_counts_lines_as_multisets(tmp_path: Path) -> None:
    (tmp_path / "a.messy.txt").write_text(
        f"Share\n{BODY}\nShare\nBy the river it rained.\n", encoding="utf-8"
    )
    (tmp_path / "a.clean.txt").write_text(f"{BODY}\nBy the river it rained.\n", encoding="utf-8")
    report = score_dir(tmp_path)
    assert (report.total.gold, report.total.predicted, report.total.correct) == (2, 2, 2)


@pytest.mark.parametrize("layout", ["missing-clean", "empty", "no-folder", "bad-labels"])
def test_scorer_refuses_bad_folders(tmp_path: Path, layout: str) -> None:
    folder = tmp_path / "set"
    if layout != "no-folder":
        folder.mkdir()
    if layout in ("missing-clean", "bad-labels"):
        (folder / "a.messy.txt").write_text(BODY, encoding="utf-8")
    if layout == "bad-labels":
        (folder / "a.clean.txt").write_text(BODY, encoding="utf-8")
        (folder / "labels.jsonl").write_text("{oops\n", encoding="utf-8")
    with pytest.raises(GoldFileError) as info:
        score_dir(folder)
    assert "Try:" in str(info.value)


def test_eval_cleaning_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "whimbrel", "eval", "cleaning", str(CLEANING), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["cases"] >= 40 and report["precision"] >= 0.98
