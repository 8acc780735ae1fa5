"""What each role's home page shows, gathered from every app.

An app registers, in its AppConfig.ready(), functions that take the user and return
what waits for them (`@waiting`) or headline figures (`@figures`), or that take the request
and return a whole section (`@panel`: the leader's dashboard). The functions scope
their own queries with visible_to(user) and must issue a bounded number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from p135portal.access import Perm, can
from p135portal.freshness import fresh
from p135portal.models import Role, User
from p135portal.numbers import group_thousands


@dataclass(frozen=True)
class Waiting:
    """Something that waits for the user: `count` items behind `url`, with an optional `note`
    (such as the comment of whoever returned the item). `owed` marks what units owe the office
    (late reports, overdue remediation …): the office follows it up, but it is not the office's own
    action, and the home page shows it apart from what the user must act on."""

    label: str
    count: int
    url: str
    note: str = ""
    owed: bool = False


@dataclass(frozen=True)
class Figure:
    """A headline figure: a label, a value already formatted, a short note."""

    label: str
    value: str
    note: str = ""
    url: str = ""


_WAITING: list[Callable] = []
_FIGURES: list[Callable] = []
_PANELS: list[Callable] = []


def waiting(provider: Callable) -> Callable:
    _WAITING.append(provider)
    return provider


def figures(provider: Callable) -> Callable:
    _FIGURES.append(provider)
    return provider


def panel(provider: Callable) -> Callable:
    """Registers a function that takes the request and returns a rendered section of the home page
    (the leader's dashboard), or "" for a user it is not for."""
    _PANELS.append(provider)
    return provider


def panels_for(request) -> list[str]:
    return [html for provider in _PANELS if (html := provider(request))]


def waiting_for(user) -> list[Waiting]:
    return [item for provider in _WAITING for item in provider(user) if item.count]


def figures_for(user) -> list[Figure]:
    return [figure for provider in _FIGURES for figure in provider(user)]


def home_items(user) -> tuple[list[Waiting], list[Figure]]:
    """What waits for the user and their figures, computed once until the data or the day changes
    (one cache read for both). Not for administrators: locked sign-ins expire with time, not with a
    write to the portal's data."""

    def compute():
        return waiting_for(user), figures_for(user)

    if can(user, Perm.USE_ADMIN):
        return compute()
    return fresh(f"home:{user.pk}:{user.role}:{user.unit_id}:{timezone.localdate()}", compute)


@waiting
def locked_accounts(user) -> list[Waiting]:
    """For administrators: sign-ins locked after repeated failures, to unlock if genuine."""

    if not can(user, Perm.USE_ADMIN):
        return []
    count = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).count()
    return [
        Waiting(
            _("Lượt đăng nhập đang bị tạm khóa do nhập sai mật khẩu"),
            count,
            reverse("admin:axes_accessattempt_changelist"),
        )
    ]


@figures
def users_by_role(user) -> list[Figure]:
    """For administrators: active accounts per role (one query)."""

    if not can(user, Perm.USE_ADMIN):
        return []
    counts = dict(User.objects.filter(is_active=True).values_list("role").annotate(n=Count("pk")))
    url = reverse("admin:p135portal_user_changelist")
    rows = [(role.label, counts.get(role.value, 0)) for role in Role] + [(_("Chưa có vai trò"), counts.get("", 0))]
    return [Figure(str(label), group_thousands(n), note=_("tài khoản đang hoạt động"), url=url) for label, n in rows]
