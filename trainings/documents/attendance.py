"""The attendance list of a class (danh sách học viên) as an Excel file: its template (with an
instructions sheet and drop-down lists), and its counts read back, to fill the class report and to
be compared with what the report declares.

Every bad row is listed with its row number, as the registry imports do; a list with bad rows
gives no counts at all.
"""

import re
from dataclasses import dataclass, field
from functools import partial
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.styles import Font

from p135portal.excel import add_drop_down, cell_text, read_xlsx, write_xlsx
from p135portal.text import fold

HEADERS = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Chức vụ",
    "Thành phần",
    "Đơn vị",
    "Cán bộ trẻ (x)",
]
COLUMNS = {
    "stt": ["STT", "TT", "Số TT", "Số thứ tự"],
    "name": ["Họ và tên", "Họ tên", "Họ và tên học viên", "Tên học viên"],
    "gender": ["Giới tính", "Giới", "Nam/Nữ", "Nam, nữ"],
    "birth_year": ["Năm sinh"],
    "ethnicity": ["Dân tộc"],
    "role": ["Chức vụ / thành phần", "Chức vụ", "Chức danh"],
    "group": ["Thành phần", "Nhóm thành phần", "Thành phần học viên"],
    "unit": ["Đơn vị", "Đơn vị công tác", "Địa chỉ"],
    "young": ["Cán bộ trẻ (x)", "Cán bộ trẻ"],
}
OPTIONAL = {"stt", "birth_year", "role", "group", "unit", "young"}

# The groups of trainees the class report counts, as the list's drop-down offers them.
GROUPS = {
    "commune_officials": "Cán bộ cấp xã",
    "village_officials": "Cán bộ thôn, bản",
    "prestigious": "Người có uy tín",
    "residents": "Người dân, khác",
}

# The 54 ethnic groups of Vietnam as the statistics office lists them.
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
    "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Xtiêng", "Khơ Mú",
    "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ - Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì",
    "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô",
    "Mảng", "Cờ Lao", "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
]  # fmt: skip
TEMPLATE_ROWS = 300  # rows of the list that carry the drop-downs

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


_GROUP_KEYS = {fold(label): key for key, label in GROUPS.items()}
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
    groups: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    # Every row names its group: the breakdown by group is known.
    has_groups: bool = True
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, int]:
        """The report's figures this list gives: the counts, and the breakdown by group when known."""
        counted = {
            "participants": self.participants,
            "women": self.women,
            "ethnic_minority": self.ethnic_minority,
            "very_small_minorities": self.very_small_minorities,
            "young_cadres": self.young_cadres,
        }
        return counted | (self.groups if self.has_groups else {})


