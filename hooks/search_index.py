"""Chinese search: jieba segmentation that cannot silently switch off, the terminology
packs' words and aliases, and a compact search index.

Material segments Chinese with `jieba.cut` on its module attribute
`material.plugins.search.plugin.jieba` (set only when `import jieba` works), and the
browser splits the index with the separator of the theme language; if either is missing,
whole clauses become single tokens and search quietly stops finding words. This hook
refuses to build in that case, and checks the written index itself.

Segmentation: the hook replaces that attribute with a small segmenter backed by rjieba
(jieba-rs: the same dictionary and algorithm, the same tokens, about ten times faster;
jieba's Python implementation was about a quarter of the build). Without rjieba it uses
Python jieba itself. The packs' standard terms are added to the dictionary either way.

Size (every member's browser downloads the index on first search): the browser appends a
trailing wildcard to every query term (Material's `transform`), so a token is found by any
prefix of it. Hence
- single-character function words (的、和、在…) are attached to the word before them
  instead of being separate tokens: nobody searches them, and the word stays a prefix;
- separators next to punctuation the browser splits on anyway are dropped;
- the `alias` field holds short forms of long names (常委会) and the common words inside
  compound tokens (委员会 in 人民代表大会常务委员会), once per page on the page's entry
  (results are grouped by page), minus every entry that is already a prefix of a token or
  of another entry of that page, which a query finds anyway; words left out stay terms of
  the index somewhere, because the browser segments queries with those terms;
- the separator is written as U+034F (2 bytes) instead of U+200B (3 bytes), both never
  drawn by browsers (see SEPARATOR);
- the index is written as plain UTF-8 (the default escapes every Chinese character).
"""
from __future__ import annotations

import functools
import json
import logging
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _review

log = logging.getLogger("mkdocs.hooks.search_index")
ZWSP = "\u200b"  # Material's separator between jieba's tokens
# What the written index separates tokens with: U+034F COMBINING GRAPHEME JOINER, like
# U+200B a default-ignorable character that browsers never draw (result snippets look the
# same; tests/test_browser.py compares them), but 2 bytes in UTF-8 instead of 3. A plain
# space would cost 1 byte and show as a gap between Chinese words in every result.
SEPARATOR = "\u034f"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LONG_TOKEN = 12  # jieba never emits Han tokens this long unless segmentation is off
SEGMENTED_SHARE = 0.9  # share of Han characters that must sit in short tokens
COMMON = 1000  # jieba frequency of a word a reader would type; rarer windows are noise
# Single-character function words (particles, prepositions, conjunctions, adverbs,
# localizers, pronouns, modal verbs, the copula, word-forming suffixes): never what a
# member types, and attached to the preceding word they cost no separator while that
# word stays a prefix of the token, which is all the browser needs to find it.
FUNCTION_WORDS = frozenset(
    "的地得了着过所之等们"  # particles
    "在对把被由为从于向以按依据经将跟给比同让使"  # prepositions
    "和与及或并而且但则因如若"  # conjunctions
    "也都就才又还再仍已最更很较均不未没只皆共正"  # adverbs
    "中上下内外前后里间时"  # localizers
    "其此该各每这那它谁"  # pronouns
    "要能可应须需是有到好"  # modal verbs, copula, complements
    "化式性"  # suffixes
)

_state: dict = {"aliases": {}, "words": frozenset(), "segmenter": None}


class Segmenter:
    """What Material's search plugin calls as `jieba.cut(value.encode("utf-8"))`: jieba's
    tokens, with function words attached to the word before them."""

    def __init__(self, engine: str, cut, freq, add_word):
        self.engine = engine
        self._cut = cut
        self.freq = freq  # word -> dictionary frequency (0 when unknown)
        self._add_word = add_word
        self.bases: dict[str, str] = {}  # token with function words attached -> jieba's word

    def add_word(self, word: str) -> None:
        self._add_word(word)

    def cut(self, text, *_args, **_kwargs) -> list[str]:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return attach_function_words(self._cut(text), self.bases)

    def load_userdict(self, path) -> None:  # search.jieba_dict_user in mkdocs.yml
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    self.add_word(line.split()[0])

    def set_dictionary(self, path) -> None:
        raise PluginError("search.jieba_dict 不受支持：分词词典由审核规则包的术语生成（见 hooks/search_index.py）。")

    def __bool__(self) -> bool:
        return True


def attach_function_words(tokens, bases: dict[str, str] | None = None) -> list[str]:
    """jieba's tokens with each function word joined to the word before it; `bases`
    records the word each joined token started from."""
    out: list[str] = []
    base = ""
    for token in tokens:
        if token in FUNCTION_WORDS and out and HAN.fullmatch(out[-1][-1]):
            out[-1] += token
            if bases is not None:
                bases.setdefault(out[-1], base)
        else:
            out.append(token)
            base = token
    return out


