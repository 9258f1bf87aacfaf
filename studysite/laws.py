"""The law library importer: texts of the law corpus (LawRefBook format) become pages
under docs/laws/, one per law (latest version), with the adoption and amendment history in
front matter, 章/节 as headings, an anchor on every article (`#第三十条`) and a table of
contents, plus an index page.

    python -m studysite.laws [--corpus ../shared/corpus/laws] [--out docs/laws] [--check]

Rerunnable: pages are rewritten only when their text changes. Exit status 0 done (or, with
--check, nothing to change), 1 --check found pages to change, 2 bad input (one line on stderr:
file, line, reason); no page is written when any law fails to parse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from studysite.errors import SiteInputError

CONFIG = Path(__file__).with_name("laws.yaml")
GENERATED = "<!-- 本页由 studysite.laws 从法规库导入生成，请勿手工修改；重新导入：python -m studysite.laws -->"

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUM = "〇零一二三四五六七八九十百千"
ARTICLE = re.compile(rf"^(第([{NUM}]+)条(?:之([一二三四五六七八九十]+))?)[ \u3000]+(\S.*)$")
HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t#]*$")
PART = re.compile(rf"^(第[{NUM}]+[编章节])[ \u3000]*(.*)$")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日[ \u3000]*(.*)$")
VERSION = re.compile(r"^(.*)\((\d{4}-\d{2}-\d{2})\)$")
INFO_END = "<!-- INFO END -->"
BREAK = "<!-- FORCE BREAK -->"
# The dataset writes 〇 in year numbers as a white circle (U+25CB) in some texts.
CIRCLE_ZERO = re.compile(rf"(?<=[{NUM}])○|○(?=[{NUM}])")
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
MD_LEADING = re.compile(r"^(\d+)([.)])|^([-+#>=])")


class LawError(SiteInputError):
    """Bad input: `str()` is one Chinese line naming file, line and reason."""


def cn_number(text: str) -> int:
    """一百二十三 -> 123, 二〇 -> 20 (digit strings), 十五 -> 15."""
    if text and all(c in CN_DIGITS for c in text):
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for c in text:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_UNITS:
            total += (digit or 1) * CN_UNITS[c]
            digit = 0
        else:
            raise ValueError(text)
    return total + digit


@dataclass(frozen=True)
class Event:
    date: str  # ISO
    text: str


@dataclass(frozen=True)
class Block:
    kind: str  # "part" (章/节/序言/amendment), "article", "para"
    text: str
    anchor: str = ""
    level: int = 0  # headings: 2 章, 3 节
    number: int = 0  # articles: the article's number


@dataclass(frozen=True)
class Source:
    path: str  # relative to the corpus
    title: str
    history: tuple[Event, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Correction:
    source: str  # corpus path without the version suffix, as in LawSpec.sources
    find: str
    replace: str
    reason: str


@dataclass(frozen=True)
class LawSpec:
    slug: str
    short: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    title: str = ""
    combined: bool = False
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Law:
    spec: LawSpec
    title: str
    history: tuple[Event, ...]
    blocks: tuple[Block, ...]
    sources: tuple[str, ...]

    @property
    def version_date(self) -> str:
        return max(e.date for e in self.history)

    @property
    def articles(self) -> int:
        return sum(1 for b in self.blocks if b.kind == "article")


# ---- reading ---------------------------------------------------------------------------


def load_specs(path: Path = CONFIG) -> tuple[LawSpec, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    corrections = tuple(
        Correction(str(c["source"]), str(c["find"]), str(c["replace"]), str(c["reason"]))
        for c in data.get("corrections") or ()
    )
    specs = []
    for entry in data["laws"]:
        sources = tuple(entry.get("sources") or [entry["source"]])
        specs.append(
            LawSpec(
                slug=entry["slug"],
                short=entry["short"],
                aliases=tuple(entry.get("aliases") or [entry["short"]]),
                sources=sources,
                title=entry.get("title", ""),
                combined="sources" in entry,
                corrections=tuple(c for c in corrections if c.source in sources),
            )
        )
    return tuple(specs)


def latest_version(corpus: Path, stem: str) -> Path:
    """The file for `stem` with the latest `(YYYY-MM-DD)` date, or the undated file."""
    folder, name = (corpus / stem).parent, (corpus / stem).name
    candidates = []
    if folder.is_dir():
        for path in folder.glob("*.md"):
            m = VERSION.match(path.stem)
            if (m and m.group(1) == name) or path.stem == name:
                candidates.append((m.group(2) if m else "", path))
    if not candidates:
        raise LawError(f"{corpus / stem}：法规库中没有这部法律的文本（laws.yaml 的 source 是否写错？）")
    return max(candidates)[1]


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _clean(line: str) -> str:
    return CIRCLE_ZERO.sub("〇", line.strip().strip("\u3000"))


def parse_history(lines: list[tuple[int, str]], where: str) -> tuple[Event, ...]:
    """Dated lines start an event; undated lines continue the previous one (wrapped titles
    of amending decisions) or, before any date, repeat the law's title and are dropped."""
    events: list[list] = []
    for lineno, line in lines:
        m = DATE.match(line)
        if m:
            y, mo, d, rest = m.groups()
            events.append([f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", rest, lineno])
        elif events:
            events[-1][1] += line
    if not events:
        raise LawError(f"{where}：标题和 {INFO_END} 之间没有带日期的制定或修改记录")
    out = []
    for date, text, lineno in events:
        text = text.strip().strip("\u3000")
        # The source wraps the history in （…）; a lone closing bracket is left of it.
        if text.endswith("）") and text.count("）") > text.count("（"):
            text = text[:-1]
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise LawError(f"{where}:{lineno}：日期 {date} 不存在") from None
        out.append(Event(date, text))
    return tuple(out)


def parse_source(text: str, path: str, quotes_articles: bool = False) -> Source:
    """quotes_articles: an amendment quotes the articles it inserts (第一百二十三条 … inside
    its 第五十二条); an out-of-sequence number is then quoted text, not an article."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].startswith("# "):
        raise LawError(f"{path}:1：第一行应是「# 法律名称」")
    title = _clean(lines[0][2:])
    try:
        end = lines.index(INFO_END)
    except ValueError:
        raise LawError(f"{path}：缺少 {INFO_END}") from None
    history = parse_history([(i + 1, _clean(s)) for i, s in enumerate(lines[1:end], 1) if s.strip()], path)
    blocks: list[Block] = []
    chapter = ""
    seen: set[str] = set()
    last_number = 0
    for lineno, raw in enumerate(lines[end + 1 :], end + 2):
        line = _clean(raw)
        if not line or line == BREAK:
            continue
        where = f"{path}:{lineno}"
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            label = heading.group(2)
            part = PART.match(label)
            if part:
                head, rest = part.group(1), _compact(part.group(2))
                name = f"{head}\u3000{rest}" if rest else head
                if head.endswith("节"):
                    anchor = chapter + head
                else:
                    anchor = chapter = head
            else:
                name = anchor = _compact(label)
            if anchor in seen:
                raise LawError(f"{where}：标题「{name}」重复")
            seen.add(anchor)
            blocks.append(Block("part", name, anchor, level))
            continue
        article = ARTICLE.match(line)
        if article:
            anchor, number, suffix, body = article.groups()
            n = cn_number(number)
            if quotes_articles and last_number and not suffix and n != last_number + 1:
                blocks.append(Block("para", line))
                continue
            if anchor in seen:
                raise LawError(f"{where}：「{anchor}」重复")
            if not suffix and n != last_number + 1 and last_number:
                raise LawError(f"{where}：条文编号不连续（{anchor} 前一条是第 {last_number} 条）")
            last_number = n
            seen.add(anchor)
            blocks.append(Block("article", body, anchor, number=n))
            continue
        if not blocks and _compact(line) in _compact(title):
            continue  # the title repeated above the text
        blocks.append(Block("para", line))
    if not any(b.kind == "article" for b in blocks):
        raise LawError(f"{path}：没有找到任何条文（应以「第X条 」开头）")
    return Source(path, title, history, tuple(blocks))


def read_law(corpus: Path, spec: LawSpec) -> Law:
    sources = []
    for stem in spec.sources:
        path = latest_version(corpus, stem)
        rel = path.relative_to(corpus).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LawError(f"{rel}：无法读取（{exc}）") from None
        for fix in (c for c in spec.corrections if c.source == stem):
            found = text.count(fix.find)
            if found != 1:
                raise LawError(f"{rel}：校正「{fix.find}」应出现一次，实际 {found} 次（法规库是否已更新？）")
            text = text.replace(fix.find, fix.replace)
        sources.append(parse_source(text, rel, quotes_articles=spec.combined))
    if not spec.combined:
        (src,) = sources
        return Law(spec, spec.title or src.title, src.history, src.blocks, (src.path,))
    # Constitutional amendments: one page, one part per amendment, articles numbered on
    # across amendments as adopted (第一条 … 第五十二条), so anchors stay unique.
    blocks: list[Block] = []
    history: list[Event] = []
    for src in sources:
        year = re.search(r"（(\d{4})年）", src.title)
        anchor = f"{year.group(1)}年修正案" if year else _compact(src.title)
        blocks.append(Block("part", src.title.replace("中华人民共和国", ""), anchor, 2))
        blocks.extend(src.blocks)
        history.extend(src.history)
    numbers = [b.anchor for b in blocks if b.kind == "article"]
    if len(set(numbers)) != len(numbers):
        raise LawError(f"{spec.slug}：各修正案的条文编号重复")
    return Law(spec, spec.title, tuple(history), tuple(blocks), tuple(s.path for s in sources))


# ---- writing ---------------------------------------------------------------------------


def escape(text: str) -> str:
    """Law text as literal Markdown: characters Markdown would read as markup escaped."""
    text = MD_SPECIAL.sub(r"\\\1", text)
    return MD_LEADING.sub(lambda m: (m.group(1) + "\\" + m.group(2)) if m.group(1) else "\\" + m.group(3), text)


def chinese_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _toc(law: Law) -> list[str]:
    """目录: parts with the range of their articles."""
    entries: list[list] = []  # [level, name, anchor, first, last]
    for b in law.blocks:
        if b.kind == "part":
            entries.append([b.level, b.text, b.anchor, "", ""])
        elif b.kind == "article":
            # every enclosing part (the current 章 and 节) gets this article
            for e in reversed(entries):
                e[3] = e[3] or b.anchor
                e[4] = b.anchor
                if e[0] == 2:
                    break
    lines = []
    for level, name, anchor, first, last in entries:
        span = "" if not first else (f"（{first}）" if first == last else f"（{first}至{last}）")
        lines.append("    " * (level - 2) + f"- [{name}](#{anchor}){span}")
    return lines


def render(law: Law) -> str:
    spec = law.spec
    meta = {
        "title": law.title,
        "short_title": spec.short,
        "aliases": list(spec.aliases),
        "description": f"{spec.short}（{law.title}）现行文本，{chinese_date(law.version_date)}版",
        "version_date": law.version_date,
        "history": [{"date": e.date, "event": e.text} for e in law.history],
        "source": list(law.sources) if len(law.sources) > 1 else law.sources[0],
        "tags": ["法律法规"],
        # Reference text: a general query (委员会) should list the study pages before the
        # hundreds of articles that contain it; a law's own name still finds it first.
        "search": {"boost": 0.3},
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    out = ["---", front.rstrip("\n"), "---", GENERATED, "", f"# {law.title}", ""]
    out += ['!!! info "制定和修改情况"', ""]
    out += [f"    - {chinese_date(e.date)}　{escape(e.text)}" for e in law.history]
    out.append("")
    toc = _toc(law)
    if toc:
        out += ['??? abstract "目录"', ""] + ["    " + line for line in toc] + [""]
    for b in law.blocks:
        if b.kind == "part":
            out += [f"{'#' * b.level} {b.text} {{#{b.anchor}}}", ""]
        elif b.kind == "article":
            out += [f"**{b.anchor}**\u3000{escape(b.text)}", f"{{: #{b.anchor} .law-article }}", ""]
        else:
            out += [escape(b.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_index(laws: list[Law]) -> str:
    # Three columns: the table still fits a phone's width.
    rows = ["| 法律（简称） | 现行文本 | 条文 |", "| --- | --- | --- |"]
    for law in laws:
        rows.append(
            f"| [{law.title}]({law.spec.slug}.md)（{law.spec.short}） | "
            f"{chinese_date(law.version_date)} | {law.articles} 条 |"
        )
    return "\n".join(
        [
            "---",
            "title: 法律法规",
            "description: 宪法和人民代表大会制度方面的法律（现行文本）",
            "---",
            GENERATED,
            "",
            "# 法律法规",
            "",
            "本栏目收录宪法及其修正案和有关人民代表大会制度的法律的现行文本，供学习时查阅。"
            "每一条都可以单独链接，例如[宪法第五十七条](constitution.md#第五十七条)。"
            "每部法律页面开头列出制定和历次修改的情况，并附目录。",
            "",
            *rows,
            "",
            "文本取自国家法律法规数据库整理的公开文本；引用时请以全国人民代表大会常务委员会公报刊登的标准文本为准。",
            "",
        ]
    )


def write_if_changed(path: Path, text: str) -> bool:
    """Atomic write (temporary file, then rename); False when the text is unchanged."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; pages are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def build_pages(corpus: Path, specs: tuple[LawSpec, ...]) -> dict[str, str]:
    """{file name: page text} for every law and the index; raises LawError on bad input."""
    laws = [read_law(corpus, spec) for spec in specs]
    pages = {f"{law.spec.slug}.md": render(law) for law in laws}
    pages["index.md"] = render_index(laws)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m studysite.laws", description="从法规库导入法律法规栏目的页面（docs/laws/）"
    )
    parser.add_argument("--corpus", default="../shared/corpus/laws", help="法规库文件夹（默认 ../shared/corpus/laws）")
    parser.add_argument("--out", default="docs/laws", help="输出文件夹（默认 docs/laws）")
    parser.add_argument("--config", default=str(CONFIG), help="收录哪些法律（默认 studysite/laws.yaml）")
    parser.add_argument("--check", action="store_true", help="只检查页面是否为最新，不写文件；有变化时退出码为 1")
    args = parser.parse_args(argv)
    corpus, out = Path(args.corpus), Path(args.out)
    if not corpus.is_dir():
        print(f"{corpus}：法规库文件夹不存在", file=sys.stderr)
        return 2
    try:
        pages = build_pages(corpus, load_specs(Path(args.config)))
    except LawError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        print(f"{args.config}：收录清单无法读取（{exc}）", file=sys.stderr)
        return 2
    stale = [
        name
        for name, text in pages.items()
        if not (out / name).exists() or (out / name).read_text(encoding="utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"{out / name}：与法规库不一致，请运行 python -m studysite.laws", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        write_if_changed(out / name, pages[name])
    print(f"法律法规：{len(pages) - 1} 部法律，更新 {len(stale)} 个页面（{out}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
