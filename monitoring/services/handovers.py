"""Writes of beneficiary handovers: the minutes, their households and items, and follow-up checks."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Unit
from monitoring.models.handovers import Beneficiary, Handover, HouseholdCheck, SupportItem, line_value
from p135portal.audit import assign, save_recorded
from p135portal.fields import MAX_BIGINT
from p135portal.models import User


def _require_in_scope(commune: Unit, actor: User) -> None:
    if not Unit.objects.visible_to(actor).filter(pk=commune.pk, level=Unit.Level.COMMUNE).exists():
        raise ValidationError(_("Bạn chỉ ghi nhận được bàn giao ở xã mình phụ trách."), code="not_your_commune")


@transaction.atomic
def handover_save(*, data: dict, instance: Handover | None = None, actor: User, today: date | None = None) -> Handover:
    """Record a handover of a commune in the actor's scope, or change one; not dated in the future.
    Its commune cannot change once households are recorded (their villages belong to it)."""
    today = today or timezone.localdate()
    commune = data["commune"]
    _require_in_scope(commune, actor)
    if data["handed_on"] > today:
        raise ValidationError(_("Ngày bàn giao không được sau hôm nay."), code="future_date")
    handover = Handover.objects.select_for_update().get(pk=instance.pk) if instance is not None else Handover()
    if instance is not None:
        _require_in_scope(handover.commune, actor)
        if handover.commune_id != commune.pk and handover.households.exists():
            raise ValidationError(
                _("Đợt bàn giao đã có hộ hưởng lợi: không đổi sang xã khác được."), code="commune_locked"
            )
        first_check = HouseholdCheck.objects.filter(household__handover=handover).order_by("checked_on").first()
        if first_check and data["handed_on"] > first_check.checked_on:
            raise ValidationError(
                _("Ngày bàn giao không được sau lần kiểm tra hộ đầu tiên (%(date)s)."),
                code="after_checks",
                params={"date": f"{first_check.checked_on:%d/%m/%Y}"},
            )
    assign(handover, data, fields=HANDOVER_FIELDS)
    save_recorded(handover, actor)
    return handover


@transaction.atomic
def handover_delete(*, handover: Handover, actor: User) -> None:
    """Remove a handover recorded by mistake; one with households stays (remove them first)."""
    handover = Handover.objects.select_for_update().select_related("commune").get(pk=handover.pk)
    _require_in_scope(handover.commune, actor)
    if handover.households.exists():
        raise ValidationError(
            _("Đợt bàn giao đã có hộ hưởng lợi, không xóa được; hãy xóa các hộ trước."), code="has_households"
        )
    handover._history_user = actor
    handover.delete()


# What the household signed for: fixed once a check has compared the household with it.
HANDOVER_FIELDS = [
    "commune",
    "number",
    "handed_on",
    "place",
    "content",
    "programme",
    "giver",
    "giver_representative",
    "giver_position",
    "receiver",
    "receiver_representative",
    "receiver_position",
]
CHECKED_FIELDS = ["village", "id_number", "commitment"]
HOUSEHOLD_FIELDS = ["head_name", "village", "category", "id_number", "commitment"]
ITEM_FIELDS = ["name", "unit_of_measure", "quantity", "unit_price"]


def _refuse_checked(household: Beneficiary) -> None:
    if household.checks.exists():
        raise ValidationError(
            _("Hộ đã có kết quả kiểm tra: hàng đã bàn giao là căn cứ đối chiếu, không thêm, sửa, xóa được."),
            code="has_checks",
        )


@transaction.atomic
def household_save(*, handover: Handover, data: dict, instance: Beneficiary | None = None, actor: User) -> Beneficiary:
    """Add a beneficiary household to a handover, or change one: its village must be of the handover's commune."""
    _require_in_scope(handover.commune, actor)
    if instance is not None and instance.handover_id != handover.pk:
        raise ValidationError(_("Hộ này không thuộc đợt bàn giao."), code="wrong_handover")
    if data["village"].commune_id != handover.commune_id:
        raise ValidationError(
            _("Thôn %(village)s không thuộc %(commune)s."),
            code="wrong_village",
            params={"village": data["village"], "commune": handover.commune},
        )
    household = (
        Beneficiary.objects.select_for_update().get(pk=instance.pk)
        if instance is not None
        else Beneficiary(handover=handover)
    )
    if household.pk and household.checks.exists():
        changed = [name for name in CHECKED_FIELDS if name in data and data[name] != getattr(household, name)]
        if changed:
            raise ValidationError(
                _("Hộ đã có kết quả kiểm tra: không đổi được thôn, số CCCD và cam kết đã ký."), code="has_checks"
            )
    assign(household, data, fields=HOUSEHOLD_FIELDS)
    save_recorded(household, actor)
    return household


