"""Self-tests (学习测试) written in Markdown, answered in the browser.

A question is an admonition-like block the editor writes and the review reads as text:

    !!! quiz "单选题"

        宪法规定，全国人民代表大会常务委员会对谁负责并报告工作？

        - [ ] 国务院
        - [x] 全国人民代表大会

        解析：见[宪法第六十九条](../../laws/constitution.md#第六十九条)。

Kinds: 单选题 (exactly one [x]), 多选题 (at least two [x]), 判断题 (options 正确 and 错误,
one [x]). to_html() turns each block into md_in_html markup: the stem and explanation stay
Markdown (links to articles are checked by MkDocs), the answer sits in a data attribute that
assets/javascripts/quiz.js reads in the page; nothing is stored or sent anywhere.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass

from studysite.errors import SiteInputError

START = re.compile(r'^!!![ \t]+quiz[ \t]+"([^"]*)"[ \t]*$')
OPTION = re.compile(r"^[-*][ \t]+\[([ xX])\][ \t]+(.+?)[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
KINDS = {"单选题": "single", "多选题": "multiple", "判断题": "truefalse"}
LETTERS = "ABCDEFGH"


class QuizError(SiteInputError):
    """A malformed question: `str()` is one Chinese line with file and line."""


@dataclass(frozen=True)
class Question:
    line: int  # 1-based line of the `!!! quiz` line
    kind: str  # single / multiple / truefalse
    label: str  # 单选题 …
    stem: str  # Markdown
    options: tuple[str, ...]
    answer: tuple[int, ...]  # indexes of the right options
    explanation: str  # Markdown


def _block_end(lines: list[str], start: int) -> int:
    """Index after the indented body that follows line `start`."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _dedent(line: str) -> str:
    return line[4:] if line.startswith("    ") else line.lstrip("\t")


def parse_block(label: str, body: list[str], line: int, where: str) -> Question:
    kind = KINDS.get(label.strip())
    if kind is None:
        raise QuizError(f"{where}:{line}：题型「{label}」应为 单选题、多选题 或 判断题")
    stem: list[str] = []
    options: list[str] = []
    answer: list[int] = []
    explanation: list[str] = []
    for text in body:
        option = OPTION.match(text)
        if option and not explanation:
            if option.group(1) != " ":
                answer.append(len(options))
            options.append(option.group(2))
        elif options:
            explanation.append(text)
        else:
            stem.append(text)
    if not "".join(stem).strip():
        raise QuizError(f"{where}:{line}：{label}缺少题干")
    if len(options) < 2:
        raise QuizError(f"{where}:{line}：{label}至少要有两个选项（- [ ] 选项，正确的写 - [x]）")
    if kind == "truefalse" and sorted(options) != sorted(["正确", "错误"]):
        raise QuizError(f"{where}:{line}：判断题的选项应为「正确」和「错误」")
    if kind in ("single", "truefalse") and len(answer) != 1:
        raise QuizError(f"{where}:{line}：{label}须恰好标出一个正确选项（- [x]），现在是 {len(answer)} 个")
    if kind == "multiple" and len(answer) < 2:
        raise QuizError(f"{where}:{line}：多选题须标出至少两个正确选项（- [x]）")
    if not "".join(explanation).strip():
        raise QuizError(f"{where}:{line}：{label}缺少解析（写在选项之后，并注明依据的条文）")
    return Question(
        line,
        kind,
        label.strip(),
        "\n".join(stem).strip(),
        tuple(options),
        tuple(answer),
        "\n".join(explanation).strip(),
    )


def parse(markdown: str, where: str = "", first_line: int = 1) -> tuple[Question, ...]:
    """first_line: the file's line number of the Markdown's first line (after front matter)."""
    return tuple(q for q, _, _ in _scan(markdown, where, first_line))


def _scan(markdown: str, where: str, first_line: int = 1):
    """(question, first line index, end index) for every block outside code fences."""
    lines = markdown.split("\n")
    fence = None
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
        start = START.match(lines[i]) if fence is None else None
        if start:
            end = _block_end(lines, i)
            body = [_dedent(s) for s in lines[i + 1 : end]]
            yield parse_block(start.group(1), body, i + first_line, where), i, end
            i = end
            continue
        i += 1


def render(q: Question, number: int, page_key: str = "") -> str:
    """page_key keeps radio groups apart where pages are compiled into one (print page)."""
    kind_input = "checkbox" if q.kind == "multiple" else "radio"
    letters = q.kind != "truefalse"
    options = []
    for n, text in enumerate(q.options):
        label = f"{LETTERS[n]}. " if letters else ""
        options.append(
            f'<li><label><input type="{kind_input}" name="quiz-{page_key}{number}" value="{n}"> '
            f'<span class="quiz-letter">{label}</span>{html.escape(text)}</label></li>'
        )
    right = "、".join((LETTERS[n] if letters else q.options[n]) for n in q.answer)
    answer = ",".join(str(n) for n in q.answer)
    return "\n".join(
        [
            f'<div class="quiz" data-kind="{q.kind}" data-answer="{answer}" '
            f'data-right="{html.escape(right)}" markdown>',
            f'<p class="quiz-kind">第 {number} 题　{q.label}</p>',
            "",
            q.stem,
            "",
            '<ul class="quiz-options">',
            *options,
            "</ul>",
            '<p class="quiz-actions"><button type="button" class="md-button quiz-check">提交答案</button>'
            ' <span class="quiz-result" role="status" aria-live="polite"></span></p>',
            '<div class="quiz-explain" markdown>',
            "",
            f"**正确答案：{right}**",
            "",
            q.explanation,
            "",
            "</div>",
            "</div>",
            "",
        ]
    )


def to_html(markdown: str, where: str = "", first_line: int = 1) -> str:
    """The page's Markdown with every quiz block rendered (unchanged when there is none)."""
    if "!!! quiz" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out, last = [], 0
    for number, (q, start, end) in enumerate(_scan(markdown, where, first_line), 1):
        out += lines[last:start]
        out += render(q, number, f"{zlib.crc32(where.encode()):x}-").split("\n")
        last = end
    out += lines[last:]
    return "\n".join(out)
