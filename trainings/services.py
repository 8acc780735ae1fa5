"""Writes of the trainings app, with their rules: the workflow of the province's annual plan."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from p135portal.models import User
from trainings.models import AnnualPlan

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


@transaction.atomic
def plan_submit(*, plan: AnnualPlan, actor: User) -> AnnualPlan:
    """Draft → submitted to the leaders."""
    plan = _locked(plan)
    _require(plan, AnnualPlan.Status.DRAFT, _("Chỉ kế hoạch đang dự thảo mới trình lãnh đạo được."), "not_draft")
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
    """Submitted → approved: the office records the number, date and signer of the signed plan."""
    plan = _locked(plan)
    _require(
        plan,
        AnnualPlan.Status.SUBMITTED,
        _("Chỉ kế hoạch đã trình lãnh đạo mới ghi nhận phê duyệt được."),
        "not_submitted",
    )
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
