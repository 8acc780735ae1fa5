"""A form is acted on once: a double click or a retry on a slow network stores one row, two
requests racing for the same row answer a message, and of ten saves from the same version of a
row exactly one gets through. Requests are real HTTP, sent by threads at the same moment to the
live test server."""

import re
import threading
from datetime import date
from functools import partial
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from django.conf import settings
from django.urls import reverse

from budgets.models import Fund
from monitoring.models.handovers import Handover
from monitoring.models.reports import ReportSchedule
from p135portal.models import SentForm
from tests.conftest import PASSWORD
from tests.test_monitoring_handovers import handover_data
from trainings.models import LocalBudget, LocalPlan

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WebSession:
    """One person's browser session over HTTP: cookies, the CSRF token and the hidden fields of forms."""

    def __init__(self, live_server, username):
        self.base = live_server.url
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect)
        fields = self.hidden_fields(reverse("login"))
        self.post(reverse("login"), {**fields, "username": username, "password": PASSWORD})

    def get(self, path) -> str:
        with self.opener.open(self.base + path) as response:
            return response.read().decode()

    def hidden_fields(self, path) -> dict:
        return dict(HIDDEN.findall(self.get(path)))

    def post(self, path, data) -> int:
        request = Request(
            self.base + path, data=urlencode(data, doseq=True).encode(), headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request) as response:
                return response.status
        except HTTPError as error:  # redirects (not followed) and errors
            return error.code


def together(sends) -> list[int]:
    """Call each of `sends` from its own thread, all released at the same moment; their status codes."""
    barrier = threading.Barrier(len(sends))
    statuses = [None] * len(sends)

    def run(index):
        barrier.wait()
        statuses[index] = sends[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_every_form_that_posts_carries_the_once_token():
    missing = []
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        text = template.read_text()
        for form in re.finditer(r'<form[^>]*method="post".*?</form>', text, flags=re.S | re.I):
            if "{% once %}" not in form.group(0) and "registration/login.html" not in str(template):
                missing.append(f"{template.name}: {form.group(0)[:80]}")
    assert missing == []


def _fund_data(decision, session, path):
    fields = session.hidden_fields(path)
    return {
        **fields,
        "year": "2026",
        "component": "nang_luc",
        "source": "trung_uong",
        "amount": "8.038.000.000",
        "document": decision.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_a_new_fund_stores_one_fund(live_server, staff, decision):
    session = WebSession(live_server, staff.username)
    path = reverse("budgets:fund_create")
    data = _fund_data(decision, session, path)
    statuses = together([lambda: session.post(path, data)] * 2)
    assert statuses == [302, 302]
    fund = Fund.objects.get()
    assert fund.amount == 8_038_000_000
    assert SentForm.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_retried_handover_is_stored_once(live_server, officer, units, settings):
    settings.PORTAL_PROVINCE_CODE = "99"  # the test units' province: the form offers its communes
    session = WebSession(live_server, officer.username)
    path = reverse("monitoring:handover_create")
    fields = session.hidden_fields(path)
    data = {**fields, **handover_data(units["commune_a1"].pk, handed_on="20/03/2026")}
    statuses = together([lambda: session.post(path, data)] * 2)
    assert statuses == [302, 302]
    handover = Handover.objects.get()
    assert handover.handed_on == date(2026, 3, 20)
    # A third sending, long after (the network gave up and the person pressed again), is not stored either.
    assert session.post(path, data) == 302
    assert Handover.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_creating_the_same_years_schedule_at_once_get_one_schedule_and_no_error_page(live_server, staff):
    path = reverse("monitoring:report_schedule_create")
    sessions = [WebSession(live_server, staff.username) for _ in range(2)]
    forms = [{**session.hidden_fields(path), "year": "2026"} for session in sessions]
    statuses = together([partial(session.post, path, form) for session, form in zip(sessions, forms, strict=True)])
    assert 500 not in statuses
    assert ReportSchedule.objects.filter(year=2026).count() == 1
    assert ReportSchedule.objects.get().periods.count() == 4


@pytest.mark.django_db(transaction=True)
def test_of_ten_saves_from_the_same_version_exactly_one_gets_through(live_server, staff, decision):
    fund = Fund.objects.create(
        year=2026, component="nang_luc", source="trung_uong", amount=1_000_000, document=decision
    )
    path = reverse("budgets:fund_update", args=[fund.pk])
    sessions = [WebSession(live_server, staff.username) for _ in range(10)]
    forms = []
    for index, session in enumerate(sessions):
        fields = session.hidden_fields(path)
        forms.append(
            {
                **fields,
                "year": "2026",
                "component": "nang_luc",
                "source": "trung_uong",
                "amount": f"{index + 1}.000.000.000",
                "document": decision.pk,
            }
        )
    statuses = together([partial(session.post, path, form) for session, form in zip(sessions, forms, strict=True)])
    assert sorted(statuses) == [200] * 9 + [302]  # one saved; nine shown the form with the stale-edit error
    fund.refresh_from_db()
    assert fund.history.count() == 2


@pytest.mark.django_db(transaction=True)
def test_starting_a_local_plan_twice_at_once_gives_one_plan_and_no_error_page(live_server, officer, plan, units):
    LocalBudget.objects.create(plan=plan, unit=units["district_one"], amount=150_000_000)
    path = reverse("trainings:local_plan_start", args=[plan.pk])
    sessions = [WebSession(live_server, officer.username) for _ in range(2)]
    page = reverse("trainings:plan_detail", args=[plan.pk])
    forms = [{"csrfmiddlewaretoken": session.hidden_fields(page)["csrfmiddlewaretoken"]} for session in sessions]
    statuses = together([partial(session.post, path, form) for session, form in zip(sessions, forms, strict=True)])
    assert statuses == [302, 302]
    assert LocalPlan.objects.filter(plan=plan, unit=units["district_one"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_ten_splits_saved_from_the_same_version_exactly_one_gets_through(
    live_server, settings, staff, plan, units, budget
):
    settings.PORTAL_PROVINCE_CODE = "99"
    path = reverse("trainings:budgets_edit", args=[plan.pk])
    sessions = [WebSession(live_server, staff.username) for _ in range(10)]
    forms = []
    for index, session in enumerate(sessions):
        fields = session.hidden_fields(path)
        forms.append(
            {
                **fields,
                f"unit_{units['district_one'].pk}": f"{index + 1}0.000.000",
                f"unit_{units['district_two'].pk}": "50.000.000",
            }
        )
    statuses = together([partial(session.post, path, form) for session, form in zip(sessions, forms, strict=True)])
    assert sorted(statuses) == [200] * 9 + [302]
    assert LocalBudget.objects.filter(plan=plan).count() == 2
    assert LocalBudget.history.filter(plan_id=plan.pk).count() == 2
