"""Reads of beneficiary handovers shared by the lists, the handover page and the printed minutes."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from monitoring.models.handovers import Beneficiary, Handover, HouseholdCheck, SupportItem


def handover_households(handover: Handover) -> QuerySet[Beneficiary]:
    """The households of a handover with their village and items (three queries whatever their number)."""
    return (
        Beneficiary.objects.filter(handover=handover)
        .select_related("village")
        .prefetch_related(Prefetch("items", queryset=SupportItem.objects.order_by("pk")))
        .order_by("village__name", "head_name", "pk")
    )


def _value_of(outer: str):
    items = (
        SupportItem.objects.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(total=Sum("value"))
        .values("total")
    )
    return Coalesce(Subquery(items, output_field=IntegerField()), 0)


def handovers_with_totals(handovers: QuerySet[Handover]) -> QuerySet[Handover]:
    """Each handover with its commune, number of households, of households in breach, and total value."""
    return handovers.select_related("commune").annotate(
        household_count=Count("households", distinct=True),
        breach_count=Count("households", filter=Q(households__last_result=Beneficiary.Result.BREACH), distinct=True),
        total_value=_value_of("household__handover"),
    )


def households_with_totals(households: QuerySet[Beneficiary]) -> QuerySet[Beneficiary]:
    """Each household with its handover, commune, village, the value it received and its number of checks."""
    checks = (
        HouseholdCheck.objects.filter(household=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return households.select_related("handover__commune", "village").annotate(
        total_value=_value_of("household"),
        check_count=Coalesce(Subquery(checks, output_field=IntegerField()), 0),
    )
