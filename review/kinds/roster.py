"""Names and titles against a roster, on the page's own date (front matter `date`).

Three checks, one per rule:
- `name`: a roster name written with one wrong character (same length, one character
  different, a Chinese character there) that is not a common word: no word of jieba's
  dictionary (frequency ≥ COMMON) contains the changed character in the text, and the
  variant is not a dictionary word itself nor another roster name. Names of two characters
  are not checked this way: one character off, they are mostly other people's names.
- `title`: a title written next to a roster name (`副主任王某`, `王某副主任`, or a run
  `党组书记、主任王某`) that the person never held (a two-character name only where it
  plainly ends: before punctuation, a title or a word of the rule's `follow` list);
- `tenure`: a title the person held, but not on the page's date (no longer, or not yet).
  `原`/`前` before a title means a past post: fine when held before the date.
  `时任`/`曾任`/`拟任`/`拟提名` leave the title unchecked.

People come from the rule's own `people` (the default pack: national leaders' names, no
titles, spelling only) and, when `site: true`, from the site roster named by `roster` in
[tool.review] (bound by `bind` when the rules are loaded)."""

from __future__ import annotations

import datetime
import importlib.util
import os
import re
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs
import yaml

from ..model import Hit, ReviewError, Rule
from ._automaton import Automaton
from ._compiled import each_rule
from ._regex import RegexCompiler
from .frontmatter import field, offset

