"""How three converters handle the Word fixtures (tests/fixtures/docx/): what the page would
get (title, headings, soft returns, indentation, tables, footnotes, pictures) and the time.
The comparison behind the choice of python-docx for import-docx (notes/word.md).

    .venv/bin/pip install pypandoc-binary mammoth   # not dependencies: only for this script
    .venv/bin/python bench/docx_converters.py
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "fixtures" / "docx"


def pandoc(path: Path) -> str:
    import pypandoc

    return pypandoc.convert_file(str(path), "gfm", extra_args=["--wrap=none", f"--extract-media={tempfile.mkdtemp()}"])


def mammoth_html(path: Path) -> str:
    import mammoth

    with path.open("rb") as fh:
        return mammoth.convert_to_html(fh).value


def ours(path: Path) -> str:
    from studysite.docx_markdown import convert
    from studysite.docx_read import read

    return convert(read(path), "images").body


def traits(text: str) -> dict:
    return {
        "headings": len(re.findall(r"(?m)^#{1,6} |<h[1-6]", text)),
        "numbered headings": len(re.findall(r"(?m)^#{1,6} [一二三（\d]|<h[1-6]>[一二三（\d]", text)),
        "indent kept": text.count("\u3000"),
        "hard breaks": len(re.findall(r"\\\n|<br", text)),
        "table": bool(re.search(r"(?m)^\|.*\|$|<table", text)),
        "footnote": bool(re.search(r"\[\^1\]|footnote-1", text)),
        "picture": "file"
        if re.search(r"!\[[^\]]*\]\([^)]+\.png\)|<img src=\"[^d]", text)
        else "inline base64"
        if "data:image" in text
        else "none",
    }


def main() -> int:
    converters = {"pandoc (pypandoc-binary)": pandoc, "mammoth": mammoth_html, "python-docx + studysite": ours}
    for path in sorted(FIXTURES.glob("*.docx")):
        print(f"== {path.name}")
        for name, fn in converters.items():
            try:
                fn(path)
            except ImportError as exc:
                print(f"  {name}: not installed ({exc.name})")
                continue
            times, out = [], ""
            for _ in range(5):
                t = time.perf_counter()
                out = fn(path)
                times.append(time.perf_counter() - t)
            print(f"  {name}: {round(statistics.median(times) * 1000)} ms, {traits(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
