from django.db.models import Max, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from budgets.models import Execution, Share
from p135portal.home import Figure, figures
from p135portal.templatetags.vn import trieu_dong


@figures
def disbursement(user) -> list[Figure]:
    """Allocated and disbursed money of the latest year with an allocation, in the user's scope."""
    shares = Share.objects.visible_to(user)
    year = shares.aggregate(year=Max("allocation__year"))["year"]
    if year is None:
        return []
    allocated = shares.filter(allocation__year=year).aggregate(total=Sum("amount"))["total"] or 0
    disbursed = (
        Execution.objects.visible_to(user)
        .filter(share__allocation__year=year, kind=Execution.Kind.DISBURSEMENT)
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )
    rate = f"{100 * disbursed / allocated:.1f}".replace(".", ",") if allocated else "0"
    url = reverse("budgets:progress") + f"?year={year}"
    return [
        Figure(_("Vốn phân bổ năm %(year)s") % {"year": year}, trieu_dong(allocated), url=url),
        Figure(_("Đã giải ngân năm %(year)s") % {"year": year}, f"{rate}%", note=trieu_dong(disbursed), url=url),
    ]
