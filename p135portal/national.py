"""National-scale data for the benchmark (seed_demo --scale national): every unit of the country in
both systems, villages under every current commune, designations of a share of the communes, a year
of periodic reports from every current commune, five years of capacity-building plans (2022-2026)
with the local plans of every district (to 2025) and every current commune (2026), their classes and
class reports, allocations of funds to every designated commune with their disbursement, and
inspections with remediation. Rows are written in bulk (one statement per batch), so the whole
country is in place in minutes on a small machine; `fraction` scales the rows down (0.1 for the
one-tenth data set the benchmark compares against). Idempotent: what exists is left as it is, and
each year of each area is written in one transaction, all or nothing.

The whole country is treated as the portal's area: the portal's own write rules keep a province's
local plans and inspections to its own units, so these rows are written directly, while every other
rule (statuses, dates in the year, caps of a class, allotments, disbursed ≤ allocated) is kept.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from budgets.models import Allocation, Component, Criterion, Execution, Fund, Scheme, Source
from budgets.selectors import capacity_building_funds
from budgets.services import allocation_create, coefficients_compute
from communes.models import (
    REFORM_LAST_OLD_DAY,
    Category,
    Designation,
    LegalDocument,
    Phase,
    Unit,
    Village,
    YearFigures,
)
from communes.services import units_load
from monitoring.models import (
    Area,
    ChecklistResult,
    InspectionPlan,
    InspectionRound,
    Method,
    PeriodicReport,
    Remediation,
    ReportSchedule,
)
from monitoring.services.reports import schedule_create
from p135portal.models import User
from p135portal.numbers import group_thousands
from p135portal.text import search_key
from trainings.demo.plans import TOPICS
from trainings.models import AnnualPlan, ClassReport, LocalBudget, LocalPlan, PlanClass, Rules, Topic
from trainings.services import plans as plan_services

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


def seed_national(
    *,
    actor: User,
    fraction: float = 1.0,
    say: Callable[[str], None] = print,
    province_codes: Collection[str] | None = None,
) -> None:
    """`province_codes` loads the units of those provinces only (a test's few seconds) instead of the
    whole country's; the rows are then made for the units loaded."""
    started = time.monotonic()
    rng = random.Random(17)
    today = timezone.localdate()
    units_load(province_codes=province_codes)
    say(f"Đơn vị hành chính cả nước: {group_thousands(Unit.objects.count())} đơn vị")
    communes = list(Unit.objects.current().filter(level=Unit.Level.COMMUNE).order_by("code"))
    communes = communes[: max(1, round(len(communes) * fraction))]
    districts = list(Unit.objects.current(date(PLAN_YEARS[0], 1, 1)).filter(level=Unit.Level.DISTRICT).order_by("code"))
    districts = districts[: max(1, round(len(districts) * fraction))]
    _villages(communes, say)
    _designations(rng, fraction, say)
    _reports(communes, actor, rng, say)
    _trainings(districts, communes, actor, today, say)
    _allocations(actor, today, say)
    _inspections(districts, communes, today, say)
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would gather them later
        cursor.execute("ANALYZE")
    say(f"Xong trong {time.monotonic() - started:.0f} giây.")


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

PLAN_TEXTS = {
    "purpose": f"{MARK} Nâng cao năng lực quản lý, tổ chức thực hiện Chương trình cho cán bộ cơ sở; nâng cao nhận"
    " thức, sự tham gia của cộng đồng trong giám sát, vận hành và bảo dưỡng công trình.",
    "requirements": f"{MARK} Đúng đối tượng; nội dung sát với nhiệm vụ của cơ sở.",
    "target_groups": f"{MARK} Cán bộ, công chức cấp xã, cán bộ thôn, người có uy tín và người dân các xã, thôn thụ"
    " hưởng.",
    "content": f"{MARK} Theo chương trình khung nâng cao năng lực của giai đoạn.",
    "forms": f"{MARK} Tập huấn tại tỉnh, huyện, xã; học tập đi đôi với thực hành.",
    "cost_norms": f"{MARK} Theo các văn bản hướng dẫn hiện hành về chế độ chi đào tạo, bồi dưỡng cán bộ, công chức.",
}
SIGNED = {"number": "15/KH-MAUQG", "signer_name": "Nguyễn Văn Mẫu", "signer_title": "Phó Chủ tịch"}
REOPEN_REASON = "Bổ sung phân bổ kinh phí và kế hoạch của các đơn vị cả nước (dữ liệu mẫu)"
PLAN_RETURN_COMMENT = (
    f"{MARK} Dự toán một số lớp cao so với định mức; đề nghị rà soát lại và bổ sung lớp cho cộng đồng các thôn"
    " đặc biệt khó khăn."
)
REPORT_RETURN_COMMENT = f"{MARK} Đề nghị bổ sung danh sách học viên có chữ ký và làm rõ kinh phí thực hiện."
TRAINERS = [
    f"{MARK} Cơ quan công tác dân tộc tỉnh; Sở Tài chính",
    f"{MARK} Phòng Dân tộc huyện; Trung tâm Dịch vụ nông nghiệp",
    f"{MARK} Giảng viên Trường Chính trị tỉnh",
]
EVALUATIONS = [
    f"{MARK} Học viên tham gia đầy đủ, tích cực thảo luận; nắm được quy trình lập kế hoạch và giám sát.",
    f"{MARK} Lớp học đi đôi với thực hành tại thôn; đa số học viên áp dụng được vào công việc.",
    f"{MARK} Nội dung sát thực tế; đề nghị tăng thời lượng thực hành ở các lớp sau.",
]


def _trainings(districts: list[Unit], communes: list[Unit], actor: User, today: date, say) -> None:
    topics = _topics()
    for year in PLAN_YEARS:
        first_day = date(year, 1, 1)
        # The units a plan's budget is split among: districts before the 2025 reform, communes after.
        units = districts if first_day <= REFORM_LAST_OLD_DAY else communes
        with transaction.atomic():
            say(_training_year(year, units, topics, actor, today, random.Random(year)))


def _topics() -> list[Topic]:
    if not Topic.objects.filter(active=True).exists():
        Topic.objects.bulk_create(
            [Topic(name=name, audience=audience) for name, audience in TOPICS], ignore_conflicts=True
        )
    return list(Topic.objects.filter(active=True).order_by("pk")) or list(Topic.objects.order_by("pk"))


def _rules(phase: Phase) -> Rules:
    """The phase's rules; where none are entered, the defaults (5 days, 4 days, 10 %) on a sample basis."""
    rules = Rules.objects.filter(phase=phase).first()
    if rules is None:
        basis = _document(
            LegalDocument.Kind.KE_HOACH,
            "01/KH-MAUQG",
            date(phase.start_year, 1, 10),
            "Ủy ban nhân dân tỉnh",
            f"{MARK} Kế hoạch nâng cao năng lực cho cộng đồng và cán bộ cơ sở giai đoạn {phase.name}"
            " (không phải văn bản thật)",
        )
        rules = Rules.objects.bulk_create([Rules(phase=phase, legal_basis=basis)])[0]
    return rules


def _training_year(year: int, units: list[Unit], topics: list[Topic], actor: User, today: date, rng) -> str:
    """The year's plan (created, or reopened when approved) with the local plans of `units` that have
    none, their classes and class reports; then the plan is submitted and approved again."""
    phase = _phase(year)
    rules = _rules(phase)
    plan = AnnualPlan.objects.filter(year=year).first()
    have = set(LocalBudget.objects.filter(plan=plan).values_list("unit_id", flat=True)) if plan else set()
    todo = [unit for unit in units if unit.pk not in have]
    if not todo:
        return f"Kế hoạch nâng cao năng lực năm {year}: đã có"
    signed = dict(SIGNED, signed_on=date(year, 2, 15))
    classes = []
    if plan is None:
        plan = AnnualPlan(
            year=year, phase=phase, title=f"{MARK} Nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm {year}"
        )
        for name, text in PLAN_TEXTS.items():
            setattr(plan, name, text)
        plan._history_user = actor
        plan.save()
        plan.bases.set(LegalDocument.objects.filter(number="861/QĐ-TTg"))
        for _number in range(PROVINCE_CLASSES):
            place = "Hội trường cơ quan công tác dân tộc tỉnh"
            classes.append(_plan_class(plan, None, PlanClass.Level.PROVINCE, place, topics, rules, rng, year, None))
    else:
        if plan.number and plan.signed_on and plan.signer_name:
            signed = {
                "number": plan.number,
                "signed_on": plan.signed_on,
                "signer_name": plan.signer_name,
                "signer_title": plan.signer_title,
            }
        if plan.status == AnnualPlan.Status.APPROVED:
            plan = plan_services.plan_reopen(plan=plan, reason=REOPEN_REASON, actor=actor)
        elif plan.status == AnnualPlan.Status.SUBMITTED:
            plan = plan_services.plan_return(plan=plan, actor=actor)

    local_plans = [_local_plan(plan, unit, actor, today, rng) for unit in todo]
    LocalPlan.objects.bulk_create(local_plans, batch_size=BATCH)
    places = _class_places(todo)
    budgets = []
    for local_plan in local_plans:
        unit = local_plan.unit
        low, high = CLASSES_PER_DISTRICT if unit.level == Unit.Level.DISTRICT else CLASSES_PER_COMMUNE
        own = []
        for _number in range(rng.randint(low, high)):
            level, place = rng.choice(places[unit.pk])
            own.append(_plan_class(plan, local_plan, level, place, topics, rules, rng, year, unit.valid_until))
        classes += own
        # The allotment covers the classes, with some room left, in whole millions.
        estimated = sum(plan_class.cost for plan_class in own)
        budgets.append(
            LocalBudget(
                plan=plan, unit=unit, amount=estimated * rng.randint(100, 115) // 100_000_000 * 1_000_000 + 1_000_000
            )
        )
    LocalBudget.objects.bulk_create(budgets, batch_size=BATCH)
    # seed_demo's own class reports (trainings.demo.reports) leave every third ended class of an approved
    # plan unreported by its position among all of them, year after year: a year's ended classes come
    # in threes, so that the demo's classes keep their positions and running seed_demo again reports none.
    ended = [
        plan_class
        for plan_class in classes
        if plan_class.end_date < today
        and (plan_class.local_plan is None or plan_class.local_plan.status == LocalPlan.Status.ACCEPTED)
    ]
    for plan_class in ended[len(ended) - len(ended) % 3 :]:
        classes.remove(plan_class)
    PlanClass.objects.bulk_create(classes, batch_size=BATCH)
    reports = [report for plan_class in classes if (report := _class_report(plan_class, actor, today, rng)) is not None]
    ClassReport.objects.bulk_create(reports, batch_size=BATCH)

    # The split stays within the year's capacity-building funds.
    split = sum(LocalBudget.objects.filter(plan=plan).values_list("amount", flat=True))
    missing = split - sum(capacity_building_funds(year).values())
    if missing > 0:
        _add_fund(year, Component.CAPACITY, -(-missing // 1_000_000) * 1_000_000)
    plan_services.plan_submit(plan=plan, actor=actor)
    plan_services.plan_approve(plan=plan, actor=actor, **signed)
    local_name = "huyện" if todo[0].level == Unit.Level.DISTRICT else "xã"
    return (
        f"Kế hoạch nâng cao năng lực năm {year}: {group_thousands(len(local_plans))} kế hoạch của {local_name},"
        f" {group_thousands(len(classes))} lớp, {group_thousands(len(reports))} báo cáo kết quả lớp"
    )


def _local_plan(plan: AnnualPlan, unit: Unit, actor: User, today: date, rng) -> LocalPlan:
    """A unit's plan: sent early in the year, and by now almost always approved (in the year in progress
    some wait for the province, some were returned, some are still being drafted)."""
    local_plan = LocalPlan(plan=plan, unit=unit)
    draw = rng.random()
    past = plan.year < today.year
    if not past and draw < 0.05:
        return local_plan  # being drafted
    sent = _day_between(rng, date(plan.year, 2, 1), date(plan.year, 3, 10))
    reviewed = sent + timedelta(days=rng.randint(3, 20))
    local_plan.sent_at = _moment(min(sent, today))
    if (not past and draw < 0.11) or reviewed > today:
        local_plan.status = LocalPlan.Status.SENT
        return local_plan
    local_plan.reviewed_at, local_plan.reviewed_by = _moment(reviewed, 15), actor
    if draw > (0.98 if past else 0.95):
        local_plan.status, local_plan.comment = LocalPlan.Status.RETURNED, PLAN_RETURN_COMMENT
    else:
        local_plan.status = LocalPlan.Status.ACCEPTED
    return local_plan


def _class_places(units: list[Unit]) -> dict[int, list[tuple[str, str]]]:
    """Where each unit's classes are held: a district's at its seat or in one of its communes, a
    commune's at its seat or in one of its villages."""
    places: dict[int, list[tuple[str, str]]] = {}
    communes = defaultdict(list)
    if units[0].level == Unit.Level.DISTRICT:
        for parent_id, name in Unit.objects.filter(parent__in=units, level=Unit.Level.COMMUNE).values_list(
            "parent_id", "name"
        ):
            communes[parent_id].append(name)
    for unit in units:
        if unit.level == Unit.Level.DISTRICT:
            places[unit.pk] = [(PlanClass.Level.DISTRICT, f"Hội trường UBND {unit.name}")] + [
                (PlanClass.Level.COMMUNE, f"UBND {name}") for name in communes[unit.pk][:6]
            ]
        else:
            places[unit.pk] = [(PlanClass.Level.COMMUNE, f"Hội trường UBND {unit.name}")] + [
                (PlanClass.Level.COMMUNE, f"Nhà văn hóa thôn {number}, {unit.name}") for number in (2, 5, 9)
            ]
    return places


def _plan_class(plan, local_plan, level, place, topics, rules: Rules, rng, year: int, until: date | None) -> PlanClass:
    """A class inside the plan's year (and the unit's lifetime), within the phase's cap of days."""
    topic = rng.choice(topics)
    if topic.audience == Topic.Audience.BOTH:
        audience = rng.choice(PlanClass.Audience.values)
    else:
        audience = (
            PlanClass.Audience.OFFICIALS if topic.audience == Topic.Audience.OFFICIALS else PlanClass.Audience.COMMUNITY
        )
    cap = rules.max_days_officials if audience == PlanClass.Audience.OFFICIALS else rules.max_days_community
    days = rng.randint(min(2, cap), cap)
    last_start = min(date(year, 12, 10), (until or date(year, 12, 31)) - timedelta(days=10))
    start = _day_between(rng, date(year, 3, 1), last_start)
    participants = rng.randint(25, 80)
    return PlanClass(
        plan=plan,
        local_plan=local_plan,
        topic=topic,
        audience=audience,
        level=level,
        place=place,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        days=days,
        participants=participants,
        women=participants * rng.randint(30, 55) // 100,
        ethnic_minority=participants * rng.randint(55, 98) // 100,
        young_cadres=participants * rng.randint(8, 30) // 100,
        cost=participants * days * rng.randrange(350_000, 650_001, 50_000) // 1_000_000 * 1_000_000,
    )


def _class_report(plan_class: PlanClass, actor: User, today: date, rng) -> ClassReport | None:
    """The report of a class of an approved plan that has ended: a few trainees fewer than planned,
    the shares kept, the cost a little under; most accepted, some waiting, a few returned. Entered by
    the province office (for a unit, from its paper report), as the office may.

    Every such class has its report: the demo's own step (seed_class_reports, run first by seed_demo)
    reports on any ended class of an approved plan left without one, one row at a time."""
    local_plan = plan_class.local_plan
    if (local_plan is not None and local_plan.status != LocalPlan.Status.ACCEPTED) or plan_class.end_date >= today:
        return None
    past = plan_class.plan.year < today.year
    sent = min(plan_class.end_date + timedelta(days=rng.randint(1, 12)), today)
    participants = max(1, plan_class.participants - rng.randint(0, 4))
    ratio = participants / plan_class.participants
    ethnic_minority = round(plan_class.ethnic_minority * ratio)
    if plan_class.audience == PlanClass.Audience.OFFICIALS:
        commune_officials = participants * 6 // 10
        village_officials, prestigious, residents = participants - commune_officials, 0, 0
    else:
        commune_officials, village_officials, prestigious = 0, participants // 5, participants // 10
        residents = participants - village_officials - prestigious
    report = ClassReport(
        plan_class=plan_class,
        start_date=plan_class.start_date,
        end_date=plan_class.end_date,
        days=plan_class.days,
        participants=participants,
        women=round(plan_class.women * ratio),
        ethnic_minority=ethnic_minority,
        very_small_minorities=ethnic_minority // 20,
        young_cadres=round(plan_class.young_cadres * ratio),
        commune_officials=commune_officials,
        village_officials=village_officials,
        prestigious=prestigious,
        residents=residents,
        cost=plan_class.cost * rng.randint(88, 100) // 100 // 1000 * 1000,
        trainers=rng.choice(TRAINERS),
        evaluation=rng.choice(EVALUATIONS),
        status=ClassReport.Status.SENT,
        sent_at=_moment(sent),
        sent_by=actor,
    )
    reviewed = sent + timedelta(days=rng.randint(2, 20))
    draw = rng.random()
    if reviewed > today or draw > (0.99 if past else 0.8):
        return report  # waits for the office
    report.reviewed_at, report.reviewed_by = _moment(reviewed, 15), actor
    if draw > (0.98 if past else 0.76):
        report.status, report.comment = ClassReport.Status.RETURNED, REPORT_RETURN_COMMENT
    else:
        report.status = ClassReport.Status.ACCEPTED
    return report


# ------------------------------------------------------------------ funds


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

FINDINGS = {
    Area.DOCUMENTS: "Chưa ban hành đủ văn bản hướng dẫn; tập huấn cho cán bộ thôn còn ít.",
    Area.PROGRESS: "Một số công trình chậm tiến độ so với kế hoạch năm.",
    Area.CAPITAL: "Tỷ lệ giải ngân vốn còn thấp; một số công trình hoàn thành chưa quyết toán.",
    Area.COMPLIANCE: "Hồ sơ lựa chọn hộ hưởng lợi, biên bản bàn giao hỗ trợ sản xuất chưa đầy đủ.",
    Area.REPORTING: "Báo cáo định kỳ gửi chậm; số liệu chưa khớp giữa các biểu.",
}
REMEDIES = {
    Area.DOCUMENTS: "Ban hành văn bản hướng dẫn còn thiếu; tổ chức tập huấn cho cán bộ thôn.",
    Area.PROGRESS: "Lập phương án hoàn thành khối lượng còn chậm, báo cáo tiến độ hằng tháng.",
    Area.CAPITAL: "Đẩy nhanh giải ngân; hoàn thiện hồ sơ quyết toán các công trình hoàn thành.",
    Area.COMPLIANCE: "Bổ sung hồ sơ lựa chọn hộ hưởng lợi và biên bản bàn giao còn thiếu.",
    Area.REPORTING: "Thực hiện báo cáo định kỳ đúng thời hạn; thống nhất số liệu giữa các biểu.",
}
TEAM = (
    "Nguyễn Văn Mẫu, Phó Trưởng ban - Trưởng đoàn\nTrần Thị Mẫu, Trưởng phòng - Phó Trưởng đoàn\n"
    "Lê Văn Mẫu, Chuyên viên - Thư ký"
)


def _inspections(districts: list[Unit], communes: list[Unit], today: date, say) -> None:
    for year in INSPECTION_YEARS:
        with transaction.atomic():
            say(_inspection_year(year, districts, communes, today, random.Random(year)))


def _inspection_year(year: int, districts: list[Unit], communes: list[Unit], today: date, rng) -> str:
    """Before the reform every district inspects a few of its communes once a year (in 2025 before
    1 July); from 2026 each province holds two rounds in some of its communes. Each round has its
    checklist; what failed is given to an inspected commune to remedy, followed up until closed."""
    if InspectionPlan.objects.filter(year=year, title__startswith=MARK).exists():
        return f"Kiểm tra năm {year}: đã có"
    groups: dict[int, list[int]] = defaultdict(list)  # the organiser → the communes it may inspect
    if date(year, 1, 1) <= REFORM_LAST_OLD_DAY:
        organisers = {unit.pk: unit for unit in districts}
        for parent_id, pk in Unit.objects.filter(parent__in=districts, level=Unit.Level.COMMUNE).values_list(
            "parent_id", "pk"
        ):
            groups[parent_id].append(pk)
        level, rounds_each = InspectionPlan.Level.DISTRICT, 1
    else:
        organisers = {unit.pk: unit for unit in Unit.objects.filter(pk__in={commune.parent_id for commune in communes})}
        for commune in communes:
            groups[commune.parent_id].append(commune.pk)
        level, rounds_each = InspectionPlan.Level.PROVINCE, 2
    last_day = min(date(year, 12, 31), today)
    if level == InspectionPlan.Level.DISTRICT:
        last_day = min(last_day, REFORM_LAST_OLD_DAY)
    if last_day < date(year, 4, 1):
        return f"Kiểm tra năm {year}: chưa đến kỳ kiểm tra"
    plans = []
    for organiser_id in sorted(groups):
        organiser = organisers[organiser_id]
        plans.append(
            InspectionPlan(
                year=year,
                level=level,
                unit=organiser if level == InspectionPlan.Level.DISTRICT else None,
                kind=InspectionPlan.Kind.AD_HOC if rng.random() < 0.1 else InspectionPlan.Kind.PERIODIC,
                title=f"{MARK} Kế hoạch kiểm tra, giám sát thực hiện Chương trình năm {year} – {organiser.name}",
                purpose=f"{MARK} Kiểm tra việc thực hiện Chương trình tại các xã; kịp thời phát hiện khó khăn, vướng"
                " mắc để hướng dẫn, tháo gỡ.",
            )
        )
    InspectionPlan.objects.bulk_create(plans, batch_size=BATCH)
    rounds, inspected = [], []
    for plan, organiser_id in zip(plans, sorted(groups), strict=True):
        for number in range(1, rounds_each + 1):
            window = (last_day - date(year, 3, 1)).days // rounds_each
            opens = date(year, 3, 1) + timedelta(days=window * (number - 1))
            start = _day_between(rng, opens, opens + timedelta(days=max(window - 10, 0)))
            end = start + timedelta(days=rng.randint(2, 5))
            reported = end + timedelta(days=7)
            rounds.append(
                InspectionRound(
                    plan=plan,
                    name=f"Đợt {number}",
                    start_date=start,
                    end_date=end,
                    team=TEAM,
                    methods=rng.sample(Method.values, 3),
                    findings=f"{MARK} Các xã cơ bản thực hiện đúng kế hoạch; còn một số tồn tại nêu tại kết quả"
                    " từng nội dung kiểm tra.",
                    recommendations=f"{MARK} UBND các xã khắc phục các tồn tại trong thời hạn; báo cáo kết quả"
                    " về cơ quan tổ chức kiểm tra.",
                    report_date=reported if reported <= today else None,
                    signer_name="Nguyễn Văn Mẫu",
                    signer_title="Phó Trưởng ban",
                )
            )
            candidates = groups[organiser_id]
            inspected.append(rng.sample(candidates, min(len(candidates), rng.randint(2, 4))))
    InspectionRound.objects.bulk_create(rounds, batch_size=BATCH)
    links = [
        InspectionRound.units.through(inspectionround_id=inspection.pk, unit_id=unit_id)
        for inspection, unit_ids in zip(rounds, inspected, strict=True)
        for unit_id in unit_ids
    ]
    InspectionRound.units.through.objects.bulk_create(links, batch_size=BATCH)
    checklist, remediations = [], []
    for inspection, unit_ids in zip(rounds, inspected, strict=True):
        for area in Area:
            draw = rng.random()
            if draw < 0.3 and unit_ids:
                checklist.append(
                    ChecklistResult(
                        round=inspection,
                        area=area,
                        result=ChecklistResult.Result.FAILED,
                        note=f"{MARK} {FINDINGS[area]}",
                    )
                )
                remediations.append(_remediation(inspection, area, rng.choice(unit_ids), today, rng))
            elif draw < 0.9:
                result = ChecklistResult.Result.PASSED
                checklist.append(
                    ChecklistResult(round=inspection, area=area, result=result, note=f"{MARK} Đạt yêu cầu.")
                )
            else:
                checklist.append(ChecklistResult(round=inspection, area=area))
    ChecklistResult.objects.bulk_create(checklist, batch_size=BATCH)
    Remediation.objects.bulk_create(remediations, batch_size=BATCH)
    return (
        f"Kiểm tra năm {year}: {group_thousands(len(plans))} kế hoạch, {group_thousands(len(rounds))} đợt kiểm tra tại"
        f" {group_thousands(len(links))} xã, {group_thousands(len(remediations))} việc khắc phục"
    )


def _remediation(inspection: InspectionRound, area: str, unit_id: int, today: date, rng) -> Remediation:
    """Due two to four months after the round; most done by the deadline, some late, some still open."""
    deadline = inspection.end_date + timedelta(days=rng.randint(60, 120))
    item = Remediation(round=inspection, content=f"{MARK} {REMEDIES[area]}", unit_id=unit_id, deadline=deadline)
    draw = rng.random()
    closed_on = inspection.end_date + timedelta(days=rng.randint(20, 140))
    if closed_on <= today and draw < (0.85 if deadline < today else 0.4):
        item.status, item.closed_on = Remediation.Status.DONE, closed_on
        item.progress_note = f"{MARK} Đã khắc phục xong, có báo cáo kèm hồ sơ."
    elif draw < 0.95:
        item.status = Remediation.Status.DOING
        item.progress_note = f"{MARK} Đang thực hiện."
    return item
