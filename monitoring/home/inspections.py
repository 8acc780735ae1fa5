"""Home page items of inspections: remediation items past their deadline, and those still open."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.selectors.inspections import OVERDUE, remediation_counts
from p135portal.access import Perm, can, sees_whole_province
from p135portal.home import Waiting, waiting


@waiting
def remediations_due(user, today: date | None = None) -> list[Waiting]:
    """Province staff: every overdue item of the province. An officer: their unit's overdue items,
    and those still open (one query)."""
    if not can(user, Perm.REPORT_MONITORING):
        return []
    counts = remediation_counts(user, today or timezone.localdate())
    url = reverse("monitoring:remediation_list")
    province_wide = sees_whole_province(user)
    overdue = Waiting(
        _("Việc khắc phục sau kiểm tra đã quá hạn"), counts["overdue"], f"{url}?status={OVERDUE}", owed=province_wide
    )
    items = [overdue]
    if not province_wide:
        still_open = counts["open"] - counts["overdue"]
        items.append(Waiting(_("Việc khắc phục sau kiểm tra đang chờ thực hiện"), still_open, url))
    return items
