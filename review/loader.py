"""Loading rule packs: YAML records → validated, immutable `Rule`s, with errors that name the
file, the line and the rule id."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

import yaml

from . import cache, kinds
from .model import CATEGORIES, FIX_MODES, SCOPES, SEVERITIES, Example, ReviewError, Rule

PACK_DIR = Path(__file__).parent / "packs"
ID_RE = re.compile(r"^([a-z]+)/[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_FIELDS = {"id", "kind", "severity", "message", "fix", "standard", "rationale",
                 "examples", "tags", "scope", "words", "aliases"}
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
    name = cache.key(data, shown.encode(), b"builtin" if builtin else b"site")
    rules = cache.get(name)
    if rules is None:
        rules = _parse_pack(text, shown, builtin)
        cache.put(name, rules)
    return rules


def _parse_pack(text: str, shown: str, builtin: bool) -> list[Rule]:
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
    return [_rule(record, node, shown, builtin) for record, node in zip(data["rules"], rules_node.value)]


def _rule(record: Any, node: yaml.Node, path: str, builtin: bool) -> Rule:
    line = _line(node)
    rid = record.get("id") if isinstance(record, dict) else None

    def fail(reason: str, at: yaml.Node | None = None) -> ReviewError:
        where = _line(at) if at is not None else line
        return ReviewError(path, where, f"规则 {rid or '(无 id)'}：{reason}")

    if not isinstance(record, dict):
        raise fail("每条规则应是一个映射")
    fields = dict(zip((k.value for k, _ in node.value), (v for _, v in node.value)))
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise fail("id 应为「类别/名称」，小写字母、数字和连字符")
    category = rid.split("/", 1)[0]
    if category not in CATEGORIES:
        raise fail(f"未知类别 {category}，可用：{'、'.join(CATEGORIES)}")
    kind = record.get("kind")
    if kind not in kinds.KINDS:
        raise fail(f"未知 kind {kind!r}，可用：{'、'.join(kinds.KINDS)}", fields.get("kind"))
    module = kinds.KINDS[kind]
    unknown = set(record) - COMMON_FIELDS - set(module.OPTIONS)
    if unknown:
        key = sorted(unknown)[0]
        raise fail(f"未知字段 {key}", _key_node(node, key))
    for key in ("severity", "message", "standard", "rationale", "examples"):
        if key not in record:
            raise fail(f"缺少字段 {key}")
    _expect(record["severity"] in SEVERITIES, fail, f"severity 应为 {'/'.join(SEVERITIES)}", fields.get("severity"))
    fix = record.get("fix", "none")
    _expect(fix in FIX_MODES, fail, f"fix 应为 {'/'.join(FIX_MODES)}", fields.get("fix"))
    scope = record.get("scope", "prose")
    _expect(scope in SCOPES, fail, f"scope 应为 {'/'.join(SCOPES)}", fields.get("scope"))
    for key in ("message", "standard", "rationale"):
        _expect(isinstance(record[key], str) and record[key].strip(), fail, f"{key} 应为非空文字", fields.get(key))
    tags = _str_list(record.get("tags", []), fail, "tags", fields.get("tags"))
    words = _str_list(record.get("words", []), fail, "words", fields.get("words"))
    aliases = record.get("aliases", {})
    _expect(isinstance(aliases, dict), fail, "aliases 应为「全称: [简称, ...]」的映射", fields.get("aliases"))
    aliases = {str(k): tuple(_str_list(v, fail, "aliases", fields.get("aliases"))) for k, v in aliases.items()}
    examples = _examples(record["examples"], fail, fields.get("examples"))
    options = {k: v for k, v in record.items() if k in module.OPTIONS}
    try:
        options = module.check_options(options, fix)
    except ValueError as exc:
        key = exc.args[1] if len(exc.args) > 1 else None
        raise fail(str(exc.args[0]), _value_node(node, key) if key else None) from None
    return Rule(id=rid, kind=kind, severity=record["severity"], message=record["message"].strip(),
                standard=record["standard"].strip(), rationale=record["rationale"].strip(),
                examples=examples, fix=fix, scope=scope, tags=tuple(tags), words=tuple(words),
                aliases=aliases, options=options, source=f"{path}:{line}", builtin=builtin)


def _examples(value: Any, fail, node) -> tuple[Example, ...]:
    _expect(isinstance(value, list) and value, fail, "examples 应为非空列表（bad / good）", node)
    out = []
    for item in value:
        ok = isinstance(item, dict) and set(item) <= {"bad", "good", "fixed"} and \
            (("bad" in item) != ("good" in item)) and ("fixed" not in item or "bad" in item) and \
            all(isinstance(v, str) for v in item.values())
        _expect(ok, fail, "每个示例应是 {bad: 文本, fixed: 文本} 或 {good: 文本}", node)
        out.append(Example(bad=item.get("bad"), good=item.get("good"), fixed=item.get("fixed")))
    _expect(any(e.bad is not None for e in out) and any(e.good is not None for e in out),
            fail, "examples 至少要有一个 bad 和一个 good", node)
    return tuple(out)


def _str_list(value: Any, fail, key: str, node) -> list[str]:
    _expect(isinstance(value, list) and all(isinstance(v, str) for v in value), fail, f"{key} 应为文字列表", node)
    return value


def _expect(ok: Any, fail, reason: str, node) -> None:
    if not ok:
        raise fail(reason, node)


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _key_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((k for k, _ in node.value if k.value == key), None)


def _value_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None)


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
