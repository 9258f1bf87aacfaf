"""The README documents what users type: the two commands, every option, every hook id."""

import re

import pytest
import yaml
from engine_support import ROOT, run_review

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make serve" in first_block and "make test" in first_block


def test_every_option_is_documented():
    options = set(re.findall(r"(--[a-z-]+)", run_review("--help").stdout)) - {"--help"}
    missing = {o for o in options if o not in README}
    assert not missing


def test_every_hook_id_is_documented():
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        assert f"hook id `{hook['id']}`" in README


def test_ci_runs_make_test():
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


@pytest.mark.e2e  # runs the accuracy benchmark as its own process
def test_accuracy_table_is_the_measured_one():
    import subprocess
    import sys

    table = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "accuracy.py")], capture_output=True, text=True, cwd=ROOT, timeout=300
    ).stdout
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) >= 12 and all(row in README for row in rows), "README's accuracy table is out of date"


def test_rule_ids_named_in_the_docs_exist():
    """An editor copying `review --explain ID` or a suppression from the docs gets a real id
    (the example record in the rule guide is exempt: it shows the format)."""
    import re

    from review.api import load_rules

    ids = {r.id for r in load_rules(ROOT).all}
    pattern = re.compile(
        r"\b((?:masking|residue|terminology|typo|sensitive|secrecy|privacy|typography|markup|metadata)/[a-z0-9-]+)"
    )
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    unknown = {
        (p.name, m)
        for p in pages
        for m in pattern.findall(p.read_text(encoding="utf-8"))
        if m not in ids and m != "typo/common-miswritings"
    }
    assert not unknown
