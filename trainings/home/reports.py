"""What class reports put on the home pages (see p135portal/home.py): for whoever reports, the
classes ended without a report and the reports returned to them with the office's comment; for
the province office, the reports waiting for its decision. Each provider issues at most two queries."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from p135portal.access import Perm, can, sees_whole_province
from p135portal.home import Waiting, waiting
from trainings.models import ClassReport
from trainings.selectors.reports import awaiting_report, own_classes

RETURNED_SHOWN = 5  # returned reports listed one by one, with their comment; the rest counted


@waiting
def classes_awaiting_report(user) -> list[Waiting]:
    if not can(user, Perm.REPORT_CLASSES):
        return []
    count = awaiting_report(user, timezone.localdate(), own=True).count()
    url = reverse("trainings:report_pending")
    if sees_whole_province(user):
        url += "?rieng=1"
    return [Waiting(_("Lớp đã kết thúc chưa có báo cáo kết quả"), count, url)]


@waiting
def reports_returned(user) -> list[Waiting]:
    if not can(user, Perm.REPORT_CLASSES):
        return []
    reports = ClassReport.objects.filter(plan_class__in=own_classes(user), status=ClassReport.Status.RETURNED)
    returned = list(reports.select_related("plan_class__topic").order_by("reviewed_at", "pk")[: RETURNED_SHOWN + 1])
    items = [
        Waiting(
            _("Báo cáo lớp “%(topic)s” bị trả lại, cần sửa và nộp lại") % {"topic": report.plan_class.topic},
            1,
            reverse("trainings:report_update", args=[report.pk]),
            note=report.comment,
        )
        for report in returned[:RETURNED_SHOWN]
    ]
    if len(returned) > RETURNED_SHOWN:
        items.append(
            Waiting(
                _("Báo cáo lớp khác bị trả lại"),
                reports.count() - RETURNED_SHOWN,
                reverse("trainings:report_pending"),
            )
        )
    return items


@waiting
def reports_to_decide(user) -> list[Waiting]:
    """For the province office: the submitted reports, one line per annual plan."""
    if not can(user, Perm.MANAGE_TRAININGS):
        return []
    rows = (
        ClassReport.objects.filter(status=ClassReport.Status.SENT)
        .values("plan_class__plan_id", "plan_class__plan__year")
        .annotate(n=Count("pk"))
        .order_by("-plan_class__plan__year")
    )
    return [
        Waiting(
            _("Báo cáo kết quả lớp năm %(year)s chờ chấp nhận") % {"year": row["plan_class__plan__year"]},
            row["n"],
            f"{reverse('trainings:report_queue')}?{urlencode({'nam': row['plan_class__plan__year']})}",
        )
        for row in rows
    ]
