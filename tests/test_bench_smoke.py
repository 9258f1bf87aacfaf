"""The issue 13 benchmarks run and print their tables (tiny sizes), and the prh dictionary
they give textlint is what bench/textlint/prh_dict.py promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
TEXTLINT = ROOT / "bench" / "textlint" / "node_modules" / ".bin" / "textlint"
sys.path.insert(0, str(ROOT / "bench" / "textlint"))

import prh_dict  # noqa: E402


def test_prh_dictionary_has_1000_distinct_pack_terms_and_is_deterministic(tmp_path: Path) -> None:
    chosen = prh_dict.pairs(1000)
    assert len(chosen) == 1000
    assert len({t for t, _ in chosen}) == 1000
    assert all(t != s for t, s in chosen)
    # The packs hold more than 1,000 suggested terms today: none is generated, and every
    # lexicon rule with suggestions contributes (round-robin), not only the largest one.
    from_packs = prh_dict.pack_pairs()
    assert chosen == from_packs[:1000]
    assert ("全过程民主", "全过程人民民主") in chosen
    a, b = tmp_path / "a.yml", tmp_path / "b.yml"
    prh_dict.write_prh(a, chosen)
    prh_dict.write_prh(b, prh_dict.pairs(1000))
    assert a.read_bytes() == b.read_bytes()
    assert a.read_text(encoding="utf-8").count("  - expected: ") == 1000


def test_prh_dictionary_is_padded_when_asked_for_more_than_the_packs_hold() -> None:
    n = len(prh_dict.pack_pairs())
    chosen = prh_dict.pairs(n + 50)
    assert len({t for t, _ in chosen}) == n + 50
    assert chosen[:n] == prh_dict.pack_pairs()


def run_bench(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_hook_bench_prints_its_tables() -> None:
    args = ["bench/hook.py", "--quick"] + ([] if TEXTLINT.exists() else ["--no-textlint"])
    out = run_bench(*args)
    assert re.search(r"\| 基线：空解释器启动（python -c pass） \| \d+ ms \|", out)
    for key in ("(a) 本站页面", "(c) 生成的典型提交"):
        assert re.search(rf"\| {re.escape(key)} review / 裸 Aho-Corasick \| [\d.]+ 倍 \| ≤ 3 倍 \| (未)?达标 \|", out)
    assert ("(b) 真实法律文本 review 墙钟时间" in out) == LAWS.is_dir()
    assert ("(a) 本站页面 review / textlint + prh" in out) == TEXTLINT.exists()
    for phase in ("导入 review.cli", "加载规则", "第一次审核 5 个文件", "第二次审核同 5 个文件"):
        assert re.search(rf"\| {phase}[^|]* \| \d+ ms \|", out), phase


@pytest.mark.slow
def test_memory_bench_prints_its_table_or_says_why_not() -> None:
    out = run_bench("bench/memory.py", "--limit", "8", "--copies", "2", "--formats", "text,json")
    if not LAWS.is_dir():
        assert "跳过内存基准" in out
        return
    for fmt in ("text", "json"):
        assert re.search(
            rf"\| {fmt}（单核） \| \d+ MB \| \d+ MB \| [+-]\d+ MB \| [\d.]+ s \| \d+ MB \| (未)?达标 \|", out
        )
    assert "| sarif" not in out
    assert re.search(r"单核 [\d.]+ MB/s", out)
    assert re.search(r"\| text（单核，规则包缓存为空[^|]*\| \d+ MB \|", out)
