"""Writes of the trainings app, with their rules: the workflow of the province's annual plan."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.selectors import capacity_building_funds
from communes.models import Unit
from p135portal.models import User
from p135portal.templatetags.vn import group_thousands
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass, Rules, StudyTour
from trainings.selectors import local_units

REASON_MAX_LENGTH = 100  # django-simple-history's history_change_reason column


def _locked(plan: AnnualPlan) -> AnnualPlan:
    """The plan re-read under a row lock, so two people cannot move it at once."""
    return AnnualPlan.objects.select_for_update().get(pk=plan.pk)


def _require(plan: AnnualPlan, status: str, message: str, code: str) -> None:
    if plan.status != status:
        raise ValidationError(message, code=code)


def _save(plan: AnnualPlan, actor: User, reason: str | None = None) -> None:
    plan._history_user = actor
    if reason:
        plan._change_reason = reason
    plan.full_clean(exclude=["bases"])
    plan.save()


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


def _percent(share: Decimal) -> str:
    """10.00 → "10", 7.50 → "7,5"."""
    return f"{share.normalize():f}".replace(".", ",")


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
            "share": _percent(ceiling.share),
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
                    "share": _percent(ceiling.share),
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


def _fill(instance: Model, data: dict) -> None:
    for name, value in data.items():
        setattr(instance, name, value)


def _write(instance: Model, actor: User) -> None:
    instance._history_user = actor
    instance.full_clean()
    instance.save()


@transaction.atomic
def plan_class_save(*, plan: AnnualPlan, data: dict, instance: PlanClass | None = None, actor: User) -> PlanClass:
    """Add a province-level class to a draft plan, or change one, within the rules of the plan's phase."""
    plan = _locked(plan)
    _require_draft(plan)
    if instance is not None and (instance.plan_id != plan.pk or instance.local_plan_id):
        raise ValidationError(_("Lớp này không thuộc kế hoạch."), code="wrong_plan")
    rules = plan_rules(plan)
    plan_class = instance or PlanClass(plan=plan)
    _fill(plan_class, data)
    problems = class_problems(plan, rules, plan_class)
    if problems:
        raise ValidationError(problems)
    _write(plan_class, actor)
    return plan_class


@transaction.atomic
def study_tour_save(*, plan: AnnualPlan, data: dict, instance: StudyTour | None = None, actor: User) -> StudyTour:
    """Add a study tour to a draft plan, or change one, keeping all tours under the share of the budget."""
    plan = _locked(plan)
    _require_draft(plan)
    if instance is not None and instance.plan_id != plan.pk:
        raise ValidationError(_("Chuyến thăm quan này không thuộc kế hoạch."), code="wrong_plan")
    rules = plan_rules(plan)
    tour = instance or StudyTour(plan=plan)
    _fill(tour, data)
    if problem := _tour_outside_year(plan, tour):
        raise problem
    ceiling = tour_ceiling(plan, rules, excluding=tour.pk)
    if ceiling.planned + (tour.cost or 0) > ceiling.ceiling:
        raise _over_ceiling(ceiling, ceiling.planned + tour.cost)
    _write(tour, actor)
    return tour


@transaction.atomic
def plan_item_delete(*, item: PlanClass | StudyTour, actor: User) -> None:
    """Remove a class or a study tour from a draft plan; the deletion stays in its history."""
    _require_draft(_locked(item.plan))
    item._history_user = actor
    item.delete()


# ------------------------------------------------------------------ workflow


@transaction.atomic
def plan_submit(*, plan: AnnualPlan, actor: User) -> AnnualPlan:
    """Draft → submitted to the leaders, when its classes and tours keep the rules."""
    plan = _locked(plan)
    _require(plan, AnnualPlan.Status.DRAFT, _("Chỉ kế hoạch đang dự thảo mới trình lãnh đạo được."), "not_draft")
    _refuse_problems(plan, _("trình"))
    plan.status = AnnualPlan.Status.SUBMITTED
    _save(plan, actor)
    return plan


@transaction.atomic
def plan_return(*, plan: AnnualPlan, actor: User) -> AnnualPlan:
    """Submitted → back to draft, for the office to revise it."""
    plan = _locked(plan)
    _require(plan, AnnualPlan.Status.SUBMITTED, _("Chỉ kế hoạch đã trình mới trả lại được."), "not_submitted")
    plan.status = AnnualPlan.Status.DRAFT
    _save(plan, actor)
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
    plan = _locked(plan)
    _require(
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
    _save(plan, actor)
    return plan


@transaction.atomic
def plan_reopen(*, plan: AnnualPlan, reason: str, actor: User) -> AnnualPlan:
    """Approved → draft again, with the reason in the plan's history; the number and signer are kept
    until it is approved again."""
    plan = _locked(plan)
    _require(plan, AnnualPlan.Status.APPROVED, _("Chỉ kế hoạch đã phê duyệt mới cần mở lại."), "not_approved")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Phải ghi lý do mở lại kế hoạch đã phê duyệt."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Lý do mở lại dài tối đa %(limit)s ký tự."), code="reason_too_long", params={"limit": REASON_MAX_LENGTH}
        )
    plan.status = AnnualPlan.Status.DRAFT
    _save(plan, actor, reason=reason)
    return plan


