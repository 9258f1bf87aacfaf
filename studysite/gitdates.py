"""Page dates from git: the last commit date of each committed, unmodified file."""

from __future__ import annotations

import datetime as dt
import subprocess


def _git(args: list[str], cwd: str) -> str:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=True
    ).stdout


def parse_log(log: str, dirty: str = "", prefix: str = "") -> dict[str, str]:
    """{path: YYYY-MM-DD} from `git log --format=#%cs --name-only` output (newest first);
    files listed in `git status --porcelain` output are left out (their file time is the truth)."""
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("#"):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date
    for line in dirty.splitlines():
        path = line[3:]
        dates.pop(path[len(prefix) :] if prefix and path.startswith(prefix) else path, None)
    return dates


def git_dates(docs_dir: str) -> dict[str, str]:
    """Dates of the files under docs_dir, relative to it (one git log call); {} outside git."""
    try:
        log = _git(["log", "--format=#%cs", "--name-only", "--relative", "--no-renames", "--", "."], docs_dir)
        dirty = _git(["status", "--porcelain", "--no-renames", "--untracked-files=all", "--", "."], docs_dir)
        prefix = _git(["rev-parse", "--show-prefix"], docs_dir).strip()
    except (OSError, subprocess.SubprocessError):
        return {}  # not a git checkout: every page falls back to its file time
    return parse_log(log, dirty, prefix)


def chinese_date(value) -> str:
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"
