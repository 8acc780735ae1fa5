"""Demo data of the monitoring app for seed_demo, one function per area."""

from monitoring.demo.handovers import seed_handovers
from monitoring.demo.inspections import seed_evaluations, seed_inspections
from monitoring.demo.reports import seed_reports
from monitoring.demo.tasks import seed_tasks
from p135portal.models import User


def seed_monitoring(*, actor: User) -> str:
    """Creates the demo monitoring data once; returns a line for seed_demo's output."""
    lines: list[str] = []
    lines.append(seed_reports(actor=actor))
    lines.append(seed_inspections(actor=actor))
    lines.append(seed_evaluations(actor=actor))
    lines.append(seed_tasks(actor=actor))
    lines.append(seed_handovers(actor=actor))
    return "\n".join(lines) or "Giám sát: chưa có dữ liệu mẫu."
