"""The portal lives in the year its users live in: pages open on the current year (Vietnam's date),
home figures say which year they are of, and a year with no data says so in words, never with a
bare 0 or a reassuring "no unit is late"."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from budgets.models import Execution
from budgets.services import allocation_create
from communes.models import YearFigures
from tests.test_budgets import allocation_inputs, designated  # noqa: F401 (fixture)

# 30/11/2026, late in the evening in Vietnam (already the 30th there, still the 30th in UTC).
ON = datetime(2026, 11, 30, 21, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def in_2026():
    with time_machine.travel(ON, tick=False):
        yield


@pytest.fixture
def allocated_2018(staff, designated, phase):  # noqa: F811
    return allocation_create(actor=staff, **allocation_inputs(phase))


def test_the_funds_page_opens_on_this_year_and_says_nothing_was_entered(client, staff, in_2026):
    client.force_login(staff)
    page = client.get(reverse("budgets:fund_list")).text
    assert "Vốn được giao năm 2026" in page
    assert "Chưa nhập vốn được giao năm 2026" in page and "0 triệu" not in page


def test_disbursement_progress_of_a_year_without_allocation_does_not_reassure(client, staff, allocated_2018, in_2026):
    client.force_login(staff)
    page = client.get(reverse("budgets:progress")).text
    assert "Tiến độ giải ngân năm 2026" in page
    assert "Chưa có phương án phân bổ vốn năm 2026" in page
    assert "Không có đơn vị nào chậm" not in page
    assert 'href="?year=2018"' in page  # the years that have allocations are offered
    page = client.get(reverse("budgets:progress"), {"year": "2018"}).text
    assert "Chưa có phương án phân bổ vốn năm 2018" not in page and "Theo nội dung" in page


def test_the_allocation_and_k_lists_say_this_year_has_none_yet(client, staff, allocated_2018, in_2026):
    client.force_login(staff)
    page = client.get(reverse("budgets:allocation_list")).text
    assert "Năm 2026 chưa có phương án phân bổ nào." in page and "Lập phương án năm 2026" in page
    assert allocated_2018.title in page  # history stays listed below
    page = client.get(reverse("budgets:scheme_list")).text
    assert "Năm 2026 chưa có cách tính hệ số K." in page


def test_the_allocation_list_says_nothing_when_this_year_has_one(client, staff, allocated_2018):
    client.force_login(staff)
    with time_machine.travel(datetime(2018, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        page = client.get(reverse("budgets:allocation_list")).text
    assert "chưa có phương án phân bổ nào" not in page


@pytest.mark.parametrize("persona", ["staff", "leader"])
def test_home_figures_are_of_this_year_beside_the_last_year_that_has_them(
    client, personas, allocated_2018, in_2026, persona
):
    client.force_login(personas[persona])
    page = client.get(reverse("home")).text
    assert "Vốn phân bổ năm 2026" in page and "Chưa có phương án phân bổ vốn năm 2026." in page
    assert "Vốn phân bổ năm 2018 (mọi nội dung)" in page
    assert page.index("Vốn phân bổ năm 2026") < page.index("Vốn phân bổ năm 2018")


def test_a_year_with_an_allocation_shows_its_own_figures(client, staff, designated, phase, in_2026):  # noqa: F811
    for figures in YearFigures.objects.filter(year=2018):  # this year's coefficients, as last year's
        YearFigures.objects.create(
            unit=figures.unit,
            year=2026,
            population=figures.population,
            households=figures.households,
            poor_households=figures.poor_households,
            near_poor_households=figures.near_poor_households,
            ethnic_minority_share=figures.ethnic_minority_share,
            coefficient=figures.coefficient,
        )
    allocation = allocation_create(actor=staff, **allocation_inputs(phase, year=2026, title="Phân bổ 2026"))
    share = allocation.shares.order_by("pk").first()
    Execution.objects.create(
        share=share, kind=Execution.Kind.DISBURSEMENT, amount=share.amount // 2, on=date(2026, 6, 1), recorded_by=staff
    )
    client.force_login(staff)
    page = client.get(reverse("home")).text
    assert "Vốn phân bổ năm 2026 (mọi nội dung)" in page and "Chưa có phương án" not in page
    assert "Đã giải ngân năm 2026" in page


def test_the_capacity_building_figure_says_when_this_year_has_no_approved_plan(client, leader, plan, in_2026):
    client.force_login(leader)
    page = client.get(reverse("home")).text
    assert "Kế hoạch nâng cao năng lực năm 2026" in page and "Chưa có kế hoạch năm 2026 được phê duyệt." in page


def test_the_report_board_opens_on_this_year_even_when_only_last_year_has_a_schedule(client, staff, in_2026):
    from monitoring.services.reports import schedule_create

    schedule_create(year=2025, actor=staff)
    client.force_login(staff)
    page = client.get(reverse("monitoring:report_board")).text
    assert "Chưa có lịch báo cáo định kỳ năm 2026" in page
    assert "Năm 2025" in page  # last year's board stays one choice away


def test_the_annual_plans_say_when_this_year_has_none(client, staff, plan, in_2026):
    client.force_login(staff)
    page = client.get(reverse("trainings:plan_list")).text
    assert "Chưa có kế hoạch nâng cao năng lực năm 2026" in page and "2018" in page


def test_a_new_annual_plan_is_proposed_for_this_year_in_its_phase(client, staff, phase, in_2026):
    from communes.models import Phase

    current = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    client.force_login(staff)
    form = client.get(reverse("trainings:plan_create")).context["form"]
    assert form["year"].value() == 2026 and form["phase"].value() == current.pk


def test_an_officers_home_speaks_of_this_year_in_their_scope(client, officer, allocated_2018, in_2026):
    client.force_login(officer)
    page = client.get(reverse("home")).text
    assert "Vốn phân bổ năm 2026" in page and "Chưa có phương án phân bổ vốn năm 2026." in page
    assert "Vốn phân bổ năm 2018 (mọi nội dung)" in page  # their own communes' shares of 2018


def test_the_inspection_plans_say_when_this_year_has_none(client, staff, in_2026):
    from tests import factories

    factories.inspection_plan(year=2024)
    client.force_login(staff)
    page = client.get(reverse("monitoring:inspection_plan_list")).text
    assert "Chưa có kế hoạch kiểm tra, giám sát năm 2026" in page and "Kế hoạch kiểm tra năm 2024" in page
    factories.inspection_plan(year=2026)
    assert "Chưa có kế hoạch kiểm tra" not in client.get(reverse("monitoring:inspection_plan_list")).text
