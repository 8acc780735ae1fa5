"""Writes of the local plans, with their rules: the annual plan's split among local units, and each
unit's plan entered by its officer within its allotment, sent, then approved or returned by the province."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from budgets.selectors import capacity_building_funds
from communes.models import Unit
from p135portal.access import Perm, require
from p135portal.audit import assign, locked, save_recorded
from p135portal.models import Role, User
from p135portal.numbers import group_thousands
from p135portal.review import review_accept, review_reopen, review_return, review_send
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass
from trainings.selectors.local_plans import local_units
from trainings.services.plans import CLASS_FIELDS, class_problems, plan_rules, refuse_reported, require_status

# ------------------------------------------------------------------ the split among local units


@transaction.atomic
def local_budgets_save(*, plan: AnnualPlan, amounts: dict[int, int | None], actor: User) -> None:
    """Set the plan's split among local units at once: `amounts` maps a unit id to its amount,
    None removing the unit's share. The split must stay within the year's capacity-building budget,
    and a unit whose local plan exists keeps a share."""
    require(actor, Perm.MANAGE_TRAININGS)
    plan = locked(plan)
    require_status(
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
    # A plan sent or approved was checked against its share: the share may not drop below it.
    committed = dict(
        LocalPlan.objects.filter(plan=plan, status__in=[LocalPlan.Status.SENT, LocalPlan.Status.ACCEPTED])
        .annotate(estimated=Coalesce(Sum("classes__cost"), 0))
        .values_list("unit_id", "estimated")
    )
    problems = []
    for unit_id, amount in amounts.items():
        if amount is not None and amount < 0:
            problems.append(ValidationError(_("Kinh phí không được âm."), code="negative"))
        if unit_id in committed and (amount or 0) < committed[unit_id]:
            problems.append(
                ValidationError(
                    _(
                        "%(unit)s đã gửi hoặc đã được duyệt kế hoạch với dự toán %(estimated)s đồng: mức phân bổ"
                        " không được thấp hơn."
                    ),
                    code="below_committed",
                    params={"unit": Unit.objects.get(pk=unit_id), "estimated": group_thousands(committed[unit_id])},
                )
            )
        if amount is None and unit_id in with_plans:
            problems.append(
                ValidationError(
                    _("%(unit)s đã lập kế hoạch: phải giữ mức phân bổ (có thể ghi 0)."),
                    code="has_local_plan",
                    params={"unit": Unit.objects.get(pk=unit_id)},
                )
            )
    budget = sum(capacity_building_funds(plan.year).values())
    kept = {unit_id: share.amount for unit_id, share in existing.items() if unit_id not in amounts}
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
                    "total": group_thousands(total),
                    "year": plan.year,
                    "budget": group_thousands(budget),
                    "excess": group_thousands(total - budget),
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
            save_recorded(LocalBudget(plan=plan, unit_id=unit_id, amount=amount), actor)
        elif current.amount != amount:
            current.amount = amount
            save_recorded(current, actor)


# ------------------------------------------------------------------ local plans


def locked_local_plan(local_plan: LocalPlan) -> LocalPlan:
    return LocalPlan.objects.select_for_update().select_related("plan", "unit").get(pk=local_plan.pk)


def allotment_of(local_plan: LocalPlan) -> int:
    budget = LocalBudget.objects.filter(plan_id=local_plan.plan_id, unit_id=local_plan.unit_id).first()
    return budget.amount if budget else 0


def over_allotment(local_plan: LocalPlan, total: int, allotment: int) -> ValidationError:
    return ValidationError(
        _(
            "Tổng dự toán các lớp (%(total)s đồng) vượt mức kinh phí tỉnh phân bổ cho %(unit)s (%(allotment)s đồng)"
            " %(excess)s đồng."
        ),
        code="over_allotment",
        params={
            "total": group_thousands(total),
            "unit": local_plan.unit,
            "allotment": group_thousands(allotment),
            "excess": group_thousands(total - allotment),
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
    total, allotment = sum(plan_class.cost for plan_class in classes), allotment_of(local_plan)
    if total > allotment:
        problems.append(over_allotment(local_plan, total, allotment))
    return problems


@transaction.atomic
def local_plan_start(*, plan: AnnualPlan, unit: Unit, actor: User) -> LocalPlan:
    """The unit's local plan under `plan`, created on first use; the unit must have a share of the budget."""
    require_own_unit(unit.pk, actor)
    if not LocalBudget.objects.filter(plan=plan, unit=unit).exists():
        raise ValidationError(
            _("Tỉnh chưa phân bổ kinh phí năm %(year)s cho %(unit)s: chưa lập kế hoạch được."),
            code="no_allotment",
            params={"year": plan.year, "unit": unit},
        )
    local_plan = LocalPlan.objects.filter(plan=plan, unit=unit).first()
    if local_plan is None:
        try:
            with transaction.atomic():
                local_plan = LocalPlan(plan=plan, unit=unit)
                save_recorded(local_plan, actor)
        except IntegrityError:  # started at the same moment by another request: that one is the plan
            local_plan = LocalPlan.objects.get(plan=plan, unit=unit)
    return local_plan


