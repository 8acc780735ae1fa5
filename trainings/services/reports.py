"""Writes of class reports, with their rules: the unit's report after a class, and the province
office's acceptance or return.

A report is checked as a whole and every problem is given at once (the phase's cap for the
audience, the dates, the counts and their breakdown by role, and the attendance list against
the counts); with any problem nothing is saved, not even the uploaded list.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from p135portal.audit import assign
from p135portal.excel import MAX_UPLOAD_BYTES
from p135portal.models import User
from p135portal.review import mark_sent, review_accept, review_reopen, review_return
from p135portal.text import clean, clean_multiline
from trainings.documents.attendance import mismatches, read_attendance
from trainings.models import AnnualPlan, ClassReport, LocalPlan, PlanClass
from trainings.selectors.reports import own_classes, reportable_classes
from trainings.services.plans import class_problems, plan_rules

REPORT_FIELDS = [
    "start_date",
    "end_date",
    "days",
    "participants",
    "women",
    "ethnic_minority",
    "very_small_minorities",
    "young_cadres",
    "commune_officials",
    "village_officials",
    "prestigious",
    "residents",
    "cost",
    "trainers",
    "evaluation",
]
COUNTS = [
    "participants",
    "women",
    "ethnic_minority",
    "very_small_minorities",
    "young_cadres",
    "commune_officials",
    "village_officials",
    "prestigious",
    "residents",
]


def plan_is_approved(plan_class: PlanClass) -> bool:
    """A class is reported on only once its plan is approved: the unit's local plan, or for a
    province class the province's annual plan."""
    if plan_class.local_plan_id:
        return plan_class.local_plan.status == LocalPlan.Status.ACCEPTED
    return plan_class.plan.status == AnnualPlan.Status.APPROVED


