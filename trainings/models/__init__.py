"""The trainings app's models, one module per area: the annual plan, local plans and class reports."""

from trainings.models.local_plans import LocalBudget, LocalPlan  # noqa: F401
from trainings.models.plans import AnnualPlan, PlanClass, Rules, StudyTour, Topic  # noqa: F401
from trainings.models.reports import ClassReport  # noqa: F401
