"""Reads of the trainings app shared by the plan page, its Excel export and the printed plan."""

from django.db.models import QuerySet

from trainings.models import AnnualPlan, PlanClass, StudyTour

CLASS_TOTALS = ["days", "participants", "women", "ethnic_minority", "young_cadres", "cost"]


def plan_classes(plan: AnnualPlan) -> QuerySet[PlanClass]:
    return PlanClass.objects.filter(plan=plan).select_related("topic").order_by("start_date", "pk")


def plan_study_tours(plan: AnnualPlan) -> QuerySet[StudyTour]:
    return StudyTour.objects.filter(plan=plan).order_by("start_date", "pk")


def class_totals(classes) -> dict[str, int]:
    """The sums of the number columns of `classes` (already fetched rows)."""
    return {name: sum(getattr(plan_class, name) for plan_class in classes) for name in CLASS_TOTALS}
