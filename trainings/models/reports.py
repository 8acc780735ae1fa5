"""The report of what a class actually was."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from p135portal.access import ScopedQuerySet
from p135portal.fields import CountField, MoneyField, SmallCountField
from p135portal.review import Reviewed
from p135portal.storage import GeneratedName
from trainings.models.plans import PlanClass


class ClassReport(Reviewed):
    """What a class actually was (báo cáo kết quả lớp): dates, participants with their breakdown,
    cost, trainers and evaluation, optionally with the attendance list whose counts must match.

    Written by the unit's officer (province staff for province classes), then accepted by the
    province office or returned with a comment; an accepted report is locked.
    """

    @property
    def is_editable(self) -> bool:
        """The unit may correct its report until the office accepts it (also while it waits)."""
        return not self.is_accepted

    locks = _("Sau khi chấp nhận, đơn vị không sửa báo cáo được nữa; muốn sửa, tỉnh mở lại báo cáo và ghi lý do.")

    plan_class = models.OneToOneField(PlanClass, verbose_name=_("lớp"), on_delete=models.PROTECT, related_name="report")
    start_date = models.DateField(_("ngày bắt đầu thực tế"))
    end_date = models.DateField(_("ngày kết thúc thực tế"))
    days = SmallCountField(_("số ngày thực tế"))
    participants = CountField(_("tổng số học viên"))
    women = CountField(_("nữ"), default=0)
    ethnic_minority = CountField(_("người DTTS"), default=0)
    very_small_minorities = CountField(_("người DTTS rất ít người"), default=0)
    young_cadres = CountField(_("cán bộ trẻ"), default=0)
    commune_officials = CountField(_("cán bộ cấp xã"), default=0)
    village_officials = CountField(_("cán bộ thôn, bản"), default=0)
    prestigious = CountField(_("người có uy tín"), default=0)
    residents = CountField(_("người dân, thành phần khác"), default=0)
    cost = MoneyField(_("kinh phí thực hiện (đồng)"))
    trainers = models.TextField(_("giảng viên, báo cáo viên"))
    evaluation = models.TextField(_("đánh giá kết quả"))
    attendance = models.FileField(_("danh sách học viên (Excel)"), upload_to=GeneratedName("diem-danh"), blank=True)

    objects = ScopedQuerySet.as_manager()
    # the path of the row's unit, for visible_to: a province class's report (with its attendance list)
    # has no unit, so a local officer never sees it
    scope = "plan_class__local_plan__unit__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kết quả lớp")
        verbose_name_plural = _("báo cáo kết quả các lớp")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=1),
                name="%(app_label)s_%(class)s_has_participants",
                violation_error_message=_("Lớp phải có ít nhất 1 học viên."),
            ),
            models.CheckConstraint(
                condition=Q(
                    women__lte=models.F("participants"),
                    ethnic_minority__lte=models.F("participants"),
                    young_cadres__lte=models.F("participants"),
                    very_small_minorities__lte=models.F("ethnic_minority"),
                ),
                name="%(app_label)s_%(class)s_parts_within_participants",
                violation_error_message=_(
                    "Số nữ, người DTTS, cán bộ trẻ không được vượt số học viên; người DTTS rất ít người không vượt"
                    " số người DTTS."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    participants=models.F("commune_officials")
                    + models.F("village_officials")
                    + models.F("prestigious")
                    + models.F("residents")
                ),
                name="%(app_label)s_%(class)s_roles_add_up",
                violation_error_message=_("Số học viên theo thành phần phải cộng lại bằng tổng số học viên."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="%(app_label)s_%(class)s_cost_not_negative",
                violation_error_message=_("Kinh phí không được âm."),
            ),
            models.CheckConstraint(
                condition=~Q(status="tra_lai") | ~Q(comment=""),
                name="%(app_label)s_%(class)s_returned_has_comment",
                violation_error_message=_("Trả lại báo cáo phải kèm ý kiến."),
            ),
        ]

    def __str__(self):
        return _("Báo cáo lớp %(class)s") % {"class": self.plan_class}

    def get_absolute_url(self):
        return reverse("trainings:report_detail", args=[self.pk])
