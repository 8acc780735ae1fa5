from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from p135portal.access import Perm, permission_required
from p135portal.documents import docx_response, pdf_response
from p135portal.documents.cache import already_rendered
from p135portal.documents.responses import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE
from p135portal.excel import content_disposition, xlsx_response
from p135portal.freshness import later
from summary.charts import charts
from summary.documents import summary_document, summary_workbook
from summary.forms import SummaryFilterForm
from summary.models import SummaryFile
from summary.selectors import Scope, cached_summary
from summary.tasks import write_summary

KEPT = timedelta(days=7)  # how long a written summary stays to be downloaded again
CONTENT_TYPES = {"pdf": PDF_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE}


def _summary(request):
    form = SummaryFilterForm(request.GET, user=request.user)
    year, unit, phase = form.choice()
    return form, cached_summary(Scope(request.user, year, unit, phase=phase))


def filename(span: str, unit, extension: str) -> str:
    return f"Báo cáo tổng hợp {span}{f' {unit.name}' if unit else ''}.{extension}"


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def dashboard(request):
    def built():
        form, result = _summary(request)
        return {"form": form, "summary": result, "charts": charts(result)}

    # read only when the dashboard is not kept ({% fresh %})
    return render(request, "summary/dashboard.html", later(built, "form", "summary", "charts"))


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def summary_download(request, extension):
    """A summary already rendered with the same content is served at once; otherwise it is written
    in the background and the person follows its progress."""
    _form, result = _summary(request)
    document = summary_document(result, timezone.localdate())
    name = filename(result.span, result.scope.unit, extension)
    if (content := already_rendered(extension, document)) is not None:
        return pdf_response(content, name) if extension == SummaryFile.Format.PDF else docx_response(content, name)
    SummaryFile.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
    asked = {"year": result.year, "phase": result.scope.phase, "unit": result.scope.unit, "format": extension}
    # Asked again while it is being written (a second click, a reload): the same one, not a new job.
    waiting = SummaryFile.Status.QUEUED, SummaryFile.Status.RUNNING
    record = SummaryFile.objects.filter(requested_by=request.user, status__in=waiting, **asked).first()
    if record is None:
        record = SummaryFile.objects.create(requested_by=request.user, filename=name, **asked)
        write_summary.enqueue(str(record.pk))
    return redirect(record)


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def summary_xlsx(request):
    _form, result = _summary(request)
    return xlsx_response(summary_workbook(result), filename(result.span, result.scope.unit, "xlsx"))


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def file_detail(request, pk):
    """The progress of a summary being written; the fragment alone for the page's polling."""
    record = get_object_or_404(SummaryFile.objects.defer("content"), pk=pk, requested_by=request.user)
    waited = timezone.now() - record.created_at
    template = "summary/_file_progress.html" if request.htmx else "summary/file_detail.html"
    stalled = (record.status == SummaryFile.Status.QUEUED and waited > timedelta(minutes=2)) or (
        record.status == SummaryFile.Status.RUNNING and waited > timedelta(minutes=10)
    )
    return render(request, template, {"record": record, "stalled": stalled})


@permission_required(Perm.VIEW_SUMMARY)
@require_GET
def file_download(request, pk):
    record = get_object_or_404(SummaryFile, pk=pk, requested_by=request.user, status=SummaryFile.Status.DONE)
    response = HttpResponse(bytes(record.content), content_type=CONTENT_TYPES[record.format])
    response["Content-Disposition"] = content_disposition(record.filename)
    return response
