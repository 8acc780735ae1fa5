"""Implementation plans: the plans and their tasks, the follow-up of each task, the agency catalogue."""

from functools import partial
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from monitoring.documents.tasks import AUTHORING
from monitoring.forms.tasks import AgencyForm, PlanForm, ReportForm, SectionForm, TaskFilter, TaskForm
from monitoring.models.tasks import Agency, ImplementationPlan, PlanSection, Task, TaskProgress
from monitoring.selectors.tasks import commune_progress, tasks_by_assignee, with_related
from monitoring.services import tasks as services
from p135portal.access import Perm, permission_required, sees_whole_province
from p135portal.audit import history_entries
from p135portal.documents import docx_response, pdf_response, render_docx, render_pdf
from p135portal.documents.cache import kept_download
from p135portal.documents.types import freeze, printed, versions
from p135portal.lists import Column, list_page, xlsx
from p135portal.pages import error_text, form_page, query_without_page

PAGE_SIZE = 50
PROGRESS_SHOWN = 100  # the latest reports on a task (a task of every commune gathers many)


# ------------------------------------------------------------------ agencies


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def agency_list(request):
    agencies = (
        Agency.objects.select_related("successor").annotate(task_count=Count("tasks")).order_by("position", "name")
    )
    context = {"agencies": agencies, "today": timezone.localdate()}
    return render(request, "monitoring/tasks_agency_list.html", context)


def _agency_edit(request, agency):
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("Đã lưu cơ quan."))
        return redirect("monitoring:agency_list")
    title = _("Sửa cơ quan") if agency.pk else _("Thêm cơ quan")
    return form_page(request, form, title=title, back=reverse("monitoring:agency_list"))


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def agency_create(request):
    return _agency_edit(request, Agency())


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def agency_update(request, pk):
    return _agency_edit(request, get_object_or_404(Agency, pk=pk))


# ------------------------------------------------------------------ plans


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def plan_list(request):
    today = timezone.localdate()
    tasks = Task.objects.visible_to(request.user)
    plans = (
        ImplementationPlan.objects.visible_to(request.user)
        .annotate(
            task_count=Count("tasks", filter=Q(tasks__in=tasks)),
            done_count=Count("tasks", filter=Q(tasks__in=tasks, tasks__status=Task.Status.DONE)),
            overdue_count=Count("tasks", filter=Q(tasks__in=tasks.overdue(today))),
        )
        .order_by("-year", "-pk")
    )
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "monitoring/tasks_plan_list.html", {"page": page})


def _plans(user):
    return ImplementationPlan.objects.visible_to(user).prefetch_related("bases")


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def plan_detail(request, pk):
    plan = get_object_or_404(_plans(request.user), pk=pk)
    groups = tasks_by_assignee(Task.objects.visible_to(request.user).filter(plan=plan), list(plan.sections.all()))
    context = {
        "plan": plan,
        "groups": groups,
        "may_print": plan.is_issued or sees_whole_province(request.user),
        "today": timezone.localdate(),
        "history": history_entries(plan),
    }
    return render(request, "monitoring/tasks_plan_detail.html", context)


