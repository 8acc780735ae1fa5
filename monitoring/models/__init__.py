"""The monitoring app's models, one module per area: inspections, periodic reports,
evaluations, implementation plans and beneficiary handovers."""

from monitoring.models.reports import PeriodicReport, ReportAttachment, ReportPeriod, ReportSchedule  # noqa: F401
