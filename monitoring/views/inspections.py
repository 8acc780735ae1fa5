"""Inspection plans, rounds with their checklist and report, and the follow-up of remediation items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communes.models import LegalDocument
from monitoring.documents.inspections import round_document
from monitoring.forms.inspections import (
    ChecklistForm,
    InspectionPlanForm,
    InspectionRoundForm,
    RemediationForm,
    RemediationStatusForm,
)
from monitoring.models import ChecklistResult, InspectionPlan, InspectionRound, Remediation
from monitoring.selectors.inspections import (
    OVERDUE,
    REMEDIATION_HEADERS,
    STATUS_FILTERS,
    plans_for,
    remediation_row,
    remediations_for,
    round_checklist,
    round_remediations,
    rounds_for,
)
from monitoring.services import inspections as services
from p135portal.access import Perm, can, permission_required, scope_path
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.excel import write_xlsx, xlsx_response
from p135portal.forms import ReopenForm, for_update
from p135portal.pages import error_text, form_page, query_without_page
from p135portal.text import clean

PAGE_SIZE = 50


def _year(request) -> int | None:
    value = request.GET.get("year", "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


# ------------------------------------------------------------------ plans


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def plan_list(request):
    plans = plans_for(request.user)
    year = _year(request)
    if year:
        plans = plans.filter(year=year)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    this_year = timezone.localdate().year
    context = {"page": page, "year": year, "query": query_without_page(request), "this_year": this_year}
    context["none_this_year"] = not InspectionPlan.objects.filter(year=this_year).exists()
    return render(request, "monitoring/inspections_plan_list.html", context)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def plan_detail(request, pk):
    plan = get_object_or_404(InspectionPlan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    rounds = rounds_for(request.user).filter(plan=plan).order_by("start_date", "pk")
    context = {"plan": plan, "rounds": rounds, "history": history_entries(plan)}
    return render(request, "monitoring/inspections_plan_detail.html", context)


def _plan_form(request, plan: InspectionPlan | None):
    initial = None if plan else {"year": timezone.localdate().year}
    form = InspectionPlanForm(request.POST or None, instance=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.plan_save(data=form.data_for_service(), instance=plan, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu kế hoạch kiểm tra."))
            return redirect(saved)
    title = _("Sửa kế hoạch kiểm tra") if plan else _("Lập kế hoạch kiểm tra")
    back = plan.get_absolute_url() if plan else reverse("monitoring:inspection_plan_list")
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def plan_create(request):
    return _plan_form(request, None)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def plan_update(request, pk):
    return _plan_form(request, get_object_or_404(InspectionPlan, pk=pk))


def _confirm_delete(request, *, title, back, delete, done):
    """The confirmation page of a deletion, then the deletion through its service."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(back)
        messages.success(request, _("Đã xóa; việc xóa được ghi vào lịch sử."))
        return redirect(done)
    return render(request, "communes/confirm_delete.html", {"title": title, "back": back})


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def plan_delete(request, pk):
    plan = get_object_or_404(InspectionPlan, pk=pk)
    return _confirm_delete(
        request,
        title=_("Xóa kế hoạch “%(plan)s”?") % {"plan": plan},
        back=plan.get_absolute_url(),
        delete=lambda: services.plan_delete(plan=plan, actor=request.user),
        done=reverse("monitoring:inspection_plan_list"),
    )


# ------------------------------------------------------------------ rounds


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def round_list(request):
    rounds = rounds_for(request.user).order_by("-start_date", "pk")
    year = _year(request)
    if year:
        rounds = rounds.filter(plan__year=year)
    page = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/inspections_round_list.html",
        {"page": page, "year": year, "query": query_without_page(request)},
    )


def _visible_round(request, pk) -> InspectionRound:
    rounds = InspectionRound.objects.visible_to(request.user).select_related("plan__unit")
    return get_object_or_404(
        rounds.prefetch_related(
            "units__parent", Prefetch("bases", queryset=LegalDocument.objects.order_by("issued_on", "number"))
        ),
        pk=pk,
    )


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def round_detail(request, pk):
    inspection = _visible_round(request, pk)
    today = timezone.localdate()
    scope = scope_path(request.user) or "/nowhere/"
    remediations = list(round_remediations(inspection, request.user))
    context = {
        "inspection": inspection,
        "units": [(unit, unit.path.startswith(scope)) for unit in inspection.units.all()],
        "checklist": round_checklist(inspection),
        "remediations": [(item, item.is_overdue(today)) for item in remediations],
        "may_report": can(request.user, Perm.REPORT_MONITORING),
        "history": history_entries(inspection),
    }
    return render(request, "monitoring/inspections_round_detail.html", context)


