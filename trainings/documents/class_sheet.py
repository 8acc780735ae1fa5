"""A local plan's classes as an Excel sheet the officer edits and sends back (the round trip).

The sheet holds every class of the plan with its "Mã lớp" (the class's number in the portal), the
columns' allowed values as drop-downs (topics, audiences, levels), dates as dates, money as whole
đồng. Read back, each row becomes the data of one class (a row without a code is a new class; a
class whose code is missing from the file is removed), or the problems of that row, named by its
row number. What the rows change is decided by trainings.services.local_plans.local_classes_compare.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Font

from communes.imports.base import RowProblem, parse_number
from p135portal.excel import add_drop_down, cell_text, read_xlsx, write_xlsx
from p135portal.text import fold
from trainings.models import LocalPlan, PlanClass, Topic

HEADERS = [
    "Mã lớp",
    "Nội dung",
    "Đối tượng",
    "Cấp",
    "Địa điểm",
    "Ngày bắt đầu",
    "Ngày kết thúc",
    "Số ngày",
    "Số học viên",
    "Trong đó nữ",
    "Trong đó DTTS",
    "Trong đó cán bộ trẻ",
    "Kinh phí (đồng)",
]
COLUMNS = {
    "id": ["Mã lớp", "Mã"],
    "topic": ["Nội dung", "Nội dung đào tạo, bồi dưỡng"],
    "audience": ["Đối tượng"],
    "level": ["Cấp", "Cấp tổ chức"],
    "place": ["Địa điểm"],
    "start_date": ["Ngày bắt đầu", "Từ ngày"],
    "end_date": ["Ngày kết thúc", "Đến ngày"],
    "days": ["Số ngày"],
    "participants": ["Số học viên", "Học viên"],
    "women": ["Trong đó nữ", "Nữ"],
    "ethnic_minority": ["Trong đó DTTS", "DTTS", "Trong đó người DTTS"],
    "young_cadres": ["Trong đó cán bộ trẻ", "Cán bộ trẻ"],
    "cost": ["Kinh phí (đồng)", "Kinh phí", "Kinh phí dự kiến (đồng)"],
}
OPTIONAL = {"id", "days", "women", "ethnic_minority", "young_cadres"}
LOCAL_LEVELS = [level for level in PlanClass.Level if level != PlanClass.Level.PROVINCE]
MAX_COUNT = 2_147_483_647  # the largest value of the count and money columns a row may hold
TEMPLATE_ROWS = 300  # rows the drop-downs cover below the classes
WIDTHS = [8, 40, 16, 12, 24, 13, 13, 9, 11, 10, 11, 12, 16]


@dataclass
class SheetRows:
    """The file read back: the classes' data by row number, and every row's problems."""

    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _topics(local_plan: LocalPlan):
    used = local_plan.classes.values("topic_id")
    return Topic.objects.filter(active=True) | Topic.objects.filter(pk__in=used)


def classes_workbook(local_plan: LocalPlan) -> bytes:
    """The plan's classes to edit in Excel, with drop-downs and a sheet of instructions."""
    classes = local_plan.classes.select_related("topic").order_by("start_date", "pk")
    rows = [
        [
            plan_class.pk,
            plan_class.topic.name,
            plan_class.get_audience_display(),
            plan_class.get_level_display(),
            plan_class.place,
            plan_class.start_date,
            plan_class.end_date,
            plan_class.days,
            plan_class.participants,
            plan_class.women,
            plan_class.ethnic_minority,
            plan_class.young_cadres,
            plan_class.cost,
        ]
        for plan_class in classes
    ]
    title = f"Các lớp {local_plan.unit.name}"[:31]
    workbook = load_workbook(BytesIO(write_xlsx(title=title, headers=HEADERS, rows=rows, column_widths=WIDTHS)))
    sheet = workbook.active
    lists = workbook.create_sheet("Danh mục")
    topics = list(_topics(local_plan).distinct().order_by("name").values_list("name", flat=True))
    for column, values in enumerate(
        [topics, [str(label) for label in PlanClass.Audience.labels], [str(level.label) for level in LOCAL_LEVELS]],
        start=1,
    ):
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=column, value=value)
    lists.sheet_state = "hidden"
    last = len(rows) + TEMPLATE_ROWS + 1

    def drop_down(column: str, source: str, count: int, prompt: str) -> None:
        formula = f"'Danh mục'!${source}$1:${source}${max(count, 1)}"
        add_drop_down(sheet, column, formula, prompt, last_row=last)

    drop_down("B", "A", len(topics), _("Chọn nội dung trong danh mục."))
    drop_down("C", "B", len(PlanClass.Audience), _("Chọn Cán bộ cơ sở hoặc Cộng đồng."))
    drop_down("D", "C", len(LOCAL_LEVELS), _("Chọn cấp tổ chức lớp."))
    guide = workbook.create_sheet("Hướng dẫn")
    for line in [
        [_("Sửa các lớp của kế hoạch rồi tải tệp lên lại trang kế hoạch (nút «Nhập từ Excel»).")],
        [_("Không sửa cột «Mã lớp»: đó là lớp đã có trên cổng. Dòng để trống «Mã lớp» là lớp mới.")],
        [_("Xóa một dòng là bỏ lớp đó khỏi kế hoạch. Cổng cho xem trước mọi thay đổi trước khi lưu.")],
        [_("Ngày ghi dd/mm/yyyy; kinh phí ghi số đồng, ví dụ 25.000.000; để trống «Số ngày» thì cổng tự tính.")],
    ]:
        guide.append(line)
    guide["A1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 110
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _choice(text: str, choices, label: str) -> str:
    wanted = fold(text)
    for value, name in choices:
        if fold(str(name)) == wanted or fold(value) == wanted:
            return value
    names = ", ".join(f"«{name}»" for _value, name in choices)
    raise RowProblem(
        _("%(label)s «%(text)s» không hợp lệ, cần một trong: %(names)s.")
        % {"label": label, "text": text, "names": names}
    )


def _date(value, label: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise RowProblem(
            _("%(label)s «%(text)s» không phải ngày dd/mm/yyyy.") % {"label": label, "text": text}
        ) from None


def _count(value, label: str, *, minimum: int = 0, default: int | None = None) -> int | None:
    if value is None or str(value).strip() == "":
        return default
    number = parse_number(value, label)
    if number != number.to_integral_value() or number < minimum or number > MAX_COUNT:
        raise RowProblem(
            _("%(label)s «%(value)s» phải là số nguyên từ %(min)s.") % {"label": label, "value": value, "min": minimum}
        )
    return int(number)


def read_classes(file, local_plan: LocalPlan) -> SheetRows:
    """The classes of an uploaded sheet. Raises ValidationError when the file cannot be read."""
    topics = {" ".join(topic.name.casefold().split()): topic for topic in _topics(local_plan).distinct()}
    result = SheetRows()
    for number, values in read_xlsx(file, columns=COLUMNS, optional=OPTIONAL):
        try:
            result.rows.append((number, _class_data(values, topics)))
        except RowProblem as problem:
            result.errors.append(_("Dòng %(row)s: %(problem)s") % {"row": number, "problem": problem})
    if not result.rows and not result.errors:
        raise ValidationError(_("Tệp không có lớp nào dưới dòng tiêu đề."), code="empty")
    return result


def _class_data(values: dict, topics: dict[str, Topic]) -> dict:
    code = cell_text(values, "id")
    topic = topics.get(" ".join(cell_text(values, "topic").casefold().split()))
    if topic is None:
        raise RowProblem(_("nội dung «%(topic)s» không có trong danh mục.") % {"topic": cell_text(values, "topic")})
    place = cell_text(values, "place")
    if not place:
        raise RowProblem(_("thiếu địa điểm."))
    if len(place) > PlanClass._meta.get_field("place").max_length:
        raise RowProblem(_("địa điểm dài quá %(max)s ký tự.") % {"max": PlanClass._meta.get_field("place").max_length})
    start, end = _date(values.get("start_date"), _("Ngày bắt đầu")), _date(values.get("end_date"), _("Ngày kết thúc"))
    if end < start:
        raise RowProblem(_("ngày kết thúc trước ngày bắt đầu."))
    data = {
        "id": _count(code, _("Mã lớp"), minimum=1) if code else None,
        "topic": topic,
        "audience": _choice(cell_text(values, "audience"), PlanClass.Audience.choices, _("Đối tượng")),
        "level": _choice(cell_text(values, "level"), [(level.value, level.label) for level in LOCAL_LEVELS], _("Cấp")),
        "place": place,
        "start_date": start,
        "end_date": end,
        "days": _count(values.get("days"), _("Số ngày"), minimum=1) or (end - start).days + 1,
        "participants": _count(values.get("participants"), _("Số học viên"), minimum=1),
        "women": _count(values.get("women"), _("Trong đó nữ"), default=0),
        "ethnic_minority": _count(values.get("ethnic_minority"), _("Trong đó DTTS"), default=0),
        "young_cadres": _count(values.get("young_cadres"), _("Trong đó cán bộ trẻ"), default=0),
        "cost": _count(values.get("cost"), _("Kinh phí"), default=0),
    }
    if data["participants"] is None:
        raise RowProblem(_("thiếu số học viên."))
    if max(data["women"], data["ethnic_minority"], data["young_cadres"]) > data["participants"]:
        raise RowProblem(_("số nữ, người DTTS, cán bộ trẻ không được vượt số học viên."))
    return data


def as_payload(rows: list[tuple[int, dict]]) -> list:
    """The rows as plain data to carry from the preview to the confirmation (signed by the view)."""
    return [
        [
            number,
            {
                **data,
                "topic": data["topic"].pk,
                "start_date": data["start_date"].isoformat(),
                "end_date": data["end_date"].isoformat(),
            },
        ]
        for number, data in rows
    ]


def from_payload(payload: list) -> list[tuple[int, dict]]:
    topics = Topic.objects.in_bulk([data["topic"] for _number, data in payload])
    rows = []
    for number, data in payload:
        if data["topic"] not in topics:
            raise ValidationError(_("Một nội dung trong tệp vừa bị xóa khỏi danh mục; hãy tải tệp lên lại."))
        rows.append(
            (
                number,
                {
                    **data,
                    "topic": topics[data["topic"]],
                    "start_date": date.fromisoformat(data["start_date"]),
                    "end_date": date.fromisoformat(data["end_date"]),
                    "cost": int(Decimal(data["cost"])),
                },
            )
        )
    return rows
