"""What the budgets app puts on the home pages: this year's allocation and disbursement, and the
last year that has them, for comparison; a year with no allocation says so."""

from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import Execution, Share
from p135portal.home import Figure, figures
from p135portal.templatetags.vn import trieu_dong


def _year_figures(user, year: int) -> list[Figure]:
    shares = Share.objects.visible_to(user).filter(allocation__year=year)
    allocated = shares.aggregate(total=Sum("amount"))["total"] or 0
    disbursed = (
        Execution.objects.visible_to(user)
        .filter(share__allocation__year=year, kind=Execution.Kind.DISBURSEMENT)
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )
    rate = f"{100 * disbursed / allocated:.1f}".replace(".", ",") if allocated else "0"
    url = reverse("budgets:progress") + f"?year={year}"
    return [
        Figure(_("Vốn phân bổ năm %(year)s (mọi nội dung)") % {"year": year}, trieu_dong(allocated), url=url),
        Figure(_("Đã giải ngân năm %(year)s") % {"year": year}, f"{rate}%", note=trieu_dong(disbursed), url=url),
    ]


@figures
def disbursement(user) -> list[Figure]:
    """This year's allocated and disbursed money in the user's scope, beside the latest earlier year
    that has an allocation (four queries)."""
    year = timezone.localdate().year
    shares = Share.objects.visible_to(user)
    if shares.filter(allocation__year=year).exists():
        current = _year_figures(user, year)
    else:
        current = [
            Figure(
                _("Vốn phân bổ năm %(year)s") % {"year": year},
                _("Chưa có"),
                note=_("Chưa có phương án phân bổ vốn năm %(year)s.") % {"year": year},
                url=reverse("budgets:allocation_list"),
            )
        ]
    earlier = shares.filter(allocation__year__lt=year).aggregate(year=Max("allocation__year"))["year"]
    return current + (_year_figures(user, earlier) if earlier else [])
