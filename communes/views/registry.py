from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, ProtectedError, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.filters import registry_units
from communes.forms.registry import (
    DesignationEndForm,
    DesignationForm,
    LegalDocumentForm,
    PhaseForm,
    VillageForm,
    YearFiguresForm,
)
from communes.models import Designation, LegalDocument, Phase, Unit, UnitLineage, Village, YearFigures
from communes.selectors import (
    REGISTRY_HEADERS,
    home_unit,
    predecessors_with_designations,
    registry_row,
    same_code_other_period,
    unit_children,
    with_designations,
)
from communes.services import designation_add, designation_end
from p135portal.access import Perm, permission_required, scope_path
from p135portal.audit import history_entries
from p135portal.excel import write_xlsx, xlsx_response
from p135portal.freshness import later
from p135portal.pages import form_page, query_without_page

PAGE_SIZE = 50


# ------------------------------------------------------------------ units


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_root(request):
    unit = home_unit(request.user)
    if unit is None:
        return render(request, "communes/no_units.html")
    return redirect(unit)


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_list(request):
    def listing():
        form, units = registry_units(request.user, request.GET)
        page = Paginator(with_designations(units), PAGE_SIZE).get_page(request.GET.get("page"))
        start = page.start_index()
        rows = [(unit, registry_row(start + index, unit)) for index, unit in enumerate(page.object_list)]
        return {"form": form, "page": page, "rows": rows}

    context = later(listing, "form", "page", "rows")  # read only when the list is not kept ({% fresh %})
    return render(
        request,
        "communes/unit_list.html",
        {**context, "headers": REGISTRY_HEADERS, "query": query_without_page(request)},
    )


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_export(request):
    _form, units = registry_units(request.user, request.GET)
    rows = (registry_row(index, unit) for index, unit in enumerate(with_designations(units), start=1))
    content = write_xlsx(title=_("Danh sách xã"), headers=REGISTRY_HEADERS, rows=rows)
    return xlsx_response(content, _("danh-sach-xa.xlsx"))


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def unit_detail(request, pk):
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("parent"), pk=pk)
    visible_from = scope_path(request.user)
    children = unit_children(unit)
    villages = unit.villages.annotate(
        active_designations=Count("designations", filter=Q(designations__end_date__isnull=True))
    ).order_by("name")
    context = {
        "unit": unit,
        "breadcrumbs": [(ancestor, ancestor.path.startswith(visible_from)) for ancestor in unit.ancestors()],
        "same_code": same_code_other_period(unit).visible_to(request.user),
        "show_child_counts": any(child.child_count for child in children),
        "old_children": [child for child in children if child.is_old_system],
        "new_children": [child for child in children if not child.is_old_system],
        "designations": unit.designations.select_related("phase", "village", "document", "end_document"),
        "villages": villages,
        "figures": unit.figures.select_related("village").order_by("-year", "village__name"),
        "predecessors": predecessors_with_designations(unit, visible_from),
        "successors": UnitLineage.objects.filter(old=unit, new__path__startswith=visible_from)
        .select_related("new__parent")
        .order_by("new__code"),
        "history": history_entries(unit),
    }
    return render(request, "communes/unit_detail.html", context)


def _commune(request, pk) -> Unit:
    return get_object_or_404(Unit.objects.visible_to(request.user), pk=pk, level=Unit.Level.COMMUNE)


# ------------------------------------------------------------------ villages


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def village_create(request, unit_pk):
    unit = _commune(request, unit_pk)
    form = VillageForm(request.POST or None, instance=Village(commune=unit))
    if request.method == "POST" and form.is_valid():
        village = form.save()
        messages.success(request, _("Đã thêm %(village)s.") % {"village": village})
        return redirect(unit)
    return form_page(request, form, title=_("Thêm thôn của %(unit)s") % {"unit": unit}, back=unit.get_absolute_url())


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def village_update(request, pk):
    village = get_object_or_404(Village.objects.visible_to(request.user).select_related("commune"), pk=pk)
    form = VillageForm(request.POST or None, instance=village)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu %(village)s.") % {"village": village})
        return redirect(village.commune)
    return form_page(
        request,
        form,
        title=_("Sửa %(village)s (%(unit)s)") % {"village": village, "unit": village.commune},
        back=village.commune.get_absolute_url(),
    )


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def village_delete(request, pk):
    village = get_object_or_404(Village.objects.visible_to(request.user).select_related("commune"), pk=pk)
    if request.method == "POST":
        try:
            village.delete()
        except ProtectedError:
            messages.error(
                request,
                _(
                    "Không xóa được %(village)s vì thôn đã có diện đầu tư hoặc số liệu. "
                    "Hãy đưa thôn ra khỏi danh sách thay vì xóa."
                )
                % {"village": village},
            )
        else:
            messages.success(request, _("Đã xóa %(village)s.") % {"village": village})
        return redirect(village.commune)
    return render(
        request,
        "communes/confirm_delete.html",
        {
            "object": village,
            "title": _("Xóa %(village)s?") % {"village": village},
            "back": village.commune.get_absolute_url(),
        },
    )


