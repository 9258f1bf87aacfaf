"""Tag order: Chinese tags by pinyin (as readers look them up), not by code point."""

from __future__ import annotations

import functools

from pypinyin import Style, lazy_pinyin


@functools.lru_cache(maxsize=4096)
def pinyin_key(text: str) -> tuple[str, str]:
    return (" ".join(lazy_pinyin(text, style=Style.TONE3)), text)


def tag_key(tag, *args) -> tuple[str, str]:
    """For the tags plugin's tags_sort_by / listings_tags_sort_by (called with a Tag)."""
    return pinyin_key(str(getattr(tag, "name", tag)))


def title_key(mapping) -> tuple[str, str]:
    """For listings_sort_by: pages under a tag ordered by the pinyin of their titles."""
    return pinyin_key(str(mapping.item.title))
