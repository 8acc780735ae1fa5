"""Pages of class reports: the report form, its page with the office's decision, the reports of a
plan (and their Excel summary), the classes awaiting a report, and the plan against actual."""

from functools import partial
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from p135portal.access import Perm, can, permission_required, sees_whole_province
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.excel import content_disposition, xlsx_response
from p135portal.freshness import later
from p135portal.lists import Column, YearAndUnit, list_page, number_column, xlsx
from p135portal.pages import error_text, form_page, review_page, review_queue
from trainings.documents import attendance
from trainings.documents.reports import actual_document
from trainings.forms.reports import ClassReportForm, ReportFilterForm
from trainings.models import AnnualPlan, ClassReport
from trainings.selectors.reports import (
    LIST_COLUMNS,
    SUMMARY_COLUMNS,
    awaiting_report,
    own_classes,
    plan_actual,
    plan_reports,
    report_units,
    reportable_classes,
)
from trainings.services import reports as report_services

PAGE_SIZE = 50


def _visible_report(request, pk) -> ClassReport:
    queryset = ClassReport.objects.visible_to(request.user).select_related(
        "plan_class__plan", "plan_class__topic", "plan_class__local_plan__unit"
    )
    return get_object_or_404(queryset, pk=pk)


def _figures_from_list(request, plan_class, report):
    """«Điền số liệu từ danh sách»: the counts of the chosen attendance list fill the form, for the
    officer to check before sending; nothing is saved, and the list stays chosen."""
    sent = ClassReportForm(request.POST, request.FILES, instance=report, plan_class=plan_class, request=request)
    values = {name: request.POST.get(name, "") for name in sent.fields if name != "attendance_file"}
    upload = sent.files.get("attendance_file")
    try:
        if not upload:
            raise ValidationError(_("Chọn tệp danh sách học viên trước khi bấm «Điền số liệu từ danh sách»."))
        counts = attendance.read_attendance(report_services.attendance_bytes(upload))
        if counts.errors:
            raise ValidationError(counts.errors)
    except ValidationError as error:
        messages.error(request, _("Danh sách học viên chưa đọc được: %(problems)s") % {"problems": error_text(error)})
        return ClassReportForm(initial=values, instance=report, plan_class=plan_class, request=request)
    values |= counts.figures()
    form = ClassReportForm(initial=values, instance=report, plan_class=plan_class, request=request)
    form.keep("attendance_file", [upload])
    filled = _("%(participants)s học viên, %(women)s nữ, %(minority)s người DTTS") % {
        "participants": counts.participants,
        "women": counts.women,
        "minority": counts.ethnic_minority,
    }
    if counts.has_groups:
        messages.info(
            request,
            _("Đã điền số liệu từ danh sách (%(filled)s) và thành phần học viên: kiểm tra rồi bấm «Nộp báo cáo».")
            % {"filled": filled},
        )
    else:
        messages.info(
            request,
            _(
                "Đã điền số liệu từ danh sách (%(filled)s); danh sách không ghi cột «Thành phần» nên hãy"
                " điền thành phần học viên, rồi bấm «Nộp báo cáo»."
            )
            % {"filled": filled},
        )
    return form


