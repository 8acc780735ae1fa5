"""Demo class reports of seed_demo: about two thirds of the ended classes of approved plans get a
report whose figures are derived from the planned ones; one is returned with a comment, some wait
for the office, the rest are accepted. Running it again creates nothing new."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from p135portal.models import User
from trainings.models import ClassReport, PlanClass
from trainings.selectors.reports import approved
from trainings.services import reports as report_services

TRAINERS = [
    "Ban Dân tộc tỉnh; Sở Tài chính; Sở Kế hoạch và Đầu tư",
    "Phòng Dân tộc huyện; Trung tâm Dịch vụ nông nghiệp huyện",
    "Giảng viên Trường Chính trị Hoàng Văn Thụ",
]
EVALUATIONS = [
    "Học viên tham gia đầy đủ, tích cực thảo luận; nắm được quy trình lập kế hoạch và giám sát công trình.",
    "Lớp học đi đôi với thực hành tại thôn; đa số học viên áp dụng được vào công việc.",
    "Nội dung sát thực tế; đề nghị tăng thời lượng thực hành ở các lớp sau.",
]
RETURN_COMMENT = (
    "Đề nghị bổ sung danh sách học viên có chữ ký và làm rõ kinh phí thực hiện vượt dự toán; sửa rồi nộp lại."
)


def _figures(plan_class: PlanClass, index: int) -> dict:
    """Realistic actual figures: a few trainees fewer than planned, the shares kept, cost a little under."""
    participants = max(1, plan_class.participants - index % 4)
    ratio = participants / plan_class.participants
    women = round(plan_class.women * ratio)
    ethnic_minority = round(plan_class.ethnic_minority * ratio)
    young_cadres = round(plan_class.young_cadres * ratio)
    if plan_class.audience == PlanClass.Audience.OFFICIALS:
        commune_officials = participants * 6 // 10
        village_officials = participants - commune_officials
        prestigious = residents = 0
    else:
        commune_officials = 0
        village_officials = participants // 5
        prestigious = participants // 10
        residents = participants - village_officials - prestigious
    days = plan_class.days
    end = min(plan_class.start_date + timedelta(days=days - 1), plan_class.end_date)
    return {
        "start_date": plan_class.start_date,
        "end_date": end,
        "days": days,
        "participants": participants,
        "women": women,
        "ethnic_minority": ethnic_minority,
        "very_small_minorities": ethnic_minority // 20,
        "young_cadres": young_cadres,
        "commune_officials": commune_officials,
        "village_officials": village_officials,
        "prestigious": prestigious,
        "residents": residents,
        "cost": plan_class.cost * (95 - index % 6) // 100 // 1000 * 1000,
        "trainers": TRAINERS[index % len(TRAINERS)],
        "evaluation": EVALUATIONS[index % len(EVALUATIONS)],
    }


@transaction.atomic
def seed_class_reports(*, actor: User) -> str:
    today = timezone.localdate()
    # The choice is made over every ended class, reported or not, so that a second run picks the
    # same classes and, finding them reported, creates nothing.
    classes = list(
        approved(PlanClass.objects.filter(end_date__lt=today))
        .select_related("plan", "local_plan", "topic", "report")
        .order_by("plan__year", "local_plan_id", "start_date", "pk")
    )
    returned_already = ClassReport.objects.filter(status=ClassReport.Status.RETURNED).exists()
    created = []
    for index, plan_class in enumerate(classes):
        if index % 3 == 2 or hasattr(plan_class, "report"):  # a third stay unreported, for the "awaiting" lists
            continue
        created.append(
            report_services.classreport_submit(
                plan_class=plan_class, data=_figures(plan_class, index), actor=actor, today=today
            )
        )
    for index, report in enumerate(created):
        if index == 0 and not returned_already:
            report_services.classreport_return(report=report, comment=RETURN_COMMENT, actor=actor)
        elif index % 4 != 1:  # a quarter wait for the office's decision
            report_services.classreport_accept(report=report, actor=actor)
    if not created:
        return "Báo cáo kết quả lớp: không thay đổi"
    return f"Báo cáo kết quả lớp: tạo {len(created)} báo cáo cho {len(classes)} lớp đã kết thúc"
