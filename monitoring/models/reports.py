"""Periodic reports (báo cáo định kỳ): the year's schedule, its periods and each unit's submission."""

import calendar
from datetime import date

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Unit
from p135portal.access import Perm, ScopedQuerySet
from p135portal.fields import CountField, MoneyField
from p135portal.review import Reviewed


class ReportSchedule(models.Model):
    """The periodic-report schedule of one year: its periods (3, 6, 9 months and the whole year)
    are created with it, each with a due date the province office may change."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    created_by = models.ForeignKey("p135portal.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lịch báo cáo định kỳ")
        verbose_name_plural = _("lịch báo cáo định kỳ")
        ordering = ["-year"]

    def __str__(self):
        return _("Lịch báo cáo định kỳ năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("monitoring:report_board") + f"?nam={self.year}"


class ReportPeriod(models.Model):
    """One reporting period of a year: from 1 January to the end of its last month."""

    class Kind(models.TextChoices):
        THREE_MONTHS = "3_thang", _("3 tháng")
        SIX_MONTHS = "6_thang", _("6 tháng")
        NINE_MONTHS = "9_thang", _("9 tháng")
        YEAR = "ca_nam", _("Cả năm")

    MONTHS = {Kind.THREE_MONTHS: 3, Kind.SIX_MONTHS: 6, Kind.NINE_MONTHS: 9, Kind.YEAR: 12}

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kỳ báo cáo"), max_length=8, choices=Kind.choices)
    ends_on = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn nộp"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["schedule", "ends_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "kind"],
                name="%(app_label)s_%(class)s_unique_kind",
                violation_error_message=_("Lịch báo cáo của năm này đã có kỳ này."),
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("ends_on")),
                name="%(app_label)s_%(class)s_due_after_end",
                violation_error_message=_("Hạn nộp không được trước ngày cuối của kỳ báo cáo."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.YEAR:
            return _("Báo cáo năm %(year)s") % {"year": self.year}
        return _("Báo cáo %(kind)s năm %(year)s") % {"kind": self.get_kind_display(), "year": self.year}

    @property
    def year(self) -> int:
        return self.ends_on.year

    @property
    def months(self) -> int:
        return self.MONTHS[self.Kind(self.kind)]

    @property
    def opens_on(self) -> date:
        """Reports may be sent from the first day of the period's last month."""
        return self.ends_on.replace(day=1)

    @classmethod
    def period_end(cls, year: int, kind: str) -> date:
        month = cls.MONTHS[cls.Kind(kind)]
        return date(year, month, calendar.monthrange(year, month)[1])

    @classmethod
    def default_due(cls, year: int, kind: str) -> date:
        """The 15th of the month after the period ends."""
        end = cls.period_end(year, kind)
        return date(end.year + 1, 1, 15) if end.month == 12 else date(end.year, end.month + 1, 15)


class PeriodicReport(Reviewed):
    """A unit's report for a period: the figures its officer confirmed, a narrative, files.

    Only what was sent is stored: submitted, accepted or returned with the office's comment.
    Whether a unit that has sent nothing is not yet due, due soon or late is computed from
    the period's due date and the day it is asked (selectors.reports.cell_status).
    """

    review_perm = Perm.MANAGE_MONITORING
    locks = _("Sau khi chấp nhận, đơn vị không nộp lại báo cáo được nữa; muốn sửa, tỉnh mở lại báo cáo và ghi lý do.")

    period = models.ForeignKey(
        ReportPeriod, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="reports"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="periodic_reports")
    disbursed = MoneyField(_("vốn đã giải ngân lũy kế (đồng)"), default=0)
    paid = MoneyField(_("vốn đã thanh toán lũy kế (đồng)"), default=0)
    classes = CountField(_("số lớp tập huấn đã tổ chức"), default=0)
    trainees = CountField(_("số lượt học viên"), default=0)
    poor_households_out = CountField(_("số hộ thoát nghèo"), default=0)
    narrative = models.TextField(_("nội dung báo cáo"))
    late = models.BooleanField(_("nộp muộn"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["period__ends_on", "unit__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="%(app_label)s_%(class)s_one_per_unit",
                violation_error_message=_("Đơn vị này đã có báo cáo của kỳ này."),
            ),
            models.CheckConstraint(
                condition=Q(disbursed__gte=0, paid__gte=0),
                name="%(app_label)s_%(class)s_money_not_negative",
                violation_error_message=_("Số vốn không được âm."),
            ),
            models.CheckConstraint(
                condition=~Q(status="tra_lai") | ~Q(comment=""),
                name="%(app_label)s_%(class)s_return_has_comment",
                violation_error_message=_("Báo cáo bị trả lại phải có ý kiến của Ban Dân tộc."),
            ),
        ]

    def __str__(self):
        return f"{self.period} – {self.unit}"

    def get_absolute_url(self):
        return reverse("monitoring:report_detail", args=[self.pk])


class ReportAttachment(models.Model):
    """A file sent with a periodic report (PDF, Excel or Word), served only to who may see the report."""

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="bao-cao-dinh-ky/%Y/")
    name = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey("p135portal.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = "report__unit__path"  # the path of the row's unit, for visible_to
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("monitoring:report_attachment", args=[self.pk])
