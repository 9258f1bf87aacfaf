"""The real document an editor received (tests/fixtures/work-plan-2026-raw.txt), reviewed by
the real command with the default packs: the complete set of findings, each finding's text
equal to the source at its position, and what `--fix` leaves behind.

The expected findings are derived from the source text itself (every `dang`, every half-width
comma, ...), so the test states what must be found rather than replaying a recorded output.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import WORK_PLAN as SEED
from engine_support import run_review


def review(*args: str, cwd: Path) -> dict:
    proc = run_review(*args, "--format", "json", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "work-plan-2026.md"
    shutil.copyfile(SEED, path)
    return path


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def expected_findings(text: str) -> Counter:
    """(rule, line, column, text, suggestion, fixable) of every defect, read off the source."""
    out: Counter = Counter()

    def add(rule: str, start: int, end: int, suggestion: str | None, fixable: bool) -> None:
        line, column = position(text, start)
        out[(rule, line, column, text[start:end], suggestion, fixable)] += 1

    def every(pattern: str, rule: str, suggestion: str | None, fixable: bool, group: int = 0) -> int:
        n = 0
        for m in re.finditer(pattern, text):
            add(rule, m.start(group), m.end(group), suggestion, fixable)
            n += 1
        return n

    lines = text.split("\n")
    # The two lines of download-site notices, each reported whole; the first is also where a
    # page without front matter lacks its title.
    assert lines[0].startswith("主编提示") and lines[1].startswith("会员请")
    add("residue/download-site-notice", 0, len(lines[0]), None, False)
    add("residue/download-site-notice", len(lines[0]) + 1, len(lines[0]) + 1 + len(lines[1]), None, False)
    add("metadata/missing-title", 0, len(lines[0]), None, False)
    # Masked words: every dang is certain (safe); 学习JY is certain in context (safe);
    # 党的**大 is the 20th congress in a current document (suggested); **** is unknowable.
    assert every(r"dang", "masking/pinyin-substitute", "党", True) == 57
    assert every(r"学习JY", "masking/initialism-in-context", "学习教育", True) == 2
    assert every(r"dang的(\*\*)大", "masking/party-congress-asterisks", "二十", False, group=1) == 1
    assert every(r"\*\*\*\*", "masking/asterisk-run", None, False) == 1
    # Incomplete formulations.
    assert every(r"(?<!习近平)总书记", "terminology/bare-general-secretary", "习近平总书记", False) == 4
    assert (
        every(
            r"(?<!习近平)新时代中国特色社会主义思想",
            "terminology/xi-thought-full-name",
            "习近平新时代中国特色社会主义思想",
            False,
        )
        == 1
    )
    # Half-width punctuation, all of it in Chinese context, all of it certain.
    assert every(r",", "typography/halfwidth-comma", "，", True) == 127
    assert every(r":", "typography/halfwidth-colon", "：", True) == 2
    assert every(r"\(", "typography/halfwidth-parenthesis-open", "（", True) == 1
    assert every(r"\)", "typography/halfwidth-parenthesis-close", "）", True) == 1
    return out


def test_complete_findings(draft: Path):
    text = draft.read_text(encoding="utf-8")
    findings = review(draft.name, cwd=draft.parent)["findings"]
    got = Counter((f["rule"], f["line"], f["column"], f["text"], f["suggestion"], f["fixable"]) for f in findings)
    want = expected_findings(text)
    assert got - want == Counter(), "unexpected findings"
    assert want - got == Counter(), "missing findings"


def test_finding_text_is_the_source_slice(draft: Path):
    lines = draft.read_text(encoding="utf-8").split("\n")
    findings = review(draft.name, cwd=draft.parent)["findings"]
    assert findings
    for f in findings:
        if f["line"] == f["end_line"]:
            piece = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
        else:
            piece = "\n".join(
                [
                    lines[f["line"] - 1][f["column"] - 1 :],
                    *lines[f["line"] : f["end_line"] - 1],
                    lines[f["end_line"] - 1][: f["end_column"] - 1],
                ]
            )
        assert piece == f["text"], f


def test_numbering_with_a_point_is_correct(draft: Path):
    """`1.坚持…` is GB/T 15834 usage for Arabic-numeral ordinals: nothing at line starts."""
    findings = review(draft.name, cwd=draft.parent)["findings"]
    assert not [f for f in findings if f["column"] <= 2 and f["line"] > 3 and f["category"] == "typography"]


def test_fix_leaves_no_safe_defect_and_is_idempotent(draft: Path):
    after = review(draft.name, "--fix", cwd=draft.parent)["findings"]
    fixed = draft.read_text(encoding="utf-8")
    # Nothing fixable is left, and every masked dang and certain punctuation mark is restored.
    assert not [f for f in after if f["fixable"]]
    assert "dang" not in fixed and "学习JY" not in fixed
    assert not re.search(r"[,:()]", fixed)
    assert fixed.count("党") >= 57 and fixed.count("学习教育") == 2
    assert "全面从严治党，巩固拓展" in fixed and "深化党纪学习教育，践行" in fixed
    assert fixed.startswith("主编提示：部分资料（如“二十大”）应有关部门要求，本站不提供下载")
    # What needs a person stays reported and untouched.
    left = Counter(f["rule"] for f in after)
    assert left == Counter(
        {
            "terminology/bare-general-secretary": 4,
            "residue/download-site-notice": 2,
            "metadata/missing-title": 1,
            "masking/party-congress-asterisks": 1,
            "masking/asterisk-run": 1,
            "terminology/xi-thought-full-name": 1,
        }
    )
    assert "党的**大" in fixed and "****" in fixed
    # A second --fix changes nothing.
    again = review(draft.name, "--fix", cwd=draft.parent)["findings"]
    assert draft.read_text(encoding="utf-8") == fixed
    assert again == after
