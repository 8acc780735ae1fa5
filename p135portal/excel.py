"""Excel files in and out, shared by every app: exports, import templates, uploaded lists.

Written cells are safe to open: a text that Excel would take for a formula ("=…", "+…",
"-…", "@…") is stored as text with a quote prefix, never as a formula. Read files are
matched to the expected columns by their headers, folded the way names are
(p135portal.text.fold), so "Tên xã", "TÊN XÃ" and "ten xa" are the same column.
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from p135portal.numbers import group_thousands
from p135portal.text import clean, fold

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A 5 MB zip can inflate to gigabytes of XML; real lists stay far below this.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
# Rows read from one uploaded sheet: a whole country's communes (10,051) fit with room to spare.
MAX_ROWS = 20_000
MAX_COLUMNS = 100  # columns read: a sheet claiming 16,384 columns is not walked cell by cell

_FORMULA_START = ("=", "+", "-", "@")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_DATE_FORMAT = "DD/MM/YYYY"
_DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def looks_like_formula(text: str) -> bool:
    """Would Excel (or LibreOffice) evaluate this text? Tab and CR count as triggers too."""
    return text[:1] in ("\t", "\r") or text.lstrip()[:1] in _FORMULA_START


def _cell_value(value):
    """A Python value as openpyxl should store it: numbers and dates as they are, the rest as text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        # Excel has no time zones: write the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date | time):
        return value
    # Control characters (other than tab and line breaks) are not allowed in the file format.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) or None


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return clean(_SHEET_TITLE_FORBIDDEN.sub(" ", str(title)))[:31].strip() or "Sheet1"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title, a header row and the rows under it."""

    title: str
    headers: list[str]
    rows: Iterable[Sequence]
    column_widths: Sequence[int | None] | None = None


def write_xlsx(
    *,
    title: str,
    headers: list[str],
    rows: Iterable[Sequence],
    column_widths: Sequence[int | None] | None = None,
) -> bytes:
    """One sheet named `title`: a bold, frozen header row, then `rows`.

    Numbers stay numbers and dates are shown dd/mm/yyyy; every other value is written as
    text. Columns are as wide as their longest value (within bounds) unless
    `column_widths` gives a width (None: automatic) for a column.
    """
    return write_workbook([Sheet(title, headers, rows, column_widths)])


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of several sheets, each written as write_xlsx writes its one."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(_sheet_title(sheet.title)), sheet)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_sheet(sheet, content: Sheet) -> None:
    headers, rows, column_widths = content.headers, content.rows, content.column_widths
    widths = [_width(header) for header in headers]
    sheet.append([_cell_value(header) for header in headers])
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0)
            widths[index] = max(widths[index], _width(value))

    bold = Font(bold=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            elif isinstance(cell.value, datetime):
                cell.number_format = _DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = _DATE_FORMAT
            if cell.row == 1:
                cell.font = bold
                cell.alignment = wrap

    for index, width in enumerate(widths, start=1):
        chosen = column_widths[index - 1] if column_widths and index <= len(column_widths) else None
        sheet.column_dimensions[get_column_letter(index)].width = chosen or min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"


def _ascii_filename(filename: str) -> str:
    """ "Danh sách xã Đồng Đăng.xlsx" → "Danh-sach-xa-Dong-Dang.xlsx", for clients without RFC 5987."""
    decomposed = unicodedata.normalize("NFD", filename.replace("Đ", "D").replace("đ", "d"))
    plain = decomposed.encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-")
    return plain if plain.strip(".") and not plain.startswith(".") else f"tai-ve{plain}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition of every file the portal gives out: the Vietnamese name
    (RFC 5987) with an ASCII fallback for old clients."""
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{_ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A download of `content`, named `filename` even when it has Vietnamese letters."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def header_key(text) -> str:
    """How a header cell is compared: folded, without "(…)" notes, punctuation or spacing."""
    folded = fold(re.sub(r"\([^)]*\)", " ", str(text or "")))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def check_xlsx_upload(upload) -> None:
    """What a form checks of an uploaded Excel file before reading it: an .xlsx, within the size limit."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(
            _("Chỉ nhận tệp Excel .xlsx. Nếu tệp là .xls hoặc .csv, hãy mở bằng Excel và lưu lại dưới dạng .xlsx."),
            code="not_xlsx",
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp quá lớn: chỉ nhận tệp không quá %(size)s MB."),
            code="too_big",
            params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )


def cell_text(values: dict, key: str) -> str:
    """A read cell as clean text: empty for a blank cell, 12 rather than 12.0 for a whole number."""
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _file_bytes(file) -> bytes:
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Tệp quá lớn: chỉ nhận tệp Excel không quá %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_big",
        )
    return data


def _not_xlsx() -> ValidationError:
    return ValidationError(
        _("Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."),
        code="not_xlsx",
    )


def _open_workbook(data: bytes):
    not_xlsx = _not_xlsx()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            _("Tệp Excel 97-2003 (.xls) không được hỗ trợ. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx."),
            code="xls",
        )
    if not data.startswith(b"PK"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise not_xlsx
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise not_xlsx from error


def _read_value(cell):
    value = cell.value
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # A cell shown as "45,5%" holds 0.455: people mean what they see.
        return round(value * 100, 10)
    return value


def numbering_row(values: list) -> bool:
    """The "(1) (2) (3) …" row official forms put under their headers."""
    filled = [value for value in values if value is not None]
    if len(filled) < 3:
        return False
    numbers = [str(value).strip("()") for value in filled]
    return numbers == [str(number) for number in range(1, len(numbers) + 1)]


def add_drop_down(sheet, column: str, formula: str, prompt: str, *, last_row: int, strict: bool = True) -> None:
    """A drop-down of allowed values on `column` from row 2 to `last_row`: a list ('"Nam,Nữ"') or a
    range of a sheet ("'Danh mục'!$A$1:$A$54"); `strict` refuses other values, else only warns."""
    check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
    check.errorStyle = "stop" if strict else "warning"
    check.error, check.prompt, check.showInputMessage = prompt, prompt, True
    check.add(f"{column}2:{column}{last_row}")
    sheet.add_data_validation(check)


def read_xlsx(file, *, columns: dict[str, list[str]], optional: Iterable[str] = ()) -> list[tuple[int, dict]]:
    """The rows of the first sheet of an uploaded .xlsx, as (Excel row number, {key: value}).

    `columns` maps each key to the headers it may have ({"commune": ["Tên xã", "Xã"]});
    the header row is found among the first rows of the sheet. Keys in `optional` may be
    missing (their value is then None). Text is NFC-cleaned, empty cells are None, numbers
    and dates are as read. Rows with nothing in the expected columns are left out.
    Raises ValidationError, in Vietnamese, for a file too big or not .xlsx, and names
    the required columns that are missing.
    """
    with _reading(file) as workbook:
        return _read_rows(workbook, columns, set(optional))


@contextmanager
def _reading(file):
    """The uploaded workbook, open for reading; any failure while its rows are read (openpyxl reads
    them lazily: a damaged part fails only then) is the Vietnamese "not a valid .xlsx"."""
    workbook = _open_workbook(_file_bytes(file))
    try:
        yield workbook
    except ValidationError:
        raise
    except Exception as error:
        raise _not_xlsx() from error
    finally:
        workbook.close()


def _width(sheet) -> int:
    """The columns to read: the sheet's own width as its file states it, at most MAX_COLUMNS (a read-only
    row is padded to the width asked, so asking 100 of a 5-column list reads 20 times the cells)."""
    try:
        width = sheet.max_column
    except Exception:  # a damaged dimension: the cap
        width = None
    return min(MAX_COLUMNS, width) if isinstance(width, int) and width > 0 else MAX_COLUMNS


def read_sheet(file) -> list[tuple[int, list]]:
    """Every non-empty row of the first sheet of an uploaded .xlsx as (Excel row number, [cell values]),
    values read as read_xlsx reads them, for files whose layout the caller works out itself (a
    decision's annex with title rows and two-row headers). Bounded by MAX_ROWS and MAX_COLUMNS; a
    damaged file is a ValidationError in Vietnamese."""
    rows = []
    with _reading(file) as workbook:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(max_col=_width(sheet)), start=1):
            if number > MAX_ROWS:
                raise _too_many_rows()
            values = [_read_value(cell) for cell in row]
            while values and values[-1] is None:  # read-only rows are padded to the widest row
                values.pop()
            if values:
                rows.append((number, values))
    return rows


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("Tệp có hơn %(rows)s dòng: hãy chia thành nhiều tệp nhỏ hơn.") % {"rows": group_thousands(MAX_ROWS)},
        code="too_many_rows",
    )


def _read_rows(workbook, columns: dict[str, list[str]], optional: set[str]) -> list[tuple[int, dict]]:
    wanted = {header_key(alias): key for key, aliases in columns.items() for alias in aliases}
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(max_col=_width(sheet))
    best: tuple[int, dict[int, str]] = (0, {})
    searched = []
    for number, row in enumerate(rows, start=1):
        searched.append(row)
        found: dict[int, str] = {}
        for index, cell in enumerate(row):
            key = wanted.get(header_key(cell.value)) if isinstance(cell.value, str) else None
            if key and key not in found.values():
                found[index] = key
        if len(found) > len(best[1]):
            best = (number, found)
        if number >= HEADER_SEARCH_ROWS:
            break
    header_row, positions = best
    missing = [key for key in columns if key not in optional and key not in positions.values()]
    if not positions:
        raise ValidationError(
            _(
                "Không tìm thấy dòng tiêu đề trong %(rows)s dòng đầu của trang tính thứ nhất. "
                "Tệp cần có các cột: %(columns)s."
            )
            % {
                "rows": HEADER_SEARCH_ROWS,
                "columns": ", ".join(f"«{columns[key][0]}»" for key in columns if key not in optional),
            },
            code="no_header",
        )
    if missing:
        raise ValidationError(
            _("Tệp thiếu cột %(columns)s (tìm ở dòng tiêu đề số %(row)s).")
            % {"columns": ", ".join(f"«{columns[key][0]}»" for key in missing), "row": header_row},
            code="missing_column",
        )

    result = []
    # The rows already read while looking for the header, then the rest of the sheet.
    for number, row in enumerate([*searched[header_row:], *rows], start=header_row + 1):
        if number > MAX_ROWS:
            raise _too_many_rows()
        values = {key: None for key in columns}
        for index, key in positions.items():
            if index < len(row):
                values[key] = _read_value(row[index])
        ordered = [values[key] for _index, key in sorted(positions.items())]
        if all(value is None for value in ordered):
            continue
        if number == header_row + 1 and numbering_row(ordered):
            continue
        result.append((number, values))
    return result