def enters_plan_of(user: User, unit_id: int) -> bool:
    """A unit's plan is entered and sent by that unit's own officer only (the province approves it)."""
    return user.role == Role.LOCAL_OFFICER and user.unit_id == unit_id


def require_own_unit(unit_id: int, actor: User) -> None:
    if not enters_plan_of(actor, unit_id):
        raise ValidationError(_("Chỉ cán bộ của đơn vị mới lập và gửi kế hoạch của đơn vị."), code="not_yours")


def require_local_editable(local_plan: LocalPlan) -> None:
    if not local_plan.is_editable:
        raise ValidationError(
            _("Kế hoạch %(status)s: không thêm, sửa, xóa lớp được."),
            code="not_editable",
            params={"status": local_plan.status_label.lower()},
        )


@transaction.atomic
def local_class_save(*, local_plan: LocalPlan, data: dict, instance: PlanClass | None = None, actor: User) -> PlanClass:
    """Add a class to a local plan being drafted (or returned), or change one: within the rules of
    the phase and, with the other classes, within the unit's allotment."""
    local_plan = locked_local_plan(local_plan)
    require_own_unit(local_plan.unit_id, actor)
    require_local_editable(local_plan)
    if instance is not None and instance.local_plan_id != local_plan.pk:
        raise ValidationError(_("Lớp này không thuộc kế hoạch."), code="wrong_plan")
    if instance is not None:
        refuse_reported(instance)  # a reopened plan's reported classes stay as they were reported against
    rules = plan_rules(local_plan.plan)
    plan_class = instance or PlanClass(plan=local_plan.plan, local_plan=local_plan)
    assign(plan_class, data, fields=CLASS_FIELDS)
    problems = class_problems(local_plan.plan, rules, plan_class)
    others = local_plan.classes.exclude(pk=plan_class.pk).aggregate(total=Sum("cost"))["total"] or 0
    allotment = allotment_of(local_plan)
    if others + (plan_class.cost or 0) > allotment:
        problems.append(over_allotment(local_plan, others + plan_class.cost, allotment))
    if problems:
        raise ValidationError(problems)
    save_recorded(plan_class, actor)
    return plan_class


@transaction.atomic
def local_class_delete(*, plan_class: PlanClass, actor: User) -> None:
    local_plan = locked_local_plan(plan_class.local_plan)
    require_own_unit(local_plan.unit_id, actor)
    require_local_editable(local_plan)
    refuse_reported(plan_class)
    plan_class._history_user = actor
    plan_class.delete()


@transaction.atomic
def local_plan_submit(*, local_plan: LocalPlan, actor: User) -> LocalPlan:
    """Being drafted or returned → sent to the province, when its classes keep the rules and the allotment."""
    local_plan = locked_local_plan(local_plan)
    require_own_unit(local_plan.unit_id, actor)
    if local_plan.is_editable:
        problems = local_plan_check(local_plan)
        if problems:
            raise ValidationError([ValidationError(_("Chưa gửi được kế hoạch:"), code="plan_problems"), *problems])
    return review_send(local_plan, actor=actor)


def _approval_problems(local_plan: LocalPlan) -> list[ValidationError]:
    problems = local_plan_check(local_plan)
    return [ValidationError(_("Chưa duyệt được kế hoạch:"), code="plan_problems"), *problems] if problems else []


def local_plan_approve(*, local_plan: LocalPlan, actor: User) -> LocalPlan:
    """Sent → approved and locked; the rules and the allotment are checked again, as they may have
    changed since it was sent."""
    return review_accept(local_plan, actor=actor, check=_approval_problems)


def local_plan_return(*, local_plan: LocalPlan, comment: str, actor: User) -> LocalPlan:
    """Sent → returned to the unit with the province's comment, which its officer sees on their home page."""
    return review_return(local_plan, comment=comment, actor=actor)


def local_plan_reopen(*, local_plan: LocalPlan, reason: str, actor: User) -> LocalPlan:
    """Approved → returned to the unit for a recorded reason (approved by mistake, a class to change)."""
    return review_reopen(local_plan, reason=reason, actor=actor)
