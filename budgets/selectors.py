from collections import defaultdict
from datetime import date

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from budgets.models import Component, Execution, Fund, Share

BEHIND_RATIO = 0.5  # a unit is far behind below half of the disbursement the elapsed time calls for


def _total(kind: str):
    totals = (
        Execution.objects.filter(share=OuterRef("pk"), kind=kind)
        .values("share")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=IntegerField()), Value(0))


def shares_with_progress(shares: QuerySet[Share]) -> QuerySet[Share]:
    """Shares with what was disbursed, paid and settled against each (one query)."""
    return shares.select_related("unit__parent", "village", "allocation").annotate(
        disbursed=_total(Execution.Kind.DISBURSEMENT),
        paid=_total(Execution.Kind.PAYMENT),
        settled=_total(Execution.Kind.SETTLEMENT),
    )


def elapsed_fraction(year: int, today: date) -> float:
    """How much of `year` has passed on `today`: 0 before it, 1 after it."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if today < start:
        return 0.0
    if today > end:
        return 1.0
    return (today - start).days / (end - start).days


def is_behind(share: Share, today: date) -> bool:
    expected = share.amount * elapsed_fraction(share.allocation.year, today)
    return share.amount > 0 and share.disbursed < BEHIND_RATIO * expected


def progress_by(shares, key) -> list[dict]:
    """Totals of shares grouped by `key(share)`, each with its disbursement rate."""
    groups: dict = defaultdict(lambda: {"amount": 0, "disbursed": 0, "paid": 0, "settled": 0, "units": 0})
    for share in shares:
        group = groups[key(share)]
        group["units"] += 1
        for field in ("amount", "disbursed", "paid", "settled"):
            group[field] += getattr(share, field)
    rows = []
    for name, group in sorted(groups.items()):
        group["name"] = name
        group["rate"] = round(100 * group["disbursed"] / group["amount"], 1) if group["amount"] else None
        rows.append(group)
    return rows


def district_of(share: Share) -> str:
    """The district (before 2025) or province (after) a share's commune belongs to."""
    return share.unit.parent.name if share.unit.parent else ""


def capacity_building_funds(year: int) -> dict[str, int]:
    """The capacity-building money of `year` by source ({"trung_uong": …, "dia_phuong": …}).

    The one source of truth the trainings app reads its plan's budget and study-tour ceiling
    from.
    """
    rows = (
        Fund.objects.filter(year=year, component=Component.CAPACITY).values_list("source").annotate(total=Sum("amount"))
    )
    return dict(rows)
