"""Inspections (kiểm tra, giám sát): plans of a year, their rounds, the checklist of each round,
and the remediation items (khắc phục) followed up until closed."""

from datetime import date

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import LegalDocument, Unit
from p135portal.access import ScopedQuerySet, scope_path, sees_whole_province


class Area(models.TextChoices):
    """The five things an inspection checks (Thông tư 10/2022/TT-BLĐTBXH, as the Hà Tĩnh plan lists them)."""

    DOCUMENTS = "van_ban", _("Văn bản ban hành; truyền thông, tập huấn hướng dẫn thực hiện Chương trình")
    PROGRESS = "tien_do", _("Tiến độ, kết quả thực hiện mục tiêu, nhiệm vụ")
    CAPITAL = "von", _("Kế hoạch vốn và sử dụng vốn (giải ngân, thanh toán, quyết toán)")
    COMPLIANCE = "chap_hanh", _("Chấp hành các quy định về quản lý Chương trình")
    REPORTING = "bao_cao", _("Chế độ thông tin, báo cáo")


class Method(models.TextChoices):
    FILES = "ho_so", _("Thu thập hồ sơ, tài liệu")
    FIELD = "thuc_dia", _("Khảo sát, kiểm tra thực tế")
    LEADERS = "lanh_dao_xa", _("Tham vấn lãnh đạo cấp ủy, HĐND, UBND, UB MTTQ cấp xã")
    VILLAGES = "truong_thon", _("Tham vấn trưởng thôn, tổ trưởng tổ dân phố")
    BENEFICIARIES = "thu_huong", _("Tham vấn đối tượng thụ hưởng")


class InspectionPlanQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Province-wide roles: every plan. An officer: the plans of their district, and those with
        a round that inspected their unit or a unit under it."""
        path = scope_path(user)
        if path == "/":
            return self
        if path is None:
            return self.none()
        return self.filter(
            Q(unit__path__startswith=path)
            | Exists(InspectionRound.objects.filter(plan=OuterRef("pk")).visible_to(user))
        )


class InspectionPlan(models.Model):
    """The inspection plan of a year (kế hoạch kiểm tra, giám sát), of the province or of one district."""

    class Level(models.TextChoices):
        PROVINCE = "tinh", _("Cấp tỉnh")
        DISTRICT = "huyen", _("Cấp huyện")

    class Kind(models.TextChoices):
        PERIODIC = "dinh_ky", _("Định kỳ")
        AD_HOC = "dot_xuat", _("Đột xuất")

    year = models.PositiveSmallIntegerField(_("năm"))
    level = models.CharField(_("cấp"), max_length=5, choices=Level.choices, default=Level.PROVINCE)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("huyện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_plans",
        limit_choices_to={"level": Unit.Level.DISTRICT},
        help_text=_("Chỉ với kế hoạch cấp huyện: huyện tổ chức kiểm tra."),
    )
    kind = models.CharField(_("hình thức"), max_length=8, choices=Kind.choices, default=Kind.PERIODIC)
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)

    history = HistoricalRecords()
    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-year", "level", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="tinh", unit__isnull=True) | Q(level="huyen", unit__isnull=False),
                name="%(app_label)s_%(class)s_district_plan_has_district",
                violation_error_message=_("Kế hoạch cấp huyện phải chọn huyện; kế hoạch cấp tỉnh không chọn huyện."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="%(app_label)s_%(class)s_year_plausible",
                violation_error_message=_("Năm kế hoạch phải từ 2000 đến 2100."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:inspection_plan_detail", args=[self.pk])


class InspectionRoundQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Province-wide roles: every round. An officer: the rounds that inspected their unit or a unit
        under it, and those that gave their unit (or one under it) something to remedy: a commune
        officer follows up an item of a round that inspected the whole district."""
        if sees_whole_province(user):
            return self
        path = scope_path(user)
        if path is None:
            return self.none()
        inspected = Unit.objects.filter(inspection_rounds=OuterRef("pk"), path__startswith=path)
        assigned = Remediation.objects.filter(round=OuterRef("pk"), unit__path__startswith=path)
        return self.filter(Exists(inspected) | Exists(assigned))


