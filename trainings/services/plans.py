"""Writes of the trainings app, with their rules: the workflow of the province's annual plan."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from budgets.selectors import capacity_building_funds
from p135portal.access import Perm, require
from p135portal.audit import REASON_MAX_LENGTH, assign, locked, save_recorded
from p135portal.documents import format_number
from p135portal.documents.types import freeze
from p135portal.models import User
from p135portal.numbers import group_thousands
from trainings.documents.plans import AUTHORING
from trainings.models import AnnualPlan, ClassReport, PlanClass, Rules, StudyTour

# What a class and a study tour of a plan are made of, as their forms send them.
CLASS_FIELDS = [
    "topic",
    "audience",
    "level",
    "place",
    "start_date",
    "end_date",
    "days",
    "participants",
    "women",
    "ethnic_minority",
    "young_cadres",
    "cost",
]
TOUR_FIELDS = ["destination", "inside_province", "start_date", "participants", "cost"]


def require_status(item, status: str, message: str, code: str) -> None:
    """Refuse, with `message`, to move `item` (a plan or a local plan) unless it is in `status`."""
    if item.status != status:
        raise ValidationError(message, code=code)


# ------------------------------------------------------------------ rules of classes and study tours


def plan_rules(plan: AnnualPlan) -> Rules:
    """The Rules of the plan's phase; without them nothing can be checked, so nothing is accepted."""
    rules = Rules.objects.select_related("legal_basis").filter(phase_id=plan.phase_id).first()
    if rules is None:
        raise ValidationError(
            _("Chưa có quy định nâng cao năng lực của giai đoạn %(phase)s; hãy nhập quy định trước."),
            code="no_rules",
            params={"phase": plan.phase},
        )
    return rules


@dataclass(frozen=True)
class TourCeiling:
    """The cap on the plan's study tours: `share` % of the year's capacity-building `budget`."""

    share: Decimal
    budget: int
    ceiling: int
    planned: int  # the cost of the plan's tours, except the one being edited

    @property
    def headroom(self) -> int:
        return max(self.ceiling - self.planned, 0)