# ------------------------------------------------------------------ the split among local units


def _money(amount: int) -> str:
    return group_thousands(amount)


@transaction.atomic
def local_budgets_save(*, plan: AnnualPlan, amounts: dict[int, int | None], actor: User) -> None:
    """Set the plan's split among local units at once: `amounts` maps a unit id to its amount,
    None removing the unit's share. The split must stay within the year's capacity-building budget,
    and a unit whose local plan exists keeps a share."""
    plan = _locked(plan)
    _require(
        plan,
        AnnualPlan.Status.DRAFT,
        _("Kế hoạch %(status)s: không sửa phân bổ kinh phí được. Muốn sửa, hãy trả lại hoặc mở lại kế hoạch.")
        % {"status": plan.get_status_display().lower()},
        "not_draft",
    )
    allowed = set(local_units(plan).filter(pk__in=amounts).values_list("pk", flat=True))
    if set(amounts) - allowed:
        raise ValidationError(_("Chỉ phân bổ cho các đơn vị cấp dưới của tỉnh trong năm kế hoạch."), code="wrong_unit")
    existing = {budget.unit_id: budget for budget in LocalBudget.objects.filter(plan=plan)}
    with_plans = set(LocalPlan.objects.filter(plan=plan).values_list("unit_id", flat=True))
    problems = []
    for unit_id, amount in amounts.items():
        if amount is not None and amount < 0:
            problems.append(ValidationError(_("Kinh phí không được âm."), code="negative"))
        if amount is None and unit_id in with_plans:
            problems.append(
                ValidationError(
                    _("%(unit)s đã lập kế hoạch: phải giữ mức phân bổ (có thể ghi 0)."),
                    code="has_local_plan",
                    params={"unit": Unit.objects.get(pk=unit_id)},
                )
            )
    budget = sum(capacity_building_funds(plan.year).values())
    kept = {unit_id: budget.amount for unit_id, budget in existing.items() if unit_id not in amounts}
    total = sum(kept.values()) + sum(amount for amount in amounts.values() if amount)
    if total > budget:
        problems.append(
            ValidationError(
                _(
                    "Tổng phân bổ cho các địa phương (%(total)s đồng) vượt kinh phí nâng cao năng lực năm %(year)s"
                    " (%(budget)s đồng) %(excess)s đồng."
                ),
                code="over_budget",
                params={
                    "total": _money(total),
                    "year": plan.year,
                    "budget": _money(budget),
                    "excess": _money(total - budget),
                },
            )
        )
    if problems:
        raise ValidationError(problems)
    for unit_id, amount in amounts.items():
        current = existing.get(unit_id)
        if amount is None:
            if current:
                current._history_user = actor
                current.delete()
        elif current is None:
            _write(LocalBudget(plan=plan, unit_id=unit_id, amount=amount), actor)
        elif current.amount != amount:
            current.amount = amount
            _write(current, actor)


# ------------------------------------------------------------------ local plans


def _local_locked(local_plan: LocalPlan) -> LocalPlan:
    return LocalPlan.objects.select_for_update().select_related("plan", "unit").get(pk=local_plan.pk)


def _allotment(local_plan: LocalPlan) -> int:
    budget = LocalBudget.objects.filter(plan_id=local_plan.plan_id, unit_id=local_plan.unit_id).first()
    return budget.amount if budget else 0


def _over_allotment(local_plan: LocalPlan, total: int, allotment: int) -> ValidationError:
    return ValidationError(
        _(
            "Tổng dự toán các lớp (%(total)s đồng) vượt mức kinh phí tỉnh phân bổ cho %(unit)s (%(allotment)s đồng)"
            " %(excess)s đồng."
        ),
        code="over_allotment",
        params={
            "total": _money(total),
            "unit": local_plan.unit,
            "allotment": _money(allotment),
            "excess": _money(total - allotment),
        },
    )


def local_plan_check(local_plan: LocalPlan) -> list[ValidationError]:
    """Every problem of a local plan's classes under the rules as they are now, and its estimates
    against its allotment."""
    classes = list(local_plan.classes.select_related("topic"))
    if not classes:
        return [ValidationError(_("Kế hoạch chưa có lớp nào."), code="no_classes")]
    try:
        rules = plan_rules(local_plan.plan)
    except ValidationError as error:
        return [error]
    problems = []
    for plan_class in classes:
        problems += class_problems(local_plan.plan, rules, plan_class)
    total, allotment = sum(plan_class.cost for plan_class in classes), _allotment(local_plan)
    if total > allotment:
        problems.append(_over_allotment(local_plan, total, allotment))
    return problems


