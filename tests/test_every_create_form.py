"""Every form that creates something, sent twice with the same token (a double click, a retry on a
slow network), creates once: the second sending is answered where the first went and writes nothing.

The create forms are found by walking the URL patterns (names ending in _create, _new, _start); a
new one without a case below fails the walk. Each form is filled as a person leaves it: what the
page shows, then something in every empty box, then the few values its rules need. Threads sending
at the same moment are in test_submit_once.py.
"""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from budgets.models import Allocation, Component, Fund, Share, Source
from communes.models import Category, Phase, Village
from communes.services import designation_add
from monitoring.models.evaluations import Evaluation
from monitoring.models.tasks import ImplementationPlan
from monitoring.services import handovers as handover_services
from monitoring.services import inspections as inspection_services
from p135portal.models import SentForm
from tests.test_budgets import figures
from tests.test_class_reports import make_class
from tests.test_monitoring_handovers import handover_data
from tests.test_monitoring_inspections import round_data
from trainings.demo.plans import PLAN_2018
from trainings.models import AnnualPlan, LocalBudget, LocalPlan, Rules, Topic

CREATES = re.compile(r"(_create|_new|_start)$")
PROJECT_APPS = ("communes", "trainings", "budgets", "monitoring", "p135portal")


def create_url_names() -> set[str]:
    def walk(entries, namespace=""):
        for entry in entries:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name and CREATES.search(entry.name):
                yield namespace + entry.name

    return {name for name in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


class _FormReader(HTMLParser):
    """The fields of the page's form that carries the once token, with what the page shows in them."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"action": attrs.get("action"), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and attrs.get("name"):
            self.current["fields"].append(("input", attrs))
        elif tag == "select" and attrs.get("name"):
            self.select = {**attrs, "options": []}
            self.current["fields"].append(("select", self.select))
        elif tag == "option" and self.select is not None:
            self.select["options"].append(attrs)
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = {**attrs, "text": ""}
            self.current["fields"].append(("textarea", self.textarea))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data


def filled_form(html: str) -> dict:
    """The data a person sends after filling every empty box of the page's once-token form."""
    reader = _FormReader()
    reader.feed(html)
    form = max(
        (form for form in reader.forms if any(a.get("name") == "_once" for _kind, a in form["fields"])),
        key=lambda form: len(form["fields"]),
    )
    data: dict[str, list[str]] = {}
    for kind, attrs in form["fields"]:
        name = attrs["name"]
        if kind == "select":
            options = [o for o in attrs["options"] if o.get("value")]
            chosen = [o["value"] for o in options if "selected" in o] or [options[0]["value"]] if options else []
            data.setdefault(name, []).extend(chosen[:1] if "multiple" not in attrs else chosen)
        elif kind == "textarea":
            data.setdefault(name, []).append(attrs["text"].strip() or "Nội dung thử nghiệm")
        elif attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs:
                data.setdefault(name, []).append(attrs.get("value", "on"))
        elif attrs.get("type") in ("file", "submit"):
            continue
        elif attrs.get("type") == "hidden":
            data.setdefault(name, []).append(attrs.get("value", ""))
        else:
            data.setdefault(name, []).append(attrs.get("value") or _something_for(attrs))
    return data


def _something_for(attrs) -> str:
    if "data-money" in attrs:
        return "10.000.000"
    if "data-count" in attrs or attrs.get("type") == "number":
        return "1"
    if attrs.get("placeholder") == "ngày/tháng/năm":
        return "02/05/2018"
    return "Thử nghiệm"


def rows_in_the_portal() -> int:
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and model is not SentForm
        and not model.__name__.startswith("Historical")
    )


# ------------------------------------------------------------------ the world the forms are sent in