def _round_form(request, plan: InspectionPlan, inspection: InspectionRound | None):
    form = InspectionRoundForm(request.POST or None, instance=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.round_save(
                plan=plan,
                data=form.data_for_service(),
                units=list(form.cleaned_data["units"]),
                bases=list(form.cleaned_data["bases"]),
                instance=inspection,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu đợt kiểm tra."))
            return redirect(saved)
    if inspection:
        title, back = _("Sửa “%(round)s”") % {"round": inspection.name}, inspection.get_absolute_url()
    else:
        title, back = _("Thêm đợt kiểm tra: %(plan)s") % {"plan": plan}, plan.get_absolute_url()
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def round_create(request, pk):
    return _round_form(request, get_object_or_404(InspectionPlan, pk=pk), None)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def round_update(request, pk):
    inspection = get_object_or_404(InspectionRound.objects.select_related("plan"), pk=pk)
    return _round_form(request, inspection.plan, inspection)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def round_delete(request, pk):
    inspection = get_object_or_404(InspectionRound.objects.select_related("plan"), pk=pk)
    return _confirm_delete(
        request,
        title=_("Xóa “%(round)s” của %(plan)s?") % {"round": inspection.name, "plan": inspection.plan},
        back=inspection.get_absolute_url(),
        delete=lambda: services.round_delete(inspection=inspection, actor=request.user),
        done=inspection.plan.get_absolute_url(),
    )


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def round_checklist_edit(request, pk):
    inspection = get_object_or_404(for_update(InspectionRound.objects.select_related("plan"), request), pk=pk)
    results = ChecklistResult.history.filter(round_id=inspection.pk).aggregate(latest=Max("history_id"))
    form = ChecklistForm(request.POST or None, rows=round_checklist(inspection), version=results["latest"] or 0)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_save(inspection=inspection, results=form.results(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu kết quả kiểm tra."))
            return redirect(inspection)
    return render(request, "monitoring/inspections_checklist.html", {"inspection": inspection, "form": form})


def _report_filename(inspection: InspectionRound, extension: str) -> str:
    label = inspection.report_number.replace("/", "-") if inspection.report_number else inspection.name
    return f"Báo cáo kết quả kiểm tra {label}.{extension}"


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def round_pdf(request, pk):
    inspection = _visible_round(request, pk)
    document = round_document(inspection, request.user)
    return pdf_response(render_pdf(document), _report_filename(inspection, "pdf"), inline=True)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def round_docx(request, pk):
    inspection = _visible_round(request, pk)
    document = round_document(inspection, request.user)
    return docx_response(render_docx(document), _report_filename(inspection, "docx"))


# ------------------------------------------------------------------ remediation


def _status(request) -> str:
    status = request.GET.get("status", "")
    return status if status in dict(STATUS_FILTERS) else ""


def _search(request) -> str:
    return clean(request.GET.get("q", "").replace("\x00", ""))[:100]


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def remediation_list(request):
    status = _status(request)
    today = timezone.localdate()
    q = _search(request)
    items = remediations_for(request.user, status=status, q=q, today=today)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [(item, item.is_overdue(today)) for item in page.object_list],
        "status": status,
        "q": q,
        "filters": STATUS_FILTERS,
        "overdue": OVERDUE,
        "query": query_without_page(request),
        "may_report": can(request.user, Perm.REPORT_MONITORING),
    }
    return render(request, "monitoring/inspections_remediation_list.html", context)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def remediation_export(request):
    """The list as the user sees it (same scope, same filter), every page, in Excel."""
    status = _status(request)
    today = timezone.localdate()
    items = remediations_for(request.user, status=status, q=_search(request), today=today)
    rows = (remediation_row(number, item, today) for number, item in enumerate(items.iterator(), start=1))
    content = write_xlsx(
        title="Khắc phục sau kiểm tra",
        headers=REMEDIATION_HEADERS,
        rows=rows,
        column_widths=[6, 60, 24, 40, 12, 26, 14, 50],
    )
    suffix = f" - {dict(STATUS_FILTERS)[status].lower()}" if status else ""
    return xlsx_response(content, f"Khắc phục sau kiểm tra{suffix} {today:%d-%m-%Y}.xlsx")


def _visible_item(request, pk) -> Remediation:
    return get_object_or_404(Remediation.objects.visible_to(request.user).select_related("unit", "round__plan"), pk=pk)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def remediation_detail(request, pk):
    item = _visible_item(request, pk)
    context = {
        "item": item,
        "overdue": item.is_overdue(timezone.localdate()),
        "may_report": can(request.user, Perm.REPORT_MONITORING),
        "history": history_entries(item),
    }
    return render(request, "monitoring/inspections_remediation_detail.html", context)


def _remediation_form(request, inspection: InspectionRound, item: Remediation | None):
    form = RemediationForm(request.POST or None, instance=item, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        try:
            services.remediation_save(
                inspection=inspection, data=form.data_for_service(), instance=item, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu việc khắc phục."))
            return redirect(inspection)
    title = _("Sửa việc khắc phục") if item else _("Thêm việc khắc phục: %(round)s") % {"round": inspection.name}
    return form_page(request, form, title=title, back=inspection.get_absolute_url())


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def remediation_create(request, pk):
    return _remediation_form(request, get_object_or_404(InspectionRound, pk=pk), None)


def _open_item_or_refuse(request, pk):
    item = get_object_or_404(Remediation.objects.select_related("round"), pk=pk)
    if item.status == Remediation.Status.DONE:
        messages.error(request, _("Việc khắc phục đã hoàn thành và đã đóng: không sửa, xóa được nữa."))
        return item, redirect(item)
    return item, None


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def remediation_update(request, pk):
    item, refused = _open_item_or_refuse(request, pk)
    return refused or _remediation_form(request, item.round, item)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def remediation_delete(request, pk):
    item, refused = _open_item_or_refuse(request, pk)
    if refused:
        return refused
    back = item.round.get_absolute_url()
    return _confirm_delete(
        request,
        title=_("Xóa việc khắc phục “%(item)s”?") % {"item": item},
        back=back,
        delete=lambda: services.remediation_delete(item=item, actor=request.user),
        done=back,
    )


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def remediation_status(request, pk):
    item = _visible_item(request, pk)
    if item.status == Remediation.Status.DONE:
        messages.error(request, _("Việc khắc phục đã hoàn thành và đã đóng."))
        return redirect(item)
    form = RemediationStatusForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.remediation_set_status(
                item=item,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                closed_on=form.cleaned_data["closed_on"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã cập nhật tình hình khắc phục."))
            return redirect(item)
    title = _("Cập nhật tình hình khắc phục – %(unit)s") % {"unit": item.unit}
    return form_page(
        request,
        form,
        title=title,
        back=item.get_absolute_url(),
        template="monitoring/inspections_remediation_status.html",
        extra={"item": item},
    )


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def remediation_reopen(request, pk):
    item = get_object_or_404(Remediation.objects.select_related("unit", "round__plan"), pk=pk)
    if item.status != Remediation.Status.DONE:
        messages.error(request, _("Việc khắc phục chưa hoàn thành: không cần mở lại."))
        return redirect(item)
    form = ReopenForm(
        request.POST or None,
        help_text=_("Ví dụ: Kiểm tra lại thấy chưa bổ sung đủ hồ sơ. Được ghi vào lịch sử của việc khắc phục."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.remediation_reopen(item=item, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(request, _("Đã mở lại việc khắc phục; lý do được ghi vào lịch sử."))
            return redirect(item)
    return form_page(
        request,
        form,
        title=_("Mở lại việc khắc phục đã hoàn thành – %(unit)s") % {"unit": item.unit},
        back=item.get_absolute_url(),
        submit=_("Xác nhận mở lại"),
        template="monitoring/inspections_remediation_status.html",
        extra={"item": item},
    )
