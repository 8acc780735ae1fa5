from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import Category, Designation, LegalDocument, Phase, Unit, Village
from p135portal.models import User


def _check_designation_target(*, unit: Unit, village: Village | None, phase: Phase, start_date: date) -> None:
    if unit.level != Unit.Level.COMMUNE:
        raise ValidationError(_("Chỉ xã (hoặc thôn của xã) mới được đưa vào diện đầu tư."), code="not_a_commune")
    if village is not None and village.commune_id != unit.pk:
        raise ValidationError(
            _("Thôn %(village)s không thuộc %(unit)s.") % {"village": village, "unit": unit}, code="village_elsewhere"
        )
    if not phase.start_year <= start_date.year <= phase.end_year:
        raise ValidationError(
            _("Ngày vào danh sách %(date)s nằm ngoài giai đoạn %(phase)s.")
            % {"date": f"{start_date:%d/%m/%Y}", "phase": phase},
            code="outside_phase",
        )


@transaction.atomic
def designation_add(
    *,
    unit: Unit,
    village: Village | None = None,
    phase: Phase,
    category: str,
    document: LegalDocument,
    start_date: date,
    actor: User,
) -> Designation:
    """Put a commune, or one of its villages, into a phase under a category by a decision.

    Refuses a second designation of the same unit, phase and category while one is active.
    """
    _check_designation_target(unit=unit, village=village, phase=phase, start_date=start_date)
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one writer per commune at a time
    active = Designation.objects.filter(
        unit=unit, village=village, phase=phase, category=category, end_date__isnull=True
    )
    if active.exists():
        raise ValidationError(
            _("%(target)s đang thuộc diện %(category)s của giai đoạn %(phase)s.")
            % {"target": village or unit, "category": Category(category).label, "phase": phase},
            code="already_designated",
        )
    designation = Designation(
        unit=unit, village=village, phase=phase, category=category, document=document, start_date=start_date
    )
    designation._history_user = actor
    designation.full_clean()
    designation.save()
    return designation


@transaction.atomic
def designation_end(
    *, designation: Designation, end_date: date, end_document: LegalDocument, actor: User
) -> Designation:
    """Take a unit out of the list from `end_date` by `end_document` (the yearly review)."""
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if designation.end_date is not None:
        raise ValidationError(
            _("Đơn vị đã được đưa ra khỏi danh sách từ ngày %(date)s.") % {"date": f"{designation.end_date:%d/%m/%Y}"},
            code="already_ended",
        )
    if end_date < designation.start_date:
        raise ValidationError(
            _("Ngày ra khỏi danh sách phải không trước ngày vào (%(date)s).")
            % {"date": f"{designation.start_date:%d/%m/%Y}"},
            code="end_before_start",
        )
    designation.end_date = end_date
    designation.end_document = end_document
    designation._history_user = actor
    designation.save()
    return designation
