"""National data: allocations to every designated commune, with their disbursements."""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from budgets.models import Allocation, Component, Criterion, Execution, Scheme
from budgets.services import allocation_create, coefficients_compute
from communes.models import (
    REFORM_LAST_OLD_DAY,
    Category,
    Designation,
    Phase,
    YearFigures,
)
from p135portal.models import User
from p135portal.national.base import ALLOCATION_YEARS, ALLOCATIONS, BATCH, MARK, _add_fund, _funds_decision, _phase
from p135portal.numbers import group_thousands


def _allocations(actor: User, today: date, say) -> None:
    phase = _phase(ALLOCATION_YEARS[0])
    for year in ALLOCATION_YEARS:
        with transaction.atomic():
            say(_allocation_year(year, phase, actor, today, random.Random(year)))


def _allocation_year(year: int, phase: Phase, actor: User, today: date, rng) -> str:
    """The year's figures and coefficient K of every designated commune, one allocation per category
    (computed by the portal's own service), and what each commune disbursed, paid and settled."""
    if Allocation.objects.filter(year=year, title__startswith=MARK).exists():
        return f"Phân bổ vốn năm {year}: đã có"
    first, last = date(year, 1, 1), date(year, 12, 31)
    designations = list(
        Designation.objects.filter(
            phase=phase, village__isnull=True, category__in=[row[0] for row in ALLOCATIONS], start_date__lte=last
        )
        .exclude(end_date__lt=first)
        .values_list("unit_id", "category")
    )
    if not designations:
        return f"Phân bổ vốn năm {year}: chưa có xã thuộc diện đầu tư"
    scheme = _scheme(year)
    have = set(YearFigures.objects.filter(year=year, village__isnull=True).values_list("unit_id", flat=True))
    figures = [
        _figures(unit_id, category, year, rng)
        for unit_id, category in dict(designations).items()
        if unit_id not in have
    ]
    YearFigures.objects.bulk_create(figures, batch_size=BATCH)
    coefficients_compute(scheme=scheme, actor=actor)

    categories = {category for _unit, category in designations}
    allocations = shares = executions = 0
    pools: dict[str, int] = defaultdict(int)
    for category, component, average in ALLOCATIONS:
        if category not in categories:
            continue
        count = sum(1 for _unit, designated in designations if designated == category)
        pool = average * count
        allocation = allocation_create(
            actor=actor,
            title=f"{MARK} Phân bổ vốn {Component(component).label.lower()} năm {year} cho các xã"
            f" {Category(category).label.lower()}",
            year=year,
            component=component,
            phase=phase,
            category=category,
            pool=pool,
            rounding=Allocation.Rounding.MILLION,
            floor=average // 4 // 1_000_000 * 1_000_000,
            ceiling=None,
            village_fraction=Decimal("1"),
            document=_funds_decision(year),
        )
        pools[component] += pool
        allocations += 1
        rows = [
            row for share in allocation.shares.order_by("unit__code") for row in _executions(share, actor, today, rng)
        ]
        Execution.objects.bulk_create(rows, batch_size=BATCH)
        shares += count
        executions += len(rows)
    for component, pool in pools.items():
        _add_fund(year, component, pool)
    return (
        f"Phân bổ vốn năm {year}: {allocations} phương án, {group_thousands(shares)} xã,"
        f" {group_thousands(executions)} lần giải ngân, thanh toán, quyết toán"
    )


def _scheme(year: int) -> Scheme:
    """The year's rules for K; where none are entered, a sample: poverty rate, population, category."""
    scheme = Scheme.objects.filter(year=year).first()
    if scheme is not None:
        return scheme
    scheme = Scheme.objects.bulk_create([Scheme(year=year, base=Decimal("1"), document=_funds_decision(year))])[0]
    measure = Criterion.Measure
    Criterion.objects.bulk_create(
        [
            Criterion(scheme=scheme, measure=measure.POVERTY_RATE, lower=50, upper=None, points=Decimal("1.5")),
            Criterion(scheme=scheme, measure=measure.POVERTY_RATE, lower=30, upper=50, points=Decimal("1.0")),
            Criterion(scheme=scheme, measure=measure.POPULATION, lower=5000, upper=None, points=Decimal("0.5")),
            Criterion(scheme=scheme, measure=measure.CATEGORY, category=Category.KHU_VUC_III, points=Decimal("1.0")),
            Criterion(scheme=scheme, measure=measure.CATEGORY, category=Category.KHU_VUC_II, points=Decimal("0.5")),
        ]
    )
    return scheme


def _figures(unit_id: int, category: str, year: int, rng) -> YearFigures:
    """Figures in the order of size of a mountain commune: poorer the harder its region."""
    population = rng.randrange(1_500, 15_000, 10)
    households = population * 10 // rng.randint(38, 50)
    low, high = {Category.KHU_VUC_III: (25, 65), Category.KHU_VUC_II: (12, 35)}.get(category, (3, 15))
    poor = households * rng.randint(low, high) // 100
    return YearFigures(
        unit_id=unit_id,
        year=year,
        population=population,
        households=households,
        poor_households=poor,
        near_poor_households=(households - poor) * rng.randint(5, 20) // 100,
        ethnic_minority_share=Decimal(rng.randrange(3_000, 10_000)) / 100,
    )


def _executions(share, actor: User, today: date, rng) -> list[Execution]:
    """Disbursed in two rounds, then paid and, for most, settled within the year; one commune in eight
    lags behind. The year of the reform ends for the old communes on 30/6/2025, so does their money."""
    amount = share.amount
    if amount <= 0:
        return []
    year = share.allocation.year
    last = REFORM_LAST_OLD_DAY if year == REFORM_LAST_OLD_DAY.year else date(year, 12, 31)
    lagging = rng.random() < 0.125
    if last.month < 12:
        first_part = rng.randint(10, 20) if lagging else rng.randint(40, 70)
        steps = [(Execution.Kind.DISBURSEMENT, date(year, 6, 15), amount * first_part // 100)]
    else:
        first_part = rng.randint(15, 30) if lagging else rng.randint(45, 60)
        total = first_part if lagging else rng.randint(85, 100)
        steps = [
            (Execution.Kind.DISBURSEMENT, date(year, 6, 30), amount * first_part // 100),
            (Execution.Kind.DISBURSEMENT, date(year, 11, 30), amount * (total - first_part) // 100),
        ]
    disbursed = sum(step[2] // 1000 * 1000 for step in steps)
    paid = disbursed * rng.randint(50, 100) // 100
    steps.append((Execution.Kind.PAYMENT, last - timedelta(days=5), paid))
    if last.month == 12 and not lagging and rng.random() < 0.7:
        steps.append((Execution.Kind.SETTLEMENT, last - timedelta(days=2), paid))
    notes = {
        Execution.Kind.DISBURSEMENT: f"{MARK} Giải ngân",
        Execution.Kind.PAYMENT: f"{MARK} Thanh toán",
        Execution.Kind.SETTLEMENT: f"{MARK} Quyết toán",
    }
    return [
        Execution(share=share, kind=kind, on=on, amount=value // 1000 * 1000, note=notes[kind], recorded_by=actor)
        for kind, on, value in steps
        if value >= 1000 and on <= today
    ]


# ------------------------------------------------------------------ inspections
