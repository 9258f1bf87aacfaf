"""CSS read with tinycss2, so that escapes (`\\673A`) are decoded and comments dropped: the
walk over a style sheet's nodes (shared by the URL audit and the site's output review) and
what a reader sees of a page's CSS, its generated content (`content: "…"` in a <style>
block). Imported only for pages that have CSS."""

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


def walk(css: str, *, declarations: bool = False):
    """Every node of a style sheet (or, with `declarations`, of a `style` attribute's
    declarations), depth first in document order: rules with their preludes and contents,
    declarations, function arguments, blocks and the tokens inside them."""
    import tinycss2

    nodes = (
        tinycss2.parse_blocks_contents(css)
        if declarations
        else tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    )
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        kind = getattr(node, "type", "")
        children: list = []
        if kind in ("qualified-rule", "at-rule"):
            children = list(node.prelude or ())
            if node.content:
                children += tinycss2.parse_blocks_contents(node.content)
        elif kind == "declaration":
            children = list(node.value)
        elif kind == "function":
            children = list(node.arguments or ())
        elif kind in ("() block", "[] block", "{} block"):
            children = list(node.content)
        stack.extend(reversed(children))