def _plan_edit(request, plan):
    # A draft given its number and date here is issued: it is kept as it prints then. A plan entered
    # already issued (an old plan typed in before its tasks) is kept when staff lock its print.
    was_draft = plan.pk is not None and not plan.is_issued
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        saved = form.save()
        if was_draft and saved.is_issued:
            freeze(AUTHORING, saved, actor=request.user, note=_("Ban hành"))
        elif saved.is_issued and versions(AUTHORING, saved):  # an edit of a kept plan is its next version
            freeze(AUTHORING, saved, actor=request.user, note=_("Sửa kế hoạch"))
        messages.success(request, _("Đã lưu kế hoạch; thay đổi được ghi vào lịch sử."))
        return redirect(saved)
    back = plan.get_absolute_url() if plan.pk else reverse("monitoring:plan_list")
    title = _("Sửa kế hoạch triển khai") if plan.pk else _("Lập kế hoạch triển khai")
    return form_page(request, form, title=title, back=back)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def plan_create(request):
    return _plan_edit(request, ImplementationPlan())


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def plan_update(request, pk):
    return _plan_edit(request, get_object_or_404(ImplementationPlan, pk=pk))


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def section_edit(request, pk, kind, assignee):
    """How the plan presents the tasks of one assignee: its place, its role sentence, one line of
    coordinating units. Only an assignee that has tasks in the plan has a section."""
    plan = get_object_or_404(ImplementationPlan, pk=pk)
    field = {"co-quan": "agency_id", "don-vi": "unit_id"}.get(kind)
    if field is None or not plan.tasks.filter(**{field: assignee}).exists():
        raise Http404
    section = plan.sections.filter(**{field: assignee}).first() or PlanSection(plan=plan, **{field: assignee})
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # created by someone else at the same moment
            messages.error(request, _("Phần này vừa được người khác lưu; hãy mở lại và sửa."))
            return redirect(plan)
        messages.success(request, _("Đã lưu cách trình bày phần này của kế hoạch."))
        return redirect(plan)
    name = plan.tasks.filter(**{field: assignee}).select_related("agency", "unit").first().assignee_name
    return form_page(
        request, form, title=_("Phần “%(name)s” trong kế hoạch") % {"name": name}, back=plan.get_absolute_url()
    )


def _printable(request, pk) -> ImplementationPlan:
    """A plan to print: a local officer prints only an issued plan that assigns their unit a task (the
    signed plan is sent to every assignee); a draft still under discussion stays with the province office."""
    plan = get_object_or_404(_plans(request.user), pk=pk)
    if not plan.is_issued and not sees_whole_province(request.user):
        raise Http404
    return plan


def _filename(plan: ImplementationPlan, extension: str) -> str:
    label = plan.number.replace("/", "-") if plan.is_issued else f"dự thảo {plan.year}"
    return f"Kế hoạch triển khai {label}.{extension}"


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def plan_pdf(request, pk):
    plan = _printable(request, pk)
    return pdf_response(render_pdf(printed(AUTHORING, plan)), _filename(plan, "pdf"), inline=True)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
@kept_download
def plan_docx(request, pk):
    plan = _printable(request, pk)
    return docx_response(render_docx(printed(AUTHORING, plan)), _filename(plan, "docx"))


# ------------------------------------------------------------------ tasks of a plan


