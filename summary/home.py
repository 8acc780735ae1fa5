"""The leader's home page is the dashboard of the current year for the whole province."""

from django.template.loader import render_to_string
from django.utils import timezone

from p135portal.home import panel
from p135portal.models import Role
from summary.charts import charts
from summary.selectors import Scope, cached_summary


@panel
def dashboard(request) -> str:
    if request.user.role != Role.LEADER:
        return ""
    result = cached_summary(Scope(request.user, timezone.localdate().year))
    context = {"summary": result, "charts": charts(result)}
    return render_to_string("summary/_home.html", context, request=request)
