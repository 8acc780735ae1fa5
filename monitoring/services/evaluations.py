"""Writes of evaluations, with their rules."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.models import Evaluation, Indicator
from p135portal.access import Perm, require
from p135portal.audit import assign, save_recorded
from p135portal.models import User

EVALUATION_TEXTS = ["overview", "conclusions", "recommendations"]
EVALUATION_FIELDS = [
    "phase",
    "kind",
    "year",
    "title",
    *EVALUATION_TEXTS,
    "report_number",
    "report_date",
    "signer_name",
    "signer_title",
]
INDICATOR_FIELDS = ["position", "name", "unit_of_measure", "baseline", "target", "result", "direction", "note"]
PERCENT_UNITS = {"%", "phần trăm"}


@transaction.atomic
def evaluation_save(*, data: dict, instance: Evaluation | None = None, actor: User) -> Evaluation:
    """Create or change an evaluation. An annual evaluation is of a year of the phase; the others
    are done within the phase or in the year after it (a final evaluation)."""
    require(actor, Perm.MANAGE_MONITORING)
    evaluation = Evaluation.objects.select_for_update().get(pk=instance.pk) if instance else Evaluation()
    assign(evaluation, data, fields=EVALUATION_FIELDS)
    phase = evaluation.phase
    if evaluation.kind == Evaluation.Kind.ANNUAL:
        first, last = phase.start_year, phase.end_year
    else:
        first, last = phase.start_year, phase.end_year + 1
    if evaluation.year is not None and not first <= evaluation.year <= last:
        raise ValidationError(
            _("%(kind)s của giai đoạn %(phase)s phải thuộc các năm %(first)s-%(last)s."),
            code="outside_phase",
            params={"kind": evaluation.get_kind_display(), "phase": phase, "first": first, "last": last},
        )
    save_recorded(evaluation, actor)
    return evaluation


@transaction.atomic
def indicator_save(*, evaluation: Evaluation, data: dict, instance: Indicator | None = None, actor: User) -> Indicator:
    """Add an indicator to an evaluation or change one. A rate in % lies between 0 and 100."""
    require(actor, Perm.MANAGE_MONITORING)
    Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if instance is not None and instance.evaluation_id != evaluation.pk:
        raise ValidationError(_("Chỉ tiêu này không thuộc đánh giá."), code="wrong_evaluation")
    indicator = instance or Indicator(evaluation=evaluation)
    assign(indicator, data, fields=INDICATOR_FIELDS)
    if indicator.unit_of_measure.strip().lower() in PERCENT_UNITS:
        values = (indicator.baseline, indicator.target, indicator.result)
        if any(value is not None and not 0 <= value <= 100 for value in values):
            raise ValidationError(
                _("Chỉ tiêu “%(name)s” tính bằng %%: các giá trị phải từ 0 đến 100."),
                code="percent_range",
                params={"name": indicator.name},
            )
    if indicator.position == 0 and indicator.pk is None:
        indicator.position = Indicator.objects.filter(evaluation=evaluation).count() + 1
    save_recorded(indicator, actor)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor: User) -> None:
    require(actor, Perm.MANAGE_MONITORING)
    indicator._history_user = actor
    indicator.delete()


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation, actor: User) -> None:
    """Remove an evaluation entered by mistake with its indicators; each deletion stays in the history."""
    require(actor, Perm.MANAGE_MONITORING)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    for indicator in Indicator.objects.filter(evaluation=evaluation):
        indicator._history_user = actor
        indicator.delete()
    evaluation._history_user = actor
    evaluation.delete()
