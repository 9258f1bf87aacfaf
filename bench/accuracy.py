"""Accuracy of the default packs on the labelled corpus in tests/corpus, as a Markdown table
for the README (per category: planted defects, found, missed, false alarms, recall, precision).

    python bench/accuracy.py [--details]

The corpus: tests/corpus/drafts/*.md carry planted defects of every category (in headings,
lists, tables, quotes, link text), each listed by hand in the sidecar NAME.expected.yaml as
`{rule, line, text}`; tests/corpus/clean/*.md are correct documents full of near misses and
must produce no finding at all. The real `review` command is run once over both folders,
exactly as CI runs it. A finding counts as a hit only when rule, line and text all match a
label (each label matches one finding); any other finding on a draft, and every finding on a
clean document, is a false alarm.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
CATEGORIES = (
    "masking",
    "residue",
    "terminology",
    "typo",
    "sensitive",
    "secrecy",
    "privacy",
    "typography",
    "markup",
    "metadata",
)
NAMES = {
    "masking": "屏蔽替换",
    "residue": "来源残留",
    "terminology": "规范表述",
    "typo": "错别字",
    "sensitive": "不当用语",
    "secrecy": "涉密标志",
    "privacy": "个人信息",
    "typography": "标点数字",
    "markup": "标记安全",
    "metadata": "页面元数据",
}

Key = tuple  # (path, rule, line, text)


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    false_alarms: int = 0

    @property
    def missed(self) -> int:
        return self.labelled - self.found

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        reported = self.found + self.false_alarms
        return self.found / reported if reported else 1.0


@dataclass
class Report:
    scores: dict[str, Score]
    missed: list[Key] = field(default_factory=list)
    false_alarms: list[Key] = field(default_factory=list)
    clean_files: int = 0
    clean_findings: list[Key] = field(default_factory=list)
    draft_files: int = 0


def labels(folder: Path) -> Counter:
    out: Counter = Counter()
    for sidecar in sorted(folder.glob("*.expected.yaml")):
        md = sidecar.with_name(sidecar.name[: -len(".expected.yaml")] + ".md")
        if not md.exists():
            raise SystemExit(f"{sidecar}: no draft {md.name} beside it")
        for item in yaml.safe_load(sidecar.read_text(encoding="utf-8")) or []:
            out[(md.name, item["rule"], int(item["line"]), str(item["text"]))] += 1
    return out


def run_review(*folders: Path) -> list[dict]:
    """The real command, one process, JSON output; paths relative to the corpus folder."""
    proc = subprocess.run(
        [sys.executable, "-m", "review", *(str(f.relative_to(CORPUS)) for f in folders), "--format", "json"],
        cwd=CORPUS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"review failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)["findings"]


def measure(corpus: Path = CORPUS) -> Report:
    drafts, clean = corpus / "drafts", corpus / "clean"
    expected = labels(drafts)
    findings = run_review(drafts, clean)
    got: Counter = Counter()
    report = Report({c: Score() for c in CATEGORIES})
    report.draft_files = len(list(drafts.glob("*.md")))
    report.clean_files = len(list(clean.glob("*.md")))
    for f in findings:
        folder, name = Path(f["path"]).parent.name, Path(f["path"]).name
        key = (name, f["rule"], f["line"], f["text"])
        if folder == "clean":
            report.clean_findings.append(key)
            report.scores[f["category"]].false_alarms += 1
        else:
            got[key] += 1
    for key, n in expected.items():
        score = report.scores[key[1].split("/", 1)[0]]
        score.labelled += n
        hit = min(n, got[key])
        score.found += hit
        report.missed += [key] * (n - hit)
    for key, n in (got - expected).items():
        report.scores[key[1].split("/", 1)[0]].false_alarms += n
        report.false_alarms += [key] * n
    return report


def table(report: Report) -> str:
    rows = ["| 类别 | 标注缺陷 | 检出 | 漏报 | 误报 | 召回率 | 精确率 |", "|---|---:|---:|---:|---:|---:|---:|"]
    total = Score()
    for c in CATEGORIES:
        s = report.scores[c]
        total.labelled += s.labelled
        total.found += s.found
        total.false_alarms += s.false_alarms
        rows.append(
            f"| {NAMES[c]}（`{c}`） | {s.labelled} | {s.found} | {s.missed} | {s.false_alarms} | {s.recall:.2f} | {s.precision:.2f} |"
        )
    rows.append(
        f"| **合计** | {total.labelled} | {total.found} | {total.missed} | {total.false_alarms} | {total.recall:.2f} | {total.precision:.2f} |"
    )
    rows.append("")
    rows.append(
        f"语料：{report.draft_files} 篇植入缺陷的文稿，{report.clean_files} 篇含大量易误报写法的正确文稿"
        f"（正确文稿上的问题数：{len(report.clean_findings)}）。"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="also list every miss and false alarm")
    args = ap.parse_args(argv)
    report = measure()
    print(table(report))
    if args.details:
        for title, keys in (("漏报", report.missed), ("误报", report.false_alarms + report.clean_findings)):
            print(f"\n{title}：")
            for name, rule, line, text in keys:
                print(f"- {name}:{line} {rule}「{text}」")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
