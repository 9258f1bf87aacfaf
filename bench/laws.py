"""The default packs on real official text: ../shared/corpus/laws (646 published laws,
regulations and judicial interpretations that nobody on this project wrote).

    python bench/laws.py [--corpus DIR] [--details] [--write-baseline]

Runs the real `review` command once over every legal text of the corpus (not its README or
the folders' `_index.md`) with `--ignore metadata`: the texts carry no front matter, so
`metadata/missing-title` would fire on every one of them for a reason that is the dataset's
format, not its text. Prints findings per rule, then per severity and per MB, and compares
them with the reviewed baseline tests/fixtures/laws-baseline.json: the findings accepted as
genuine defects of the dataset (half-width punctuation, 〈〉 written as <>, full-width digits,
…). A finding not in the baseline is a new false alarm or a newly found defect; either way a
visible change that someone must judge before updating the baseline with --write-baseline.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
BASELINE = ROOT / "tests" / "fixtures" / "laws-baseline.json"
SAFE_FIXES = ROOT / "tests" / "fixtures" / "laws-safe-fixes.json"
# Findings judged false alarms and left as they are (a guard would cost recall elsewhere):
# [path, line, rule, text, why]. They stay in the baseline, marked, so a change still shows.
FALSE_ALARMS = [
    [
        "司法解释/最高人民法院关于办理行政申请再审案件若干问题的规定(2021-03-25).md",
        125,
        "typography/stray-space",
        " ",
        "书 记 员×××：文书样式中字间加空格的署名栏（同样的字间空格在「不 得 外 传」中是规避审核的写法，须报告）",
    ],
]
HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")
SEVERITIES = ("error", "warning", "info")


def texts(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if p.name not in ("README.md", "_index.md"))


def run_review(corpus: Path, *extra: str) -> subprocess.CompletedProcess:
    """The real command, one process, paths relative to the corpus folder."""
    files = [str(p.relative_to(corpus)) for p in texts(corpus)]
    return subprocess.run(
        [sys.executable, "-m", "review", *files, "--ignore", "metadata", *extra],
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=600,
    )


def findings(corpus: Path = CORPUS) -> list[dict]:
    proc = run_review(corpus, "--format", "json")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"review failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)["findings"]


def key(f: dict) -> tuple:
    return (f["path"], f["line"], f["rule"], f["text"])


def load_baseline(path: Path = BASELINE) -> Counter:
    body = json.loads(path.read_text(encoding="utf-8"))
    return Counter(tuple(item) for part in ("defects", "style", "false_alarms") for item in body[part])


def dump_rows(rows: list) -> str:
    """One JSON row per line: a changed finding is a one-line change in review."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]"


def write_baseline(found: list[dict], path: Path = BASELINE) -> None:
    judged = {tuple(fa[:4]) for fa in FALSE_ALARMS}
    defects = sorted(key(f) for f in found if f["severity"] != "info" and key(f) not in judged)
    style = sorted(key(f) for f in found if f["severity"] == "info")
    false_alarms = sorted(key(f) for f in found if key(f) in judged)
    path.write_text(
        '{"about": "review findings on ../shared/corpus/laws, [path, line, rule, text]. defects: errors and '
        "warnings, each judged a genuine defect of the dataset; style: info notes on correct text; false_alarms: "
        "warnings judged wrong (bench/laws.py FALSE_ALARMS says why), kept so that a change shows. Regenerate with "
        'python bench/laws.py --write-baseline after judging every change.",\n'
        f'"defects": {dump_rows([list(d) for d in defects])},\n"style": {dump_rows([list(i) for i in style])},\n'
        f'"false_alarms": {dump_rows([list(i) for i in false_alarms])}\n}}\n',
        encoding="utf-8",
    )