def _error(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _count_problems(data: dict) -> list[ValidationError]:
    problems = []
    for name in COUNTS:
        if data.get(name) is None or data[name] < 0:
            problems.append(
                _error(
                    _("Số “%(field)s” phải là số nguyên không âm."),
                    "bad_count",
                    field=ClassReport._meta.get_field(name).verbose_name,
                )
            )
    if problems:
        return problems
    total = data["participants"]
    if total < 1:
        problems.append(_error(_("Lớp phải có ít nhất 1 học viên."), "no_participants"))
    for name, label in (
        ("women", _("Số học viên nữ")),
        ("ethnic_minority", _("Số học viên người DTTS")),
        ("young_cadres", _("Số cán bộ trẻ")),
    ):
        if data[name] > total:
            problems.append(
                _error(
                    _("%(label)s (%(count)s) không được vượt tổng số học viên (%(total)s)."),
                    "part_exceeds_total",
                    label=label,
                    count=data[name],
                    total=total,
                )
            )
    if data["very_small_minorities"] > data["ethnic_minority"]:
        problems.append(
            _error(
                _("Số người dân tộc rất ít người (%(count)s) không được vượt số người DTTS (%(minority)s)."),
                "very_small_exceeds_minority",
                count=data["very_small_minorities"],
                minority=data["ethnic_minority"],
            )
        )
    roles = [data[name] for name in ("commune_officials", "village_officials", "prestigious", "residents")]
    if sum(roles) != total:
        problems.append(
            _error(
                _(
                    "Số học viên theo thành phần (cán bộ cấp xã %(commune)s + cán bộ thôn, bản %(village)s + người có"
                    " uy tín %(prestigious)s + người dân, thành phần khác %(residents)s = %(sum)s) phải bằng tổng số"
                    " học viên (%(total)s)."
                ),
                "roles_do_not_add_up",
                commune=roles[0],
                village=roles[1],
                prestigious=roles[2],
                residents=roles[3],
                sum=sum(roles),
                total=total,
            )
        )
    return problems


def report_problems(*, plan_class: PlanClass, data: dict, today: date) -> list[ValidationError]:
    """Everything wrong with a report of `plan_class` holding `data` (an empty list: nothing)."""
    problems = []
    if not plan_is_approved(plan_class):
        problems.append(
            _error(
                _("Kế hoạch có lớp này chưa được duyệt: chỉ báo cáo được lớp của kế hoạch đã duyệt."),
                "plan_not_approved",
            )
        )
    start, end, days = data.get("start_date"), data.get("end_date"), data.get("days")
    if start is None or end is None:
        problems.append(_error(_("Phải có ngày bắt đầu và ngày kết thúc thực tế."), "no_dates"))
    elif end < start:
        problems.append(_error(_("Ngày kết thúc không được trước ngày bắt đầu."), "ends_before_start"))
        end = None
    elif end > today:
        problems.append(
            _error(
                _("Lớp kết thúc ngày %(end)s, sau hôm nay: chỉ báo cáo được lớp đã kết thúc."),
                "not_ended",
                end=f"{end:%d/%m/%Y}",
            )
        )
    if days is None or days < 1:
        problems.append(_error(_("Số ngày thực tế phải từ 1 trở lên."), "no_days"))
        days = None
    try:
        rules = plan_rules(plan_class.plan)
    except ValidationError as error:
        problems.append(error)
    else:
        # The same rules, and the same words, as when the class was planned.
        actual = PlanClass(
            plan=plan_class.plan, topic=plan_class.topic, audience=plan_class.audience, start_date=start, end_date=end
        )
        actual.days = days
        problems += class_problems(plan_class.plan, rules, actual)
    problems += _count_problems(data)
    if data.get("cost") is None or data["cost"] < 0:
        problems.append(_error(_("Kinh phí thực hiện không được âm."), "negative_cost"))
    for name in ("trainers", "evaluation"):
        if not clean(data.get(name) or ""):
            problems.append(
                _error(
                    _("Phải ghi “%(field)s”."),
                    "required",
                    field=ClassReport._meta.get_field(name).verbose_name,
                )
            )
    return problems


def attendance_bytes(attendance) -> bytes:
    """The content of an uploaded attendance list; refused when not .xlsx or too big."""
    name = getattr(attendance, "name", "") or ""
    if name and not name.lower().endswith(".xlsx"):
        raise _error(
            _("Danh sách học viên phải là tệp Excel .xlsx (tải tệp mẫu để điền)."),
            "not_xlsx",
        )
    if hasattr(attendance, "seek"):
        attendance.seek(0)
    content = attendance.read(MAX_UPLOAD_BYTES + 1) if hasattr(attendance, "read") else bytes(attendance)
    if len(content) > MAX_UPLOAD_BYTES:
        raise _error(
            _("Tệp danh sách học viên quá lớn: chỉ nhận tệp không quá %(size)s MB."),
            "too_big",
            size=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    return content


def attendance_problems(content: bytes, data: dict) -> list[ValidationError]:
    """The problems of an attendance list: unreadable, bad rows, or counts other than declared."""
    try:
        counts = read_attendance(content)
    except ValidationError as error:
        return [
            _error(_("Danh sách học viên – %(problem)s"), error.code or "bad_attendance", problem=message)
            for message in error.messages
        ]
    if counts.errors:
        return [_error(_("Danh sách học viên – %(problem)s"), "attendance_row", problem=row) for row in counts.errors]
    return mismatches(counts, data)


def _stored_attendance(report: ClassReport | None) -> bytes | None:
    if report is None or not report.attendance:
        return None
    try:
        with report.attendance.open("rb") as file:
            return file.read()
    except FileNotFoundError:
        return None


@transaction.atomic
def classreport_submit(*, plan_class: PlanClass, data: dict, attendance=None, actor: User, today: date) -> ClassReport:
    """Write the report of a class that has ended, or change it while it is not accepted (a
    returned report goes back to the province office). `attendance`, when given, is the uploaded
    list; a list stored before is checked again against the new counts."""
    plan_class = (
        PlanClass.objects.select_for_update(of=("self",))
        .select_related("plan", "local_plan", "topic")
        .get(pk=plan_class.pk)
    )
    if not reportable_classes(actor).filter(pk=plan_class.pk).exists():
        raise _error(_("Bạn không báo cáo được lớp của đơn vị khác."), "not_yours")
    report = ClassReport.objects.select_for_update().filter(plan_class=plan_class).first()
    if report is not None and not own_classes(actor).filter(pk=plan_class.pk).exists():
        raise _error(
            _("Báo cáo của đơn vị do đơn vị sửa; nếu cần sửa, hãy trả lại báo cáo kèm ý kiến."), "not_yours_to_correct"
        )
    if report is not None and not report.is_editable:
        raise _error(_("Báo cáo đã được tỉnh chấp nhận và đã khóa: không sửa được."), "accepted")
    data = {name: data.get(name) for name in REPORT_FIELDS}
    for name in ("trainers", "evaluation"):
        data[name] = clean_multiline(data[name] or "")
    problems = report_problems(plan_class=plan_class, data=data, today=today)
    content = None
    if attendance is not None:
        try:
            content = attendance_bytes(attendance)
        except ValidationError as error:
            problems.append(error)
        else:
            problems += attendance_problems(content, data)
    elif (stored := _stored_attendance(report)) is not None:
        found = attendance_problems(stored, data)
        if found:
            problems.append(
                _error(
                    _(
                        "Danh sách học viên đã nộp trước đây không còn khớp với số liệu mới; hãy tải lên danh sách"
                        " đã sửa."
                    ),
                    "stored_attendance_mismatch",
                )
            )
            problems += found
    if problems:
        raise ValidationError(problems)

    report = report or ClassReport(plan_class=plan_class)
    assign(report, data, fields=REPORT_FIELDS)
    mark_sent(report, actor=actor)
    report._history_user = actor
    report.full_clean(exclude=["attendance", "plan_class"])
    if content is not None:
        report.attendance.save(f"bao-cao-lop-{plan_class.pk}.xlsx", ContentFile(content), save=False)
    report.save()
    return report


def classreport_accept(*, report: ClassReport, actor: User) -> ClassReport:
    """Sent → accepted by the province office; the report is then locked."""
    return review_accept(report, actor=actor)


def classreport_return(*, report: ClassReport, comment: str, actor: User) -> ClassReport:
    """Sent → returned to the unit with the office's comment, which the unit sees on its home page."""
    return review_return(report, comment=comment, actor=actor)


def classreport_reopen(*, report: ClassReport, reason: str, actor: User) -> ClassReport:
    """Accepted → returned to the unit for a recorded reason; the unit corrects it and sends it again."""
    return review_reopen(report, reason=reason, actor=actor)
