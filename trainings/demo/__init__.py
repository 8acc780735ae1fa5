"""Demo capacity-building data of seed_demo, one module per area."""

from p135portal.models import User
from trainings.demo.local_plans import seed_local_plans, seed_local_plans_2026
from trainings.demo.plans import seed_annual_plan, seed_annual_plan_2026, seed_rules_and_topics
from trainings.demo.reports import seed_class_reports


def seed_trainings(*, actor: User) -> str:
    return "\n".join(
        [
            seed_rules_and_topics(actor=actor),
            seed_annual_plan(actor=actor),
            seed_local_plans(actor=actor),
            seed_annual_plan_2026(actor=actor),
            seed_local_plans_2026(actor=actor),
            seed_class_reports(actor=actor),
        ]
    )
