"""The attendance list of a class (danh sách học viên) as an Excel file: its template, and its
counts read back to be compared with what the class report declares.

Every bad row is listed with its row number, as the registry imports do; a list with bad rows
gives no counts at all.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from p135portal.excel import cell_text, read_xlsx, write_xlsx
from p135portal.text import fold

HEADERS = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Chức vụ / thành phần",
    "Đơn vị",
    "Cán bộ trẻ (x)",
]
COLUMNS = {
    "stt": ["STT", "TT", "Số TT", "Số thứ tự"],
    "name": ["Họ và tên", "Họ tên", "Họ và tên học viên", "Tên học viên"],
    "gender": ["Giới tính", "Giới", "Nam/Nữ", "Nam, nữ"],
    "birth_year": ["Năm sinh"],
    "ethnicity": ["Dân tộc"],
    "role": ["Chức vụ / thành phần", "Chức vụ", "Thành phần", "Chức danh"],
    "unit": ["Đơn vị", "Đơn vị công tác", "Địa chỉ"],
    "young": ["Cán bộ trẻ (x)", "Cán bộ trẻ"],
}
OPTIONAL = {"stt", "birth_year", "role", "unit", "young"}

# The 16 ethnic groups of very small population (dưới 10.000 người) of Nghị định 57/2017/NĐ-CP.
VERY_SMALL_MINORITIES = [
    "Cống",
    "Mảng",
    "Pu Péo",
    "Si La",
    "Cờ Lao",
    "Bố Y",
    "La Ha",
    "Ngái",
    "Chứt",
    "Ơ Đu",
    "Brâu",
    "Rơ Măm",
    "Lô Lô",
    "Lự",
    "Pà Thẻn",
    "La Hủ",
]


def ethnic_key(name: str) -> str:
    """ "Cờ Lao", "Cơ Lao", "co-lao", "Dân tộc Cờ Lao" → "colao": letters only, folded."""
    folded = fold(name)
    folded = folded.removeprefix("dan toc ")
    return re.sub(r"[^a-z]", "", folded)


_VERY_SMALL = frozenset(ethnic_key(name) for name in VERY_SMALL_MINORITIES)
_KINH = ethnic_key("Kinh")


def is_very_small_minority(ethnicity: str) -> bool:
    return ethnic_key(ethnicity) in _VERY_SMALL


@dataclass
class Attendance:
    """What the list holds: the counts to compare with the report, or the problems of its rows."""

    participants: int = 0
    women: int = 0
    ethnic_minority: int = 0
    very_small_minorities: int = 0
    young_cadres: int = 0
    errors: list[str] = field(default_factory=list)


def template() -> bytes:
    """The empty list to fill: the headers only, so that no example row is ever counted."""
    return write_xlsx(
        title="Danh sách học viên",
        headers=HEADERS,
        rows=[],
        column_widths=[6, 28, 10, 10, 14, 26, 26, 14],
    )


def _row_error(number: int, message: str) -> str:
    return _("Dòng %(row)s: %(message)s") % {"row": number, "message": message}


def read_attendance(file) -> Attendance:
    """The counts of an uploaded list. Raises ValidationError when the file cannot be read (not
    .xlsx, too big, no header, missing columns, no rows); bad rows are listed in `errors`."""
    rows = read_xlsx(file, columns=COLUMNS, optional=OPTIONAL)
    rows = [(number, values) for number, values in rows if any(v is not None for k, v in values.items() if k != "stt")]
    if not rows:
        raise ValidationError(_("Danh sách học viên không có dòng nào dưới dòng tiêu đề."), code="empty_attendance")
    counts = Attendance()
    for number, values in rows:
        problems = []
        if not cell_text(values, "name"):
            problems.append(_("thiếu họ và tên"))
        gender = fold(cell_text(values, "gender"))
        if gender not in ("nam", "nu"):
            problems.append(_("giới tính phải ghi «Nam» hoặc «Nữ»"))
        ethnicity = cell_text(values, "ethnicity")
        if not ethnicity:
            problems.append(_("thiếu dân tộc"))
        young = fold(cell_text(values, "young"))
        if young not in ("", "x"):
            problems.append(_("cột «Cán bộ trẻ» chỉ ghi «x» hoặc để trống"))
        if problems:
            counts.errors.append(_row_error(number, "; ".join(problems) + "."))
            continue
        counts.participants += 1
        counts.women += gender == "nu"
        if ethnic_key(ethnicity) != _KINH:
            counts.ethnic_minority += 1
            counts.very_small_minorities += is_very_small_minority(ethnicity)
        counts.young_cadres += young == "x"
    return counts


# (field of the report, message when the list and the report differ)
_COMPARED = [
    ("participants", gettext_lazy("Danh sách có %(listed)s học viên nhưng báo cáo ghi %(declared)s.")),
    ("women", gettext_lazy("Danh sách có %(listed)s học viên nữ nhưng báo cáo ghi %(declared)s.")),
    (
        "ethnic_minority",
        gettext_lazy("Danh sách có %(listed)s học viên người dân tộc thiểu số nhưng báo cáo ghi %(declared)s."),
    ),
    (
        "very_small_minorities",
        gettext_lazy("Danh sách có %(listed)s học viên thuộc dân tộc rất ít người nhưng báo cáo ghi %(declared)s."),
    ),
    ("young_cadres", gettext_lazy("Danh sách có %(listed)s cán bộ trẻ (đánh dấu «x») nhưng báo cáo ghi %(declared)s.")),
]


def mismatches(counts: Attendance, declared: dict) -> list[ValidationError]:
    """Every count of the list that differs from the report's, each in its own message."""
    problems = []
    for name, message in _COMPARED:
        listed, wanted = getattr(counts, name), declared.get(name)
        if wanted is not None and listed != wanted:
            problems.append(
                ValidationError(message, code="attendance_mismatch", params={"listed": listed, "declared": wanted})
            )
    return problems
