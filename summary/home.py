"""The leader's home page is the dashboard of the current year for the whole province."""

from django.template.loader import render_to_string
from django.utils import timezone

from p135portal.freshness import later
from p135portal.home import panel
from p135portal.models import Role
from summary.charts import charts
from summary.selectors import Scope, cached_summary


@panel
def dashboard(request) -> str:
    if request.user.role != Role.LEADER:
        return ""

    def built():
        result = cached_summary(Scope(request.user, timezone.localdate().year))
        return {"summary": result, "charts": charts(result)}

    # read only when the dashboard is not kept ({% fresh %} in the template)
    return render_to_string("summary/_home.html", later(built, "summary", "charts"), request=request)
