"""Implementation plans (KẾ HOẠCH triển khai): tasks assigned to agencies and units, followed up until done."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import LegalDocument, Unit
from monitoring.models.task_times import deadline_from_text, month_end, quarter_end
from p135portal.access import ScopedQuerySet, scope_path, sees_whole_province
from p135portal.models import AuthorsText, User

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


class AgencyQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """The agencies that existed on `day` (and are still in use in the catalogue)."""
        started = Q(valid_from__isnull=True) | Q(valid_from__lte=day)
        return self.filter(started, Q(valid_until__isnull=True) | Q(valid_until__gte=day), active=True)


class Agency(models.Model):
    """A provincial agency tasks are assigned to or coordinate with (Sở Tài chính …), a catalogue the
    province staff keep. Agencies are kept like units: an agency merged or renamed keeps its row and
    name, with the day it ended and what it became, so that a plan of its time still prints it; a
    new plan offers only the agencies valid on its date."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Thứ tự in trong kế hoạch: số nhỏ in trước.")
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_until = models.DateField(_("hoạt động đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập, đổi thành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    objects = AgencyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("danh mục cơ quan")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("monitoring:agency_list")


class PlanQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Province-wide roles see every plan; a local officer the plans holding a task of their unit."""
        if sees_whole_province(user):
            return self
        tasks = Task.objects.visible_to(user)
        return self.filter(pk__in=tasks.values("plan_id"))


class ImplementationPlan(AuthorsText):
    """A KẾ HOẠCH triển khai of the province ("Kế hoạch thực hiện Chương trình 135 năm 2026"):
    its purpose and requirements, then tasks assigned to agencies and units. The number, date and
    signer are entered when the plan is issued; until then it prints as a draft."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="Ủy ban nhân dân tỉnh")
    bases = models.ManyToManyField(
        LegalDocument, verbose_name=_("căn cứ"), related_name="implementation_plans", blank=True
    )
    purpose = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=50, blank=True, help_text=_("Ví dụ: 45/KH-UBND"))
    signed_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True, default="Phó Chủ tịch")
    tasks_heading = models.CharField(_("tiêu đề phần nhiệm vụ"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch triển khai")
        verbose_name_plural = _("kế hoạch triển khai")
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(number="") & Q(signed_on__isnull=True)) | (~Q(number="") & Q(signed_on__isnull=False)),
                name="%(app_label)s_%(class)s_number_with_date",
                violation_error_message=_("Kế hoạch đã ban hành phải có cả số và ngày ban hành."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="%(app_label)s_%(class)s_year_range",
                violation_error_message=_("Năm của kế hoạch phải từ 2000 đến 2100."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:plan_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return bool(self.number and self.signed_on)

    def ordered_bases(self) -> list[LegalDocument]:
        return sorted(self.bases.all(), key=lambda document: (document.issued_on, document.number))


def unit_as_agency(unit: Unit) -> str:
    """ "Huyện Tràng Định" → "UBND huyện Tràng Định", as plans name a local people's committee."""
    return f"UBND {unit.name[:1].lower()}{unit.name[1:]}"


def period_deadline(kind: str, year: int | None, period: int | None, on: date | None) -> date | None:
    """The last day a task may be done: the date itself, the month's or the quarter's last day;
    None for a continuous task (thường xuyên) or incomplete input."""
    if kind == Task.TimeKind.DATE:
        return on
    if not year or not period:
        return None
    if kind == Task.TimeKind.MONTH and 1 <= period <= 12:
        return month_end(year, period)
    if kind == Task.TimeKind.QUARTER and 1 <= period <= 4:
        return quarter_end(year, period)
    return None


def period_start(repeat: str, today: date) -> date:
    """The first day of the month or quarter `today` is in."""
    month = today.month if repeat == Task.Repeat.MONTHLY else 3 * ((today.month - 1) // 3) + 1
    return date(today.year, month, 1)


def ancestor_paths(path: str) -> list[str]:
    """ "/1/5/9/" → ["/1/", "/1/5/", "/1/5/9/"]: the paths of a unit and of the units above it."""
    parts = path.strip("/").split("/")
    return [f"/{'/'.join(parts[: index + 1])}/" for index in range(len(parts))]


class TaskQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A local officer sees the tasks of their unit and below, and the tasks given to every
        commune of a unit above theirs (UBND các xã, phường)."""
        if sees_whole_province(user):
            return self
        path = scope_path(user)
        if path is None:
            return self.none()
        return self.filter(Q(unit__path__startswith=path) | Q(all_communes=True, unit__path__in=ancestor_paths(path)))

    def overdue(self, today: date, unit: Unit | None = None):
        """Past their deadline (the deadline day itself is still in time) and not done; for the
        officer of `unit`, a task of every commune their commune has reported done is not theirs
        to finish any more."""
        tasks = self.filter(deadline__lt=today).exclude(status=Task.Status.DONE)
        if unit is not None:
            done = TaskProgress.objects.filter(task=models.OuterRef("pk"), unit=unit, status=Task.Status.DONE)
            tasks = tasks.exclude(Q(all_communes=True) & models.Exists(done))
        return tasks

    def report_due(self, today: date, unit: Unit | None = None):
        """Recurring tasks of this year's plans, not done, with no progress report yet in the current
        month or quarter (a finished year's plan asks no more). For the officer of `unit`, a task of
        every commune waits for their own commune's report."""
        due = Q(pk__in=[])
        for repeat in (Task.Repeat.MONTHLY, Task.Repeat.QUARTERLY):
            reported = TaskProgress.objects.filter(
                task=models.OuterRef("pk"), reported_on__gte=period_start(repeat, today)
            )
            if unit is not None:
                reported = reported.filter(Q(task__all_communes=False) | Q(unit=unit))
            due |= Q(repeat=repeat) & ~models.Exists(reported)
        return self.filter(due, plan__year=today.year).exclude(status=Task.Status.DONE)


class Task(models.Model):
    """A task of an implementation plan, assigned to a provincial agency or to a local unit
    (UBND huyện, UBND xã), with its time (a date, a month, a quarter or "thường xuyên"),
    its coordinating agencies, and its progress as reported."""

    class TimeKind(models.TextChoices):
        DATE = "ngay", _("Ngày")
        MONTH = "thang", _("Tháng")
        QUARTER = "quy", _("Quý")
        CONTINUOUS = "thuong_xuyen", _("Thường xuyên")
        TEXT = "van_ban", _("Ghi như văn bản")
        NONE = "khong", _("Không ghi thời gian")

    class Repeat(models.TextChoices):
        NONE = "", _("Không")
        MONTHLY = "thang", _("Hằng tháng")
        QUARTERLY = "quy", _("Hằng quý")

    class Status(models.TextChoices):
        NOT_STARTED = "chua", _("Chưa thực hiện")
        IN_PROGRESS = "dang", _("Đang thực hiện")
        DONE = "xong", _("Hoàn thành")

    plan = models.ForeignKey(
        ImplementationPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_tasks",
        help_text=_("UBND huyện hoặc UBND xã được giao nhiệm vụ."),
    )
    all_communes = models.BooleanField(
        _("giao cho UBND tất cả các xã, phường"),
        default=False,
        help_text=_("Nhiệm vụ chung của mọi xã, phường của tỉnh: mỗi xã thấy nhiệm vụ và báo cáo tiến độ của mình."),
    )
    description = models.TextField(_("nhiệm vụ"))
    coordinators = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan phối hợp"), related_name="coordinated_tasks", blank=True
    )
    coordinators_other = models.CharField(
        _("đơn vị phối hợp khác"), max_length=300, blank=True, help_text=_("Ví dụ: UBND các huyện, thành phố")
    )
    time_kind = models.CharField(_("thời gian thực hiện"), max_length=12, choices=TimeKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    period = models.PositiveSmallIntegerField(_("tháng / quý"), null=True, blank=True)
    due_date = models.DateField(_("ngày"), null=True, blank=True)
    time_note = models.CharField(
        _("thời gian như văn bản ghi"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: “Quý IV năm 2026 và năm 2027”, “Theo kế hoạch của Ban Chỉ đạo”."),
    )
    repeat = models.CharField(
        _("báo cáo định kỳ"),
        max_length=5,
        choices=Repeat.choices,
        blank=True,
        default=Repeat.NONE,
        help_text=_(
            "Việc thường xuyên (“hằng tháng, quý”): mỗi kỳ nhắc đơn vị báo cáo tiến độ, thay vì không bao giờ quá hạn."
        ),
    )
    deadline = models.DateField(_("hạn"), null=True, blank=True, editable=False)
    status = models.CharField(_("tình trạng"), max_length=4, choices=Status.choices, default=Status.NOT_STARTED)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    history = HistoricalRecords()
    objects = TaskQuerySet.as_manager()
    scope = "unit__path"  # the path of the row's unit, for visible_to

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, unit__isnull=True) | Q(agency__isnull=True, unit__isnull=False),
                name="%(app_label)s_%(class)s_one_assignee",
                violation_error_message=_("Nhiệm vụ phải giao cho đúng một cơ quan hoặc một đơn vị."),
            ),
            models.CheckConstraint(
                condition=Q(time_kind="ngay", due_date__isnull=False)
                | Q(time_kind="thang", year__isnull=False, period__gte=1, period__lte=12)
                | Q(time_kind="quy", year__isnull=False, period__gte=1, period__lte=4)
                | Q(time_kind="thuong_xuyen")
                | (Q(time_kind="van_ban") & ~Q(time_note=""))
                | Q(time_kind="khong"),
                name="%(app_label)s_%(class)s_time_complete",
                violation_error_message=_(
                    "Thời gian thực hiện chưa đủ: ngày cụ thể, hoặc tháng (1-12) và năm, hoặc quý (1-4) và năm,"
                    " hoặc thời gian ghi như văn bản."
                ),
            ),
            models.CheckConstraint(
                condition=Q(all_communes=False) | Q(agency__isnull=True, unit__isnull=False),
                name="%(app_label)s_%(class)s_group_of_a_unit",
                violation_error_message=_("Nhiệm vụ giao cho tất cả các xã phải gắn với tỉnh của các xã đó."),
            ),
            models.CheckConstraint(
                condition=~Q(status="xong") | Q(done_on__isnull=False),
                name="%(app_label)s_%(class)s_done_has_date",
                violation_error_message=_("Nhiệm vụ hoàn thành phải có ngày hoàn thành."),
            ),
        ]
        indexes = [models.Index(fields=["deadline", "status"], name="monitoring_task_deadline")]

    def __str__(self):
        text = " ".join(self.description.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args, **kwargs):
        if self.time_kind == self.TimeKind.TEXT:
            self.deadline = deadline_from_text(self.time_note)
        else:
            self.deadline = period_deadline(self.time_kind, self.year, self.period, self.due_date)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("monitoring:task_detail", args=[self.pk])

    @property
    def assignee_name(self) -> str:
        """Who carries out the task, as the plan prints it ("Sở Tài chính", "UBND huyện Tràng Định")."""
        if self.agency_id:
            return self.agency.name
        if self.all_communes:
            return "UBND các xã, phường" if self.unit.valid_from else "UBND các xã, phường, thị trấn"
        return unit_as_agency(self.unit) if self.unit_id else ""

    @property
    def time_text(self) -> str:
        """ "Quý I năm 2026", "Tháng 3 năm 2026", "Trước ngày 15/3/2026", "Thường xuyên"."""
        if self.time_kind == self.TimeKind.CONTINUOUS:
            return "Thường xuyên"
        if self.time_kind == self.TimeKind.DATE and self.due_date:
            return f"Trước ngày {self.due_date.day:02d}/{self.due_date.month:02d}/{self.due_date.year}"
        if self.time_kind == self.TimeKind.MONTH:
            return f"Tháng {self.period} năm {self.year}"
        if self.time_kind == self.TimeKind.QUARTER:
            return f"Quý {ROMAN_QUARTERS.get(self.period, self.period)} năm {self.year}"
        if self.time_kind == self.TimeKind.TEXT:
            return self.time_note
        return ""

    @property
    def time_line(self) -> str:
        """The printed line; none for a task the plan gives no time."""
        return f"Thời gian thực hiện: {self.time_text.rstrip('.')}." if self.time_text else ""

    def coordinator_names(self) -> list[str]:
        """The coordinating agencies (from a prefetch when there is one), then the other named ones."""
        names = [agency.name for agency in sorted(self.coordinators.all(), key=lambda a: (a.position, a.name))]
        if self.coordinators_other:
            names.append(self.coordinators_other)
        return names

    def is_overdue(self, today: date) -> bool:
        return bool(self.deadline and self.deadline < today and self.status != self.Status.DONE)


class ProgressQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """A local officer sees the reports on their unit's tasks, and on a task of every commune
        the reports of their own commune."""
        if sees_whole_province(user):
            return self
        path = scope_path(user)
        if path is None:
            return self.none()
        return self.filter(Q(unit__isnull=True, task__unit__path__startswith=path) | Q(unit__path__startswith=path))


class TaskProgress(models.Model):
    """One report on a task's progress (follow-up): the status it moved to, when, by whom, with a note."""

    task = models.ForeignKey(Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("xã, phường báo cáo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Với nhiệm vụ giao cho tất cả các xã: xã, phường mà báo cáo này nói về."),
    )
    reported_on = models.DateField(_("ngày báo cáo"))
    status = models.CharField(_("tình trạng"), max_length=4, choices=Task.Status.choices)
    note = models.TextField(_("nội dung"), blank=True)
    reported_by = models.ForeignKey(
        User, verbose_name=_("người báo cáo"), on_delete=models.PROTECT, related_name="task_reports"
    )

    objects = ProgressQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.task}: {self.get_status_display()} ({self.reported_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return self.task.get_absolute_url()


class PlanSection(models.Model):
    """How a plan presents the tasks of one assignee (an agency or a unit), as its author wrote it:
    its place in the plan's order, the sentence of its role that opens the section, and one line of
    the units that coordinate with it for all its tasks (instead of a line under every task)."""

    plan = models.ForeignKey(
        ImplementationPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="sections"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(
        _("thứ tự trong kế hoạch"), default=0, help_text=_("1 là phần đầu tiên; 0: theo thứ tự danh mục cơ quan.")
    )
    role = models.TextField(
        _("vai trò"),
        blank=True,
        help_text=_("In ngay dưới tên cơ quan, ví dụ “Là cơ quan thường trực, chủ trì tham mưu …”."),
    )
    coordinators = models.CharField(
        _("đơn vị phối hợp"),
        max_length=500,
        blank=True,
        help_text=_("In một lần cho cả phần (“Đơn vị phối hợp: …”) thay cho dòng phối hợp dưới từng nhiệm vụ."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phần của kế hoạch")
        verbose_name_plural = _("phần của kế hoạch")
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, unit__isnull=True) | Q(agency__isnull=True, unit__isnull=False),
                name="%(app_label)s_%(class)s_one_assignee",
                violation_error_message=_("Mỗi phần là của đúng một cơ quan hoặc một đơn vị."),
            ),
            models.UniqueConstraint(
                fields=["plan", "agency"],
                condition=Q(agency__isnull=False),
                name="%(app_label)s_%(class)s_unique_agency",
                violation_error_message=_("Kế hoạch đã có phần của cơ quan này."),
            ),
            models.UniqueConstraint(
                fields=["plan", "unit"],
                condition=Q(unit__isnull=False),
                name="%(app_label)s_%(class)s_unique_unit",
                violation_error_message=_("Kế hoạch đã có phần của đơn vị này."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} – {self.agency or self.unit}"
