"""Home page items of beneficiary handovers: households whose latest check found a breach."""

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring.models.handovers import Beneficiary
from p135portal.access import Perm, can, sees_whole_province
from p135portal.home import Waiting, waiting


@waiting
def households_in_breach(user) -> list[Waiting]:
    """Staff and local officers: the households in their scope flagged at their latest check (one query)."""
    if not can(user, Perm.REPORT_MONITORING):
        return []
    count = Beneficiary.objects.visible_to(user).in_breach().count()
    return [
        Waiting(
            _("Hộ hưởng lợi vi phạm cam kết (lần kiểm tra gần nhất)"),
            count,
            reverse("monitoring:household_list") + "?vi_pham=1",
            owed=sees_whole_province(user),
        )
    ]
