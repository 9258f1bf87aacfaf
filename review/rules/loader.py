"""Loading rule packs: YAML records → validated, immutable `Rule`s, with errors that name the
file, the line and the rule id."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .. import kinds
from ..kinds._regex import RegexCompiler
from ..model import FIX_MODES, SCOPES, SEVERITIES, Example, ReviewError, Rule
from . import cache
from .categories import CATEGORIES

PACK_DIR = Path(__file__).parent.parent / "packs"
ID_RE = re.compile(r"^([a-z]+)/[a-z0-9]+(?:-[a-z0-9]+)*$")
# The ids of a pack as written, found without parsing: checks a cached parse.
ID_LINE = re.compile(r"""(?m)^[ \t]*-[ \t]+id:[ \t]*["']?([^"'\s#]+)""")
COMMON_FIELDS = {
    "id",
    "kind",
    "severity",
    "message",
    "fix",
    "standard",
    "rationale",
    "examples",
    "tags",
    "scope",
    "words",
    "aliases",
}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_pack_paths() -> list[Path]:
    return sorted(PACK_DIR.glob("*.yaml"))


def load_rules(paths: Iterable[Path], builtin: bool = True) -> list[Rule]:
    rules: list[Rule] = []
    for path in paths:
        rules.extend(load_pack(Path(path), builtin))
    return rules


def check_unique(rules: Iterable[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            path, line = rule.source.rsplit(":", 1)
            raise ReviewError(path, int(line), f"规则 {rule.id} 重复定义（先前定义于 {seen[rule.id].source}）")
        seen[rule.id] = rule


def load_pack(path: Path, builtin: bool = True) -> list[Rule]:
    shown = str(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(shown, None, f"无法读取规则文件：{exc}") from None
    # The cache holds plain parsed records and the facts of their regexes (JSON, never code),
    # and is used only when it has exactly the rule ids the file has: a cache entry cannot
    # make rules disappear.
    name = cache.key(data, shown.encode())
    entry = cache.get(name)
    records = entry.get("records") if isinstance(entry, dict) else None
    known = entry.get("regex") if isinstance(entry, dict) else None
    cached = isinstance(records, list) and [r[0].get("id") for r in records] == ID_LINE.findall(text)
    if not isinstance(records, list) or not cached:
        records, known = _parse_pack(text, shown), None
    regex = RegexCompiler(known if isinstance(known, dict) else None)
    rules = [_rule(record, line, keys, shown, builtin, regex) for record, line, keys in records]
    if not cached or regex.facts != regex.known:
        cache.put(name, {"records": records, "regex": regex.facts})
    return rules


def _parse_pack(text: str, shown: str) -> list:
    """[record, line, {key: [key line, value line]}] for every rule of a pack file."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ReviewError(shown, mark.line + 1 if mark else None, f"规则文件不是有效的 YAML：{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ReviewError(shown, None, f"规则文件不是有效的 YAML：{exc}") from None
    if root is None:
        return []
    data = to_python(root, shown)
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise ReviewError(shown, _line(root), "规则文件应是只含 rules 列表的映射（rules: [...]）")
    rules_node = next(v for k, v in root.value if k.value == "rules")
    out = []
    for record, node in zip(data["rules"], rules_node.value, strict=False):
        keys = {k.value: [_line(k), _line(v)] for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
        out.append([record, _line(node), keys])
    return out


def _rule(record: Any, line: int, keys: dict, path: str, builtin: bool, regex: RegexCompiler) -> Rule:
    rid = record.get("id") if isinstance(record, dict) else None

    def fail(reason: str, key: str | None = None, on_key: bool = False) -> ReviewError:
        where = keys[key][0 if on_key else 1] if key in keys else line
        return ReviewError(path, where, f"规则 {rid or '(无 id)'}：{reason}")

    def expect(ok: Any, reason: str, key: str) -> None:
        if not ok:
            raise fail(reason, key)

    if not isinstance(record, dict):
        raise fail("每条规则应是一个映射")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise fail("id 应为「类别/名称」，小写字母、数字和连字符")
    category = rid.split("/", 1)[0]
    if category not in CATEGORIES:
        raise fail(f"未知类别 {category}，可用：{'、'.join(CATEGORIES)}")
    kind = record.get("kind")
    if kind not in kinds.KINDS:
        raise fail(f"未知 kind {kind!r}，可用：{'、'.join(kinds.KINDS)}", "kind")
    module = kinds.KINDS[kind]
    unknown = set(record) - COMMON_FIELDS - set(module.OPTIONS)
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f"未知字段 {key}", key, on_key=True)
    for key in ("severity", "message", "standard", "rationale", "examples"):
        if key not in record:
            raise fail(f"缺少字段 {key}")
    expect(record["severity"] in SEVERITIES, f"severity 应为 {'/'.join(SEVERITIES)}", "severity")
    fix = record.get("fix", "none")
    expect(fix in FIX_MODES, f"fix 应为 {'/'.join(FIX_MODES)}", "fix")
    scope = record.get("scope", "prose")
    expect(scope in SCOPES, f"scope 应为 {'/'.join(SCOPES)}", "scope")
    for key in ("message", "standard", "rationale"):
        expect(isinstance(record[key], str) and record[key].strip(), f"{key} 应为非空文字", key)
    tags, words = record.get("tags", []), record.get("words", [])
    for key, value in (("tags", tags), ("words", words)):
        expect(_str_list(value), f"{key} 应为文字列表", key)
    aliases = record.get("aliases", {})
    expect(
        isinstance(aliases, dict) and all(_str_list(v) for v in aliases.values()),
        "aliases 应为「全称: [简称, ...]」的映射",
        "aliases",
    )
    examples = _examples(record["examples"])
    if not examples:
        raise fail(
            "examples 应为 {bad: 文本, fixed: 文本} 或 {good: 文本} 的列表，至少要有一个 bad 和一个 good", "examples"
        )
    options = {k: v for k, v in record.items() if k in module.OPTIONS}
    try:
        options = module.check_options(options, fix, regex)
    except ValueError as exc:
        raise fail(str(exc.args[0]), exc.args[1] if len(exc.args) > 1 else None) from None
    return Rule(
        id=rid,
        kind=kind,
        severity=record["severity"],
        message=record["message"].strip(),
        standard=record["standard"].strip(),
        rationale=record["rationale"].strip(),
        examples=examples,
        fix=fix,
        scope=scope,
        tags=tuple(tags),
        words=tuple(words),
        aliases={str(k): tuple(v) for k, v in aliases.items()},
        options=options,
        source=f"{path}:{line}",
        builtin=builtin,
    )


def _examples(value: Any) -> tuple[Example, ...] | None:
    """The examples, or None when they are not well formed."""
    if not isinstance(value, list) or not value:
        return None
    out = []
    for item in value:
        ok = (
            isinstance(item, dict)
            and set(item) <= {"bad", "good", "fixed"}
            and (("bad" in item) != ("good" in item))
            and ("fixed" not in item or "bad" in item)
            and all(isinstance(v, str) for v in item.values())
        )
        if not ok:
            return None
        out.append(Example(bad=item.get("bad"), good=item.get("good"), fixed=item.get("fixed")))
    if not (any(e.bad is not None for e in out) and any(e.good is not None for e in out)):
        return None
    return tuple(out)


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def to_python(node: yaml.Node, path: str) -> Any:
    """Plain data from a YAML node, refusing duplicate keys (PyYAML silently keeps the last)."""
    if isinstance(node, yaml.ScalarNode):
        tag, value = node.tag, node.value
        if tag.endswith(":bool"):
            return value.lower() in ("true", "yes", "on", "y")
        if tag.endswith(":int"):
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag.endswith(":float"):
            try:
                return float(value)
            except ValueError:
                return value
        if tag.endswith(":null"):
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item, path) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            # Keys are text as written: `on:` or `no:` stay words, not YAML 1.1 booleans.
            if not isinstance(key_node, yaml.ScalarNode):
                raise ReviewError(path, _line(key_node), "映射的键应为文字")
            key = key_node.value
            if key in out:
                raise ReviewError(path, _line(key_node), f"键「{key}」重复出现")
            out[key] = to_python(value_node, path)
        return out
    raise ReviewError(path, _line(node), "无法识别的 YAML 节点")
