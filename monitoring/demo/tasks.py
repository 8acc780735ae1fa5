"""Demo implementation plan of seed_demo: the 2026 plan of Lạng Sơn with ten tasks, one overdue, assigned to
the agencies of 2026 (after the 2025 reorganisation) and to a commune (no district level since 1/7/2025)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from communes.models import LegalDocument, Unit
from communes.selectors import portal_province
from monitoring.documents.tasks import AUTHORING
from monitoring.models.tasks import Agency, ImplementationPlan, Task
from monitoring.services import tasks as services
from p135portal.documents.types import freeze
from p135portal.models import User

TITLE = "[Dữ liệu mẫu] Thực hiện Chương trình 135 năm 2026 trên địa bàn tỉnh Lạng Sơn"
PURPOSE = (
    "[Dữ liệu mẫu] Cụ thể hóa nhiệm vụ thực hiện Chương trình 135 năm 2026; phân công rõ cơ quan chủ trì, cơ"
    " quan phối hợp và thời gian hoàn thành từng nhiệm vụ.\n\n"
    "Làm căn cứ để Sở Dân tộc và Tôn giáo theo dõi, đôn đốc, kiểm tra việc thực hiện và tổng hợp báo cáo Ủy ban"
    " nhân dân tỉnh."
)
REQUIREMENTS = (
    "Các cơ quan, đơn vị được giao nhiệm vụ chủ động triển khai, bảo đảm đúng tiến độ; định kỳ hằng quý báo cáo"
    " kết quả về Sở Dân tộc và Tôn giáo. Nhiệm vụ không hoàn thành đúng thời hạn phải báo cáo rõ nguyên nhân."
)
DONG_DANG = "UBND xã Đồng Đăng"

# (assignee, what to do, time kind, period, coordinating agencies, other coordinators)
TASKS = [
    (
        "Sở Dân tộc và Tôn giáo",
        "Hướng dẫn các địa phương rà soát, cập nhật danh sách xã, thôn đặc biệt khó khăn thuộc diện đầu tư năm 2026.",
        Task.TimeKind.QUARTER,
        1,
        [],
        "UBND các xã",
    ),
    (
        "Sở Dân tộc và Tôn giáo",
        "Tổng hợp kế hoạch vốn, phương án phân bổ vốn Chương trình 135 năm 2026, trình Ủy ban nhân dân tỉnh.",
        Task.TimeKind.MONTH,
        3,
        ["Sở Tài chính"],
        "",
    ),
    (
        "Sở Dân tộc và Tôn giáo",
        "Theo dõi, kiểm tra, giám sát việc thực hiện Chương trình; tổng hợp báo cáo định kỳ 6 tháng, năm.",
        Task.TimeKind.CONTINUOUS,
        None,
        [],
        "",
    ),
    (
        "Sở Tài chính",
        "Thẩm định, tham mưu bố trí vốn sự nghiệp thực hiện Chương trình 135 năm 2026.",
        Task.TimeKind.QUARTER,
        1,
        ["Sở Dân tộc và Tôn giáo"],
        "",
    ),
    (
        "Sở Tài chính",
        "Hướng dẫn thanh toán, quyết toán kinh phí sự nghiệp của Chương trình năm 2026.",
        Task.TimeKind.QUARTER,
        4,
        [],
        "Kho bạc Nhà nước tỉnh",
    ),
    (
        "Sở Tài chính",
        "Tham mưu bố trí vốn đầu tư phát triển cho các công trình hạ tầng thuộc Chương trình năm 2026.",
        Task.TimeKind.QUARTER,
        2,
        ["Sở Dân tộc và Tôn giáo"],
        "",
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "Hướng dẫn kỹ thuật các mô hình hỗ trợ phát triển sản xuất, cây giống, con giống cho hộ hưởng lợi.",
        Task.TimeKind.QUARTER,
        2,
        ["Sở Dân tộc và Tôn giáo"],
        "",
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "Kiểm tra chất lượng cây giống, con giống cấp cho hộ hưởng lợi tại các xã.",
        Task.TimeKind.CONTINUOUS,
        None,
        [],
        "UBND các xã",
    ),
    (
        DONG_DANG,
        "Báo cáo kết quả rà soát hộ nghèo, cận nghèo và nhu cầu hỗ trợ phát triển sản xuất trên địa bàn xã.",
        Task.TimeKind.QUARTER,
        1,
        ["Sở Dân tộc và Tôn giáo"],
        "",
    ),
    (
        DONG_DANG,
        "Tổ chức bàn giao cây giống, con giống cho hộ hưởng lợi và kiểm tra việc thực hiện cam kết của các hộ.",
        Task.TimeKind.QUARTER,
        3,
        ["Sở Nông nghiệp và Môi trường"],
        "",
    ),
]
AGENCY_NAMES = [name for task in TASKS for name in [task[0], *task[4]] if name != DONG_DANG]
OVERDUE_INDEX = 8  # the report of UBND xã Đồng Đăng, left undone


@transaction.atomic
def seed_tasks(*, actor: User, today: date | None = None) -> str:
    """The 2026 plan, its tasks and their progress as of `today`; left alone once the plan exists."""
    today = today or timezone.localdate()
    if ImplementationPlan.objects.filter(title=TITLE).exists():
        return "Kế hoạch triển khai: không thay đổi"
    commune = Unit.objects.filter(level=Unit.Level.COMMUNE, code="06184").current(date(2026, 1, 1)).first()
    agencies = {}
    for position, name in enumerate(dict.fromkeys(AGENCY_NAMES), start=1):
        agency = Agency.objects.filter(name=name).first()
        if agency is None:  # seeded by migrations 0002 and 0008 unless someone renamed it since
            agency = Agency(name=name, position=position * 10)
            agency._history_user = actor
            agency.save()
        agencies[name] = agency
    plan = ImplementationPlan(
        year=2026,
        title=TITLE,
        purpose=PURPOSE,
        requirements=REQUIREMENTS,
        number="12/KH-DEMO",
        signed_on=date(2026, 1, 15),
        signer_name="Hoàng Văn Minh",
        signer_title="Phó Chủ tịch",
    )
    plan._history_user = actor
    plan.full_clean()
    plan.save()
    plan.bases.set(LegalDocument.objects.filter(number="1/QĐ-DEMO"))
    for index, (assignee, description, kind, period, coordinators, other) in enumerate(TASKS):
        if assignee == DONG_DANG and commune is None:
            continue
        data = {
            "agency": agencies[assignee] if assignee != DONG_DANG else None,
            "unit": commune if assignee == DONG_DANG else None,
            "description": description,
            "coordinators_other": other,
            "time_kind": kind,
            "year": 2026 if period else None,
            "period": period,
            "due_date": None,
        }
        if index == OVERDUE_INDEX and today <= date(2026, 3, 31):
            # Before the quarter ends it would not be overdue yet: due yesterday instead.
            data.update(time_kind=Task.TimeKind.DATE, year=None, period=None, due_date=today - timedelta(days=1))
        task = services.task_save(
            plan=plan,
            data=data,
            coordinators=[agencies[name] for name in coordinators],
            actor=actor,
        )
        _progress(task, index, today, actor)
    if portal_province() is not None:  # a task of every commune, each reporting each quarter
        group = {
            "all_communes": True,
            "description": "Rà soát, cập nhật danh sách hộ hưởng lợi; báo cáo tiến độ về Sở Dân tộc và Tôn giáo.",
            "time_kind": Task.TimeKind.CONTINUOUS,
            "repeat": Task.Repeat.QUARTERLY,
        }
        services.task_save(plan=plan, data=group, coordinators=[], actor=actor)
    freeze(AUTHORING, plan, actor=actor, note="Ban hành")  # the plan prints as issued
    return f"Kế hoạch triển khai: tạo kế hoạch năm 2026 với {plan.tasks.count()} nhiệm vụ"


def _progress(task: Task, index: int, today: date, actor: User) -> None:
    """Tasks whose time has passed are done (but one), continuous ones under way, the others not started."""
    if today < date(2026, 1, 20):
        return
    if index == OVERDUE_INDEX:
        services.task_report(
            task=task,
            status=Task.Status.IN_PROGRESS,
            reported_on=date(2026, 1, 20),
            note="Đang tổng hợp số liệu của các xã.",
            actor=actor,
            today=today,
        )
    elif task.time_kind == Task.TimeKind.CONTINUOUS:
        services.task_report(
            task=task,
            status=Task.Status.IN_PROGRESS,
            reported_on=date(2026, 1, 20),
            note="Đang triển khai theo kế hoạch.",
            actor=actor,
            today=today,
        )
    elif task.deadline and task.deadline < today:
        services.task_report(
            task=task,
            status=Task.Status.DONE,
            reported_on=task.deadline - timedelta(days=5),
            note="Đã hoàn thành đúng thời hạn.",
            actor=actor,
            today=today,
        )
