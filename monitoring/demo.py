"""Demo data of the monitoring app for seed_demo, one function per area."""

from monitoring.demo_reports import seed_reports
from p135portal.models import User


def seed_monitoring(*, actor: User) -> str:
    """Creates the demo monitoring data once; returns a line for seed_demo's output."""
    lines: list[str] = []
    lines.append(seed_reports(actor=actor))
    return "\n".join(lines) or "Giám sát: chưa có dữ liệu mẫu."
