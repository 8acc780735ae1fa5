"""Pages of the local plans: the plan's split among local units, each unit's plan and classes,
and the province's approval or return."""

from functools import partial

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budgets.selectors import capacity_building_funds
from p135portal.access import Perm, can, permission_required
from p135portal.audit import history_entries
from p135portal.excel import xlsx_response
from p135portal.forms import for_update
from p135portal.lists import Column, YearAndUnit, money_column, number_column
from p135portal.pages import error_text, form_page, review_page, review_queue
from trainings.documents.class_sheet import as_payload, classes_workbook, from_payload, read_classes
from trainings.forms.local_plans import ClassSheetForm, LocalBudgetsForm, LocalClassForm
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass
from trainings.selectors.local_plans import local_plan_classes, local_units
from trainings.selectors.plans import class_totals
from trainings.services import class_sheets
from trainings.services import local_plans as local_services


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def budgets_edit(request, pk):
    plan = get_object_or_404(for_update(AnnualPlan.objects.all(), request), pk=pk)
    if not plan.is_editable:
        messages.error(
            request,
            _("Kế hoạch %(status)s: không sửa phân bổ kinh phí được.") % {"status": plan.get_status_display().lower()},
        )
        return redirect(plan)
    units = local_units(plan)
    budgets = dict(LocalBudget.objects.filter(plan=plan).values_list("unit_id", "amount"))
    version = LocalBudget.history.filter(plan_id=plan.pk).aggregate(latest=Max("history_id"))["latest"] or 0
    form = LocalBudgetsForm(request.POST or None, units=units, budgets=budgets, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            local_services.local_budgets_save(plan=plan, amounts=form.amounts(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu phân bổ kinh phí cho các địa phương."))
            return redirect(plan)
    ceiling = sum(capacity_building_funds(plan.year).values())
    return render(request, "trainings/local_budgets_form.html", {"plan": plan, "form": form, "budget": ceiling})


def _local_plans(user):
    return LocalPlan.objects.visible_to(user).select_related("plan__phase", "unit")


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def local_plan_detail(request, pk):
    local_plan = get_object_or_404(_local_plans(request.user), pk=pk)
    classes = list(local_plan_classes(local_plan).select_related("report"))
    allotment = LocalBudget.objects.filter(plan_id=local_plan.plan_id, unit_id=local_plan.unit_id).first()
    totals = class_totals(classes)
    context = {
        "local_plan": local_plan,
        "plan": local_plan.plan,
        "classes": classes,
        "class_totals": totals,
        "allotment": allotment.amount if allotment else 0,
        "headroom": max((allotment.amount if allotment else 0) - totals["cost"], 0),
        "excess": max(totals["cost"] - (allotment.amount if allotment else 0), 0),
        "can_edit": local_services.enters_plan_of(request.user, local_plan.unit_id) and local_plan.is_editable,
        "is_approved": local_plan.status == LocalPlan.Status.ACCEPTED,
        "may_report": can(request.user, Perm.REPORT_CLASSES),
        "today": timezone.localdate(),
        "history": history_entries(local_plan),
    }
    return render(request, "trainings/local_plan_detail.html", context)


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_POST
def local_plan_start(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    try:
        local_plan = local_services.local_plan_start(plan=plan, unit=request.user.unit, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(plan)
    return redirect(local_plan)


def _own_plan(request, pk) -> LocalPlan:
    """The officer's own local plan; any other is a 404, even for a unit below theirs."""
    local_plan = get_object_or_404(_local_plans(request.user), pk=pk)
    if not local_services.enters_plan_of(request.user, local_plan.unit_id):
        raise Http404
    return local_plan


def _class_form_page(request, local_plan, form, title):
    if request.method == "POST" and form.is_valid():
        try:
            instance = form.instance if form.instance.pk else None
            local_services.local_class_save(
                local_plan=local_plan, data=form.data_for_service(), instance=instance, actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu lớp; thay đổi được ghi vào lịch sử."))
            return redirect(local_plan)
    return form_page(request, form, title=title, back=local_plan.get_absolute_url())


def _refuse_locked(request, local_plan):
    if local_plan.is_editable:
        return None
    messages.error(
        request,
        _("Kế hoạch %(status)s: không thêm, sửa, xóa lớp được.") % {"status": local_plan.status_label.lower()},
    )
    return redirect(local_plan)


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_http_methods(["GET", "POST"])
def local_class_create(request, pk):
    local_plan = _own_plan(request, pk)
    if refused := _refuse_locked(request, local_plan):
        return refused
    form = LocalClassForm(request.POST or None, unit_level=local_plan.unit.level)
    return _class_form_page(request, local_plan, form, _("Thêm lớp vào %(plan)s") % {"plan": local_plan})


def _own_class(request, pk) -> PlanClass:
    local_classes = PlanClass.objects.filter(local_plan__isnull=False)
    plan_class = get_object_or_404(
        local_classes.select_related("local_plan__unit", "local_plan__plan", "topic"),
        pk=pk,
    )
    _own_plan(request, plan_class.local_plan_id)
    return plan_class


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_http_methods(["GET", "POST"])
def local_class_update(request, pk):
    plan_class = _own_class(request, pk)
    if refused := _refuse_locked(request, plan_class.local_plan):
        return refused
    form = LocalClassForm(request.POST or None, instance=plan_class)
    title = _("Sửa lớp “%(topic)s”") % {"topic": plan_class.topic}
    return _class_form_page(request, plan_class.local_plan, form, title)


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_http_methods(["GET", "POST"])
def local_class_delete(request, pk):
    plan_class = _own_class(request, pk)
    local_plan = plan_class.local_plan
    if refused := _refuse_locked(request, local_plan):
        return refused
    if request.method == "POST":
        try:
            local_services.local_class_delete(plan_class=plan_class, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Đã xóa lớp; việc xóa được ghi vào lịch sử."))
        return redirect(local_plan)
    title = _("Xóa lớp “%(topic)s” khỏi kế hoạch?") % {"topic": plan_class.topic}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": local_plan.get_absolute_url()})


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_POST
def local_plan_submit(request, pk):
    local_plan = _own_plan(request, pk)
    try:
        local_services.local_plan_submit(local_plan=local_plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Đã gửi kế hoạch lên Ban Dân tộc tỉnh để duyệt."))
    return redirect(local_plan)


def _review(request, pk, action, service, done):
    local_plan = get_object_or_404(LocalPlan.objects.select_related("plan", "unit", "sent_by"), pk=pk)
    run = partial(service, local_plan=local_plan, actor=request.user)
    facts = [(_("Đơn vị"), local_plan.unit), (_("Năm"), local_plan.plan.year)]
    return review_page(request, local_plan, action, run, done=done, facts=facts)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def local_plan_approve(request, pk):
    done = _("Đã duyệt kế hoạch; kế hoạch đã khóa.")
    return _review(request, pk, "accept", local_services.local_plan_approve, done)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def local_plan_return(request, pk):
    done = _("Đã trả lại kế hoạch kèm ý kiến cho đơn vị.")
    return _review(request, pk, "return", local_services.local_plan_return, done)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def local_plan_reopen(request, pk):
    done = _("Đã mở lại kế hoạch; đơn vị sửa và gửi lại.")
    return _review(request, pk, "reopen", local_services.local_plan_reopen, done)


@permission_required(Perm.MANAGE_TRAININGS)
@require_GET
def local_plan_queue(request):
    """Local plans sent and waiting for the office's approval, oldest first, by year and unit."""
    columns = [
        Column(_("Đơn vị"), lambda local_plan: local_plan.unit.name, sort="unit__short_name"),
        Column(_("Năm"), lambda local_plan: local_plan.plan.year, align="center", sort="plan__year"),
        number_column(_("Số lớp"), lambda local_plan: local_plan.class_count),
        money_column(_("Dự toán (đồng)"), lambda local_plan: local_plan.estimated),
    ]
    plans = (
        LocalPlan.objects.visible_to(request.user)
        .filter(status=LocalPlan.Status.SENT)
        .select_related("plan", "unit", "sent_by")
        .annotate(estimated=Coalesce(Sum("classes__cost"), 0), class_count=Count("classes"))
    )
    form = YearAndUnit(request.GET, year_field="plan__year", unit_field="unit")
    title, empty = _("Kế hoạch của địa phương chờ duyệt"), _("Không có kế hoạch nào chờ duyệt.")
    return review_queue(
        request, plans, columns, title=title, form=form, accept="trainings:local_plan_approve", empty=empty
    )


# ------------------------------------------------------------------ the classes as Excel, and back

SHEET_SALT = "trainings.local_classes_sheet"
SHEET_MAX_AGE = 24 * 60 * 60  # a preview confirmed the next day is read again


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_GET
def local_classes_export(request, pk):
    local_plan = _own_plan(request, pk)
    filename = _("Các lớp %(unit)s năm %(year)s.xlsx") % {"unit": local_plan.unit.name, "year": local_plan.plan.year}
    return xlsx_response(classes_workbook(local_plan), filename)


@permission_required(Perm.EDIT_LOCAL_PLANS)
@require_http_methods(["GET", "POST"])
def local_classes_import(request, pk):
    """Upload the edited sheet → every problem, or a preview of what is added, changed, removed →
    confirm: saved all at once, checked again, or nothing."""
    local_plan = _own_plan(request, pk)
    if refused := _refuse_locked(request, local_plan):
        return refused
    form = ClassSheetForm(request.POST or None, request.FILES or None)
    context = {"local_plan": local_plan, "form": form}
    if request.method == "POST" and "payload" in request.POST:
        return _apply_sheet(request, local_plan)
    if request.method == "POST" and form.is_valid():
        try:
            sheet = read_classes(form.cleaned_data["file"], local_plan)
            changes = class_sheets.local_classes_compare(local_plan, sheet.rows)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            context["problems"] = sheet.errors + changes.problems
            context["changes"] = changes
            if not context["problems"]:
                payload = {
                    "plan": local_plan.pk,
                    "user": request.user.pk,
                    "rows": as_payload(sheet.rows),
                    "previewed": changes.touched,
                }
                context["payload"] = signing.dumps(payload, salt=SHEET_SALT, compress=True)
    return render(request, "trainings/local_classes_import.html", context)


def _apply_sheet(request, local_plan):
    try:
        payload = signing.loads(request.POST["payload"], salt=SHEET_SALT, max_age=SHEET_MAX_AGE)
        if payload["plan"] != local_plan.pk or payload["user"] != request.user.pk:
            raise signing.BadSignature
        rows = from_payload(payload["rows"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, ValidationError):
        messages.error(request, _("Bản xem trước đã hết hạn hoặc không hợp lệ: chưa lưu gì. Hãy tải tệp lên lại."))
        return redirect("trainings:local_classes_import", local_plan.pk)
    try:
        changes = class_sheets.local_classes_apply(
            local_plan=local_plan, rows=rows, previewed=payload["previewed"], actor=request.user
        )
    except ValidationError as error:
        context = {
            "local_plan": local_plan,
            "form": ClassSheetForm(),
            "problems": error.messages,
            "at_confirmation": True,
        }
        return render(request, "trainings/local_classes_import.html", context)
    messages.success(
        request,
        _("Đã cập nhật các lớp từ tệp Excel: thêm %(added)s, sửa %(changed)s, bỏ %(removed)s lớp.")
        % {"added": len(changes.added), "changed": len(changes.changed), "removed": len(changes.removed)},
    )
    return redirect(local_plan)
