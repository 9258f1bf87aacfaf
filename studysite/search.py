"""The reader's search: a static index sharded by the first two characters of each term,
so a query loads only the few small files it needs (issue 14).

Build side (this module, called by hooks/search_index.py):
- each page's rendered body is cut into parts of a bounded size (sections, long sections
  split at paragraphs); every part is one small fragment file the browser loads to show a
  result's title and snippet;
- each part is segmented by rjieba in jieba's *search mode*, which also yields the
  dictionary words inside a compound (编码 in 邮政编码, 委员会 in 人民代表大会常务委员会):
  a reader's part-word is an index term in its own right, no list of compounds needed;
- the packs' short forms of long names (常委会 for 人民代表大会常务委员会) and a page's
  front-matter `aliases:` are indexed as terms of the page;
- a term's postings are (part, weight) pairs, weight a BM25-style saturation of the boosted
  term frequency (title and headings count more), kept highest first and cut at TOP, so a
  term's file stays the same size however large the archive grows;
- terms are grouped by their first two characters, and those groups hashed (FNV-1a) into
  shard files of about SHARD_BYTES each (`search/t/<n>.json`; their number is in
  `search/meta.json`): the browser fetches the shard of each position of a query (longest
  term first), never the whole vocabulary, and the build writes hundreds of files instead of
  one per two-character prefix (opening files was the largest cost of indexing).

Client side: overrides/assets/javascripts/site-search.js (Material's header search box,
results with highlighted snippets, no request to any other host).
"""

from __future__ import annotations

import html as htmlmod
import json
import os
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field

INDEX_DIR = "search"  # under site_dir
FORMAT = 2
PART_CHARS = 1500  # a fragment holds at most about this many characters (about 4.5 KB)
MAX_PARTS = 250  # parts per page; longer pages get longer parts
TOP = 120  # postings kept per term, best first: what a first page of results needs
SHARD_BYTES = 16_000  # about this much per shard file, however large the archive
TITLE_BOOST = 8
HEADING_BOOST = 3
ALIAS_BOOST = 8
K1, B, AVG_CHARS = 1.2, 0.75, 800.0

# Characters no reader sees but a copy would carry (format characters such as U+200B and
# U+FEFF, and U+034F, a combining mark that is default-ignorable): never indexed or shown.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]"
)
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
# A law's article: a paragraph whose id is its number (studysite/laws.py writes them), so a
# search for 代表法第七条 lands on that article, not on the top of the law.
ARTICLE = re.compile(r"""<p\b[^>]*\bid="(第[^"<>]{1,12}条(?:之[一二三四五六七八九十]+)?)"[^>]*>""")
ARTICLE_NUMBER = re.compile(r"第[^\s]{1,12}条(?:之[一二三四五六七八九十]+)?")
SECTION_START = re.compile(HEADING.pattern + "|" + ARTICLE.pattern, re.S | re.I)
ID_ATTR = re.compile(r"""\bid=(["'])(.*?)\1""")
HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S)
DROP = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>", re.S | re.I)
BLOCK = re.compile(
    r"</?(?:p|div|li|ul|ol|tr|td|th|table|br|blockquote|pre|dd|dt|dl|details|summary|section|article)\b[^>]*>", re.I
)
TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"[ \t\r\f\v\u3000]+")
LINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Part:
    """A bounded piece of a page: what one search result shows."""

    anchor: str  # "" for the top of the page, else a heading id
    heading: str  # the section heading ("" at the top)
    text: str


@dataclass(frozen=True)
class PageDoc:
    url: str
    title: str
    parts: tuple[Part, ...]
    aliases: tuple[str, ...] = ()
    boost: float = 1.0  # front matter `search: {boost: …}`, Material's own key


