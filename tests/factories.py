"""Factories of the tests: one function per model, each writing a valid row with the values a test
does not care about filled in, and what it does care about given as arguments.

They write through the ORM, not the services: a factory builds the state a test starts from
(any status, any unit), and the services are tested on their own.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from budgets.models import Allocation, Share
from communes.models import Category, Phase, Unit, Village
from monitoring.models import (
    Beneficiary,
    Handover,
    HouseholdCheck,
    ImplementationPlan,
    InspectionPlan,
    InspectionRound,
    PeriodicReport,
    Remediation,
    ReportAttachment,
    ReportPeriod,
    ReportSchedule,
    SupportItem,
    Task,
)
from p135portal.models import User
from summary.models import SummaryFile
from trainings.demo.plans import PLAN_2018
from trainings.models import AnnualPlan, ClassReport, LocalBudget, LocalPlan, PlanClass, Topic

# ------------------------------------------------------------------ trainings


def annual_plan(phase: Phase, *, year: int = 2018, **changes) -> AnnualPlan:
    """The province's annual plan of `year` (a draft unless `status` says otherwise), with the texts
    of the Lạng Sơn plan of 2018."""
    return AnnualPlan.objects.create(year=year, phase=phase, **{**PLAN_2018, **changes})


def topic(name: str = "Kỹ năng lập kế hoạch phát triển thôn") -> Topic:
    return Topic.objects.get_or_create(name=name)[0]


def local_budget(plan: AnnualPlan, unit: Unit, amount: int = 200_000_000) -> LocalBudget:
    """The unit's share of the plan's budget: the ceiling of its local plan."""
    return LocalBudget.objects.create(plan=plan, unit=unit, amount=amount)


def local_plan(plan: AnnualPlan, unit: Unit, **changes) -> LocalPlan:
    return LocalPlan.objects.create(plan=plan, unit=unit, **changes)


def plan_class(plan: AnnualPlan, local_plan: LocalPlan | None = None, **changes) -> PlanClass:
    """A four-day community class of 40 people in June of the plan's year."""
    values = {
        "topic": topic(),
        "audience": PlanClass.Audience.COMMUNITY,
        "level": PlanClass.Level.DISTRICT if local_plan else PlanClass.Level.PROVINCE,
        "place": "Thị trấn Thất Khê",
        "start_date": date(plan.year, 6, 4),
        "end_date": date(plan.year, 6, 7),
        "days": 4,
        "participants": 40,
        "women": 15,
        "ethnic_minority": 36,
        "young_cadres": 4,
        "cost": 50_000_000,
        **changes,
    }
    return PlanClass.objects.create(plan=plan, local_plan=local_plan, **values)