def _report_form(request, plan_class, report=None):
    if request.method == "POST" and "read_list" in request.POST:
        form = _figures_from_list(request, plan_class, report)
    else:
        form = ClassReportForm(
            request.POST or None, request.FILES or None, instance=report, plan_class=plan_class, request=request
        )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            saved = report_services.classreport_submit(
                plan_class=plan_class,
                data=form.data_for_service(),
                attendance=form.cleaned_data["attendance_file"],
                actor=request.user,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã nộp báo cáo; Ban Dân tộc sẽ xem xét và chấp nhận hoặc trả lại."))
            return redirect(saved)
    back = report.get_absolute_url() if report else reverse("trainings:report_pending")
    return form_page(
        request,
        form,
        title=_("Báo cáo kết quả lớp “%(topic)s”") % {"topic": plan_class.topic},
        back=back,
        submit=_("Nộp báo cáo"),
        multipart=True,
        template="trainings/report_form.html",
        extra={"plan_class": plan_class, "report": report},
    )


def _refuse_unapproved(request, plan_class):
    if report_services.plan_is_approved(plan_class):
        return None
    messages.error(request, _("Kế hoạch có lớp này chưa được duyệt: chỉ báo cáo được lớp của kế hoạch đã duyệt."))
    return redirect("trainings:report_pending")


@permission_required(Perm.REPORT_CLASSES)
@require_http_methods(["GET", "POST"])
def report_create(request, pk):
    plan_class = get_object_or_404(
        reportable_classes(request.user).select_related("plan", "topic", "local_plan__unit"), pk=pk
    )
    report = ClassReport.objects.filter(plan_class=plan_class).first()
    if report is not None:
        correctable = report.is_editable and own_classes(request.user).filter(pk=plan_class.pk).exists()
        return redirect("trainings:report_update", report.pk) if correctable else redirect(report)
    if refused := _refuse_unapproved(request, plan_class):
        return refused
    return _report_form(request, plan_class)


@permission_required(Perm.REPORT_CLASSES)
@require_http_methods(["GET", "POST"])
def report_update(request, pk):
    # A report is corrected by whoever answers for it: the unit for its classes, the office for the
    # province's; the office returns a unit's report with a comment instead.
    plan_class = get_object_or_404(
        own_classes(request.user).select_related("plan", "topic", "local_plan__unit"), report__pk=pk
    )
    report = plan_class.report
    if not report.is_editable:
        messages.error(request, _("Báo cáo đã được tỉnh chấp nhận và đã khóa: không sửa được."))
        return redirect(report)
    return _report_form(request, plan_class, report)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def report_detail(request, pk):
    report = _visible_report(request, pk)
    plan_class = report.plan_class
    # The office may enter a unit's report sent on paper, but a unit's report is the unit's to correct.
    may_edit = report.is_editable and own_classes(request.user).filter(pk=plan_class.pk).exists()
    context = {
        "report": report,
        "plan_class": plan_class,
        "may_edit": may_edit,
        "may_decide": can(request.user, Perm.MANAGE_TRAININGS) and report.is_sent,
        "may_reopen": can(request.user, Perm.MANAGE_TRAININGS) and report.is_accepted,
        "history": history_entries(report),
    }
    return render(request, "trainings/report_detail.html", context)


def _report_facts(report: ClassReport) -> list[tuple[str, str]]:
    plan_class = report.plan_class
    unit = plan_class.local_plan.unit if plan_class.local_plan_id else _("Cấp tỉnh")
    return [(_("Lớp"), plan_class.topic), (_("Đơn vị"), unit), (_("Địa điểm"), plan_class.place)]


def _review(request, pk, action, service, done):
    report = _visible_report(request, pk)
    run = partial(service, report=report, actor=request.user)
    return review_page(request, report, action, run, done=done, facts=_report_facts(report))


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def report_accept(request, pk):
    done = _("Đã chấp nhận báo cáo; báo cáo đã khóa.")
    return _review(request, pk, "accept", report_services.classreport_accept, done)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def report_return(request, pk):
    done = _("Đã trả lại báo cáo cho đơn vị kèm ý kiến.")
    return _review(request, pk, "return", report_services.classreport_return, done)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def report_reopen(request, pk):
    done = _("Đã mở lại báo cáo; đơn vị sửa và nộp lại.")
    return _review(request, pk, "reopen", report_services.classreport_reopen, done)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def report_attendance(request, pk):
    report = _visible_report(request, pk)
    if not report.attendance:
        raise Http404
    try:
        file = report.attendance.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(file, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition(
        _("Danh sách học viên lớp %(pk)s.xlsx") % {"pk": report.plan_class_id}
    )
    return response


@permission_required(Perm.REPORT_CLASSES)
@require_GET
def attendance_template(request):
    return xlsx_response(attendance.template(), _("Mẫu danh sách học viên.xlsx"))


@permission_required(Perm.REPORT_CLASSES)
@require_GET
def report_pending(request):
    """What the user still has to report: classes ended without a report, and reports returned. The
    province office sees every unit's (to follow up who is late), or with ?rieng=1 only its own."""
    today = timezone.localdate()
    whole = sees_whole_province(request.user)
    own = not whole or request.GET.get("rieng") == "1"

    def lists():  # read only when the lists are not kept ({% fresh %})
        classes = awaiting_report(request.user, today, own=own)
        returned = ClassReport.objects.filter(
            plan_class__in=own_classes(request.user) if own else reportable_classes(request.user),
            status=ClassReport.Status.RETURNED,
        )
        return {
            "page": Paginator(classes, PAGE_SIZE).get_page(request.GET.get("page")),
            "returned": list(
                returned.select_related("plan_class__topic", "plan_class__local_plan__unit").order_by("reviewed_at")
            ),
        }

    context = {
        **later(lists, "page", "returned"),
        "today": today,
        "whole": whole,
        "own": own,
        "query": "rieng=1" if whole and own else "",
    }
    return render(request, "trainings/report_pending.html", context)


def _plan_filters(request, plan):
    units = report_units(plan, request.user)
    form = ReportFilterForm(request.GET or None, units=units, province=sees_whole_province(request.user))
    return form, {"status": form.value("status"), "unit": form.value("unit")}


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def report_list(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    form, filters = _plan_filters(request, plan)
    reports = plan_reports(plan, request.user, **filters)
    table = list_page(request, reports, LIST_COLUMNS, default_order=reports.query.order_by)
    query = urlencode({name: value for name, value in filters.items() if value})
    filtered = any(filters.values())
    empty = _("Chưa có báo cáo nào theo bộ lọc này.") if filtered else _("Chưa có báo cáo nào.")
    context = {**table, "plan": plan, "form": form, "query": query, "filtered": filtered, "empty": empty}
    return render(request, "trainings/report_list.html", context)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def report_export(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    _form, filters = _plan_filters(request, plan)
    filename = _("Tổng hợp báo cáo kết quả các lớp năm %(year)s.xlsx") % {"year": plan.year}
    title = _("Báo cáo lớp năm %(year)s") % {"year": plan.year}
    return xlsx(SUMMARY_COLUMNS, plan_reports(plan, request.user, **filters), title=title, filename=filename)


UNITS_PER_PAGE = 100  # rows of the plan-vs-actual table per page (a province has fewer units)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def plan_actual_view(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)

    def built():
        rows, total = plan_actual(plan, request.user)
        return {"page": Paginator(rows, UNITS_PER_PAGE).get_page(request.GET.get("page")), "total": total}

    context = {
        "plan": plan,
        **later(built, "page", "total"),  # read only when the table is not kept ({% fresh %})
        "whole_province": sees_whole_province(request.user),
    }
    return render(request, "trainings/report_plan_actual.html", context)


def _actual_document(request, pk):
    """The province's BÁO CÁO: only for those who see the whole province (an officer's page shows their
    own rows, which are not the province's report)."""
    if not sees_whole_province(request.user):
        raise Http404
    plan = get_object_or_404(AnnualPlan, pk=pk)
    rows, total = plan_actual(plan, request.user)
    return plan, actual_document(plan, rows, total)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
@kept_download
def plan_actual_pdf(request, pk):
    plan, document = _actual_document(request, pk)
    return pdf_response(render_pdf(document), f"Báo cáo kết quả nâng cao năng lực năm {plan.year}.pdf", inline=True)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
@kept_download
def plan_actual_docx(request, pk):
    plan, document = _actual_document(request, pk)
    return docx_response(render_docx(document), f"Báo cáo kết quả nâng cao năng lực năm {plan.year}.docx")


@permission_required(Perm.MANAGE_TRAININGS)
@require_GET
def report_queue(request):
    """Class reports sent and waiting for the office, oldest first, by year and unit."""
    columns = [
        Column(_("Lớp"), lambda report: report.plan_class.topic.name),
        Column(_("Đơn vị"), _report_unit, sort="plan_class__local_plan__unit__short_name"),
        Column(_("Năm"), lambda report: report.plan_class.plan.year, align="center", sort="plan_class__plan__year"),
        Column(_("Ngày học"), lambda report: f"{report.start_date:%d/%m/%Y}", sort="start_date"),
        number_column(_("Học viên"), attrgetter("participants")),
    ]
    reports = (
        ClassReport.objects.visible_to(request.user)
        .filter(status=ClassReport.Status.SENT)
        .select_related("plan_class__topic", "plan_class__plan", "plan_class__local_plan__unit", "sent_by")
    )
    form = YearAndUnit(request.GET, year_field="plan_class__plan__year", unit_field="plan_class__local_plan__unit")
    title, empty = _("Báo cáo kết quả lớp chờ chấp nhận"), _("Không có báo cáo nào chờ chấp nhận.")
    return review_queue(
        request, reports, columns, title=title, form=form, accept="trainings:report_accept", empty=empty
    )


def _report_unit(report: ClassReport) -> str:
    local_plan = report.plan_class.local_plan
    return local_plan.unit.name if local_plan else _("Cấp tỉnh")
