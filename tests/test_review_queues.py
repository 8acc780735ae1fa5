"""The office's review queues (local plans, class reports, periodic reports waiting): filters,
sorting, paging, how long each has waited, a bounded number of queries, and no error on bad input."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.conftest import make_unit
from trainings.models import LocalPlan

# Each queue with how it sorts by unit.
BY_UNIT = {
    "trainings:local_plan_queue": "unit__short_name",
    "trainings:report_queue": "plan_class__local_plan__unit__short_name",
    "monitoring:report_waiting": "unit__short_name",
}
QUEUES = list(BY_UNIT)


@pytest.fixture
def waiting(units, staff, phase):
    """Two local plans, two class reports and two periodic reports sent: Huyện Một's five days ago,
    Huyện Hai's today."""
    now = timezone.now()
    plan = factories.annual_plan(phase)
    period = factories.report_period(staff)
    for key, sent in (("district_one", now - timedelta(days=5)), ("district_two", now)):
        local_plan = factories.local_plan(plan, units[key], status=LocalPlan.Status.SENT, sent_at=sent, sent_by=staff)
        factories.class_report(factories.plan_class(plan, local_plan), sent_at=sent, sent_by=staff)
        factories.periodic_report(period, units[key], staff, sent_at=sent)
    return units


@pytest.mark.parametrize("queue", QUEUES)
def test_a_queue_lists_the_oldest_first_with_how_long_each_has_waited(client, staff, waiting, queue):
    client.force_login(staff)
    page = client.get(reverse(queue)).text
    assert page.index("Huyện Một") < page.index("Huyện Hai")
    assert "5 ngày" in page and "hôm nay" in page
    # Sorted by unit name: Huyện Hai before Huyện Một.
    page = client.get(reverse(queue), {"sort": BY_UNIT[queue]}).text
    assert page.index("Huyện Hai") < page.index("Huyện Một")


@pytest.mark.parametrize("queue", QUEUES)
def test_a_queue_filters_by_unit_name_typed_without_tone_marks(client, staff, waiting, queue):
    client.force_login(staff)
    page = client.get(reverse(queue), {"q": "huyen hai"}).text
    assert "Huyện Hai" in page and "Huyện Một" not in page
    page = client.get(reverse(queue), {"nam": "2001"}).text
    assert "Huyện Hai" not in page and "Huyện Một" not in page


@pytest.mark.parametrize("queue", QUEUES)
def test_a_queue_answers_bad_input_with_the_list_not_an_error(client, staff, waiting, queue):
    client.force_login(staff)
    for query in ({"nam": "abc"}, {"sort": "password"}, {"page": "-1"}, {"q": "x" * 500}, {"nam": "99999999999"}):
        response = client.get(reverse(queue), query)
        assert response.status_code == 200, query


@pytest.mark.parametrize("queue", QUEUES)
def test_each_row_leads_to_the_confirmation_page_and_back_to_the_queue(client, staff, waiting, queue):
    client.force_login(staff)
    url = reverse(queue) + "?q=huyen+mot"
    page = client.get(url).text
    assert "next=" in page and "…</a>" in page


def test_a_queue_reads_a_bounded_number_of_queries_whatever_its_length(
    client, staff, units, phase, django_assert_max_num_queries
):
    plan = factories.annual_plan(phase)
    for number in range(60):
        unit = make_unit(f"9{number:03d}", f"Huyện Số {number}", "district", "huyen", units["province"])
        factories.local_plan(plan, unit, status=LocalPlan.Status.SENT, sent_at=timezone.now(), sent_by=staff)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("trainings:local_plan_queue")).text
    assert "Trang 1 / 2" in page


def test_officers_have_no_queue(client, officer):
    client.force_login(officer)
    for queue in QUEUES:
        assert client.get(reverse(queue)).status_code == 403
