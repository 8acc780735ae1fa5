"""A decision's annex as governments publish it, read as it is.

Real annexes have title rows above the table, a header over one or two rows (a merged "Phân loại"
over "Xã ĐBKK", "Xã biên giới", "Xã ATK"), one name column for province, districts and communes
("TÊN TỈNH, HUYỆN, XÃ") with a hierarchical STT (I, II for the districts, 1, 2 for the communes),
headings for regions ("Xã khu vực III"), a "Tổng cộng" row, categories marked "x" in their columns.
This module finds the header and its columns, tells heading and total rows from units, and gives
each unit row the context of the headings above it (its district, its province, its commune in a
list of villages, its category) and the categories marked on it. Nothing here looks a unit up.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from communes.imports.base import COMMUNE, DISTRICT, KIND, PROVINCE, STT, VILLAGE
from communes.models import Category
from p135portal.excel import header_key, numbering_row, read_sheet
from p135portal.text import clean, fold, search_key

HEADER_ROWS_SEARCHED = 15
# A name column that holds the whole hierarchy, as annexes title it.
NAME = [
    *COMMUNE,
    "Tên tỉnh, huyện, xã",
    "Tỉnh, huyện, xã",
    "Tên huyện, xã",
    "Huyện, xã",
    "Tên tỉnh, xã",
    "Tên đơn vị hành chính",
    "Đơn vị hành chính",
    "Đơn vị",
    "Địa bàn",
]
NAME_WITH_VILLAGES = [
    "Tên xã, thôn",
    "Xã, thôn",
    "Tên xã, thôn, bản",
    "Tên huyện, xã, thôn",
    "Tên tỉnh, huyện, xã, thôn",
    "Tên xã, thôn, bản, tổ dân phố",
]
# Category columns and headings, by their folded header (p135portal.excel.header_key).
CATEGORY_PATTERNS = [
    (re.compile(r"\b(khu vuc|kv)\s*(iii|3)\b"), Category.KHU_VUC_III),
    (re.compile(r"\b(khu vuc|kv)\s*(ii|2)\b"), Category.KHU_VUC_II),
    (re.compile(r"\b(khu vuc|kv)\s*(i|1)\b"), Category.KHU_VUC_I),
    (re.compile(r"\b(dbkk|dac biet kho khan)\b"), Category.XA_DBKK),
    (re.compile(r"\bbien gioi\b"), Category.XA_BIEN_GIOI),
    (re.compile(r"\b(atk|an toan khu)\b"), Category.XA_ATK),
]
CATEGORY_WORDS = ("khu vuc", "kv", "dac biet", "dbkk", "bien gioi", "an toan", "atk")  # "Xã khu vực III"
# Prefixes compared with their tone marks (lower case): "Quan Sơn" is a commune, "Quận 1" a district;
# "Tịnh Bắc" a commune, "Tỉnh Lạng Sơn" a province.
DISTRICT_PREFIXES = ("huyện ", "thành phố ", "thị xã ", "quận ")
PROVINCE_PREFIXES = ("tỉnh ",)
COMMUNE_PREFIXES = ("xã ", "phường ", "thị trấn ", "tt. ", "tt ", "đặc khu ")
TOTALS = re.compile(r"^(tổng cộng|tổng số|tổng|cộng|toàn tỉnh)(\b|:)")  # in a row without STT
ROMAN = re.compile(r"^[IVXLC]+\.?$")  # upper case: villages are lettered a, b … i, v in lower case
GROUP_HEADERS = ("phan loai", "trong do", "dien", "loai xa", "thuoc dien")  # a merged cell over sub-headers
MARKS = {"x", "v", "co", "1", "✓", "✔"}


@dataclass
class Layout:
    """Where the header ends and which column holds what."""

    header_end: int
    name: int
    village: int | None = None
    district: int | None = None
    province: int | None = None
    kind: int | None = None
    stt: int | None = None
    categories: dict[int, str] = field(default_factory=dict)
    hierarchy_with_villages: bool = False  # one column for communes (headings) and their villages


@dataclass
class AnnexRow:
    """A row of the table: a unit (with the context of the headings above it) or a row skipped."""

    number: int
    skip: str = ""  # "heading" or "total"
    name: str = ""
    village: str = ""
    district: str = ""
    province: str = ""
    kind: str = ""
    categories: list[str] = field(default_factory=list)


def _category(text: str, *, villages: bool) -> str | None:
    key = header_key(text)
    for pattern, category in CATEGORY_PATTERNS:
        if pattern.search(key):
            if category == Category.XA_DBKK and villages:
                return Category.THON_DBKK
            return category
    return None


def _matches(text, aliases: list[str]) -> bool:
    return isinstance(text, str) and header_key(text) in {header_key(alias) for alias in aliases}


def _layout(rows: list[tuple[int, list]], *, villages: bool) -> Layout | None:
    """The header found among the first rows, over one or two rows (a merged cell holds its text
    in its first cell only): the row that names the most columns, the name column first."""
    best: tuple[tuple, Layout] | None = None
    for index, (number, top) in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        below = rows[index + 1][1] if index + 1 < len(rows) else []
        width = max(len(top), len(below))
        layout = Layout(header_end=number, name=-1)
        used_below = False
        for column in range(width):
            # The cell of the header row first; the one under it names the column when the header
            # row has none there (a merged group header such as "Phân loại" over its sub-headers).
            texts = [row[column] if column < len(row) else None for row in (top, below)]
            if isinstance(texts[0], str) and _column(layout, column, texts[0], villages=villages):
                continue
            # The row under the header names a column only under a merged cell (empty above, or a
            # group header such as "Phân loại xã"): a first data row is never taken for a header.
            grouped = texts[0] is None or header_key(texts[0]).startswith(GROUP_HEADERS)
            if grouped and isinstance(texts[1], str) and _column(layout, column, texts[1], villages=villages):
                used_below = True
        if layout.name < 0 and layout.village is None:
            continue
        if used_below:
            layout.header_end = rows[index + 1][0]
        named = [layout.village, layout.district, layout.province, layout.kind, layout.stt]
        score = (layout.name >= 0, sum(value is not None for value in named) + len(layout.categories))
        if best is None or score > best[0]:
            best = (score, layout)
    return best[1] if best else None


def _column(layout: Layout, column: int, text: str, *, villages: bool) -> bool:
    """Names `column` in the layout after the header `text`; False when the text names no column."""
    if villages and layout.name < 0 and _matches(text, NAME_WITH_VILLAGES):
        layout.name, layout.hierarchy_with_villages = column, True
    elif layout.name < 0 and _matches(text, NAME):
        layout.name = column
    elif layout.village is None and _matches(text, VILLAGE):
        layout.village = column
    elif layout.district is None and _matches(text, DISTRICT):
        layout.district = column
    elif layout.province is None and _matches(text, PROVINCE):
        layout.province = column
    elif layout.kind is None and _matches(text, KIND):
        layout.kind = column
    elif layout.stt is None and _matches(text, STT):
        layout.stt = column
    elif (category := _category(text, villages=villages)) and column not in layout.categories:
        layout.categories[column] = category
    else:
        return False
    return True


def _cell(values: list, column: int | None) -> str:
    if column is None or column < 0 or column >= len(values) or values[column] is None:
        return ""
    value = values[column]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def read_annex(file, *, villages: bool) -> list[AnnexRow]:
    """The rows of a published annex under its header, each a unit with its context or a skipped
    heading or total. Raises ValidationError (Vietnamese) when no header can be found."""
    rows = read_sheet(file)
    layout = _layout(rows, villages=villages)
    if layout is None:
        wanted = "«Tên xã, thôn»" if villages else "«Tên xã» (hoặc «Tên tỉnh, huyện, xã»)"
        raise ValidationError(
            _("Không tìm thấy dòng tiêu đề có cột %(columns)s trong %(rows)s dòng đầu của trang tính thứ nhất.")
            % {"columns": wanted, "rows": HEADER_ROWS_SEARCHED},
            code="no_header",
        )
    context = {"province": "", "district": "", "commune": "", "category": ""}
    result = []
    data = [(number, values) for number, values in rows if number > layout.header_end]
    for position, (number, values) in enumerate(data):
        if position == 0 and numbering_row([value for value in values if value is not None]):
            continue
        result.append(_row(number, values, layout, context, villages=villages))
    return [row for row in result if row is not None]


def _row(number: int, values: list, layout: Layout, context: dict, *, villages: bool) -> AnnexRow | None:
    name, village = _cell(values, layout.name), _cell(values, layout.village)
    stt = _cell(values, layout.stt)
    if not name and not village:
        return None
    if not stt and TOTALS.match(name.casefold()):
        return AnnexRow(number, skip="total", name=name)
    heading = _heading(name, stt, layout, village=village, villages=villages)
    if heading:
        _enter(context, heading, name, villages=villages)
        return AnnexRow(number, skip="heading", name=name)
    marked = [category for column, category in layout.categories.items() if fold(_cell(values, column)) in MARKS]
    if villages and (layout.hierarchy_with_villages or layout.village is not None):
        commune = context["commune"] if layout.hierarchy_with_villages else (name or context["commune"])
        village = name if layout.hierarchy_with_villages else village
    else:
        commune = name
    return AnnexRow(
        number,
        name=commune,
        village=village,
        district=_cell(values, layout.district) or context["district"],
        province=_cell(values, layout.province) or context["province"],
        kind=_cell(values, layout.kind),
        categories=marked or ([context["category"]] if context["category"] else []),
    )


def _heading(name: str, stt: str, layout: Layout, *, village: str, villages: bool) -> str:
    """What a heading row sets ("province", "district", "commune", "category", "other"), or "" for a
    unit row. A name with a commune prefix is never a heading in a list of communes ("Thị trấn Hữu
    Lũng" is a unit, "Huyện Hữu Lũng" the heading above it)."""
    lowered = name.casefold()
    if lowered.startswith(PROVINCE_PREFIXES):
        return "province"
    if lowered.startswith(DISTRICT_PREFIXES):
        return "district"
    if villages:  # villages are often lettered a, b … i, v: their STT says nothing
        if layout.hierarchy_with_villages and lowered.startswith(COMMUNE_PREFIXES):
            return "commune"
        if layout.village is not None and name and not village:
            return "commune"
        return ""
    if stt.isdigit():  # a numbered row is a unit ("Xã Biên Giới" of Tây Ninh included)
        return ""
    if _category(name, villages=False) and (
        not lowered.startswith(COMMUNE_PREFIXES) or header_key(search_key(name)).startswith(CATEGORY_WORDS)
    ):
        return "category"  # "Xã khu vực III", "II. CÁC XÃ BIÊN GIỚI"
    if lowered.startswith(COMMUNE_PREFIXES):
        return ""
    return "other" if ROMAN.match(stt) else ""


def _enter(context: dict, heading: str, name: str, *, villages: bool) -> None:
    """A heading sets its level of the context; a province or district heading clears what is under it."""
    if heading == "province":
        context.update(province=name, district="", commune="", category="")
    elif heading == "district":
        context.update(district=name, commune="", category="")
    elif heading == "other":  # an unnamed level ("II. BA VÌ"): what it heads is not the district above
        context.update(district="", commune="")
    elif heading == "commune":
        context["commune"] = name
    elif heading == "category":
        context["category"] = _category(name, villages=villages) or ""
