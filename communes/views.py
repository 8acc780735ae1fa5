from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from communes.models import Unit
from communes.selectors import home_unit, same_code_other_period, unit_children
from p135portal.access import Perm, permission_required, scope_path
from p135portal.audit import history_entries


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_root(request):
    unit = home_unit(request.user)
    if unit is None:
        return render(request, "communes/no_units.html")
    return redirect(unit)


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("parent"), pk=pk)
    visible_from = scope_path(request.user)
    breadcrumbs = [(ancestor, ancestor.path.startswith(visible_from)) for ancestor in unit.ancestors()]
    children = unit_children(unit)
    context = {
        "unit": unit,
        "breadcrumbs": breadcrumbs,
        "same_code": same_code_other_period(unit).visible_to(request.user),
        "show_child_counts": any(child.child_count for child in children),
        "old_children": [child for child in children if child.is_old_system],
        "new_children": [child for child in children if not child.is_old_system],
        "history": history_entries(unit),
    }
    return render(request, "communes/unit_detail.html", context)
