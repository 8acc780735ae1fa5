"""The Word (.docx) file of a document: the same content, order and layout as the PDF, for editing.

Word is told to use Times New Roman (the font Nghị định 30 names); Liberation Serif has the
same metrics, so lines break in the same places. Rules under the issuing body, the motto and
the summary are paragraph borders narrowed by indents to the width of the text, measured
from the Liberation Serif files.
"""

import io
from collections.abc import Sequence
from functools import lru_cache

import docx
from django.contrib.staticfiles import finders
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from fontTools.ttLib import TTFont

from p135portal.documents.cache import rendered
from p135portal.documents.model import Cell, Document, Heading, Paragraph, Table

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH_MM = 210 - 30 - 15
MASTHEAD_SHARES = (0.40, 0.60)
CLOSING_SHARES = (0.45, 0.55)
INDENT = Mm(10)
SIGNATURE_SPACE = Mm(25)

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# What may follow w:pBdr in w:pPr, and w:tblCellMar in w:tblPr (ECMA-376 schema order).
_AFTER_PBDR = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct"),
    *("w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind"),
    *("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_FONT_FILES = {
    (False, False): "fonts/LiberationSerif-Regular.ttf",
    (True, False): "fonts/LiberationSerif-Bold.ttf",
    (False, True): "fonts/LiberationSerif-Italic.ttf",
    (True, True): "fonts/LiberationSerif-BoldItalic.ttf",
}


@lru_cache(maxsize=4)
def _advance_widths(bold: bool, italic: bool) -> tuple[dict[int, int], int]:
    font = TTFont(finders.find(_FONT_FILES[bold, italic]), lazy=True)
    metrics = font["hmtx"]
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return widths, font["head"].unitsPerEm


