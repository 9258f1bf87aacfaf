"""Published channels the source review does not read: raw HTML whose indented lines look
like code, attributes a reader sees, CSS generated content, front-matter fields in odd YAML
spellings, static files copied as they are, folder names that become section titles, and
the strings of mkdocs.yml."""

from ._pages import page

D = "docs/hostile/"
VARIANTS = [
    dict(
        key="h-c01",
        about="raw HTML block whose indented line Markdown masking treats as code",
        files={D + "h-c01.md": page("渠道一", '<div class="note">\n\n    机密★5年 内部资料\n\n</div>')},
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli="report:secrecy",
    ),
    dict(
        key="h-c02",
        about="reader-visible attributes: abbr title, img alt, input value, data-toc-label",
        files={
            D + "h-c02.md": page(
                "渠道二",
                '<abbr title="秘密★1年">密级</abbr>说明。\n\n'
                '<img alt="公民身份号码11010519491231002X" src="../../assets/screenshot.png">\n\n'
                '<input value="13912345678">\n\n## 小节 {: data-toc-label="机密★5年" }\n\n正文。',
            )
        },
        expect="refuse",
        reason="/",
        markers=["秘密★1年", "11010519491231002X", "13912345678"],
        cli="report:secrecy",
    ),
    dict(
        key="h-c03",
        about="CSS generated content with escapes and a comment inside the string's rule",
        files={
            D + "h-c03.md": page(
                "渠道三",
                '<style>.h-c03::after{/* 注释 */content:"\\673A\\5BC6\\2605 5\\5E74"}</style>\n\n'
                '<p class="h-c03">见右侧</p>',
            )
        },
        expect="refuse",
        reason="secrecy/",
        markers=[],
        cli="report:secrecy",
    ),
    dict(
        key="h-c04",
        about="front matter: escapes in a double-quoted description, an anchor, a flow list of tags",
        files={
            D + "h-c04.md": '---\ntitle: 渠道四\ndescription: "\\u673a\\u5bc6\\u2605\\u0035\\u5e74"\n'
            "x-note: &m 内部资料\ntags: [*m]\n---\n\n# 渠道四\n\n正文。\n"
        },
        expect="refuse",
        reason="/",
        markers=["机密★5年"],
        cli="report:secrecy",
    ),
    dict(
        key="h-c05",
        about="static files copied verbatim: .txt, .svg with tspan, .html with an entity",
        files={
            D + "h-c05-list.txt": "名单：张三 11010519491231002X\n",
            D
            + "h-c05-figure.svg": "<svg xmlns='http://www.w3.org/2000/svg'><text>机<tspan>密</tspan>★5年</text></svg>\n",
            D + "h-c05-page.html": "<!doctype html><title>附件</title><p>内部&#36164;料，不得外传</p>\n",
        },
        expect="refuse",
        reason="/",
        markers=["11010519491231002X", "不得外传"],
        cli=None,
    ),
    dict(
        key="h-c06",
        about="a folder name that becomes a section title",
        alone=True,
        files={"docs/hostile/h-c06-机密★5年/index.md": page("渠道六", "正文。")},
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli=None,
    ),
    dict(
        key="h-c07",
        about="mkdocs.yml strings: site_name and a nav title in an overlay",
        alone=True,
        overlay="INHERIT: mkdocs.yml\nsite_name: 学习园地（内部资料 不得外传）\n",
        files={D + "h-c07.md": page("渠道七", "正文。")},
        expect="refuse",
        reason="secrecy/",
        markers=["不得外传"],
        cli=None,
    ),
    dict(
        key="h-c08",
        about="lecture speaker title and summary rendered by the site's hooks",
        alone=True,
        files={
            "docs/lectures/posts/2026-07-h-c08.md": "---\ntitle: 渠道八讲堂\ndate: 2026-07-01\nslug: h-c08\ncategories:\n  - 立法工作\n"
            "speaker: 张三\nspeaker_title: 电话13912345678\n---\n\n# 渠道八讲堂\n\n摘要。\n\n<!-- more -->\n\n正文。\n"
        },
        expect="refuse",
        reason="privacy/",
        markers=["13912345678"],
        cli="report:privacy",
    ),
    dict(
        key="h-c09",
        about="a suppression with a reason: the source review accepts it, the output review cannot be suppressed",
        files={
            D + "h-c09.md": page(
                "渠道九",
                "<!-- review-disable-next-line secrecy/classification-mark -- 引用历史文件原文，经保密审查 -->\n"
                "原件首页标注“机密★5年”。",
            )
        },
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli=None,
    ),
    dict(
        key="h-c10",
        about="a per-path ignore in the site's [tool.review] hides masking from the source review only",
        alone=True,
        files={D + "h-c10.md": page("渠道十", "认真学习dang的创新理论。")},
        pyproject_append='\n[tool.review.per-path-ignores]\n"docs/hostile/h-c10.md" = ["masking"]\n',
        expect="refuse",
        reason="masking/",
        markers=["学习dang的"],
        cli=None,
    ),
    dict(
        key="h-c11",
        about="an editor's page among the generated rule pages, claiming to be generated, quoting a mark in code",
        files={"docs/guide/rules/h-c11.md": page("规则示例", "~~~text\n机密★5年\n~~~", "generated_by: hooks/pages\n")},
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli=None,
    ),
]
