"""What each role may do, and which rows each user sees: the one place that decides.

Views declare the capability they need with @permission_required(Perm.X) or, for the few
pages every signed-in user has (home, password change), @for_any_user. A test walks
every URL pattern and fails on a view that declares neither.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from p135portal.models import Role


class Perm(StrEnum):
    VIEW_REGISTRY = "view_registry"
    MANAGE_REGISTRY = "manage_registry"
    VIEW_HISTORY = "view_history"
    USE_ADMIN = "use_admin"
    VIEW_FUNDS = "view_funds"
    MANAGE_FUNDS = "manage_funds"
    RECORD_EXECUTION = "record_execution"
    VIEW_TRAININGS = "view_trainings"
    MANAGE_TRAININGS = "manage_trainings"
    EDIT_LOCAL_PLANS = "edit_local_plans"
    REPORT_CLASSES = "report_classes"
    VIEW_MONITORING = "view_monitoring"
    MANAGE_MONITORING = "manage_monitoring"
    REPORT_MONITORING = "report_monitoring"
    VIEW_SUMMARY = "view_summary"
    MANAGE_SIGNERS = "manage_signers"


RULES: dict[Perm, frozenset[Role]] = {
    Perm.VIEW_REGISTRY: frozenset(Role),
    Perm.MANAGE_REGISTRY: frozenset({Role.PROVINCE_STAFF, Role.ADMINISTRATOR}),
    Perm.VIEW_HISTORY: frozenset(Role),
    Perm.USE_ADMIN: frozenset({Role.ADMINISTRATOR}),
    Perm.VIEW_FUNDS: frozenset(Role),
    Perm.MANAGE_FUNDS: frozenset({Role.PROVINCE_STAFF, Role.ADMINISTRATOR}),
    Perm.RECORD_EXECUTION: frozenset({Role.PROVINCE_STAFF, Role.LOCAL_OFFICER, Role.ADMINISTRATOR}),
    Perm.VIEW_TRAININGS: frozenset(Role),
    Perm.MANAGE_TRAININGS: frozenset({Role.PROVINCE_STAFF, Role.ADMINISTRATOR}),
    # A local officer enters their own unit's plan; the province office approves it.
    Perm.EDIT_LOCAL_PLANS: frozenset({Role.LOCAL_OFFICER}),
    # Class reports: officers for their unit's classes, province staff for the province's.
    Perm.REPORT_CLASSES: frozenset({Role.PROVINCE_STAFF, Role.LOCAL_OFFICER}),
    Perm.VIEW_MONITORING: frozenset(Role),
    Perm.MANAGE_MONITORING: frozenset({Role.PROVINCE_STAFF, Role.ADMINISTRATOR}),
    # Acting on one's own unit's items: periodic reports, remediation, tasks, handovers.
    Perm.REPORT_MONITORING: frozenset({Role.PROVINCE_STAFF, Role.LOCAL_OFFICER, Role.ADMINISTRATOR}),
    # The dashboard and the BÁO CÁO tổng hợp, each in the reader's own scope.
    Perm.VIEW_SUMMARY: frozenset(Role),
    # The catalogue of who signs the province's documents: the office keeps it.
    Perm.MANAGE_SIGNERS: frozenset({Role.PROVINCE_STAFF, Role.ADMINISTRATOR}),
}

# Roles that see every unit of the province; a local officer sees only their own unit.
PROVINCE_WIDE = frozenset({Role.PROVINCE_STAFF, Role.LEADER, Role.ADMINISTRATOR})


def can(user, perm: Perm) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in RULES[perm])


def require(user, perm: Perm) -> None:
    """For services: refuse an actor whose role lacks `perm`, whoever calls the service."""
    if not can(user, perm):
        raise ValidationError(_("Bạn không có quyền làm việc này."), code="forbidden")


def sees_whole_province(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in PROVINCE_WIDE)


def scope_path(user) -> str | None:
    """The unit path under which the user sees everything: "/" for the whole tree,
    the officer's unit path for a local officer, None for no unit at all."""
    if sees_whole_province(user):
        return "/"
    if user.is_authenticated and user.is_active and user.role == Role.LOCAL_OFFICER and user.unit_id:
        return user.unit.path
    return None


def scope_by_unit(queryset: QuerySet, user, path_field: str) -> QuerySet:
    """Rows of `queryset` the user may see, `path_field` being the path of the row's unit.

    Province-wide roles see everything; a local officer sees their unit and everything
    under it (one indexed prefix query); anyone else sees nothing.
    """
    path = scope_path(user)
    if path == "/":
        return queryset
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path_field}__startswith": path})


class ScopedQuerySet(models.QuerySet):
    """The base of the queryset of every model a local officer can reach.

    The model declares once where the path of its row's unit is (`scope = "unit__path"`);
    `visible_to(user)` keeps the rows under the user's unit (everything for province-wide
    roles, nothing for a user without a unit). A model whose visibility is more than a path
    (a plan seen through its tasks) overrides `visible_to` in its own subclass."""

    def visible_to(self, user):
        return scope_by_unit(self, user, self.model.scope)


def permission_required(perm: Perm) -> Callable:
    """Decorator: the view answers 403 to a signed-in user whose role lacks `perm`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not can(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = perm
        return wrapper

    return decorator


def for_any_user(view):
    """Marks a view that every signed-in user may open, whatever their role."""
    view.for_any_user = True
    return view


class _Capabilities:
    """`{{ can.manage_registry }}` in templates: what the current user may do."""

    def __init__(self, user):
        self.user = user

    def __getitem__(self, name):
        return can(self.user, Perm(name))


def context_processor(request):
    return {"can": _Capabilities(request.user)}
