"""Text the reader sees but the rules never saw: the characters of a mark or a number
disguised in the source (entities, comments, invisible and bidi characters, markup inside
a word, look-alike letters, traditional characters, other stars, full-width digits)."""

from ._pages import page

D = "docs/hostile/"
VARIANTS = [
    dict(
        key="h-t01",
        about="entity + empty comment inside a classification mark",
        files={D + "h-t01.md": page("说明一", "本件为机&#23494;<!---->★5年，请注意保管。")},
        expect="refuse",
        reason="secrecy/",
        markers=["机密★5年"],
        cli="report:secrecy",
    ),
    dict(
        key="h-t02",
        about="zero-width joiner, word joiner and a variation selector, bold splitting the word, another star",
        files={D + "h-t02.md": page("说明二", "文件标注：**机**\u2060密\u200d\ufe0f⭐一年。")},
        expect="refuse",
        reason="secrecy/",
        markers=["机密"],
        cli="report:secrecy",
    ),
    dict(
        key="h-t03",
        about="Cyrillic а and a soft hyphen inside masking pinyin, inside emphasis",
        files={D + "h-t03.md": page("说明三", "认真学习*d\u00adаng*的创新理论。")},
        expect="refuse",
        reason="masking/",
        markers=["dаng"],
        cli="report:masking",
    ),
    dict(
        key="h-t04",
        about="mobile number with a bidi override and an entity-encoded digit, +86",
        files={D + "h-t04.md": page("说明四", "联系人电话：+86 139\u202e&#49;234\u202c5678。")},
        expect="refuse",
        reason="privacy/",
        markers=["13912345678"],
        cli="report:privacy",
    ),
    dict(
        key="h-t05",
        about="traditional characters split by raw inline HTML spans",
        files={D + "h-t05.md": page("说明五", "文件首页标有<span>機</span><span>密</span>★5年字样。")},
        expect="refuse",
        reason="secrecy/",
        markers=["機密★"],
        cli="report:secrecy",
    ),
    dict(
        key="h-t06",
        about="full-width digits of a resident ID number, in a table cell",
        files={
            D + "h-t06.md": page(
                "说明六", "| 姓名 | 号码 |\n| --- | --- |\n| 张三 | １１０１０５１９４９１２３１００２Ｘ |"
            )
        },
        expect="refuse",
        reason="privacy/",
        markers=["11010519491231002X"],
        cli="report:privacy",
    ),
]
