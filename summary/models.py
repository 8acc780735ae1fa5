import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SummaryFile(models.Model):
    """A BÁO CÁO tổng hợp asked for by a person and written in the background (manage.py db_worker):
    what was asked (year, unit, format), how far the writing is, and the file when it is ready.
    Only the person who asked may see it; files older than a week are removed."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    class Status(models.TextChoices):
        QUEUED = "cho", _("Đang chờ đến lượt")
        RUNNING = "dang", _("Đang tạo")
        DONE = "xong", _("Đã xong")
        FAILED = "loi", _("Không tạo được")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    phase = models.ForeignKey("communes.Phase", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unit = models.ForeignKey("communes.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    status = models.CharField(_("trạng thái"), max_length=4, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("đang làm"), max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)
    content = models.BinaryField(_("nội dung"), null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo tổng hợp đang tạo")
        verbose_name_plural = _("báo cáo tổng hợp đang tạo")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_at_most_100",
                violation_error_message=_("Tiến độ không quá 100%."),
            ),
        ]

    def __str__(self):
        return self.filename or str(self.id)

    def get_absolute_url(self):
        return reverse("summary:file_detail", args=[self.pk])
