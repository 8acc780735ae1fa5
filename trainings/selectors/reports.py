"""Reads of class reports shared by their pages, the Excel summary, the home page and the services:
who sees which report, which classes a user reports on, and the plan against what was done."""

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import EthnicAffairsOffice
from p135portal.access import Perm, can, scope_path
from p135portal.lists import Column, number_column
from trainings.models import AnnualPlan, ClassReport, LocalPlan, PlanClass

PROVINCE = "tinh"  # the unit filter's value for the province's own classes


def reportable_classes(user) -> QuerySet[PlanClass]:
    """The classes `user` may write a report for: province staff any class (the province's own, or
    a unit's sent on paper), a local officer the classes of their unit's local plans."""
    if not can(user, Perm.REPORT_CLASSES):
        return PlanClass.objects.none()
    path = scope_path(user)
    if path == "/":
        return PlanClass.objects.all()
    if path is None:
        return PlanClass.objects.none()
    return PlanClass.objects.filter(local_plan__unit__path__startswith=path)


def own_classes(user) -> QuerySet[PlanClass]:
    """The classes whose report is `user`'s own duty: the province's for province staff (they may
    also enter a unit's report, but the unit answers for it), their unit's for a local officer."""
    classes = reportable_classes(user)
    if scope_path(user) == "/":
        classes = classes.filter(local_plan__isnull=True)
    return classes


def approved(classes: QuerySet[PlanClass]) -> QuerySet[PlanClass]:
    """Classes of an approved plan: the local unit's plan approved, or for a province class the
    province's annual plan."""
    return classes.filter(
        Q(local_plan__isnull=True, plan__status=AnnualPlan.Status.APPROVED)
        | Q(local_plan__status=LocalPlan.Status.ACCEPTED)
    )


def awaiting_report(user, today: date, *, own: bool = False) -> QuerySet[PlanClass]:
    """Classes of approved plans, planned to have ended before `today`, without a report, that
    `user` may report (`own`: only those that are their own duty)."""
    return (
        approved(own_classes(user) if own else reportable_classes(user))
        .filter(end_date__lt=today, report__isnull=True)
        .select_related("plan", "topic", "local_plan__unit")
        .order_by("end_date", "pk")
    )


def plan_reports(plan: AnnualPlan, user, *, status: str = "", unit: str = "") -> QuerySet[ClassReport]:
    """The reports of a plan's classes that `user` sees, filtered by status and by unit (a local
    unit's id, or PROVINCE for the province's own classes), in one query with what a row shows."""
    reports = ClassReport.objects.visible_to(user).filter(plan_class__plan=plan)
    if status in ClassReport.Status.values:
        reports = reports.filter(status=status)
    if unit == PROVINCE:
        reports = reports.filter(plan_class__local_plan__isnull=True)
    elif unit.isdigit():
        reports = reports.filter(plan_class__local_plan__unit_id=int(unit))
    return reports.select_related("plan_class__topic", "plan_class__local_plan__unit").order_by(
        F("plan_class__local_plan__unit__code").asc(nulls_first=True), "start_date", "pk"
    )


def report_units(plan: AnnualPlan, user) -> list:
    """The local units of the plan's local plans that `user` sees, for the unit filter."""
    local_plans = LocalPlan.objects.visible_to(user).filter(plan=plan).select_related("unit").order_by("unit__code")
    return [local_plan.unit for local_plan in local_plans]


# ------------------------------------------------------------------ plan against actual


@dataclass
class ActualRow:
    """One line of the plan-against-actual table: the province level, a local unit, or the total."""

    label: str
    status: str = ""  # the label of the plan's status
    counted: bool = True  # approved plans only are added into the total
    planned_classes: int = 0
    planned_participants: int = 0
    planned_women: int = 0
    planned_ethnic_minority: int = 0
    planned_young_cadres: int = 0
    planned_cost: int = 0
    reported_classes: int = 0  # accepted reports
    waiting_classes: int = 0  # reports submitted, not yet accepted
    participants: int = 0
    women: int = 0
    ethnic_minority: int = 0
    very_small_minorities: int = 0
    young_cadres: int = 0
    cost: int = 0
    local_plan_pk: int | None = None
    unit_path: str = ""  # of the local plan's unit ("" for the province level)

    NUMBERS = (
        "planned_classes",
        "planned_participants",
        "planned_women",
        "planned_ethnic_minority",
        "planned_young_cadres",
        "planned_cost",
        "reported_classes",
        "waiting_classes",
        "participants",
        "women",
        "ethnic_minority",
        "very_small_minorities",
        "young_cadres",
        "cost",
    )

    def add(self, other: "ActualRow") -> None:
        for name in self.NUMBERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def cost_share(self) -> float | None:
        """Actual cost as % of the planned cost."""
        return self._share(self.cost, self.planned_cost)

    def shares(self) -> dict[str, float | None]:
        """Women, ethnic-minority people and young cadres as % of participants, planned and actual."""
        return {
            "planned_women": self._share(self.planned_women, self.planned_participants),
            "planned_ethnic_minority": self._share(self.planned_ethnic_minority, self.planned_participants),
            "planned_young_cadres": self._share(self.planned_young_cadres, self.planned_participants),
            "women": self._share(self.women, self.participants),
            "ethnic_minority": self._share(self.ethnic_minority, self.participants),
            "very_small_minorities": self._share(self.very_small_minorities, self.participants),
            "young_cadres": self._share(self.young_cadres, self.participants),
        }


def _accepted(name: str):
    return Coalesce(Sum(f"report__{name}", filter=Q(report__status=ClassReport.Status.ACCEPTED)), 0)