def text_width_mm(text: str, *, size: float, bold: bool = False, italic: bool = False) -> float:
    """How wide `text` is printed in Liberation Serif (= Times New Roman) at `size` points."""
    widths, units = _advance_widths(bold, italic)
    fallback = widths.get(ord("n"), units // 2)
    return sum(widths.get(ord(char), fallback) for char in text) / units * size * 25.4 / 72


def _add_run(paragraph: WordParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
    """Text in one run; "\\n" becomes a line break."""
    for number, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)
        run.bold, run.italic, run.font.size = bold or None, italic or None, Pt(size)


def _paragraph(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    indent: bool = False,
    space_before: float = 0,
    space_after: float = 0,
    keep_with_next: bool = False,
    style: str | None = None,
) -> WordParagraph:
    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = _ALIGN[align]
    paragraph_format.first_line_indent = INDENT if indent else 0
    paragraph_format.space_before, paragraph_format.space_after = Pt(space_before), Pt(space_after)
    paragraph_format.line_spacing = 1.0
    paragraph_format.keep_with_next = keep_with_next or None
    if text:
        _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


class _CellWriter:
    """Adds paragraphs to a table cell, reusing the empty paragraph a new cell holds."""

    def __init__(self, cell: _Cell):
        self.cell = cell
        self.used = False

    def add_paragraph(self) -> WordParagraph:
        if not self.used:
            self.used = True
            return self.cell.paragraphs[0]
        return self.cell.add_paragraph()


def _rule(container, *, width_mm: float, column_mm: float, space_before: float = 0) -> None:
    """A centred horizontal rule `width_mm` long: the top border of an empty, narrowed paragraph."""
    paragraph = _paragraph(container, align="center", space_before=space_before)
    side = Mm(max((column_mm - width_mm) / 2, 0))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in {"val": "single", "sz": "6", "space": "1", "color": "000000"}.items():
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    # Word refuses a file whose properties are out of schema order.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _spacer(word: WordDocument, points: float) -> WordParagraph:
    """An empty paragraph `points` high (it also keeps a table from merging with the next one)."""
    paragraph = _paragraph(word)
    paragraph.paragraph_format.line_spacing = Pt(points)
    return paragraph


def _set_widths(table: WordTable, widths_mm: Sequence[float], *, cell_margin_mm: float | None = None) -> None:
    """Fixed column widths (Word ignores them unless every cell carries its width), optional side margins."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if cell_margin_mm is not None:
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(int(Mm(cell_margin_mm).twips)))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBLCELLMAR)
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _row_flag(row, name: str) -> None:
    """Sets a row property: w:tblHeader (repeat on each page) or w:cantSplit (keep on one page)."""
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _page_number_field(paragraph: WordParagraph) -> None:
    """A PAGE field, one run per part as Word writes it."""
    for kind, instruction, shown in (
        ("begin", "", ""),
        ("", " PAGE ", ""),
        ("separate", "", ""),
        ("", "", "2"),
        ("end", "", ""),
    ):
        run = paragraph.add_run(shown)
        run.font.size = Pt(13)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
            run._r.append(element)


def _set_up(word: WordDocument, document: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(10)
    # Page numbers from page 2: page 1 has its own (empty) header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(number)

    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)
    # Section headings carry Word's heading styles (the navigation pane, a table of contents, staff
    # who finish the document in Word find real headings), drawn as Nghị định 30 prints them.
    for level in (1, 2, 3):
        style = word.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(14), RGBColor(0, 0, 0)
        style.font.bold, style.font.italic = level < 3, level == 3
        heading_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            heading_fonts.set(qn(f"w:{script}"), FONT)
            heading_fonts.attrib.pop(qn(f"w:{script}Theme"), None)
        heading_fonts.attrib.pop(qn("w:cstheme"), None)
    word.core_properties.title = f"{document.title} {document.number}".strip()
    word.core_properties.language = "vi-VN"


def _masthead(word: WordDocument, document: Document) -> None:
    widths = [TEXT_WIDTH_MM * share for share in MASTHEAD_SHARES]
    table = word.add_table(rows=2, cols=2)
    _set_widths(table, widths, cell_margin_mm=0)
    left, right = _CellWriter(table.cell(0, 0)), _CellWriter(table.cell(0, 1))
    if document.issuer_parent:
        _paragraph(left, document.issuer_parent.upper(), size=13, align="center")
    issuer = document.issuer.upper()
    _paragraph(left, issuer, size=13, bold=True, align="center")
    issuer_width = max(text_width_mm(line, size=13, bold=True) for line in issuer.split("\n"))
    _rule(left, width_mm=issuer_width * 0.4, column_mm=widths[0], space_before=5)

    motto = "Độc lập - Tự do - Hạnh phúc"
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align="center")
    _paragraph(right, motto, size=14, bold=True, align="center")
    _rule(right, width_mm=text_width_mm(motto, size=14, bold=True), column_mm=widths[1], space_before=4)

    _paragraph(_CellWriter(table.cell(1, 0)), document.number_line, size=13, align="center", space_before=6)
    _paragraph(_CellWriter(table.cell(1, 1)), document.date_line, italic=True, align="center", space_before=6)


def _heading(word: WordDocument, document: Document) -> None:
    _paragraph(word, document.title.upper(), bold=True, align="center", space_before=18)
    if document.summary:
        _paragraph(word, document.summary, bold=True, align="center")
        longest = max(text_width_mm(line, size=14, bold=True) for line in document.summary.split("\n"))
        _rule(word, width_mm=min(longest, TEXT_WIDTH_MM) * 0.4, column_mm=TEXT_WIDTH_MM, space_before=5)
    if document.subtitle:
        _paragraph(word, document.subtitle, italic=True, align="center")
    _spacer(word, 12)


def _table(word: WordDocument, table: Table) -> None:
    shares = table.width_shares
    grid = word.add_table(rows=0, cols=len(table.headers), style="Table Grid")
    rows: list[tuple[list[Cell], bool]] = [([Cell(header, "center") for header in table.headers], True)]
    rows += [(row, False) for row in table.body]
    if table.total_row:
        rows.append((table.total_row, True))
    for cells, bold in rows:
        row = grid.add_row()
        _row_flag(row, "cantSplit")
        for cell, value in zip(row.cells, cells, strict=False):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _paragraph(_CellWriter(cell), value.text, size=13, bold=bold, align=value.align)
    _row_flag(grid.rows[0], "tblHeader")
    _set_widths(grid, [TEXT_WIDTH_MM * share / 100 for share in shares])
    _spacer(word, 12)


def _blocks(word: WordDocument, document: Document) -> WordParagraph | None:
    """Writes the bases and blocks; returns the last paragraph written when the document ends with one."""
    last_paragraph = None
    for basis in document.bases:
        _paragraph(word, basis, italic=True, indent=True, space_after=6)
    for block in document.body:
        last_paragraph = None
        if isinstance(block, Heading):
            _paragraph(
                word,
                block.display_text,
                bold=block.level < 3,
                italic=block.level == 3,
                indent=True,
                space_after=6,
                keep_with_next=True,
                style=f"Heading {block.level}",
            )
        elif isinstance(block, Paragraph):
            paragraph = _paragraph(
                word, indent=block.align == "justify", align=block.align, space_after=6, keep_with_next=block.keep
            )
            if block.lead:
                _add_run(paragraph, f"{block.lead} ", size=14, bold=True, italic=block.italic)
            _add_run(paragraph, block.text, size=14, bold=block.bold, italic=block.italic)
            last_paragraph = paragraph
        elif isinstance(block, Table):
            _table(word, block)
        elif block.kind == "chart":  # a chart prints as its numbers: Word has no place for the SVG
            _paragraph(word, block.title, bold=True, align="center", space_after=6, keep_with_next=True)
            _table(word, block.table())
    return last_paragraph


def _signature_heading(cell, signature) -> None:
    for line in signature.heading_lines:
        _paragraph(cell, line, bold=True, align="center")
    if signature.hint:
        _paragraph(cell, signature.hint, italic=True, align="center")


def _signature_name(cell, signature) -> None:
    name = _paragraph(cell, signature.name, bold=True, align="center")
    name.paragraph_format.space_before = SIGNATURE_SPACE


def _signature(cell, signature) -> None:
    _signature_heading(cell, signature)
    _signature_name(cell, signature)


def _recipients(cell, document: Document) -> None:
    _paragraph(cell, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
    for line in document.recipient_lines:
        _paragraph(cell, line, size=11, align="left")


def _closing(word: WordDocument, document: Document, last_paragraph: WordParagraph | None) -> None:
    if not (document.recipient_lines or document.signatures):
        return
    # The closing paragraph goes with the signature: a page never holds the signature alone.
    if last_paragraph is not None:
        last_paragraph.paragraph_format.keep_with_next = last_paragraph.paragraph_format.keep_together = True
    _spacer(word, 6).paragraph_format.keep_with_next = True
    if len(document.signatures) > 1:  # the parties side by side, names on one line, the Nơi nhận under them
        table = word.add_table(rows=2, cols=len(document.signatures))
        _set_widths(table, [TEXT_WIDTH_MM / len(document.signatures)] * len(document.signatures), cell_margin_mm=0)
        for row in table.rows:
            _row_flag(row, "cantSplit")
        for column, signature in enumerate(document.signatures):
            _signature_heading(_CellWriter(table.cell(0, column)), signature)
            _signature_name(_CellWriter(table.cell(1, column)), signature)
        if document.recipient_lines:
            _spacer(word, 12)
            _recipients(word, document)
        return
    table = word.add_table(rows=1, cols=2)
    _set_widths(table, [TEXT_WIDTH_MM * share for share in CLOSING_SHARES], cell_margin_mm=0)
    _row_flag(table.rows[0], "cantSplit")
    if document.recipient_lines:
        _recipients(_CellWriter(table.cell(0, 0)), document)
    if document.signatures:
        _signature(_CellWriter(table.cell(0, 1)), document.signatures[0])


def render_docx(document: Document) -> bytes:
    """The document as an A4 .docx: masthead, title, bases, sections and tables, Nơi nhận and signature;
    written once, then served from the cache while it says the same."""
    return rendered("docx", document, _write_docx)


def _write_docx(document: Document) -> bytes:
    word = docx.Document()
    _set_up(word, document)
    _masthead(word, document)
    _heading(word, document)
    last_paragraph = _blocks(word, document)
    _closing(word, document, last_paragraph)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
