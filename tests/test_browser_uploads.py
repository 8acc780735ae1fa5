"""A file chosen in a form survives a validation error, in real Chromium: the officer mends the
figures and sends again without choosing the file a second time."""

import pytest
from django.urls import reverse

from monitoring.models.reports import PeriodicReport, ReportPeriod
from monitoring.services.reports import schedule_create
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.test_class_reports import (  # noqa: F401 (fixtures)
    MATCHING_ROWS,
    approved_plan,
    attendance_file,
    local_class,
    local_plan,
    topic,
)
from tests.test_monitoring_reports import PDF_BYTES
from trainings.documents.attendance import GROUPS, HEADERS
from trainings.models import ClassReport

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield page
    page.close()


def send(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").last.click()


def test_the_attendance_list_is_kept_while_the_officer_mends_the_counts(page, live_server, officer, local_class):  # noqa: F811
    sign_in(page, live_server, officer.username)
    page.goto(live_server.url + reverse("trainings:report_create", args=[local_class.pk]))
    figures = {
        "participants": "4",  # the list has 3 trainees
        "women": "2",
        "ethnic_minority": "2",
        "very_small_minorities": "1",
        "young_cadres": "1",
        "commune_officials": "0",
        "village_officials": "1",
        "prestigious": "1",
        "residents": "2",
        "cost": "48.500.000",
        "trainers": "Phòng Dân tộc huyện",
        "evaluation": "Học viên tham gia đầy đủ.",
    }
    for name, value in figures.items():
        page.locator(f"[name={name}]").fill(value)
    upload = attendance_file(MATCHING_ROWS)
    page.locator("[name=attendance_file]").set_input_files(
        {"name": "danh-sach-hoc-vien.xlsx", "mimeType": "application/octet-stream", "buffer": upload.read()}
    )
    send(page)
    assert "Chưa nộp được báo cáo" in page.inner_text("main")
    assert not ClassReport.objects.exists()
    kept = page.locator("#kept-files")
    assert "danh-sach-hoc-vien.xlsx" in kept.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "upload-kept.png", full_page=True)
    page.locator("[name=participants]").fill("3")
    page.locator("[name=residents]").fill("1")
    send(page)
    report = ClassReport.objects.get()
    assert report.participants == 3 and report.attendance
    assert report.attendance.name.endswith(".xlsx")


def test_a_periodic_reports_file_is_kept_when_the_confirmation_was_forgotten(page, live_server, officer, staff):
    period = schedule_create(year=2025, actor=staff).periods.get(kind=ReportPeriod.Kind.THREE_MONTHS)
    sign_in(page, live_server, officer.username)
    page.goto(live_server.url + reverse("monitoring:report_submit", args=[period.pk, officer.unit_id]))
    page.locator("[name=narrative]").fill("Đã tổ chức các lớp tập huấn theo kế hoạch.")
    page.locator("[name=attachments]").set_input_files(
        {"name": "bieu-mau-quy-1.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    send(page)
    assert "xác nhận các số liệu" in page.inner_text("main")
    assert "bieu-mau-quy-1.pdf" in page.locator("#kept-files").inner_text()
    page.locator("[name=confirmed]").check()
    send(page)
    report = PeriodicReport.objects.get()
    attachment = report.attachments.get()
    assert attachment.name == "bieu-mau-quy-1.pdf"
    assert attachment.file.read() == PDF_BYTES


def test_the_counts_are_read_from_the_list_for_the_officer_to_check(page, live_server, officer, local_class):  # noqa: F811
    rows = [
        [1, "Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", GROUPS["village_officials"], "Thôn Nà Pàn", "x"],
        [2, "Vàng Thị Dung", "Nữ", 1985, "Cờ Lao", "", GROUPS["residents"], "Thôn Khau Phiêng", ""],
        [3, "Nguyễn Văn An", "Nam", 1970, "Kinh", "", GROUPS["prestigious"], "Thôn Bản Chắt", ""],
    ]
    sign_in(page, live_server, officer.username)
    page.goto(live_server.url + reverse("trainings:report_create", args=[local_class.pk]))
    page.locator("[name=attendance_file]").set_input_files(
        {
            "name": "hoc-vien.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": attendance_file(rows, headers=HEADERS).read(),
        }
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Điền số liệu từ danh sách").click()
    assert "Đã điền số liệu từ danh sách (3 học viên, 2 nữ, 2 người DTTS)" in page.inner_text("main")
    filled = {
        name: page.locator(f"[name={name}]").input_value()
        for name in ["participants", "women", "ethnic_minority", "very_small_minorities", "young_cadres", "residents"]
    }
    assert filled == {
        "participants": "3",
        "women": "2",
        "ethnic_minority": "2",
        "very_small_minorities": "1",
        "young_cadres": "1",
        "residents": "1",
    }
    assert not ClassReport.objects.exists()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "attendance-read.png", full_page=True)
    page.locator("[name=trainers]").fill("Phòng Dân tộc huyện")
    page.locator("[name=evaluation]").fill("Học viên tham gia đầy đủ.")
    send(page)
    report = ClassReport.objects.get()
    assert (report.participants, report.village_officials, report.prestigious, report.residents) == (3, 1, 1, 1)
    assert report.attendance.name.endswith(".xlsx")