def clean(text: str) -> str:
    """Plain, visible text: NFC, no invisible characters, single spaces."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return SPACES.sub(" ", text)


def plain(fragment: str) -> str:
    """The visible text of an HTML fragment, paragraphs on their own lines."""
    text = DROP.sub("", HEADERLINK.sub("", fragment))
    text = TAG.sub("", BLOCK.sub("\n", text))
    return LINES.sub("\n", clean(htmlmod.unescape(text))).strip()


def sections(body: str) -> list[Part]:
    """The page body split at its headings: (anchor, heading, text), the h1 dropped (it is
    the title)."""
    out: list[Part] = []
    anchor, heading, start = "", "", 0
    for match in SECTION_START.finditer(body):
        text = plain(body[start : match.start()])
        if text or heading:
            out.append(Part(anchor, heading, text))
        level, attrs, inner, article = match.groups()
        if article:
            anchor = heading = article
        else:
            found = ID_ATTR.search(attrs)
            anchor = found.group(2) if found and level != "1" else ""
            heading = plain(inner) if level != "1" else ""
        start = match.end()
    text = plain(body[start:])
    if text or heading:
        out.append(Part(anchor, heading, text))
    return out


def split_parts(secs: list[Part], limit: int = PART_CHARS, articles: bool = True) -> tuple[Part, ...]:
    """Sections merged while they fit in `limit` characters, long ones cut at paragraphs
    (a cut part keeps its section's anchor and heading). A law's articles stay parts of
    their own (a result lands on the article) while the page has room for them."""
    if articles:
        parts = split_parts(secs, limit, articles=False) if len(secs) > MAX_PARTS else None
        if parts is None:
            separate = _split(secs, limit, keep=_is_article)
            return separate if len(separate) <= MAX_PARTS else split_parts(secs, limit, articles=False)
        return parts
    return _split(secs, limit, keep=lambda part: False)


def _is_article(part: Part) -> bool:
    return bool(part.anchor) and part.anchor == part.heading and ARTICLE_NUMBER.fullmatch(part.anchor) is not None


def _split(secs: list[Part], limit: int, keep) -> tuple[Part, ...]:
    total = sum(len(s.text) for s in secs)
    limit = max(limit, total // MAX_PARTS + 1)
    parts: list[Part] = []
    for sec in secs:
        pieces, current = [], ""
        for para in sec.text.split("\n"):
            while len(para) > limit:  # one huge paragraph: cut it where it must be cut
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(para[:limit])
                para = para[limit:]
            if current and len(current) + len(para) + 1 > limit:
                pieces.append(current)
                current = para
            else:
                current = f"{current}\n{para}" if current else para
        pieces.append(current)
        for i, piece in enumerate(pieces):
            last = parts[-1] if parts else None
            alone = keep(sec) or (last is not None and keep(last))
            if i == 0 and last and not alone and len(last.text) + len(piece) + len(sec.heading) + 2 <= limit:
                # Small sections share a part (its anchor is the first one's).
                joined = "\n".join(x for x in (last.text, sec.heading, piece) if x)
                parts[-1] = Part(last.anchor, last.heading, joined)
            else:
                parts.append(Part(sec.anchor, sec.heading, piece))
    return tuple(parts) or (Part("", "", ""),)


def page_doc(url: str, title: str, body_html: str, aliases=(), boost: float = 1.0) -> PageDoc:
    names = tuple(dict.fromkeys(clean(str(a)).strip() for a in aliases if str(a).strip()))
    return PageDoc(url, clean(title).strip(), split_parts(sections(body_html)), names, boost)


def front_matter_boost(meta: dict) -> float:
    """`search: {boost: 0.3}` as Material reads it: a page's weight in the results (the law
    pages are long and contain every word; a reader wants the study page first)."""
    search = meta.get("search")
    value = search.get("boost") if isinstance(search, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else 1.0


def front_matter_aliases(meta: dict) -> tuple[str, ...]:
    """`aliases:` of a page's front matter: a list of names (or one name)."""
    value = meta.get("aliases") or ()
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v) for v in value if isinstance(v, (str, int)) and str(v).strip())


def terms(cut, text: str) -> list[str]:
    """Index terms of a text: jieba's search-mode tokens of two characters or more that
    begin or end with a letter, digit or Han character, lower-cased (the text is lowered
    once: Chinese has no case)."""
    return [t for t in cut(text.lower()) if len(t) >= 2 and (t[0].isalnum() or t[-1].isalnum())]


