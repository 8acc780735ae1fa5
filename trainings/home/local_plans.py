"""What the trainings app puts on the home pages (see p135portal/home.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from p135portal.access import Perm, can
from p135portal.home import Waiting, waiting
from p135portal.models import Role
from trainings.models import LocalBudget, LocalPlan

SHOWN = 5  # returned plans listed one by one, each with its comment


@waiting
def local_plans(user) -> list[Waiting]:
    """Officers: their returned plans, each with the province's comment, and a share of the budget
    with no plan yet. Province staff: local plans sent and waiting for approval."""
    if can(user, Perm.MANAGE_TRAININGS):
        sent = LocalPlan.objects.filter(status=LocalPlan.Status.SENT).count()
        url = reverse("trainings:local_plan_queue")
        return [Waiting(_("Kế hoạch nâng cao năng lực của địa phương chờ duyệt"), sent, url)]
    if user.role != Role.LOCAL_OFFICER or not user.unit_id:
        return []
    items = [
        Waiting(
            _("Kế hoạch năm %(year)s bị tỉnh trả lại: sửa rồi gửi lại") % {"year": local_plan.plan.year},
            1,
            local_plan.get_absolute_url(),
            note=local_plan.comment,
        )
        for local_plan in LocalPlan.objects.filter(unit_id=user.unit_id, status=LocalPlan.Status.RETURNED)
        .select_related("plan")
        .order_by("-plan__year")[:SHOWN]
    ]
    unplanned = (
        LocalBudget.objects.filter(unit_id=user.unit_id)
        .exclude(plan__local_plans__unit_id=user.unit_id)
        .select_related("plan")
        .order_by("-plan__year")
        .first()
    )
    if unplanned is not None:
        items.append(
            Waiting(
                _("Tỉnh đã phân bổ kinh phí năm %(year)s: lập kế hoạch của đơn vị") % {"year": unplanned.plan.year},
                1,
                unplanned.plan.get_absolute_url() + "#dia-phuong",
            )
        )
    drafts = LocalPlan.objects.filter(unit_id=user.unit_id, status=LocalPlan.Status.DRAFT).select_related("plan")
    items += [
        Waiting(
            _("Kế hoạch năm %(year)s đang lập, chưa gửi tỉnh") % {"year": local_plan.plan.year},
            1,
            local_plan.get_absolute_url(),
        )
        for local_plan in drafts.order_by("-plan__year")[:SHOWN]
    ]
    return items