@transaction.atomic
def household_delete(*, household: Beneficiary, actor: User) -> None:
    """Remove a household recorded by mistake; one already checked stays, its checks are evidence."""
    household = Beneficiary.objects.select_for_update().select_related("handover__commune").get(pk=household.pk)
    _require_in_scope(household.handover.commune, actor)
    if household.checks.exists():
        raise ValidationError(_("Hộ đã có kết quả kiểm tra, không xóa được."), code="has_checks")
    for item in household.items.all():
        item._history_user = actor
        item.delete()
    household._history_user = actor
    household.delete()


@transaction.atomic
def item_save(*, household: Beneficiary, data: dict, instance: SupportItem | None = None, actor: User) -> SupportItem:
    """Add an item handed to a household, or change one; its value is quantity × unit price in whole đồng."""
    _require_in_scope(household.handover.commune, actor)
    if instance is not None and instance.household_id != household.pk:
        raise ValidationError(_("Hàng này không thuộc hộ."), code="wrong_household")
    _refuse_checked(household)
    if data["quantity"] <= 0:
        raise ValidationError(_("Số lượng phải lớn hơn 0."), code="quantity_not_positive")
    if data["unit_price"] < 0:
        raise ValidationError(_("Đơn giá không được âm."), code="negative_price")
    if Decimal(data["quantity"]) * data["unit_price"] > MAX_BIGINT:
        raise ValidationError(
            _("Thành tiền (số lượng × đơn giá) quá lớn: hãy kiểm tra lại số lượng và đơn giá."), code="value_too_big"
        )
    item = SupportItem.objects.select_for_update().get(pk=instance.pk) if instance else SupportItem(household=household)
    assign(item, data, fields=ITEM_FIELDS)
    item.value = line_value(item.quantity, item.unit_price)
    save_recorded(item, actor)
    return item


@transaction.atomic
def item_delete(*, item: SupportItem, actor: User) -> None:
    _require_in_scope(item.household.handover.commune, actor)
    _refuse_checked(item.household)
    item._history_user = actor
    item.delete()


@transaction.atomic
def check_record(
    *,
    household: Beneficiary,
    checked_on: date,
    checker: str,
    result: str,
    notes: str,
    actor: User,
    today: date | None = None,
) -> HouseholdCheck:
    """Record a follow-up check of a household; its latest check (by date) decides whether it is flagged."""
    today = today or timezone.localdate()
    household = Beneficiary.objects.select_for_update().select_related("handover__commune").get(pk=household.pk)
    _require_in_scope(household.handover.commune, actor)
    checker, notes = " ".join(checker.split()), notes.strip()
    if result not in Beneficiary.Result.values:
        raise ValidationError(_("Kết quả kiểm tra không hợp lệ."), code="bad_result")
    if not checker:
        raise ValidationError(_("Hãy ghi người kiểm tra."), code="no_checker")
    if checked_on > today:
        raise ValidationError(_("Ngày kiểm tra không được sau hôm nay."), code="future_date")
    if checked_on < household.handover.handed_on:
        raise ValidationError(
            _("Ngày kiểm tra không được trước ngày bàn giao (%(date)s)."),
            code="before_handover",
            params={"date": f"{household.handover.handed_on:%d/%m/%Y}"},
        )
    if result == Beneficiary.Result.BREACH and not notes:
        raise ValidationError(_("Kiểm tra phát hiện vi phạm phải ghi rõ nội dung vi phạm."), code="breach_no_notes")
    check = HouseholdCheck(household=household, checked_on=checked_on, checker=checker, result=result, notes=notes)
    save_recorded(check, actor)
    latest = household.checks.order_by("-checked_on", "-pk").first()
    household.last_result, household.last_checked_on = latest.result, latest.checked_on
    save_recorded(household, actor)
    return check
