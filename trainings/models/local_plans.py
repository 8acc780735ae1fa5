"""Models of local plans: a unit's share of the annual budget and its own classes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Unit
from p135portal.access import ScopedQuerySet
from p135portal.fields import MoneyField
from p135portal.review import Reviewed
from trainings.models.plans import AnnualPlan


class LocalBudget(models.Model):
    """The share of the year's capacity-building budget the annual plan gives one local unit
    (a district before 2025, a commune after): the ceiling of that unit's local plan."""

    plan = models.ForeignKey(AnnualPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="budgets")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="training_budgets")
    amount = MoneyField(_("kinh phí phân bổ (đồng)"))

    objects = ScopedQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kinh phí phân bổ cho địa phương")
        verbose_name_plural = _("phân bổ kinh phí cho các địa phương")
        ordering = ["unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit"],
                name="%(app_label)s_%(class)s_once_per_unit",
                violation_error_message=_("Đơn vị này đã có mức phân bổ trong kế hoạch."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
                violation_error_message=_("Kinh phí không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.unit}: {self.amount}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class LocalPlan(Reviewed):
    """A local unit's classes for the year under the province's annual plan (kế hoạch của huyện/xã).

    The unit's officer enters and submits it; the province office approves it (then it is
    locked) or returns it with a comment, which the officer sees on their home page.
    """

    accept_label = _("Duyệt")
    status_labels = {Reviewed.Status.SENT: _("Đã gửi, chờ duyệt"), Reviewed.Status.ACCEPTED: _("Đã duyệt")}
    locks = _(
        "Sau khi duyệt, đơn vị không thêm, sửa, xóa lớp của kế hoạch được nữa; muốn sửa, tỉnh mở lại kế hoạch"
        " và ghi lý do."
    )

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("kế hoạch của tỉnh"), on_delete=models.CASCADE, related_name="local_plans"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="training_plans")

    objects = ScopedQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch của địa phương")
        verbose_name_plural = _("kế hoạch của các địa phương")
        ordering = ["plan", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit"],
                name="%(app_label)s_%(class)s_once_per_unit",
                violation_error_message=_("Đơn vị này đã có kế hoạch trong năm."),
            ),
            models.CheckConstraint(
                condition=~Q(status="tra_lai") | ~Q(comment=""),
                name="%(app_label)s_%(class)s_returned_has_comment",
                violation_error_message=_("Trả lại kế hoạch phải kèm ý kiến."),
            ),
        ]

    def __str__(self):
        return _("Kế hoạch năm %(year)s của %(unit)s") % {"year": self.plan.year, "unit": self.unit}

    def get_absolute_url(self):
        return reverse("trainings:local_plan_detail", args=[self.pk])
