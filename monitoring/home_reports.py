"""What periodic reports put on the home pages: an officer's reports to send, the office's to review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.selectors import reports as selectors
from p135portal.access import Perm, can
from p135portal.home import Waiting, waiting
from p135portal.models import Role


@waiting
def reports_to_send(user) -> list[Waiting]:
    """For a local officer: their unit's reports due soon, late, or returned (two queries)."""
    if not (can(user, Perm.REPORT_MONITORING) and user.role == Role.LOCAL_OFFICER and user.unit_id):
        return []
    cells = selectors.unit_cells(user.unit, selectors.today())
    url = reverse("monitoring:report_unit")

    def count(status):
        return sum(cell.status == status for cell in cells)

    return [
        Waiting(_("Báo cáo định kỳ quá hạn chưa nộp"), count(selectors.Status.LATE), url),
        Waiting(_("Báo cáo định kỳ bị trả lại, cần nộp lại"), count(selectors.Status.RETURNED), url),
        Waiting(
            _("Báo cáo định kỳ đến hạn nộp trong %(days)s ngày tới") % {"days": selectors.DUE_SOON_DAYS},
            count(selectors.Status.DUE_SOON),
            url,
        ),
    ]


@waiting
def reports_to_review(user) -> list[Waiting]:
    """For the province office: sent reports to accept or return, and reports not sent after their due date."""
    if not can(user, Perm.MANAGE_MONITORING):
        return []
    board = reverse("monitoring:report_board")
    return [
        Waiting(
            _("Báo cáo định kỳ chờ xem xét"),
            selectors.reports_waiting(user).count(),
            reverse("monitoring:report_waiting"),
        ),
        *[
            Waiting(
                _("Báo cáo định kỳ năm %(year)s quá hạn chưa nộp") % {"year": year},
                count,
                f"{board}?nam={year}&chua_xong=1",
            )
            for year, count in selectors.late_counts(user, selectors.today()).items()
        ],
    ]
