"""Periodic reports: the year's board, the schedule, a unit's submission and its review."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.models import Unit
from monitoring.documents.reports import AUTHORING, summary_document
from monitoring.forms.reports import DueDatesForm, ReportForm, ScheduleCreateForm
from monitoring.models import PeriodicReport, ReportAttachment, ReportPeriod, ReportSchedule
from monitoring.selectors import reports as selectors
from monitoring.services import reports as services
from p135portal.access import Perm, permission_required
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.documents.types import printed
from p135portal.excel import content_disposition, write_xlsx, xlsx_response
from p135portal.forms import for_update
from p135portal.freshness import later
from p135portal.lists import Column, YearAndUnit
from p135portal.pages import form_page, review_page, review_queue

PAGE_SIZE = 50
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _year(request) -> int:
    """The year asked for, else this year (a year without a schedule says so on the board)."""
    try:
        year = int(request.GET["nam"])
    except (KeyError, ValueError):
        return selectors.today().year
    return year if 2000 <= year <= 2100 else selectors.today().year


def _board(request):
    year = _year(request)
    only_open = request.GET.get("chua_xong") == "1"
    query = request.GET.get("q", "").strip()
    return selectors.board(year, request.user, selectors.today(), only_open=only_open, query=query), only_open, query


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def report_board(request):
    def built():
        board, _only_open, _query = _board(request)
        return {"board": board, "years": sorted({*selectors.schedule_years(), selectors.today().year}, reverse=True)}

    context = {
        **later(built, "board", "years"),  # read only when the board is not kept ({% fresh %})
        "year": _year(request),
        "only_open": request.GET.get("chua_xong") == "1",
        "query": request.GET.get("q", "").strip(),
        "today": selectors.today(),
        "due_soon_days": selectors.DUE_SOON_DAYS,
    }
    return render(request, "monitoring/reports_board.html", context)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def report_board_export(request):
    board, _only_open, _query = _board(request)
    headers = [
        "STT",
        "Mã",
        "Đơn vị",
        "Cấp",
        *[f"{period.get_kind_display()} (hạn {period.due_on:%d/%m/%Y})" for period in board.periods],
    ]
    rows = [
        [
            number,
            unit.code,
            unit.name,
            unit.get_level_display(),
            *[cell.text() if cell else "Không thuộc kỳ này" for cell in cells],
        ]
        for number, (unit, cells) in enumerate(board.rows, start=1)
    ]
    on = selectors.today()
    content = write_xlsx(title=f"Báo cáo định kỳ {board.year}", headers=headers, rows=rows)
    return xlsx_response(content, f"Tình hình báo cáo định kỳ năm {board.year} đến {on:%d-%m-%Y}.xlsx")


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def schedule_create(request):
    form = ScheduleCreateForm(request.POST or None, initial={"year": selectors.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            schedule = services.schedule_create(year=form.cleaned_data["year"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo lịch báo cáo định kỳ năm %(year)s với 4 kỳ.") % {"year": schedule.year})
            return redirect(schedule)
    return form_page(
        request,
        form,
        title=_("Tạo lịch báo cáo định kỳ"),
        back=reverse("monitoring:report_board"),
        submit=_("Tạo lịch"),
    )


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def schedule_update(request, pk):
    schedule = get_object_or_404(for_update(ReportSchedule.objects.all(), request), pk=pk)
    form = DueDatesForm(request.POST or None, schedule=schedule)
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_set_due_dates(schedule=schedule, due_dates=form.due_dates(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu hạn nộp; thay đổi được ghi vào lịch sử."))
            return redirect(schedule)
    due_history = sorted(
        ((period, entry) for period in form.periods for entry in history_entries(period)),
        key=lambda pair: pair[1].when,
        reverse=True,
    )
    return form_page(
        request,
        form,
        title=_("Hạn nộp báo cáo định kỳ năm %(year)s") % {"year": schedule.year},
        back=schedule.get_absolute_url(),
        template="monitoring/reports_due_dates.html",
        extra={"due_history": due_history},
    )


@permission_required(Perm.REPORT_MONITORING)
@require_GET
def unit_reports(request):
    """The officer's own unit: every period it must report for, with what it has to do."""
    unit = request.user.unit
    cells = selectors.unit_cells(unit, selectors.today()) if unit else []
    cells.reverse()  # the latest period first
    return render(request, "monitoring/reports_unit.html", {"unit": unit, "cells": cells, "today": selectors.today()})


def _own_unit(request, unit_pk) -> Unit:
    """The officer's own unit, and only it: any other unit is a 404."""
    if not request.user.unit_id or int(unit_pk) != request.user.unit_id:
        raise Http404
    return request.user.unit