def _task_edit(request, plan, task):
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_save(
                plan=plan,
                data=form.data_for_service(),
                coordinators=list(form.cleaned_data["coordinators"]),
                instance=task if task.pk else None,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect(plan)
    title = _("Sửa nhiệm vụ") if task.pk else _("Giao nhiệm vụ trong kế hoạch năm %(year)s") % {"year": plan.year}
    return form_page(request, form, title=title, back=plan.get_absolute_url())


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    plan = get_object_or_404(ImplementationPlan, pk=pk)
    return _task_edit(request, plan, Task(plan=plan))


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def task_update(request, pk):
    task = get_object_or_404(Task.objects.select_related("plan"), pk=pk)
    return _task_edit(request, task.plan, task)


@permission_required(Perm.MANAGE_MONITORING)
@require_http_methods(["GET", "POST"])
def task_delete(request, pk):
    task = get_object_or_404(Task.objects.select_related("plan"), pk=pk)
    plan = task.plan
    if request.method == "POST":
        try:
            services.task_delete(task=task, actor=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(task)
        messages.success(request, _("Đã xóa nhiệm vụ; việc xóa được ghi vào lịch sử."))
        return redirect(plan)
    title = _("Xóa nhiệm vụ “%(task)s” khỏi kế hoạch?") % {"task": task}
    return render(request, "communes/confirm_delete.html", {"title": title, "back": task.get_absolute_url()})


FILTERS = ("qua_han", "bao_cao_ky_nay", "tinh_trang", "ke_hoach", "co_quan", "q")


STATUS_BADGES = {"xong": "text-bg-success", "dang": "text-bg-primary", "chua": "text-bg-secondary"}


def task_columns(today) -> list[Column]:
    """The task list's columns: its page and its Excel export read them ("Quá hạn" read on `today`)."""
    return [
        Column(gettext_lazy("Nhiệm vụ"), attrgetter("description"), link=lambda task: task.get_absolute_url()),
        Column(gettext_lazy("Chủ trì"), attrgetter("assignee_name")),
        Column(gettext_lazy("Phối hợp"), lambda task: ", ".join(task.coordinator_names())),
        Column(gettext_lazy("Thời gian thực hiện"), attrgetter("time_text")),
        Column(gettext_lazy("Hạn"), attrgetter("deadline"), sort="deadline"),
        Column(
            gettext_lazy("Tình trạng"),
            lambda task: task.get_status_display(),
            sort="status",
            badge=lambda task: STATUS_BADGES.get(task.status, ""),
        ),
        Column(
            gettext_lazy("Quá hạn"),
            lambda task: _("Quá hạn") if task.is_overdue(today) else "",
            badge=lambda task: "text-bg-danger" if task.is_overdue(today) else "",
        ),
        Column(
            gettext_lazy("Kế hoạch"),
            lambda task: f"{task.plan.number or _('Dự thảo')} ({task.plan.year})",
            sort="plan__year",
            link=lambda task: task.plan.get_absolute_url(),
        ),
    ]


def _filtered_tasks(request, today):
    """The task list's rows for this user and these filters: what the page shows and the export writes."""
    form = TaskFilter(request.GET, user=request.user, today=today)
    return form, with_related(form.apply(Task.objects.visible_to(request.user)))


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def task_list(request):
    today = timezone.localdate()
    form, tasks = _filtered_tasks(request, today)
    row_css = partial(_overdue_row, today=today)
    table = list_page(request, tasks, task_columns(today), default_order=["plan__year", "deadline"], row_css=row_css)
    empty = _("Không có nhiệm vụ nào khớp với bộ lọc.")
    context = {**table, "form": form, "today": today, "empty": empty, "query": query_without_page(request)}
    return render(request, "monitoring/tasks_task_list.html", context)


def _overdue_row(task, *, today) -> str:
    return "table-danger" if task.is_overdue(today) else ""


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def task_export(request):
    today = timezone.localdate()
    _form, tasks = _filtered_tasks(request, today)
    tasks = tasks.order_by("plan__year", "deadline", "pk")
    filename = _("Nhiệm vụ được giao %(day)s.xlsx") % {"day": f"{today:%d-%m-%Y}"}
    return xlsx(task_columns(today), tasks, title=_("Nhiệm vụ được giao"), filename=filename)


@permission_required(Perm.VIEW_MONITORING)
@require_GET
def task_detail(request, pk):
    task = get_object_or_404(with_related(Task.objects.visible_to(request.user)), pk=pk)
    progress = TaskProgress.objects.visible_to(request.user).filter(task=task)  # a commune sees its own
    context = {
        "task": task,
        "today": timezone.localdate(),
        "progress": progress.select_related("reported_by", "unit")[:PROGRESS_SHOWN],
        "may_report": services.may_report(request.user, task),
        "communes": commune_progress(task) if task.all_communes and sees_whole_province(request.user) else None,
        "history": history_entries(task),
    }
    return render(request, "monitoring/tasks_task_detail.html", context)


@permission_required(Perm.REPORT_MONITORING)
@require_http_methods(["GET", "POST"])
def task_report(request, pk):
    task = get_object_or_404(Task.objects.visible_to(request.user).select_related("plan", "unit", "agency"), pk=pk)
    form = ReportForm(request.POST or None, initial={"status": task.status, "reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_report(task=task, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận tiến độ nhiệm vụ."))
            return redirect(task)
    title = _("Báo cáo tiến độ: %(task)s") % {"task": task}
    return form_page(request, form, title=title, back=task.get_absolute_url(), submit=_("Ghi nhận"))