def template() -> bytes:
    """The empty list to fill, on its first sheet: the headers, and drop-downs for gender, ethnic
    group, group of trainee and young cadre. Instructions and an example row are on a second sheet,
    so that no example is ever counted."""
    workbook = load_workbook(
        BytesIO(
            write_xlsx(
                title="Danh sách học viên", headers=HEADERS, rows=[], column_widths=[6, 28, 10, 10, 14, 24, 18, 26, 14]
            )
        )
    )
    sheet = workbook.active
    lists = workbook.create_sheet("Danh mục")
    for row, name in enumerate(ETHNIC_GROUPS, start=1):
        lists.cell(row=row, column=1, value=name)
    for row, label in enumerate(GROUPS.values(), start=1):
        lists.cell(row=row, column=2, value=label)
    lists.sheet_state = "hidden"
    drop_down = partial(add_drop_down, sheet, last_row=TEMPLATE_ROWS + 1)

    drop_down("C", '"Nam,Nữ"', "Chọn Nam hoặc Nữ.")
    drop_down("E", f"'Danh mục'!$A$1:$A${len(ETHNIC_GROUPS)}", "Chọn dân tộc trong danh sách 54 dân tộc.", strict=False)
    drop_down("G", f"'Danh mục'!$B$1:$B${len(GROUPS)}", "Chọn thành phần: " + "; ".join(GROUPS.values()) + ".")
    drop_down("I", '"x"', "Ghi x nếu là cán bộ trẻ, để trống nếu không.")

    guide = workbook.create_sheet("Hướng dẫn")
    for line in [
        ["Hướng dẫn điền danh sách học viên"],
        [],
        ["Điền mỗi học viên một dòng ở trang «Danh sách học viên», từ dòng 2; không sửa dòng tiêu đề."],
        ["Giới tính: chọn Nam hoặc Nữ. Dân tộc: chọn trong danh sách 54 dân tộc (Kinh, Tày, Nùng, Dao, Mông …)."],
        ["Thành phần: chọn một trong " + "; ".join(GROUPS.values()) + " (để tính thành phần học viên)."],
        ["Cán bộ trẻ: ghi x nếu là cán bộ trẻ, để trống nếu không."],
        ["Khi nộp báo cáo, chọn tệp rồi bấm «Điền số liệu từ danh sách»: cổng tự đếm số học viên, nữ, DTTS,"],
        ["dân tộc rất ít người, cán bộ trẻ và thành phần; kiểm tra lại rồi nộp."],
        [],
        ["Ví dụ một dòng (không chép vào danh sách):"],
        HEADERS,
        [1, "Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", GROUPS["village_officials"], "Thôn Nà Pàn", "x"],
    ]:
        guide.append(line)
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 12
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _row_error(number: int, message: str) -> str:
    return _("Dòng %(row)s: %(message)s") % {"row": number, "message": message}


def _may_be_a_trainee(values: dict) -> bool:
    """A row with a number, a gender or an ethnic group. The lines a list ends with ("Lạng Sơn, ngày …",
    "NGƯỜI LẬP DANH SÁCH", the signer's name, "Cộng: 30 học viên") have none of them; only those after
    the last trainee are left out, so no trainee's row is ever skipped unread."""
    return any(cell_text(values, key) for key in ("stt", "gender", "ethnicity"))


def read_attendance(file) -> Attendance:
    """The counts of an uploaded list. Raises ValidationError when the file cannot be read (not
    .xlsx, too big, no header, missing columns, no rows); bad rows are listed in `errors`."""
    rows = read_xlsx(file, columns=COLUMNS, optional=OPTIONAL)
    rows = [(number, values) for number, values in rows if any(v is not None for k, v in values.items() if k != "stt")]
    while rows and not _may_be_a_trainee(rows[-1][1]):  # the lines under the table: place and date, signers
        rows.pop()
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
        group_text = cell_text(values, "group")
        group = _GROUP_KEYS.get(fold(group_text))
        if group_text and group is None:
            problems.append(_("cột «Thành phần» chọn một trong: %(groups)s") % {"groups": "; ".join(GROUPS.values())})
        if problems:
            counts.errors.append(_row_error(number, "; ".join(problems) + "."))
            continue
        counts.participants += 1
        counts.women += gender == "nu"
        if ethnic_key(ethnicity) != _KINH:
            counts.ethnic_minority += 1
            counts.very_small_minorities += is_very_small_minority(ethnicity)
        counts.young_cadres += young == "x"
        if group is None:
            counts.has_groups = False
        else:
            counts.groups[group] += 1
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
    """Every count of the list that differs from the report's, each in its own message; the
    breakdown by group too when every row of the list names its group."""
    problems = []
    for name, message in _COMPARED:
        listed, wanted = getattr(counts, name), declared.get(name)
        if wanted is not None and listed != wanted:
            problems.append(
                ValidationError(message, code="attendance_mismatch", params={"listed": listed, "declared": wanted})
            )
    if counts.has_groups:
        for name, label in GROUPS.items():
            listed, wanted = counts.groups[name], declared.get(name)
            if wanted is not None and listed != wanted:
                problems.append(
                    ValidationError(
                        _GROUP_MISMATCH,
                        code="attendance_mismatch",
                        params={"listed": listed, "declared": wanted, "group": label},
                    )
                )
    return problems


_GROUP_MISMATCH = gettext_lazy("Danh sách có %(listed)s học viên thuộc «%(group)s» nhưng báo cáo ghi %(declared)s.")
