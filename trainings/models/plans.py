"""Models of the province's annual plan: its rules, topics, classes and study tours."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import LegalDocument, Phase
from p135portal.access import ScopedQuerySet, scope_path
from p135portal.fields import CountField, MoneyField, SmallCountField
from p135portal.models import AuthorsText


class Rules(models.Model):
    """The capacity-building rules of a phase, tied to their legal basis.

    Every check of plans and classes reads the rules of the plan's phase, never a constant
    in code; the defaults are those of the Lạng Sơn plan 82/KH-UBND.
    """

    class Source(models.TextChoices):
        NATIONAL = "trung_uong", _("Theo quy định của Trung ương")
        PROVINCE = "tinh", _("Theo kế hoạch của tỉnh")  # where no national figure is set for the phase

    phase = models.OneToOneField(
        Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="training_rules"
    )
    source = models.CharField(
        _("nguồn quy định"),
        max_length=10,
        choices=Source.choices,
        default=Source.PROVINCE,
        help_text=_("Khi Trung ương chưa quy định mức cho giai đoạn, mức áp dụng theo kế hoạch của tỉnh."),
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


class AnnualPlan(AuthorsText):
    """The province's capacity-building plan of one year (KẾ HOẠCH of UBND tỉnh).

    Drafted by the province office, submitted to the leaders, then approved: the signed
    number, date and signer are entered and the plan is locked. An approved plan changes only
    by reopening it (plan_reopen), which is recorded in its history with the reason.
    """

    class Status(models.TextChoices):
        DRAFT = "nhap", _("Dự thảo")
        SUBMITTED = "trinh", _("Đã trình lãnh đạo")
        APPROVED = "duyet", _("Đã phê duyệt")

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    phase = models.ForeignKey(Phase, verbose_name=_("giai đoạn"), on_delete=models.PROTECT, related_name="annual_plans")
    title = models.CharField(_("trích yếu"), max_length=500)
    bases = models.ManyToManyField(LegalDocument, verbose_name=_("căn cứ"), related_name="annual_plans", blank=True)
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    target_groups = models.TextField(_("đối tượng"), blank=True)
    content = models.TextField(_("nội dung đào tạo"), blank=True)
    forms = models.TextField(_("hình thức đào tạo"), blank=True)
    cost_norms = models.TextField(_("chế độ, định mức chi"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=5, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch năm")
        verbose_name_plural = _("kế hoạch năm")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="duyet") | (~Q(number="") & Q(signed_on__isnull=False) & ~Q(signer_name="")),
                name="trainings_annualplan_approved_is_signed",
                violation_error_message=_("Kế hoạch đã phê duyệt phải có số, ngày ký và người ký."),
            ),
        ]

    def __str__(self):
        return _("Kế hoạch nâng cao năng lực năm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("trainings:plan_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def ordered_bases(self) -> list[LegalDocument]:
        """The legal bases oldest first, as they are cited; reads a prefetch when there is one."""
        return sorted(self.bases.all(), key=lambda document: (document.issued_on, document.number))


class PlanClassQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Province classes are public to every reader; a local unit's classes to the province and
        that unit."""
        path = scope_path(user)
        if path == "/":
            return self
        if path is None:
            return self.none()
        return self.filter(Q(local_plan__isnull=True) | Q(local_plan__unit__path__startswith=path))


class PlanClass(models.Model):
    """A class of the year: of the province's annual plan (`local_plan` empty: a province-level
    class) or of a local unit's plan.

    Its length is capped by the phase's Rules for its audience; the services check that,
    the database checks what one row alone can tell.
    """

    class Audience(models.TextChoices):
        OFFICIALS = "can_bo", _("Cán bộ cơ sở")
        COMMUNITY = "cong_dong", _("Cộng đồng")

    class Level(models.TextChoices):
        PROVINCE = "tinh", _("Cấp tỉnh")
        DISTRICT = "huyen", _("Cấp huyện")
        COMMUNE = "xa", _("Cấp xã")

    plan = models.ForeignKey(AnnualPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="classes")
    local_plan = models.ForeignKey(
        "trainings.LocalPlan",
        verbose_name=_("kế hoạch của địa phương"),
        on_delete=models.CASCADE,
        related_name="classes",
        null=True,
        blank=True,
    )
    topic = models.ForeignKey(Topic, verbose_name=_("nội dung"), on_delete=models.PROTECT, related_name="plan_classes")
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices)
    level = models.CharField(_("cấp"), max_length=5, choices=Level.choices, default=Level.PROVINCE)
    place = models.CharField(_("địa điểm"), max_length=200)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    days = SmallCountField(_("số ngày"))
    participants = CountField(_("số học viên"))
    women = CountField(_("trong đó nữ"), default=0)
    ethnic_minority = CountField(_("trong đó người DTTS"), default=0)
    young_cadres = CountField(_("trong đó cán bộ trẻ"), default=0)
    cost = MoneyField(_("kinh phí dự kiến (đồng)"), default=0)

    objects = PlanClassQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("các lớp")
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
                ),
                name="%(app_label)s_%(class)s_parts_within_participants",
                violation_error_message=_("Số nữ, người DTTS, cán bộ trẻ không được vượt số học viên."),
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
        ]

    def __str__(self):
        return f"{self.topic} ({self.get_audience_display()}, {self.place})"

    def get_absolute_url(self):
        return (self.local_plan or self.plan).get_absolute_url()


class StudyTour(models.Model):
    """A study tour (thăm quan học tập, trao đổi kinh nghiệm) of the annual plan; their total
    cost is capped at a share of the year's capacity-building budget."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="study_tours"
    )
    destination = models.CharField(_("nơi đến"), max_length=200)
    inside_province = models.BooleanField(_("trong tỉnh"), default=False)
    start_date = models.DateField(_("ngày đi"))
    participants = CountField(_("số người"))
    cost = MoneyField(_("kinh phí (đồng)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chuyến thăm quan học tập")
        verbose_name_plural = _("thăm quan học tập, trao đổi kinh nghiệm")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=1),
                name="%(app_label)s_%(class)s_has_participants",
                violation_error_message=_("Chuyến thăm quan phải có ít nhất 1 người."),
            ),
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="%(app_label)s_%(class)s_cost_not_negative",
                violation_error_message=_("Kinh phí không được âm."),
            ),
        ]

    def __str__(self):
        return self.destination

    def get_absolute_url(self):
        return self.plan.get_absolute_url()
