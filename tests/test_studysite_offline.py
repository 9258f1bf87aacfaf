"""studysite.offline: URLs resolved as a browser does, from parsed HTML and CSS tokens;
outbound links allowed and marked."""

from __future__ import annotations

import pytest

from studysite import offline

BASE = offline.page_base("study/page/index.html")


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("../x/", False),
        ("/assets/a.png", False),
        ("#top", False),
        ("data:image/png;base64,AA", False),
        ("https://e.example/", True),
        ("//e.example/x", True),
        ("https:\\\\e.example", True),
        ("/\\e.example/x", True),
        ("\\\\e.example", True),
        (" ht\ttps://e.example", True),
        ("https:e.example", True),
        ("http:local/page", False),
        ("HTTPS://E.EXAMPLE", True),
        ("ftp://e.example/f", True),
        ("//[1,2/", True),
    ],
)
def test_resolve(url, external):
    assert bool(offline.resolve(url, BASE)) is external, url


def test_srcset_every_candidate():
    assert offline.srcset_urls("a.png 1x, b,c.png 2x,//e.example/d.png 3x") == ["a.png", "b,c.png", "//e.example/d.png"]
    # HTML reads a URL up to whitespace: "a.png,//e.example/b.png" is one relative URL.
    assert offline.srcset_urls("a.png,//e.example/b.png 2x") == ["a.png,//e.example/b.png"]


@pytest.mark.parametrize(
    ("content", "url"),
    [
        ("0; url=https://e.example/", "https://e.example/"),
        ("5;https://e.example/", "https://e.example/"),
        ("30 , URL = 'https://e.example/'", "https://e.example/"),
        ("0", None),
        ("3 x.html", "x.html"),
    ],
)
def test_meta_refresh_with_or_without_url(content, url):
    assert offline.refresh_url(content) == url


def test_css_urls_from_tokens():
    css = (
        '/* url(//comment.example) */ @import "//imp.example/a.css"; .a{background:u\\72l(//esc.example/x)}'
        '.b{background:image-set("//set.example/a.png" 1x, url(//set2.example/b.png) 2x)} .c::before{content:"url(//no.example)"}'
    )
    hosts = sorted(u.split("//")[1].split("/")[0] for u in offline.css_urls(css))
    assert hosts == ["esc.example", "imp.example", "set.example", "set2.example"]


def test_js_urls_decode_escapes():
    assert offline.js_urls('x="https:\\/\\/a.example/t"; y=\'\\x2f\\x2fb.example\'; z="// not"') == [
        "https://a.example/t",
        "//b.example",
    ]


def hosts(problems):
    return sorted({p.split("//", 1)[1].split("/")[0] for p in problems})


def test_audit_html_every_automatic_request():
    html = (
        '<img src="&#104;ttps://e1.example/a.png"><img srcset="a.png 1x, //e2.example/b.png 2x">'
        '<p style="background:url(&quot;//e3.example/c&quot;)"></p><meta http-equiv="refresh" content="0; https://e4.example/">'
        '<a href="https://link.example/" ping="https://e5.example/p">x</a><link rel="icon" href="//e6.example/i.ico">'
        '<link rel="canonical" href="https://canon.example/"><svg><image href="//e7.example/z.png"/></svg>'
        '<script>fetch("https:\\/\\/e8.example/api")</script><video poster="//e9.example/p.jpg"></video>'
        '<object data="//e10.example/o"></object><iframe src=" ht\ttps://e11.example"></iframe>'
        '<form action="//e12.example/f"></form><template><img src="//e13.example/t.png"></template>'
        "<a href=\"javascript:fetch('//e14.example')\">j</a><div onclick=\"location='//e15.example'\"></div>"
    )
    assert hosts(offline.audit_html(html, "page/index.html")) == sorted(f"e{i}.example" for i in range(1, 16))


def test_base_href_to_another_host_is_refused():
    assert offline.audit_html('<base href="//evil.example/"><script src="a.js"></script>', "index.html") == [
        "<base href>：http://evil.example/"
    ]


def test_outbound_links_alone_are_allowed():
    assert (
        offline.audit_html('<a href="http://www.npc.gov.cn/">中国人大网</a><area href="//x.example/">', "i.html") == []
    )


def test_svg_file_hrefs_and_xml_stylesheet():
    svg = (
        "<?xml-stylesheet href='https://s.example/s.css'?><svg xmlns='http://www.w3.org/2000/svg' "
        "xmlns:xlink='http://www.w3.org/1999/xlink'><image xlink:href='//i.example/i.png'/><a href='https://ok.example/'/></svg>"
    )
    assert hosts(offline.audit_file("a/b.svg", svg)) == ["i.example", "s.example"]


def test_own_origin_is_not_external():
    origin = offline.own_origin("http://127.0.0.1:8000/")
    assert offline.audit_html(
        '<img src="http://127.0.0.1:8000/a.png"><img src="http://127.0.0.1:8000.evil.example/">', "i.html", origin
    ) == ["<img src>：http://127.0.0.1:8000.evil.example/"]


def test_mark_external_links():
    html = '<p><a href="http://www.npc.gov.cn/" rel="nofollow">中国人大网</a> <a href="../x/">内</a> &amp; 文字</p>'
    marked = offline.mark_external_links(html)
    assert 'class="external-link"' in marked and 'rel="nofollow noopener noreferrer"' in marked
    assert 'target="_blank"' in marked and '<a href="../x/">内</a>' in marked and "&amp; 文字" in marked
    assert offline.mark_external_links('<p><a href="../x/">内</a></p>') == '<p><a href="../x/">内</a></p>'
