"""Reads of periodic reports: who must report for a period, each cell's status on a given day,
the province's board, the figures the portal already knows. The board page, its Excel export
and the home pages all read from here, so they always agree."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budgets.models import Execution
from communes.models import Unit
from monitoring.models import PeriodicReport, ReportingRegime, ReportPeriod, ReportSchedule
from p135portal.text import search_key
from trainings.models import ClassReport

DUE_SOON_DAYS = 7  # a report not yet sent shows "đến hạn" this many days before its due date


def today() -> date:
    """The day statuses are computed for (tests replace it to fix the date)."""
    return timezone.localdate()


# ------------------------------------------------------------------ who must report


def reporting_level(on: date, regimes: list[ReportingRegime] | None = None) -> str:
    """The level of the units that report on `on`, as the regime in force then says (districts until
    30/06/2025, communes after, in the regimes the portal ships with)."""
    return ReportingRegime.on(on, regimes).level


def _due_on(on: date, regimes: list[ReportingRegime] | None = None) -> Q:
    """Units of the reporting level in force on `on`, valid on that day."""
    return (
        Q(level=reporting_level(on, regimes))
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    )


def units_due(period: ReportPeriod) -> QuerySet[Unit]:
    """The units that must send the report of `period`: the province's local units of the level
    officers work at (district before the reform, commune after), valid on the period's last day."""
    return Unit.objects.of_portal_province().filter(_due_on(period.ends_on))


def is_due(period: ReportPeriod, unit: Unit) -> bool:
    return unit.level == reporting_level(period.ends_on) and units_due(period).filter(pk=unit.pk).exists()


def periods_due_for(unit: Unit) -> QuerySet[ReportPeriod]:
    """The periods `unit` must report for: those ending while it was valid, at its level's time."""
    periods = ReportPeriod.objects.select_related("schedule")
    if unit.level not in ReportingRegime.Level.values:
        return periods.none()
    if unit.valid_from:
        periods = periods.filter(ends_on__gte=unit.valid_from)
    if unit.valid_until:
        periods = periods.filter(ends_on__lte=unit.valid_until)
    regimes = list(ReportingRegime.objects.all())
    ends = periods.values_list("pk", "ends_on")
    at_its_level = [pk for pk, ends_on in ends if reporting_level(ends_on, regimes) == unit.level]
    return periods.filter(pk__in=at_its_level).order_by("ends_on")


# ------------------------------------------------------------------ status of one cell


class Status(StrEnum):
    NOT_DUE = "chua_den_han"
    DUE_SOON = "den_han"
    LATE = "qua_han"
    SENT = PeriodicReport.Status.SENT.value
    ACCEPTED = PeriodicReport.Status.ACCEPTED.value
    RETURNED = PeriodicReport.Status.RETURNED.value


STATUS_LABELS = {
    Status.NOT_DUE: _("Chưa đến hạn"),
    Status.DUE_SOON: _("Đến hạn"),
    Status.LATE: _("Quá hạn"),
    Status.SENT: _("Đã nộp"),
    Status.ACCEPTED: _("Đã chấp nhận"),
    Status.RETURNED: _("Bị trả lại"),
}
STATUS_BADGES = {
    Status.NOT_DUE: "text-bg-light border",
    Status.DUE_SOON: "text-bg-warning",
    Status.LATE: "text-bg-danger",
    Status.SENT: "text-bg-primary",
    Status.ACCEPTED: "text-bg-success",
    Status.RETURNED: "text-bg-dark",
}
# What still waits for the unit: shown to its officer and counted as "not reported".
OPEN_STATUSES = {Status.DUE_SOON, Status.LATE, Status.RETURNED}


def cell_status(period: ReportPeriod, report: PeriodicReport | None, on: date) -> Status:
    """A sent report has the status the office gave it; an unsent one is late from the day after
    its due date, due from DUE_SOON_DAYS days before it, not yet due before that."""
    if report is not None:
        return Status(report.status)
    if on > period.due_on:
        return Status.LATE
    if on >= period.due_on - timedelta(days=DUE_SOON_DAYS):
        return Status.DUE_SOON
    return Status.NOT_DUE


