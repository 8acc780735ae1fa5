"""The province's ethnic-affairs office as it was named over time: Ban Dân tộc tỉnh until the
province's reorganisation of 2025, Sở Dân tộc và Tôn giáo after it (the date differs by province:
each entry is data, kept like units with its validity dates). A document prints the office valid
on its own date."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models.programme import LegalDocument


class EthnicAffairsOffice(models.Model):
    name = models.CharField(_("tên cơ quan"), max_length=200, help_text=_("Ví dụ: Sở Dân tộc và Tôn giáo"))
    symbol = models.CharField(
        _("chữ viết tắt trong số, ký hiệu"), max_length=20, help_text=_("Ví dụ: SDTTG trong “15/BC-SDTTG”")
    )
    head_title = models.CharField(
        _("chức danh người đứng đầu"), max_length=50, default="Trưởng ban", help_text=_("Trưởng ban, Giám đốc")
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    basis = models.ForeignKey(
        LegalDocument,
        verbose_name=_("quyết định thành lập, tổ chức lại"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan công tác dân tộc của tỉnh")
        verbose_name_plural = _("cơ quan công tác dân tộc của tỉnh qua các thời kỳ")
        ordering = [models.F("valid_from").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="communes_office_valid_in_order",
                violation_error_message=_("Ngày hết hiệu lực không được trước ngày có hiệu lực."),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def on(cls, day: date | None = None) -> "EthnicAffairsOffice":
        """The office valid on `day` (today by default); Ban Dân tộc when none is recorded."""
        day = day or timezone.localdate()
        valid = Q(valid_from__isnull=True) | Q(valid_from__lte=day)
        valid &= Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        return cls.objects.filter(valid).order_by(models.F("valid_from").desc(nulls_last=True)).first() or cls(
            name="Ban Dân tộc", symbol="BDT", head_title="Trưởng ban"
        )

    @property
    def head(self) -> str:
        """ "TRƯỞNG BAN", "GIÁM ĐỐC": how the head signs."""
        return self.head_title.upper()