def make_segmenter() -> Segmenter:
    """rjieba when installed, else Python jieba; PluginError when neither is."""
    try:
        import rjieba
    except ImportError:
        rjieba = None
    if rjieba is not None:
        jb = rjieba.Jieba()
        # suggest_freq of a dictionary word is its frequency (+1 for most words).
        return Segmenter("rjieba", lambda text: jb.cut(text, True),
                         lambda word: jb.suggest_freq(word) if jb.has_word(word) else 0,
                         lambda word: jb.add_word(word, None, None))
    try:
        import jieba
    except ImportError as exc:
        raise PluginError(f"无法导入 jieba 或 rjieba（{exc}）：没有分词，中文搜索会失效，拒绝构建。") from exc
    jieba.setLogLevel(logging.WARNING)

    def freq(word: str) -> int:
        jieba.dt.check_initialized()
        return jieba.dt.FREQ.get(word, 0)

    return Segmenter("jieba", jieba.cut, freq, jieba.add_word)


def _search_plugin(config):
    from material.plugins.search.plugin import SearchPlugin

    plugin = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    if plugin is None:
        raise PluginError("缺少 material/search 插件：站内搜索是必需的（注意覆盖配置中的 plugins 列表会整体替换）。")
    return plugin


@event_priority(50)  # before the search plugin reads its configuration
def on_config(config):
    _search_plugin(config)
    if config.theme["language"] != "zh":
        raise PluginError(f"theme.language 为「{config.theme['language']}」：中文搜索要求 zh，否则索引不分词。")
    try:
        import jieba  # noqa: F401  (Material segments only when this import works)
        from material.plugins.search import plugin as search_module
    except ImportError as exc:
        raise PluginError(f"无法导入 jieba（{exc}）：没有分词，中文搜索会失效，拒绝构建。") from exc
    if getattr(search_module, "jieba", None) is None:
        raise PluginError("Material 的搜索插件没有加载 jieba：中文搜索会失效，拒绝构建。")
    from review.api import search_terms

    terms = search_terms(_review.rules(_review.project_root(config)))
    segmenter = _state["segmenter"] or make_segmenter()  # once per process (serve rebuilds)
    for word in terms.words:
        segmenter.add_word(word)
    search_module.jieba = segmenter
    _state.update(segmenter=segmenter, words=frozenset(terms.words),
                  aliases={long: tuple(short) for long, short in terms.aliases.items()})
    _subwords.cache_clear()
    return config


@functools.lru_cache(maxsize=None)
def _subwords(token: str) -> tuple[str, ...]:
    """The common words inside a compound token (like jieba's search mode, without the
    chance fragments such as 察院 in 检察院), plus the packs' terms."""
    segmenter, words = _state["segmenter"], _state["words"]
    token = segmenter.bases.get(token, token)  # function words attached are not part of it
    freq = segmenter.freq
    found = []
    for size in (2, 3, 4):
        for i in range(len(token) - size + 1):
            part = token[i:i + size]
            if part != token and (part in words or freq(part) >= COMMON):
                found.append(part)
    return tuple(found)


def tokens_of(doc: dict, split: re.Pattern) -> set[str]:
    """The terms the browser indexes for an entry's title and text (tags stand apart)."""
    return set(split.split(TAG.sub(ZWSP, doc["title"] + ZWSP + doc["text"])))


def alias_field(docs: list[dict], aliases: dict, split: re.Pattern) -> tuple[list[str], list[str]]:
    """Extra search terms of one page (all its entries): short forms of long names it
    contains, and the words inside its compound tokens (so that 人大 finds 市人大常委会),
    without those that are a prefix of one of its tokens or of another entry, which the
    browser's trailing wildcard finds anyway. Results are grouped by page, so the page
    entry carries them once instead of every section repeating them.

    Also returns the words left out here (and the words that function words were attached
    to): the browser segments a query with the terms of the whole index, so each of them
    must stay a term somewhere (see `anchor`)."""
    body = "\n".join(d["title"] + "\n" + d["text"] for d in docs).replace(SEPARATOR, "").replace(ZWSP, "")
    tokens = set().union(*(tokens_of(d, split) for d in docs))
    extra: dict[str, None] = {}
    for long, shorts in aliases.items():
        if long in body:
            extra.update(dict.fromkeys(shorts))
    for token in tokens:
        if len(token) >= 3 and HAN.fullmatch(token):
            extra.update(dict.fromkeys(_subwords(token)))
            # Material splits a Chinese query by the index's terms but never looks up the
            # whole query (its loop stops one character short), so 全过程人民民主 was searched
            # as 全过程*, 人民*, 民主* and pages that only say 人民 ranked first. With every
            # long term minus its last character in the index (once: see `anchor`), the split
            # keeps such a query whole and the trailing wildcard finds the term itself.
            extra[token[:-1]] = None
    terms = sorted(tokens.union(extra))
    # In sorted order, a string's extensions follow it directly: keep an entry only when
    # the next term does not start with it.
    covered = {a for a, b in zip(terms, terms[1:]) if b.startswith(a)}
    kept = [w for w in extra if w not in tokens and w not in covered]
    left = [w for w in extra if w in covered and w not in tokens]
    bases = _state["segmenter"].bases
    joined = [t for t in tokens if t in bases]
    left += sorted({bases[t] for t in joined}.union(*(t[len(bases[t]):] for t in joined)))
    return kept, left