@pytest.fixture
def world(settings, staff, officer, other_officer, units, phase, decision, basis):
    settings.PORTAL_PROVINCE_CODE = "99"
    Rules.objects.create(phase=phase, legal_basis=basis)
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.CENTRAL, amount=10_000_000_000, document=decision
    )
    Fund.objects.create(
        year=2019, component=Component.CAPACITY, source=Source.CENTRAL, amount=10_000_000_000, document=decision
    )
    draft = AnnualPlan.objects.create(year=2018, phase=phase, **PLAN_2018)
    LocalBudget.objects.create(plan=draft, unit=units["district_one"], amount=2_000_000_000)
    LocalBudget.objects.create(plan=draft, unit=units["district_two"], amount=2_000_000_000)
    local_plan = LocalPlan.objects.create(plan=draft, unit=units["district_one"])
    topic = Topic.objects.create(name="Kỹ năng lập kế hoạch phát triển thôn")
    approved = AnnualPlan.objects.create(
        year=2019,
        phase=phase,
        status=AnnualPlan.Status.APPROVED,
        number="15/KH-UBND",
        signed_on=date(2019, 3, 1),
        signer_name="Lý Vinh Quang",
        **{**PLAN_2018, "title": "Kế hoạch năm 2019"},
    )
    approved_local = LocalPlan.objects.create(
        plan=approved, unit=units["district_one"], status=LocalPlan.Status.ACCEPTED
    )
    ended_class = make_class(approved, topic, approved_local, start_date=date(2019, 6, 4), end_date=date(2019, 6, 7))
    allocation = Allocation.objects.create(
        year=2018,
        component=Component.INFRASTRUCTURE,
        phase=phase,
        category=Category.XA_DBKK,
        title="Phân bổ 2018",
        pool=10_000_000_000,
        created_by=staff,
    )
    share = Share.objects.create(
        allocation=allocation, unit=units["commune_a1"], coefficient=Decimal(1), amount=10_000_000_000
    )
    # A designated commune with its coefficient, for a new allocation to share among.
    designation_add(
        unit=units["commune_a2"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    figures(units["commune_a2"], poor=300, coefficient=Decimal("1.5"))
    inspection_plan = inspection_services.plan_save(
        data={"year": 2024, "level": "tinh", "unit": None, "kind": "dinh_ky", "title": "Kế hoạch kiểm tra năm 2024"},
        actor=staff,
    )
    inspection = inspection_services.round_save(
        plan=inspection_plan, data=round_data(), units=[units["district_one"]], bases=[], actor=staff
    )
    phase_2021 = Phase.objects.create(name="2021-2025", start_year=2021, end_year=2025)
    evaluation = Evaluation.objects.create(
        phase=phase_2021,
        kind=Evaluation.Kind.MID_TERM,
        year=2023,
        title="Đánh giá giữa kỳ",
    )
    tasks_plan = ImplementationPlan.objects.create(year=2026, title="Kế hoạch thực hiện năm 2026")
    Village.objects.create(commune=units["commune_a1"], name="Thôn Nà Pàn")
    handover = handover_services.handover_save(
        data=handover_data(units["commune_a1"], handed_on=date(2026, 3, 20)), actor=staff, today=date(2026, 11, 30)
    )
    household = handover_services.household_save(
        handover=handover,
        data={"head_name": "Hoàng Văn Tằng", "village": Village.objects.get(), "category": "ngheo", "id_number": ""},
        actor=staff,
    )
    return {
        "unit": units["commune_a1"],
        "draft": draft,
        "local_plan": local_plan,
        "ended_class": ended_class,
        "share": share,
        "inspection_plan": inspection_plan,
        "inspection": inspection,
        "evaluation": evaluation,
        "tasks_plan": tasks_plan,
        "handover": handover,
        "household": household,
        "topic": topic,
        "phase_2021": phase_2021,
    }


DATES_2018 = {"start_date": "04/06/2018", "end_date": "07/06/2018"}

# url name: (who sends it, the object of the URL, the values its rules need beyond "something")
CASES = {
    "communes:village_create": ("staff", "unit", {"name": "Thôn Khau Phiêng"}),
    "communes:designation_create": (
        "staff",
        "unit",
        {"category": "xa_dbkk", "village": "", "start_date": "20/06/2017"},
    ),
    "communes:figures_create": (
        "staff",
        "unit",
        {
            "year": "2017",
            "population": "4.000",
            "ethnic_minority_share": "95,5",
            "households": "900",
            "poor_households": "300",
            "near_poor_households": "50",
            "coefficient": "",
        },
    ),
    "communes:phase_create": ("staff", None, {"name": "2026-2030", "start_year": "2026", "end_year": "2030"}),
    "communes:document_create": ("staff", None, {"number": "60/QĐ-BDTTG", "issued_on": "29/01/2026"}),
    "budgets:fund_create": ("staff", None, {"year": "2026"}),
    "budgets:scheme_create": ("staff", None, {"year": "2026", "base": "1"}),
    "budgets:allocation_new": (
        "staff",
        None,
        {"year": "2018", "pool": "1.000.000.000", "floor": "", "ceiling": "", "save": "1"},
    ),
    "budgets:execution_create": ("staff", "share", {}),
    "trainings:rules_create": ("staff", None, {"phase": "phase_2021", "max_study_tour_share": "10"}),
    "trainings:topic_create": ("staff", None, {"name": "Giám sát đầu tư của cộng đồng"}),
    "trainings:plan_create": ("staff", None, {"year": "2020"}),
    "trainings:class_create": ("staff", "draft", {**DATES_2018, "participants": "40", "women": "10"}),
    "trainings:tour_create": ("staff", "draft", {"start_date": "10/09/2018", "participants": "30"}),
    "trainings:local_plan_start": ("other_officer", "draft", {}),
    "trainings:local_class_create": ("officer", "local_plan", {**DATES_2018, "participants": "40", "women": "10"}),
    "trainings:report_create": ("officer", "ended_class", {"residents": "40"}),
    "monitoring:inspection_plan_create": ("staff", None, {"year": "2025"}),
    "monitoring:inspection_round_create": (
        "staff",
        "inspection_plan",
        {"start_date": "10/09/2024", "end_date": "12/09/2024", "report_date": "", "units": "district_two"},
    ),
    "monitoring:remediation_create": ("staff", "inspection", {"deadline": "31/12/2024", "unit": "district_one"}),
    "monitoring:evaluation_create": ("staff", None, {"kind": "cuoi_ky", "year": "2020", "report_date": ""}),
    "monitoring:indicator_create": ("staff", "evaluation", {"target": "20", "result": "21", "baseline": ""}),
    "monitoring:agency_create": ("staff", None, {"name": "Sở Y tế"}),
    "signer_create": ("staff", None, {"name": "Lý Vinh Quang", "title": "Phó Chủ tịch"}),
    "monitoring:plan_create": ("staff", None, {"year": "2027", "number": "", "signed_on": ""}),
    "monitoring:task_create": (
        "staff",
        "tasks_plan",
        {"unit": "", "time_kind": "quy", "year": "2026", "period": "1", "due_date": ""},
    ),
    "monitoring:handover_create": ("staff", None, {"handed_on": "20/03/2026"}),
    "monitoring:household_create": ("staff", "handover", {"id_number": ""}),
    "monitoring:item_create": ("staff", "household", {}),
    "monitoring:check_create": ("staff", "household", {"checked_on": "01/06/2026"}),
    "monitoring:report_schedule_create": ("staff", None, {"year": "2026"}),
}


def test_every_create_form_has_a_case():
    assert create_url_names() - CASES.keys() == set()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_create_form_sent_twice_creates_once(client, personas, units, world, name):
    persona, target, needs = CASES[name]
    client.force_login(personas[persona])
    url = reverse(name, args=[world[target].pk] if target else [])
    page = world["draft"].get_absolute_url() if name == "trainings:local_plan_start" else url
    data = filled_form(client.get(page).text)
    for field, value in needs.items():
        named = units.get(value) or world.get(value)
        data[field] = [str(named.pk)] if named else [value]
    before = rows_in_the_portal()
    first = client.post(url, data)
    assert first.status_code == 302, _errors(first)
    created = rows_in_the_portal()
    assert created > before
    again = client.post(url, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert rows_in_the_portal() == created


def _errors(response) -> str:
    form = (response.context or {}).get("form")
    return str(form.errors.as_data()) if form is not None else response.content.decode()[-1500:]