def safe_edits(corpus: Path = CORPUS) -> list[list]:
    """Every edit `review --diff` (the safe fixes) makes to the corpus, as sorted
    [path, line, removed, inserted] pieces of each changed line: what a reviewer reads."""
    proc = run_review(corpus, "--diff")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"review failed ({proc.returncode}): {proc.stderr.strip()}")
    edits, path, line, removed = [], None, 0, []
    for row in proc.stdout.split("\n"):
        if row.startswith("--- "):
            path = row[4:].removeprefix("a/").removeprefix("./")
        elif row.startswith("+++ "):
            continue
        elif m := HUNK.match(row):
            line, removed = int(m.group(1)), []
        elif row.startswith("-"):
            removed.append((line, row[1:]))
            line += 1
        elif row.startswith("+"):
            at, old = removed.pop(0)  # fixes never add or remove lines: one + for each -
            ops = difflib.SequenceMatcher(None, old, row[1:], autojunk=False).get_opcodes()
            edits += [[path, at, old[i1:i2], row[1:][j1:j2]] for op, i1, i2, j1, j2 in ops if op != "equal"]
        else:  # context: difflib may align a removed line past it (blank lines look alike)
            line += 1
    return sorted(edits)


def size_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in texts(corpus)) / 1e6


def table(found: list[dict], corpus: Path) -> str:
    mb = size_mb(corpus)
    by_severity = Counter(f["severity"] for f in found)
    rows = ["| 级别 | 问题数 | 每 MB |", "|---|---:|---:|"]
    for s in SEVERITIES:
        rows.append(f"| {s} | {by_severity[s]} | {by_severity[s] / mb:.2f} |")
    rows.append("")
    rows.append(
        f"语料：{len(texts(corpus))} 篇法律、法规和司法解释，{mb:.1f} MB（`../shared/corpus/laws`，不计页面元数据规则）。"
    )
    return "\n".join(rows)


def per_rule(found: list[dict]) -> str:
    counts = Counter((f["severity"], f["rule"]) for f in found)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return "\n".join(
        f"{n:6d}  {sev:7s} {rule}"
        for (sev, rule), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1]))
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--details", action="store_true", help="list every finding not in the baseline")
    ap.add_argument(
        "--write-baseline",
        action="store_true",
        help="accept the current findings as the baseline and the current safe fixes as reviewed",
    )
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        # `make bench` on a clone without ../shared: say so and go on with the other benchmarks
        print(f"{args.corpus}: 语料不存在（需要 ../shared/corpus/laws），跳过", file=sys.stderr)
        return 0 if args.corpus == CORPUS else 2
    found = findings(args.corpus)
    print(per_rule(found))
    print()
    print(table(found, args.corpus))
    edits = safe_edits(args.corpus)
    changes = Counter((old, new) for _, _, old, new in edits)
    print(f"\n安全修复（review --diff）：{len(edits)} 处改动，按改动汇总：")
    for (old, new), n in changes.most_common():
        print(f"{n:6d}  「{old}」→「{new}」")
    if args.write_baseline:
        write_baseline(found)
        SAFE_FIXES.write_text(
            '{"about": "the edits of review --diff (the safe fixes) on ../shared/corpus/laws, '
            '[path, line, removed, inserted]; reviewed: each fixes a genuine defect of the dataset.",\n'
            f'"edits": {dump_rows(edits)}\n}}\n',
            encoding="utf-8",
        )
        print(
            f"\n基线已写入 {BASELINE.relative_to(ROOT)}（{len(found)} 处）和 {SAFE_FIXES.relative_to(ROOT)}（{len(edits)} 处）"
        )
        return 0
    if BASELINE.exists():
        got, accepted = Counter(key(f) for f in found), load_baseline()
        new, gone = got - accepted, accepted - got
        print(f"\n与基线相比：新增 {sum(new.values())} 处，消失 {sum(gone.values())} 处")
        if args.details:
            for title, items in (("新增", new), ("消失", gone)):
                for path, line, rule, text in sorted(items):
                    print(f"{title} {path}:{line} {rule}「{text}」")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
