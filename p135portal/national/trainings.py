"""National data: five years of capacity-building plans, local plans, classes and class reports."""

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from budgets.models import Component
from budgets.selectors import capacity_building_funds
from communes.models import (
    REFORM_LAST_OLD_DAY,
    LegalDocument,
    Phase,
    Unit,
)
from p135portal.models import User
from p135portal.national.base import (
    BATCH,
    CLASSES_PER_COMMUNE,
    CLASSES_PER_DISTRICT,
    MARK,
    PLAN_YEARS,
    PROVINCE_CLASSES,
    _add_fund,
    _day_between,
    _document,
    _moment,
    _phase,
)
from p135portal.numbers import group_thousands
from trainings.demo.plans import TOPICS
from trainings.models import AnnualPlan, ClassReport, LocalBudget, LocalPlan, PlanClass, Rules, Topic
from trainings.services import plans as plan_services

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
