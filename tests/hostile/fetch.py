"""Requests to other hosts that a regular-expression audit misses. Every one must stop the
build; an outbound <a href> link must not (it is marked as external instead)."""

from ._pages import page

D = "docs/hostile/"
VARIANTS = [
    dict(
        key="h-f01",
        about="entity-encoded scheme and slashes in img src",
        files={D + "h-f01.md": page("请求一", '<img alt="图" src="&#x68;ttps:&#x2f;&#x2F;e1.invalid/a.png">')},
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f02",
        about="second srcset candidate, with backslashes",
        files={
            D + "h-f02.md": page(
                "请求二",
                '<img alt="图" src="../../assets/screenshot.png" srcset="../../assets/screenshot.png 1x, https:\\\\e2.invalid\\b.png 2x">',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f03",
        about="style attribute with image-set() and a CSS escape in the function name",
        files={
            D + "h-f03.md": page(
                "请求三",
                "<p style=\"background-image: image-set('//e3.invalid/x.png' 1x); border-image: u\\72l(//e3b.invalid/y)\">段落</p>",
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f04",
        about="meta refresh without url=, upper-case attribute names",
        files={D + "h-f04.md": page("请求四", '<META HTTP-EQUIV="Refresh" CONTENT="30 ; \'https://e4.invalid/\'">')},
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f05",
        about="ping on an otherwise local link, and a base href",
        files={
            D + "h-f05.md": page(
                "请求五", '<base href="//e5.invalid/">\n\n<a href="../" ping="https://e5b.invalid/p">返回</a>'
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f06",
        about="<style> with a fake comment inside a string, @import and an escaped url()",
        files={
            D + "h-f06.md": page(
                "请求六",
                '<style>.a::before{content:"/*"} @import "//e6.invalid/c.css"; .b{background:u\\72 l(//e6b.invalid/x)} .c::after{content:"*/"}</style>\n\n<p class="a b c">文字</p>',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f07",
        about="a static SVG with xlink:href image and an xml-stylesheet",
        files={
            D
            + "h-f07.svg": "<?xml-stylesheet href=\"https://e7.invalid/s.css\"?>\n<svg xmlns='http://www.w3.org/2000/svg' "
            "xmlns:xlink='http://www.w3.org/1999/xlink'><image xlink:href='https://e7b.invalid/i.png'/></svg>\n"
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli=None,
    ),
    dict(
        key="h-f08",
        about="inline script with an escaped URL literal and a preload link in the body",
        files={
            D + "h-f08.md": page(
                "请求八",
                '<script>new Image().src = "https:\\/\\/e8.invalid/t?" + 1;</script>\n\n<link rel="preload" as="font" href="//e8b.invalid/f.woff2">',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f09",
        about="video poster with a leading space, source, object data, inline svg use",
        files={
            D + "h-f09.md": page(
                "请求九",
                '<video poster=" https://e9.invalid/p.jpg"><source src="//e9b.invalid/v.mp4"></video>\n\n'
                '<object data="//e9c.invalid/x"></object>\n\n<svg><use href="https://e9d.invalid/s.svg#i"/></svg>',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f10",
        about="outbound Markdown links to 中国人大网 and a portal: allowed, marked external",
        files={
            D + "h-f10.md": page(
                "外部链接", "参见[中国人大网](http://www.npc.gov.cn/)和[市政府门户网站](https://www.example.gov.cn/)。"
            )
        },
        expect="build",
        markers=[],
        cli="clean",
        link_check=True,
    ),
    dict(
        key="h-f11",
        about="SVG presentation attributes that fetch: fill, marker-end",
        files={
            D + "h-f11.md": page(
                "请求十一",
                '<svg width="9" height="9"><rect width="9" height="9" fill="url(http://e11.invalid/p.svg#g)"/>'
                '<path d="M0 0L9 9" marker-end="url(//e11b.invalid/k.svg#k)"/></svg>',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
    dict(
        key="h-f12",
        about="SVG animation writing an href: <set to> and <animate values>",
        files={
            D + "h-f12.md": page(
                "请求十二",
                '<svg width="9" height="9"><image width="9" height="9"><set attributeName="href" '
                'to="http://e12.invalid/s.png"/></image><image width="9" height="9"><animate '
                'attributeName="href" values="https://e12b.invalid/a.png" dur="1s" fill="freeze"/></image></svg>',
            )
        },
        expect="refuse",
        reason=("invalid", "markup/"),
        cli="report:markup",
    ),
]
