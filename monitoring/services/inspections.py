"""Writes of inspections, with their rules: plans, rounds, the checklist, remediation items."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import LegalDocument, Unit
from monitoring.models import Area, ChecklistResult, InspectionPlan, InspectionRound, Remediation
from p135portal.access import Perm, require
from p135portal.audit import REASON_MAX_LENGTH, assign, save_recorded
from p135portal.models import User

PLAN_FIELDS = ["year", "level", "unit", "kind", "title", "purpose"]
ROUND_FIELDS = [
    "name",
    "start_date",
    "end_date",
    "team",
    "methods",
    "methods_other",
    "findings",
    "recommendations",
    "report_number",
    "report_date",
    "signer_name",
    "signer_title",
]
REMEDIATION_FIELDS = ["content", "unit", "deadline"]


# ------------------------------------------------------------------ plans


@transaction.atomic
def plan_save(*, data: dict, instance: InspectionPlan | None = None, actor: User) -> InspectionPlan:
    """Create or change an inspection plan; its rounds must stay in its year and in its district."""
    require(actor, Perm.MANAGE_MONITORING)
    plan = InspectionPlan.objects.select_for_update().get(pk=instance.pk) if instance else InspectionPlan()
    assign(plan, data, fields=PLAN_FIELDS)
    if plan.level == InspectionPlan.Level.PROVINCE:
        plan.unit = None
    if plan.pk:
        rounds = InspectionRound.objects.filter(plan=plan)
        if rounds.exclude(start_date__year=plan.year, end_date__year=plan.year).exists():
            raise ValidationError(
                _("Kế hoạch đã có đợt kiểm tra ngoài năm %(year)s: hãy sửa ngày của các đợt trước."),
                code="rounds_outside_year",
                params={"year": plan.year},
            )
        if (
            plan.unit_id
            and Unit.objects.filter(inspection_rounds__plan=plan)
            .exclude(path__startswith=Unit.objects.get(pk=plan.unit_id).path)
            .exists()
        ):
            raise ValidationError(
                _("Kế hoạch đã có đợt kiểm tra đơn vị ngoài huyện được chọn."), code="rounds_outside_district"
            )
    save_recorded(plan, actor)
    return plan


@transaction.atomic
def plan_delete(*, plan: InspectionPlan, actor: User) -> None:
    """Remove a plan entered by mistake; a plan with rounds is part of the record and stays."""
    require(actor, Perm.MANAGE_MONITORING)
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if InspectionRound.objects.filter(plan=plan).exists():
        raise ValidationError(_("Kế hoạch đã có đợt kiểm tra: hãy xóa các đợt trước."), code="has_rounds")
    plan._history_user = actor
    plan.delete()


# ------------------------------------------------------------------ rounds


def _check_units(plan: InspectionPlan, units: list[Unit]) -> None:
    if not units:
        raise ValidationError(_("Phải chọn ít nhất một đơn vị được kiểm tra."), code="no_units")
    wrong_level = [unit for unit in units if unit.level not in (Unit.Level.DISTRICT, Unit.Level.COMMUNE)]
    if wrong_level:
        raise ValidationError(
            _("Đơn vị được kiểm tra phải là huyện hoặc xã: %(units)s."),
            code="unit_level",
            params={"units": ", ".join(unit.name for unit in wrong_level)},
        )
    inside = set(Unit.objects.of_portal_province().filter(pk__in=[unit.pk for unit in units]))
    outside = [unit for unit in units if unit not in inside]
    if outside:
        raise ValidationError(
            _("Chỉ kiểm tra các đơn vị của tỉnh; không thuộc tỉnh: %(units)s."),
            code="outside_province",
            params={"units": ", ".join(unit.name for unit in outside)},
        )
    if plan.level == InspectionPlan.Level.DISTRICT:
        district = plan.unit
        outside = [unit for unit in units if not unit.path.startswith(district.path)]
        if outside:
            raise ValidationError(
                _("Kế hoạch của %(district)s chỉ kiểm tra các đơn vị thuộc huyện; không thuộc huyện: %(units)s."),
                code="outside_district",
                params={"district": district, "units": ", ".join(unit.name for unit in outside)},
            )


def _covers(units: list[Unit], unit: Unit) -> bool:
    return any(unit.path.startswith(inspected.path) for inspected in units)


@transaction.atomic
def round_save(
    *,
    plan: InspectionPlan,
    data: dict,
    units: list[Unit],
    bases: list[LegalDocument],
    instance: InspectionRound | None = None,
    actor: User,
) -> InspectionRound:
    """Create or change a round of `plan`. A new round gets the five areas of its checklist,
    all "không kiểm tra" until the results are entered."""
    require(actor, Perm.MANAGE_MONITORING)
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if instance is not None and instance.plan_id != plan.pk:
        raise ValidationError(_("Đợt kiểm tra này không thuộc kế hoạch."), code="wrong_plan")
    inspection = InspectionRound.objects.select_for_update().get(pk=instance.pk) if instance else InspectionRound()
    inspection.plan = plan
    assign(inspection, data, fields=ROUND_FIELDS)
    for value in (inspection.start_date, inspection.end_date):
        if value and value.year != plan.year:
            raise ValidationError(
                _("Đợt kiểm tra phải diễn ra trong năm %(year)s của kế hoạch."),
                code="outside_year",
                params={"year": plan.year},
            )
    _check_units(plan, units)
    if inspection.pk:
        dropped = [
            item.unit.name
            for item in Remediation.objects.filter(round=inspection).select_related("unit")
            if not _covers(units, item.unit)
        ]
        if dropped:
            raise ValidationError(
                _("Không bỏ được đơn vị đang có việc khắc phục của đợt này: %(units)s."),
                code="remediation_unit_dropped",
                params={"units": ", ".join(sorted(set(dropped)))},
            )
    created = inspection.pk is None
    if not created:
        before = sorted(unit.name for unit in inspection.units.all())
        after = sorted(unit.name for unit in units)
        if before != after:
            # The history keeps the row, not its many-to-many links: say the change in the reason.
            reason = _("Đơn vị được kiểm tra: %(units)s") % {"units": ", ".join(after)}
            inspection._change_reason = (
                reason[: REASON_MAX_LENGTH - 1] + "…" if len(reason) > REASON_MAX_LENGTH else reason
            )
    save_recorded(inspection, actor)
    inspection.units.set(units)
    inspection.bases.set(bases)
    if created:
        for area in Area:
            result = ChecklistResult(round=inspection, area=area)
            save_recorded(result, actor)
    return inspection


@transaction.atomic
def round_delete(*, inspection: InspectionRound, actor: User) -> None:
    """Remove a round entered by mistake, with its checklist; a round that asked for remediation stays."""
    require(actor, Perm.MANAGE_MONITORING)
    inspection = InspectionRound.objects.select_for_update().get(pk=inspection.pk)
    if Remediation.objects.filter(round=inspection).exists():
        raise ValidationError(
            _("Đợt kiểm tra đã có việc khắc phục: hãy xóa các việc khắc phục trước."), code="has_remediations"
        )
    for row in ChecklistResult.objects.filter(round=inspection):
        row._history_user = actor
        row.delete()
    inspection._history_user = actor
    inspection.delete()


@transaction.atomic
def checklist_save(*, inspection: InspectionRound, results: dict[str, tuple[str, str]], actor: User) -> None:
    """Record the result and notes of each of the five areas; a "chưa đạt" needs a note saying why."""
    require(actor, Perm.MANAGE_MONITORING)
    InspectionRound.objects.select_for_update().get(pk=inspection.pk)
    missing = [area for area in Area if area.value not in results]
    if missing:
        raise ValidationError(_("Phải ghi kết quả của đủ năm nội dung kiểm tra."), code="areas_missing")
    rows = {row.area: row for row in ChecklistResult.objects.filter(round=inspection)}
    for area in Area:
        result, note = results[area.value]
        if result not in ChecklistResult.Result.values:
            raise ValidationError(_("Kết quả kiểm tra không hợp lệ."), code="bad_result")
        if result == ChecklistResult.Result.FAILED and not note.strip():
            raise ValidationError(
                _("Nội dung “%(area)s” chưa đạt: phải ghi nhận xét nêu rõ lý do."),
                code="note_required",
                params={"area": area.label},
            )
        row = rows.get(area.value) or ChecklistResult(round=inspection, area=area)
        if row.pk and (row.result, row.note) == (result, note.strip()):
            continue
        row.result, row.note = result, note.strip()
        save_recorded(row, actor)


# ------------------------------------------------------------------ remediation


def _require_open(item: Remediation) -> None:
    if item.status == Remediation.Status.DONE:
        raise ValidationError(
            _("Việc khắc phục đã hoàn thành ngày %(day)s và đã đóng: không thay đổi được nữa."),
            code="closed",
            params={"day": item.closed_on.strftime("%d/%m/%Y")},
        )


@transaction.atomic
def remediation_save(
    *, inspection: InspectionRound, data: dict, instance: Remediation | None = None, actor: User
) -> Remediation:
    """Add a remediation item to a round, or change one still open: what, which unit, by when.

    The responsible unit is one the round inspected (or a unit under it); the deadline
    cannot come before the round's last day."""
    require(actor, Perm.MANAGE_MONITORING)
    inspection = InspectionRound.objects.select_for_update().get(pk=inspection.pk)
    if instance is not None:
        instance = Remediation.objects.select_for_update().get(pk=instance.pk)
        if instance.round_id != inspection.pk:
            raise ValidationError(_("Việc khắc phục này không thuộc đợt kiểm tra."), code="wrong_round")
        _require_open(instance)
    item = instance or Remediation(round=inspection)
    assign(item, data, fields=REMEDIATION_FIELDS)
    if item.unit_id and not _covers(list(inspection.units.all()), item.unit):
        raise ValidationError(
            _("Đơn vị thực hiện phải là đơn vị được kiểm tra trong đợt (hoặc trực thuộc đơn vị đó)."),
            code="unit_not_inspected",
        )
    if item.deadline and item.deadline < inspection.end_date:
        raise ValidationError(
            _("Thời hạn khắc phục không được trước ngày kết thúc đợt kiểm tra (%(day)s)."),
            code="deadline_before_round",
            params={"day": inspection.end_date.strftime("%d/%m/%Y")},
        )
    save_recorded(item, actor)
    return item


