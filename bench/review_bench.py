"""Benchmark of the `review` command as editors and CI run it: whole processes, generated
corpus, figures printed as a Markdown table for the README.

    python bench/review_bench.py [--mb 10] [--terms 20000] [--repeat 15]

Figures: throughput on a ~10 MB corpus of Chinese Markdown with the default packs plus a
generated 20,000-term lexicon (one core and all cores), wall time of a typical 5-file commit
(median of repeated runs, default packs), peak memory, and two baselines measured in the same
run (bare interpreter start, a bare Aho-Corasick hook) so ratios survive a noisy machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "work-plan-2026-raw.txt"  # the raw work plan, kept in the repository
FALLBACK = "坚持党的全面领导，深入学习贯彻习近平新时代中国特色社会主义思想，践行全过程人民民主，加强人大代表履职服务。"
DEFECTS = ["dang的", "学习JY", "再接再励", "全过程民主", "，，", "人大代表提案", "学习,工作"]


def clean_sentences() -> list[str]:
    text = CORPUS.read_text(encoding="utf-8") if CORPUS.exists() else FALLBACK * 50
    text = text.replace("dang", "党").replace("JY", "教育").replace("**", "二十").replace(",", "，")
    parts = [p.strip() for p in text.replace("\n", "。").split("。") if len(p.strip()) > 8]
    return [p + "。" for p in parts if "本站" not in p and "会员" not in p]


def make_page(rng: random.Random, sentences: list[str], size: int, defect_rate: float) -> str:
    out = [
        f"---\ntitle: 学习资料{rng.randint(1, 99999)}\ndate: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n---\n",
        f"# 学习资料第{rng.randint(1, 999)}篇\n\n",
    ]
    n = sum(len(s) for s in out)
    while n < size:
        shape = rng.random()
        if shape < 0.1:
            block = f"## 第{rng.randint(1, 20)}部分\n\n"
        elif shape < 0.2:
            block = "".join(f"- {rng.choice(sentences)}\n" for _ in range(3)) + "\n"
        elif shape < 0.25:
            block = (
                "| 项目 | 说明 |\n|---|---|\n"
                + "".join(f"| 第{i}项 | {rng.choice(sentences)} |\n" for i in range(3))
                + "\n"
            )
        elif shape < 0.28:
            block = "```text\ndang的 a,b 代码不检查\n```\n\n"
        elif shape < 0.31:
            block = f"详见[{rng.choice(sentences)[:8]}](../page{rng.randint(1, 500)}.md)。\n\n"
        else:
            para = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
            if rng.random() < defect_rate:
                cut = rng.randrange(len(para))
                para = para[:cut] + rng.choice(DEFECTS) + para[cut:]
            block = para + "\n\n"
        out.append(block)
        n += len(block)
    return "".join(out)


def make_corpus(folder: Path, total_bytes: int, page_bytes: int, seed: int, defect_rate: float = 0.2) -> int:
    rng = random.Random(seed)
    sentences = clean_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < total_bytes:
        sub = folder / f"section{i // 200:02d}"
        sub.mkdir(exist_ok=True)
        data = make_page(rng, sentences, page_bytes // 3, defect_rate).encode("utf-8")
        (sub / f"page{i:05d}.md").write_bytes(data)
        written += len(data)
        i += 1
    return written


def make_lexicon(path: Path, terms: int, seed: int) -> None:
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < terms:
        seen.add("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4))))
    lines = [
        "rules:",
        "  - id: sensitive/bench-site-lexicon",
        "    kind: lexicon",
        "    severity: warning",
        "    message: 站点词表：「{text}」",
        "    standard: 按站点词表处理",
        "    rationale: 基准测试生成的站点词表。",
        "    tags: [bench]",
        "    examples:",
        "      - bad: 测试" + sorted(seen)[0],
        "      - good: 测试",
        "    terms:",
    ]
    lines += [f"      - {t}" for t in sorted(seen)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) of this child alone, exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, proc.returncode


def median_wall(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    walls, peak = [], 0
    for _ in range(repeat):
        wall, rss, code = run(cmd, cwd)
        if code not in (0, 1):
            raise SystemExit(f"benchmark command failed with {code}: {' '.join(cmd)}")
        walls.append(wall)
        peak = max(peak, rss)
    return statistics.median(walls), peak


BARE_HOOK = """
import sys, ahocorasick_rs
terms = [l.strip()[2:] for l in open(sys.argv[1], encoding='utf-8') if l.startswith('      - ')][:1000]
ac = ahocorasick_rs.AhoCorasick(terms)
n = 0
for p in sys.argv[2:]:
    n += len(ac.find_matches_as_indexes(open(p, encoding='utf-8').read()))
