from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import LegalDocument, Phase


class Rules(models.Model):
    """The capacity-building rules of a phase, tied to their legal basis.

    Every check of plans and classes reads the rules of the plan's phase, never a constant
    in code; the defaults are those of the Lạng Sơn plan 82/KH-UBND.
    """

    phase = models.OneToOneField(
        Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="training_rules"
    )
    legal_basis = models.ForeignKey(
        LegalDocument, verbose_name=_("căn cứ"), on_delete=models.PROTECT, related_name="training_rules"
    )
    max_days_officials = models.PositiveSmallIntegerField(_("số ngày tối đa một lớp cán bộ cơ sở"), default=5)
    max_days_community = models.PositiveSmallIntegerField(_("số ngày tối đa một lớp cộng đồng"), default=4)
    max_study_tour_share = models.DecimalField(
        _("tỷ lệ tối đa kinh phí thăm quan, trao đổi kinh nghiệm (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy định nâng cao năng lực")
        verbose_name_plural = _("quy định nâng cao năng lực")
        ordering = ["phase__start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_days_officials__gte=1, max_days_community__gte=1),
                name="trainings_rules_days_positive",
                violation_error_message=_("Số ngày tối đa của một lớp phải từ 1 trở lên."),
            ),
            models.CheckConstraint(
                condition=Q(max_study_tour_share__gte=0, max_study_tour_share__lte=100),
                name="trainings_rules_share_is_percent",
                violation_error_message=_("Tỷ lệ kinh phí thăm quan phải từ 0 đến 100%%."),
            ),
        ]

    def __str__(self):
        return _("Quy định nâng cao năng lực giai đoạn %(phase)s") % {"phase": self.phase}

    def get_absolute_url(self):
        return reverse("trainings:rules_list")


class Topic(models.Model):
    """An entry of the training framework (khung chương trình) that staff maintain."""

    class Audience(models.TextChoices):
        OFFICIALS = "can_bo", _("Cán bộ cơ sở")
        COMMUNITY = "cong_dong", _("Cộng đồng")
        BOTH = "ca_hai", _("Cán bộ cơ sở và cộng đồng")

    name = models.CharField(_("nội dung"), max_length=300, unique=True)
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices, default=Audience.BOTH)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung đào tạo")
        verbose_name_plural = _("khung nội dung đào tạo")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trainings:topic_list")
