"""The gate and the `review` command must see the same files: other Markdown extensions,
upper-case extensions (MkDocs copies `.MD` verbatim), CR-only line endings, NUL bytes."""

from ._pages import page

D = "docs/hostile/"
VARIANTS = [
    dict(
        key="h-g01",
        about="a .markdown page (MkDocs renders it)",
        files={D + "h-g01.markdown": page("不一致一", "本件为机密★5年。")},
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli="report:secrecy",
        cli_dir=True,
    ),
    dict(
        key="h-g02",
        about="an upper-case .MD file (MkDocs copies it verbatim, comments and all)",
        files={D + "h-g02.MD": page("不一致二", "<!-- 批注：内部资料 -->\n\n正文。")},
        expect="refuse",
        reason=".MD",
        markers=["内部资料"],
        cli="report:secrecy",
        cli_dir=True,
    ),
    dict(
        key="h-g03",
        about="CR-only line endings: a fence the CLI sees as never closed, code a reader sees",
        files={D + "h-g03.md": page("不一致三", "```\n秘密★1年\n```\n\n正文。").replace("\n", "\r").encode()},
        expect="refuse",
        reason=("secrecy/", "metadata/"),
        markers=["秘密★1年"],
        cli="report:secrecy",
    ),
    dict(
        key="h-g04",
        about="a NUL byte in a page (the CLI refuses the file)",
        files={D + "h-g04.md": page("不一致四", "正文\x00。").encode()},
        expect="refuse",
        reason="NUL",
        markers=[],
        cli="refuse",
    ),
    dict(
        key="h-g05",
        about="a .mdown page with a phone number in a heading's attribute list",
        files={D + "h-g05.mdown": page("不一致五", '## 联系方式 {: title="13912345678" }\n\n正文。')},
        expect="refuse",
        reason="privacy/",
        markers=["13912345678"],
        cli="report:privacy",
        cli_dir=True,
    ),
]
