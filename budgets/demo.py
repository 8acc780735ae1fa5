"""Demo funds of seed_demo: the 2018 funds of Lạng Sơn, a K scheme, an allocation and its execution."""

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


@transaction.atomic
def seed_budgets(*, actor: User) -> str:
    """Create the demo funds once; returns a line for seed_demo to print."""
    if Allocation.objects.exists():
        return "Nguồn vốn mẫu: không thay đổi"
    decision = LegalDocument.objects.filter(number="3/QĐ-DEMO", issued_on=date(2017, 12, 20)).first()
    if decision is None:
        decision = LegalDocument(
            kind=LegalDocument.Kind.QUYET_DINH,
            number="3/QĐ-DEMO",
            issued_on=date(2017, 12, 20),
            issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
            summary="[Dữ liệu mẫu] Giao vốn thực hiện Chương trình 135 năm 2018 (không phải văn bản thật)",
        )
        decision._history_user = actor
        decision.save()
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
