"""What a reader sees of a page's CSS: generated content (`content: "…"` in a <style>
block), read with tinycss2 so that escapes (`\\673A`) are decoded and comments dropped.
Imported only for pages that have a <style> block with `content`."""

from __future__ import annotations

import re

STYLE_BLOCK = re.compile(r"(?is)<style(?![\w-])[^>]*>(.*?)</style\s*>")


def style_blocks(markup: str) -> list[tuple[int, int, str]]:
    """(start, end, shown text) of each <style> block's content that generates text."""
    out = []
    for m in STYLE_BLOCK.finditer(markup):
        css = m.group(1)
        if "content" not in css.lower():
            continue
        shown = generated_content(css)
        if shown:
            out.append((m.start(1), m.end(1), "\n".join(shown)))
    return out


def generated_content(css: str) -> list[str]:
    """The text of every `content` declaration, in order."""
    import tinycss2

    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        blocks = []
        if rule.type == "qualified-rule":
            blocks.append(rule.content)
        elif rule.type == "at-rule" and rule.content:  # @media, @supports
            nested = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            blocks += [r.content for r in nested if r.type == "qualified-rule"]
        for content in blocks:
            for decl in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
                if decl.type == "declaration" and decl.lower_name == "content":
                    # The browser shows a declaration's strings one after another, unseparated.
                    shown = "".join(t.value for t in decl.value if t.type == "string")
                    if shown.strip():
                        out.append(shown)
    return out
