"""What an official document holds, independent of Django models and of how it is printed.

Both renderers (PDF and DOCX) read the same derived text from here (the date line, the
"Số:" line, formatted table cells, recipient lines), so the two files always say the same.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, Literal

from p135portal.numbers import amount_in_words, document_date, format_number

Align = Literal["left", "center", "right"]
_BLANK_LINES = re.compile(r"\n\s*\n")
NO_CONTENT = "(Chưa có nội dung.)"
CellValue = str | int | Decimal | float | None


def vietnamese_date_line(place: str, day: date | None) -> str:
    """ "Lạng Sơn, ngày 03 tháng 5 năm 2018" as Nghị định 30/2020/NĐ-CP writes it.

    Days below 10 and the months 1 and 2 take a leading zero ("ngày 03 tháng 02"), the other
    months do not ("tháng 5", "tháng 12"). Without a date (a draft not yet signed) the day,
    month and year are left blank to be filled in by hand.
    """
    if day is None:
        blank = "\u00a0" * 6
        return f"{place}, ngày{blank}tháng{blank}năm{blank}"
    day_, month, year = document_date(day).split("/")
    return f"{place}, ngày {day_} tháng {month} năm {year}"


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


STT_MIN_SHARE = 7.0  # percent of the width: "STT" in bold 11 pt with the cell padding


@dataclass(frozen=True)
class Heading:
    """A section heading. Its number is part of the text, as the drafter writes it.

    level 1: "I. Mục đích, yêu cầu" (printed bold and uppercase),
    level 2: "1. Mục đích" (bold), level 3: "a) Hình thức" (italic).
    """

    level: Literal[1, 2, 3]
    text: str
    kind: ClassVar[str] = "heading"

    @property
    def display_text(self) -> str:
        return self.text.upper() if self.level == 1 else self.text


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text, first line indented when justified.

    `lead` is a bold run-in opening ("2. Yêu cầu:" before "Bảo đảm đúng đối tượng…"); `keep` keeps
    the paragraph on the page of the next one (a task and its time line).
    """

    text: str
    lead: str = ""
    bold: bool = False
    italic: bool = False
    align: Literal["justify", "left", "center", "right"] = "justify"
    keep: bool = False
    kind: ClassVar[str] = "paragraph"


def in_words(amount: int) -> Paragraph:
    """The line under a total, as financial documents carry it: "(Bằng chữ: Chín trăm triệu đồng)"."""
    return Paragraph(f"(Bằng chữ: {amount_in_words(amount)}.)", italic=True, align="right")


@dataclass(frozen=True)
class Cell:
    """A table cell as printed: its text and its alignment."""

    text: str
    align: Align


@dataclass(frozen=True)
class Table:
    """A bordered table: a bold header row (repeated on every page), rows, an optional bold total row.

    Numbers (int, Decimal) are printed "1.234.567" and right-aligned, text is left-aligned;
    `column_align` overrides that per column (None keeps the default). `column_widths` are
    relative widths (e.g. (1, 6, 2, 3)); by default the columns share the width equally.
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[CellValue]]
    total: Sequence[CellValue] | None = None
    column_align: Sequence[Align | None] | None = None
    column_widths: Sequence[float] | None = None
    kind: ClassVar[str] = "table"

    def _cell(self, column: int, value: CellValue) -> Cell:
        chosen = self.column_align[column] if self.column_align and column < len(self.column_align) else None
        if value is None:
            return Cell("", chosen or "left")
        if _is_number(value):
            return Cell(format_number(value), chosen or "right")
        return Cell(str(value), chosen or "left")

    @property
    def body(self) -> list[list[Cell]]:
        return [[self._cell(column, value) for column, value in enumerate(row)] for row in self.rows]

    @property
    def total_row(self) -> list[Cell] | None:
        if self.total is None:
            return None
        return [self._cell(column, value) for column, value in enumerate(self.total)]

    @property
    def width_shares(self) -> list[float]:
        """Each column's share of the table width, in percent. A number column ("STT") gets at
        least STT_MIN_SHARE, taken from the others in proportion, so its bold header fits."""
        widths = list(self.column_widths or [1] * len(self.headers))
        shares = [100 * width / sum(widths) for width in widths]
        narrow = [
            index for index, header in enumerate(self.headers) if header == "STT" and shares[index] < STT_MIN_SHARE
        ]
        if not narrow or len(narrow) == len(shares):
            return shares
        missing = sum(STT_MIN_SHARE - shares[index] for index in narrow)
        rest = sum(share for index, share in enumerate(shares) if index not in narrow)
        return [
            STT_MIN_SHARE if index in narrow else share - missing * share / rest for index, share in enumerate(shares)
        ]


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Part:
    """Blocks the portal writes from its data (a class table, the tasks of one agency, a budget table),
    placed as one piece where the author puts its marker line "[[label]]" in the document's outline."""

    label: str
    blocks: Sequence[Block]
    kind: ClassVar[str] = "part"

    @property
    def marker(self) -> str:
        return f"[[{self.label}]]"


