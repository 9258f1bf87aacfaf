"""Cost of the audits of the written site (issue 9): the output review (studysite.published)
and the offline audit (studysite.offline), measured inside the real `mkdocs build` of the
real site and of a generated 2,000-page site (bench/site.py's generator), as a share of
the rest of the build.

    python bench/gate.py [--pages 2000] [--repeat 3]

Each audit logs its own duration; the figure is audit / (build - audits), median of the
runs, with the range. Target: the output review adds at most 15 % to the build."""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEW = re.compile(r"发布审核：(\d+) 个文件，用时 ([\d.]+) 秒")
OFFLINE = re.compile(r"外部请求审核：用时 ([\d.]+) 秒")


def site_bench():
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "bench" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def one_build(project: Path, out: Path) -> tuple[float, float, float, int]:
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    total = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    review, offline = REVIEW.search(proc.stderr), OFFLINE.search(proc.stderr)
    return total, float(review.group(2)), float(offline.group(1)), int(review.group(1))


def measure(label: str, project: Path, repeat: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="gate-bench-out-")) / "site"
    one_build(project, out)  # warm-up: jieba's cache, the packs' cache, the OS file cache
    runs = [one_build(project, out) for _ in range(repeat)]
    shutil.rmtree(out.parent, ignore_errors=True)
    totals = [r[0] for r in runs]
    review = [r[1] / (r[0] - r[1] - r[2]) * 100 for r in runs]
    offline = [r[2] / (r[0] - r[1] - r[2]) * 100 for r in runs]
    print(
        f"| {label} ({runs[0][3]} files reviewed) | {statistics.median(totals):.1f} s "
        f"| {statistics.median(r[1] for r in runs):.2f} s, {statistics.median(review):+.1f} % "
        f"({min(review):+.1f}…{max(review):+.1f}) "
        f"| {statistics.median(r[2] for r in runs):.2f} s, {statistics.median(offline):+.1f} % |"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, median of {args.repeat} builds after a warm-up.\n")
    print("| site | build time | output review (share of the rest of the build) | offline audit |")
    print("| --- | --- | --- | --- |")
    measure("real site", ROOT, args.repeat)
    bench = site_bench()
    project = Path(tempfile.mkdtemp(prefix="gate-bench-"))
    try:
        for name in bench.SITE_FILES:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        pages = bench.generate(project, args.pages)
        measure(f"generated, {pages} pages", project, args.repeat)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