@dataclass(frozen=True)
class Cell:
    period: ReportPeriod
    unit: Unit
    report: PeriodicReport | None
    status: Status
    opened: bool  # the period's reports may be sent (from the first day of its last month)

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def can_send(self) -> bool:
        """Whether the unit's officer may send (or send again) this report now."""
        return self.status == Status.RETURNED or (self.report is None and self.opened)

    @property
    def late_submission(self) -> bool:
        return self.report is not None and self.report.late

    def text(self) -> str:
        """The cell as the Excel export writes it."""
        if self.report is None:
            return self.label
        sent = timezone.localtime(self.report.sent_at).strftime("%d/%m/%Y")
        late = " – nộp muộn" if self.report.late else ""
        return f"{self.label} ({sent}{late})"


# ------------------------------------------------------------------ the board of a year


def _cell(period: ReportPeriod, unit: Unit, report: PeriodicReport | None, on: date) -> Cell:
    return Cell(period, unit, report, cell_status(period, report, on), opened=on >= period.opens_on)


@dataclass
class PeriodCounts:
    period: ReportPeriod
    due: int = 0
    sent: int = 0  # submitted or accepted (returned ones must be sent again)
    accepted: int = 0
    returned: int = 0
    late: int = 0  # not sent after the due date
    sent_late: int = 0


@dataclass
class Board:
    year: int
    schedule: ReportSchedule | None
    periods: list[ReportPeriod]
    rows: list[tuple[Unit, list[Cell | None]]]
    counts: list[PeriodCounts]
    totals: Counter = field(default_factory=Counter)


def schedule_years() -> list[int]:
    return list(ReportSchedule.objects.order_by("-year").values_list("year", flat=True))


def board(year: int, user, on: date, *, only_open: bool = False, query: str = "") -> Board:
    """Units × periods of `year`, scoped to `user`: five queries whatever the number of units."""
    schedule = ReportSchedule.objects.filter(year=year).first()
    periods = list(schedule.periods.order_by("ends_on")) if schedule else []
    if not periods:
        return Board(year=year, schedule=schedule, periods=[], rows=[], counts=[])
    regimes = list(ReportingRegime.objects.all())
    levels = {period.pk: reporting_level(period.ends_on, regimes) for period in periods}
    any_period = Q(pk__in=[])
    for period in periods:
        any_period |= _due_on(period.ends_on, regimes)
    units = Unit.objects.of_portal_province().filter(any_period).visible_to(user)
    if query:
        units = units.filter(search_name__contains=search_key(query))
    units = list(units.order_by("-level", "search_name", "code"))
    reports = PeriodicReport.objects.filter(period__in=periods, unit__in=[unit.pk for unit in units]).only(
        "pk", "period_id", "unit_id", "status", "late", "sent_at"
    )
    by_key = {(report.period_id, report.unit_id): report for report in reports}
    counts = [PeriodCounts(period) for period in periods]
    totals: Counter = Counter()
    rows = []
    for unit in units:
        cells: list[Cell | None] = []
        for period, count in zip(periods, counts, strict=True):
            if not _unit_due(unit, period, levels[period.pk]):
                cells.append(None)
                continue
            report = by_key.get((period.pk, unit.pk))
            cell = _cell(period, unit, report, on)
            cells.append(cell)
            count.due += 1
            count.sent += cell.status in (Status.SENT, Status.ACCEPTED)
            count.accepted += cell.status == Status.ACCEPTED
            count.returned += cell.status == Status.RETURNED
            count.late += cell.status == Status.LATE
            count.sent_late += cell.late_submission
            totals[cell.status] += 1
        if only_open and not any(cell and cell.is_open for cell in cells):
            continue
        rows.append((unit, cells))
    return Board(year=year, schedule=schedule, periods=periods, rows=rows, counts=counts, totals=totals)


