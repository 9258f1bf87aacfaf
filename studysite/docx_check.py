"""Reviewing a Word file as it is, before importing it: the text of every paragraph and
table cell, exactly as Word holds it (indentation included), with the site's rules; each
finding named by paragraph (第 N 段, counting paragraphs that have text, as a reader does)
or table cell (表 N 第 R 行第 C 列) and character (第 M 字, counted from 1)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .docx_read import Para, Table, read

MARKS = re.compile("\x00(?:fn|img)[^\x00]*\x00")
# Leading spaces or a tab would make Markdown read a paragraph as code and skip it: the
# same number of full-width spaces keeps every position and keeps the text reviewed.
LEADING = re.compile(r"(?m)^[ \t]+")


@dataclass(frozen=True)
class Unit:
    where: str  # 第 3 段 / 表 1 第 2 行第 3 列
    text: str


def units(path: Path) -> list[Unit]:
    doc = read(path)
    out, paragraph, table = [], 0, 0
    for block in doc.blocks:
        if isinstance(block, Para):
            text = MARKS.sub("", block.text)
            if text.strip():
                paragraph += 1
                out.append(Unit(f"第{paragraph}段", text))
        elif isinstance(block, Table):
            table += 1
            for r, row in enumerate(block.rows, 1):
                for c, cell in enumerate(row, 1):
                    if cell.strip():
                        out.append(Unit(f"表{table}第{r}行第{c}列", cell))
    return out


def check(path: Path, root: Path) -> tuple[list[str], int]:
    """Report lines and the number of error-level findings."""
    from review.api import check_text, load_rules

    parts = units(path)
    starts, pieces, pos = [], [], 0
    for unit in parts:
        text = LEADING.sub(lambda m: "\u3000" * len(m[0]), unit.text.replace("\r", " "))
        starts.append(pos)
        pieces.append(text)
        pos += len(text) + 2  # units are separate paragraphs of one document
    findings = check_text(load_rules(root), str(path), "\n\n".join(pieces))
    lines, errors = [], 0
    for f in findings:
        if f.category == "metadata":
            continue  # a Word file has no front matter: the import writes it
        i = bisect_right(starts, f.start) - 1
        arrow = f" → {f.suggestion}" if f.suggestion else (" → （删除）" if f.suggestion == "" else "")
        lines.append(f"{path}:{parts[i].where}第{f.start - starts[i] + 1}字: {f.severity} {f.rule} {f.message}{arrow}")
        errors += f.severity == "error"
    return lines, errors
