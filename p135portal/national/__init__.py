"""National-scale data for the benchmark (seed_demo --scale national): every unit of the country in
both systems, villages under every current commune, designations of a share of the communes, a year
of periodic reports from every current commune, five years of capacity-building plans (2022-2026)
with the local plans of every district (to 2025) and every current commune (2026), their classes and
class reports, allocations of funds to every designated commune with their disbursement, and
inspections with remediation. Rows are written in bulk (one statement per batch), so the whole
country is in place in minutes on a small machine; `fraction` scales the rows down (0.1 for the
one-tenth data set the benchmark compares against). Idempotent: what exists is left as it is, and
each year of each area is written in one transaction, all or nothing.

The whole country is treated as the portal's area: the portal's own write rules keep a province's
local plans and inspections to its own units, so these rows are written directly, while every other
rule (statuses, dates in the year, caps of a class, allotments, disbursed ≤ allocated) is kept.
"""

import random
import time
from collections.abc import Callable, Collection
from datetime import date

from django.db import connection
from django.utils import timezone

from communes.models import Unit
from communes.services import units_load
from p135portal.models import User
from p135portal.national.base import MARK, PLAN_YEARS, _designations, _reports, _villages
from p135portal.national.funds import _allocations
from p135portal.national.inspections import _inspections
from p135portal.national.trainings import _trainings
from p135portal.numbers import group_thousands

__all__ = ["MARK", "seed_national"]


def seed_national(
    *,
    actor: User,
    fraction: float = 1.0,
    say: Callable[[str], None] = print,
    province_codes: Collection[str] | None = None,
) -> None:
    """`province_codes` loads the units of those provinces only (a test's few seconds) instead of the
    whole country's; the rows are then made for the units loaded."""
    started = time.monotonic()
    rng = random.Random(17)
    today = timezone.localdate()
    units_load(province_codes=province_codes)
    say(f"Đơn vị hành chính cả nước: {group_thousands(Unit.objects.count())} đơn vị")
    communes = list(Unit.objects.current().filter(level=Unit.Level.COMMUNE).order_by("code"))
    communes = communes[: max(1, round(len(communes) * fraction))]
    districts = list(Unit.objects.current(date(PLAN_YEARS[0], 1, 1)).filter(level=Unit.Level.DISTRICT).order_by("code"))
    districts = districts[: max(1, round(len(districts) * fraction))]
    _villages(communes, say)
    _designations(rng, fraction, say)
    _reports(communes, actor, rng, say)
    _trainings(districts, communes, actor, today, say)
    _allocations(actor, today, say)
    _inspections(districts, communes, today, say)
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would gather them later
        cursor.execute("ANALYZE")
    say(f"Xong trong {time.monotonic() - started:.0f} giây.")
