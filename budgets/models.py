from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Category, LegalDocument, Phase, Unit, Village
from p135portal.access import ScopedQuerySet
from p135portal.fields import MoneyField


def _number(value: Decimal) -> str:
    """12.50 → "12,5"; 30.00 → "30" (Vietnamese decimal comma, no trailing zeros)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Component(models.TextChoices):
    INFRASTRUCTURE = "ha_tang", _("Đầu tư cơ sở hạ tầng")
    PRODUCTION = "san_xuat", _("Hỗ trợ phát triển sản xuất")
    CAPACITY = "nang_luc", _("Nâng cao năng lực")
    MONITORING = "giam_sat", _("Kiểm tra, giám sát, đánh giá")


class Source(models.TextChoices):
    CENTRAL = "trung_uong", _("Ngân sách trung ương")
    LOCAL = "dia_phuong", _("Ngân sách địa phương")
    INTEGRATED = "long_ghep", _("Lồng ghép các chương trình")


class Fund(models.Model):
    """An amount of a year's funds for one component from one source, by a decision."""

    year = models.PositiveSmallIntegerField(_("năm"))
    component = models.CharField(_("nội dung"), max_length=10, choices=Component.choices)
    source = models.CharField(_("nguồn vốn"), max_length=12, choices=Source.choices)
    amount = MoneyField(_("số tiền (đồng)"), validators=[MinValueValidator(0, _("Số tiền không được âm."))])
    document = models.ForeignKey(
        LegalDocument, verbose_name=_("theo văn bản"), on_delete=models.PROTECT, related_name="funds"
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nguồn vốn được giao")
        verbose_name_plural = _("nguồn vốn được giao")
        ordering = ["-year", "component", "source"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budgets_fund_amount_not_negative",
                violation_error_message=_("Số tiền không được âm."),
            ),
            models.UniqueConstraint(
                fields=["year", "component", "source", "document"],
                name="budgets_fund_unique_per_decision",
                violation_error_message=_("Văn bản này đã giao vốn cho nội dung và nguồn này trong năm."),
            ),
        ]

    def __str__(self):
        return f"{self.get_component_display()} {self.year} – {self.get_source_display()}"

    def get_absolute_url(self):
        return reverse("budgets:fund_list") + f"?year={self.year}"


