"""What periodic reports put on the home pages: an officer's reports to send, the office's to review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.models import ReportPeriod
from monitoring.selectors import reports as selectors
from p135portal.access import Perm, can, sees_whole_province
from p135portal.home import Figure, Waiting, figures, waiting
from p135portal.models import Role
from p135portal.numbers import group_thousands


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
                owed=True,
            )
            for year, count in selectors.late_counts(user, selectors.today()).items()
        ],
    ]


@figures
def reports_progress(user) -> list[Figure]:
    """For province-wide readers: how many units sent the report of the latest period already due."""
    if not sees_whole_province(user):
        return []
    on = selectors.today()
    period = ReportPeriod.objects.filter(due_on__lte=on).order_by("-due_on").first()
    if period is None:
        return []
    board = selectors.board(period.year, user, on)
    counts = next(count for count in board.counts if count.period.pk == period.pk)
    return [
        Figure(
            _("%(period)s: đơn vị đã nộp") % {"period": period},
            f"{group_thousands(counts.sent)}/{group_thousands(counts.due)}",
            note=_("%(late)s đơn vị quá hạn chưa nộp, hạn %(due)s")
            % {"late": group_thousands(counts.late), "due": period.due_on.strftime("%d/%m/%Y")},
            url=reverse("monitoring:report_board") + f"?nam={period.year}",
        )
    ]