def weights(
    cut, doc: PageDoc, part_no: int, aliases: dict[str, tuple[str, ...]], shown_as: dict | None = None
) -> Counter:
    """Boosted term frequencies of one part; `shown_as` collects, for each short form
    indexed, the long names the browser highlights for it."""
    part = doc.parts[part_no]
    tf: Counter = Counter(terms(cut, part.text))
    for t in terms(cut, part.heading):
        tf[t] += HEADING_BOOST
    if part.anchor == part.heading and ARTICLE_NUMBER.fullmatch(part.heading):
        # An article: its whole number is a term (jieba splits 第一百零四条), and the law's
        # short names are found with it (代表法第七条).
        tf[part.heading] += HEADING_BOOST
        for name in doc.aliases:
            tf[name.lower()] += 1
    if part_no == 0:
        for t in terms(cut, doc.title):
            tf[t] += TITLE_BOOST
        # The whole title is a term too: a query that is a page's title ranks that page
        # first, ahead of pages whose longer titles contain it.
        if 2 <= len(doc.title) <= 40:
            tf[doc.title.lower()] += ALIAS_BOOST
        for name in doc.aliases:
            tf[name.lower()] += ALIAS_BOOST
            for t in terms(cut, name):
                tf[t] += 1
    body = part.heading + "\n" + part.text + ("\n" + doc.title if part_no == 0 else "")
    for long, shorts in aliases.items():
        count = body.count(long)
        if count:
            for short in shorts:
                tf[short.lower()] += count
                if shown_as is not None and short not in body:
                    shown_as.setdefault(short.lower(), set()).add(long)
    return tf


def saturate(tf: float, length: int) -> int:
    """BM25's term-frequency part, scaled to a small integer (the browser adds the IDF)."""
    norm = K1 * (1 - B + B * length / AVG_CHARS)
    return max(1, round(100 * tf * (K1 + 1) / (tf + norm)))


def shard_key(term: str) -> str:
    return term[:2]