@transaction.atomic
def remediation_set_status(
    *,
    item: Remediation,
    status: str,
    note: str,
    closed_on: date | None,
    actor: User,
    today: date | None = None,
) -> Remediation:
    """The responsible unit (or the province office) reports where an item stands.

    Closing it (đã hoàn thành) needs the day it was done and a note of what was done; a
    closed item stays closed. An officer may only update their own unit's items."""
    today = today or timezone.localdate()
    locked = Remediation.objects.visible_to(actor).select_for_update().filter(pk=item.pk).first()
    if locked is None:
        raise ValidationError(_("Bạn không được cập nhật việc khắc phục của đơn vị khác."), code="out_of_scope")
    item = locked
    _require_open(item)
    if status not in Remediation.Status.values:
        raise ValidationError(_("Trạng thái không hợp lệ."), code="bad_status")
    note = note.strip()
    if status == Remediation.Status.DONE:
        if closed_on is None:
            raise ValidationError(_("Phải ghi ngày hoàn thành việc khắc phục."), code="no_close_date")
        start = item.round.start_date
        if closed_on < start:
            raise ValidationError(
                _("Ngày hoàn thành không được trước ngày bắt đầu đợt kiểm tra (%(day)s)."),
                code="closed_before_round",
                params={"day": start.strftime("%d/%m/%Y")},
            )
        if closed_on > today:
            raise ValidationError(_("Ngày hoàn thành không được sau hôm nay."), code="closed_in_future")
        if not note:
            raise ValidationError(_("Phải ghi kết quả đã khắc phục khi đóng việc."), code="no_close_note")
    elif closed_on is not None:
        raise ValidationError(
            _("Chỉ ghi ngày hoàn thành khi chọn trạng thái “Đã hoàn thành”."), code="close_date_not_done"
        )
    item.status, item.closed_on = status, closed_on
    if note:
        item.progress_note = note
    save_recorded(item, actor)
    return item


@transaction.atomic
def remediation_reopen(*, item: Remediation, reason: str, actor: User) -> Remediation:
    """The province office finds an item reported done is not: it goes back to "đang thực hiện",
    with the reason in its history."""
    require(actor, Perm.MANAGE_MONITORING)
    item = Remediation.objects.select_for_update().get(pk=item.pk)
    if item.status != Remediation.Status.DONE:
        raise ValidationError(_("Chỉ việc đã hoàn thành mới cần mở lại."), code="not_closed")
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(_("Phải ghi lý do mở lại việc khắc phục."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Lý do mở lại dài tối đa %(limit)s ký tự."), code="reason_too_long", params={"limit": REASON_MAX_LENGTH}
        )
    item.status, item.closed_on = Remediation.Status.DOING, None
    item._change_reason = reason
    save_recorded(item, actor)
    return item


@transaction.atomic
def remediation_delete(*, item: Remediation, actor: User) -> None:
    """Remove an item entered by mistake; a closed item is part of the record and stays."""
    require(actor, Perm.MANAGE_MONITORING)
    item = Remediation.objects.select_for_update().get(pk=item.pk)
    _require_open(item)
    item._history_user = actor
    item.delete()
