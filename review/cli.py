"""The `review` command: parse arguments, load rules, review or fix each file, report."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence

from . import explain
from .model import SEVERITY_RANK, ReviewError, Suppression
from .report import RENDERERS
from .report.stream import open_stream
from .rules.categories import CATEGORIES
from .session import FileResult, Plan, Session, collect

DEFAULT_PATHS = ("docs",)
EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2
ORIGIN_NAMES = {"next-line": "下一行", "block": "段落", "front-matter": "整页"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line, exit 2, in Chinese
        self.exit(EXIT_TROUBLE, f"review: 参数错误：{message}（运行 review --help 查看用法）\n")


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：")


def build_parser() -> argparse.ArgumentParser:
    categories = "、".join(c.name for c in CATEGORIES.values())
    p = _Parser(
        prog="review",
        description=f"审核 Markdown 文稿：{categories}。",
        add_help=False,
        formatter_class=_HelpFormatter,
        epilog="退出状态：0 无问题；1 有达到 --fail-on 级别的问题；2 参数、配置、规则文件或输入文件有误。",
    )
    # Groups with Chinese headings instead of argparse's "positional arguments" / "options".
    what = p.add_argument_group("审核对象")
    what.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="要审核的文件或目录（目录中查找 MkDocs 渲染的 *.md、*.markdown、*.mdown、*.mkdn、*.mkd，"
        "不分大小写），默认 docs",
    )
    run = p.add_argument_group("审核与修复")
    run.add_argument("--fix", action="store_true", help="就地应用可确定的修复，再报告剩余问题")
    run.add_argument("--diff", action="store_true", help="以统一差异格式显示可自动修复的改动，不修改文件")
    run.add_argument("--select", metavar="ID|CATEGORY,...", help="只运行这些规则或类别")
    run.add_argument("--ignore", metavar="ID|CATEGORY,...", help="不运行这些规则或类别")
    run.add_argument("--fail-on", choices=["error", "warning", "info"], help="达到该级别即以 1 退出，默认 error")
    run.add_argument("--config", metavar="FILE", help="配置文件，默认最近的 pyproject.toml 中的 [tool.review]")
    run.add_argument("--jobs", type=int, default=0, metavar="N", help="并行进程数，默认使用全部 CPU 核")
    out = p.add_argument_group("输出")
    out.add_argument("--format", choices=sorted(RENDERERS), default="text", help="输出格式，默认 text")
    out.add_argument("--stats", action="store_true", help="按规则统计问题数，并列出生效的屏蔽")
    rules = p.add_argument_group("规则说明")
    rules.add_argument("--list-rules", action="store_true", help="列出全部规则：id、类别、级别、可否自动修复、提示")
    rules.add_argument("--explain", metavar="ID", help="说明一条规则：依据、标准写法和示例")
    rules.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except ReviewError as exc:
        print(f"review: {exc}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("review: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_TROUBLE


def _run(args) -> int:
    plan = Plan(args.config, os.getcwd(), _split(args.select), _split(args.ignore), args.fix, args.diff)
    session = Session(plan)
    cfg, all_rules, by_id = session.rules.config, session.rules.all, session.rules.by_id
    if args.list_rules:
        for r in sorted(all_rules, key=lambda r: r.id):
            fix_label = "可修复" if r.fix == "safe" else "-"
            print(f"{r.id}\t{r.category}\t{r.severity}\t{fix_label}\t{readable_message(r.message)}")
        return EXIT_CLEAN
    if args.explain:
        rule = by_id.get(args.explain)
        if rule is None:
            raise ReviewError(args.explain, None, "没有这条规则（review --list-rules 列出全部规则）")
        print(explain.explain_text(rule), end="")
        return EXIT_CLEAN
    for target in plan.select + plan.ignore:
        if target not in CATEGORIES and target not in by_id:
            raise ReviewError(target, None, "--select/--ignore 中不是已知的规则 id 或类别")
    if args.jobs < 0:
        raise ReviewError("--jobs", None, "应为正整数")

    files, errors = collect(args.paths or list(DEFAULT_PATHS))
    files.sort(key=lambda item: item[1])  # output is ordered by path, then line and column
    threshold = SEVERITY_RANK[args.fail_on or cfg.fail_on or "error"]
    # Every format is written file by file, so memory stays flat over a large archive
    # (JSON and SARIF too: see report/stream.py); --diff writes patches instead.
    report = None if args.diff else open_stream(args.format, sys.stdout, by_id, len(files))
    counts: dict[str, int] = {}
    levels = {"error": 0, "warning": 0, "info": 0}
    suppressions: list[Suppression] = []
    fixed = failing = fixable = 0
    for result in _with_progress(session.run(files, args.jobs or os.cpu_count() or 1), len(files)):
        if result.error is not None:
            errors.append(result.error)
        if report is None:
            sys.stdout.write(result.diff)
        else:
            report.add(result.findings)
        for f in result.findings:
            counts[f.rule] = counts.get(f.rule, 0) + 1
            levels[f.severity] += 1
            failing += SEVERITY_RANK[f.severity] >= threshold
            fixable += f.fixable
        if args.stats:  # kept only when asked for: memory stays flat over an archive
            suppressions += result.suppressions
        fixed += result.fixed
    if report is not None:
        report.close()
    if args.stats:
        _print_stats(counts, suppressions, cfg, sys.stdout if args.format == "text" and not args.diff else sys.stderr)
    for err in sorted(errors, key=str):
        print(f"review: {err}", file=sys.stderr)
    if args.format == "text" and not args.diff:
        _print_summary(levels, fixed, 0 if args.fix else fixable)
    if errors:
        return EXIT_TROUBLE
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _with_progress(results: Iterable[FileResult], total: int) -> Iterator[FileResult]:
    progress = _Progress(total)
    for result in results:
        progress.step()
        yield result
    progress.done()


class _Progress:
    """A one-line counter on a terminal; silent when stderr is piped (pre-commit, CI)."""

    def __init__(self, total: int):
        self.total, self.count = total, 0
        self.on = total >= 20 and sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.on and (self.count % 10 == 0 or self.count == self.total):
            width = 30
            filled = width * self.count // self.total
            sys.stderr.write(f"\r审核中 [{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r" + " " * 60 + "\r")


def _print_summary(levels: dict[str, int], fixed: int, fixable: int) -> None:
    if fixed:
        print(f"已自动修复 {fixed} 处。", file=sys.stderr)
    total = sum(levels.values())
    if not total:
        return
    line = f"共 {total} 处问题：错误 {levels['error']}，警告 {levels['warning']}，提示 {levels['info']}"
    if fixable:
        line += f"；其中 {fixable} 处可运行 review --fix 自动修复"
    print(line + "。用 review --explain 规则id 查看依据。", file=sys.stderr)


PLACEHOLDER = re.compile(r"\{(text|suggestion|detail)\}")


def readable_message(template: str) -> str:
    """A rule's message without its `{text}` placeholders, for a listing of rules."""
    return PLACEHOLDER.sub("…", template)


def _print_stats(counts: dict[str, int], suppressions, cfg, out) -> None:
    """Only the headings that have something under them."""
    if counts:
        print("按规则统计：", file=out)
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:6d}  {rule}", file=out)
    if suppressions or cfg.per_path_ignores:
        print(f"生效的屏蔽（{len(suppressions) + len(cfg.per_path_ignores)} 处）：", file=out)
    for s in suppressions:
        reason = f" 理由：{s.reason}" if s.reason else ""
        lines = f"第 {s.first_line} 行" if s.first_line == s.last_line else f"第 {s.first_line}-{s.last_line} 行"
        print(f"  {s.path}:{s.line}: {s.target}（{ORIGIN_NAMES.get(s.origin, s.origin)}，{lines}）{reason}", file=out)
    for pattern, targets in cfg.per_path_ignores:
        print(f"  配置 {cfg.source}: {pattern} 忽略 {', '.join(targets)}", file=out)
    if not counts and not suppressions and not cfg.per_path_ignores:
        print("没有问题，也没有生效的屏蔽。", file=out)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())
