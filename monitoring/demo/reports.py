"""Demo periodic reports of Lạng Sơn for seed_demo: the 2025 and 2026 schedules and their reports.

2025 shows both systems: its 3- and 6-month reports come from the districts (Huyện Bình Gia's
6-month report was returned with a comment), its 9-month and annual reports from the new
communes. 2026 comes from the communes: many reports accepted, some waiting for review, the
rest late; the annual report is not yet due. Which unit did what is fixed by its place in the
list, so every run gives the same picture. Reports of units without a demo officer are recorded
as sent by the province officer who entered them.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from communes.models import Unit
from monitoring.models import PeriodicReport, ReportPeriod, ReportSchedule
from monitoring.selectors.reports import units_due
from monitoring.services.reports import schedule_create
from p135portal.models import Role, User

RETURN_COMMENT = (
    "Số liệu giải ngân chưa khớp với số liệu Kho bạc đến 30/06/2025; đề nghị bổ sung phần khó khăn, vướng mắc"
    " và kiến nghị, gửi lại trước ngày 25/7/2025."
)
NARRATIVE = (
    "Trong kỳ, {unit} đã triển khai các nội dung của Chương trình 135 theo kế hoạch được giao: tổ chức họp"
    " dân lựa chọn danh mục công trình, hướng dẫn các thôn xây dựng kế hoạch phát triển sản xuất, phối hợp"
    " với các cơ quan chuyên môn tổ chức tập huấn cho cán bộ cơ sở và cộng đồng.\n\n"
    "Khó khăn: địa bàn rộng, giao thông đi lại khó khăn; một số công trình khởi công chậm do vướng mặt bằng.\n\n"
    "Kiến nghị: đề nghị Ban Dân tộc tỉnh sớm hướng dẫn thủ tục thanh toán, quyết toán nguồn vốn năm nay."
)

# For each (year, period kind): how many of the units (in code order) have their report accepted,
# then how many waiting for review; one accepted in three came after the due date; the rest sent nothing.
PLAN = {
    (2025, ReportPeriod.Kind.THREE_MONTHS): (11, 0),
    (2025, ReportPeriod.Kind.SIX_MONTHS): (7, 2),
    (2025, ReportPeriod.Kind.NINE_MONTHS): (55, 5),
    (2025, ReportPeriod.Kind.YEAR): (50, 8),
    (2026, ReportPeriod.Kind.THREE_MONTHS): (40, 6),
    (2026, ReportPeriod.Kind.SIX_MONTHS): (30, 10),
    (2026, ReportPeriod.Kind.NINE_MONTHS): (0, 18),
    (2026, ReportPeriod.Kind.YEAR): (0, 0),
}
RETURNED = {(2025, ReportPeriod.Kind.SIX_MONTHS): ("district", "181")}  # Huyện Bình Gia
# Xã Đồng Đăng (xa.dongdang) is among the first units of 2026; its 9-month report stays unsent (late).
UNSENT = {(2026, ReportPeriod.Kind.NINE_MONTHS): ("commune", "06184")}


@transaction.atomic
def seed_reports(*, actor: User) -> str:
    created_schedules = 0
    for year in (2025, 2026):
        if not ReportSchedule.objects.filter(year=year).exists():
            schedule_create(year=year, actor=actor)
            created_schedules += 1
    officers = {user.unit_id: user for user in User.objects.filter(role=Role.LOCAL_OFFICER, unit__isnull=False)}
    created = 0
    periods = ReportPeriod.objects.filter(schedule__year__in=[2025, 2026]).select_related("schedule")
    for period in periods:
        accepted, waiting = PLAN[(period.year, period.kind)]
        units = list(units_due(period).order_by("code"))
        returned = RETURNED.get((period.year, period.kind))
        unsent = UNSENT.get((period.year, period.kind))
        for index, unit in enumerate(units):
            key = (unit.level, unit.code)
            if key == unsent:
                continue
            if key == returned:
                status = PeriodicReport.Status.RETURNED
            elif index < accepted:
                status = PeriodicReport.Status.ACCEPTED
            elif index < accepted + waiting:
                status = PeriodicReport.Status.SENT
            else:
                continue
            late = status == PeriodicReport.Status.ACCEPTED and (index + period.months // 3) % 3 == 2
            created += _report(period, unit, status, late, officers.get(unit.pk) or actor, actor)
    return (
        f"Báo cáo định kỳ: {created_schedules} lịch năm mới, {created} báo cáo mẫu mới"
        if created_schedules or created
        else "Báo cáo định kỳ: không thay đổi"
    )


def _report(period: ReportPeriod, unit: Unit, status: str, late: bool, sender: User, actor: User) -> int:
    if PeriodicReport.objects.filter(period=period, unit=unit).exists():
        return 0
    sent_on = period.due_on + timedelta(days=4) if late else period.due_on - timedelta(days=3 + unit.pk % 5)
    sent_at = timezone.make_aware(datetime.combine(sent_on, time(9, 30)))
    report = PeriodicReport(
        period=period,
        unit=unit,
        status=status,
        disbursed=(unit.pk % 7 + 1) * 150_000_000 * period.months // 3,
        paid=(unit.pk % 7 + 1) * 120_000_000 * period.months // 3,
        classes=unit.pk % 3 + period.months // 3,
        trainees=(unit.pk % 3 + period.months // 3) * 35,
        poor_households_out=(unit.pk % 11) * period.months // 3,
        narrative=NARRATIVE.format(unit=unit.name),
        sent_at=sent_at,
        sent_by=sender,
        late=late,
    )
    if status != PeriodicReport.Status.SENT:
        report.reviewed_at, report.reviewed_by = sent_at + timedelta(days=2), actor
    if status == PeriodicReport.Status.RETURNED:
        report.comment = RETURN_COMMENT
    report._history_user = sender
    report.full_clean()
    report.save()
    return 1
