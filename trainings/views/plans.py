from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budgets.models import Source
from budgets.selectors import capacity_building_funds
from communes.models import LegalDocument, Phase
from p135portal.access import Perm, permission_required, sees_whole_province
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.documents.types import printed
from p135portal.forms import ReopenForm
from p135portal.freshness import later
from p135portal.lists import xlsx
from p135portal.models import Role
from p135portal.pages import error_text, form_page
from trainings.documents.plans import AUTHORING, funds_by_source
from trainings.forms.plans import (
    AnnualPlanForm,
    ApproveForm,
    PlanClassForm,
    RulesForm,
    StudyTourForm,
    TopicForm,
)
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass, Rules, StudyTour, Topic
from trainings.selectors.local_plans import local_budgets
from trainings.selectors.plans import CLASS_COLUMNS, class_totals, plan_classes, plan_study_tours
from trainings.services import plans as plan_services


def _edit(request, form, *, title, back, success):
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, success)
        return redirect(saved)
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def rules_list(request):
    rules = Rules.objects.select_related("phase", "legal_basis")
    return render(request, "trainings/rules_list.html", {"rules": rules})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def rules_create(request):
    form = RulesForm(request.POST or None)
    return _edit(
        request,
        form,
        title=_("Quy định của giai đoạn"),
        back=reverse("trainings:rules_list"),
        success=_("Đã lưu quy định."),
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def rules_update(request, pk):
    form = RulesForm(request.POST or None, instance=get_object_or_404(Rules, pk=pk))
    return _edit(
        request,
        form,
        title=_("Sửa quy định"),
        back=reverse("trainings:rules_list"),
        success=_("Đã lưu quy định; thay đổi được ghi vào lịch sử."),
    )


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def topic_list(request):
    return render(request, "trainings/topic_list.html", {"topics": Topic.objects.all()})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def topic_create(request):
    form = TopicForm(request.POST or None)
    return _edit(
        request,
        form,
        title=_("Thêm nội dung đào tạo"),
        back=reverse("trainings:topic_list"),
        success=_("Đã thêm nội dung."),
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def topic_update(request, pk):
    form = TopicForm(request.POST or None, instance=get_object_or_404(Topic, pk=pk))
    return _edit(
        request,
        form,
        title=_("Sửa nội dung đào tạo"),
        back=reverse("trainings:topic_list"),
        success=_("Đã lưu nội dung."),
    )


# ------------------------------------------------------------------ annual plans


BUDGETS_PER_PAGE = 100  # units of the plan's allotment table per page (a province has fewer)


def _plans():
    return AnnualPlan.objects.select_related("phase").prefetch_related(
        Prefetch("bases", queryset=LegalDocument.objects.order_by("issued_on", "number"))
    )


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def plan_list(request):
    """The province's plans by year, with where the local plans stand: for the office, how many are
    made and how many wait for approval; for an officer, their own unit's plan (three queries)."""
    plans = list(AnnualPlan.objects.select_related("phase"))
    # Counted apart: one statement joining local plans and budgets multiplies their rows (millions at
    # the scale of a country).
    local_counts = {
        row["plan_id"]: row
        for row in LocalPlan.objects.values("plan_id").annotate(
            local_count=Count("pk"), waiting_count=Count("pk", filter=Q(status=LocalPlan.Status.SENT))
        )
    }
    budget_counts = dict(
        LocalBudget.objects.values("plan_id").annotate(count=Count("pk")).values_list("plan_id", "count")
    )
    for plan in plans:
        counts = local_counts.get(plan.pk, {})
        plan.local_count, plan.waiting_count = counts.get("local_count", 0), counts.get("waiting_count", 0)
        plan.budget_count = budget_counts.get(plan.pk, 0)
    user = request.user
    if user.role == Role.LOCAL_OFFICER and user.unit_id:
        own = {local_plan.plan_id: local_plan for local_plan in LocalPlan.objects.filter(unit_id=user.unit_id)}
        allotted = set(LocalBudget.objects.filter(unit_id=user.unit_id).values_list("plan_id", flat=True))
        for plan in plans:
            plan.own_plan = own.get(plan.pk)
            plan.allotted = plan.pk in allotted
    this_year = timezone.localdate().year
    has_this_year = any(plan.year == this_year for plan in plans)
    return render(
        request, "trainings/plan_list.html", {"plans": plans, "this_year": this_year, "has_this_year": has_this_year}
    )


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def plan_detail(request, pk):
    plan = get_object_or_404(_plans(), pk=pk)

    def contents():
        funds = capacity_building_funds(plan.year)
        classes = list(plan_classes(plan).select_related("report"))
        tours = list(plan_study_tours(plan))
        budgets = local_budgets(plan, request.user)
        return {
            "funds": [(Source(code).label, amount) for code, amount in funds_by_source(funds)],
            "totals": {"funds": sum(funds.values()), "tours": sum(tour.cost for tour in tours)},
            "classes": classes,
            "class_totals": class_totals(classes),
            "tours": tours,
            "ceiling": _ceiling(plan),
            "local_budgets": budgets,
            "budget_page": Paginator(budgets, BUDGETS_PER_PAGE).get_page(request.GET.get("page")),
            "local_totals": {
                "amount": sum(budget.amount for budget in budgets),
                "classes": sum(budget.local_plan.class_count for budget in budgets if budget.local_plan),
                "estimated": sum(budget.estimated for budget in budgets),
            },
            "history": history_entries(plan),
        }

    names = "funds totals classes class_totals tours ceiling local_budgets budget_page local_totals history"
    context = {
        "plan": plan,
        **later(contents, *names.split()),  # read only when the plan's contents are not kept ({% fresh %})
        "sees_province": sees_whole_province(request.user),  # the province classes' reports are theirs
        "today": timezone.localdate(),
    }
    return render(request, "trainings/plan_detail.html", context)


def _ceiling(plan: AnnualPlan, excluding: int | None = None) -> plan_services.TourCeiling | None:
    try:
        rules = plan_services.plan_rules(plan)
    except ValidationError:
        return None
    return plan_services.tour_ceiling(plan, rules, excluding=excluding)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def plan_create(request):
    year = timezone.localdate().year  # this year's plan, in the phase that holds it, unless changed
    phase = Phase.objects.filter(start_year__lte=year, end_year__gte=year).first()
    form = AnnualPlanForm(request.POST or None, initial={"year": year, "phase": phase})
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        plan = form.save()
        messages.success(request, _("Đã tạo dự thảo kế hoạch."))
        return redirect(plan)
    return form_page(request, form, title=_("Lập kế hoạch năm"), back=reverse("trainings:plan_list"))


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def plan_update(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    if not plan.is_editable:
        messages.error(
            request,
            _("Kế hoạch %(status)s không sửa được. Muốn sửa, hãy trả lại hoặc mở lại kế hoạch (có ghi lý do).")
            % {"status": plan.get_status_display().lower()},
        )
        return redirect(plan)
    form = AnnualPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("Đã lưu kế hoạch; thay đổi được ghi vào lịch sử."))
        return redirect(plan)
    return form_page(
        request, form, title=_("Sửa kế hoạch năm %(year)s") % {"year": plan.year}, back=plan.get_absolute_url()
    )


def _transition(request, pk, service, success):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    try:
        service(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(plan)


@permission_required(Perm.MANAGE_TRAININGS)
@require_POST
def plan_submit(request, pk):
    return _transition(request, pk, plan_services.plan_submit, _("Đã trình kế hoạch lên lãnh đạo."))


@permission_required(Perm.MANAGE_TRAININGS)
@require_POST
def plan_return(request, pk):
    return _transition(request, pk, plan_services.plan_return, _("Đã trả kế hoạch về dự thảo để sửa."))


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def plan_approve(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    # A plan reopened after its approval keeps its number, date and signer: offered again here.
    signed = {name: getattr(plan, name) for name in ApproveForm.base_fields if getattr(plan, name, None)}
    form = ApproveForm(request.POST or None, initial=signed)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_approve(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận kế hoạch được phê duyệt; kế hoạch đã khóa."))
            return redirect(plan)
    return form_page(
        request,
        form,
        title=_("Ghi nhận phê duyệt kế hoạch năm %(year)s") % {"year": plan.year},
        back=plan.get_absolute_url(),
        submit=_("Ghi nhận phê duyệt"),
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def plan_reopen(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    form = ReopenForm(request.POST or None, help_text=_("Được ghi vào lịch sử của kế hoạch."))
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_reopen(plan=plan, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.warning(request, _("Đã mở lại kế hoạch; việc mở lại và lý do được ghi vào lịch sử."))
            return redirect(plan)
    return render(request, "trainings/plan_reopen.html", {"plan": plan, "form": form})


def _filename(plan: AnnualPlan, extension: str) -> str:
    label = plan.number.replace("/", "-") if plan.status == AnnualPlan.Status.APPROVED else f"dự thảo {plan.year}"
    return f"Kế hoạch {label}.{extension}"


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
@kept_download
def plan_pdf(request, pk):
    plan = get_object_or_404(_plans(), pk=pk)
    return pdf_response(render_pdf(printed(AUTHORING, plan)), _filename(plan, "pdf"), inline=True)


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
@kept_download
def plan_docx(request, pk):
    plan = get_object_or_404(_plans(), pk=pk)
    return docx_response(render_docx(printed(AUTHORING, plan)), _filename(plan, "docx"))


# ------------------------------------------------------------------ classes and study tours of a plan


def _item_edit(request, plan, form, *, save, title, template="communes/form.html", extra=None):
    if request.method == "POST" and form.is_valid():
        try:
            instance = form.instance if form.instance.pk else None
            save(plan=plan, data=form.data_for_service(), instance=instance, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu; thay đổi được ghi vào lịch sử."))
            return redirect(plan)
    return form_page(request, form, title=title, back=plan.get_absolute_url(), template=template, extra=extra)


def _refuse_locked(request, plan):
    if plan.is_editable:
        return None
    messages.error(
        request,
        _("Kế hoạch %(status)s: không thêm, sửa, xóa lớp hay chuyến thăm quan được.")
        % {"status": plan.get_status_display().lower()},
    )
    return redirect(plan)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def class_create(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    if refused := _refuse_locked(request, plan):
        return refused
    form = PlanClassForm(request.POST or None)
    title = _("Thêm lớp vào kế hoạch năm %(year)s") % {"year": plan.year}
    return _item_edit(request, plan, form, save=plan_services.plan_class_save, title=title)


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def class_update(request, pk):
    plan_class = get_object_or_404(_province_classes(), pk=pk)
    if refused := _refuse_locked(request, plan_class.plan):
        return refused
    form = PlanClassForm(request.POST or None, instance=plan_class)
    title = _("Sửa lớp “%(topic)s”") % {"topic": plan_class.topic}
    return _item_edit(request, plan_class.plan, form, save=plan_services.plan_class_save, title=title)


def _province_classes():
    return PlanClass.objects.filter(local_plan__isnull=True).select_related("plan", "topic")


def _delete(request, item, title):
    plan = item.plan
    if refused := _refuse_locked(request, plan):
        return refused
    if request.method == "POST":
        try:
            plan_services.plan_item_delete(item=item, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Đã xóa; việc xóa được ghi vào lịch sử."))
        return redirect(plan)
    return render(request, "communes/confirm_delete.html", {"title": title, "back": plan.get_absolute_url()})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def class_delete(request, pk):
    plan_class = get_object_or_404(_province_classes(), pk=pk)
    return _delete(request, plan_class, _("Xóa lớp “%(topic)s” khỏi kế hoạch?") % {"topic": plan_class.topic})


def _tour_edit(request, plan, form, title):
    ceiling = _ceiling(plan, excluding=form.instance.pk)
    return _item_edit(
        request,
        plan,
        form,
        save=plan_services.study_tour_save,
        title=title,
        template="trainings/study_tour_form.html",
        extra={"ceiling": ceiling},
    )


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def tour_create(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    if refused := _refuse_locked(request, plan):
        return refused
    form = StudyTourForm(request.POST or None)
    return _tour_edit(request, plan, form, _("Thêm chuyến thăm quan học tập năm %(year)s") % {"year": plan.year})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def tour_update(request, pk):
    tour = get_object_or_404(StudyTour.objects.select_related("plan"), pk=pk)
    if refused := _refuse_locked(request, tour.plan):
        return refused
    form = StudyTourForm(request.POST or None, instance=tour)
    return _tour_edit(request, tour.plan, form, _("Sửa chuyến thăm quan “%(destination)s”") % {"destination": tour})


@permission_required(Perm.MANAGE_TRAININGS)
@require_http_methods(["GET", "POST"])
def tour_delete(request, pk):
    tour = get_object_or_404(StudyTour.objects.select_related("plan"), pk=pk)
    return _delete(request, tour, _("Xóa chuyến thăm quan “%(destination)s” khỏi kế hoạch?") % {"destination": tour})


@permission_required(Perm.VIEW_TRAININGS)
@require_GET
def plan_classes_export(request, pk):
    plan = get_object_or_404(AnnualPlan, pk=pk)
    title = _("Các lớp năm %(year)s") % {"year": plan.year}
    return xlsx(
        CLASS_COLUMNS,
        plan_classes(plan),
        title=title,
        filename=_("Các lớp cấp tỉnh năm %(year)s.xlsx") % {"year": plan.year},
    )
