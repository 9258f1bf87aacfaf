"""Drafts published: the draft flag in other YAML spellings, values MkDocs cannot convert
(it then drops every key, the draft flag included), folders in another letter case, links
into drafts. Drafts that are excluded may build; ambiguous ones must be refused."""

from ._pages import page

D = "docs/hostile/"


def draft(title: str, canary: str, front: str) -> str:
    return f"---\n{front}---\n\n# {title}\n\n{canary}\n"


VARIANTS = [
    dict(
        key="h-d01",
        about="flow map with a quoted key and YAML 1.1 `yes`",
        files={D + "h-d01.md": draft("草稿一", "CANARYhd01", '{"draft": yes, title: 草稿一}\n')},
        expect="build",
        markers=["CANARYhd01"],
        cli=None,
    ),
    dict(
        key="h-d02",
        about="indented root mapping, CRLF line endings, `True` capitalised",
        files={
            D + "h-d02.md": draft("草稿二", "CANARYhd02", "  title: 草稿二\n  draft: True\n")
            .replace("\n", "\r\n")
            .encode()
        },
        expect="build",
        markers=["CANARYhd02"],
        cli=None,
    ),
    dict(
        key="h-d03",
        about="draft through an alias, after a key with a comment",
        files={D + "h-d03.md": draft("草稿三", "CANARYhd03", "title: 草稿三 # 标题\nx-flag: &no on\ndraft: *no\n")},
        expect="build",
        markers=["CANARYhd03"],
        cli=None,
    ),
    dict(
        key="h-d04",
        about="a quoted string value: ambiguous",
        files={D + "h-d04.md": draft("草稿四", "CANARYhd04", 'title: 草稿四\ndraft: "true"\n')},
        expect="refuse",
        reason="draft",
        markers=["CANARYhd04"],
        cli="report:metadata",
    ),
    dict(
        key="h-d05",
        about="key in another case with a zero-width space",
        files={D + "h-d05.md": draft("草稿五", "CANARYhd05", "title: 草稿五\nDra\u200bft: true\n")},
        expect="refuse",
        reason="draft",
        markers=["CANARYhd05"],
        cli="report:metadata",
    ),
    dict(
        key="h-d06",
        about="an impossible date: YAML accepts it, MkDocs drops all metadata",
        files={D + "h-d06.md": draft("草稿六", "CANARYhd06", "title: 草稿六\ndate: 2026-02-30\ndraft: true\n")},
        expect="refuse",
        reason="front matter",
        markers=["CANARYhd06"],
        cli="report:metadata",
    ),
    dict(
        key="h-d07",
        about="the closing fence ends the file without a newline (MkDocs reads no front matter)",
        files={D + "h-d07.md": "---\ntitle: 草稿七\ndraft: true\n---"},
        expect="refuse",
        reason="front matter",
        markers=["草稿七"],
        cli="report:metadata",
    ),
    dict(
        key="h-d08",
        about="a `DrAfts/` folder with a page, an image and a nested folder",
        files={
            "docs/DrAfts/h-d08.md": page("草稿八", "CANARYhd08"),
            "docs/DrAfts/sub/h-d08.svg": "<svg xmlns='http://www.w3.org/2000/svg'><text>CANARYhd08svg</text></svg>",
        },
        expect="build",
        markers=["CANARYhd08", "CANARYhd08svg"],
        cli=None,
    ),
    dict(
        key="h-d09",
        about="a symlink into a drafts folder of another case",
        files={"docs/DRAFTS/h-d09-real.md": page("草稿九", "CANARYhd09")},
        links={D + "h-d09.md": "../DRAFTS/h-d09-real.md"},
        expect="refuse",
        reason="符号链接",
        markers=["CANARYhd09"],
        cli=None,
    ),
    dict(
        key="h-d10",
        about="a symlink to a draft page outside docs/",
        files={"outside/h-d10.md": page("草稿十", "CANARYhd10", "draft: true\n")},
        links={D + "h-d10.md": "../../outside/h-d10.md"},
        expect="refuse",
        reason="符号链接",
        markers=["CANARYhd10"],
        cli=None,
    ),
    dict(
        key="h-d11",
        about="MultiMarkdown-style metadata without fences (MkDocs reads a string)",
        files={D + "h-d11.md": "Title: 草稿十一\nDraft: true\n\n# 草稿十一\n\nCANARYhd11\n"},
        expect="refuse",
        reason="draft",
        markers=["CANARYhd11"],
        cli="report:metadata",
    ),
    dict(
        key="h-d12",
        about="a published page linking to a flow-map draft",
        files={
            D + "h-d12-draft.md": draft("草稿十二", "CANARYhd12", "{title: 草稿十二, draft: true}\n"),
            D + "h-d12.md": page("引用草稿", "另见[草稿](h-d12-draft.md)。"),
        },
        expect="refuse",
        reason="草稿",
        markers=["CANARYhd12"],
        cli=None,
    ),
]
