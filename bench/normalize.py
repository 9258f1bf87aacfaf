"""Cost of normalisation (notes/normalize.md): `review` on the lecture posts, this tree
against a base commit, paired runs, medians.

    python bench/normalize.py BASE_COMMIT [PAIRS]

The base commit's `review/` is extracted to a temporary folder and run with
`PYTHONPATH=<tmp> python -P` (`-P`: the working tree must not shadow it)."""

from __future__ import annotations

import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IN_PROCESS = """
import glob, timeit, os
os.chdir({root!r})
from review import engine
from review.api import load_rules
rules = load_rules('.')
texts = [(f, open(f, encoding='utf-8').read()) for f in sorted(glob.glob('docs/lectures/posts/*.md'))]
rs = rules.ruleset('docs/x.md')
run = lambda: [engine.check(rs, f, t, rules.known) for f, t in texts]
run()
print(min(timeit.repeat(run, number=100, repeat=5)) / 100 / len(texts) * 1e6)
"""


def main() -> int:
    base_commit, pairs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    files = sorted(glob.glob(str(ROOT / "docs/lectures/posts/*.md")))
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", base_commit, "review"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        envs = {"base": dict(os.environ, PYTHONPATH=tmp), "this": dict(os.environ)}
        process = {k: [] for k in envs}
        page = {k: [] for k in envs}
        for _ in range(pairs):
            for name, env in envs.items():
                t = time.perf_counter()
                subprocess.run([sys.executable, "-P", "-m", "review", *files], cwd=ROOT, env=env, capture_output=True)
                process[name].append(time.perf_counter() - t)
        for _ in range(3):
            for name, env in envs.items():
                out = subprocess.run(
                    [sys.executable, "-P", "-c", IN_PROCESS.format(root=str(ROOT))],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                page[name].append(float(out))
    b, n = statistics.median(process["base"]), statistics.median(process["this"])
    print(
        f"review on {len(files)} posts, {pairs} paired runs: base {b * 1000:.0f} ms, this {n * 1000:.0f} ms (x{n / b:.2f})"
    )
    b, n = statistics.median(page["base"]), statistics.median(page["this"])
    print(f"engine.check per page: base {b:.0f} us, this {n:.0f} us (x{n / b:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