def tour_ceiling(plan: AnnualPlan, rules: Rules, *, excluding: int | None = None) -> TourCeiling:
    budget = sum(capacity_building_funds(plan.year).values())
    tours = StudyTour.objects.filter(plan_id=plan.pk)
    if excluding:
        tours = tours.exclude(pk=excluding)
    planned = tours.aggregate(total=Sum("cost"))["total"] or 0
    ceiling = int(budget * rules.max_study_tour_share // 100)
    return TourCeiling(share=rules.max_study_tour_share, budget=budget, ceiling=ceiling, planned=planned)


def _over_ceiling(ceiling: TourCeiling, total: int) -> ValidationError:
    return ValidationError(
        _(
            "Tổng kinh phí thăm quan học tập (%(total)s đồng) vượt mức tối đa %(share)s%% kinh phí nâng cao năng lực"
            " năm (%(ceiling)s đồng); chỉ còn bố trí được %(headroom)s đồng."
        ),
        code="study_tour_ceiling",
        params={
            "total": group_thousands(total),
            "share": format_number(ceiling.share),
            "ceiling": group_thousands(ceiling.ceiling),
            "headroom": group_thousands(ceiling.headroom),
        },
    )


def class_problems(plan: AnnualPlan, rules: Rules, plan_class: PlanClass) -> list[ValidationError]:
    """What is wrong with one class of `plan` under `rules` (an empty list: nothing)."""
    problems = []
    if plan_class.audience == PlanClass.Audience.COMMUNITY:
        cap = rules.max_days_community
    else:
        cap = rules.max_days_officials
    if plan_class.days and plan_class.days > cap:
        problems.append(
            ValidationError(
                _("Lớp cho %(audience)s tối đa %(cap)s ngày (theo %(basis)s); lớp “%(topic)s” dài %(days)s ngày."),
                code="too_long",
                params={
                    "audience": PlanClass.Audience(plan_class.audience).label.lower(),
                    "cap": cap,
                    "basis": rules.legal_basis.number,
                    "topic": plan_class.topic,
                    "days": plan_class.days,
                },
            )
        )
    for value in (plan_class.start_date, plan_class.end_date):
        if value and value.year != plan.year:
            problems.append(
                ValidationError(
                    _("Lớp “%(topic)s” phải diễn ra trong năm %(year)s của kế hoạch."),
                    code="outside_year",
                    params={"topic": plan_class.topic, "year": plan.year},
                )
            )
            break
    if plan_class.start_date and plan_class.end_date and plan_class.days:
        span = (plan_class.end_date - plan_class.start_date).days + 1
        if plan_class.days > span:
            problems.append(
                ValidationError(
                    _("Lớp “%(topic)s” ghi %(days)s ngày nhưng chỉ kéo dài %(span)s ngày theo lịch."),
                    code="days_exceed_dates",
                    params={"topic": plan_class.topic, "days": plan_class.days, "span": span},
                )
            )
    return problems


def _tour_outside_year(plan: AnnualPlan, tour: StudyTour) -> ValidationError | None:
    if tour.start_date and tour.start_date.year != plan.year:
        return ValidationError(
            _("Chuyến thăm quan “%(destination)s” phải diễn ra trong năm %(year)s của kế hoạch."),
            code="outside_year",
            params={"destination": tour.destination, "year": plan.year},
        )
    return None


def plan_check(plan: AnnualPlan) -> list[ValidationError]:
    """Every problem of the plan's classes and study tours under the rules as they are now."""
    classes = list(plan.classes.filter(local_plan__isnull=True).select_related("topic"))
    tours = list(plan.study_tours.all())
    if not classes and not tours:
        return []
    try:
        rules = plan_rules(plan)
    except ValidationError as error:
        return [error]
    problems = []
    for plan_class in classes:
        problems += class_problems(plan, rules, plan_class)
    problems += [problem for tour in tours if (problem := _tour_outside_year(plan, tour))]
    total = sum(tour.cost for tour in tours)
    ceiling = tour_ceiling(plan, rules)
    if total > ceiling.ceiling:
        problems.append(
            ValidationError(
                _(
                    "Tổng kinh phí thăm quan học tập (%(total)s đồng) vượt mức tối đa %(share)s%% kinh phí nâng cao"
                    " năng lực năm (%(ceiling)s đồng): phải giảm %(excess)s đồng."
                ),
                code="study_tour_ceiling",
                params={
                    "total": group_thousands(total),
                    "share": format_number(ceiling.share),
                    "ceiling": group_thousands(ceiling.ceiling),
                    "excess": group_thousands(total - ceiling.ceiling),
                },
            )
        )
    return problems


def _refuse_problems(plan: AnnualPlan, what: str) -> None:
    problems = plan_check(plan)
    if problems:
        raise ValidationError(
            [ValidationError(_("Chưa %(what)s được kế hoạch:"), code="plan_problems", params={"what": what}), *problems]
        )


def refuse_reported(plan_class: PlanClass) -> None:
    """A class already reported on stays as planned: its report is compared with it."""
    if ClassReport.objects.filter(plan_class_id=plan_class.pk).exists():
        raise ValidationError(
            _("Lớp “%(topic)s” đã có báo cáo kết quả: không sửa, xóa được lớp theo kế hoạch."),
            code="reported",
            params={"topic": plan_class.topic},
        )


def _require_draft(plan: AnnualPlan) -> None:
    if plan.status != AnnualPlan.Status.DRAFT:
        raise ValidationError(
            _(
                "Kế hoạch %(status)s: không thêm, sửa, xóa lớp hay chuyến thăm quan được."
                " Muốn sửa, hãy trả lại hoặc mở lại kế hoạch."
            ),
            code="not_draft",
            params={"status": plan.get_status_display().lower()},
        )


@transaction.atomic
def plan_class_save(*, plan: AnnualPlan, data: dict, instance: PlanClass | None = None, actor: User) -> PlanClass:
    """Add a province-level class to a draft plan, or change one, within the rules of the plan's phase."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    _require_draft(plan)
    if instance is not None and (instance.plan_id != plan.pk or instance.local_plan_id):
        raise ValidationError(_("Lớp này không thuộc kế hoạch."), code="wrong_plan")
    if instance is not None:
        refuse_reported(instance)
    rules = plan_rules(plan)
    plan_class = instance or PlanClass(plan=plan)
    assign(plan_class, data, fields=CLASS_FIELDS)
    problems = class_problems(plan, rules, plan_class)
    if problems:
        raise ValidationError(problems)
    save_recorded(plan_class, actor)
    return plan_class


@transaction.atomic
def study_tour_save(*, plan: AnnualPlan, data: dict, instance: StudyTour | None = None, actor: User) -> StudyTour:
    """Add a study tour to a draft plan, or change one, keeping all tours under the share of the budget."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    _require_draft(plan)
    if instance is not None and instance.plan_id != plan.pk:
        raise ValidationError(_("Chuyến thăm quan này không thuộc kế hoạch."), code="wrong_plan")
    rules = plan_rules(plan)
    tour = instance or StudyTour(plan=plan)
    assign(tour, data, fields=TOUR_FIELDS)
    if problem := _tour_outside_year(plan, tour):
        raise problem
    ceiling = tour_ceiling(plan, rules, excluding=tour.pk)
    if ceiling.planned + (tour.cost or 0) > ceiling.ceiling:
        raise _over_ceiling(ceiling, ceiling.planned + tour.cost)
    save_recorded(tour, actor)
    return tour


@transaction.atomic
def plan_item_delete(*, item: PlanClass | StudyTour, actor: User) -> None:
    """Remove a class or a study tour from a draft plan; the deletion stays in its history."""
    require(actor, Perm.MANAGE_TRAININGS)
    _require_draft(locked(item.plan))
    if isinstance(item, PlanClass):
        refuse_reported(item)
    item._history_user = actor
    item.delete()


# ------------------------------------------------------------------ workflow


@transaction.atomic
def plan_submit(*, plan: AnnualPlan, actor: User) -> AnnualPlan:
    """Draft → submitted to the leaders, when its classes and tours keep the rules."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    require_status(plan, AnnualPlan.Status.DRAFT, _("Chỉ kế hoạch đang dự thảo mới trình lãnh đạo được."), "not_draft")
    _refuse_problems(plan, _("trình"))
    plan.status = AnnualPlan.Status.SUBMITTED
    save_recorded(plan, actor, exclude=["bases"])
    return plan


@transaction.atomic
def plan_return(*, plan: AnnualPlan, actor: User) -> AnnualPlan:
    """Submitted → back to draft, for the office to revise it."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    require_status(plan, AnnualPlan.Status.SUBMITTED, _("Chỉ kế hoạch đã trình mới trả lại được."), "not_submitted")
    plan.status = AnnualPlan.Status.DRAFT
    save_recorded(plan, actor, exclude=["bases"])
    return plan


@transaction.atomic
def plan_approve(
    *,
    plan: AnnualPlan,
    number: str,
    signed_on: date,
    signer_name: str,
    signer_title: str,
    actor: User,
) -> AnnualPlan:
    """Submitted → approved: the office records the number, date and signer of the signed plan.

    The classes and tours are checked again: the rules may have changed since they were entered."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    require_status(
        plan,
        AnnualPlan.Status.SUBMITTED,
        _("Chỉ kế hoạch đã trình lãnh đạo mới ghi nhận phê duyệt được."),
        "not_submitted",
    )
    _refuse_problems(plan, _("phê duyệt"))
    number, signer_name, signer_title = number.strip(), signer_name.strip(), signer_title.strip()
    if not number or not signer_name or signed_on is None:
        raise ValidationError(_("Phải có số, ngày ký và người ký của kế hoạch đã ký."), code="unsigned")
    if signed_on.year not in (plan.year - 1, plan.year):
        raise ValidationError(
            _("Ngày ký phải thuộc năm %(year)s hoặc năm trước đó."), code="signed_on_year", params={"year": plan.year}
        )
    plan.status = AnnualPlan.Status.APPROVED
    plan.number, plan.signed_on, plan.signer_name, plan.signer_title = number, signed_on, signer_name, signer_title
    save_recorded(plan, actor, exclude=["bases"])
    freeze(AUTHORING, plan, actor=actor, note=_("Phê duyệt"))  # prints as approved, whatever changes later
    return plan


@transaction.atomic
def plan_reopen(*, plan: AnnualPlan, reason: str, actor: User) -> AnnualPlan:
    """Approved → draft again, with the reason in the plan's history; the number and signer are kept
    until it is approved again."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    require_status(plan, AnnualPlan.Status.APPROVED, _("Chỉ kế hoạch đã phê duyệt mới cần mở lại."), "not_approved")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Phải ghi lý do mở lại kế hoạch đã phê duyệt."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Lý do mở lại dài tối đa %(limit)s ký tự."), code="reason_too_long", params={"limit": REASON_MAX_LENGTH}
        )
    plan.status = AnnualPlan.Status.DRAFT
    save_recorded(plan, actor, reason=reason, exclude=["bases"])
    return plan
