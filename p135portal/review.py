"""One review cycle for everything a unit sends and the province office reviews (local plans,
class reports, periodic reports): one status vocabulary, one set of stored fields, one set of
services, one badge.

    draft ──send──▶ sent ──accept──▶ accepted ──reopen(reason)──▶ returned
                      └───return(comment)──▶ returned ──send──▶ sent

A reviewed model inherits `Reviewed` and says who reviews it (`review_perm`) and what accepting
locks (`locks`). The app's own services check what only they know (the unit's officer, the
plan's rules) and call `review_send` / `mark_sent`; the office's actions are `review_accept`,
`review_return` and `review_reopen`, each in one transaction under a row lock, recorded in the
item's history.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from p135portal.access import Perm, can
from p135portal.audit import REASON_MAX_LENGTH, locked, save_recorded
from p135portal.text import clean_multiline


class Status(models.TextChoices):
    DRAFT = "nhap", gettext_lazy("Đang lập")
    SENT = "da_gui", gettext_lazy("Đã gửi, chờ xem xét")
    RETURNED = "tra_lai", gettext_lazy("Bị trả lại")
    ACCEPTED = "chap_nhan", gettext_lazy("Đã chấp nhận")


@dataclass(frozen=True)
class Badge:
    css: str
    label: str
    locked: bool = False


BADGE_CSS = {
    Status.DRAFT: "text-bg-secondary",
    Status.SENT: "text-bg-warning",
    Status.RETURNED: "text-bg-danger",
    Status.ACCEPTED: "text-bg-success",
}


class Reviewed(models.Model):
    """Abstract: the fields and states of something a unit sends and the province office reviews."""

    Status = Status

    status = models.CharField(
        gettext_lazy("trạng thái"), max_length=9, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    sent_at = models.DateTimeField(gettext_lazy("gửi lúc"), null=True, blank=True)
    sent_by = models.ForeignKey(
        "p135portal.User",
        verbose_name=gettext_lazy("người gửi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(gettext_lazy("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "p135portal.User",
        verbose_name=gettext_lazy("người xem xét"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(gettext_lazy("ý kiến của tỉnh"), blank=True)

    # Said by each reviewed model:
    review_perm: Perm = Perm.MANAGE_TRAININGS  # who accepts, returns and reopens it
    accept_label = gettext_lazy("Chấp nhận")  # the office's verb, on buttons and the confirmation page
    status_labels: dict = {}  # the model's own words for some states ("Đã duyệt" for a plan)
    locks = gettext_lazy("Sau khi chấp nhận, đơn vị không sửa được nữa.")  # what accepting locks

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """The unit may change it and send it: being drafted, or returned."""
        return self.status in (Status.DRAFT, Status.RETURNED)

    @property
    def is_sent(self) -> bool:
        return self.status == Status.SENT

    @property
    def is_accepted(self) -> bool:
        return self.status == Status.ACCEPTED

    @property
    def is_returned(self) -> bool:
        return self.status == Status.RETURNED

    @property
    def status_label(self) -> str:
        return str(self.status_labels.get(self.status) or self.get_status_display())

    @property
    def badge(self) -> Badge:
        return Badge(BADGE_CSS[self.status], self.status_label, locked=self.is_accepted)

    def waiting_days(self, today: date | None = None) -> int | None:
        """Whole days a sent item has waited for the office (None when it does not wait)."""
        if not self.is_sent or self.sent_at is None:
            return None
        today = today or timezone.localdate()
        return (today - timezone.localtime(self.sent_at).date()).days


def _require_reviewer(item: Reviewed, actor) -> None:
    if not can(actor, item.review_perm):
        raise ValidationError(_("Chỉ cán bộ của tỉnh mới xem xét được việc này."), code="forbidden")


def _require_sent(item: Reviewed, action: str) -> None:
    if not item.is_sent:
        raise ValidationError(
            _("Chỉ %(what)s đang chờ xem xét mới %(action)s được; %(what)s này %(status)s."),
            code="not_submitted",
            params={"what": item._meta.verbose_name, "action": action, "status": item.status_label.lower()},
        )


def mark_sent(item: Reviewed, *, actor, now: datetime | None = None) -> None:
    """Set `item` as sent by `actor` (not saved): for services that write and send in one step. A
    review of an earlier sending is over (its history keeps it)."""
    item.status = Status.SENT
    item.sent_at = now or timezone.now()
    item.sent_by = actor
    item.reviewed_at = item.reviewed_by = None


@transaction.atomic
def review_send(item: Reviewed, *, actor, now: datetime | None = None) -> Reviewed:
    """Being drafted or returned → sent. The caller has checked that `actor` may send it and that
    its content keeps the rules."""
    item = locked(item)
    if not item.is_editable:
        raise ValidationError(
            _("%(what)s %(status)s, không gửi lại được."),
            code="not_editable",
            params={"what": item._meta.verbose_name.capitalize(), "status": item.status_label.lower()},
        )
    mark_sent(item, actor=actor, now=now)
    save_recorded(item, actor)
    return item


def _reviewed(item: Reviewed, status: str, actor) -> None:
    item.status = status
    item.reviewed_at = timezone.now()
    item.reviewed_by = actor


@transaction.atomic
def review_accept(item: Reviewed, *, actor, check=None) -> Reviewed:
    """Sent → accepted, and locked. `check(item)`, when given, returns the problems that forbid it
    (read again under the lock: the rules may have changed since the item was sent)."""
    _require_reviewer(item, actor)
    item = locked(item)
    _require_sent(item, str(item.accept_label).lower())
    problems = check(item) if check else []
    if problems:
        raise ValidationError(problems)
    _reviewed(item, Status.ACCEPTED, actor)  # the last return's comment stays, as "ý kiến lần trả lại trước"
    save_recorded(item, actor)
    return item


@transaction.atomic
def review_return(item: Reviewed, *, comment: str, actor) -> Reviewed:
    """Sent → returned to the unit with the office's comment, which its officer sees on their home page."""
    _require_reviewer(item, actor)
    item = locked(item)
    _require_sent(item, _("trả lại"))
    comment = clean_multiline(comment or "")
    if not comment:
        raise ValidationError(_("Phải ghi ý kiến: đơn vị cần sửa, bổ sung gì."), code="no_comment")
    _reviewed(item, Status.RETURNED, actor)
    item.comment = comment
    save_recorded(item, actor)
    return item


@transaction.atomic
def review_reopen(item: Reviewed, *, reason: str, actor) -> Reviewed:
    """Accepted → returned to the unit, for a recorded reason (an item accepted by mistake, a figure
    found wrong later): the reason is the comment the unit reads and the history's change reason."""
    _require_reviewer(item, actor)
    item = locked(item)
    if not item.is_accepted:
        raise ValidationError(
            _("Chỉ %(what)s đã chấp nhận mới cần mở lại."),
            code="not_accepted",
            params={"what": item._meta.verbose_name},
        )
    reason = clean_multiline(reason or "")
    if not reason:
        raise ValidationError(_("Phải ghi lý do mở lại."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Lý do mở lại tối đa %(limit)s ký tự."), code="reason_too_long", params={"limit": REASON_MAX_LENGTH}
        )
    _reviewed(item, Status.RETURNED, actor)
    item.comment = reason
    save_recorded(item, actor, reason=reason)
    return item
