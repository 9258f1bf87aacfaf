"""`[tool.review]` configuration: extra rule packs, severity overrides, per-path ignores."""

from __future__ import annotations

import fnmatch
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from ..model import SEVERITIES, ReviewError
from . import cache
from .categories import CATEGORIES, category_of

KEYS = {"rules", "severity", "per-path-ignores", "fail-on", "roster", "lists"}


class Config(NamedTuple):
    root: Path  # folder of the configuration file (or the working folder)
    source: str = ""  # the file it came from, "" for defaults
    rule_files: tuple[Path, ...] = ()
    severity: Mapping[str, str] = {}  # rule id or category -> severity (never changed in place)
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str | None = None
    roster: Path | None = None  # the site's roster of names and titles (kinds/roster.py)
    # Named lists of allowed values (YAML files: a list, or a mapping whose keys are the
    # values), e.g. the lecture categories the site build also reads.
    lists: Mapping[str, tuple[str, ...]] = {}

    def ignored_for(self, path: str) -> tuple[str, ...]:
        if not self.per_path_ignores:
            return ()
        rel = _relative(path, self.root)
        return tuple(t for pattern, targets in self.per_path_ignores if fnmatch.fnmatch(rel, pattern) for t in targets)


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(explicit: str | None = None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ReviewError(explicit, None, "找不到配置文件")
    else:
        found = find_pyproject(cwd.resolve())
        if found is None:
            return Config(root=cwd)
        path = found
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = _toml(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(shown, None, f"无法读取配置文件：{exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        m = re.search(r"line (\d+)", str(exc))
        raise ReviewError(shown, int(m[1]) if m else None, f"配置文件不是有效的 TOML：{exc}") from None
    tool = data.get("tool")
    if "tool" in data and not isinstance(tool, dict):
        raise ReviewError(shown, _line_of_key(text, "tool"), "tool 应为一个表（配置写在 [tool.review] 下）")
    table = tool.get("review") if isinstance(tool, dict) else (data if explicit else None)
    if table is None:
        return Config(root=path.parent, source=shown)
    if not isinstance(table, dict):
        raise ReviewError(shown, _line_of_key(text, "review"), "[tool.review] 应为一个表（在其下写「键 = 值」）")
    return _parse(table, text, path)


def _toml(text: str) -> dict:
    """The parsed file, from the cache when this text was parsed before: importing tomllib
    and parsing cost a hook run a few milliseconds, and the file rarely changes."""
    name = cache.key(b"toml", text.encode())
    data = cache.get(name)
    if isinstance(data, dict):
        return data
    import tomllib

    data = tomllib.loads(text)
    try:
        json.dumps(data)
    except (TypeError, ValueError):  # a TOML date or time: not JSON, not cached
        return data
    cache.put(name, data)
    return data


def _parse(table: dict, text: str, path: Path) -> Config:
    shown = str(path)

    def fail(key: str, reason: str) -> ReviewError:
        return ReviewError(shown, _line_of_key(text, key), f"[tool.review] {key}：{reason}")

    for key in table:
        if key not in KEYS:
            raise fail(key, f"未知配置项，可用：{'、'.join(sorted(KEYS))}")
    rules = table.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise fail("rules", "应为规则文件路径的列表")
    files = tuple(path.parent / r for r in rules)
    for f in files:
        if not f.is_file():
            raise fail("rules", f"找不到规则文件 {f}")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "应为「规则 id 或类别 = 级别」的表")
    for target, level in severity.items():
        if level not in SEVERITIES:
            raise fail(target, f"级别应为 {'/'.join(SEVERITIES)}")
        category = category_of(target)
        if category is not None and not category.downgradable and level != "error":
            raise fail(target, f"{category.name}类规则始终为 error，不能降级")
    ignores = table.get("per-path-ignores", {})
    if not isinstance(ignores, dict) or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in ignores.values()
    ):
        raise fail("per-path-ignores", "应为「路径模式 = [规则 id 或类别, ...]」的表")
    for targets in ignores.values():
        for t in targets:
            category = category_of(t)
            if category is not None and not category.downgradable:
                raise fail(
                    "per-path-ignores", f"{t}：{category.name}类规则不能按路径整体忽略，请在文中逐处写明理由屏蔽"
                )
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise fail("fail-on", f"应为 {'/'.join(SEVERITIES)}")
    roster = table.get("roster")
    if roster is not None and not (isinstance(roster, str) and (path.parent / roster).is_file()):
        raise fail("roster", f"找不到人员名册 {roster}（应为相对于本文件的 YAML 文件路径）")
    lists = _lists(table.get("lists", {}), path, fail)
    return Config(
        root=path.parent,
        source=shown,
        lists=lists,
        rule_files=files,
        severity=dict(severity),
        per_path_ignores=tuple((p, tuple(t)) for p, t in ignores.items()),
        fail_on=fail_on,
        roster=path.parent / roster if roster else None,
    )


def _lists(table: object, path: Path, fail) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise fail("lists", "应为「列表名 = YAML 文件路径」的表")
    lists = {}
    for name, rel in table.items():
        values = read_list(path.parent / rel)
        if isinstance(values, str):
            raise fail("lists", f"{name}：{values}")
        lists[str(name)] = values
    return lists


def read_list(path: Path) -> tuple[str, ...] | str:
    """The values of a list file (a YAML list, or a mapping's keys), or why it cannot be read.
    Read with PyYAML's pure-Python safe loader, as the site build reads the same registry
    (studysite/lectures.py); the values are cached by the file's bytes, as that loader costs
    every hook run a few milliseconds."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"无法读取 {path}（{exc.__class__.__name__}）"
    name = cache.key(b"list", data)
    cached = cache.get(name)
    if isinstance(cached, list) and all(isinstance(v, str) for v in cached):
        return tuple(cached)
    values = _parse_list(path, text)
    if not isinstance(values, str):
        cache.put(name, list(values))
    return values


def _parse_list(path: Path, text: str) -> tuple[str, ...] | str:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return f"{path}{f' 第 {mark.line + 1} 行' if mark else ''} 不是有效的 YAML"
    if isinstance(data, dict):
        data = list(data)
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        return f"{path} 应为文字列表，或以名称为键的映射"
    return tuple(data)


def validate_targets(config: Config, known_ids: frozenset[str]) -> None:
    for target in [*config.severity, *(t for _, ts in config.per_path_ignores for t in ts)]:
        if target not in CATEGORIES and target not in known_ids:
            raise ReviewError(config.source, None, f"[tool.review] 中的「{target}」不是已知的规则 id 或类别")


def _line_of_key(text: str, key: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return i
    return None


def _relative(path: str, root: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root.resolve())
    except ValueError:
        rel = path
    return rel.replace(os.sep, "/")
