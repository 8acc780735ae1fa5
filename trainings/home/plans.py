"""What the trainings app puts on the home pages (see p135portal/home.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from p135portal.access import Perm, can
from p135portal.home import Figure, figures
from p135portal.numbers import group_thousands
from trainings.models import AnnualPlan
from trainings.selectors.reports import plan_actual


@figures
def capacity_building(user) -> list[Figure]:
    """This year's classes reported against the plan, in the user's scope, beside the latest earlier
    approved plan's; a year without an approved plan says so (a few queries)."""
    if not can(user, Perm.VIEW_TRAININGS):
        return []
    year = timezone.localdate().year
    plans = AnnualPlan.objects.filter(status=AnnualPlan.Status.APPROVED)
    current = plans.filter(year=year).first()
    earlier = plans.filter(year__lt=year).order_by("-year").first()
    items = _plan_figures(current, user) if current else [_no_plan(year)]
    return items + (_plan_figures(earlier, user) if earlier else [])


def _no_plan(year: int) -> Figure:
    return Figure(
        _("Kế hoạch nâng cao năng lực năm %(year)s") % {"year": year},
        _("Chưa có"),
        note=_("Chưa có kế hoạch năm %(year)s được phê duyệt.") % {"year": year},
        url=reverse("trainings:plan_list"),
    )


def _plan_figures(plan: AnnualPlan, user) -> list[Figure]:
    _rows, total = plan_actual(plan, user)
    if not total.planned_classes:
        return []
    women = total.shares()["women"]
    note = _("%(participants)s lượt học viên") % {"participants": group_thousands(total.participants)}
    if women is not None:
        note += _(", nữ %(share)s%%") % {"share": f"{women:.1f}".replace(".", ",")}
    return [
        Figure(
            _("Lớp nâng cao năng lực năm %(year)s đã báo cáo / kế hoạch") % {"year": plan.year},
            f"{total.reported_classes}/{total.planned_classes}",
            note=note,
            url=reverse("trainings:plan_actual", args=[plan.pk]),
        )
    ]
