"""Demo local plans of seed_demo: the 2018 province classes, the split among districts, three district plans."""

from datetime import date

from django.db import transaction

from p135portal.models import User
from trainings.demo.plans import TOPICS
from trainings.models import AnnualPlan, LocalPlan, PlanClass, Topic
from trainings.selectors.local_plans import local_units
from trainings.services import local_plans as local_services
from trainings.services import plans as plan_services

# [Dữ liệu mẫu] Province-level classes of 2018: (topic index, audience, place, start, end, days,
# participants, women, ethnic minority, young cadres, cost).
PROVINCE_CLASSES_2018 = [
    (0, "can_bo", "Hội trường Ban Dân tộc tỉnh", date(2018, 6, 11), date(2018, 6, 15), 5, 80, 22, 68, 15, 180_000_000),
    (2, "can_bo", "Hội trường Ban Dân tộc tỉnh", date(2018, 7, 9), date(2018, 7, 12), 4, 70, 25, 60, 12, 140_000_000),
    (3, "cong_dong", "Trung tâm hội nghị tỉnh", date(2018, 8, 20), date(2018, 8, 23), 4, 100, 41, 92, 20, 160_000_000),
    (1, "can_bo", "Hội trường Ban Dân tộc tỉnh", date(2018, 9, 17), date(2018, 9, 21), 5, 60, 18, 51, 14, 150_000_000),
]
# The split among the districts: Tràng Định, Bình Gia, Văn Lãng (the demo officers' districts) get
# more; every other district the same base share.
SPLIT_2018 = {"180": 700_000_000, "181": 650_000_000, "182": 600_000_000}
SPLIT_BASE_2018 = 450_000_000
# [Dữ liệu mẫu] Classes of the three demo districts' plans: (topic index, audience, level, place,
# start, end, days, participants, women, ethnic minority, young cadres, cost).
LOCAL_CLASSES_2018 = {
    "180": [
        (3, "cong_dong", "xa", "UBND xã Quốc Khánh", date(2018, 8, 6), date(2018, 8, 9), 4, 45, 20, 45, 6, 65_000_000),
        (
            0,
            "can_bo",
            "huyen",
            "Hội trường UBND huyện Tràng Định",
            date(2018, 9, 10),
            date(2018, 9, 14),
            5,
            60,
            17,
            55,
            12,
            120_000_000,
        ),
        (
            5,
            "cong_dong",
            "xa",
            "Nhà văn hóa thôn Nà Pàn, xã Đội Cấn",
            date(2018, 10, 15),
            date(2018, 10, 18),
            4,
            50,
            26,
            50,
            5,
            70_000_000,
        ),
    ],
    "181": [
        (4, "cong_dong", "xa", "UBND xã Hoa Thám", date(2018, 8, 13), date(2018, 8, 16), 4, 40, 15, 40, 4, 60_000_000),
        (
            2,
            "can_bo",
            "huyen",
            "Hội trường UBND huyện Bình Gia",
            date(2018, 9, 24),
            date(2018, 9, 28),
            5,
            55,
            20,
            50,
            10,
            110_000_000,
        ),
    ],
    "182": [
        (
            1,
            "can_bo",
            "huyen",
            "Hội trường UBND huyện Văn Lãng",
            date(2018, 10, 8),
            date(2018, 10, 12),
            5,
            50,
            16,
            46,
            11,
            100_000_000,
        ),
    ],
}
RETURN_COMMENT_2018 = (
    "[Dữ liệu mẫu] Lớp “Quản lý, sử dụng vốn và thanh quyết toán công trình” dự toán 110 triệu đồng cho 55 học viên"
    " là cao so với định mức; đề nghị huyện rà soát lại dự toán theo Thông tư 40/2017/TT-BTC và bổ sung một lớp"
    " cho cộng đồng các thôn đặc biệt khó khăn."
)


