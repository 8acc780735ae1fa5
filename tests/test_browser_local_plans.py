"""The local plan journey in real Chromium: the officer enters a class and sends the plan, the
office returns it with a comment, the officer finds the comment on their home page."""

import pytest

from tests.browser_fixtures import SCREENSHOTS, sign_in
from trainings.models import LocalPlan
from trainings.services import local_plans as local_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


def test_an_officer_sends_a_plan_the_office_returns_it_with_a_comment(
    browser, live_server, plan, topic, budget, staff, officer, units
):
    local_services.local_budgets_save(plan=plan, amounts={units["district_one"].pk: 200_000_000}, actor=staff)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("button", name="Lập kế hoạch của đơn vị").click()
    page.get_by_role("link", name="Thêm lớp").click()
    page.get_by_label("Nội dung").select_option(label=topic.name)
    page.get_by_label("Đối tượng").select_option(label="Cộng đồng")
    page.get_by_label("Địa điểm").fill("Xã A Một")
    page.get_by_label("Ngày bắt đầu").fill("04/06/2018")
    page.get_by_label("Ngày kết thúc").fill("08/06/2018")
    page.get_by_label("Số ngày").fill("5")
    page.get_by_label("Số học viên").fill("40")
    page.get_by_label("Kinh phí dự kiến (đồng)").fill("60000000")
    page.get_by_role("button", name="Lưu").click()
    # Five days is over the community cap of the phase's rules: refused, with the reason.
    assert "tối đa 4 ngày" in page.content()
    page.get_by_label("Số ngày").fill("4")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Gửi tỉnh duyệt").click()
    assert "Đã gửi kế hoạch" in page.content()
    local_plan = LocalPlan.objects.get()
    assert local_plan.status == LocalPlan.Status.SUBMITTED

    office = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(office, live_server, staff.username)
    office.goto(f"{live_server.url}{local_plan.get_absolute_url()}")
    office.get_by_role("link", name="Trả lại").click()
    office.get_by_label("Ý kiến gửi đơn vị").fill("Bổ sung một lớp cho cán bộ thôn.")
    office.get_by_role("button", name="Trả lại").click()
    assert "Đã trả lại kế hoạch" in office.content()

    page.goto(f"{live_server.url}/")
    assert "Bổ sung một lớp cho cán bộ thôn." in page.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "home-officer-returned-plan.png", full_page=True)
    page.close()
    office.close()
