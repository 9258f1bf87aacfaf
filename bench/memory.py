"""Peak memory of `review` in every output format on real text (issue 13): whole processes,
printed as a Markdown table.

    python bench/memory.py [--copies 5] [--formats text,json]

The corpus is ../shared/corpus/laws copied `--copies` times into a temporary folder (about
55 MB for five), reviewed by `python -m review --jobs 1 --format F --ignore metadata` for
every format `review --help` lists, output streamed to /dev/null; the same on one copy, so
growth with the number of findings shows, and on the copies with every rule (metadata too:
more findings on the same text); then text on all cores (peak of the largest
single process). Peak is the child's ru_maxrss from os.wait4 (for the all-cores run: the
largest of the process and the workers it waited for). Throughput in MB/s for the text
runs. Skips with a reason when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
TARGET_MB = 80.0


def formats(py: str) -> list[str]:
    """The output formats the command offers, read from its --help."""
    out = subprocess.run([py, "-m", "review", "--help"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"--format \{([a-z,]+)\}", out)
    if not found:
        raise SystemExit("review --help lists no --format choices")
    return found.group(1).split(",")


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB (ru_maxrss of the child and the children it waited
    for), exit status; stdout and stderr to /dev/null, so output is streamed, not kept."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed with {proc.returncode}: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def count(py: str, cwd: Path, folder: Path, extra: list[str]) -> int:
    """Findings in one review of `folder` (the JSON report's summary)."""
    cmd = [py, "-m", "review", "--jobs", "1", "--format", "json", *extra, str(folder)]
    report = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True).stdout
    return sum(json.loads(report)["summary"].values())


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5, help="copies of the corpus for the large run")
    ap.add_argument("--formats", default="", help="comma-separated subset (default: all that --help lists)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N texts of the corpus (smoke test)")
    args = ap.parse_args(argv)
    py = sys.executable
    if not LAWS.is_dir():
        print(f"> 未找到 {LAWS}（新克隆的仓库没有 ../shared）：跳过内存基准")
        return 0
    chosen = formats(py)
    if args.formats:
        wanted = args.formats.split(",")
        unknown = sorted(set(wanted) - set(chosen))
        if unknown:
            raise SystemExit(f"--formats: review offers no format {', '.join(unknown)} (it offers {', '.join(chosen)})")
        chosen = [f for f in chosen if f in wanted]

    with tempfile.TemporaryDirectory(prefix="memory-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["REVIEW_CACHE_DIR"] = str(tmp / "cache")
        (tmp / "pyproject.toml").write_text("[tool.review]\n", encoding="utf-8")
        texts = sorted(p for p in LAWS.rglob("*") if p.is_file())
        if args.limit:
            texts = [p for p in texts if p.suffix == ".md"][: args.limit]
        one = tmp / "one"
        for p in texts:
            target = one / "copy0" / p.relative_to(LAWS)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
        many = tmp / "many"
        many.mkdir()
        for i in range(args.copies):
            shutil.copytree(one / "copy0", many / f"copy{i}")
        sizes = {"one": folder_mb(one), "many": folder_mb(many)}
        # The first run after an install or any change of the packs or the code: an empty
        # rule-pack cache (the segmenter's crossing words are rebuilt from jieba's dictionary).
        # It also warms the cache for all the measured runs after it.
        text_one = [py, "-m", "review", "--jobs", "1", "--ignore", "metadata", str(one)]
        cold_wall, cold_peak, _ = measure(text_one, tmp)

        results: dict[tuple[str, str], tuple[float, float]] = {}
        for fmt in chosen:
            for size in ("one", "many", "many-all"):
                # many-all: every rule, metadata too (real texts have no front matter, so
                # that category alone adds a few findings per file): more findings, same text.
                ignore = [] if size == "many-all" else ["--ignore", "metadata"]
                cmd = [py, "-m", "review", "--jobs", "1", "--format", fmt, *ignore, str(tmp / size.split("-")[0])]
                wall, peak, _ = measure(cmd, tmp)
                results[(fmt, size)] = (wall, peak)
                print(f"<!-- {fmt} {size}: {wall:.1f} s, {peak:.0f} MB -->", file=sys.stderr, flush=True)
        all_wall, all_peak, _ = measure([py, "-m", "review", "--jobs", "0", "--ignore", "metadata", str(many)], tmp)
        findings = count(py, tmp, one, ["--ignore", "metadata"])
        findings_all = count(py, tmp, one, [])

    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}，{platform.system()}；")
    print(
        f"语料：../shared/corpus/laws（{len(texts)} 个文件），一份 {sizes['one']:.1f} MB，"
        f"{args.copies} 份 {sizes['many']:.1f} MB；--ignore metadata，输出写到 /dev/null；"
        f"一份 {findings:,} 条问题，{args.copies} 份 {findings * args.copies:,} 条"
        f"（含 metadata 规则：一份 {findings_all:,} 条，{args.copies} 份 {findings_all * args.copies:,} 条）。\n"
    )
    n = args.copies
    print(
        f"| 输出格式 | 一份：峰值内存 | {n} 份：峰值内存 | 增长 | {n} 份：时间 | {n} 份含 metadata 规则：峰值内存 | 目标 ≤ {TARGET_MB:.0f} MB |"
    )
    print("|---|---|---|---|---|---|---|")
    for fmt in chosen:
        _, p1 = results[(fmt, "one")]
        wall, p5 = results[(fmt, "many")]
        _, pa = results[(fmt, "many-all")]
        ok = "达标" if max(p1, p5, pa) <= TARGET_MB else "未达标"
        print(f"| {fmt}（单核） | {p1:.0f} MB | {p5:.0f} MB | {p5 - p1:+.0f} MB | {wall:.1f} s | {pa:.0f} MB | {ok} |")
    ok = "达标" if all_peak <= TARGET_MB else "未达标"
    print(f"| text（全部 {os.cpu_count()} 核，单个进程最大值） | | {all_peak:.0f} MB | | {all_wall:.1f} s | | {ok} |")
    ok = "达标" if cold_peak <= TARGET_MB else "未达标"
    print(
        f"| text（单核，规则包缓存为空：安装或改动后的第一次运行） | {cold_peak:.0f} MB | | | 一份 {cold_wall:.1f} s | | {ok} |"
    )
    if "text" in chosen:
        wall = results[("text", "many")][0]
        print(f"\n吞吐（text，{sizes['many']:.1f} MB）：单核 {sizes['many'] / wall:.1f} MB/s（目标 ≥ 10）；", end="")
    else:
        print("\n吞吐：", end="")
    print(f"全部 {os.cpu_count()} 核 {sizes['many'] / all_wall:.1f} MB/s（目标 ≥ 20）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
