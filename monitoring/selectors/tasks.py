"""Reads of implementation plans shared by the plan page, the task list and the printed plan."""

from django.db.models import Prefetch, QuerySet

from monitoring.models.tasks import Agency, Task


def with_related(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with their assignee, plan and coordinating agencies, in a fixed number of queries."""
    return tasks.select_related("agency", "unit", "plan").prefetch_related(
        Prefetch("coordinators", queryset=Agency.objects.order_by("position", "name"))
    )


def tasks_by_assignee(tasks: QuerySet[Task]) -> list[tuple[str, list[Task]]]:
    """The tasks grouped by who carries them out, as the plan's numbered subsections: provincial
    agencies in the catalogue's order, then the local units by name; tasks in the order entered."""
    groups: dict[tuple, tuple[str, list[Task]]] = {}
    for task in with_related(tasks).order_by("pk"):
        if task.agency_id:
            key = (0, task.agency.position, task.agency.name)
        else:
            key = (1, 0, task.unit.short_name, task.unit_id)
        groups.setdefault(key, (task.assignee_name, []))[1].append(task)
    return [groups[key] for key in sorted(groups)]
