"""National-scale data for the benchmark (seed_demo --scale national): every unit of the country in
both systems, villages under every current commune, designations of a share of the communes, and a
year of periodic reports from every current commune. Rows are written in bulk (one statement per
batch), so the whole country is in place in minutes on a small machine; `fraction` scales the rows
down (0.1 for the one-tenth data set the benchmark compares against). Idempotent: what exists is
left as it is.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from communes.models import Category, Designation, LegalDocument, Phase, Unit, Village
from communes.services import units_load
from monitoring.models import PeriodicReport, ReportSchedule
from monitoring.services.reports import schedule_create
from p135portal.models import User
from p135portal.numbers import group_thousands
from p135portal.text import search_key

BATCH = 5_000
VILLAGES_PER_COMMUNE = 30  # 3,321 communes × 30 ≈ 100,000 villages
DESIGNATED_SHARE = 0.4
REPORT_YEAR = 2026


def seed_national(*, actor: User, fraction: float = 1.0, say: Callable[[str], None] = print) -> None:
    started = timezone.now()
    rng = random.Random(17)
    units_load()
    say(f"Đơn vị hành chính cả nước: {group_thousands(Unit.objects.count())} đơn vị")
    communes = list(Unit.objects.current().filter(level=Unit.Level.COMMUNE).order_by("code"))
    communes = communes[: max(1, round(len(communes) * fraction))]
    _villages(communes, say)
    _designations(rng, fraction, say)
    _reports(communes, actor, rng, say)
    seconds = (timezone.now() - started).total_seconds()
    say(f"Xong trong {seconds:.0f} giây.")


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
    for period in periods:
        sent = timezone.make_aware(
            timezone.datetime.combine(period.due_on - timedelta(days=3), timezone.datetime.min.time())
        )
        for commune in communes:
            if (period.pk, commune.pk) in have or rng.random() < 0.1:  # one in ten has not reported
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
