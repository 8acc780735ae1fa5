"""Demo funds of seed_demo: the 2018 funds of Lạng Sơn, a K scheme, an allocation and its execution; and the
year in progress, 2026: its funds and an allocation to the region III communes, disbursement under way."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from budgets.models import Allocation, Component, Criterion, Fund, Scheme, Source
from budgets.services import allocation_create, execution_record
from communes.models import Category, LegalDocument, Phase
from p135portal.models import User

# [Dữ liệu mẫu]: amounts made up in the order of size of a mountain province's yearly Chương trình 135 funds.
FUNDS_2018 = [
    (Component.INFRASTRUCTURE, Source.CENTRAL, 133_000_000_000),
    (Component.INFRASTRUCTURE, Source.LOCAL, 13_300_000_000),
    (Component.PRODUCTION, Source.CENTRAL, 45_000_000_000),
    (Component.CAPACITY, Source.CENTRAL, 8_038_000_000),
    (Component.CAPACITY, Source.LOCAL, 804_000_000),
    (Component.MONITORING, Source.CENTRAL, 500_000_000),
]


# [Dữ liệu mẫu]: the 2026 funds of the ethnic-minority component, made up in the same order of size.
FUNDS_2026 = [
    (Component.INFRASTRUCTURE, Source.CENTRAL, 152_000_000_000),
    (Component.INFRASTRUCTURE, Source.LOCAL, 15_200_000_000),
    (Component.PRODUCTION, Source.CENTRAL, 52_000_000_000),
    (Component.CAPACITY, Source.CENTRAL, 6_500_000_000),
    (Component.CAPACITY, Source.LOCAL, 650_000_000),
    (Component.MONITORING, Source.CENTRAL, 600_000_000),
]


def seed_budgets(*, actor: User) -> str:
    """Create the demo funds once; returns the lines for seed_demo to print."""
    return "\n".join([seed_budgets_2018(actor=actor), seed_budgets_2026(actor=actor)])


def _decision(actor: User, number: str, issued_on: date, summary: str) -> LegalDocument:
    decision = LegalDocument.objects.filter(number=number, issued_on=issued_on).first()
    if decision is None:
        decision = LegalDocument(
            kind=LegalDocument.Kind.QUYET_DINH,
            number=number,
            issued_on=issued_on,
            issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
            summary=summary,
        )
        decision._history_user = actor
        decision.save()
    return decision


@transaction.atomic
def seed_budgets_2026(*, actor: User) -> str:
    """The year in progress: the funds of 2026 and an allocation to the region III communes of 2026-2030 by
    their coefficient K, with disbursement under way (some communes behind); left alone once it exists."""
    phase = Phase.objects.filter(name="2026-2030").first()
    if phase is None or Allocation.objects.filter(year=2026).exists():
        return "Nguồn vốn mẫu năm 2026: không thay đổi"
    decision = _decision(
        actor,
        "5/QĐ-DEMO",
        date(2026, 1, 20),
        "[Dữ liệu mẫu] Giao vốn thực hiện Chương trình mục tiêu quốc gia vùng đồng bào DTTS&MN năm 2026"
        " (không phải văn bản thật)",
    )
    for component, source, amount in FUNDS_2026:
        Fund.objects.get_or_create(
            year=2026, component=component, source=source, document=decision, defaults={"amount": amount}
        )
    allocation = allocation_create(
        actor=actor,
        title="[Dữ liệu mẫu] Phân bổ vốn đầu tư cơ sở hạ tầng năm 2026 cho các xã khu vực III",
        year=2026,
        component=Component.INFRASTRUCTURE,
        phase=phase,
        category=Category.KHU_VUC_III,
        pool=152_000_000_000,
        rounding=Allocation.Rounding.MILLION,
        floor=1_000_000_000,
        ceiling=None,
        village_fraction=Decimal("1"),
        document=decision,
    )
    # By autumn most communes have disbursed over half their share; one in six lags behind.
    for number, share in enumerate(allocation.shares.order_by("unit__code")):
        part = Decimal("0.15") if number % 6 == 0 else Decimal("0.62")
        disbursed = int(share.amount * part) // 1000 * 1000
        if disbursed:
            execution_record(share=share, kind="giai_ngan", on=date(2026, 6, 30), amount=disbursed, actor=actor)
            execution_record(share=share, kind="thanh_toan", on=date(2026, 9, 30), amount=disbursed // 2, actor=actor)
    return (
        f"Nguồn vốn mẫu năm 2026: {len(FUNDS_2026)} khoản vốn, phân bổ cho {allocation.shares.count()} xã khu vực III"
    )


@transaction.atomic
def seed_budgets_2018(*, actor: User) -> str:
    """The 2018 funds, scheme, allocation and execution; left alone once the 2018 allocation exists."""
    if Allocation.objects.filter(year=2018).exists():
        return "Nguồn vốn mẫu năm 2018: không thay đổi"
    decision = _decision(
        actor,
        "3/QĐ-DEMO",
        date(2017, 12, 20),
        "[Dữ liệu mẫu] Giao vốn thực hiện Chương trình 135 năm 2018 (không phải văn bản thật)",
    )
    for component, source, amount in FUNDS_2018:
        Fund.objects.get_or_create(
            year=2018, component=component, source=source, document=decision, defaults={"amount": amount}
        )
    scheme, _created = Scheme.objects.get_or_create(year=2018, defaults={"base": Decimal("1"), "document": decision})
    if not scheme.criteria.exists():
        for measure, lower, upper, points in [
            (Criterion.Measure.POVERTY_RATE, 50, None, "1.5"),
            (Criterion.Measure.POVERTY_RATE, 30, 50, "1.0"),
            (Criterion.Measure.POPULATION, 5000, None, "0.5"),
        ]:
            Criterion.objects.create(scheme=scheme, measure=measure, lower=lower, upper=upper, points=Decimal(points))
        Criterion.objects.create(
            scheme=scheme, measure="category", category=Category.XA_BIEN_GIOI, points=Decimal("0.3")
        )
    allocation = allocation_create(
        actor=actor,
        title="Phân bổ vốn đầu tư cơ sở hạ tầng năm 2018 cho các xã ĐBKK",
        year=2018,
        component=Component.INFRASTRUCTURE,
        phase=Phase.objects.get(name="2016-2020"),
        category=Category.XA_DBKK,
        pool=133_000_000_000,
        rounding=Allocation.Rounding.MILLION,
        floor=500_000_000,
        ceiling=None,
        village_fraction=Decimal("1"),
        document=decision,
    )
    # Most communes disbursed most of their share; a few lag behind, to show the flags.
    for number, share in enumerate(allocation.shares.order_by("unit__code")):
        part = Decimal("0.2") if number % 10 == 0 else Decimal("0.85")
        disbursed = int(share.amount * part) // 1000 * 1000
        if disbursed:
            execution_record(share=share, kind="giai_ngan", on=date(2018, 9, 15), amount=disbursed, actor=actor)
            execution_record(share=share, kind="thanh_toan", on=date(2018, 11, 30), amount=disbursed // 2, actor=actor)
    return f"Nguồn vốn mẫu năm 2018: {len(FUNDS_2018)} khoản vốn, phân bổ cho {allocation.shares.count()} xã ĐBKK"
