from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from communes.models import REFORM_FIRST_NEW_DAY, Unit
from p135portal.access import sees_whole_province
from p135portal.home import Figure, figures
from p135portal.numbers import group_thousands


@figures
def unit_counts(user) -> list[Figure]:
    """How many units of the portal's province the user's scope holds, old and new system."""
    units = Unit.objects.visible_to(user)
    if sees_whole_province(user):
        # The whole country may be loaded: count the portal's province (both systems).
        units = units.of_portal_province()
    counts = units.aggregate(
        districts=Count("pk", filter=Q(level=Unit.Level.DISTRICT)),
        old_communes=Count("pk", filter=Q(level=Unit.Level.COMMUNE, valid_until__lt=REFORM_FIRST_NEW_DAY)),
        new_communes=Count(
            "pk",
            filter=Q(level=Unit.Level.COMMUNE)
            & (Q(valid_until__isnull=True) | Q(valid_until__gte=REFORM_FIRST_NEW_DAY)),
        ),
    )
    url = reverse("communes:unit_root")
    labels = [
        ("new_communes", _("Xã, phường, đặc khu (từ 01/07/2025)")),
        ("old_communes", _("Xã, phường, thị trấn (trước 01/07/2025)")),
        ("districts", _("Huyện, thành phố (trước 01/07/2025)")),
    ]
    return [Figure(label, group_thousands(counts[key]), url=url) for key, label in labels if counts[key]]
