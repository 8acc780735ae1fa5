"""The figures of the dashboard and of the BÁO CÁO tổng hợp: where the programme stands in a year,
in what the viewer may see (an officer: their unit), optionally narrowed to one unit (a commune,
or a district for years before the reform).

Every figure is computed here once, in a bounded number of queries whatever the number of units
and classes; the page, the PDF, the Word file and the workbook read the same `Summary`."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from budgets.models import Execution, Fund, Share
from budgets.selectors import district_of, elapsed_fraction, progress_by, shares_with_progress
from communes.models import REFORM_FIRST_NEW_DAY, Category, Designation, Phase, Unit
from monitoring.models import PeriodicReport, Remediation
from monitoring.models.handovers import Beneficiary
from monitoring.models.tasks import Task
from monitoring.selectors import reports as report_selectors
from p135portal.access import sees_whole_province
from p135portal.freshness import fresh
from trainings.models import AnnualPlan, ClassReport
from trainings.selectors.reports import ActualRow, plan_actual

TREND_YEARS = 5
BEHIND_SHOWN = 10
OPEN_ISSUES_SHOWN = 20  # overdue remediation items listed in the report; the count gives them all


@dataclass(frozen=True)
class Scope:
    """Whose figures: the viewer, the year and, when chosen, one unit under the viewer's scope."""

    user: object
    year: int  # the year asked for; for a phase, its last year so far
    unit: Unit | None = None
    today: date = field(default_factory=timezone.localdate)
    phase: Phase | None = None  # a whole phase (its years up to `year`) instead of one year

    @property
    def years(self) -> range:
        start = self.phase.start_year if self.phase else self.year
        return range(start, self.year + 1)

    @property
    def span(self) -> str:
        """ "năm 2026" or "giai đoạn 2021-2025", as the sentences say it."""
        return f"giai đoạn {self.phase}" if self.phase else f"năm {self.year}"

    def rows(self, queryset: QuerySet, path_field: str | None = None) -> QuerySet:
        """`queryset` kept to what the viewer may see, then to the chosen unit."""
        queryset = queryset.visible_to(self.user)
        if self.unit is not None:
            queryset = queryset.filter(**{f"{path_field or queryset.model.scope}__startswith": self.unit.path})
        return queryset

    @property
    def whole_province(self) -> bool:
        return self.unit is None and sees_whole_province(self.user)

    @property
    def on(self) -> date:
        """The day the year's standing is read on: today in the current year, its last day before."""
        return min(self.today, date(self.year, 12, 31))


@dataclass
class Summary:
    scope: Scope
    phase: Phase | None
    plan: AnnualPlan | None
    coverage: list[dict]
    trainings: list[ActualRow]
    training_total: ActualRow
    funds_by_component: list[dict]
    funds_by_unit: list[dict]
    funds_by_district: list[dict]  # before the reform; [] after it (communes report directly)
    funds_total: dict | None
    funds_pace: float | None  # % of the money the time elapsed calls for
    sources: list[dict]
    behind: list[dict]
    monitoring: dict
    trends: list[dict]

    @property
    def year(self) -> int:
        return self.scope.year

    @property
    def span(self) -> str:
        return self.scope.span

    @property
    def empty(self) -> bool:
        return not (self.trainings or self.funds_total or self.coverage or any(self.monitoring.values()))


def phase_of(year: int) -> Phase | None:
    return Phase.objects.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year").first()


def coverage(scope: Scope, phase: Phase | None) -> list[dict]:
    """Communes (and villages) designated in the year's phase and still in their list on the day
    the year is read, by category (one query)."""
    if phase is None:
        return []
    counts = dict(
        (category, (communes, villages))
        for category, communes, villages in scope.rows(Designation.objects.filter(phase=phase))
        .active(scope.on)
        .values_list("category")
        .annotate(communes=Count("unit", distinct=True), villages=Count("village", distinct=True))
    )
    rows = []
    for category in Category:
        if category in counts:
            communes, villages = counts[category]
            rows.append(
                {
                    "category": category,
                    "label": category.label,
                    "count": villages if category == Category.THON_DBKK else communes,
                    "noun": "thôn" if category == Category.THON_DBKK else "xã",
                }
            )
    return rows