OPTIONS = {"check", "people", "titles", "site", "follow"}
CHECKS = ("name", "title", "tenure")
PERSON_KEYS = {"name", "organisation", "title", "from", "to"}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
COMMON = 5  # jieba dictionary frequency from which a word is "common"
PAST = ("原", "前")  # before a title: a post held earlier
UNDATED = ("时任", "曾任", "拟任", "拟提名", "提名")  # before a title: no date to check against
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Post(NamedTuple):
    """One line of a roster: a person, and (optionally) a title held over a period."""

    name: str
    organisation: str = ""
    title: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None  # None: still holds it

    def holds_on(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def period(self) -> str:
        start = self.start.isoformat() if self.start else "不详"
        return f"{start} 至 {self.end.isoformat() if self.end else '今'}"


def _han(ch: str) -> bool:
    # A comparison, not a regex: a CJK character class costs 1.5 ms to compile per hook run.
    return "\u4e00" <= ch <= "\u9fff"


def _is_name(name: str) -> bool:
    """Two to ten characters: a Chinese character, then Chinese characters or the middle dot."""
    return 2 <= len(name) <= 10 and _han(name[0]) and all(_han(c) or c == "·" for c in name[1:])


class Dictionary:
    """jieba's dictionary, asked only about the words that contain one character: the text
    of dict.txt is read on first use (most pages have no near-miss of a roster name, and
    never read it), and only the lines with that character are parsed."""

    def __init__(self):
        self._text: str | None = None
        self._by_char: dict[str, dict[str, int]] = {}

    def words_with(self, ch: str) -> dict[str, int]:
        """Words of 2-4 characters containing `ch`, with their frequencies."""
        if ch not in self._by_char:
            if self._text is None:
                self._text = _dictionary_text()
            text, found, i = self._text, {}, self._text.find(ch)
            while i >= 0:
                start = text.rfind("\n", 0, i) + 1
                end = text.find("\n", i)
                end = len(text) if end < 0 else end
                parts = text[start:end].split(" ")
                if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and ch in parts[0] and parts[1].isdigit():
                    found[parts[0]] = int(parts[1])
                i = text.find(ch, end)
            self._by_char[ch] = found
        return self._by_char[ch]


def check_options(options: dict, fix: str, regex: RegexCompiler) -> dict:
    check = options.get("check")
    if check not in CHECKS:
        raise ValueError(f"check 应为 {'/'.join(CHECKS)}", "check")
    if fix == "safe":
        raise ValueError("人名和职务需要人工核对，不能自动修复", "fix")
    site = options.get("site", False)
    if not isinstance(site, bool):
        raise ValueError("site 应为 true 或 false", "site")
    titles = options.get("titles", [])
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise ValueError("titles 应为职务名称的列表", "titles")
    follow = options.get("follow", [])
    if not isinstance(follow, list) or not all(isinstance(t, str) and t.strip() for t in follow):
        raise ValueError("follow 应为词语列表", "follow")
    raw = options.get("people", [])
    if not isinstance(raw, list):
        raise ValueError("people 应为人员列表", "people")
    try:
        people = tuple(_post(item, i) for i, item in enumerate(raw, 1))
    except ValueError as exc:
        raise ValueError(str(exc.args[0]), "people") from None
    # Plain data only: records compare equal and survive the pack cache; the indexes are
    # built by `compile`, once per rule set.
    return {"check": check, "site": site, "titles": tuple(titles), "own": people, "roster": (), "follow": tuple(follow)}


def _indexed(rule: Rule, dictionary: Dictionary) -> Rule:
    o = rule.options
    people = o["own"] + o["roster"]
    by_name: dict[str, list[Post]] = {}
    for p in people:
        by_name.setdefault(p.name, []).append(p)
    all_titles = set(o["titles"]) | {p.title for p in people if p.title}
    return rule._replace(
        options={
            **o,
            "by_name": by_name,
            "vocabulary": tuple(sorted(all_titles, key=lambda t: (-len(t), t))),
            "names": _names_index(by_name),
            "variants": _variants_index(by_name),
            "dictionary": dictionary,
        },
    )


def bind(rules, roster_path: Path | None):
    """The rules with the site roster added to every `site: true` roster rule."""
    if roster_path is None:
        return rules
    roster = load_roster(roster_path)
    out = [
        r._replace(options={**r.options, "roster": roster}) if r.kind == "roster" and r.options["site"] else r
        for r in rules
    ]
    return type(rules)(out) if isinstance(rules, tuple) else out


def load_roster(path: Path) -> tuple[Post, ...]:
    """A roster file: `people:` and a list of {name, organisation, title, from, to}."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(shown, None, f"无法读取人员名册：{exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ReviewError(shown, mark.line + 1 if mark else None, f"人员名册不是有效的 YAML：{exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ReviewError(shown, None, f"人员名册不是有效的 YAML：{exc}") from None
    from ..rules.loader import to_python  # refuses duplicate keys, keeps dates as written

    if not isinstance(root, yaml.MappingNode):
        raise ReviewError(shown, 1, "人员名册应为只含 people 列表的映射（people: [...]）")
    data = to_python(root, shown)
    if set(data) != {"people"} or not isinstance(data["people"], list):
        raise ReviewError(shown, 1, "人员名册应为只含 people 列表的映射（people: [...]）")
    nodes = next(v for k, v in root.value if k.value == "people").value
    out = []
    for i, (item, node) in enumerate(zip(data["people"], nodes, strict=False), 1):
        try:
            post = _post(item, i)
        except ValueError as exc:
            raise ReviewError(shown, node.start_mark.line + 1, str(exc.args[0])) from None
        if not post.title:
            raise ReviewError(shown, node.start_mark.line + 1, f"第 {i} 条：缺少 title（职务）")
        out.append(post)
    return tuple(out)


def _post(item, i: int) -> Post:
    if not isinstance(item, dict):
        raise ValueError(f"第 {i} 条应为「字段: 值」映射")
    unknown = set(item) - PERSON_KEYS
    if unknown:
        raise ValueError(f"第 {i} 条：未知字段 {sorted(unknown)[0]}，可用：{'、'.join(sorted(PERSON_KEYS))}")
    name = item.get("name")
    if not isinstance(name, str) or not _is_name(name):
        raise ValueError(f"第 {i} 条：name 应为 2 至 10 个汉字的姓名")
    for key in ("organisation", "title"):
        if not isinstance(item.get(key, ""), str):
            raise ValueError(f"第 {i} 条：{key} 应为文字")
    start, end = _date(item.get("from"), i, "from"), _date(item.get("to"), i, "to")
    if item.get("title") and start is None:
        raise ValueError(f"第 {i} 条：有 title 时需写明 from（任职日期，YYYY-MM-DD）")
    if start and end and end < start:
        raise ValueError(f"第 {i} 条：to 早于 from")
    return Post(name, item.get("organisation", "").strip(), item.get("title", "").strip(), start, end)


def _date(value, i: int, key: str) -> datetime.date | None:
    if value is None:
        return None
    day = parse_date(str(value)) if isinstance(value, (str, datetime.date)) else None
    if day is None:
        raise ValueError(f"第 {i} 条：{key} 应为日期 YYYY-MM-DD")
    return day


def parse_date(value: str) -> datetime.date | None:
    m = DATE.match(value.strip())
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _names_index(by_name):
    names = sorted(by_name)
    if not names:
        return None
    return names, Automaton(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


def _variants_index(by_name):
    """Pieces that a one-character-off name still contains: for 习近平, 近平 (first character
    changed), 习 (then 平 two later), 习近 (last changed). An automaton of the pieces, and for
    each piece the (name, changed position) pairs it stands for."""
    pieces: list[tuple[str, str, int]] = []
    for name in by_name:
        if len(name) < 3:
            continue
        for p in range(len(name)):
            pieces.append((name[1:], name, 0) if p == 0 else (name[:p], name, p))
    if not pieces:
        return None
    by_piece: dict[str, list[tuple[str, int]]] = {}
    for piece, name, p in pieces:
        by_piece.setdefault(piece, []).append((name, p))
    patterns = sorted(by_piece)
    return [by_piece[p] for p in patterns], Automaton(patterns)


# --- matching ---------------------------------------------------------------------------


def compile(rules: list[Rule]):
    dictionary = Dictionary()  # loaded lazily, shared by the rules of a run
    return each_rule([_indexed(r, dictionary) for r in rules], hits)


def hits(rule: Rule, doc) -> list[Hit]:
    o = rule.options
    if not o["by_name"]:
        return []
    view = doc.views[rule.scope]
    if o["check"] == "name":
        return _name_hits(rule, view)
    day = page_date(doc)
    if day is None:
        return []
    return _title_hits(rule, doc, view, day)


def page_date(doc) -> datetime.date | None:
    root, problem = doc.meta
    if problem is not None:
        return None
    node = field(root, "date")
    if isinstance(node, yaml.MappingNode):  # the blog plugin's `date: {created: …}`
        node = field(node, "created")
    return parse_date(node.value) if isinstance(node, yaml.ScalarNode) else None


def _name_hits(rule: Rule, view: str) -> list[Hit]:
    o = rule.options
    index = o["variants"]
    if index is None:
        return []
    candidates, automaton = index
    seen: set[tuple[int, int]] = set()
    out = []
    for idx, s, _end in automaton.find(view, overlapping=True):
        for name, p in candidates[idx]:
            start = s - 1 if p == 0 else s
            end = start + len(name)
            if start < 0 or end > len(view) or (start, end) in seen:
                continue
            variant = view[start:end]
            at = start + p
            if (
                variant == name
                or not _han(view[at])
                or any(a != b for k, (a, b) in enumerate(zip(variant, name, strict=False)) if k != p)
            ):
                continue
            if variant in o["by_name"] or _common(view, start, end, at, o["dictionary"]):
                continue
            seen.add((start, end))
            out.append(Hit(rule, start, end, name, None))
    return out


def _common(view: str, start: int, end: int, at: int, dictionary: Dictionary) -> bool:
    """Whether the near-miss is a dictionary word itself (at any frequency: often another
    person's name), or a common word in the text contains the changed character at `at`
    (学习近况, 王沪宇宙): then it is not a misspelt name."""
    words = dictionary.words_with(view[at])
    if view[start:end] in words:
        return True
    for length in (2, 3, 4):
        for i in range(max(0, at - length + 1), min(at, len(view) - length) + 1):
            freq = words.get(view[i : i + length])
            if freq is not None and freq >= COMMON:
                return True
    return False


def _title_hits(rule: Rule, doc, view: str, day: datetime.date) -> list[Hit]:
    o = rule.options
    names, automaton = o["names"]
    out = _speaker_hits(rule, doc, day)
    for idx, s, e in automaton.find(view):
        name = names[idx]
        posts = [p for p in o["by_name"][name] if p.title]
        if not posts or (len(name) == 2 and not _name_ends(view, e, o)):
            continue
        for t_start, t_end, mode in _titles_around(view, s, e, o["vocabulary"]):
            hit = _judge(rule, name, posts, view[t_start:t_end], t_start, t_end, mode, day)
            if hit is not None:
                out.append(hit)
    return out


def _name_ends(view: str, e: int, o) -> bool:
    """Whether a two-character name really ends at `e`: not followed by a Chinese character
    unless by a title or a word of `follow` (出席, 主持, 同志…). 王明 in 副主任王明华 is
    someone else."""
    if e >= len(view) or not _han(view[e]):
        return True
    return any(view.startswith(w, e) for w in o["follow"]) or any(view.startswith(t, e) for t in o["vocabulary"])


def _speaker_hits(rule: Rule, doc, day: datetime.date) -> list[Hit]:
    """A lecture's `speaker` and `speaker_title` (市人大常委会副主任): the title the value
    ends with, judged like a title written next to the name."""
    root, _ = doc.meta
    name, title = field(root, "speaker"), field(root, "speaker_title")
    if not (isinstance(name, yaml.ScalarNode) and isinstance(title, yaml.ScalarNode)):
        return []
    posts = [p for p in rule.options["by_name"].get(name.value.strip(), ()) if p.title]
    written = next((t for t in rule.options["vocabulary"] if title.value.rstrip().endswith(t)), None)
    if not posts or written is None or title.style not in (None, "", "'", '"'):
        return []
    start = offset(doc, title.start_mark) + (1 if title.style in ("'", '"') else 0)
    end = start + len(title.value.rstrip())
    if doc.text[end - len(written) : end] != written:
        return []  # an escaped or folded value: its position in the file is not the text's
    before = title.value.strip()[: -len(written)]  # 原示例市人大常委会秘书长: a former post
    mode = "past" if before.startswith(PAST) or before.endswith(PAST) else "now"
    hit = _judge(rule, name.value.strip(), posts, written, end - len(written), end, mode, day)
    return [hit] if hit is not None else []


def _titles_around(view: str, s: int, e: int, vocabulary) -> list[tuple[int, int, str]]:
    """(start, end, mode) of the titles written against a name: a run before it (joined by
    nothing or 、) and one right after; mode is 'now', 'past' or 'undated'."""
    found = []
    pos = s
    while True:
        title = next((t for t in vocabulary if view.startswith(t, pos - len(t))), None)
        if title is None:
            break
        start = pos - len(title)
        found.append([start, pos])
        pos = start - 1 if start > 0 and view[start - 1] == "、" else start
        if pos == start:
            break
    out = []
    # A marker before the run (原副主任、秘书长王某) applies to every title of the run.
    head = found[-1][0] if found else s
    mode = (
        "undated"
        if any(view.startswith(m, head - len(m)) for m in UNDATED)
        else "past"
        if any(view.startswith(m, head - len(m)) for m in PAST)
        else "now"
    )
    out += [(a, b, mode) for a, b in found]
    after = next((t for t in vocabulary if view.startswith(t, e)), None)
    if after is not None:
        out.append((e, e + len(after), "now"))
    return out


def _judge(
    rule: Rule, name: str, posts: list[Post], title: str, start: int, end: int, mode: str, day: datetime.date
) -> Hit | None:
    if mode == "undated":
        return None
    check = rule.options["check"]
    held = [p for p in posts if p.title == title]
    now = sorted({p.title for p in posts if p.holds_on(day)})
    when = f"页面日期 {day.isoformat()}"
    # The suggestion: the one title the roster gives for that date, if there is one.
    suggestion = now[0] if len(now) == 1 else None
    if not held:
        if check != "title":
            return None
        current = f"任{'、'.join(now)}" if now else "在名册中没有在任职务"
        return Hit(rule, start, end, suggestion, f"{when}，{name}{current}，名册中没有「{title}」这一职务")
    if check != "tenure":
        return None
    if mode == "past":
        if any(p.start is not None and p.start <= day for p in held):
            return None
        first = min(p.start for p in held if p.start)
        return Hit(
            rule,
            start,
            end,
            None,
            f"{when}，{name}尚未任{title}（名册：自 {first.isoformat()} 起），不应称「原{title}」",
        )
    if any(p.holds_on(day) for p in held):
        return None
    periods = "；".join(p.period() for p in sorted(held, key=lambda p: p.start or datetime.date.min))
    later = all(p.start is not None and day < p.start for p in held)
    state = "尚未任" if later else "已不任"
    if suggestion is None and not later:
        suggestion = f"原{title}"
    return Hit(rule, start, end, suggestion, f"{when}，{name}{state}{title}（名册任期：{periods}）")


# --- jieba's dictionary -----------------------------------------------------------------


def _dictionary_text() -> str:
    spec = importlib.util.find_spec("jieba")  # finds the file without importing jieba
    if spec is None or not spec.origin:
        return ""
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "dict.txt"), encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        return ""
