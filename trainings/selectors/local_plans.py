"""Reads of local plans: their classes, the budget split and the units that share it."""

from datetime import date

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

from communes.models import Unit
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, PlanClass

CLASS_TOTALS = ["days", "participants", "women", "ethnic_minority", "young_cadres", "cost"]


def local_plan_classes(local_plan: LocalPlan) -> QuerySet[PlanClass]:
    return PlanClass.objects.filter(local_plan=local_plan).select_related("topic").order_by("start_date", "pk")


def local_budgets(plan: AnnualPlan, user) -> list[LocalBudget]:
    """The plan's split among local units that `user` may see, each with `local_plan` (or None)
    and `estimated` (the cost of its classes) read in two queries."""
    budgets = list(LocalBudget.objects.filter(plan=plan).visible_to(user).select_related("unit").order_by("unit__code"))
    plans = {
        local_plan.unit_id: local_plan
        for local_plan in LocalPlan.objects.filter(plan=plan, unit__in=[budget.unit_id for budget in budgets]).annotate(
            estimated=Coalesce(Sum("classes__cost"), 0), class_count=Count("classes")
        )
    }
    for budget in budgets:
        budget.local_plan = plans.get(budget.unit_id)
        budget.estimated = budget.local_plan.estimated if budget.local_plan else 0
    return budgets


def local_units(plan: AnnualPlan) -> QuerySet[Unit]:
    """The units a plan's budget is split among: the districts of the province before the 2025
    reform, its communes after (the children of the province valid on 1 January of the year)."""
    first_day = date(plan.year, 1, 1)
    return (
        Unit.objects.current(first_day)
        .filter(parent__level=Unit.Level.PROVINCE, parent__code=settings.PORTAL_PROVINCE_CODE)
        .order_by("code")
    )
