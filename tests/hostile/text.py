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
    # From the red-team pass after the merge: what the first normaliser let through.
    dict(
        key="h-t07",
        about="combining marks over a character and a digit, in the title and the body",
        files={D + "h-t07.md": page("机\u0301密★5年", "公民身份号码：110105194912310\u030102X；机\u20e0密★5年。")},
        expect="refuse",
        reason=("secrecy/", "privacy/"),
        markers=["11010519491231002X"],
        cli="report:secrecy",
    ),
    dict(
        key="h-t08",
        about="hair and narrow no-break spaces inside a mark and a phone number",
        files={D + "h-t08.md": page("说明八", "本件为机\u200a密★5年，电话 139\u202f1234\u205f5678。")},
        expect="refuse",
        reason=("secrecy/", "privacy/"),
        markers=["13912345678"],
        cli="report:secrecy",
    ),
    dict(
        key="h-t09",
        about="ruby annotations between the characters of a mark",
        files={D + "h-t09.md": page("说明九", "<ruby>机<rt>jī</rt></ruby><ruby>密<rt>mì</rt></ruby>★5年")},
        expect="refuse",
        reason="secrecy/",
        markers=[],
        cli=None,
    ),
    dict(
        key="h-t10",
        about="an ID and a card number split by a soft line break (shown as a space)",
        files={D + "h-t10.md": page("说明十", "身份证号：110105\n19491231002X，卡号：6222021234\n567890128。")},
        expect="refuse",
        reason="privacy/",
        markers=["11010519491231002X", "6222021234567890128"],
        cli="report:privacy",
    ),
    dict(
        key="h-t11",
        about="a mark drawn by an SVG picture written into a data: address",
        files={
            D + "h-t11.md": page(
                "说明十一",
                '<img alt="图" src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E'
                '%3Ctext%3E%E6%9C%BA%E5%AF%86%E2%98%855%E5%B9%B4%3C/text%3E%3C/svg%3E">',
            )
        },
        expect="refuse",
        reason="secrecy/",
        markers=[],
        cli=None,
    ),
    dict(
        key="h-t12",
        about="masking with the asterisk operator U+2217",
        files={D + "h-t12.md": page("说明十二", "学习党的\u2217\u2217大精神。")},
        expect="refuse",
        reason="masking/",
        markers=[],
        cli="report:masking",
    ),
]
