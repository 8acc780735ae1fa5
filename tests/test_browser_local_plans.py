"""The local plan journey in real Chromium: the officer enters a class and sends the plan, the
office returns it with a comment, the officer finds the comment on their home page."""

from datetime import date

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
    assert local_plan.status == LocalPlan.Status.SENT

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


def test_the_office_approves_after_confirming_then_reopens_with_a_reason(
    browser, live_server, plan, topic, budget, staff, officer, units
):
    local_services.local_budgets_save(plan=plan, amounts={units["district_one"].pk: 200_000_000}, actor=staff)
    local_plan = local_services.local_plan_start(plan=plan, unit=units["district_one"], actor=officer)
    local_services.local_class_save(
        local_plan=local_plan,
        data={
            "topic": topic,
            "audience": "cong_dong",
            "level": "xa",
            "place": "Xã A Một",
            "start_date": date(2018, 6, 4),
            "end_date": date(2018, 6, 7),
            "days": 4,
            "participants": 40,
            "women": 0,
            "ethnic_minority": 0,
            "young_cadres": 0,
            "cost": 60_000_000,
        },
        actor=officer,
    )
    local_services.local_plan_submit(local_plan=local_plan, actor=officer)

    office = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(office, live_server, staff.username)
    office.goto(f"{live_server.url}{local_plan.get_absolute_url()}")
    office.get_by_role("link", name="Duyệt…").click()
    # The confirmation page says what approving locks; nothing has changed yet.
    assert "không thêm, sửa, xóa lớp" in office.inner_text("main")
    assert LocalPlan.objects.get().status == LocalPlan.Status.SENT
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    office.screenshot(path=SCREENSHOTS / "local-plan-approve-confirm.png", full_page=True)
    office.get_by_role("button", name="Duyệt", exact=True).click()
    assert "Đã duyệt kế hoạch" in office.content()
    assert LocalPlan.objects.get().status == LocalPlan.Status.ACCEPTED

    office.get_by_role("link", name="Mở lại…").click()
    office.get_by_role("button", name="Mở lại", exact=True).click()
    assert "Lý do mở lại" in office.inner_text("main")  # refused without a reason
    assert LocalPlan.objects.get().status == LocalPlan.Status.ACCEPTED
    office.get_by_label("Lý do mở lại").fill("Duyệt nhầm: lớp trùng thời gian với lớp của tỉnh")
    office.get_by_role("button", name="Mở lại", exact=True).click()
    assert "Đã mở lại kế hoạch" in office.content()
    reopened = LocalPlan.objects.get()
    assert reopened.status == LocalPlan.Status.RETURNED
    assert reopened.history.first().history_change_reason == "Duyệt nhầm: lớp trùng thời gian với lớp của tỉnh"

    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    assert "Duyệt nhầm: lớp trùng thời gian với lớp của tỉnh" in page.inner_text("main")
    page.goto(f"{live_server.url}{local_plan.get_absolute_url()}")
    assert "Bị trả lại" in page.inner_text("h1")
    assert page.get_by_role("link", name="Thêm lớp").is_visible()
    page.screenshot(path=SCREENSHOTS / "local-plan-reopened-officer.png", full_page=True)
    page.close()
    office.close()
