"""Benchmark of the pre-commit hook on real pages (issue 13): whole processes, medians,
ratios against baselines measured in the same run, printed as Markdown tables.

    python bench/hook.py [--repeat 15] [--quick]

Commits reviewed, five files each:
  (a) the site's own pages: the 4 lecture posts and the raw work plan (as work-plan.md),
      reviewed with the site's own [tool.review] configuration;
  (b) real legal text: the 5 files of ../shared/corpus/laws nearest its median size
      (skipped with a reason when ../shared is absent);
  (c) the generated typical commit of bench/review_bench.py (make_corpus, seed 2).
Each is timed as `python -m review FILES` (after one untimed run, so the rule-pack cache is
warm as on an editor's second commit), next to a bare interpreter, a bare Aho-Corasick hook
with 1,000 terms, and textlint + prh with a 1,000-rule dictionary (bench/textlint). Runs of
all commands are interleaved, so load on the machine hits all of them alike.

Then where a hook run's time goes, on (a): import, loading the rules, the first check of the
five files (patterns compiled on first use, then matched) and a second check (matching only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "textlint"))

import prh_dict  # noqa: E402
from review_bench import BARE_HOOK, make_corpus, run  # noqa: E402

ROOT = HERE.parent
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
POSTS = ROOT / "docs" / "lectures" / "posts"
WORK_PLAN = ROOT / "tests" / "fixtures" / "work-plan-2026-raw.txt"
TEXTLINT_DIR = HERE / "textlint"
TEXTLINT = TEXTLINT_DIR / "node_modules" / ".bin" / "textlint"

TARGET_WALL = 0.10  # seconds, whole process
TARGET_BARE = 3.0  # at most this many times a bare Aho-Corasick hook
TARGET_TEXTLINT = 0.25  # at most this share of textlint + prh

# What the command does before it reads its arguments (review/command.py): the patterns that
# modules compile when imported come from the cache (review/startup.py), then the CLI.
COMMAND_START = "from review import startup; startup.preload(); import review.cli"
# One in-process run, timed by phase; a fresh process each time so nothing is warm but
# the on-disk rule-pack cache (as in a hook run). Public entry points only (review.api),
# so this keeps working while the engine's internals change.
PHASES = """
import json, sys, time
t0 = time.perf_counter()
import review.api as api
t1 = time.perf_counter()
rules = api.load_rules(".")
t2 = time.perf_counter()
texts = [(p, open(p, encoding="utf-8").read()) for p in sys.argv[1:]]
t3 = time.perf_counter()
first = sum(len(api.check_text(rules, p, t)) for p, t in texts)
t4 = time.perf_counter()
second = sum(len(api.check_text(rules, p, t)) for p, t in texts)
t5 = time.perf_counter()
assert first == second, (first, second)
print(json.dumps({"import_api": t1 - t0, "load": t2 - t1, "first": t4 - t3, "second": t5 - t4, "findings": first}))
"""


def site_commit(tmp: Path) -> tuple[Path, list[str]]:
    """(a): a copy of the site's review configuration and the five pages, paths relative
    to it as pre-commit passes them."""
    site = tmp / "site"
    (site / "docs" / "lectures" / "posts").mkdir(parents=True)
    shutil.copy2(ROOT / "pyproject.toml", site / "pyproject.toml")  # only its [tool.review] is read
    for extra in ("lecture-categories.yml",):
        if (ROOT / extra).exists():
            shutil.copy2(ROOT / extra, site / extra)
    files = []
    for post in sorted(POSTS.glob("*.md")):
        shutil.copy2(post, site / "docs" / "lectures" / "posts" / post.name)
        files.append(f"docs/lectures/posts/{post.name}")
    shutil.copy2(WORK_PLAN, site / "docs" / "work-plan.md")
    files.append("docs/work-plan.md")
    return site, files


def laws_commit(plain: Path) -> tuple[list[str], str]:
    """(b): the five legal texts (no folder index, no README) nearest the median size
    (ties by path), copied."""
    texts = sorted(p for p in LAWS.rglob("*.md") if p.name not in ("_index.md", "README.md"))
    sizes = {p: p.stat().st_size for p in texts}
    median = statistics.median(sizes.values())
    chosen = sorted(texts, key=lambda p: (abs(sizes[p] - median), str(p)))[:5]
    dest = plain / "laws"
    dest.mkdir()
    files = []
    for i, p in enumerate(chosen):
        target = dest / f"{i}-{p.name}"
        shutil.copy2(p, target)
        files.append(str(target.relative_to(plain)))
    return files, f"语料 {len(texts)} 个文件，中位数 {median / 1024:.1f} KB"


def textlint_ready() -> str | None:
    """None when textlint can run; else why not (one line). Installs from the committed
    package-lock.json when node_modules is missing."""
    if TEXTLINT.exists():
        return None
    if not shutil.which("node") or not shutil.which("npm"):
        return "未找到 node/npm，跳过 textlint + prh 各行"
    try:
        proc = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=TEXTLINT_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"npm ci 失败（{exc}），跳过 textlint + prh 各行"
    if proc.returncode != 0 or not TEXTLINT.exists():
        last = (proc.stderr.strip().splitlines() or ["无输出"])[-1]
        return f"npm ci 失败（退出 {proc.returncode}：{last}），跳过 textlint + prh 各行"
    return None


def interleaved(cmds: dict[str, tuple[list[str], Path]], repeat: int) -> dict[str, float]:
    """Median wall seconds of each command; one untimed run each first (warm caches), then
    the commands in turn, `repeat` rounds."""
    walls: dict[str, list[float]] = {k: [] for k in cmds}
    for rnd in range(repeat + 1):
        for name, (cmd, cwd) in cmds.items():
            wall, _, code = run(cmd, cwd)
            if code not in (0, 1):
                raise SystemExit(f"benchmark command failed with {code}: {' '.join(cmd)} (in {cwd})")
            if rnd:
                walls[name].append(wall)
    return {k: statistics.median(v) for k, v in walls.items()}


def cold(cmd: list[str], cwd: Path, caches: Path, repeat: int) -> float:
    """Median wall seconds with an empty rule-pack cache each time: the first run after an
    install, a change of the code or packs, or on a CI runner whose cache starts empty."""
    warm = os.environ["REVIEW_CACHE_DIR"]
    walls = []
    try:
        for _ in range(repeat):
            os.environ["REVIEW_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-cache-", dir=caches)
            wall, _, code = run(cmd, cwd)
            if code not in (0, 1):
                raise SystemExit(f"benchmark command failed with {code}: {' '.join(cmd)} (in {cwd})")
            walls.append(wall)
    finally:
        os.environ["REVIEW_CACHE_DIR"] = warm
    return statistics.median(walls)


def phases(py: str, site: Path, files: list[str], repeat: int) -> dict[str, float]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([py, "-c", PHASES, *files], cwd=site, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def import_costs(py: str, cwd: Path, repeat: int) -> list[tuple[str, float]]:
    """Self time of the command's start-up by module group (review's modules by subpackage,
    others by top-level package), medians of `python -X importtime`, largest first."""
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        err = subprocess.run(
            [py, "-X", "importtime", "-c", COMMAND_START], cwd=cwd, capture_output=True, text=True, check=True
        ).stderr
        groups: dict[str, float] = {}
        for line in err.splitlines():
            parts = line.split("|")
            if len(parts) != 3 or not parts[0].strip().split(":")[-1].strip().isdigit():
                continue
            module = parts[2].strip()
            names = module.split(".")
            key = ".".join(names[:2]) if names[0] == "review" else names[0]
            groups[key] = groups.get(key, 0.0) + int(parts[0].split(":")[-1]) / 1e6
        runs.append(groups)
    keys = {k for r in runs for k in r}
    med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in keys}
    return sorted(med.items(), key=lambda kv: -kv[1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def verdict(ok: bool) -> str:
    return "达标" if ok else "未达标"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="3 repeats: for the smoke test")
    ap.add_argument("--no-textlint", action="store_true", help="skip the textlint + prh rows")
    args = ap.parse_args(argv)
    repeat = 3 if args.quick else args.repeat
    py = sys.executable
    notes: list[str] = []

    with tempfile.TemporaryDirectory(prefix="hook-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # A private rule-pack cache: warmed by the first run of each command, untouched by
        # anything else running on the machine.
        os.environ["REVIEW_CACHE_DIR"] = str(tmp / "cache")
        site, site_files = site_commit(tmp)
        plain = tmp / "plain"
        plain.mkdir()
        (plain / "pyproject.toml").write_text("[tool.review]\n", encoding="utf-8")
        commits: dict[str, tuple[Path, list[str]]] = {"a": (site, site_files)}
        if LAWS.is_dir():
            laws_files, laws_desc = laws_commit(plain)
            commits["b"] = (plain, laws_files)
        else:
            notes.append(f"未找到 {LAWS}（新克隆的仓库没有 ../shared）：跳过 (b) 真实法律文本各行")
        gen = plain / "generated"
        make_corpus(gen, 5 * 5 * 1024, 5 * 1024, seed=2)
        commits["c"] = (plain, sorted(str(p.relative_to(plain)) for p in gen.rglob("*.md"))[:5])

        chosen = prh_dict.pairs(1000)
        terms = tmp / "terms.yaml"
        prh_dict.write_term_list(terms, chosen)
        prh_yml = tmp / "prh.yml"
        prh_dict.write_prh(prh_yml, chosen)
        textlintrc = tmp / "textlintrc.json"
        prh_dict.write_textlintrc(textlintrc, prh_yml)
        why_not = "按 --no-textlint 跳过 textlint + prh 各行" if args.no_textlint else textlint_ready()
        if why_not:
            notes.append(why_not)

        cmds: dict[str, tuple[list[str], Path]] = {"python": ([py, "-c", "pass"], plain)}
        for key, (cwd, files) in commits.items():
            cmds[f"bare-{key}"] = ([py, "-c", BARE_HOOK, str(terms), *files], cwd)
            cmds[f"review-{key}"] = ([py, "-m", "review", *files], cwd)
            if not why_not and key in ("a", "b"):
                cmds[f"textlint-{key}"] = ([str(TEXTLINT), "--config", str(textlintrc), *files], cwd)
        med = interleaved(cmds, repeat)
        for key in commits:
            med[f"cold-{key}"] = cold(cmds[f"review-{key}"][0], cmds[f"review-{key}"][1], tmp, min(repeat, 5))
        imports = interleaved(
            {
                "python": ([py, "-c", "pass"], plain),
                "cli": ([py, "-c", COMMAND_START], plain),
                "api": ([py, "-c", "import review.api"], plain),
            },
            repeat,
        )
        phase = phases(py, site, site_files, repeat)
        costs = import_costs(py, plain, min(repeat, 5))
        sizes = {k: sum((cwd / f).stat().st_size for f in files) / 1024 for k, (cwd, files) in commits.items()}

    short = {"a": "(a) 本站页面", "b": "(b) 真实法律文本", "c": "(c) 生成的典型提交"}
    label = {
        "a": "(a) 本站页面：4 篇讲稿 + 工作计划原稿",
        "b": "(b) 真实法律文本：语料中最接近中位数大小的 5 个文件",
        "c": "(c) 生成的典型提交（review_bench，seed 2）",
    }
    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}，{platform.system()}；")
    print(f"整个进程的墙钟时间，中位数（{repeat} 次，各命令交替运行；计时前各运行一次，规则包缓存已热）。\n")
    for note in notes:
        print(f"> {note}")
    if notes:
        print()
    print("| 项目 | 结果 |\n|---|---|")
    print(f"| 基线：空解释器启动（python -c pass） | {ms(med['python'])} |")
    for key in commits:
        extra = f"（{laws_desc}）" if key == "b" else ""
        print(f"| {label[key]}，共 {sizes[key]:.0f} KB{extra} | |")
        print(f"| 　基线：裸 Aho-Corasick 钩子（1,000 词） | {ms(med[f'bare-{key}'])} |")
        print(f"| 　review（python -m review，默认规则包） | {ms(med[f'review-{key}'])} |")
        print(f"| 　review，规则包缓存为空（安装或改动后的第一次、CI） | {ms(med[f'cold-{key}'])} |")
        if f"textlint-{key}" in med:
            print(f"| 　textlint + prh（1,000 条规则） | {ms(med[f'textlint-{key}'])} |")

    print("\n| 比值与目标 | 结果 | 目标 | 是否达标 |\n|---|---|---|---|")
    for key in commits:
        r = med[f"review-{key}"]
        name = short[key]
        print(f"| {name} review 墙钟时间 | {ms(r)} | ≤ {ms(TARGET_WALL)} | {verdict(r <= TARGET_WALL)} |")
        ratio = r / med[f"bare-{key}"]
        print(
            f"| {name} review / 裸 Aho-Corasick | {ratio:.2f} 倍 | ≤ {TARGET_BARE:.0f} 倍 | {verdict(ratio <= TARGET_BARE)} |"
        )
        if f"textlint-{key}" in med:
            share = r / med[f"textlint-{key}"]
            print(f"| {name} review / textlint + prh | {share:.2f} | ≤ 1/4 | {verdict(share <= TARGET_TEXTLINT)} |")
        print(f"| {name} review / 空解释器 | {r / med['python']:.1f} 倍 | | |")

    import_cli = max(imports["cli"] - imports["python"], 0.0)
    import_api = max(imports["api"] - imports["python"], 0.0)
    rows: list[tuple[str, Callable[[], str]]] = [
        ("导入 review.cli，含命令启动时预载的正则（进程墙钟时间减空解释器）", lambda: ms(import_cli)),
        ("导入 review.api（同上）", lambda: ms(import_api)),
        ("加载规则（review.api.load_rules，规则包缓存已热）", lambda: ms(phase["load"])),
        ("第一次审核 5 个文件（按需编译正则 + 匹配）", lambda: ms(phase["first"])),
        ("第二次审核同 5 个文件（只匹配）", lambda: ms(phase["second"])),
        ("两次之差：首次使用的编译与加载（分词词典等）", lambda: ms(max(phase["first"] - phase["second"], 0.0))),
    ]
    total = sum(t for _, t in costs)
    top = "，".join(f"{k} {t * 1000:.0f}" for k, t in costs[:8])
    rows.insert(1, ("　自身时间最多的模块组（-X importtime，ms）", lambda: f"{top}；所有模块合计 {total * 1000:.0f}"))
    print(f"\n(a) 的各阶段（进程内计时，中位数 {repeat} 次，每次新进程；{int(phase['findings'])} 条问题）\n")
    print("| 阶段 | 时间 |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value()} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
