"""Accuracy of the default packs on the labelled corpus (tests/corpus), measured by running the
real `review` command: recall of at least 0.95 in every category, no finding at all on the
clean documents. bench/accuracy.py prints the same figures as the README's table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import accuracy  # noqa: E402  (bench/accuracy.py)

from review.rules.loader import default_pack_paths, load_rules  # noqa: E402

# The labelled corpus measured as a whole: seconds, so in `make test`, not in `make check`.
pytestmark = pytest.mark.slow

DRAFTS = accuracy.CORPUS / "drafts"
CLEAN = accuracy.CORPUS / "clean"
MIN_LABELS = 9  # per category, so that one miss is visible in the recall


@pytest.fixture(scope="module")
def report() -> accuracy.Report:
    return accuracy.measure()


def test_every_category_is_planted(report):
    thin = {c: s.labelled for c, s in report.scores.items() if s.labelled < MIN_LABELS}
    assert not thin, f"categories with too few planted defects: {thin}"


@pytest.mark.parametrize("category", accuracy.CATEGORIES)
def test_recall(report, category):
    score = report.scores[category]
    missed = [k for k in report.missed if k[1].startswith(category + "/")]
    assert score.recall >= 0.95, f"{category}: recall {score.recall:.2f}, missed {missed}"


@pytest.mark.parametrize("category", accuracy.CATEGORIES)
def test_precision_on_drafts(report, category):
    """Every finding on a draft is a planted defect: a noisy rule shows up here first."""
    score = report.scores[category]
    noise = [k for k in report.false_alarms if k[1].startswith(category + "/")]
    assert score.precision >= 0.95, f"{category}: precision {score.precision:.2f}, false alarms {noise}"


def test_clean_documents_have_no_findings(report):
    assert report.clean_files >= 4
    assert report.clean_findings == []


def test_labels_are_well_formed():
    """Each label names a default rule, a line of its draft, and text that is on that line."""
    ids = {r.id for r in load_rules(default_pack_paths())}
    for sidecar in sorted(DRAFTS.glob("*.expected.yaml")):
        lines = sidecar.with_name(sidecar.name.replace(".expected.yaml", ".md")).read_text(encoding="utf-8").split("\n")
        for item in yaml.safe_load(sidecar.read_text(encoding="utf-8")):
            assert set(item) == {"rule", "line", "text"}, (sidecar.name, item)
            assert item["rule"] in ids, (sidecar.name, item)
            assert str(item["text"]).split("\n")[0] in lines[item["line"] - 1], (sidecar.name, item)


def test_defects_sit_in_every_markdown_structure():
    """Planted defects appear in headings, list items, table cells, block quotes and link text."""
    where = set()
    for sidecar in DRAFTS.glob("*.expected.yaml"):
        lines = sidecar.with_name(sidecar.name.replace(".expected.yaml", ".md")).read_text(encoding="utf-8").split("\n")
        for item in yaml.safe_load(sidecar.read_text(encoding="utf-8")):
            line = lines[item["line"] - 1]
            if line.startswith("#"):
                where.add("heading")
            if line.lstrip().startswith(("- ", "* ")) or line[:2].rstrip(".、").isdigit():
                where.add("list")
            if line.startswith("|"):
                where.add("table")
            if line.startswith(">"):
                where.add("quote")
            if "[" in line and "](" in line and item["text"] in line[line.index("[") : line.index("](")]:
                where.add("link text")
    assert where >= {"heading", "list", "table", "quote", "link text"}


def test_table_for_the_readme(report):
    text = accuracy.table(report)
    assert text.count("\n| ") >= len(accuracy.CATEGORIES) + 1
    for category in accuracy.CATEGORIES:
        assert f"`{category}`" in text