def class_report(plan_class: PlanClass, *, attendance: bool = False, **changes) -> ClassReport:
    """The sent report of `plan_class`, as it was planned; with an attendance file when asked."""
    values = {
        "start_date": plan_class.start_date,
        "end_date": plan_class.end_date,
        "days": plan_class.days,
        "participants": plan_class.participants,
        "residents": plan_class.participants,
        "cost": plan_class.cost,
        "trainers": "Phòng Dân tộc huyện",
        "evaluation": "Học viên nắm được nội dung.",
        "status": ClassReport.Status.SENT,
        "sent_at": timezone.now(),
        **changes,
    }
    report = ClassReport(plan_class=plan_class, **values)
    if attendance:
        report.attendance.save("danh-sach.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    report.save()
    return report


# ------------------------------------------------------------------ budgets


def allocation(phase: Phase, actor: User, *, year: int = 2018, **changes) -> Allocation:
    values = {
        "title": f"Phân bổ vốn đầu tư cơ sở hạ tầng năm {year}",
        "year": year,
        "component": "ha_tang",
        "phase": phase,
        "category": Category.XA_DBKK,
        "pool": 1_000_000_000,
        "created_by": actor,
        **changes,
    }
    return Allocation.objects.create(**values)


def share(allocation: Allocation, unit: Unit, *, amount: int = 500_000_000) -> Share:
    return Share.objects.create(allocation=allocation, unit=unit, coefficient=Decimal("1"), amount=amount)


# ------------------------------------------------------------------ monitoring


def inspection_plan(*, year: int = 2024, unit: Unit | None = None, **changes) -> InspectionPlan:
    level = "huyen" if unit else "tinh"
    return InspectionPlan.objects.create(
        year=year, unit=unit, level=level, title=f"Kế hoạch kiểm tra năm {year}", **changes
    )


def inspection_round(plan: InspectionPlan, units: list[Unit], **changes) -> InspectionRound:
    values = {"name": "Đợt 1", "start_date": date(plan.year, 6, 10), "end_date": date(plan.year, 6, 14), **changes}
    inspection = InspectionRound.objects.create(plan=plan, **values)
    inspection.units.set(units)
    return inspection


def remediation(inspection: InspectionRound, unit: Unit, **changes) -> Remediation:
    values = {"content": "Hoàn thiện hồ sơ quyết toán", "deadline": date(inspection.plan.year, 9, 30), **changes}
    return Remediation.objects.create(round=inspection, unit=unit, **values)


def implementation_plan(*, year: int = 2026, **changes) -> ImplementationPlan:
    return ImplementationPlan.objects.create(
        year=year, title=f"Kế hoạch thực hiện Chương trình 135 năm {year}", **changes
    )


def task(plan: ImplementationPlan, unit: Unit, **changes) -> Task:
    values = {"description": "Rà soát danh sách thôn đặc biệt khó khăn.", "time_kind": "thuong_xuyen", **changes}
    return Task.objects.create(plan=plan, unit=unit, **values)


def handover(commune: Unit, **changes) -> Handover:
    values = {
        "handed_on": date(2026, 3, 20),
        "place": "Nhà văn hóa thôn",
        "content": "Bàn giao lợn giống hỗ trợ phát triển sản xuất",
        "giver": f"Ủy ban nhân dân {commune.name}",
        "giver_representative": "Hoàng Văn Tâm",
        "receiver": "Các hộ hưởng lợi",
        "receiver_representative": "Lăng Văn Hùng",
        **changes,
    }
    return Handover.objects.create(commune=commune, **values)


def household(handover: Handover, **changes) -> Beneficiary:
    village = changes.pop("village", None) or Village.objects.create(commune=handover.commune, name="Thôn Khuổi Cáy")
    values = {"head_name": "Hoàng Văn Tằng", "category": Beneficiary.Category.POOR, **changes}
    return Beneficiary.objects.create(handover=handover, village=village, **values)


def support_item(household: Beneficiary, **changes) -> SupportItem:
    values = {"name": "Lợn giống", "unit_of_measure": "con", "quantity": Decimal("2"), "unit_price": 2_500_000}
    values = {**values, **changes}
    return SupportItem.objects.create(
        household=household, value=int(values["quantity"] * values["unit_price"]), **values
    )


def household_check(household: Beneficiary, **changes) -> HouseholdCheck:
    values = {"checked_on": date(2026, 9, 1), "checker": "Tổ quản lý xã", "result": "dung", **changes}
    return HouseholdCheck.objects.create(household=household, **values)


def report_period(actor: User, *, year: int = 2025, kind: str = ReportPeriod.Kind.THREE_MONTHS) -> ReportPeriod:
    schedule = ReportSchedule.objects.get_or_create(year=year, defaults={"created_by": actor})[0]
    return ReportPeriod.objects.create(
        schedule=schedule,
        kind=kind,
        ends_on=ReportPeriod.period_end(year, kind),
        due_on=ReportPeriod.default_due(year, kind),
    )


def periodic_report(period: ReportPeriod, unit: Unit, sender: User, **changes) -> PeriodicReport:
    values = {
        "narrative": "Kết quả thực hiện trong kỳ.",
        "status": PeriodicReport.Status.SENT,
        "sent_at": timezone.now(),
        "sent_by": sender,
        **changes,
    }
    return PeriodicReport.objects.create(period=period, unit=unit, **values)


def report_attachment(report: PeriodicReport, uploader: User) -> ReportAttachment:
    attachment = ReportAttachment(report=report, name="bieu-so-lieu.pdf", size=9, uploaded_by=uploader)
    attachment.file.save("bieu-so-lieu.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


# ------------------------------------------------------------------ summary


def summary_file(requested_by: User, unit: Unit | None = None, **changes) -> SummaryFile:
    """A BÁO CÁO tổng hợp written in the background, ready to download."""
    values = {"year": 2018, "format": "pdf", "status": "xong", "progress": 100, "content": b"%PDF-1.4\n", **changes}
    return SummaryFile.objects.create(requested_by=requested_by, unit=unit, filename="Báo cáo tổng hợp.pdf", **values)
