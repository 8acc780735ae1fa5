from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    PROVINCE_STAFF = "province_staff", _("Cán bộ cấp tỉnh")  # of the ethnic-affairs office, whatever its name
    LOCAL_OFFICER = "local_officer", _("Cán bộ huyện/xã")
    LEADER = "leader", _("Lãnh đạo tỉnh")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class User(AbstractUser):
    """A person who signs in: their role and, for a local officer, the unit they act for.

    The role is the one source of what a user may do (see p135portal.access); a user with
    no role signs in but sees nothing. Administrators are the only Django admin users.
    """

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    unit = models.ForeignKey(
        "communes.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("Huyện (trước 01/07/2025) hoặc xã (từ 01/07/2025) mà cán bộ phụ trách."),
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.LOCAL_OFFICER) | Q(unit__isnull=False),
                name="p135portal_user_officer_has_unit",
                violation_error_message=_("Cán bộ huyện/xã phải được gán một đơn vị hành chính."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        # Vietnamese order: family name first ("Nguyễn Thị" + "Hoa").
        return f"{self.last_name} {self.first_name}".strip()

    def save(self, *args, **kwargs):
        # createsuperuser makes administrators; the role then decides admin rights.
        if self.is_superuser and not self.role:
            self.role = Role.ADMINISTRATOR
        self.is_staff = self.is_superuser = self.role == Role.ADMINISTRATOR
        # Signing in saves only the time of the last login: not a change of the user to record
        # (django-simple-history skips a save while the attribute exists, whatever its value).
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:p135portal_user_change", args=[self.pk])


class SentForm(models.Model):
    """A form the portal has already acted on, by the token it was rendered with: the same form
    sent twice (a double click, a retry on a slow network) is acted on once (see p135portal.once)."""

    token = models.UUIDField(primary_key=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    location = models.CharField(_("chuyển đến"), max_length=500, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("biểu mẫu đã gửi")
        verbose_name_plural = _("biểu mẫu đã gửi")

    def __str__(self):
        return f"{self.path} ({self.sent_at:%d/%m/%Y %H:%M})"


class AuthorsText(models.Model):
    """What the author of a printed plan writes in place of the portal's proposal: the opening
    sentence, the closing sections, the Nơi nhận, the Lưu line and the signing authority. Empty
    means the portal's proposal; the closing is written a line per block (see documents.outline)."""

    opening = models.TextField(_("câu mở đầu"), blank=True)
    closing = models.TextField(_("phần tổ chức thực hiện, kết thúc"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    archive = models.CharField(_("lưu"), max_length=100, blank=True, default="VT, KTN")
    signer_authority = models.TextField(_("thẩm quyền ký"), blank=True, default="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")

    class Meta:
        abstract = True

    def recipient_list(self, proposed: list[str]) -> list[str]:
        """The author's Nơi nhận, a line each, or the portal's proposal. A block pasted whole from
        Word keeps neither its "Nơi nhận:" title nor its "Lưu" line (the Lưu field prints that)."""
        lines = [line.strip() for line in self.recipients.splitlines() if line.strip()]
        kept = [line for line in lines if not line.lstrip("- ").lower().startswith(("lưu", "nơi nhận"))]
        return kept or proposed

    def authority_lines(self) -> list[str]:
        """The lines above the signer's title; the People's Committee's when left empty."""
        lines = [line.strip() for line in self.signer_authority.splitlines() if line.strip()]
        return lines or ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


class Signer(models.Model):
    """A person who signs the province's documents, kept in a small catalogue so each plan need not
    retype the name, the title and the authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")."""

    name = models.CharField(_("họ và tên"), max_length=100)
    title = models.CharField(_("chức vụ"), max_length=100, help_text=_("Ví dụ: Phó Chủ tịch"))
    authority = models.TextField(
        _("thẩm quyền ký"),
        blank=True,
        default="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        help_text=_("Mỗi dòng một dòng in trên chức vụ: TM., KT., Q., TL., TUQ. …"),
    )
    active = models.BooleanField(_("đang ký văn bản"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người ký")
        verbose_name_plural = _("người ký")
        ordering = ["-active", "name"]

    def __str__(self):
        return f"{self.title} {self.name}"


class DocumentText(models.Model):
    """What the author changed of the portal's proposal of one printed document (see
    p135portal/documents/authoring.py, `changes`): `texts` the parts rewritten (trích yếu, Căn cứ
    lines, body, Nơi nhận, Lưu), `signatures` per signer the fields changed. What the author left as
    proposed keeps following the data. `kind` names the document type, `object_id` the row it prints."""

    kind = models.CharField(_("loại văn bản"), max_length=50)
    object_id = models.PositiveBigIntegerField()
    texts = models.JSONField(_("phần đã viết lại"), default=dict, blank=True)
    signatures = models.JSONField(_("người ký đã sửa"), default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung văn bản do người soạn viết")
        verbose_name_plural = _("nội dung văn bản do người soạn viết")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="%(app_label)s_%(class)s_one_per_document",
                violation_error_message=_("Văn bản này đã có nội dung soạn thảo."),
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id}"


class DocumentVersion(models.Model):
    """An issued document exactly as it was issued (the whole document as data, see
    authoring.to_data): it prints so even after the data it was made from changes. An edit after
    issue makes the next version, recorded with who made it and why."""

    kind = models.CharField(_("loại văn bản"), max_length=50)
    object_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField(_("phiên bản"))
    content = models.JSONField(_("nội dung"))
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("người tạo"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản văn bản đã ban hành")
        verbose_name_plural = _("phiên bản văn bản đã ban hành")
        ordering = ["kind", "object_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("Phiên bản này đã có."),
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} v{self.number}"


class DataChange(models.Model):
    """One row per write statement on the portal's data (added by a database trigger, see
    p135portal/freshness.py): what cached figures compare against to stay correct after every write.
    Old rows are pruned by the trigger itself."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(db_default=models.functions.Now())

    class Meta:
        verbose_name = _("thay đổi dữ liệu")
        verbose_name_plural = _("thay đổi dữ liệu")

    def __str__(self):
        return f"#{self.pk}"