def _send(request, form, period, unit) -> PeriodicReport | None:
    """Send the report as the form holds it; None (with the reason on the form) when refused."""
    try:
        report = services.report_submit(
            period=period,
            unit=unit,
            figures=form.figures(),
            narrative=form.cleaned_data["narrative"],
            attachments=form.cleaned_data["attachments"],
            remove_attachments=[attachment.pk for attachment in form.cleaned_data.get("remove_attachments", [])],
            actor=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if report.late:
        due = f"{period.due_on:%d/%m/%Y}"
        messages.warning(request, _("Đã nộp báo cáo, sau hạn nộp %(due)s: ghi nhận nộp muộn.") % {"due": due})
    else:
        messages.success(request, _("Đã nộp báo cáo; Ban Dân tộc sẽ xem xét."))
    return report


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def report_submit(request, period_pk, unit_pk):
    period = get_object_or_404(ReportPeriod.objects.select_related("schedule"), pk=period_pk)
    unit = _own_unit(request, unit_pk)
    if not selectors.is_due(period, unit):
        raise Http404
    report = PeriodicReport.objects.filter(period=period, unit=unit).first()
    back = reverse("monitoring:report_unit")
    if report is not None and report.status != PeriodicReport.Status.RETURNED:
        messages.info(request, _("Báo cáo này đã nộp (%(status)s).") % {"status": report.get_status_display().lower()})
        return redirect(report)
    known = selectors.known_figures(unit, period)
    if report is not None:
        initial = {name: getattr(report, name) for name in services.FIGURES} | {"narrative": report.narrative}
    else:
        initial = known
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial, report=report, request=request)
    if request.method == "POST" and form.is_valid():
        sent = _send(request, form, period, unit)
        if sent is not None:
            return redirect(sent)
    return form_page(
        request,
        form,
        title=_("%(period)s – %(unit)s") % {"period": period, "unit": unit},
        back=back,
        submit=_("Nộp báo cáo"),
        multipart=True,
        template="monitoring/reports_submit.html",
        extra={
            "period": period,
            "unit": unit,
            "report": report,
            "known": known,
            "today": selectors.today(),
        },
    )


def _reports(request):
    return PeriodicReport.objects.visible_to(request.user).select_related(
        "period__schedule", "unit__parent", "sent_by", "reviewed_by"
    )


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def report_detail(request, pk):
    report = get_object_or_404(_reports(request), pk=pk)
    status = selectors.cell_status(report.period, report, selectors.today())
    context = {
        "report": report,
        "attachments": list(report.attachments.all()),
        "label": selectors.STATUS_LABELS[status],
        "badge": selectors.STATUS_BADGES[status],
        "history": history_entries(report),
    }
    return render(request, "monitoring/reports_detail.html", context)


def _review(request, pk, action, service, done):
    report = get_object_or_404(_reports(request).select_related("period", "unit", "sent_by"), pk=pk)
    run = partial(service, report=report, actor=request.user)
    facts = [(_("Đơn vị"), report.unit), (_("Kỳ báo cáo"), report.period)]
    done = done % {"period": str(report.period).lower(), "unit": report.unit}
    return review_page(request, report, action, run, done=done, facts=facts)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def report_accept(request, pk):
    return _review(request, pk, "accept", services.report_accept, _("Đã chấp nhận %(period)s của %(unit)s."))


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def report_return(request, pk):
    done = _("Đã trả lại %(period)s của %(unit)s kèm ý kiến.")
    return _review(request, pk, "return", services.report_return, done)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def report_reopen(request, pk):
    done = _("Đã mở lại %(period)s của %(unit)s; đơn vị sửa và nộp lại.")
    return _review(request, pk, "reopen", services.report_reopen, done)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def report_attachment(request, pk):
    attachment = get_object_or_404(
        ReportAttachment.objects.filter(report__in=PeriodicReport.objects.visible_to(request.user)), pk=pk
    )
    extension = attachment.name[attachment.name.rfind(".") :].lower()
    inline = extension == ".pdf"
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(extension, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition(attachment.name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(report: PeriodicReport, extension: str) -> str:
    return f"{report.period} – {report.unit}.{extension}"


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def report_pdf(request, pk):
    report = get_object_or_404(_reports(request), pk=pk)
    return pdf_response(render_pdf(printed(AUTHORING, report)), _filename(report, "pdf"), inline=True)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def report_docx(request, pk):
    report = get_object_or_404(_reports(request), pk=pk)
    return docx_response(render_docx(printed(AUTHORING, report)), _filename(report, "docx"))


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download(vary=lambda request: selectors.today())
def period_summary_pdf(request, pk):
    """The province office's BÁO CÁO gathering a period's reports, scoped to the user like the board."""
    period = get_object_or_404(ReportPeriod.objects.select_related("schedule"), pk=pk)
    on = selectors.today()
    document = summary_document(selectors.period_summary(period, request.user, on), on)
    return pdf_response(render_pdf(document), f"Tổng hợp {str(period).lower()}.pdf", inline=True)


@permission_required(Perm.MANAGE_MONITORING)
@require_GET
def report_waiting(request):
    """Sent reports waiting for the office, oldest first, by year and unit."""
    columns = [
        Column(_("Kỳ báo cáo"), lambda report: str(report.period)),
        Column(_("Đơn vị"), lambda report: report.unit.name, sort="unit__short_name"),
        Column(_("Nộp muộn"), lambda report: _("nộp muộn") if report.late else "", align="center"),
    ]
    form = YearAndUnit(request.GET, year_field="period__schedule__year", unit_field="unit")
    title = _("Báo cáo định kỳ chờ xem xét")
    empty = _("Không có báo cáo nào chờ xem xét.")
    reports = selectors.reports_waiting(request.user)
    accept, template = "monitoring:report_accept", "monitoring/reports_waiting.html"
    return review_queue(
        request, reports, columns, title=title, form=form, accept=accept, empty=empty, template=template
    )
