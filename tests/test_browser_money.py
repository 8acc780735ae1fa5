"""What people type is what is stored: in real Chromium, "900.000.000" typed into every money
field of the portal is stored as 900000000 and read back as 900.000.000, and "1.200" typed into
a count is stored as 1200.

The money fields are found by walking the forms of the project (every form field that is the
portal's MoneyFormField, which every MoneyField of a model gives): a form with a money field
that no journey below types into fails test_every_money_field_is_typed_into_in_a_browser.
"""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.urls import get_resolver, reverse

from budgets.models import Allocation, Component, Execution, Fund, Share, Source
from communes.models import Category
from communes.services import designation_add
from monitoring.models.handovers import SupportItem
from monitoring.models.reports import PeriodicReport, ReportPeriod
from monitoring.services.reports import schedule_create
from p135portal.fields import MoneyFormField
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.test_budgets import figures
from tests.test_class_reports import make_class
from tests.test_monitoring_handovers import add_household, handover, villages  # noqa: F401 (fixtures)
from trainings.forms.local_plans import LocalBudgetsForm
from trainings.models import AnnualPlan, ClassReport, LocalBudget, LocalPlan, PlanClass, StudyTour

pytestmark = pytest.mark.browser

TYPED = "900.000.000"
STORED = 900_000_000
PROJECT_APPS = {"p135portal", "communes", "trainings", "budgets", "monitoring"}

# The journeys below, by the form each one fills in.
JOURNEYS = {
    "budgets.forms.FundForm": "test_a_fund",
    "budgets.forms.AllocationForm": "test_an_allocation_pool_floor_and_ceiling",
    "budgets.forms.ExecutionForm": "test_a_disbursement",
    "trainings.forms.plans.PlanClassForm": "test_a_province_class_and_its_participants",
    "trainings.forms.local_plans.LocalClassForm": "test_a_local_class",
    "trainings.forms.plans.StudyTourForm": "test_a_study_tour",
    "trainings.forms.local_plans.LocalBudgetsForm": "test_the_split_among_local_units",
    "trainings.forms.reports.ClassReportForm": "test_a_class_report",
    "monitoring.forms.reports.ReportForm": "test_a_periodic_report",
    "monitoring.forms.handovers.ItemForm": "test_a_handover_item_price_and_quantity",
}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def money_forms() -> set[str]:
    """Every form of the project with a money field (the URL conf imports every view, so every form)."""
    assert get_resolver().url_patterns
    found = set()
    for cls in set(_subclasses(forms.BaseForm)):
        if cls.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        if any(isinstance(field, MoneyFormField) for field in getattr(cls, "base_fields", {}).values()):
            found.add(f"{cls.__module__}.{cls.__qualname__}")
    # Fields added when the form is made (one per local unit) are not in base_fields.
    found.add(f"{LocalBudgetsForm.__module__}.{LocalBudgetsForm.__qualname__}")
    return found


def test_every_money_field_is_typed_into_in_a_browser():
    assert money_forms() - JOURNEYS.keys() == set()
    assert set(JOURNEYS.values()) <= set(globals())


# ------------------------------------------------------------------ typing as a person does


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def page(browser, live_server):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield page
    page.close()


def open_as(page, live_server, user, path):
    sign_in(page, live_server, user.username)
    page.goto(live_server.url + path)


def type_into(field, text):
    field.fill("")
    field.press_sequentially(text)


def type_money(page) -> int:
    """Type 900.000.000 into every money field of the page, as a person types it; how many there were."""
    fields = page.locator("main input[data-money]")
    count = fields.count()
    assert count > 0
    for index in range(count):
        type_into(fields.nth(index), TYPED)
    # The amount in words follows what was typed.
    page.get_by_text("Bằng chữ: Chín trăm triệu đồng").first.wait_for()
    return count


def send(page, name=None, shot=None):
    buttons = page.locator("main form[method=post] button")
    button = page.get_by_role("button", name=name, exact=True) if name else buttons.last
    with page.expect_navigation():
        button.click()
    if shot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"money-{shot}.png", full_page=True)
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert errors == [], errors
    return page.inner_text("main")


# ------------------------------------------------------------------ budgets


def test_a_fund(page, live_server, staff, decision):
    open_as(page, live_server, staff, reverse("budgets:fund_create"))
    type_into(page.locator("[name=year]"), "2026")
    page.locator("[name=component]").select_option("nang_luc")
    page.locator("[name=source]").select_option("trung_uong")
    page.locator("[name=document]").select_option(str(decision.pk))
    assert type_money(page) == 1
    shown = send(page, shot="fund")
    assert Fund.objects.get().amount == STORED
    assert TYPED in shown