class Allocation(models.Model):
    """A pool shared among designated communes (and villages) by their coefficient K.

    It keeps every input (pool, rounding unit, bounds, and each unit's coefficient on its
    share row), so it can be recomputed to the same figures at any time.
    """

    class Rounding(models.IntegerChoices):
        DONG = 1, _("1 đồng")
        THOUSAND = 1_000, _("1.000 đồng")
        MILLION = 1_000_000, _("1.000.000 đồng")

    year = models.PositiveSmallIntegerField(_("năm"))
    component = models.CharField(_("nội dung"), max_length=10, choices=Component.choices)
    phase = models.ForeignKey(Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="allocations")
    category = models.CharField(_("diện được phân bổ"), max_length=12, choices=Category.choices)
    title = models.CharField(_("tên phương án"), max_length=300)
    pool = MoneyField(_("tổng số vốn phân bổ (đồng)"))
    rounding = models.PositiveIntegerField(_("làm tròn đến"), choices=Rounding.choices, default=Rounding.THOUSAND)
    floor = MoneyField(_("mức tối thiểu mỗi đơn vị (đồng)"), null=True, blank=True)
    ceiling = MoneyField(_("mức tối đa mỗi đơn vị (đồng)"), null=True, blank=True)
    village_fraction = models.DecimalField(
        _("hệ số của thôn so với xã"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("quyết định phân bổ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
    )
    created_by = models.ForeignKey("p135portal.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phương án phân bổ")
        verbose_name_plural = _("phương án phân bổ")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pool__gte=0),
                name="budgets_allocation_pool_not_negative",
                violation_error_message=_("Tổng số vốn không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(floor__isnull=True) | Q(ceiling__isnull=True) | Q(floor__lte=F("ceiling")),
                name="budgets_allocation_floor_below_ceiling",
                violation_error_message=_("Mức tối thiểu phải không lớn hơn mức tối đa."),
            ),
            models.CheckConstraint(
                condition=Q(village_fraction__gt=0, village_fraction__lte=1),
                name="budgets_allocation_village_fraction",
                violation_error_message=_("Hệ số của thôn phải lớn hơn 0 và không quá 1."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("budgets:allocation_detail", args=[self.pk])


def share_key(unit: Unit, village: Village | None) -> str:
    """The key the allocation algorithm breaks ties by: the commune code, then the village
    (its id zero-padded, so "06184/0000000002" sorts before "06184/0000000012")."""
    return f"{unit.code}/{village.pk:010d}" if village else unit.code


class Share(models.Model):
    """One commune's (or village's) part of an allocation, with the coefficient it was given."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="shares")
    village = models.ForeignKey(
        Village, verbose_name=_("thôn"), on_delete=models.PROTECT, null=True, blank=True, related_name="shares"
    )
    coefficient = models.DecimalField(_("hệ số K"), max_digits=9, decimal_places=4)
    amount = MoneyField(_("số vốn phân bổ (đồng)"))
    bound = models.CharField(_("điều chỉnh"), max_length=7, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("phần vốn của đơn vị")
        verbose_name_plural = _("phần vốn của đơn vị")
        ordering = ["unit__code", "village__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "unit", "village"],
                nulls_distinct=False,
                name="budgets_share_unique_unit",
                violation_error_message=_("Đơn vị này đã có trong phương án."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budgets_share_amount_not_negative",
                violation_error_message=_("Số vốn không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.village or self.unit}: {self.amount}"

    @property
    def key(self) -> str:
        return share_key(self.unit, self.village)


class Execution(models.Model):
    """Money recorded against a share: disbursed, paid, or settled, on a date."""

    class Kind(models.TextChoices):
        DISBURSEMENT = "giai_ngan", _("Giải ngân")
        PAYMENT = "thanh_toan", _("Thanh toán")
        SETTLEMENT = "quyet_toan", _("Quyết toán")

    share = models.ForeignKey(Share, on_delete=models.PROTECT, related_name="executions")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("ngày"))
    amount = MoneyField(_("số tiền (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    recorded_by = models.ForeignKey("p135portal.User", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = "share__unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("thực hiện vốn")
        verbose_name_plural = _("thực hiện vốn")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budgets_execution_amount_positive",
                violation_error_message=_("Số tiền phải lớn hơn 0."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} ({self.on:%d/%m/%Y})"


class Scheme(models.Model):
    """The province's rules for the coefficient K of a year: a base plus points by criteria."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    base = models.DecimalField(_("điểm cơ sở"), max_digits=6, decimal_places=3, default=Decimal("1.000"))
    document = models.ForeignKey(
        LegalDocument,
        verbose_name=_("theo văn bản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cách tính hệ số K")
        verbose_name_plural = _("cách tính hệ số K")
        ordering = ["-year"]

    def __str__(self):
        return _("Cách tính hệ số K năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("budgets:scheme_detail", args=[self.pk])


class Criterion(models.Model):
    """One band of one criterion: a unit whose value falls in [lower, upper) earns `points`."""

    class Measure(models.TextChoices):
        POVERTY_RATE = "poverty_rate", _("Tỷ lệ hộ nghèo (%)")
        POPULATION = "population", _("Số nhân khẩu")
        MINORITY_SHARE = "minority_share", _("Tỷ lệ hộ dân tộc thiểu số (%)")
        CATEGORY = "category", _("Diện của đơn vị")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="criteria")
    measure = models.CharField(_("tiêu chí"), max_length=15, choices=Measure.choices)
    lower = models.DecimalField(_("từ (≥)"), max_digits=12, decimal_places=2, null=True, blank=True)
    upper = models.DecimalField(_("đến (<)"), max_digits=12, decimal_places=2, null=True, blank=True)
    category = models.CharField(_("diện"), max_length=12, choices=Category.choices, blank=True)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=3)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["measure", "lower", "category"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure="category") & ~Q(category=""))
                | (~Q(measure="category") & Q(category="") & (Q(lower__isnull=False) | Q(upper__isnull=False))),
                name="budgets_criterion_band_or_category",
                violation_error_message=_("Tiêu chí “diện” cần chọn diện; các tiêu chí khác cần khoảng giá trị."),
            ),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lt=F("upper")),
                name="budgets_criterion_band_in_order",
                violation_error_message=_("Giá trị “từ” phải nhỏ hơn giá trị “đến”."),
            ),
        ]

    def __str__(self):
        if self.measure == self.Measure.CATEGORY:
            return str(Category(self.category).label)
        low = "" if self.lower is None else f"từ {_number(self.lower)}"
        high = "" if self.upper is None else f"dưới {_number(self.upper)}"
        return f"{self.get_measure_display()} {low} {high}".strip()

    def matches(self, value) -> bool:
        return (self.lower is None or value >= self.lower) and (self.upper is None or value < self.upper)