class InspectionRound(models.Model):
    """A round (đợt) of an inspection plan: its dates, team, inspected units, methods, the
    checklist of the five areas (ChecklistResult), findings, recommendations, and the data of
    its printed report (BÁO CÁO kết quả kiểm tra)."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="rounds"
    )
    name = models.CharField(_("tên đợt"), max_length=200, help_text=_("Ví dụ: Đợt 1"))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    team = models.TextField(
        _("đoàn kiểm tra"),
        blank=True,
        help_text=_("Mỗi dòng một thành viên: Họ tên, chức vụ (ví dụ: Nguyễn Văn A, Phó Trưởng ban - Trưởng đoàn)."),
    )
    units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị được kiểm tra"), related_name="inspection_rounds", blank=True
    )
    methods = ArrayField(
        models.CharField(max_length=12, choices=Method.choices),
        verbose_name=_("phương pháp"),
        default=list,
        blank=True,
    )
    methods_other = models.CharField(_("phương pháp khác"), max_length=300, blank=True)
    findings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    recommendations = models.TextField(_("kiến nghị"), blank=True)
    bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ"), related_name="inspection_rounds", blank=True
    )
    report_number = models.CharField(_("số báo cáo"), max_length=50, blank=True)
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)

    history = HistoricalRecords()
    objects = InspectionRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.plan}"

    def get_absolute_url(self):
        return reverse("monitoring:inspection_round_detail", args=[self.pk])

    @property
    def team_members(self) -> list[tuple[str, str]]:
        """The team as (name, position) pairs, one per non-empty line."""
        members = []
        for line in self.team.splitlines():
            name, _sep, position = line.partition(",")
            if name.strip():
                members.append((name.strip(), position.strip()))
        return members

    def method_labels(self) -> list[str]:
        labels = [str(Method(code).label) for code in Method.values if code in self.methods]
        if self.methods_other:
            labels.append(self.methods_other)
        return labels


class ChecklistResult(models.Model):
    """The result of one of the five areas in a round: đạt / chưa đạt / không kiểm tra, with notes."""

    class Result(models.TextChoices):
        PASSED = "dat", _("Đạt")
        FAILED = "chua_dat", _("Chưa đạt")
        NOT_CHECKED = "khong", _("Không kiểm tra")

    round = models.ForeignKey(
        InspectionRound, verbose_name=_("đợt kiểm tra"), on_delete=models.CASCADE, related_name="checklist"
    )
    area = models.CharField(_("nội dung kiểm tra"), max_length=10, choices=Area.choices)
    result = models.CharField(_("kết quả"), max_length=8, choices=Result.choices, default=Result.NOT_CHECKED)
    note = models.TextField(_("nhận xét"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "area"],
                name="%(app_label)s_%(class)s_one_per_area",
                violation_error_message=_("Đợt kiểm tra này đã có kết quả của nội dung này."),
            ),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.get_result_display()}"

    def get_absolute_url(self):
        return self.round.get_absolute_url()


class RemediationQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(status=Remediation.Status.DONE)

    def overdue(self, today: date):
        """Not closed and past the deadline: an item due today is not overdue yet."""
        return self.open().filter(deadline__lt=today)

    def counts(self, today: date) -> dict[str, int]:
        """How many are open and how many overdue on `today` (one query)."""
        done = Q(status=Remediation.Status.DONE)
        return self.aggregate(
            open=Count("pk", filter=~done),
            overdue=Count("pk", filter=~done & Q(deadline__lt=today)),
        )


class Remediation(models.Model):
    """A shortcoming the round asks a unit to remedy (khắc phục) by a deadline; followed up until closed."""

    class Status(models.TextChoices):
        TODO = "chua", _("Chưa thực hiện")
        DOING = "dang", _("Đang thực hiện")
        DONE = "xong", _("Đã hoàn thành")

    round = models.ForeignKey(
        InspectionRound, verbose_name=_("đợt kiểm tra"), on_delete=models.PROTECT, related_name="remediations"
    )
    content = models.TextField(_("nội dung khắc phục"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="remediations"
    )
    deadline = models.DateField(_("thời hạn"))
    status = models.CharField(_("trạng thái"), max_length=4, choices=Status.choices, default=Status.TODO)
    progress_note = models.TextField(_("ghi chú tiến độ"), blank=True)
    closed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RemediationQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("việc khắc phục")
        verbose_name_plural = _("việc khắc phục sau kiểm tra")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="xong", closed_on__isnull=False) | (~Q(status="xong") & Q(closed_on__isnull=True)),
                name="%(app_label)s_%(class)s_closed_has_date",
                violation_error_message=_(
                    "Việc đã hoàn thành phải có ngày hoàn thành, và chỉ việc đã hoàn thành mới có."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="monitoring_remediation_due")]

    def __str__(self):
        return self.content[:80]

    def get_absolute_url(self):
        return reverse("monitoring:remediation_detail", args=[self.pk])

    def is_overdue(self, today: date) -> bool:
        return self.status != self.Status.DONE and self.deadline < today
