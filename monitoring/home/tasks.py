"""Home page items of implementation plans: the overdue tasks that wait for someone."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring.models.tasks import Task
from monitoring.selectors.tasks import own_unit
from p135portal.access import Perm, can
from p135portal.home import Waiting, waiting


@waiting
def overdue_tasks(user, today=None) -> list[Waiting]:
    """Province staff: every overdue task; a local officer: the overdue tasks of their unit (one query)."""
    if not can(user, Perm.REPORT_MONITORING):
        return []
    tasks = Task.objects.visible_to(user).overdue(today or timezone.localdate(), own_unit(user))
    office = can(user, Perm.MANAGE_MONITORING)
    label = _("Nhiệm vụ quá hạn chưa hoàn thành") if office else _("Nhiệm vụ giao cho đơn vị bạn đã quá hạn")
    return [Waiting(label, tasks.count(), reverse("monitoring:task_list") + "?qua_han=1", owed=office)]


@waiting
def recurring_reports_due(user, today=None) -> list[Waiting]:
    """Recurring tasks ("hằng tháng, quý") without a progress report in the current month or quarter:
    to report for a local officer, to follow up for the office (one query)."""
    if not can(user, Perm.REPORT_MONITORING):
        return []
    tasks = Task.objects.visible_to(user).report_due(today or timezone.localdate(), own_unit(user))
    office = can(user, Perm.MANAGE_MONITORING)
    label = _("Nhiệm vụ thường xuyên chưa báo cáo tiến độ kỳ này")
    return [Waiting(label, tasks.count(), reverse("monitoring:task_list") + "?bao_cao_ky_nay=1", owed=office)]
