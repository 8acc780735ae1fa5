"""Writes of the funds app, with their rules."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from budgets import allocation as algorithm
from budgets.models import Allocation, Criterion, Execution, Scheme, Share, share_key
from communes.models import Designation, Unit, Village, YearFigures
from p135portal.models import User
from p135portal.numbers import group_thousands


def _designated(figures: YearFigures, categories: dict[tuple[int, int | None], set[str]]) -> set[str]:
    return categories.get((figures.unit_id, figures.village_id), set())


@transaction.atomic
def coefficients_compute(*, scheme: Scheme, actor: User) -> int:
    """Compute K = base + points of every matching band for each unit with figures that year.

    Keeps the breakdown ({criterion: points}) on the figures; returns how many were computed.
    """
    criteria = list(scheme.criteria.all())
    year_start, year_end = date(scheme.year, 1, 1), date(scheme.year, 12, 31)
    categories: dict[tuple[int, int | None], set[str]] = {}
    active = Designation.objects.filter(start_date__lte=year_end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=year_start)
    )
    for unit_id, village_id, category in active.values_list("unit_id", "village_id", "category"):
        categories.setdefault((unit_id, village_id), set()).add(category)

    figures = list(YearFigures.objects.filter(year=scheme.year))
    for row in figures:
        values = {
            Criterion.Measure.POVERTY_RATE: Decimal(str(row.poverty_rate or 0)),
            Criterion.Measure.POPULATION: Decimal(row.population),
            Criterion.Measure.MINORITY_SHARE: row.ethnic_minority_share,
        }
        breakdown = {_("Điểm cơ sở"): scheme.base}
        for criterion in criteria:
            if criterion.measure == Criterion.Measure.CATEGORY:
                hit = criterion.category in _designated(row, categories)
            else:
                hit = criterion.matches(values[criterion.measure])
            if hit:
                label = str(criterion)
                breakdown[label] = breakdown.get(label, Decimal(0)) + criterion.points
        row.coefficient = sum(breakdown.values(), Decimal(0))
        row.criteria = {label: float(points) for label, points in breakdown.items()}
    bulk_update_with_history(
        figures,
        YearFigures,
        ["coefficient", "criteria"],
        default_user=actor,
        default_change_reason=_("Tính hệ số K theo %(scheme)s") % {"scheme": scheme},
    )
    return len(figures)


@dataclass(frozen=True)
class Candidate:
    """A designated commune or village of an allocation, with the coefficient it takes part with."""

    unit: Unit
    village: Village | None
    coefficient: Decimal

    @property
    def key(self) -> str:
        return share_key(self.unit, self.village)


def allocation_candidates(*, phase, category: str, year: int, village_fraction: Decimal) -> list[Candidate]:
    """The units designated in `phase` under `category` during `year`, with their K of that year.

    A village takes part with `village_fraction` of its K. Units without a K for the year
    are an error naming them: an allocation never silently leaves a unit out.
    """
    designations = (
        Designation.objects.filter(phase=phase, category=category, start_date__lte=date(year, 12, 31))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .select_related("unit", "village")
    )
    figures = {
        (row.unit_id, row.village_id): row.coefficient
        for row in YearFigures.objects.filter(year=year).only("unit_id", "village_id", "coefficient")
    }
    candidates, missing = [], []
    for designation in designations:
        coefficient = figures.get((designation.unit_id, designation.village_id))
        target = designation.village or designation.unit
        if coefficient is None:
            missing.append(str(target))
            continue
        if designation.village_id:
            # Rounded as Share.coefficient stores it, so a saved allocation recomputes exactly.
            coefficient = (coefficient * village_fraction).quantize(Decimal("0.0001"))
        candidates.append(Candidate(designation.unit, designation.village, coefficient))
    if missing:
        raise ValidationError(
            _("Chưa có hệ số K năm %(year)s của %(count)s đơn vị: %(names)s.")
            % {"year": year, "count": len(missing), "names": ", ".join(sorted(missing)[:20])},
            code="missing_coefficient",
        )
    if not candidates:
        raise ValidationError(_("Không có đơn vị nào thuộc diện này trong năm đã chọn."), code="no_units")
    return candidates


def allocation_compute(
    *, candidates: list[Candidate], pool: int, rounding: int, floor: int | None, ceiling: int | None
):
    """The shares of `pool` for `candidates`, as (candidate, algorithm share) pairs, by key."""
    keys = {candidate.key: candidate for candidate in candidates}
    try:
        shares = algorithm.allocate_with_details(
            pool=pool,
            coefficients={key: candidate.coefficient for key, candidate in keys.items()},
            unit=rounding,
            floors={key: floor for key in keys} if floor is not None else None,
            ceilings={key: ceiling for key in keys} if ceiling is not None else None,
        )
    except algorithm.AllocationError as error:
        raise ValidationError(str(error), code=error.code) from error
    return [(keys[share.key], share) for share in shares]


@transaction.atomic
def allocation_create(*, actor: User, **inputs) -> Allocation:
    """Save an allocation with its shares, computed from the current coefficients."""
    allocation = Allocation(created_by=actor, **inputs)
    allocation.full_clean()
    candidates = allocation_candidates(
        phase=allocation.phase,
        category=allocation.category,
        year=allocation.year,
        village_fraction=allocation.village_fraction,
    )
    computed = allocation_compute(
        candidates=candidates,
        pool=allocation.pool,
        rounding=allocation.rounding,
        floor=allocation.floor,
        ceiling=allocation.ceiling,
    )
    allocation._history_user = actor
    allocation.save()
    Share.objects.bulk_create(
        Share(
            allocation=allocation,
            unit=candidate.unit,
            village=candidate.village,
            coefficient=candidate.coefficient,
            amount=share.amount,
            bound=share.bound or "",
        )
        for candidate, share in computed
    )
    return allocation


def allocation_differences(allocation: Allocation) -> list[str]:
    """Recompute a saved allocation from its stored inputs; the shares that would differ."""
    shares = list(allocation.shares.select_related("unit", "village"))
    candidates = [Candidate(share.unit, share.village, share.coefficient) for share in shares]
    computed = {
        candidate.key: share.amount
        for candidate, share in allocation_compute(
            candidates=candidates,
            pool=allocation.pool,
            rounding=allocation.rounding,
            floor=allocation.floor,
            ceiling=allocation.ceiling,
        )
    }
    return [
        f"{share.village or share.unit}: {group_thousands(share.amount)} ≠ {group_thousands(computed[share.key])}"
        for share in shares
        if computed[share.key] != share.amount
    ]


# What each kind of execution may not exceed: disbursed ≤ allocated, paid ≤ disbursed,
# settled ≤ allocated.
LIMITS = {
    Execution.Kind.DISBURSEMENT: None,
    Execution.Kind.PAYMENT: Execution.Kind.DISBURSEMENT,
    Execution.Kind.SETTLEMENT: None,
}


@transaction.atomic
def execution_record(*, share: Share, kind: str, on: date, amount: int, note: str = "", actor: User) -> Execution:
    """Record money disbursed, paid or settled against a share, never above what it may reach.

    The share row is locked first, so two people recording at the same moment are checked
    one after the other and cannot together overspend.
    """
    share = (
        Share.objects.select_for_update(of=("self",)).select_related("allocation", "unit", "village").get(pk=share.pk)
    )
    if amount <= 0:
        raise ValidationError(_("Số tiền phải lớn hơn 0."), code="not_positive")
    if on > timezone.localdate():
        raise ValidationError(
            _("Ngày %(date)s chưa đến: chỉ ghi nhận số tiền đã thực hiện.") % {"date": f"{on:%d/%m/%Y}"},
            code="future_date",
        )
    if on.year < share.allocation.year:
        raise ValidationError(
            _("Ngày %(date)s trước năm %(year)s của phương án phân bổ.")
            % {"date": f"{on:%d/%m/%Y}", "year": share.allocation.year},
            code="before_year",
        )
    totals = dict(share.executions.values_list("kind").annotate(total=Sum("amount")))
    limit_kind = LIMITS[kind]
    limit = totals.get(limit_kind, 0) if limit_kind else share.amount
    done = totals.get(kind, 0)
    if done + amount > limit:
        raise ValidationError(
            _(
                "%(kind)s vượt mức: %(target)s đã %(verb)s %(done)s đ, thêm %(amount)s đ sẽ vượt "
                "%(limit_name)s %(limit)s đ (còn lại %(left)s đ)."
            )
            % {
                "kind": Execution.Kind(kind).label,
                "target": share.village or share.unit,
                "verb": Execution.Kind(kind).label.lower(),
                "done": group_thousands(done),
                "amount": group_thousands(amount),
                "limit_name": _("số đã giải ngân") if limit_kind else _("số vốn được phân bổ"),
                "limit": group_thousands(limit),
                "left": group_thousands(max(limit - done, 0)),
            },
            code="over_limit",
        )
    execution = Execution(share=share, kind=kind, on=on, amount=amount, note=note, recorded_by=actor)
    execution._history_user = actor
    execution.save()
    return execution
