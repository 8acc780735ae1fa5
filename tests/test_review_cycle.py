"""The one review cycle (p135portal.review) as the three reviewed things live it: local plans, class
reports and periodic reports. Accepting asks for confirmation first; the office reopens an accepted
item with a reason the unit reads and the history keeps; nothing else may reopen it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.models import PeriodicReport
from p135portal.review import Status
from tests import factories
from trainings.models import ClassReport, LocalPlan


@pytest.fixture
def items(units, staff, officer, phase, rules):
    """One sent item of each kind, of the officer's unit (Huyện Một); the local plan keeps its
    phase's rules and its share of the budget."""
    unit = units["district_one"]
    plan = factories.annual_plan(phase)
    factories.local_budget(plan, unit)
    local_plan = factories.local_plan(plan, unit, status=LocalPlan.Status.SENT, sent_at=timezone.now(), sent_by=officer)
    report = factories.class_report(factories.plan_class(plan, local_plan), sent_by=officer)
    periodic = factories.periodic_report(factories.report_period(staff), unit, officer)
    return {
        "local_plan": (local_plan, "trainings:local_plan_approve", "trainings:local_plan_reopen"),
        "class_report": (report, "trainings:report_accept", "trainings:report_reopen"),
        "periodic_report": (periodic, "monitoring:report_accept", "monitoring:report_reopen"),
    }


KINDS = ["local_plan", "class_report", "periodic_report"]


def _fresh(item):
    return type(item).objects.get(pk=item.pk)


@pytest.mark.parametrize("kind", KINDS)
def test_accepting_asks_first_and_says_what_becomes_locked(client, staff, items, kind):
    item, accept, _reopen = items[kind]
    client.force_login(staff)
    page = client.get(reverse(accept, args=[item.pk])).text
    assert str(item.locks) in page and "Hủy" in page
    assert _fresh(item).status == Status.SENT
    response = client.post(reverse(accept, args=[item.pk]))
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    accepted = _fresh(item)
    assert accepted.status == Status.ACCEPTED and accepted.reviewed_by == staff and accepted.reviewed_at


@pytest.mark.parametrize("kind", KINDS)
def test_the_office_reopens_an_accepted_item_with_a_reason_the_unit_reads(client, staff, officer, items, kind):
    item, accept, reopen = items[kind]
    client.force_login(staff)
    client.post(reverse(accept, args=[item.pk]))
    # Without a reason nothing changes.
    page = client.post(reverse(reopen, args=[item.pk]), {"reason": "   "}).text
    assert "Lý do mở lại" in page and _fresh(item).status == Status.ACCEPTED
    reason = "Chấp nhận nhầm: số học viên chưa khớp danh sách"
    response = client.post(reverse(reopen, args=[item.pk]), {"reason": reason})
    assert response.status_code == 302
    reopened = _fresh(item)
    assert reopened.status == Status.RETURNED and reopened.comment == reason
    assert reopened.history.first().history_change_reason == reason
    client.force_login(officer)
    assert reason in client.get(reverse("home")).text or reason in client.get(item.get_absolute_url()).text


@pytest.mark.parametrize("kind", KINDS)
def test_only_an_accepted_item_is_reopened_and_only_by_the_office(client, staff, officer, items, kind):
    item, _accept, reopen = items[kind]
    client.force_login(officer)
    assert client.post(reverse(reopen, args=[item.pk]), {"reason": "x"}).status_code == 403
    client.force_login(staff)
    page = client.post(reverse(reopen, args=[item.pk]), {"reason": "Sửa lại"}).text
    assert "đã chấp nhận mới cần mở lại" in page
    assert _fresh(item).status == Status.SENT


def test_the_three_reviewed_things_share_one_vocabulary_of_stored_codes():
    for model in (LocalPlan, ClassReport, PeriodicReport):
        assert dict(model._meta.get_field("status").choices) == dict(Status.choices)


def test_a_reopened_local_plan_keeps_its_reported_classes_as_they_were(client, staff, officer, items):
    from trainings.models import PlanClass

    local_plan = items["local_plan"][0]
    reported = PlanClass.objects.get(local_plan=local_plan)  # its class report is in `items`
    client.force_login(staff)
    client.post(reverse("trainings:local_plan_approve", args=[local_plan.pk]))
    client.post(reverse("trainings:local_plan_reopen", args=[local_plan.pk]), {"reason": "Bổ sung một lớp"})
    assert _fresh(local_plan).status == Status.RETURNED
    client.force_login(officer)
    response = client.post(reverse("trainings:local_class_delete", args=[reported.pk]), follow=True)
    assert response.status_code == 200 and "đã có báo cáo kết quả" in response.text
    assert PlanClass.objects.filter(pk=reported.pk).exists()