def flat(blocks: Sequence["Block | Part"]) -> list[Block]:
    """The blocks as printed: each Part replaced by its own blocks."""
    return [inner for block in blocks for inner in (block.blocks if isinstance(block, Part) else [block])]


@dataclass(frozen=True)
class Signature:
    """A signature block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", or a party: "ĐẠI DIỆN
    BÊN GIAO"), the signer's title, name; `hint` is the italic line under them ("(Ký, ghi rõ họ tên)")."""

    authority_lines: Sequence[str]
    title: str
    name: str
    hint: str = ""

    @property
    def heading_lines(self) -> list[str]:
        """The bold uppercase lines above the space for signature and seal."""
        return [line.upper() for line in [*self.authority_lines, self.title] if line]


def recipient_name(line: str) -> str:
    """A Nơi nhận line as a name: "- Bộ Dân tộc và Tôn giáo (b/c);" → "Bộ Dân tộc và Tôn giáo (b/c)"."""
    return line.strip().removeprefix("-").strip().rstrip(";.").strip()


@dataclass(frozen=True)
class Document:
    """An administrative document laid out after Nghị định 30/2020/NĐ-CP.

    `issuer_parent` ("UBND TỈNH LẠNG SƠN", the direct parent) is printed regular, `issuer` ("SỞ DÂN
    TỘC VÀ TÔN GIÁO") bold with a short rule under it; either may hold "\\n" to break lines. A
    People's Committee has no parent: its whole name is the issuer, every line bold ("ỦY BAN NHÂN
    DÂN\\nTỈNH LẠNG SƠN"). `number` is
    "82/KH-UBND" (leading spaces kept: "    /KH-UBND" for a draft). `summary` (trích yếu) and
    `subtitle` (the italic "(Kèm theo …)" of an annex) may hold "\\n" too.

    `bases` are the legal bases, each printed as written, punctuation included ("Căn cứ Luật
    …;"), in italics as Nghị định 30 lays them out; the sentence that follows them ("Ủy ban
    nhân dân tỉnh ban hành Kế hoạch … như sau:") is the first Paragraph of `blocks`.
    `recipients` are names ("Ủy ban Dân tộc"); they are printed "- Ủy ban Dân tộc;" and
    followed by "- Lưu: <archive>.". A document without recipients (an annex) has no
    "Nơi nhận" at all. `signatures` are one block, or several side by side (both parties of a
    BIÊN BẢN, the agencies of a joint plan).

    `blocks` may hold Parts (generated pieces the author places in the outline, see
    p135portal/documents/authoring.py); `body` is what prints, Parts opened.
    """

    issuer_parent: str
    issuer: str
    number: str
    place: str
    date: date | None
    title: str
    summary: str = ""
    subtitle: str = ""
    bases: Sequence[str] = ()
    blocks: Sequence[Block] = ()
    recipients: Sequence[str] = ()
    archive: str = "VT"
    signatures: Sequence[Signature] = ()

    @property
    def body(self) -> list[Block]:
        return flat(self.blocks)

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}"

    @property
    def date_line(self) -> str:
        return vietnamese_date_line(self.place, self.date)

    @property
    def recipient_lines(self) -> list[str]:
        """ "- Ủy ban Dân tộc;" … "- Lưu: VT, KTN."; a dash or ending the caller already wrote is not doubled."""
        if not self.recipients:
            return []
        lines = [f"- {recipient_name(name)};" for name in self.recipients]
        if self.archive:
            lines.append(f"- Lưu: {self.archive.strip().rstrip('.')}.")
        return lines