print(n)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--terms", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--scale", type=int, nargs="*", default=[1000, 10000], help="archive sizes in files")
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="review-bench-") as tmp:
        tmp = Path(tmp)
        corpus_bytes = make_corpus(tmp / "corpus", int(args.mb * 1024 * 1024), 5 * 1024, seed=1)
        commit = tmp / "commit"
        make_corpus(commit, 5 * 5 * 1024, 5 * 1024, seed=2)
        commit_files = sorted(str(p) for p in commit.rglob("*.md"))[:5]
        # The same commit with one word-boundary candidate (交待 inside 提交待审议): the
        # one case that cuts a sentence (review/wordfreq.py).
        boundary = tmp / "boundary.md"
        boundary.write_text(
            Path(commit_files[0]).read_text(encoding="utf-8") + "\n本次提交待审议的议案共三件。\n", encoding="utf-8"
        )
        boundary_files = [str(boundary), *commit_files[1:]]
        # A candidate that no dictionary word crosses (a real 交待 for 交代): decided
        # without cutting the sentence.
        clear = tmp / "clear.md"
        clear.write_text(Path(commit_files[0]).read_text(encoding="utf-8") + "\n要把问题交待清楚。\n", encoding="utf-8")
        clear_files = [str(clear), *commit_files[1:]]
        lexicon = tmp / "site-lexicon.yaml"
        make_lexicon(lexicon, args.terms, seed=3)
        big = tmp / "with-lexicon"
        big.mkdir()
        (big / "pyproject.toml").write_text(f'[tool.review]\nrules = ["{lexicon.as_posix()}"]\n', encoding="utf-8")
        plain = tmp / "defaults"
        plain.mkdir()
        (plain / "pyproject.toml").write_text("[tool.review]\n", encoding="utf-8")
        corpus = str(tmp / "corpus")

        startup, _ = median_wall([py, "-c", "pass"], plain, args.repeat)
        bare, _ = median_wall([py, "-c", BARE_HOOK, str(lexicon), *commit_files], plain, args.repeat)
        hook, hook_rss = median_wall([py, "-m", "review", *commit_files], plain, args.repeat)
        hook_lex, _ = median_wall([py, "-m", "review", *commit_files], big, args.repeat)
        hook_seg, _ = median_wall([py, "-m", "review", *boundary_files], plain, args.repeat)
        hook_clear, _ = median_wall([py, "-m", "review", *clear_files], plain, args.repeat)
        one_wall, one_rss, _ = run([py, "-m", "review", "--jobs", "1", corpus], big)
        all_wall, all_rss, _ = run([py, "-m", "review", corpus], big)
        defaults_wall, _, _ = run([py, "-m", "review", "--jobs", "1", corpus], plain)
        scale = []
        for count in args.scale:
            archive = tmp / f"archive-{count}"
            make_corpus(archive, count * 2 * 1024, 2 * 1024, seed=4)
            n = sum(1 for _ in archive.rglob("*.md"))
            wall, rss, _ = run([py, "-m", "review", str(archive)], plain)
            scale.append((n, wall, rss))

    mb = corpus_bytes / 1024 / 1024
    rows = [
        ("机器", f"{platform.machine()}, {os.cpu_count()} 核, Python {platform.python_version()}, {platform.system()}"),
        ("基线：空解释器启动", f"{startup * 1000:.0f} ms"),
        ("基线：裸 Aho-Corasick 钩子（1,000 词，5 个文件）", f"{bare * 1000:.0f} ms"),
        ("典型提交（5 个 5 KB 文件），默认规则包，整个进程", f"{hook * 1000:.0f} ms（中位数，{args.repeat} 次）"),
        ("典型提交，其中一处分词候选无歧义（交待清楚，不切分句子）", f"{hook_clear * 1000:.0f} ms"),
        ("典型提交，其中一处分词候选有歧义（提交待审议，要切分句子：读内存映射的词典）", f"{hook_seg * 1000:.0f} ms"),
        ("典型提交，默认规则包 + 20,000 词站点词表", f"{hook_lex * 1000:.0f} ms"),
        (f"吞吐：{mb:.1f} MB 语料，默认规则包，单核", f"{mb / defaults_wall:.1f} MB/s（{defaults_wall:.2f} s）"),
        (f"吞吐：{mb:.1f} MB 语料，默认 + {args.terms:,} 词，单核", f"{mb / one_wall:.1f} MB/s（{one_wall:.2f} s）"),
        (f"吞吐：同上，全部 {os.cpu_count()} 核", f"{mb / all_wall:.1f} MB/s（{all_wall:.2f} s）"),
        ("峰值内存：典型提交", f"{hook_rss / 1024:.0f} MB"),
        (f"峰值内存：{mb:.1f} MB 语料，单核", f"{one_rss / 1024:.0f} MB"),
        (f"峰值内存：{mb:.1f} MB 语料，全部核（单个进程最大值）", f"{all_rss / 1024:.0f} MB"),
    ]
    for n, wall, rss in scale:
        rows.append(
            (
                f"归档：{n:,} 个文件（约 2 KB），全部核",
                f"{wall:.1f} s，{n / wall:.0f} 文件/s，峰值内存 {rss / 1024:.0f} MB（单个进程最大值）",
            )
        )
    print("| 项目 | 结果 |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    print(f"\n典型提交 / 空解释器 = {hook / startup:.1f} 倍；典型提交 / 裸 Aho-Corasick 钩子 = {hook / bare:.1f} 倍")


if __name__ == "__main__":
    main()
