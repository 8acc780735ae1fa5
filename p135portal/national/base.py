"""National data: what every part shares (batch size, the sample-data mark, dates, documents, phases),
the villages, designations and a year of periodic reports."""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from budgets.models import Component, Fund, Source
from communes.models import (
    Category,
    Designation,
    LegalDocument,
    Phase,
    Unit,
    Village,
)
from monitoring.models import (
    PeriodicReport,
    ReportSchedule,
)
from monitoring.services.reports import schedule_create
from p135portal.models import User
from p135portal.numbers import group_thousands
from p135portal.text import search_key

BATCH = 5_000
VILLAGES_PER_COMMUNE = 30  # 3,321 communes × 30 ≈ 100,000 villages
DESIGNATED_SHARE = 0.4
REPORT_YEAR = 2026
MARK = "[Dữ liệu mẫu quốc gia]"

PLAN_YEARS = range(2022, 2027)
# Classes of a local plan: 696 districts × 4 years × ~10 + 3,321 communes × ~7 ≈ 50,000 classes.
CLASSES_PER_DISTRICT = (7, 13)
CLASSES_PER_COMMUNE = (5, 9)
PROVINCE_CLASSES = 4  # of each plan created here
ALLOCATION_YEARS = range(2022, 2026)  # the designations of 2021-2025 (861/QĐ-TTg) are of old communes
# Who gets what: (category, component, average amount per commune).
ALLOCATIONS = [
    (Category.KHU_VUC_III, Component.INFRASTRUCTURE, 1_500_000_000),
    (Category.KHU_VUC_II, Component.PRODUCTION, 500_000_000),
    (Category.KHU_VUC_I, Component.PRODUCTION, 200_000_000),
]
INSPECTION_YEARS = range(2022, 2027)


def _villages(communes: list[Unit], say) -> None:
    have = set(Village.objects.filter(commune__in=communes).values_list("commune_id", flat=True).distinct())
    batch = []
    created = 0
    for commune in communes:
        if commune.pk in have:
            continue
        for number in range(1, VILLAGES_PER_COMMUNE + 1):
            name = f"Thôn {number}"
            batch.append(Village(commune=commune, name=name, kind=Village.Kind.THON, search_name=search_key(name)))
        if len(batch) >= BATCH:
            Village.objects.bulk_create(batch)
            created += len(batch)
            batch = []
            say(f"  thôn: {group_thousands(created)}")
    Village.objects.bulk_create(batch)
    say(f"Thôn: tạo mới {group_thousands(created + len(batch))}; tổng {group_thousands(Village.objects.count())}")


def _designations(rng: random.Random, fraction: float, say) -> None:
    phase, _ = Phase.objects.get_or_create(name="2021-2025", defaults={"start_year": 2021, "end_year": 2025})
    document, _ = LegalDocument.objects.get_or_create(
        number="861/QĐ-TTg",
        defaults={
            "kind": LegalDocument.Kind.QUYET_DINH,
            "issued_on": date(2021, 6, 4),
            "issuer": "Thủ tướng Chính phủ",
            "summary": "[Dữ liệu mẫu quốc gia] Phê duyệt danh sách các xã khu vực III, khu vực II, khu vực I",
        },
    )
    if Designation.objects.filter(document=document).exists():
        say("Diện đầu tư: đã có")
        return
    old = list(Unit.objects.filter(level=Unit.Level.COMMUNE, valid_until__isnull=False).order_by("code"))
    old = old[: max(1, round(len(old) * fraction))]
    chosen = [unit for unit in old if rng.random() < DESIGNATED_SHARE]
    categories = [Category.KHU_VUC_III, Category.KHU_VUC_II, Category.KHU_VUC_I]
    rows = [
        Designation(
            unit=unit, phase=phase, category=rng.choice(categories), document=document, start_date=date(2021, 6, 4)
        )
        for unit in chosen
    ]
    Designation.objects.bulk_create(rows, batch_size=BATCH)
    say(f"Diện đầu tư: {group_thousands(len(rows))} xã")


def _reports(communes: list[Unit], actor: User, rng: random.Random, say) -> None:
    schedule = ReportSchedule.objects.filter(year=REPORT_YEAR).first() or schedule_create(year=REPORT_YEAR, actor=actor)
    periods = [period for period in schedule.periods.order_by("ends_on") if period.due_on <= date(2026, 11, 30)]
    have = set(PeriodicReport.objects.filter(period__in=periods).values_list("period_id", "unit_id"))
    rows = []
    # Who has not reported is drawn apart from the figures, so that a second run skips the same units.
    silent = random.Random(REPORT_YEAR)
    for period in periods:
        sent = _moment(period.due_on - timedelta(days=3), 0)
        for commune in communes:
            if silent.random() < 0.1 or (period.pk, commune.pk) in have:  # one in ten has not reported
                continue
            rows.append(
                PeriodicReport(
                    period=period,
                    unit=commune,
                    narrative="[Dữ liệu mẫu quốc gia] Kết quả thực hiện trong kỳ.",
                    status=PeriodicReport.Status.SENT,
                    sent_at=sent,
                    sent_by=actor,
                    disbursed=rng.randrange(0, 5_000_000_000, 1_000_000),
                    paid=0,
                    classes=rng.randrange(0, 12),
                    trainees=rng.randrange(0, 400),
                    poor_households_out=rng.randrange(0, 60),
                )
            )
    with transaction.atomic():
        PeriodicReport.objects.bulk_create(rows, batch_size=BATCH)
    say(f"Báo cáo định kỳ năm {REPORT_YEAR}: {group_thousands(len(rows))}")


# ------------------------------------------------------------------ shared


def _moment(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _document(kind: str, number: str, issued_on: date, issuer: str, summary: str) -> LegalDocument:
    document, _ = LegalDocument.objects.get_or_create(
        number=number, issued_on=issued_on, defaults={"kind": kind, "issuer": issuer, "summary": summary}
    )
    return document


def _funds_decision(year: int) -> LegalDocument:
    """The (made-up) decision giving the year's funds that the national rows stand on."""
    return _document(
        LegalDocument.Kind.QUYET_DINH,
        "1/QĐ-MAUQG",
        date(year - 1, 12, 15),
        "Thủ tướng Chính phủ",
        f"{MARK} Giao dự toán ngân sách thực hiện Chương trình năm {year} (không phải văn bản thật)",
    )


def _add_fund(year: int, component: str, amount: int) -> None:
    """Adds `amount` to the year's central funds of `component` under the national decision."""
    decision = _funds_decision(year)
    fund = Fund.objects.filter(year=year, component=component, source=Source.CENTRAL, document=decision).first()
    if fund is None:
        Fund.objects.bulk_create(
            [
                Fund(
                    year=year,
                    component=component,
                    source=Source.CENTRAL,
                    amount=amount,
                    document=decision,
                    note=f"{MARK} Vốn của các đơn vị cả nước",
                )
            ]
        )
    else:
        Fund.objects.filter(pk=fund.pk).update(amount=fund.amount + amount)


def _phase(year: int) -> Phase:
    start = 2021 if year <= 2025 else 2026
    phase, _ = Phase.objects.get_or_create(
        name=f"{start}-{start + 4}", defaults={"start_year": start, "end_year": start + 4}
    )
    return phase


# ------------------------------------------------------------------ capacity building
