"""Periodic reports (báo cáo định kỳ): the year's schedule, its periods and each unit's submission."""

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import REFORM_LAST_OLD_DAY, Unit
from p135portal.access import Perm, ScopedQuerySet
from p135portal.fields import CountField, MoneyField
from p135portal.review import Reviewed
from p135portal.storage import GeneratedName


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


class PeriodKind(models.TextChoices):
    THREE_MONTHS = "3_thang", _("3 tháng")
    SIX_MONTHS = "6_thang", _("6 tháng")
    NINE_MONTHS = "9_thang", _("9 tháng")
    YEAR = "ca_nam", _("Cả năm")


def _all_kinds() -> list[str]:
    return list(PeriodKind.values)


def _day_month(text: str) -> tuple[int, int] | None:
    """(day, month) of a "day/month" text such as "25/1", or None when it is not one (29/2 is not:
    it does not come every year)."""
    try:
        day, month = (int(part) for part in str(text).split("/"))
        date(2001, month, day)
    except ValueError:
        return None
    return day, month


class ReportingRegime(models.Model):
    """The reporting regime in force for a time, as its legal basis sets it: which level of unit
    reports (districts until 30/6/2025, communes after), which periods, and the due-date rule (a
    day of the month so many months after the period ends: the 15th of the next month by default).
    A year's schedule and the board of who has not reported follow the regime in force on each
    period's last day. Kept as data: staff adjust it in the admin when a new basis changes it."""

    class Level(models.TextChoices):
        DISTRICT = "district", _("UBND cấp huyện")
        COMMUNE = "commune", _("UBND cấp xã")

    name = models.CharField(_("tên"), max_length=200)
    basis = models.ForeignKey(
        "communes.LegalDocument",
        verbose_name=_("căn cứ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    level = models.CharField(_("đơn vị báo cáo"), max_length=10, choices=Level.choices)
    kinds = models.JSONField(_("các kỳ báo cáo"), default=_all_kinds)
    due_months = models.PositiveSmallIntegerField(_("hạn nộp: số tháng sau kỳ"), default=1)
    due_day = models.PositiveSmallIntegerField(_("hạn nộp: ngày trong tháng"), default=15)
    fixed_due = models.JSONField(
        _("hạn nộp cố định theo kỳ"),
        default=dict,
        blank=True,
        help_text=_('Kỳ nào có hạn theo ngày cố định thì ghi ngày/tháng, ví dụ {"9_thang": "10/9", "ca_nam": "25/1"}.'),
    )
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_until = models.DateField(_("áp dụng đến"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chế độ báo cáo định kỳ")
        verbose_name_plural = _("chế độ báo cáo định kỳ")
        ordering = [F("valid_from").asc(nulls_first=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_day__gte=1, due_day__lte=28, due_months__lte=12),
                name="%(app_label)s_%(class)s_due_rule_in_range",
                violation_error_message=_("Hạn nộp: ngày từ 1 đến 28, tối đa 12 tháng sau kỳ."),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def on(cls, day: date, regimes: list["ReportingRegime"] | None = None) -> "ReportingRegime":
        """The regime in force on `day`, among `regimes` when the caller read them all once (the board
        asks for many days); without one recorded, the rule the portal has always used (districts
        until the 2025 reform, communes after; the 15th of the next month)."""
        regimes = list(cls.objects.all()) if regimes is None else regimes
        valid = [
            regime
            for regime in regimes
            if (regime.valid_from is None or regime.valid_from <= day)
            and (regime.valid_until is None or regime.valid_until >= day)
        ]
        if valid:
            return max(valid, key=lambda regime: regime.valid_from or date.min)
        level = cls.Level.DISTRICT if day <= REFORM_LAST_OLD_DAY else cls.Level.COMMUNE
        return cls(name="", level=level)

    def clean(self):
        for kind, day_month in (self.fixed_due or {}).items():
            if kind not in PeriodKind.values or _day_month(day_month) is None:
                raise ValidationError(
                    {"fixed_due": _('Hạn cố định phải ghi theo kỳ và ngày/tháng, ví dụ {"ca_nam": "25/1"}.')}
                )

    def due_after(self, end: date, kind: str = "") -> date:
        """The due date of a period of `kind` ending on `end` under this regime: its fixed day and
        month when the basis sets one (the first such day after the period ends), otherwise the
        day of the month so many months after."""
        fixed = _day_month((self.fixed_due or {}).get(kind, ""))
        if fixed:
            day, month = fixed
            due = date(end.year, month, day)
            return due if due > end else date(end.year + 1, month, day)
        month = end.month + self.due_months
        return date(end.year + (month - 1) // 12, (month - 1) % 12 + 1, self.due_day)


class ReportPeriod(models.Model):
    """One reporting period of a year: from 1 January to the end of its last month."""

    Kind = PeriodKind

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
        """The due date the regime in force on the period's last day sets (the 15th of the next month
        unless a regime says otherwise)."""
        end = cls.period_end(year, kind)
        return ReportingRegime.on(end).due_after(end, kind)


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
    file = models.FileField(_("tệp"), upload_to=GeneratedName("bao-cao-dinh-ky"))
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