def trainings(scope: Scope, plans: list[AnnualPlan]) -> tuple[list[ActualRow], ActualRow]:
    """The plans against what was done, by unit, as each plan's own page counts it (the same
    selector): planned classes of approved plans, actual figures from accepted reports (two queries
    a plan). Over a phase, a unit's approved plans of its years are added up."""
    total = ActualRow(label="Tổng cộng")
    rows: list[ActualRow] = []
    for plan in plans:
        plan_rows, _whole = plan_actual(plan, scope.user)
        if scope.unit is not None:
            plan_rows = [row for row in plan_rows if row.unit_path.startswith(scope.unit.path)]
        rows += [row for row in plan_rows if row.planned_classes and (row.counted or len(plans) == 1)]
    if len(plans) > 1:
        merged: dict[str, ActualRow] = {}
        for row in rows:  # the province row's label names the office of its year: keep the latest
            merged.setdefault(row.unit_path, ActualRow(label="", status="", unit_path=row.unit_path)).add(row)
            merged[row.unit_path].label = row.label
        rows = sorted(merged.values(), key=lambda row: (row.unit_path != "", row.label))
    for row in rows:
        if row.counted:
            total.add(row)
    return rows, total


def funds(scope: Scope) -> dict:
    """Allocated, disbursed, paid and settled money of the year's (or phase's) allocations, by
    component, by commune and by district, the units furthest behind the time-elapsed pace (each
    share against its own year), and the funds by source (three queries)."""
    shares = list(shares_with_progress(scope.rows(Share.objects.filter(allocation__year__in=scope.years))))
    behind, expected_total = [], 0.0
    for share in shares:
        expected = share.amount * elapsed_fraction(share.allocation.year, scope.today)
        expected_total += expected
        if expected and share.disbursed < expected:
            behind.append({"share": share, "pace": round(100 * share.disbursed / expected, 1)})
    behind.sort(key=lambda item: (item["pace"], -item["share"].amount))
    sources = []
    if scope.whole_province:
        totals = dict(Fund.objects.filter(year__in=scope.years).values_list("source").annotate(total=Sum("amount")))
        sources = [
            {"label": label, "amount": totals[value]} for value, label in Fund.source.field.choices if value in totals
        ]
    total = progress_by(shares, lambda share: "")[0] if shares else None
    if total:
        total["units"] = len({share.unit_id for share in shares})  # a commune may have several shares
    # Two communes may share a name (in different districts before the reform): grouped by id.
    by_unit = progress_by(shares, lambda share: (share.unit.name, share.unit_id))
    for row in by_unit:
        row["name"] = row["name"][0]
    return {
        "by_component": progress_by(shares, lambda share: share.allocation.get_component_display()),
        "by_unit": by_unit,
        "by_district": progress_by(shares, district_of) if date(scope.years[0], 1, 1) < REFORM_FIRST_NEW_DAY else [],
        "total": total,
        # What the time elapsed calls for, in % of the money (each year's share by its own year).
        "pace": round(100 * expected_total / total["amount"], 1) if total and total["amount"] else None,
        "behind": behind[:BEHIND_SHOWN],
        "sources": sources,
    }


def monitoring(scope: Scope) -> dict:
    """Where the monitoring of the year's (or phase's) work stands today: remediation asked by its
    inspections, tasks of its implementation plans, households of its handovers, its periodic
    reports not sent after their due date or waiting for the office; and the items behind the open
    issues (five queries, and five for the board of each year's periodic reports)."""
    today, years = scope.today, scope.years
    remediations = scope.rows(Remediation.objects.filter(round__plan__year__in=years))
    counts = remediations.counts(today)
    late_by_unit: dict[int, list] = {}
    for year in years:
        for unit, cells in report_selectors.board(year, scope.user, today).rows:
            late = sum(cell is not None and cell.status == report_selectors.Status.LATE for cell in cells)
            if late and (scope.unit is None or unit.path.startswith(scope.unit.path)):
                late_by_unit.setdefault(unit.pk, [unit.name, 0])[1] += late
    late_units = [(name, count) for name, count in late_by_unit.values()]
    waiting = PeriodicReport.objects.filter(period__schedule__year__in=years, status=PeriodicReport.Status.SENT)
    households = Beneficiary.objects.filter(handover__handed_on__year__in=years)
    return {
        "remediation_open": counts["open"],
        "remediation_overdue": counts["overdue"],
        "reports_late": sum(count for _name, count in late_units),
        "reports_waiting": scope.rows(waiting).count(),
        "tasks_overdue": scope.rows(Task.objects.filter(plan__year__in=years)).overdue(today).count(),
        "households_in_breach": scope.rows(households).in_breach().count(),
        "late_units": late_units,
        "overdue_items": list(
            remediations.overdue(today).select_related("unit").order_by("deadline", "pk")[:OPEN_ISSUES_SHOWN]
        ),
    }