def _unit_due(unit: Unit, period: ReportPeriod, level: str) -> bool:
    on = period.ends_on
    return (
        unit.level == level
        and (unit.valid_from is None or unit.valid_from <= on)
        and (unit.valid_until is None or unit.valid_until >= on)
    )


def unit_cells(unit: Unit, on: date) -> list[Cell]:
    """Every period `unit` must report for, with its status on `on` (two queries)."""
    periods = list(periods_due_for(unit))
    reports = {report.period_id: report for report in PeriodicReport.objects.filter(unit=unit, period__in=periods)}
    return [_cell(period, unit, reports.get(period.pk), on) for period in periods]


# The home page counts late reports of the latest schedules only (this year's, and last year's whose
# annual report is due in January): its cost stays the same as the years pile up. Older years
# stay on the board.
LATE_YEARS_ON_HOME = 2


def late_counts(user, on: date) -> dict[int, int]:
    """Reports not sent after their due date, by year of the latest schedules, in the user's scope."""
    return {year: board(year, user, on).totals[Status.LATE] for year in schedule_years()[:LATE_YEARS_ON_HOME]}


# ------------------------------------------------------------------ figures the portal already has


def known_figures(unit: Unit, period: ReportPeriod) -> dict[str, int]:
    """Money disbursed and paid since 1 January of the period's year up to its last day, on the
    allocations of that year to the communes (and villages) under `unit`, and the classes held and
    their trainees (two queries)."""
    rows = (
        Execution.objects.filter(
            share__unit__path__startswith=unit.path,
            share__allocation__year=period.year,
            on__lte=period.ends_on,
            kind__in=[Execution.Kind.DISBURSEMENT, Execution.Kind.PAYMENT],
        )
        .values_list("kind")
        .annotate(total=Sum("amount"))
    )
    totals = dict(rows)
    # Classes of the unit's local plans (and those under it) held from 1 January to the period's
    # end, as their reports state them (returned reports left out).
    classes = ClassReport.objects.filter(
        plan_class__local_plan__unit__path__startswith=unit.path,
        end_date__gte=date(period.year, 1, 1),
        end_date__lte=period.ends_on,
    ).exclude(status=ClassReport.Status.RETURNED)
    held = classes.aggregate(classes=Count("pk"), trainees=Coalesce(Sum("participants"), 0))
    return {
        "disbursed": totals.get(Execution.Kind.DISBURSEMENT, 0),
        "paid": totals.get(Execution.Kind.PAYMENT, 0),
        "classes": held["classes"],
        "trainees": held["trainees"],
    }


def reports_waiting(user) -> QuerySet[PeriodicReport]:
    """Sent reports waiting for the office to accept or return them."""
    return (
        PeriodicReport.objects.visible_to(user)
        .filter(status=PeriodicReport.Status.SENT)
        .select_related("period__schedule", "unit", "sent_by")
        .order_by("sent_at", "pk")
    )


@dataclass
class PeriodSummary:
    period: ReportPeriod
    cells: list[Cell]

    @property
    def sent(self) -> list[Cell]:
        """The units whose report counts: sent and not returned."""
        return [cell for cell in self.cells if cell.status in (Status.SENT, Status.ACCEPTED)]

    @property
    def missing(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.status not in (Status.SENT, Status.ACCEPTED)]

    def total(self, name: str) -> int:
        return sum(getattr(cell.report, name) for cell in self.sent)


def period_summary(period: ReportPeriod, user, on: date) -> PeriodSummary:
    """Every unit that must report for `period`, in the user's scope, with its full report (three queries)."""
    units = list(units_due(period).visible_to(user).order_by("search_name", "code"))
    reports = {
        report.unit_id: report
        for report in PeriodicReport.objects.filter(period=period, unit__in=[unit.pk for unit in units])
    }
    return PeriodSummary(period, [_cell(period, unit, reports.get(unit.pk), on) for unit in units])