def _class_data(topics, row, level=None):
    topic, audience, *rest = row
    if level is None:
        level, rest = rest[0], rest[1:]
    place, start, end, days, participants, women, minority, young, cost = rest
    return {
        "topic": topics[topic],
        "audience": audience,
        "level": level,
        "place": place,
        "start_date": start,
        "end_date": end,
        "days": days,
        "participants": participants,
        "women": women,
        "ethnic_minority": minority,
        "young_cadres": young,
        "cost": cost,
    }


@transaction.atomic
def seed_local_plans(*, actor: User) -> str:
    """The 2018 plan's province classes and split among districts, then the plans of three districts:
    Tràng Định approved, Bình Gia returned with a comment, Văn Lãng being drafted; the plan's approval as
    82/KH-UBND of 03/5/2018 is recorded in between. Done once: skipped when the 2018 plan has classes."""
    plan = AnnualPlan.objects.filter(year=2018).first()
    if plan is None or plan.classes.exists():
        return "Kế hoạch của địa phương: không thay đổi"
    units = {unit.code: unit for unit in local_units(plan)}
    topics = [Topic.objects.get(name=name) for name, _audience in TOPICS]
    if plan.status == AnnualPlan.Status.APPROVED:
        plan_services.plan_reopen(plan=plan, reason="Bổ sung các lớp cấp tỉnh và phân bổ cho các huyện", actor=actor)
    amounts = {unit.pk: SPLIT_2018.get(code, SPLIT_BASE_2018) for code, unit in units.items()}
    signed = {"number": "82/KH-UBND", "signed_on": date(2018, 5, 3), "signer_name": "Lý Vinh Quang"}
    _approve_with_classes_and_split(plan, topics, PROVINCE_CLASSES_2018, amounts, signed, actor)
    officers = {
        user.unit.code: user for user in User.objects.filter(username__startswith="huyen.").select_related("unit")
    }
    local_plans = _local_plans(
        plan, units, officers, topics, LOCAL_CLASSES_2018, ("180", "181", RETURN_COMMENT_2018), actor
    )
    approved = LocalPlan.objects.filter(plan=plan, status=LocalPlan.Status.ACCEPTED).count()
    return (
        f"Kế hoạch của địa phương: phân bổ cho {len(amounts)} huyện, {len(PROVINCE_CLASSES_2018)} lớp cấp tỉnh,"
        f" {len(local_plans)} kế hoạch huyện ({approved} đã duyệt)"
    )


# [Dữ liệu mẫu] The year in progress: province classes of 2026, the split among four new communes (the
# demo officers' own), and their plans: Tràng Định approved, Đoàn Kết returned, Thất Khê being drafted.
PROVINCE_CLASSES_2026 = [
    (
        0,
        "can_bo",
        "Hội trường Sở Dân tộc và Tôn giáo",
        date(2026, 4, 13),
        date(2026, 4, 16),
        4,
        90,
        35,
        80,
        22,
        190_000_000,
    ),
    (
        3,
        "cong_dong",
        "Trung tâm hội nghị tỉnh",
        date(2026, 12, 7),
        date(2026, 12, 10),
        4,
        100,
        45,
        90,
        25,
        170_000_000,
    ),
]
SPLIT_2026 = {"06046": 420_000_000, "06001": 380_000_000, "06040": 350_000_000, "06184": 300_000_000}
LOCAL_CLASSES_2026 = {
    "06046": [
        (
            3,
            "cong_dong",
            "xa",
            "Nhà văn hóa thôn Nà Cạn",
            date(2026, 5, 12),
            date(2026, 5, 15),
            4,
            45,
            22,
            44,
            8,
            62_000_000,
        ),
        (
            1,
            "can_bo",
            "xa",
            "UBND xã Tràng Định",
            date(2026, 12, 14),
            date(2026, 12, 16),
            3,
            35,
            14,
            30,
            10,
            48_000_000,
        ),
    ],
    "06001": [
        (
            4,
            "cong_dong",
            "xa",
            "Nhà văn hóa thôn Bản Chu",
            date(2026, 6, 8),
            date(2026, 6, 11),
            4,
            50,
            26,
            50,
            9,
            95_000_000,
        ),
    ],
    "06040": [
        (
            5,
            "cong_dong",
            "xa",
            "UBND xã Thất Khê",
            date(2026, 12, 21),
            date(2026, 12, 23),
            3,
            40,
            20,
            36,
            7,
            55_000_000,
        ),
    ],
}
RETURN_COMMENT_2026 = (
    "[Dữ liệu mẫu] Lớp tập huấn cộng đồng 4 ngày dự toán 95 triệu đồng cho 50 học viên là cao; đề nghị xã rà"
    " soát theo định mức và bổ sung một lớp cho cán bộ thôn mới sau sáp nhập."
)