def paragraphs(text: str, *, empty: str | None = None) -> list[Paragraph]:
    """A typed text split on blank lines into paragraphs, the lines inside one joined. An empty text
    gives no paragraph, or one saying `empty` (in italics) when it is given."""
    chunks = [" ".join(chunk.split()) for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n")) if chunk.strip()]
    if not chunks and empty:
        return [Paragraph(empty, italic=True)]
    return [Paragraph(chunk) for chunk in chunks]


_HEADING_NUMBERS = (
    (1, re.compile(r"^(?=[IVX])X{0,2}(IX|IV|V?I{0,3})\.\s")),  # "III. TỔ CHỨC THỰC HIỆN" (I to XXIX)
    (2, re.compile(r"^\d+(\.\d+)*\.\s")),  # "1. Sở Tài chính", "1.1. Nội dung thực hiện"
    (3, re.compile(r"^[a-zđ]\)\s")),  # "a) Hình thức"
)
HEADING_MAX_WORDS = 14
SENTENCE_ENDINGS = (".", ";", ",", ":", "!", "?", "…", ")", "”")


def outline(text: str, *, empty: str | None = None) -> list[Heading | Paragraph]:
    """An author's text as the document prints it, a block per line: a short line numbered as a
    heading ("III. …", "1. …", "1.1. …", "a) …"), of at most HEADING_MAX_WORDS words, that does not
    end like a sentence or a lead-in (". ; , : ! ? … ) ”") is that heading; every other line is a
    paragraph ("- …" lines included)."""
    blocks: list[Heading | Paragraph] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        level = next((level for level, pattern in _HEADING_NUMBERS if pattern.match(line)), None)
        if level and len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(SENTENCE_ENDINGS):
            blocks.append(Heading(level, line))
        else:
            blocks.append(Paragraph(line))
    if not blocks and empty:
        return [Paragraph(empty, italic=True)]
    return blocks


def draft_number(symbol: str) -> str:
    """The "Số:" of a document not yet issued: the number left blank for the clerk, then the symbol
    ("      /KH-UBND")."""
    return f"{' ' * 6}/{symbol}"


# The masthead (Nghị định 30/2020, Phụ lục I) of the issuers the portal prints for, as the
# `issuer_parent`, `issuer` and `place` of a Document.


def province_committee(province_name: str) -> dict[str, str]:
    """UBND tỉnh: "ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN", both lines bold: for a People's Committee the
    whole name is the issuing body, with no parent above it (Nghị định 30/2020, Phụ lục I)."""
    return {"issuer_parent": "", "issuer": f"ỦY BAN NHÂN DÂN\nTỈNH {province_name.upper()}", "place": province_name}


def ethnic_affairs_office(province_name: str, office_name: str) -> dict[str, str]:
    """The province's ethnic-affairs office under UBND tỉnh, by the name it had on the document's date:
    "UBND TỈNH LẠNG SƠN / BAN DÂN TỘC" (until 2025), "UBND TỈNH LẠNG SƠN / SỞ DÂN TỘC VÀ TÔN GIÁO"."""
    parent = f"UBND TỈNH {province_name.upper()}"
    return {"issuer_parent": parent, "issuer": office_name.upper(), "place": province_name}


def unit_committee(unit_name: str, place: str) -> dict[str, str]:
    """UBND of a district or commune: "ỦY BAN NHÂN DÂN / XÃ TRÀNG ĐỊNH", both lines bold, no parent;
    dated at `place`."""
    return {"issuer_parent": "", "issuer": f"ỦY BAN NHÂN DÂN\n{unit_name.upper()}", "place": place}