def bucket(key: str, buckets: int) -> int:
    """The shard file of a two-character key: FNV-1a (32 bit) of its UTF-8, as the browser
    computes it (site-search.js)."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


@dataclass
class IndexBuilder:
    """Collects postings page by page (fragments are written as pages come, so memory
    holds postings only, as compact arrays) and writes the shards at the end."""

    out_dir: str
    cut: object  # text -> tokens, jieba's search mode
    aliases: dict = field(default_factory=dict)
    pages: int = 0
    parts: int = 0
    fragment_bytes: int = 0
    postings: dict = field(default_factory=dict)  # term -> array('i') of part id, weight, ...
    shown_as: dict = field(default_factory=dict)  # alias -> the long names it stands for

    def add(self, doc: PageDoc) -> None:
        page_id = self.pages
        self.pages += 1
        folder = os.path.join(self.out_dir, "f", str(page_id // 1000))
        os.makedirs(folder, exist_ok=True)
        for no, part in enumerate(doc.parts):
            part_id = page_id * 256 + no
            fragment = {
                "u": doc.url + (f"#{part.anchor}" if part.anchor else ""),
                "t": doc.title,
                "h": part.heading,
                "x": part.text,
            }
            data = json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            with open(os.path.join(folder, f"{part_id}.json"), "wb") as f:
                f.write(data)
            self.fragment_bytes += len(data)
            self.parts += 1
            length = len(part.text) + (len(doc.title) if no == 0 else 0)
            norm = K1 * (1 - B + B * length / AVG_CHARS)  # saturate(), inlined: the hot loop
            postings = self.postings
            # A page's boost lowers it for general words; a law article's own number and the
            # law's short names keep full weight there (宪法第五十七条 asks for that article).
            unboosted = {part.heading, *(a.lower() for a in doc.aliases)} if _is_article(part) else set()
            for term, tf in weights(self.cut, doc, no, self.aliases, self.shown_as).items():
                post = postings.get(term)
                if post is None:
                    post = postings[term] = array("i")
                post.append(part_id)
                boost = 1.0 if term in unboosted else doc.boost
                post.append(max(1, round(100 * tf * (K1 + 1) / (tf + norm) * boost)))

    def write(self) -> dict:
        """Write the shards and the index's meta file; returns figures for the log."""
        entries: dict[str, list] = {}
        size = 0
        for term, post in self.postings.items():
            pairs = sorted(zip(post[::2], post[1::2], strict=False), key=lambda p: (-p[1], p[0]))
            # df counts pages, as the browser ranks pages.
            df = len({p >> 8 for p, _ in pairs})
            flat = [x for pair in pairs[:TOP] for x in pair]
            entry = [df, flat]
            if term in self.shown_as:
                entry.append(sorted(self.shown_as[term]))
            entries[term] = entry
            size += 3 * len(term) + 7 * len(flat) + 12  # about its JSON
        buckets = max(1, -(-size // SHARD_BYTES))
        shards: dict[int, dict] = {}
        for term, entry in entries.items():
            shards.setdefault(bucket(shard_key(term), buckets), {})[term] = entry
        folder = os.path.join(self.out_dir, "t")
        os.makedirs(folder, exist_ok=True)
        shard_bytes = largest = 0
        for number, terms_of_shard in shards.items():
            data = json.dumps(terms_of_shard, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            with open(os.path.join(folder, f"{number}.json"), "wb") as f:
                f.write(data)
            shard_bytes += len(data)
            largest = max(largest, len(data))
        meta = {"format": FORMAT, "pages": self.pages, "parts": self.parts, "buckets": buckets}
        with open(os.path.join(self.out_dir, "meta.json"), "w", encoding="utf-8") as f:
            json.dump(meta, f)
        return {
            "pages": self.pages,
            "parts": self.parts,
            "terms": len(self.postings),
            "shards": len(shards),
            "shard_bytes": shard_bytes,
            "largest_shard": largest,
            "fragment_bytes": self.fragment_bytes,
        }


def make_cut(words=()):
    """jieba's search mode (rjieba, HMM on so names such as 刘文彬 stay whole), with extra
    dictionary words (the packs' terms)."""
    import rjieba

    jb = rjieba.Jieba()
    for word in words:
        jb.add_word(word, None, None)
    return lambda text: jb.cut_for_search(text, True)


def excluded(url: str, meta: dict, prefixes) -> bool:
    """Pages the reader's search leaves out: the editors' guide and rule reference,
    whole-section print pages (copies of other pages), `search: {exclude: true}`."""
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return True
    return any(url.startswith(p) for p in prefixes)


# Left out of the reader's search: the editors' guide with the generated rule reference,
# and the whole-section print page (a copy of the study pages).
EXCLUDE = ("guide/", "study/print/")


def missing_requirements(plugins) -> str | None:
    """Why this build cannot have a Chinese search (None when it can): Material's search
    plugin renders the header box; rjieba segments the pages."""
    from material.plugins.search.plugin import SearchPlugin

    if not any(isinstance(p, SearchPlugin) for p in plugins.values()):
        return "缺少 material/search 插件：站内搜索框由它提供（注意覆盖配置中的 plugins 列表会整体替换）。"
    try:
        import rjieba  # noqa: F401
    except ImportError as exc:
        return f"无法导入 rjieba（{exc}）：没有分词，中文搜索会失效，拒绝构建。"
    return None


def start(site_dir: str, words, aliases) -> IndexBuilder:
    """A new index for one build, written under site_dir (an old one removed)."""
    out = os.path.join(site_dir, INDEX_DIR)
    shutil.rmtree(out, ignore_errors=True)
    return IndexBuilder(out, make_cut(words), {k: tuple(v) for k, v in aliases.items()})


def add_page(index: IndexBuilder, url: str, title: str, html: str, meta: dict, listing: bool) -> None:
    """Index a rendered page unless the reader's search leaves it out (blog listings are
    excerpts of the posts)."""
    if not listing and not excluded(url, meta, EXCLUDE):
        index.add(page_doc(url, title, html, front_matter_aliases(meta), front_matter_boost(meta)))


def summary(figures: dict) -> str:
    return "搜索索引：{} 页，{} 段，{} 个词，{} 个分片（共 {:.2f} MB，最大 {:.0f} KB），片段 {:.2f} MB".format(
        figures["pages"],
        figures["parts"],
        figures["terms"],
        figures["shards"],
        figures["shard_bytes"] / 1e6,
        figures["largest_shard"] / 1e3,
        figures["fragment_bytes"] / 1e6,
    )
