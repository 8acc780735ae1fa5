"""Evaluations of a programme phase and their indicators, with the printed report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from monitoring.documents.evaluations import AUTHORING
from monitoring.forms.evaluations import EvaluationForm, IndicatorForm
from monitoring.models import Evaluation, Indicator
from monitoring.services import evaluations as services
from p135portal.access import Perm, permission_required
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.documents.types import freeze, printed
from p135portal.pages import form_page, query_without_page

PAGE_SIZE = 50


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def evaluation_list(request):
    evaluations = (
        Evaluation.objects.select_related("phase")
        .annotate(indicator_count=Count("indicators"))
        .order_by("-year", "kind", "pk")
    )
    kind = request.GET.get("kind", "")
    if kind in Evaluation.Kind.values:
        evaluations = evaluations.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "kind": kind, "kinds": Evaluation.Kind.choices, "query": query_without_page(request)}
    return render(request, "monitoring/evaluations_list.html", context)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def evaluation_detail(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("phase"), pk=pk)
    indicators = list(evaluation.indicators.all())
    context = {
        "evaluation": evaluation,
        "indicators": indicators,
        "achieved": sum(1 for indicator in indicators if indicator.achieved is True),
        "judged": sum(1 for indicator in indicators if indicator.achieved is not None),
        "history": history_entries(evaluation),
    }
    return render(request, "monitoring/evaluations_detail.html", context)


def _evaluation_form(request, evaluation: Evaluation | None):
    was_draft = evaluation is not None and not AUTHORING.is_issued(evaluation)
    form = EvaluationForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.evaluation_save(data=form.data_for_service(), instance=evaluation, actor=request.user)
            if was_draft and AUTHORING.is_issued(saved):  # numbered now: kept as it prints
                freeze(AUTHORING, saved, actor=request.user, note=_("Ban hành"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu đánh giá."))
            return redirect(saved)
    title = _("Sửa đánh giá") if evaluation else _("Thêm đánh giá")
    back = evaluation.get_absolute_url() if evaluation else reverse("monitoring:evaluation_list")
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def evaluation_create(request):
    return _evaluation_form(request, None)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def evaluation_update(request, pk):
    return _evaluation_form(request, get_object_or_404(Evaluation, pk=pk))


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def evaluation_delete(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("phase"), pk=pk)
    if request.method == "POST":
        services.evaluation_delete(evaluation=evaluation, actor=request.user)
        messages.success(request, _("Đã xóa đánh giá; việc xóa được ghi vào lịch sử."))
        return redirect("monitoring:evaluation_list")
    title = _("Xóa “%(evaluation)s” cùng các chỉ tiêu của nó?") % {"evaluation": evaluation}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": evaluation.get_absolute_url()})


def _filename(evaluation: Evaluation, extension: str) -> str:
    label = evaluation.report_number.replace("/", "-") if evaluation.report_number else str(evaluation)
    return f"Báo cáo {label}.{extension}"


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def evaluation_pdf(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("phase"), pk=pk)
    return pdf_response(render_pdf(printed(AUTHORING, evaluation)), _filename(evaluation, "pdf"), inline=True)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def evaluation_docx(request, pk):
    evaluation = get_object_or_404(Evaluation.objects.select_related("phase"), pk=pk)
    return docx_response(render_docx(printed(AUTHORING, evaluation)), _filename(evaluation, "docx"))


def _indicator_form(request, evaluation: Evaluation, indicator: Indicator | None):
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_save(
                evaluation=evaluation, data=form.data_for_service(), instance=indicator, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect(evaluation)
    title = _("Sửa chỉ tiêu") if indicator else _("Thêm chỉ tiêu: %(evaluation)s") % {"evaluation": evaluation}
    return form_page(request, form, title=title, back=evaluation.get_absolute_url())


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def indicator_create(request, pk):
    return _indicator_form(request, get_object_or_404(Evaluation.objects.select_related("phase"), pk=pk), None)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def indicator_update(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("evaluation__phase"), pk=pk)
    return _indicator_form(request, indicator.evaluation, indicator)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def indicator_delete(request, pk):
    indicator = get_object_or_404(Indicator.objects.select_related("evaluation"), pk=pk)
    evaluation = indicator.evaluation
    if request.method == "POST":
        services.indicator_delete(indicator=indicator, actor=request.user)
        messages.success(request, _("Đã xóa chỉ tiêu; việc xóa được ghi vào lịch sử."))
        return redirect(evaluation)
    title = _("Xóa chỉ tiêu “%(name)s”?") % {"name": indicator.name}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": evaluation.get_absolute_url()})
