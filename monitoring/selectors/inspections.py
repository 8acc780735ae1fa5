"""Reads of inspections shared by the pages, the home page and the printed report."""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from communes.models import Unit
from monitoring.models import Area, ChecklistResult, InspectionPlan, InspectionRound, Remediation
from p135portal.text import search_key

# The filter of the remediation list: a status, or "quá hạn" (open and past the deadline).
OVERDUE = "qua_han"
STATUS_FILTERS = [(OVERDUE, "Quá hạn"), *Remediation.Status.choices]


def plans_for(user) -> QuerySet[InspectionPlan]:
    return (
        InspectionPlan.objects.visible_to(user)
        .select_related("unit")
        .annotate(round_count=Count("rounds", distinct=True))
        .order_by("-year", "level", "pk")
    )


def rounds_for(user) -> QuerySet[InspectionRound]:
    """The rounds the user sees, with their plan, units (one prefetch) and remediation counts in the user's scope."""
    remediations = Remediation.objects.visible_to(user).values("pk")
    return (
        InspectionRound.objects.visible_to(user)
        .select_related("plan__unit")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("level", "name")))
        .annotate(
            open_count=Count(
                "remediations",
                filter=Q(remediations__in=remediations) & ~Q(remediations__status=Remediation.Status.DONE),
            ),
        )
    )


def round_checklist(inspection: InspectionRound) -> list[ChecklistResult]:
    """The five areas in the order of Area (the order of the report)."""
    keys = list(Area.values)
    return sorted(ChecklistResult.objects.filter(round=inspection), key=lambda row: keys.index(row.area))


def round_remediations(inspection: InspectionRound, user) -> QuerySet[Remediation]:
    """The round's remediation items the user sees: all of them for the province, their unit's for an officer."""
    return (
        Remediation.objects.visible_to(user).filter(round=inspection).select_related("unit").order_by("deadline", "pk")
    )


def remediations_for(user, *, status: str = "", q: str = "", today: date) -> QuerySet[Remediation]:
    """The remediation list: the user's items, filtered by a status or by OVERDUE on `today`, and by
    words of the content or of the unit's name (typed with or without diacritics)."""
    items = Remediation.objects.visible_to(user).select_related("unit", "round__plan")
    if q:
        items = items.filter(Q(content__icontains=q) | Q(unit__search_name__contains=search_key(q)))
    if status == OVERDUE:
        items = items.overdue(today)
    elif status in Remediation.Status.values:
        items = items.filter(status=status)
    return items.order_by("deadline", "pk")


def remediation_counts(user, today: date) -> dict[str, int]:
    """Open and overdue items in the user's scope (one query)."""
    return Remediation.objects.visible_to(user).counts(today)


REMEDIATION_HEADERS = [
    "STT",
    "Nội dung khắc phục",
    "Đơn vị thực hiện",
    "Đợt kiểm tra",
    "Thời hạn",
    "Trạng thái",
    "Ngày hoàn thành",
    "Kết quả, tiến độ",
]


def remediation_row(number: int, item: Remediation, today: date) -> list:
    """One row of the remediation list as the Excel export writes it."""
    status = item.get_status_display()
    if item.is_overdue(today):
        status = f"Quá hạn ({str(status).lower()})"
    return [
        number,
        item.content,
        item.unit.name,
        f"{item.round.name} – {item.round.plan.title}",
        item.deadline,
        status,
        item.closed_on,
        item.progress_note,
    ]
