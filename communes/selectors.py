from django.conf import settings
from django.db.models import Count, Prefetch

from communes.models import Designation, Unit, UnitLineage


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


REGISTRY_HEADERS = ["STT", "Mã", "Tên đơn vị", "Loại", "Huyện", "Tỉnh", "Diện đầu tư", "Hiệu lực"]


def with_designations(units):
    """Prefetch each unit's designations (with their phase and village) in one query."""
    return units.prefetch_related(
        Prefetch("designations", queryset=Designation.objects.select_related("phase").order_by("phase__start_year"))
    )


def designation_summary(unit: Unit) -> str:
    """ "Xã ĐBKK, Xã biên giới (2016-2020); 3 thôn ĐBKK (2016-2020)", from prefetched rows."""
    by_phase: dict[str, dict[str, int]] = {}
    for designation in unit.designations.all():
        labels = by_phase.setdefault(designation.phase.name, {})
        label = str(designation.get_category_display())
        if designation.end_date:
            label += f" đến {designation.end_date:%d/%m/%Y}"
        labels[label] = labels.get(label, 0) + 1
    parts = []
    for phase, labels in by_phase.items():
        texts = [
            f"{count} {label[0].lower()}{label[1:]}" if label.startswith("Thôn") else label
            for label, count in labels.items()
        ]
        parts.append(f"{', '.join(texts)} ({phase})")
    return "; ".join(parts)


def registry_row(number: int, unit: Unit) -> list:
    """One row of the registry list, as the page shows it and the export writes it."""
    district = unit.parent if unit.parent and unit.parent.level == Unit.Level.DISTRICT else None
    province = district.parent if district else unit.parent
    validity = (
        f"đến {unit.valid_until:%d/%m/%Y}"
        if unit.valid_until
        else (f"từ {unit.valid_from:%d/%m/%Y}" if unit.valid_from else "")
    )
    return [
        number,
        unit.code,
        unit.name,
        unit.get_kind_display(),
        district.name if district else "",
        province.name if province else "",
        designation_summary(unit),
        validity,
    ]


def predecessors_with_designations(unit: Unit, visible_from: str) -> list[tuple[UnitLineage, str]]:
    """The old units a new one was formed from (those under `visible_from`), each with its designations
    ("Xã ĐBKK (2016-2020)"), so that a new commune's page shows what its parts were (two queries)."""
    links = (
        UnitLineage.objects.filter(new=unit, old__path__startswith=visible_from)
        .select_related("old__parent")
        .prefetch_related(Prefetch("old__designations", queryset=Designation.objects.select_related("phase")))
        .order_by("old__code")
    )
    return [(link, designation_summary(link.old)) for link in links]