def anchor(pages: list[tuple[list[str], list[str]]], vocabulary: set[str]) -> None:
    """Keep every word left out of a page's alias a term of the index: Material segments a
    Chinese query greedily by the index's terms (检察院 is searched as 检察* when 检察 is a
    term), so dropping a term everywhere would change what other queries find. The word
    goes back to the first page that left it out, where a prefix covers it anyway."""
    for kept, left in pages:
        for word in left:
            if word not in vocabulary:
                kept.append(word)
                vocabulary.add(word)


def pages_of(docs: list[dict]) -> dict[str, list[dict]]:
    """Index entries grouped by page; the page entry (no #anchor) first, as Material writes it."""
    pages: dict[str, list[dict]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    return pages


def check_segmented(docs: list[dict], separator: str) -> tuple[int, int]:
    """Han characters in all, and in tokens too long to be words, after splitting with the
    browser's separator."""
    split = re.compile(separator)
    total = long = 0
    for doc in docs:
        for field in ("title", "text"):
            for token in split.split(doc.get(field, "")):
                for run in HAN.findall(token):
                    total += len(run)
                    if len(run) >= LONG_TOKEN:
                        long += len(run)
    return total, long


# Punctuation next to which a separator is redundant when the browser's separator
# (mkdocs.yml) splits on it; an overlay with Material's default separator splits on less.
PUNCTUATION = "\u3000、。，．？！；：“”‘’《》（）「」『』【】〈〉…—·"
TAG = re.compile(r"<[^>]*>")


def compacter(split: re.Pattern):
    """The rewrite of a title or text for the browser's separator `split`: separators that
    touch whitespace, tags or punctuation it splits on are dropped, the others are written
    as SEPARATOR when it splits that too (else they stay U+200B)."""
    punct = "".join(c for c in PUNCTUATION if split.fullmatch(c))
    around = re.compile("\u200b*([\\s<>" + re.escape(punct) + "]+)\u200b*")
    mark = SEPARATOR if split.fullmatch(SEPARATOR) else ZWSP
    run = re.compile("\u200b+")

    def compact(text: str) -> str:
        return run.sub(mark, around.sub(r"\1", text))

    return compact, mark


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(*, config):
    _search_plugin(config)
    path = os.path.join(config.site_dir, "search", "search_index.json")
    with open(path, encoding="utf-8") as f:
        index = json.load(f)
    separator = index["config"]["separator"]
    split = re.compile(separator)
    if not split.fullmatch(ZWSP):
        raise PluginError(f"搜索分隔符 {separator} 不拆分 U+200B：jieba 的分词结果会被浏览器当作一个词。")
    compact, mark = compacter(split)
    total, long = check_segmented(index["docs"], separator)
    if total and (total - long) / total < SEGMENTED_SHARE:
        raise PluginError(
            f"搜索索引没有分词：{long}/{total} 个汉字处在长度 ≥{LONG_TOKEN} 的词中。"
            "请确认 jieba 已安装且 theme.language 为 zh。"
        )
    for doc in index["docs"]:
        doc["title"] = compact(doc["title"])
        doc["text"] = compact(doc["text"])
    vocabulary: set[str] = set()
    for doc in index["docs"]:
        vocabulary |= tokens_of(doc, split)
        for tag in doc.get("tags", ()):
            vocabulary.update(split.split(tag))
    pages = []
    for location, docs in pages_of(index["docs"]).items():
        if docs[0]["location"] == location:  # else no page entry (excluded from search)
            kept, left = alias_field(docs, _state["aliases"], split)
            vocabulary.update(kept)
            pages.append((docs[0], kept, left))
    anchor([(kept, left) for _, kept, left in pages], vocabulary)
    for page, kept, _ in pages:
        if kept:
            page["alias"] = " ".join(kept)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)
    log.info("搜索索引 %.1f MB，%d 条，分词正常（%s，%d 个汉字，分隔符 U+%04X）", len(data.encode()) / 1e6,
             len(index["docs"]), _state["segmenter"].engine, total, ord(mark))
