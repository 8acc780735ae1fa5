"""Evaluations (đánh giá đầu kỳ, giữa kỳ, cuối kỳ, hằng năm) of a programme phase, with their indicators."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Phase


class Evaluation(models.Model):
    """An evaluation of a phase of the programme: its indicators, its conclusions, its printed BÁO CÁO.

    There is one baseline, one mid-term and one final evaluation per phase, and one annual
    evaluation per year of the phase; the database enforces it.
    """

    class Kind(models.TextChoices):
        BASELINE = "dau_ky", _("Đánh giá đầu kỳ")
        MID_TERM = "giua_ky", _("Đánh giá giữa kỳ")
        FINAL = "cuoi_ky", _("Đánh giá cuối kỳ")
        ANNUAL = "hang_nam", _("Đánh giá hằng năm")

    phase = models.ForeignKey(Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="evaluations")
    kind = models.CharField(_("loại đánh giá"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        _("năm"), help_text=_("Năm được đánh giá (với đánh giá hằng năm) hoặc năm thực hiện đánh giá.")
    )
    title = models.CharField(_("trích yếu"), max_length=500)
    overview = models.TextField(_("khái quát tình hình thực hiện"), blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True)
    recommendations = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    report_number = models.CharField(_("số báo cáo"), max_length=50, blank=True)
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá chương trình")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "kind"],
                condition=~Q(kind="hang_nam"),
                name="%(app_label)s_%(class)s_one_per_phase",
                violation_error_message=_("Giai đoạn này đã có một đánh giá loại này."),
            ),
            models.UniqueConstraint(
                fields=["phase", "kind", "year"],
                condition=Q(kind="hang_nam"),
                name="%(app_label)s_%(class)s_one_annual_per_year",
                violation_error_message=_("Giai đoạn này đã có đánh giá hằng năm của năm này."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.ANNUAL:
            return f"{self.get_kind_display()} {self.year} ({self.phase})"
        return f"{self.get_kind_display()} giai đoạn {self.phase}"

    def get_absolute_url(self):
        return reverse("monitoring:evaluation_detail", args=[self.pk])


class Indicator(models.Model):
    """An indicator of an evaluation: baseline, target and result, and whether the target was
    reached when the indicator's direction is known (a poverty rate is better lower)."""

    class Direction(models.TextChoices):
        HIGHER = "cao", _("Càng cao càng tốt")
        LOWER = "thap", _("Càng thấp càng tốt")
        UNKNOWN = "khong", _("Không xác định")

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("đánh giá"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("chỉ tiêu"), max_length=300)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    baseline = models.DecimalField(_("giá trị đầu kỳ"), max_digits=16, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("mục tiêu"), max_digits=16, decimal_places=2, null=True, blank=True)
    result = models.DecimalField(_("kết quả"), max_digits=16, decimal_places=2, null=True, blank=True)
    direction = models.CharField(_("chiều đánh giá"), max_length=5, choices=Direction.choices, default=Direction.HIGHER)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["evaluation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("Đánh giá này đã có chỉ tiêu cùng tên."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.evaluation.get_absolute_url()

    @property
    def achieved(self) -> bool | None:
        """True (đạt), False (chưa đạt), or None when it cannot be told: no direction, target or result."""
        if self.direction == self.Direction.UNKNOWN or self.target is None or self.result is None:
            return None
        if self.direction == self.Direction.HIGHER:
            return self.result >= self.target
        return self.result <= self.target

    @property
    def achievement_label(self) -> str:
        return {True: "Đạt", False: "Chưa đạt", None: ""}[self.achieved]
