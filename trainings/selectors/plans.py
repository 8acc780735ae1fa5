"""Reads of the trainings app shared by the plan page, its Excel export and the printed plan."""

from datetime import date

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from communes.models import Category, Designation, LegalDocument
from p135portal.lists import Column, number_column
from trainings.models import AnnualPlan, PlanClass, StudyTour

CLASS_TOTALS = ["days", "participants", "women", "ethnic_minority", "young_cadres", "cost"]


def plan_classes(plan: AnnualPlan) -> QuerySet[PlanClass]:
    """The province-level classes of the annual plan (not those of the local plans)."""
    classes = PlanClass.objects.filter(plan=plan, local_plan__isnull=True)
    return classes.select_related("topic").order_by("start_date", "pk")


def plan_study_tours(plan: AnnualPlan) -> QuerySet[StudyTour]:
    return StudyTour.objects.filter(plan=plan).order_by("start_date", "pk")


def class_totals(classes) -> dict[str, int]:
    """The sums of the number columns of `classes` (already fetched rows)."""
    return {name: sum(getattr(plan_class, name) for plan_class in classes) for name in CLASS_TOTALS}


def _category_words(code: str) -> str:
    """ "Xã biên giới" → "biên giới", "Xã ĐBKK" → "ĐBKK", "Khu vực III" → "khu vực III"."""
    label = str(Category(code).label).removeprefix("Xã ")
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def plan_area(plan: AnnualPlan) -> list[str]:
    """The area the plan covers, counted from the registry: for each decision, the communes and the
    villages of the plan's phase designated by it and in the programme during the plan's year,
    as the "Địa bàn thực hiện" sentences of the printed plan (two queries)."""
    first, last = date(plan.year, 1, 1), date(plan.year, 12, 31)
    rows = list(
        Designation.objects.filter(phase_id=plan.phase_id, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values("document")
        .annotate(
            communes=Count("unit", distinct=True, filter=Q(village__isnull=True)),
            villages=Count("village", distinct=True),
            village_communes=Count("unit", distinct=True, filter=Q(village__isnull=False)),
            categories=ArrayAgg("category", distinct=True, filter=Q(village__isnull=True), default=[]),
        )
        .order_by("document")
    )
    documents = LegalDocument.objects.in_bulk([row["document"] for row in rows])
    lines = []
    for row in sorted(rows, key=lambda row: (documents[row["document"]].issued_on, row["document"])):
        citation = documents[row["document"]].citation()
        if row["communes"]:
            kinds = ", ".join(_category_words(code) for code in Category.values if code in row["categories"])
            lines.append(f"{row['communes']} xã {kinds} được phê duyệt tại {citation}")
        if row["villages"]:
            lines.append(
                f"{row['villages']} thôn đặc biệt khó khăn (thuộc {row['village_communes']} xã) được phê duyệt"
                f" tại {citation}"
            )
    return lines


# The columns of a plan's classes, as the Excel export lists them (STT and the total row added).
CLASS_COLUMNS = [
    Column(gettext_lazy("Nội dung"), lambda plan_class: plan_class.topic.name),
    Column(gettext_lazy("Đối tượng"), lambda plan_class: plan_class.get_audience_display()),
    Column(gettext_lazy("Cấp"), lambda plan_class: plan_class.get_level_display()),
    Column(gettext_lazy("Địa điểm"), lambda plan_class: plan_class.place),
    Column(gettext_lazy("Từ ngày"), lambda plan_class: plan_class.start_date),
    Column(gettext_lazy("Đến ngày"), lambda plan_class: plan_class.end_date),
    number_column(gettext_lazy("Số ngày"), lambda plan_class: plan_class.days),
    number_column(gettext_lazy("Số học viên"), lambda plan_class: plan_class.participants),
    number_column(gettext_lazy("Nữ"), lambda plan_class: plan_class.women),
    number_column(gettext_lazy("DTTS"), lambda plan_class: plan_class.ethnic_minority),
    number_column(gettext_lazy("Cán bộ trẻ"), lambda plan_class: plan_class.young_cadres),
    number_column(gettext_lazy("Kinh phí (đồng)"), lambda plan_class: plan_class.cost),
]