def trends(scope: Scope) -> list[dict]:
    """The years of the phase, or the last TREND_YEARS years up to the scope's: money allocated and
    disbursed, classes reported (accepted reports) and their trainees (three queries)."""
    years = scope.years if scope.phase else range(scope.year - TREND_YEARS + 1, scope.year + 1)
    by_year: dict[int, dict] = defaultdict(lambda: {"allocated": 0, "disbursed": 0, "held": 0, "trainees": 0})
    allocated = (
        scope.rows(Share.objects.filter(allocation__year__in=years))
        .values_list("allocation__year")
        .annotate(total=Sum("amount"))
    )
    for year, total in allocated:
        by_year[year]["allocated"] = total
    disbursed = (
        scope.rows(Execution.objects.filter(share__allocation__year__in=years, kind=Execution.Kind.DISBURSEMENT))
        .values_list("share__allocation__year")
        .annotate(total=Sum("amount"))
    )
    for year, total in disbursed:
        by_year[year]["disbursed"] = total
    reports = ClassReport.objects.filter(plan_class__plan__year__in=years, status=ClassReport.Status.ACCEPTED)
    if scope.unit is not None or not sees_whole_province(scope.user):
        reports = scope.rows(reports, "plan_class__local_plan__unit__path").filter(plan_class__local_plan__isnull=False)
    held = reports.values_list("plan_class__plan__year").annotate(count=Count("pk"), trainees=Sum("participants"))
    for year, count, trainees in held:
        by_year[year]["held"], by_year[year]["trainees"] = count, trainees
    return [{"year": year, **by_year[year]} for year in years]


def summary(scope: Scope, progress: Callable[[int, str], None] | None = None) -> Summary:
    """Every figure of the scope's year; `progress(percent, step)` is told as each part is done (a
    background summary shows it to the person waiting)."""
    progress = progress or (lambda percent, step: None)
    progress(5, "Đang tổng hợp địa bàn thuộc diện đầu tư")
    phase = scope.phase or phase_of(scope.year)
    covered = coverage(scope, phase)
    progress(15, "Đang tổng hợp lớp bồi dưỡng")
    plans = list(AnnualPlan.objects.filter(year__in=scope.years).order_by("year"))
    plan = next((plan for plan in plans if plan.year == scope.year), None)
    training_rows, training_total = trainings(scope, plans)
    progress(30, "Đang tổng hợp vốn phân bổ và giải ngân")
    money = funds(scope)
    progress(45, "Đang tổng hợp kiểm tra, giám sát")
    watched = monitoring(scope)
    progress(60, "Đang tổng hợp số liệu các năm")
    return Summary(
        scope=scope,
        phase=phase,
        plan=plan,
        coverage=covered,
        trainings=training_rows,
        training_total=training_total,
        funds_by_component=money["by_component"],
        funds_by_unit=money["by_unit"],
        funds_by_district=money["by_district"],
        funds_total=money["total"],
        funds_pace=money["pace"],
        sources=money["sources"],
        behind=money["behind"],
        monitoring=watched,
        trends=trends(scope),
    )


def cached_summary(scope: Scope) -> Summary:
    """`summary(scope)`, computed once until the data or the day changes (p135portal/freshness.py)."""
    unit = scope.unit.pk if scope.unit else ""
    phase = scope.phase.pk if scope.phase else ""
    user = scope.user
    key = f"summary:{user.pk}:{user.role}:{user.unit_id}:{scope.year}:{phase}:{unit}:{scope.today}"
    # Kept without the person (a user row holds a password hash), given back with the one asking.
    stored = fresh(key, lambda: replace(summary(scope), scope=replace(scope, user=None)))
    return replace(stored, scope=scope)
