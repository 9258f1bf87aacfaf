"""Chinese search: jieba segmentation that cannot silently switch off, the terminology
packs' words and aliases, and a compact search index.

Material segments Chinese with jieba only when `import jieba` works, and the browser
splits the index with the separator of the theme language; if either is missing, whole
clauses become single tokens and search quietly stops finding words. This hook refuses
to build in that case. It adds the packs' standard terms to jieba's dictionary, adds an
`alias` field so that short forms (常委会) find pages that only use the long name and
parts of compound words find the compound, and rewrites the index as plain UTF-8 without
redundant separators (the default writes every Chinese character as a 6-byte escape).
"""
from __future__ import annotations

import json
import logging
import os
import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import _review

log = logging.getLogger("mkdocs.hooks.search_index")
ZWSP = "\u200b"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LONG_TOKEN = 12  # jieba never emits Han tokens this long unless segmentation is off
SEGMENTED_SHARE = 0.9  # share of Han characters that must sit in short tokens

_state: dict = {"aliases": {}, "words": frozenset()}


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
        import jieba
        from material.plugins.search import plugin as search_module
    except ImportError as exc:
        raise PluginError(f"无法导入 jieba（{exc}）：没有分词，中文搜索会失效，拒绝构建。") from exc
    if getattr(search_module, "jieba", None) is None:
        raise PluginError("Material 的搜索插件没有加载 jieba：中文搜索会失效，拒绝构建。")
    from review.api import search_terms

    terms = search_terms(_review.rules(_review.project_root(config)))
    jieba.setLogLevel(logging.WARNING)
    for word in terms.words:
        jieba.add_word(word)
    _state["words"] = frozenset(terms.words)
    _state["aliases"] = {long: tuple(short) for long, short in terms.aliases.items()}
    return config


COMMON = 1000  # jieba frequency of a word a reader would type; rarer windows are noise


def _subwords(token: str, freq, words) -> list[str]:
    """The common words inside a compound token (like jieba's search mode, without the
    chance fragments such as 察院 in 检察院), plus the packs' terms."""
    found = []
    for size in (2, 3, 4):
        for i in range(len(token) - size + 1):
            part = token[i:i + size]
            if part != token and (freq.get(part, 0) >= COMMON or part in words):
                found.append(part)
    return found


def alias_field(title: str, text: str, aliases: dict, freq, words=frozenset()) -> str:
    """Extra search terms of one index entry: short forms of long names it contains, and
    the words inside its compound tokens (so that 人大 finds 市人大常委会)."""
    body = title + ZWSP + text
    tokens = set(body.split(ZWSP))
    extra: dict[str, None] = {}
    for long, shorts in aliases.items():
        if long in body:
            extra.update(dict.fromkeys(shorts))
    for token in tokens:
        if len(token) >= 3 and HAN.fullmatch(token):
            extra.update(dict.fromkeys(_subwords(token, freq, words)))
    return " ".join(w for w in extra if w not in tokens)


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


_SPACE_AROUND = re.compile(r"\u200b*([\s\u3000、。，．？！；：“”‘’《》（）<>]+)\u200b*")


def compact(text: str) -> str:
    """Drop separators that touch punctuation the browser's separator already splits on."""
    text = _SPACE_AROUND.sub(r"\1", text)
    return re.sub(r"\u200b{2,}", ZWSP, text)


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(*, config):
    _search_plugin(config)
    path = os.path.join(config.site_dir, "search", "search_index.json")
    with open(path, encoding="utf-8") as f:
        index = json.load(f)
    separator = index["config"]["separator"]
    if not re.compile(separator).fullmatch(ZWSP):
        raise PluginError(f"搜索分隔符 {separator} 不拆分 U+200B：jieba 的分词结果会被浏览器当作一个词。")
    total, long = check_segmented(index["docs"], separator)
    if total and (total - long) / total < SEGMENTED_SHARE:
        raise PluginError(
            f"搜索索引没有分词：{long}/{total} 个汉字处在长度 ≥{LONG_TOKEN} 的词中。"
            "请确认 jieba 已安装且 theme.language 为 zh。"
        )
    import jieba

    freq = jieba.dt.FREQ if jieba.dt.initialized else {}
    for doc in index["docs"]:
        doc["title"] = compact(doc["title"])
        doc["text"] = compact(doc["text"])
        extra = alias_field(doc["title"], doc["text"], _state["aliases"], freq, _state["words"])
        if extra:
            doc["alias"] = extra
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(data)
    log.info("搜索索引 %.1f MB，%d 条，分词正常（%d 个汉字）", len(data.encode()) / 1e6,
             len(index["docs"]), total)