def test_a_malformed_amount_gets_its_message_beside_the_field_and_nothing_is_saved(page, live_server, staff, decision):
    open_as(page, live_server, staff, reverse("budgets:fund_create"))
    type_into(page.locator("[name=year]"), "2026")
    page.locator("[name=document]").select_option(str(decision.pk))
    amount = page.locator("[name=amount]")
    type_into(amount, "900.000.00")
    # Said while typing, under the box...
    page.get_by_text("không phải một số tiền rõ ràng").first.wait_for()
    with page.expect_navigation():
        page.locator("main form[method=post] button").last.click()
    # ...and after sending, beside the field, with what was typed kept in the box.
    error = page.locator("#div_id_amount .invalid-feedback")
    assert "sau mỗi dấu chấm phải có đúng ba chữ số" in error.inner_text()
    assert amount.input_value() == "900.000.00"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "money-malformed.png", full_page=True)
    type_into(amount, "900")
    with page.expect_navigation():
        page.locator("main form[method=post] button").last.click()
    assert "có phải bạn định nhập 900.000.000?" in error.inner_text()
    assert not Fund.objects.exists()


def test_a_double_click_sends_the_form_once(page, live_server, staff, decision):
    open_as(page, live_server, staff, reverse("budgets:fund_create"))
    type_into(page.locator("[name=year]"), "2026")
    page.locator("[name=component]").select_option("nang_luc")
    page.locator("[name=source]").select_option("trung_uong")
    page.locator("[name=document]").select_option(str(decision.pk))
    type_money(page)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    with page.expect_navigation():
        page.locator("main form[method=post] button").last.dblclick()
    page.wait_for_load_state("networkidle")
    assert len(posts) == 1
    assert Fund.objects.count() == 1