# ------------------------------------------------------------------ designations


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def designation_create(request, unit_pk):
    unit = _commune(request, unit_pk)
    form = DesignationForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            designation_add(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Đã đưa %(unit)s vào danh sách.") % {"unit": form.cleaned_data["village"] or unit}
            )
            return redirect(unit)
    return form_page(
        request, form, title=_("Đưa %(unit)s vào diện đầu tư") % {"unit": unit}, back=unit.get_absolute_url()
    )


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def designation_finish(request, pk):
    designation = get_object_or_404(
        Designation.objects.visible_to(request.user).select_related("unit", "village", "phase"), pk=pk
    )
    form = DesignationEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            designation_end(designation=designation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận đưa ra khỏi danh sách."))
            return redirect(designation.unit)
    return form_page(
        request,
        form,
        title=_("Đưa ra khỏi danh sách: %(designation)s") % {"designation": designation},
        back=designation.unit.get_absolute_url(),
        submit=_("Xác nhận đưa ra khỏi danh sách"),
    )


# ------------------------------------------------------------------ yearly figures


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def figures_create(request, unit_pk):
    unit = _commune(request, unit_pk)
    form = YearFiguresForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu số liệu năm %(year)s.") % {"year": form.instance.year})
        return redirect(unit)
    return form_page(request, form, title=_("Số liệu năm của %(unit)s") % {"unit": unit}, back=unit.get_absolute_url())


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def figures_update(request, pk):
    figures = get_object_or_404(YearFigures.objects.visible_to(request.user).select_related("unit", "village"), pk=pk)
    form = YearFiguresForm(request.POST or None, instance=figures, unit=figures.unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu số liệu năm %(year)s.") % {"year": figures.year})
        return redirect(figures.unit)
    return form_page(
        request,
        form,
        title=_("Sửa số liệu %(figures)s") % {"figures": figures},
        back=figures.unit.get_absolute_url(),
    )


# ------------------------------------------------------------------ phases


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def phase_list(request):
    phases = (
        Phase.objects.select_related("programme")
        .prefetch_related("programme__components")
        .annotate(
            commune_count=Count("designations__unit", filter=Q(designations__village__isnull=True), distinct=True),
            village_count=Count("designations__village", distinct=True),
        )
    )
    return render(request, "communes/phase_list.html", {"phases": phases})


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def phase_create(request):
    return _phase_form(request, Phase())


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def phase_update(request, pk):
    return _phase_form(request, get_object_or_404(Phase, pk=pk))


def _phase_form(request, phase):
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu giai đoạn %(phase)s.") % {"phase": form.instance})
        return redirect("communes:phase_list")
    title = _("Sửa giai đoạn %(phase)s") % {"phase": phase} if phase.pk else _("Thêm giai đoạn")
    return form_page(request, form, title=title, back=phase.get_absolute_url())


# ------------------------------------------------------------------ legal documents


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def document_list(request):
    documents = LegalDocument.objects.all()
    q = request.GET.get("q", "").replace("\x00", "").strip()
    if q:
        documents = documents.filter(Q(number__icontains=q) | Q(summary__icontains=q) | Q(issuer__icontains=q))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "communes/document_list.html", {"page": page, "q": q})


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def document_detail(request, pk):
    document = get_object_or_404(LegalDocument, pk=pk)
    designations = (
        Designation.objects.visible_to(request.user)
        .filter(Q(document=document) | Q(end_document=document))
        .select_related("unit", "village", "phase")
        .order_by("unit__short_name")
    )
    page = Paginator(designations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "communes/document_detail.html",
        {"document": document, "page": page, "history": history_entries(document)},
    )


@permission_required(Perm.VIEW_REGISTRY)
@require_GET
def document_file(request, pk):
    document = get_object_or_404(LegalDocument, pk=pk)
    if not document.attachment:
        raise Http404
    return FileResponse(
        document.attachment.open("rb"), as_attachment=False, filename=f"{document.number}.pdf".replace("/", "-")
    )


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def document_create(request):
    return _document_form(request, LegalDocument())


@permission_required(Perm.MANAGE_REGISTRY)
@require_http_methods(["GET", "POST"])
def document_update(request, pk):
    return _document_form(request, get_object_or_404(LegalDocument, pk=pk))


def _document_form(request, document):
    form = LegalDocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        document = form.save()
        messages.success(request, _("Đã lưu %(document)s.") % {"document": document})
        return redirect(document)
    title = _("Sửa văn bản") if document.pk else _("Thêm văn bản pháp lý")
    back = document.get_absolute_url() if document.pk else reverse("communes:document_list")
    return form_page(request, form, title=title, back=back, multipart=True)
