from django.conf import settings
from django.db.models import Count

from communes.models import Unit


def portal_province() -> Unit | None:
    """The province this portal serves, in the current two-tier system."""
    return Unit.objects.current().filter(level=Unit.Level.PROVINCE, code=settings.PORTAL_PROVINCE_CODE).first()


def home_unit(user) -> Unit | None:
    """Where the registry opens for this user: their own unit, or the province."""
    if user.unit_id:
        return user.unit
    return portal_province()


def unit_children(unit: Unit) -> list[Unit]:
    """The units directly under `unit`, each with the number of its own children."""
    return list(unit.children.annotate(child_count=Count("children")).order_by("-valid_from", "code"))


def same_code_other_period(unit: Unit):
    """The unit of the other system that carries the same code: a new unit reuses the
    code of one of its predecessors, so this is that predecessor, or that successor."""
    return Unit.objects.filter(level=unit.level, code=unit.code).exclude(pk=unit.pk).select_related("parent")
