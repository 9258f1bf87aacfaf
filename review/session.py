"""A review run over files: which files (discovery and the symlink policy), each file
reviewed or fixed (with the compare-and-replace retry when another process edits it), and
the process pool for large batches. The command line is argparse → Session → report."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from . import engine
from .document import source
from .engine import RuleSet
from .model import Finding, ReviewError, Suppression
from .rules.selection import Rules, load

# What MkDocs renders as a page (mkdocs.utils.markdown_extensions; a test keeps them equal).
# Found in any letter case; MkDocs itself compares case-sensitively and copies `.MD`
# verbatim, comments and front matter included, so such a file is refused (`misnamed`).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
PARALLEL_MIN_FILES = 64  # below this, starting workers costs more than it saves
FIX_ATTEMPTS = 3  # another process (a parallel hook batch) may fix the same file meanwhile


class Plan(NamedTuple):
    """Everything a worker process needs to review files, picklable."""

    config_path: str | None
    cwd: str
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False


class FileResult(NamedTuple):
    path: str
    findings: tuple[Finding, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    error: ReviewError | None = None
    diff: str = ""
    fixed: int = 0


def is_markdown(name: str) -> bool:
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def misnamed(name: str) -> str | None:
    """Why a Markdown file whose extension is not in lower case cannot be reviewed as a page
    (the site build refuses it too: studysite/gate.py), or None."""
    suffix = os.path.splitext(name)[1]
    if suffix.lower() in MARKDOWN_SUFFIXES and suffix not in MARKDOWN_SUFFIXES:
        return (
            f"扩展名「{suffix}」须为小写：MkDocs 不把它当作页面渲染，而是把原文（包括注释和前置元数据）原样发布，"
            f"站点构建会拒绝；请把文件改名为「{os.path.splitext(os.path.basename(name))[0]}{suffix.lower()}」"
        )
    return None


def collect(paths: Iterable[str], cwd: str | None = None) -> tuple[list[tuple[str, str]], list[ReviewError]]:
    """(path to read and write, shown path) of every Markdown file to review, in the order
    given (folders sorted), and the problems found. A symlink is followed only to a file
    inside the working folder: `--fix` must never write outside the repository it was run in."""
    files: list[tuple[str, str]] = []
    errors: list[ReviewError] = []
    seen: set[str] = set()
    inside = os.path.realpath(cwd or os.getcwd())
    folders: dict[str, tuple[str, bool]] = {}
    for given in paths:
        if os.path.isdir(given):
            found = []
            for folder, dirs, names in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(folder, n) for n in names if is_markdown(n)]
            items = sorted(found)
        elif os.path.lexists(given):
            items = [given]
        else:
            errors.append(ReviewError(given, None, "文件或目录不存在"))
            continue
        for item in items:
            real, escapes = _resolve(item, inside, folders)
            shown = os.path.normpath(item) if item != given else given
            if escapes:
                errors.append(ReviewError(shown, None, f"符号链接指向工作目录之外（{real}），不审核也不修改"))
                continue
            why = misnamed(item)
            if why:
                errors.append(ReviewError(shown, None, why))
                continue
            if real not in seen:
                seen.add(real)
                files.append((real, shown))
    return files, errors


def _resolve(item: str, inside: str, folders: dict[str, tuple[str, bool]]) -> tuple[str, bool]:
    """The real path of `item`, and whether it is inside the working folder by its path but
    resolves outside it: through a symlink, the file's or a folder's (never read or written
    there). A file that is not a link is its folder's real path and name, so each folder is
    resolved once (os.path.realpath reads every component of every path: 19,000 lstat calls
    for the laws corpus x5, most of a walk)."""
    folder, name = os.path.split(item)
    if name in ("", ".", "..") or os.path.islink(item):
        real = os.path.realpath(item)
        return real, _within(os.path.abspath(item), inside) and not _within(real, inside)
    known = folders.get(folder)
    if known is None:
        real_folder = os.path.realpath(folder)  # "" is the current folder, as for the path
        escapes = _within(os.path.abspath(folder), inside) and not _within(real_folder, inside)
        known = folders[folder] = (real_folder, escapes)
    return os.path.join(known[0], name), known[1]


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def review_file(ruleset: RuleSet, known: frozenset[str], real: str, shown: str, fix: bool, diff: bool) -> FileResult:
    """Review one file; with `fix`, write the fixed text only if the file still holds what
    was read (else redo the fix on the new text); with `diff`, only describe the fix."""
    src = source.read(real, shown)
    if not (fix or diff):
        result = engine.check(ruleset, shown, src.text, known)
        return FileResult(shown, result.findings, result.suppressions)
    for _ in range(FIX_ATTEMPTS):
        new_text, result, applied = engine.fix(ruleset, shown, src.text, known)
        if new_text == src.text:
            return FileResult(shown, result.findings, result.suppressions)
        if diff:
            before = engine.check(ruleset, shown, src.text, known)
            import difflib  # only for --diff

            patch = "".join(difflib.unified_diff(_lines(src.text), _lines(new_text), f"a/{shown}", f"b/{shown}"))
            return FileResult(shown, before.findings, before.suppressions, diff=patch)
        current = source.replace_if_unchanged(real, src, new_text)
        if current is None:
            return FileResult(shown, result.findings, result.suppressions, fixed=applied)
        src = current
    raise ReviewError(shown, None, "文件在修复期间不断被其他程序修改，未写入，请稍后重试")


class Session:
    """Reviews one file after another with the rules of a run; one per process."""

    def __init__(self, plan: Plan, rules: Rules | None = None):
        self.plan = plan
        self.rules = rules or load(plan.config_path, plan.cwd, plan.select, plan.ignore)

    def review(self, item: tuple[str, str]) -> FileResult:
        real, shown = item
        try:
            return review_file(self.rules.ruleset(shown), self.rules.known, real, shown, self.plan.fix, self.plan.diff)
        except ReviewError as exc:
            return FileResult(shown, error=exc)

    def run(self, files: list[tuple[str, str]], jobs: int = 1) -> Iterator[FileResult]:
        """Results in the order of `files`, from worker processes when there are many (each
        loads the rules itself), else in this process with the rules loaded already."""
        if jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
            from concurrent.futures import ProcessPoolExecutor  # costs 10 ms: only when used

            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(self.plan,)) as pool:
                yield from pool.map(_review_in_worker, files, chunksize=16)
        else:
            for item in files:
                yield self.review(item)


# In a worker process of the pool: its Session, set by the pool's initializer.
_worker: Session | None = None


def _init_worker(plan: Plan) -> None:
    global _worker
    _worker = Session(plan)


def _review_in_worker(item: tuple[str, str]) -> FileResult:
    assert _worker is not None, "the pool's initializer sets it"
    return _worker.review(item)


def _lines(text: str) -> list[str]:
    """Lines as the file has them: str.splitlines would also break at U+2028, U+0085 and
    form feeds, which are characters inside a line of a draft (and fixes may remove them)."""
    *full, last = text.split("\n")
    return [line + "\n" for line in full] + ([last] if last else [])
