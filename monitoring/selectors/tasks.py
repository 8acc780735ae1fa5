"""Reads of implementation plans shared by the plan page, the task list and the printed plan."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from communes.models import Unit
from monitoring.models.tasks import Agency, PlanSection, Task, TaskProgress
from p135portal.access import sees_whole_province


def own_unit(user) -> Unit | None:
    """The unit a local officer reports for; None for province-wide roles (what overdue() and
    report_due() take to count a task of every commune for one commune)."""
    return None if sees_whole_province(user) else user.unit


def with_related(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with their assignee, plan and coordinating agencies, in a fixed number of queries."""
    return tasks.select_related("agency", "unit", "plan").prefetch_related(
        Prefetch("coordinators", queryset=Agency.objects.order_by("position", "name"))
    )


@dataclass
class Group:
    """The tasks of one assignee, as a numbered section of the plan, with how the author presents it."""

    name: str
    tasks: list[Task]
    section: PlanSection | None
    kind: str  # "co-quan" or "don-vi", with `assignee` the id: where the section is edited
    assignee: int


def tasks_by_assignee(tasks: QuerySet[Task], sections: Sequence[PlanSection] = ()) -> list[Group]:
    """The tasks grouped by who carries them out, as the plan's numbered sections: in the order the
    author gave (a section's position), then provincial agencies in the catalogue's order, then the
    local units by name; tasks in the order entered."""
    by_agency = {section.agency_id: section for section in sections if section.agency_id}
    by_unit = {section.unit_id: section for section in sections if section.unit_id}
    groups: dict[tuple, Group] = {}
    for task in with_related(tasks).order_by("pk"):
        if task.agency_id:
            section = by_agency.get(task.agency_id)
            key = (0, task.agency.position, task.agency.name)
            group = Group(task.assignee_name, [], section, "co-quan", task.agency_id)
        else:
            section = by_unit.get(task.unit_id)
            key = (1, 0, task.unit.short_name, task.unit_id)
            group = Group(task.assignee_name, [], section, "don-vi", task.unit_id)
        placed = (0, section.position) if section and section.position else (1, 0)
        groups.setdefault((*placed, *key), group).tasks.append(task)
    return [groups[key] for key in sorted(groups)]


@dataclass
class CommuneProgress:
    """Where the communes stand on a task of every commune: each commune's last report, and how many
    communes there are."""

    latest: list[TaskProgress]
    communes: int

    def count(self, status: str) -> int:
        return sum(report.status == status for report in self.latest)

    @property
    def done(self) -> int:
        return self.count(Task.Status.DONE)

    @property
    def in_progress(self) -> int:
        return self.count(Task.Status.IN_PROGRESS)

    @property
    def silent(self) -> int:
        return max(0, self.communes - len(self.latest))


def commune_progress(task: Task) -> CommuneProgress:
    """Two queries: each commune's last report on the task, and the number of communes it is given to."""
    latest = (
        TaskProgress.objects.filter(task=task, unit__isnull=False)
        .select_related("unit")
        .order_by("unit__short_name", "unit_id", "-reported_on", "-pk")
        .distinct("unit__short_name", "unit_id")
    )
    communes = Unit.objects.current().filter(level=Unit.Level.COMMUNE, path__startswith=task.unit.path).count()
    return CommuneProgress(list(latest), communes)
