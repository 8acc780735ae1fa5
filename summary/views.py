from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from p135portal.access import Perm, permission_required
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.excel import xlsx_response
from summary.charts import charts
from summary.documents import summary_document, summary_workbook
from summary.forms import SummaryFilterForm
from summary.selectors import Scope, summary


def _summary(request):
    form = SummaryFilterForm(request.GET, user=request.user)
    year, unit = form.choice()
    return form, summary(Scope(request.user, year, unit))


def _filename(result, extension: str) -> str:
    unit = f" {result.scope.unit.name}" if result.scope.unit else ""
    return f"Báo cáo tổng hợp năm {result.year}{unit}.{extension}"


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def dashboard(request):
    form, result = _summary(request)
    return render(request, "summary/dashboard.html", {"form": form, "summary": result, "charts": charts(result)})


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def summary_pdf(request):
    _form, result = _summary(request)
    return pdf_response(render_pdf(summary_document(result, timezone.localdate())), _filename(result, "pdf"))


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def summary_docx(request):
    _form, result = _summary(request)
    return docx_response(render_docx(summary_document(result, timezone.localdate())), _filename(result, "docx"))


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def summary_xlsx(request):
    _form, result = _summary(request)
    return xlsx_response(summary_workbook(result), _filename(result, "xlsx"))
