from django.shortcuts import render
from django.views.decorators.http import require_GET

from p135portal.access import Perm, permission_required


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def index(request):
    return render(request, "monitoring/index.html")