def test_an_allocation_pool_floor_and_ceiling(page, live_server, staff, units, phase, decision):
    designation_add(
        unit=units["commune_a1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    figures(units["commune_a1"], poor=300, coefficient=Decimal("2"))
    open_as(page, live_server, staff, reverse("budgets:allocation_new"))
    type_into(page.locator("[name=title]"), "Phân bổ vốn hỗ trợ năm 2018")
    type_into(page.locator("[name=year]"), "2018")
    page.locator("[name=component]").select_option("ha_tang")
    page.locator("[name=phase]").select_option(str(phase.pk))
    page.locator("[name=category]").select_option(Category.XA_DBKK)
    assert type_money(page) == 3  # pool, floor, ceiling
    send(page, "Xem trước")
    shown = send(page, "Lưu phương án", shot="allocation")
    allocation = Allocation.objects.get()
    assert (allocation.pool, allocation.floor, allocation.ceiling) == (STORED, STORED, STORED)
    assert allocation.shares.get().amount == STORED
    assert TYPED in shown


def test_a_disbursement(page, live_server, staff, units, phase):
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
    open_as(page, live_server, staff, reverse("budgets:execution_create", args=[share.pk]))
    page.locator("[name=kind]").select_option(Execution.Kind.DISBURSEMENT)
    type_into(page.locator("[name=on]"), "02/05/2018")
    type_money(page)
    shown = send(page, shot="disbursement")
    assert Execution.objects.get().amount == STORED
    assert TYPED in shown


# ------------------------------------------------------------------ capacity building


@pytest.fixture
def big_budget(decision):
    """10 tỷ đồng for capacity building in 2018: room for 900.000.000 anywhere."""
    Fund.objects.create(
        year=2018, component=Component.CAPACITY, source=Source.CENTRAL, amount=10_000_000_000, document=decision
    )


def fill_class(page, topic, level):
    page.locator("[name=topic]").select_option(str(topic.pk))
    page.locator("[name=audience]").select_option(PlanClass.Audience.OFFICIALS)
    page.locator("[name=level]").select_option(level)
    type_into(page.locator("[name=place]"), "Hội trường UBND huyện Tràng Định")
    type_into(page.locator("[name=start_date]"), "04/06/2018")
    type_into(page.locator("[name=end_date]"), "07/06/2018")
    page.locator("[name=end_date]").dispatch_event("change")
    # The number of days is counted from the dates.
    assert page.locator("[name=days]").input_value() == "4"
    type_into(page.locator("[name=participants]"), "1.200")
    type_into(page.locator("[name=women]"), "600")
    type_into(page.locator("[name=ethnic_minority]"), "1.100")
    type_into(page.locator("[name=young_cadres]"), "100")
    type_money(page)


def test_a_province_class_and_its_participants(page, live_server, staff, plan, topic, big_budget):
    open_as(page, live_server, staff, reverse("trainings:class_create", args=[plan.pk]))
    fill_class(page, topic, PlanClass.Level.PROVINCE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "money-province-class-typed.png", full_page=True)
    shown = send(page, shot="province-class")
    planned = PlanClass.objects.get()
    assert (planned.cost, planned.participants, planned.ethnic_minority, planned.days) == (STORED, 1200, 1100, 4)
    assert TYPED in shown and "1.200" in shown


def test_a_study_tour(page, live_server, staff, plan, big_budget):
    open_as(page, live_server, staff, reverse("trainings:tour_create", args=[plan.pk]))
    type_into(page.locator("[name=destination]"), "Tỉnh Hà Giang")
    type_into(page.locator("[name=start_date]"), "10/09/2018")
    type_into(page.locator("[name=participants]"), "30")
    type_money(page)
    shown = send(page, shot="study-tour")
    assert StudyTour.objects.get().cost == STORED
    assert TYPED in shown


def test_the_split_among_local_units(page, live_server, staff, plan, units, big_budget):
    open_as(page, live_server, staff, reverse("trainings:budgets_edit", args=[plan.pk]))
    assert type_money(page) == 2  # Huyện Một, Huyện Hai
    shown = send(page, shot="split")
    assert set(LocalBudget.objects.values_list("amount", flat=True)) == {STORED}
    assert TYPED in shown


def test_a_local_class(page, live_server, officer, plan, topic, units, big_budget):
    LocalBudget.objects.create(plan=plan, unit=units["district_one"], amount=2_000_000_000)
    local_plan = LocalPlan.objects.create(plan=plan, unit=units["district_one"])
    open_as(page, live_server, officer, reverse("trainings:local_class_create", args=[local_plan.pk]))
    fill_class(page, topic, PlanClass.Level.DISTRICT)
    shown = send(page, shot="local-class")
    assert PlanClass.objects.get(local_plan=local_plan).cost == STORED
    assert TYPED in shown


def test_a_class_report(page, live_server, officer, plan, topic, units):
    AnnualPlan.objects.filter(pk=plan.pk).update(
        status=AnnualPlan.Status.APPROVED, number="82/KH-UBND", signed_on=date(2018, 5, 3), signer_name="Lý Vinh Quang"
    )
    local_plan = LocalPlan.objects.create(plan=plan, unit=units["district_one"], status=LocalPlan.Status.ACCEPTED)
    planned = make_class(plan, topic, local_plan)
    open_as(page, live_server, officer, reverse("trainings:report_create", args=[planned.pk]))
    type_into(page.locator("[name=residents]"), "40")
    type_into(page.locator("[name=trainers]"), "Phòng Dân tộc huyện")
    type_into(page.locator("[name=evaluation]"), "Học viên tham gia đầy đủ.")
    type_money(page)
    shown = send(page, shot="class-report")
    assert ClassReport.objects.get().cost == STORED
    assert TYPED in shown


# ------------------------------------------------------------------ monitoring


def test_a_periodic_report(page, live_server, officer, staff):
    period = schedule_create(year=2025, actor=staff).periods.get(kind=ReportPeriod.Kind.THREE_MONTHS)
    open_as(page, live_server, officer, reverse("monitoring:report_submit", args=[period.pk, officer.unit_id]))
    assert type_money(page) == 2  # disbursed, paid
    type_into(page.locator("[name=trainees]"), "1.200")
    type_into(page.locator("[name=narrative]"), "Đã tổ chức các lớp tập huấn theo kế hoạch.")
    page.locator("[name=confirmed]").check()
    shown = send(page, shot="periodic-report")
    report = PeriodicReport.objects.get()
    assert (report.disbursed, report.paid, report.trainees) == (STORED, STORED, 1200)
    assert TYPED in shown


def test_a_handover_item_price_and_quantity(page, live_server, officer, handover, villages):  # noqa: F811
    household = add_household(handover, officer, villages["a1"])
    open_as(page, live_server, officer, reverse("monitoring:item_create", args=[household.pk]))
    type_into(page.locator("[name=name]"), "Máy cày mini")
    type_into(page.locator("[name=unit_of_measure]"), "chiếc")
    type_into(page.locator("[name=quantity]"), "1.200")
    type_money(page)
    shown = send(page, shot="handover-item")
    item = SupportItem.objects.get()
    assert (item.unit_price, item.quantity, item.value) == (STORED, Decimal(1200), 1200 * STORED)
    assert TYPED in shown
