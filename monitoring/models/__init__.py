"""The monitoring app's models, one module per area: inspections, periodic reports,
evaluations, implementation plans and beneficiary handovers."""

from monitoring.models.evaluations import Evaluation, Indicator  # noqa: F401
from monitoring.models.handovers import Beneficiary, Handover, HouseholdCheck, SupportItem  # noqa: F401
from monitoring.models.inspections import (  # noqa: F401
    Area,
    ChecklistResult,
    InspectionPlan,
    InspectionRound,
    Method,
    Remediation,
)
from monitoring.models.reports import (  # noqa: F401
    PeriodicReport,
    ReportAttachment,
    ReportingRegime,
    ReportPeriod,
    ReportSchedule,
)
from monitoring.models.tasks import Agency, ImplementationPlan, PlanSection, Task, TaskProgress  # noqa: F401
