"""Beneficiary handovers: seedlings, livestock and materials handed over to households of a commune
(BIÊN BẢN BÀN GIAO), the households' commitments, and the commune team's follow-up checks."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Unit, Village
from p135portal.access import ScopedQuerySet
from p135portal.fields import MoneyField, QuantityField

DEFAULT_COMMITMENT = (
    "Sử dụng đúng mục đích hỗ trợ, chăm sóc, nuôi dưỡng theo hướng dẫn kỹ thuật; không bán, cho, tặng,"
    " giết thịt hoặc chuyển nhượng; phối hợp với Tổ quản lý dự án khi được kiểm tra."
)


class Handover(models.Model):
    """A handover (bàn giao) of support items to beneficiary households of one commune, on one day,
    recorded in signed minutes between the handing-over and the receiving party."""

    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã"),
        on_delete=models.PROTECT,
        related_name="handovers",
        limit_choices_to={"level": Unit.Level.COMMUNE},
    )
    number = models.CharField(_("số biên bản"), max_length=50, blank=True, help_text=_("Ví dụ: 12/BB-UBND"))
    handed_on = models.DateField(_("ngày bàn giao"))
    place = models.CharField(_("địa điểm"), max_length=200)
    content = models.CharField(
        _("nội dung bàn giao"),
        max_length=300,
        help_text=_("Ví dụ: Bàn giao cây giống, vật tư hỗ trợ phát triển sản xuất năm 2026"),
    )
    programme = models.CharField(
        _("thuộc dự án, tiểu dự án"), max_length=300, blank=True, help_text=_("Nguồn vốn, dự án của hỗ trợ.")
    )
    giver = models.CharField(_("bên giao"), max_length=200, help_text=_("Ví dụ: Ủy ban nhân dân xã Đồng Đăng"))
    giver_representative = models.CharField(_("đại diện bên giao"), max_length=100)
    giver_position = models.CharField(_("chức vụ đại diện bên giao"), max_length=100, blank=True)
    receiver = models.CharField(
        _("bên nhận"), max_length=200, help_text=_("Ví dụ: Các hộ hưởng lợi thôn Nà Pàn (theo danh sách)")
    )
    receiver_representative = models.CharField(_("đại diện bên nhận"), max_length=100)
    receiver_position = models.CharField(_("chức vụ đại diện bên nhận"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = "commune__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("đợt bàn giao")
        verbose_name_plural = _("bàn giao hỗ trợ cho hộ hưởng lợi")
        ordering = ["-handed_on", "-pk"]

    def __str__(self):
        return f"{self.content} ({self.commune}, {self.handed_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("monitoring:handover_detail", args=[self.pk])


class HouseholdQuerySet(ScopedQuerySet):
    def in_breach(self):
        """Households whose latest check found a breach of their commitment."""
        return self.filter(last_result=Beneficiary.Result.BREACH)


class Beneficiary(models.Model):
    """A beneficiary household of a handover: its head, village and category, what it committed to,
    and the result of its latest follow-up check (kept here so lists can flag breaches)."""

    class Category(models.TextChoices):
        POOR = "ngheo", _("Hộ nghèo")
        NEAR_POOR = "can_ngheo", _("Hộ cận nghèo")
        LEFT_POVERTY = "moi_thoat_ngheo", _("Hộ mới thoát nghèo")
        OTHER = "khac", _("Hộ khác")

    class Result(models.TextChoices):
        KEPT = "dung", _("Đúng cam kết")
        BREACH = "vi_pham", _("Vi phạm cam kết")

    handover = models.ForeignKey(
        Handover, verbose_name=_("đợt bàn giao"), on_delete=models.CASCADE, related_name="households"
    )
    head_name = models.CharField(_("họ tên chủ hộ"), max_length=100)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), on_delete=models.PROTECT, related_name="beneficiaries")
    category = models.CharField(_("diện hộ"), max_length=16, choices=Category.choices)
    id_number = models.CharField(_("số CCCD"), max_length=12, blank=True)
    commitment = models.TextField(_("cam kết của hộ"), default=DEFAULT_COMMITMENT)
    last_result = models.CharField(
        _("kết quả kiểm tra gần nhất"), max_length=8, choices=Result.choices, blank=True, editable=False
    )
    last_checked_on = models.DateField(_("ngày kiểm tra gần nhất"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = HouseholdQuerySet.as_manager()
    scope = "handover__commune__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("hộ hưởng lợi")
        verbose_name_plural = _("hộ hưởng lợi")
        ordering = ["handover", "village__name", "head_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number="") | Q(id_number__regex=r"^[0-9]{9}$|^[0-9]{12}$"),
                name="%(app_label)s_%(class)s_id_number_digits",
                violation_error_message=_("Số CCCD/CMND gồm 12 (hoặc 9) chữ số."),
            ),
            models.CheckConstraint(
                condition=(Q(last_result="") & Q(last_checked_on__isnull=True))
                | (~Q(last_result="") & Q(last_checked_on__isnull=False)),
                name="%(app_label)s_%(class)s_last_check_complete",
                violation_error_message=_("Kết quả kiểm tra gần nhất phải đi kèm ngày kiểm tra."),
            ),
        ]

    def __str__(self):
        return f"{self.head_name} ({self.village})"

    def get_absolute_url(self):
        return reverse("monitoring:household_detail", args=[self.pk])

    @property
    def in_breach(self) -> bool:
        return self.last_result == self.Result.BREACH


def line_value(quantity: Decimal, unit_price: int) -> int:
    """The value in whole đồng, rounded half up: 2,5 con × 1.250.001 đ → 3.125.003 đ."""
    return int((Decimal(quantity) * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class SupportItem(models.Model):
    """One support item handed to a household: seedlings, livestock, feed, materials."""

    household = models.ForeignKey(
        Beneficiary, verbose_name=_("hộ hưởng lợi"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("tên hàng hỗ trợ"), max_length=200, help_text=_("Ví dụ: Lợn giống (Móng Cái)"))
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=30, help_text=_("Ví dụ: con, cây, kg, bao"))
    quantity = QuantityField(_("số lượng"), max_digits=12, decimal_places=2)
    unit_price = MoneyField(_("đơn giá (đồng)"))
    value = MoneyField(_("thành tiền (đồng)"), editable=False)

    objects = ScopedQuerySet.as_manager()
    scope = "household__handover__commune__path"  # the path of the row's unit, for visible_to
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hàng hỗ trợ")
        verbose_name_plural = _("hàng hỗ trợ")
        ordering = ["household", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="%(app_label)s_%(class)s_quantity_positive",
                violation_error_message=_("Số lượng phải lớn hơn 0."),
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0, value__gte=0),
                name="%(app_label)s_%(class)s_price_not_negative",
                violation_error_message=_("Đơn giá không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.quantity} {self.unit_of_measure})"

    def save(self, *args, **kwargs):
        self.value = line_value(self.quantity, self.unit_price)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.household.get_absolute_url()


class HouseholdCheck(models.Model):
    """A follow-up check of a household by the commune's team: did it keep its commitment?"""

    household = models.ForeignKey(
        Beneficiary, verbose_name=_("hộ hưởng lợi"), on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField(_("ngày kiểm tra"))
    checker = models.CharField(_("người kiểm tra"), max_length=200)
    result = models.CharField(_("kết quả"), max_length=8, choices=Beneficiary.Result.choices)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = "household__handover__commune__path"  # the path of the row's unit, for visible_to
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lần kiểm tra hộ")
        verbose_name_plural = _("kiểm tra hộ hưởng lợi")
        ordering = ["-checked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(result="vi_pham") | ~Q(notes=""),
                name="%(app_label)s_%(class)s_breach_has_notes",
                violation_error_message=_("Kiểm tra phát hiện vi phạm phải ghi rõ nội dung vi phạm."),
            ),
        ]

    def __str__(self):
        return f"{self.household}: {self.get_result_display()} ({self.checked_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.household.get_absolute_url()