def _figures(classes: QuerySet[PlanClass]) -> dict:
    """The plan's classes grouped by local plan (None: the province's own), summed in the database."""
    rows = classes.values("local_plan_id").annotate(
        planned_classes=Count("pk"),
        planned_participants=Coalesce(Sum("participants"), 0),
        planned_women=Coalesce(Sum("women"), 0),
        planned_ethnic_minority=Coalesce(Sum("ethnic_minority"), 0),
        planned_young_cadres=Coalesce(Sum("young_cadres"), 0),
        planned_cost=Coalesce(Sum("cost"), 0),
        reported_classes=Count("report", filter=Q(report__status=ClassReport.Status.ACCEPTED)),
        waiting_classes=Count("report", filter=Q(report__status=ClassReport.Status.SENT)),
        participants=_accepted("participants"),
        women=_accepted("women"),
        ethnic_minority=_accepted("ethnic_minority"),
        very_small_minorities=_accepted("very_small_minorities"),
        young_cadres=_accepted("young_cadres"),
        cost=_accepted("cost"),
    )
    return {row.pop("local_plan_id"): row for row in rows.order_by()}


def plan_actual(plan: AnnualPlan, user) -> tuple[list[ActualRow], ActualRow]:
    """The plan against what was done, for the province level and each local unit with a local plan
    that `user` sees; actual figures come from accepted reports only. The total adds the rows of
    approved plans. Three queries whatever the number of classes."""
    local_plans = list(
        LocalPlan.objects.visible_to(user).filter(plan=plan).select_related("unit").order_by("unit__code")
    )
    classes = PlanClass.objects.filter(plan=plan)
    whole_province = scope_path(user) == "/"
    if not whole_province:
        classes = classes.filter(local_plan__in=[local_plan.pk for local_plan in local_plans])
    figures = _figures(classes)
    rows = []
    if whole_province:
        rows.append(
            ActualRow(
                # The office by its name in the plan's year (Sở Dân tộc và Tôn giáo from 2025).
                label=_("Cấp tỉnh (%(office)s tổ chức)")
                % {"office": EthnicAffairsOffice.on(min(date(plan.year, 12, 31), timezone.localdate())).name},
                status=plan.get_status_display(),
                counted=plan.status == AnnualPlan.Status.APPROVED,
                **figures.get(None, {}),
            )
        )
    for local_plan in local_plans:
        rows.append(
            ActualRow(
                label=local_plan.unit.name,
                status=local_plan.status_label,
                counted=local_plan.status == LocalPlan.Status.ACCEPTED,
                local_plan_pk=local_plan.pk,
                unit_path=local_plan.unit.path,
                **figures.get(local_plan.pk, {}),
            )
        )
    total = ActualRow(label=_("Toàn tỉnh") if whole_province else _("Cộng"))
    for row in rows:
        if row.counted:
            total.add(row)
    return rows, total


def _report_url(report: ClassReport) -> str:
    return report.get_absolute_url()


def _unit_name(report: ClassReport) -> str:
    local_plan = report.plan_class.local_plan
    return local_plan.unit.name if local_plan else _("Cấp tỉnh")


# The columns of a plan's class reports, by name: the Excel summary has them all, the page some.
_COLUMNS = {
    "unit": Column(gettext_lazy("Đơn vị"), _unit_name),
    "topic": Column(
        gettext_lazy("Nội dung"),
        lambda report: report.plan_class.topic.name,
        link=lambda report: report.get_absolute_url(),
    ),
    "audience": Column(gettext_lazy("Đối tượng"), lambda report: report.plan_class.get_audience_display()),
    "level": Column(gettext_lazy("Cấp"), lambda report: report.plan_class.get_level_display()),
    "place": Column(gettext_lazy("Địa điểm"), lambda report: report.plan_class.place),
    "start_date": Column(gettext_lazy("Từ ngày"), attrgetter("start_date")),
    "end_date": Column(gettext_lazy("Đến ngày"), attrgetter("end_date")),
    "days": number_column(gettext_lazy("Số ngày"), attrgetter("days")),
    "participants": number_column(gettext_lazy("Số học viên"), attrgetter("participants")),
    "women": number_column(gettext_lazy("Nữ"), attrgetter("women")),
    "ethnic_minority": number_column(gettext_lazy("DTTS"), attrgetter("ethnic_minority")),
    "very_small_minorities": number_column(gettext_lazy("DTTS rất ít người"), attrgetter("very_small_minorities")),
    "young_cadres": number_column(gettext_lazy("Cán bộ trẻ"), attrgetter("young_cadres")),
    "commune_officials": number_column(gettext_lazy("Cán bộ cấp xã"), attrgetter("commune_officials")),
    "village_officials": number_column(gettext_lazy("Cán bộ thôn, bản"), attrgetter("village_officials")),
    "prestigious": number_column(gettext_lazy("Người có uy tín"), attrgetter("prestigious")),
    "residents": number_column(gettext_lazy("Người dân, thành phần khác"), attrgetter("residents")),
    "planned_cost": number_column(gettext_lazy("Kinh phí kế hoạch (đồng)"), lambda report: report.plan_class.cost),
    "cost": number_column(gettext_lazy("Kinh phí thực hiện (đồng)"), attrgetter("cost")),
    "trainers": Column(gettext_lazy("Giảng viên, báo cáo viên"), attrgetter("trainers")),
    "status": Column(gettext_lazy("Trạng thái"), attrgetter("status_label"), badge=lambda report: report.badge.css),
}
SUMMARY_COLUMNS = list(_COLUMNS.values())
LIST_COLUMNS = [
    _COLUMNS[name]
    for name in (
        "unit",
        "topic",
        "audience",
        "start_date",
        "end_date",
        "days",
        "participants",
        "women",
        "ethnic_minority",
        "young_cadres",
        "planned_cost",
        "cost",
        "status",
    )
]
