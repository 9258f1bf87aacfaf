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
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "laws"
BASELINE = ROOT / "tests" / "fixtures" / "laws-baseline.json"
SEVERITIES = ("error", "warning", "info")


def texts(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if p.name not in ("README.md", "_index.md"))


def run_review(corpus: Path, *extra: str) -> subprocess.CompletedProcess:
    """The real command, one process, paths relative to the corpus folder."""
    files = [str(p.relative_to(corpus)) for p in texts(corpus)]
    return subprocess.run([sys.executable, "-m", "review", *files, "--ignore", "metadata", *extra],
                          cwd=corpus, capture_output=True, text=True, timeout=600)


def findings(corpus: Path = CORPUS) -> list[dict]:
    proc = run_review(corpus, "--format", "json")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"review failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)["findings"]


def key(f: dict) -> tuple:
    return (f["path"], f["line"], f["rule"], f["text"])


def load_baseline(path: Path = BASELINE) -> Counter:
    return Counter(tuple(item) for item in json.loads(path.read_text(encoding="utf-8"))["findings"])


def write_baseline(found: list[dict], path: Path = BASELINE) -> None:
    items = sorted(key(f) for f in found)
    body = {"about": "review findings on ../shared/corpus/laws accepted as genuine defects of the dataset: "
                     "[path, line, rule, text]; regenerate with python bench/laws.py --write-baseline after "
                     "judging every change",
            "findings": [list(i) for i in items]}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def size_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in texts(corpus)) / 1e6


def table(found: list[dict], corpus: Path) -> str:
    mb = size_mb(corpus)
    by_severity = Counter(f["severity"] for f in found)
    rows = ["| 级别 | 问题数 | 每 MB |", "|---|---:|---:|"]
    for s in SEVERITIES:
        rows.append(f"| {s} | {by_severity[s]} | {by_severity[s] / mb:.2f} |")
    rows.append("")
    rows.append(f"语料：{len(texts(corpus))} 篇法律、法规和司法解释，{mb:.1f} MB（`../shared/corpus/laws`，不计页面元数据规则）。")
    return "\n".join(rows)


def per_rule(found: list[dict]) -> str:
    counts = Counter((f["severity"], f["rule"]) for f in found)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return "\n".join(f"{n:6d}  {sev:7s} {rule}" for (sev, rule), n in
                     sorted(counts.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--details", action="store_true", help="list every finding not in the baseline")
    ap.add_argument("--write-baseline", action="store_true", help="accept the current findings as the baseline")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: 语料不存在（需要 ../shared/corpus/laws）", file=sys.stderr)
        return 2
    found = findings(args.corpus)
    print(per_rule(found))
    print()
    print(table(found, args.corpus))
    if args.write_baseline:
        write_baseline(found)
        print(f"\n基线已写入 {BASELINE.relative_to(ROOT)}（{len(found)} 处）")
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