@transaction.atomic
def seed_local_plans_2026(*, actor: User) -> str:
    """The 2026 plan's province classes and split, its approval, then the plans of three demo communes.
    Done once: skipped when the 2026 plan has classes."""
    plan = AnnualPlan.objects.filter(year=2026).first()
    if plan is None or plan.classes.exists():
        return "Kế hoạch của xã năm 2026: không thay đổi"
    units = {unit.code: unit for unit in local_units(plan).filter(code__in=SPLIT_2026)}
    topics = [Topic.objects.get(name=name) for name, _audience in TOPICS]
    amounts = {unit.pk: SPLIT_2026[code] for code, unit in units.items()}
    signed = {"number": "25/KH-DEMO", "signed_on": date(2026, 3, 16), "signer_name": "Hoàng Văn Minh"}
    _approve_with_classes_and_split(plan, topics, PROVINCE_CLASSES_2026, amounts, signed, actor)
    officers = {user.unit.code: user for user in User.objects.filter(username__startswith="xa.").select_related("unit")}
    local_plans = _local_plans(
        plan, units, officers, topics, LOCAL_CLASSES_2026, ("06046", "06001", RETURN_COMMENT_2026), actor
    )
    return (
        f"Kế hoạch của xã năm 2026: phân bổ cho {len(units)} xã, {len(PROVINCE_CLASSES_2026)} lớp cấp tỉnh,"
        f" {len(local_plans)} kế hoạch của xã"
    )


def _approve_with_classes_and_split(plan, topics, province_classes, amounts: dict, signed: dict, actor: User) -> None:
    """The province's classes and its split among local units, then the plan submitted and approved."""
    for row in province_classes:
        data = _class_data(topics, row, level=PlanClass.Level.PROVINCE)
        plan_services.plan_class_save(plan=plan, data=data, actor=actor)
    if amounts:
        local_services.local_budgets_save(plan=plan, amounts=amounts, actor=actor)
    plan_services.plan_submit(plan=plan, actor=actor)
    plan_services.plan_approve(plan=plan, signer_title="Phó Chủ tịch", actor=actor, **signed)


def _local_plans(plan, units: dict, officers: dict, topics, classes: dict, outcome: tuple, actor: User) -> dict:
    """Each local unit's plan entered by its own officer with its classes; then, of `outcome`
    (approved code, returned code, comment), one is approved and one returned with the comment."""
    local_plans = {}
    for code, rows in classes.items():
        officer = officers.get(code)
        if code not in units or officer is None or officer.unit_id != units[code].pk:
            continue
        local_plan = local_services.local_plan_start(plan=plan, unit=units[code], actor=officer)
        for row in rows:
            local_services.local_class_save(local_plan=local_plan, data=_class_data(topics, row), actor=officer)
        local_plans[code] = local_plan
    approved, returned, comment = outcome
    for code in (approved, returned):
        if code in local_plans:
            local_services.local_plan_submit(local_plan=local_plans[code], actor=officers[code])
    if approved in local_plans:
        local_services.local_plan_approve(local_plan=local_plans[approved], actor=actor)
    if returned in local_plans:
        local_services.local_plan_return(local_plan=local_plans[returned], comment=comment, actor=actor)
    return local_plans
