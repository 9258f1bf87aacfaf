"""From the blocks of a Word file (studysite.docx_read) to a page: front matter and
Markdown body, following the conventions of official documents (GB/T 9704-2012):

- the title: a Title-style paragraph, or the first paragraphs set centred in a large size
  or a title face (小标宋/标宋); its soft returns are layout, not text, and are joined;
- the date: the 成文日期 (a date alone on a line near the end, Arabic or Chinese numerals),
  else a lecture's 「时间：」 line, else the file's creation date;
- headings: Word's heading styles, else the typed numbering 一、 （一） 1. （1） of a short
  line with no sentence inside (a run-in 「1.学习宪法。系统学习……」 stays a paragraph);
- full-width spaces used for indentation and soft returns inside a sentence are dropped,
  since they are layout (and the review would report them);
- lectures: the 「主讲人：姓名（职务）」 line becomes speaker / speaker_title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .docx_read import FOOTNOTE_MARK, Document, Para, Table

TITLE_FACES = ("小标宋", "标宋", "华文中宋")
LEVELS = [  # typed numbering of official documents -> heading level under the page's #
    (re.compile(r"^[一二三四五六七八九十]+、"), 2),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 3),
    (re.compile(r"^\d{1,2}[.．、](?!\d)"), 4),
    (re.compile(r"^[（(]\d{1,2}[）)]"), 5),
]
HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
SPEAKER = re.compile(r"^主讲人?[：:]\s*(?P<name>[^（(]+?)\s*(?:[（(](?P<title>[^）)]+)[）)])?\s*$")
WHEN = re.compile(r"^(?:时间|日期)[：:]\s*(?P<date>.+)$")
ARABIC_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CN_DATE = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
MAX_HEADING = 40  # characters: a longer numbered line is a paragraph
SENTENCE_INSIDE = re.compile(r"[。；！？](?=.)")
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
# Zero-width and direction marks pasted from web pages: invisible, never meant as text.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
CAPTION = re.compile(r"^图\s*\d+")


@dataclass(frozen=True)
class Page:
    title: str
    date: str  # YYYY-MM-DD
    speaker: str
    speaker_title: str
    body: str  # Markdown after the front matter, starting with "# title"


def convert(doc: Document, image_folder: str) -> Page:
    """`image_folder`: where the page will find its pictures, relative to the page."""
    blocks = [b for b in doc.blocks if not (isinstance(b, Para) and not _clean(b.text))]
    title, blocks = _title(blocks, doc.core_title)
    speaker = speaker_title = lecture_date = ""
    kept: list = []
    for b in blocks:
        if isinstance(b, Para) and not kept_body(kept):
            m, w = SPEAKER.match(_clean(b.text)), WHEN.match(_clean(b.text))
            if m:
                speaker, speaker_title = m["name"].strip(), (m["title"] or "").strip()
                continue
            if w and to_iso(w["date"].strip()):
                lecture_date = to_iso(w["date"].strip())
                continue
        kept.append(b)
    date = _written_date(kept) or lecture_date or (doc.created.isoformat() if doc.created else "")
    numbered = any(isinstance(b, Para) and _numbering_level(_clean(b.text)) == 2 for b in kept)
    notes = dict(doc.footnotes)
    lines = [f"# {title}", ""]
    previous_list = ""
    for i, b in enumerate(kept):
        if isinstance(b, Table):
            lines += [*_table(b), ""]
            previous_list = ""
            continue
        after = kept[i + 1] if i + 1 < len(kept) else None
        caption = _clean(after.text) if isinstance(after, Para) and CAPTION.match(_clean(after.text)) else "图片"
        text = _inline(_clean(b.text), notes, image_folder, caption)
        level = _heading_level(b, numbered)
        if level:
            lines += [f"{'#' * level} {text}", ""]
        elif b.list_kind:
            if lines[-1] == "" and previous_list and len(lines) >= 2:
                lines.pop()  # keep the items of one list together
            lines += [("1. " if b.list_kind == "number" else "- ") + text, ""]
        else:
            lines += [text, ""]
        previous_list = b.list_kind if not level else ""
    used = [n for n in notes if FOOTNOTE_MARK.format(n) in "".join(b.text for b in kept if isinstance(b, Para))]
    for n in used:
        lines += [f"[^{n}]: {_clean(notes[n]) or '（空脚注）'}"]
    body = "\n".join(lines).rstrip() + "\n"
    return Page(title, date, speaker, speaker_title, body)


def kept_body(kept: list) -> bool:
    """Whether body text has started: the speaker and time lines come before it."""
    return (
        any(isinstance(b, Table) or (isinstance(b, Para) and _heading_level(b, False)) for b in kept) or len(kept) > 2
    )


def _title(blocks: list, core_title: str) -> tuple[str, list]:
    parts: list = []
    i = 0
    while i < len(blocks) and isinstance(blocks[i], Para) and _looks_like_title(blocks[i], not parts):
        parts.append(blocks[i])
        i += 1
    if parts:
        return "".join(_clean(p.text).replace("\n", "") for p in parts), blocks[i:]
    if core_title:
        return core_title, blocks
    first = next((b for b in blocks if isinstance(b, Para)), None)
    if first is None:
        return "（无标题）", blocks
    return _clean(first.text).replace("\n", ""), [b for b in blocks if b is not first]


def _looks_like_title(p: Para, first: bool) -> bool:
    if p.style.lower() in ("title", "标题") or p.style == "Title":
        return True
    if p.align != "center" or SPEAKER.match(_clean(p.text)) or WHEN.match(_clean(p.text)):
        return False
    return any(f in p.font for f in TITLE_FACES) or p.size >= 18 or (first and p.bold)


def _written_date(blocks: list) -> str:
    """The 成文日期: a date alone on one of the last paragraphs."""
    for b in reversed(blocks[-4:]):
        if isinstance(b, Para):
            found = to_iso(_clean(b.text))
            if found:
                return found
    return ""


def to_iso(text: str) -> str:
    text = text.strip()
    m = ARABIC_DATE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = CN_DATE.match(text)
        if not m:
            return ""
        y = int("".join(str(CN_DIGITS[c]) for c in m[1]))
        mo, d = _cn_number(m[2]), _cn_number(m[3])
    import datetime

    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def _cn_number(text: str) -> int:
    """一 … 三十一 (month and day numerals)."""
    if "十" not in text:
        return CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def _heading_level(p: Para, numbered: bool) -> int:
    m = HEADING_STYLE.match(p.style)
    if m:
        return min(int(m[1]) + 1, 6)
    text = _clean(p.text)
    level = _numbering_level(text)
    if not level or p.list_kind:
        return 0
    if len(text) > MAX_HEADING or SENTENCE_INSIDE.search(text) or "\n" in text or text[-1] in "。；：，！？":
        return 0  # a sentence, or a run-in heading followed by its text
    # 1. and （1） are headings only in a document numbered from 一、 (else a plain list).
    return level if numbered or level <= 3 else 0


def _numbering_level(text: str) -> int:
    return next((level for pattern, level in LEVELS if pattern.match(text)), 0)


def _clean(text: str) -> str:
    """Layout out: indentation (full-width and ordinary spaces, tabs) at the edges of each
    line, and soft returns between Chinese text (a line wrapped by hand)."""
    text = INVISIBLE.sub("", text)
    lines = [line.strip(" \t\u3000\u00a0") for line in text.split("\n")]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if not line:
            continue
        if re.search(CJK + "$", out) or re.match(CJK, line):
            out += line
        else:
            out += "\n" + line
    return out


def _inline(text: str, notes: dict, image_folder: str, caption: str) -> str:
    text = _escape(text)
    text = re.sub("\x00fn(-?\\d+)\x00", lambda m: f"[^{m[1]}]" if int(m[1]) in notes else "", text)
    alt = _escape(caption)
    text = re.sub("\x00img([^\x00]+)\x00", lambda m: f"![{alt}]({image_folder}/{m[1]})", text)
    return text.replace("\n", "  \n")


def _escape(text: str) -> str:
    """Characters that would start Markdown or HTML where the Word text meant them as text."""
    text = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    return re.sub(r"^(#{1,6}\s|[-+]\s|\d+\.\s)", r"\\\1", text)


def _table(t: Table) -> list[str]:
    if not t.rows:
        return []
    width = max(len(r) for r in t.rows)

    def cell(text: str) -> str:
        return _escape(_clean(text)).replace("|", "\\|").replace("\n", "<br>") or " "

    rows = [[cell(c) for c in r] + [" "] * (width - len(r)) for r in t.rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out
