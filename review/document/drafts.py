"""Whether a page is a draft, decided once on the metadata MkDocs parsed: the site build
(studysite/drafts.py) and the review command call the same function, so a flag the build
refuses as ambiguous is a `metadata` error in the editor's hook too.

A draft says `draft` with a YAML 1.1 true value (`true`, `yes`, `on`, any case). Anything
that could mean a draft but does not say it plainly is ambiguous: a string (`"true"`), a
number, an empty value, a key that reads `draft` only after folding case, width or invisible
characters (`Draft`, `Dra\u200bft`), a repeated key."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import unquote

import yaml

DRAFT_DIR = "drafts"
DRAFT_WORD = re.compile(r"d\W*r\W*a\W*f\W*t", re.I)


class Decision(NamedTuple):
    src_uri: str
    draft: bool
    error: str | None = None  # Chinese, names the file; the build stops


def folded(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def in_draft_folder(src_uri: str) -> bool:
    return any(folded(part) == DRAFT_DIR for part in src_uri.split("/")[:-1])


def is_draft_key(key: object) -> bool:
    """A key that reads `draft` once case, width and invisible characters are folded."""
    return isinstance(key, str) and bool(DRAFT_WORD.fullmatch(folded(key)))


def draft_flag(meta: dict, yaml_text: str | None) -> tuple[bool, str | None]:
    """(draft, why it is ambiguous) from the metadata MkDocs loaded (`page.meta`) and the
    YAML it was loaded from (for repeated keys, which a dict no longer shows)."""
    odd = [k for k in meta if is_draft_key(k) and k != "draft"]
    if odd:
        return False, (
            f"front matter 的键「{_shown(odd[0])}」像是 draft，但写法不对；草稿请写 draft: true，已定稿请删除这一行"
        )
    if yaml_text is not None and _repeated_draft(yaml_text):
        return False, "front matter 写了不止一个 draft 键，无法确定是否为草稿"
    if "draft" not in meta:
        return False, None
    value = meta["draft"]
    if value is True or value is False:
        return value, None
    if value is None:
        return False, "draft 没有填写值，含义不明确：草稿请写 draft: true，已定稿请写 draft: false 或删除"
    return False, (
        f"draft 的值「{value}」含义不明确（{type(value).__name__}），"
        "草稿请写 draft: true（不加引号），已定稿请写 draft: false 或删除"
    )


def _shown(key: str) -> str:
    """The key with its invisible characters spelled out (the editor cannot see them)."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Cc", "Mn") else c for c in key)


def check_meta(src_uri: str, meta: dict, yaml_text: str | None) -> Decision:
    draft, why = draft_flag(meta, yaml_text)
    return Decision(src_uri, draft, f"{src_uri}：{why}" if why else None)


def _repeated_draft(yaml_text: str) -> bool:
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode):
        return False
    names = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    return sum(1 for n in names if is_draft_key(str(n))) > 1


# ---- a linked page: is it a draft? (the review's cross-file check) -------------------------

HEAD_BYTES = 8192  # front matter is short: most pages decide on their first block


def docs_root(folder: str) -> str | None:
    """The docs folder a page lives in: the nearest ancestor (or the folder itself) whose
    parent holds mkdocs.yml and that is named by it as docs_dir (default `docs`)."""
    folder = os.path.abspath(folder)
    while True:
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        if os.path.basename(folder) == "docs" and any(
            os.path.isfile(os.path.join(parent, n)) for n in ("mkdocs.yml", "mkdocs.yaml")
        ):
            return folder
        folder = parent


@functools.lru_cache(maxsize=4096)
def file_is_draft(abs_path: str, stamp: tuple[int, int], rel: str) -> bool:
    """Whether the page at `abs_path` (`rel` from the docs folder) is a draft, by the same
    decision as the build: a drafts folder, or front matter with a true `draft`. `stamp`
    (mtime, size) keys the cache, so an edited file is read again."""
    if in_draft_folder(rel):
        return True
    from . import frontmatter as fm_reader

    try:
        with open(abs_path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
            text = head.decode("utf-8-sig", errors="replace")
            fm = fm_reader.find(text)
            if fm is not None and not fm.closed and len(head) == HEAD_BYTES:
                text = (head + fh.read()).decode("utf-8-sig", errors="replace")  # a long front matter
                fm = fm_reader.find(text)
    except OSError:
        return False
    if fm is None or not fm.closed or not DRAFT_WORD.search(fm.text):
        return False  # no draft key: nothing to load
    draft, _ = draft_flag(fm_reader.data(fm), fm.text)
    return draft


def linked_draft(page_path: str, url: str) -> str | None:
    """The docs-relative path of the draft a relative Markdown link leads to, or None."""
    target = url.split("#", 1)[0].split("?", 1)[0].strip()
    if not target or target.startswith("/") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
        return None
    target = unquote(target)
    if not target.lower().endswith((".md", ".markdown")):
        return None
    folder = os.path.dirname(os.path.abspath(page_path))
    root = docs_root(folder)
    path = os.path.normpath(os.path.join(folder, target))
    if root is None or os.path.commonpath([path, root]) != root:
        return None  # outside the docs folder: not a page of the site
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    try:
        st = os.stat(path)
    except OSError:
        return None  # a missing page is MkDocs' own warning, not a draft
    return rel if file_is_draft(path, (st.st_mtime_ns, st.st_size), rel) else None
