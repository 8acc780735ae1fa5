"""Writes of implementation plans: the tasks and their follow-up, with their rules."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from communes.models import Unit
from communes.selectors import portal_province
from monitoring.models.tasks import Agency, ImplementationPlan, Task, TaskProgress
from p135portal.access import Perm, require, sees_whole_province
from p135portal.models import User

ALL_COMMUNES_ALONE = _lazy("Nhiệm vụ giao cho tất cả các xã, phường thì không chọn thêm cơ quan hay đơn vị chủ trì.")
TASK_FIELDS = [
    "agency",
    "unit",
    "all_communes",
    "description",
    "coordinators_other",
    "time_kind",
    "year",
    "period",
    "due_date",
    "time_note",
    "repeat",
]


def _time_problem(data: dict) -> ValidationError | None:
    kind = data.get("time_kind")
    if kind == Task.TimeKind.DATE and not data.get("due_date"):
        return ValidationError(_("Hãy nhập ngày phải hoàn thành."), code="no_due_date")
    if kind == Task.TimeKind.TEXT and not (data.get("time_note") or "").strip():
        return ValidationError(_("Hãy ghi thời gian thực hiện như văn bản ghi."), code="no_time_note")
    if kind in (Task.TimeKind.MONTH, Task.TimeKind.QUARTER):
        if not data.get("year"):
            return ValidationError(_("Hãy nhập năm của tháng hoặc quý."), code="no_year")
        top = 12 if kind == Task.TimeKind.MONTH else 4
        if not data.get("period") or not 1 <= data["period"] <= top:
            return ValidationError(_("Tháng phải từ 1 đến 12, quý từ 1 đến 4."), code="bad_period")
    return None


@transaction.atomic
def task_save(
    *,
    plan: ImplementationPlan,
    data: dict,
    coordinators: list[Agency],
    instance: Task | None = None,
    actor: User,
) -> Task:
    """Add a task to a plan, or change one: one assignee (an agency or a unit), a complete time,
    coordinating agencies other than the assignee. The fields of time that the kind does not use
    are cleared, so the deadline is always the one the printed time says."""
    require(actor, Perm.MANAGE_MONITORING)
    if instance is not None and instance.plan_id != plan.pk:
        raise ValidationError(_("Nhiệm vụ này không thuộc kế hoạch."), code="wrong_plan")
    if data.get("all_communes"):
        province = portal_province()
        if province is None:
            raise ValidationError(_("Chưa có tỉnh của cổng trong danh mục đơn vị."), code="no_province")
        if data.get("agency") or data.get("unit") not in (None, province):
            raise ValidationError(ALL_COMMUNES_ALONE, code="one_assignee")
        data = {**data, "unit": province}
    elif bool(data.get("agency")) == bool(data.get("unit")):
        raise ValidationError(
            _("Chọn đúng một nơi chủ trì: một cơ quan cấp tỉnh hoặc một UBND huyện, xã."), code="one_assignee"
        )
    unit = None if data.get("all_communes") else data.get("unit")
    if unit is not None and unit.level not in (Unit.Level.DISTRICT, Unit.Level.COMMUNE):
        raise ValidationError(_("Đơn vị chủ trì phải là một huyện hoặc một xã."), code="unit_level")
    if unit is not None and not Unit.objects.of_portal_province().filter(pk=unit.pk).exists():
        raise ValidationError(_("Đơn vị chủ trì phải thuộc tỉnh."), code="outside_province")
    if problem := _time_problem(data):
        raise problem
    if data.get("agency") and data["agency"] in coordinators:
        raise ValidationError(
            _("%(agency)s đã chủ trì nhiệm vụ này, không đồng thời là cơ quan phối hợp."),
            code="coordinator_is_assignee",
            params={"agency": data["agency"]},
        )
    kind = data["time_kind"]
    values = {name: data.get(name) for name in TASK_FIELDS}
    values["coordinators_other"] = values["coordinators_other"] or ""
    values["repeat"] = values["repeat"] or ""
    values["all_communes"] = bool(values["all_communes"])
    if kind != Task.TimeKind.DATE:
        values["due_date"] = None
    if kind not in (Task.TimeKind.MONTH, Task.TimeKind.QUARTER):
        values["year"] = values["period"] = None
    values["time_note"] = (values["time_note"] or "") if kind == Task.TimeKind.TEXT else ""
    task = Task.objects.select_for_update().get(pk=instance.pk) if instance is not None else Task(plan=plan)
    for name, value in values.items():
        setattr(task, name, value)
    task._history_user = actor
    task.full_clean(exclude=["coordinators"])
    task.save()
    task.coordinators.set(coordinators)
    return task


@transaction.atomic
def task_delete(*, task: Task, actor: User) -> None:
    """Remove a task from its plan; a task already reported on keeps its reports, so it stays."""
    require(actor, Perm.MANAGE_MONITORING)
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.progress.exists():
        raise ValidationError(_("Nhiệm vụ đã có báo cáo tiến độ, không xóa được."), code="has_progress")
    task._history_user = actor
    task.delete()


def may_report(user: User, task: Task) -> bool:
    """Province staff report on any task; a local officer only on the tasks of their own unit (or
    below), and on a task of every commune for their own commune."""
    if sees_whole_province(user):
        return True
    if not (user.unit_id and task.unit_id):
        return False
    if task.all_communes:
        return user.unit.level == Unit.Level.COMMUNE and user.unit.path.startswith(task.unit.path)
    return task.unit.path.startswith(user.unit.path)


def commune_status(task: Task, unit: Unit) -> str:
    """The status a commune last reported on a task of every commune (not started before any)."""
    last = TaskProgress.objects.filter(task=task, unit=unit).order_by("-reported_on", "-pk").first()
    return last.status if last else Task.Status.NOT_STARTED


@transaction.atomic
def task_report(
    *,
    task: Task,
    status: str,
    reported_on: date,
    note: str,
    actor: User,
    today: date | None = None,
) -> Task:
    """Record the progress of a task: its new status, with the date and a note (the result, when done).

    A task marked done takes the report's date as its completion date and the note as its result;
    a done task reopened (marked in progress again) loses them, the report keeps them in the follow-up.
    """
    today = today or timezone.localdate()
    task = Task.objects.select_for_update(of=("self",)).select_related("unit", "plan").get(pk=task.pk)
    if not may_report(actor, task):
        raise ValidationError(_("Bạn chỉ báo cáo được nhiệm vụ giao cho đơn vị mình."), code="not_your_task")
    if status not in Task.Status.values:
        raise ValidationError(_("Tình trạng không hợp lệ."), code="bad_status")
    if reported_on > today:
        raise ValidationError(_("Ngày báo cáo không được sau hôm nay."), code="future_date")
    if task.plan.signed_on and reported_on < task.plan.signed_on:
        raise ValidationError(
            _("Ngày báo cáo không được trước ngày ban hành kế hoạch (%(date)s)."),
            code="before_plan",
            params={"date": f"{task.plan.signed_on:%d/%m/%Y}"},
        )
    note = note.strip()
    if status == Task.Status.DONE and not note:
        raise ValidationError(_("Hoàn thành nhiệm vụ phải ghi kết quả thực hiện."), code="no_result")
    # On a task of every commune a commune officer reports for their commune: the task's own status
    # is the office's to set once the communes have done their part.
    commune = actor.unit if task.all_communes and not sees_whole_province(actor) else None
    before = commune_status(task, commune) if commune else task.status
    if status == before and not note:
        raise ValidationError(_("Tình trạng không đổi: hãy ghi nội dung tiến độ."), code="nothing_reported")
    progress = TaskProgress(
        task=task, unit=commune, reported_on=reported_on, status=status, note=note, reported_by=actor
    )
    progress._history_user = actor
    if commune is not None:
        progress.save()
        return task
    task.status = status
    if status == Task.Status.DONE:
        task.done_on, task.result = reported_on, note
    else:
        task.done_on, task.result = None, ""
    task._history_user = actor
    task.full_clean(exclude=["coordinators"])
    task.save()
    progress.save()
    return task
