from django.shortcuts import render
from django.views.decorators.http import require_GET

from p135portal.access import Perm, permission_required
from summary.charts import charts
from summary.forms import SummaryFilterForm
from summary.selectors import Scope, summary


def _scope(request) -> tuple[SummaryFilterForm, Scope]:
    form = SummaryFilterForm(request.GET, user=request.user)
    year, unit = form.choice()
    return form, Scope(request.user, year, unit)


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def dashboard(request):
    form, scope = _scope(request)
    result = summary(scope)
    return render(request, "summary/dashboard.html", {"form": form, "summary": result, "charts": charts(result)})