@transaction.atomic
def local_plan_start(*, plan: AnnualPlan, unit: Unit, actor: User) -> LocalPlan:
    """The unit's local plan under `plan`, created on first use; the unit must have a share of the budget."""
    if not LocalBudget.objects.filter(plan=plan, unit=unit).exists():
        raise ValidationError(
            _("Tỉnh chưa phân bổ kinh phí năm %(year)s cho %(unit)s: chưa lập kế hoạch được."),
            code="no_allotment",
            params={"year": plan.year, "unit": unit},
        )
    local_plan = LocalPlan.objects.filter(plan=plan, unit=unit).first()
    if local_plan is None:
        local_plan = LocalPlan(plan=plan, unit=unit)
        _write(local_plan, actor)
    return local_plan


def _require_local_editable(local_plan: LocalPlan) -> None:
    if not local_plan.is_editable:
        raise ValidationError(
            _("Kế hoạch %(status)s: không thêm, sửa, xóa lớp được."),
            code="not_editable",
            params={"status": local_plan.get_status_display().lower()},
        )


@transaction.atomic
def local_class_save(*, local_plan: LocalPlan, data: dict, instance: PlanClass | None = None, actor: User) -> PlanClass:
    """Add a class to a local plan being drafted (or returned), or change one: within the rules of
    the phase and, with the other classes, within the unit's allotment."""
    local_plan = _local_locked(local_plan)
    _require_local_editable(local_plan)
    if instance is not None and instance.local_plan_id != local_plan.pk:
        raise ValidationError(_("Lớp này không thuộc kế hoạch."), code="wrong_plan")
    rules = plan_rules(local_plan.plan)
    plan_class = instance or PlanClass(plan=local_plan.plan, local_plan=local_plan)
    _fill(plan_class, data)
    problems = class_problems(local_plan.plan, rules, plan_class)
    others = local_plan.classes.exclude(pk=plan_class.pk).aggregate(total=Sum("cost"))["total"] or 0
    allotment = _allotment(local_plan)
    if others + (plan_class.cost or 0) > allotment:
        problems.append(_over_allotment(local_plan, others + plan_class.cost, allotment))
    if problems:
        raise ValidationError(problems)
    _write(plan_class, actor)
    return plan_class


@transaction.atomic
def local_class_delete(*, plan_class: PlanClass, actor: User) -> None:
    _require_local_editable(_local_locked(plan_class.local_plan))
    plan_class._history_user = actor
    plan_class.delete()


@transaction.atomic
def local_plan_submit(*, local_plan: LocalPlan, actor: User) -> LocalPlan:
    """Being drafted or returned → sent to the province, when its classes keep the rules and the allotment."""
    local_plan = _local_locked(local_plan)
    if not local_plan.is_editable:
        raise ValidationError(_("Kế hoạch đã gửi hoặc đã duyệt, không gửi lại được."), code="not_editable")
    problems = local_plan_check(local_plan)
    if problems:
        raise ValidationError([ValidationError(_("Chưa gửi được kế hoạch:"), code="plan_problems"), *problems])
    local_plan.status = LocalPlan.Status.SUBMITTED
    local_plan.submitted_at = timezone.now()
    _save(local_plan, actor)
    return local_plan


@transaction.atomic
def local_plan_approve(*, local_plan: LocalPlan, actor: User) -> LocalPlan:
    """Sent → approved and locked; the rules and the allotment are checked again, as they may have
    changed since it was sent."""
    local_plan = _local_locked(local_plan)
    _require(local_plan, LocalPlan.Status.SUBMITTED, _("Chỉ kế hoạch đã gửi mới duyệt được."), "not_submitted")
    problems = local_plan_check(local_plan)
    if problems:
        raise ValidationError([ValidationError(_("Chưa duyệt được kế hoạch:"), code="plan_problems"), *problems])
    local_plan.status = LocalPlan.Status.APPROVED
    local_plan.comment = ""
    local_plan.decided_at = timezone.now()
    _save(local_plan, actor)
    return local_plan


@transaction.atomic
def local_plan_return(*, local_plan: LocalPlan, comment: str, actor: User) -> LocalPlan:
    """Sent → returned to the unit with the province's comment, which its officer sees on their home page."""
    local_plan = _local_locked(local_plan)
    _require(local_plan, LocalPlan.Status.SUBMITTED, _("Chỉ kế hoạch đã gửi mới trả lại được."), "not_submitted")
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Phải ghi ý kiến khi trả lại kế hoạch."), code="no_comment")
    local_plan.status = LocalPlan.Status.RETURNED
    local_plan.comment = comment
    local_plan.decided_at = timezone.now()
    _save(local_plan, actor)
    return local_plan
