"""Reading a Word (.docx) file into plain, immutable blocks: paragraphs with what the page
needs to know about them (style, alignment, east-Asian font, size, soft returns, footnote
references, pictures), tables, and the footnotes' text. python-docx reads the package;
footnotes and pictures, which it has no API for, are read from the same package's XML."""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .et: the old binary formats
OLD_FORMATS = (".doc", ".wps", ".dot", ".wpt", ".rtf")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
FOOTNOTE_MARK = "\x00fn{}\x00"  # placeholder in paragraph text, replaced by [^n] later
IMAGE_MARK = "\x00img{}\x00"


class DocxError(Exception):
    """A file that cannot be imported: one line of Chinese, exit status 2."""


@dataclass(frozen=True)
class Para:
    text: str  # soft returns as "\n"; footnote references and pictures as marks
    style: str = ""
    align: str = ""  # "center", "right", "" (left / justified)
    font: str = ""  # east-Asian font of the first run with text
    size: float = 0.0  # points
    bold: bool = False
    list_kind: str = ""  # "bullet", "number" for Word list paragraphs


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    name: str  # e.g. image1.png
    data: bytes


@dataclass(frozen=True)
class Document:
    blocks: tuple  # Para | Table, in reading order
    footnotes: tuple[tuple[int, str], ...]  # (Word id, text)
    images: tuple[Image, ...]
    created: datetime.date | None
    core_title: str


def check_format(path: Path) -> None:
    """Refuse what is not a .docx, with what to do about it."""
    try:
        head = path.open("rb").read(8)
    except OSError as exc:
        raise DocxError(f"{path}：无法读取（{exc.strerror}）") from None
    if path.suffix.lower() in OLD_FORMATS or head == OLE_MAGIC:
        raise DocxError(
            f"{path}：这是旧版 Word（.doc）或 WPS 格式，不能直接导入。请先另存为 .docx："
            "在 Word 中选择「文件 → 另存为」，“保存类型”选「Word 文档 (*.docx)」；"
            "在 WPS 中选择「文件 → 另存为」，文件类型选「Microsoft Word 文件 (*.docx)」。然后导入新文件。"
        )
    if not zipfile.is_zipfile(path):
        raise DocxError(f"{path}：不是有效的 .docx 文件（文件已损坏，或并非 Word 文档）")


def read(path: Path) -> Document:
    check_format(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = docx.Document(str(path))
        return _document(doc)
    except DocxError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise DocxError(
            f"{path}：不是有效的 .docx 文件（{type(exc).__name__}），请用 Word 打开后重新另存为 .docx"
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a damaged package
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise DocxError(
                f"{path}：.docx 文件内容已损坏（{type(exc).__name__}），请用 Word 打开后重新另存为 .docx"
            ) from None
        raise


def _document(doc) -> Document:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    images: dict[str, Image] = {}
    blocks: list = []  # Para and Table, in document order
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            blocks.append(_para(Paragraph(child, doc), doc, images))
        elif child.tag == W + "tbl":
            blocks.append(_table(DocxTable(child, doc)))
    created = doc.core_properties.created or doc.core_properties.modified
    return Document(
        tuple(blocks),
        _footnotes(doc),
        tuple(images.values()),
        created.date() if created else None,
        (doc.core_properties.title or "").strip(),
    )


def _para(p, doc, images: dict[str, Image]) -> Para:
    text = []
    for el in p._p.iter():
        tag = el.tag
        if tag == W + "t":
            text.append(el.text or "")
        elif tag == W + "tab":
            text.append("\t")
        elif tag in (W + "br", W + "cr"):
            if el.get(W + "type") not in ("page", "column"):
                text.append("\n")
        elif tag == W + "footnoteReference":
            text.append(FOOTNOTE_MARK.format(el.get(W + "id")))
        elif tag == A + "blip":
            name = _image(el.get(R + "embed"), doc, images)
            if name:
                text.append(IMAGE_MARK.format(name))
    style = p.style.name if p.style is not None else ""
    font, size, bold = _font(p)
    list_kind = ""
    if (p._p.pPr is not None and p._p.pPr.numPr is not None) or style.startswith(("List Bullet", "List Number")):
        list_kind = "number" if "Number" in style else "bullet"
    return Para("".join(text), style, _align(p), font, size, bold, list_kind)


def _align(p) -> str:
    value = p.alignment
    if value is None and p.style is not None:
        value = p.style.paragraph_format.alignment
    name = str(value or "").lower()
    return "center" if "center" in name else "right" if "right" in name else ""


def _font(p) -> tuple[str, float, bool]:
    """East-Asian font, size and boldness of the first run with text (the style's where
    the run sets none): how a title or a heading is told apart in a template."""
    run = next((r for r in p.runs if r.text.strip()), None)
    face, size, bold = "", 0.0, False
    if run is not None:
        rpr = run._element.rPr
        if rpr is not None and rpr.rFonts is not None:
            face = rpr.rFonts.get(W + "eastAsia") or rpr.rFonts.get(W + "ascii") or ""
        size = run.font.size.pt if run.font.size else 0.0
        bold = bool(run.font.bold)
    style = p.style
    while style is not None and (not size or not face):
        if not size and style.font.size:
            size = style.font.size.pt
        if not face and style.font.name:
            face = style.font.name
        style = style.base_style
    return face, size, bold


def _image(rel_id: str | None, doc, images: dict[str, Image]) -> str | None:
    if not rel_id or rel_id not in doc.part.rels:
        return None
    part = doc.part.rels[rel_id].target_part
    ext = Path(str(part.partname)).suffix.lower() or ".png"
    key = str(part.partname)
    if key not in images:
        images[key] = Image(f"image{len(images) + 1}{ext}", part.blob)
    return images[key].name


def _table(table) -> Table:
    rows = []
    for row in table.rows:
        cells, last = [], None
        for cell in row.cells:
            if cell._tc is last:  # a horizontally merged cell repeats: keep it once
                continue
            last = cell._tc
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _footnotes(doc) -> tuple[tuple[int, str], ...]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml  # python-docx's parser: no entities, no network

    part = next(
        (rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FOOTNOTES and not rel.is_external), None
    )
    if part is None:
        return ()
    root = parse_xml(part.blob)
    out = []
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(W + "t")).strip()
        out.append((int(note.get(W + "id")), text))
    return tuple(out)
