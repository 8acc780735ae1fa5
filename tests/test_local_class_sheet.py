"""A local plan's classes go out to Excel and come back: every bad row named, a preview of what is
added, changed and removed, saved all or nothing through the rules of the class form."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from tests.browser_fixtures import SCREENSHOTS, sign_in
from trainings.models import LocalPlan, PlanClass
from trainings.services import local_plans as local_services

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def thirty_classes(plan, topic, budget, staff, officer, units) -> LocalPlan:
    local_services.local_budgets_save(plan=plan, amounts={units["district_one"].pk: 500_000_000}, actor=staff)
    local_plan = local_services.local_plan_start(plan=plan, unit=units["district_one"], actor=officer)
    for index in range(30):
        start = date(2018, 4, 2) + timedelta(days=7 * index)
        local_services.local_class_save(
            local_plan=local_plan,
            data={
                "topic": topic,
                "audience": "cong_dong" if index % 2 else "can_bo",
                "level": "xa",
                "place": f"Nhà văn hóa thôn {index + 1}",
                "start_date": start,
                "end_date": start + timedelta(days=2),
                "days": 3,
                "participants": 30 + index,
                "women": 10,
                "ethnic_minority": 20,
                "young_cadres": 0,
                "cost": 12_000_000,
            },
            actor=officer,
        )
    return local_plan


def snapshot(local_plan) -> dict[int, tuple]:
    fields = ["topic_id", "audience", "level", "place", "start_date", "end_date", "days", "participants", "cost"]
    return {row[0]: row[1:] for row in local_plan.classes.values_list("pk", *fields)}


def edited(content: bytes, *, bad_row: bool) -> bytes:
    """The sheet as an officer edits it in Excel: two classes changed, and (the first time) a row
    that breaks the rules added at the bottom."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    sheet.cell(row=3, column=9, value=45)  # the second class: 45 trainees
    sheet.cell(row=10, column=5, value="Hội trường UBND xã A Một")  # the ninth class: another place
    if bad_row:
        sheet.append(
            [
                None,
                sheet.cell(row=2, column=2).value,
                "Cộng đồng",
                "Cấp xã",
                "Thôn Nà Pàn",
                "20/10/2018",
                "18/10/2018",
                None,
                25,
                None,
                None,
                None,
                "9.000.000",
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.mark.django_db(transaction=True)
def test_an_officers_thirty_classes_go_to_excel_and_back_with_two_edits_and_one_bad_row(
    browser, live_server, officer, thirty_classes, tmp_path
):
    before = snapshot(thirty_classes)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}{thirty_classes.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Excel các lớp").click()
    content = open(download.value.path(), "rb").read()
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 30 and {row[0] for row in rows} == set(before)

    bad = tmp_path / "Cac lop.xlsx"
    bad.write_bytes(edited(content, bad_row=True))
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel các lớp (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Xem trước").click()
    problems = page.locator("#sheet-problems").inner_text()
    assert "Dòng 32: ngày kết thúc trước ngày bắt đầu." in problems
    assert snapshot(thirty_classes) == before  # nothing saved

    good = tmp_path / "Cac lop da sua.xlsx"
    good.write_bytes(edited(content, bad_row=False))
    page.get_by_label("Tệp Excel các lớp (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Xem trước").click()
    preview = page.locator("#sheet-preview").inner_text()
    assert "Thêm: 0" in preview and "Sửa: 2" in preview and "Bỏ: 0" in preview and "Giữ nguyên: 28" in preview
    assert "Số học viên 31 → 45" in preview and "Hội trường UBND xã A Một" in preview
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "local-classes-preview.png", full_page=True)
    page.get_by_role("button", name="Xác nhận lưu các thay đổi").click()
    assert "thêm 0, sửa 2, bỏ 0 lớp" in page.content()

    after = snapshot(thirty_classes)
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert len(changed) == 2 and set(after) == set(before)
    page.close()


def test_a_class_removed_from_the_file_is_shown_and_a_foreign_code_is_refused(client, officer, thirty_classes):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(officer)
    content = client.get(reverse("trainings:local_classes_export", args=[thirty_classes.pk])).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(5)  # the fourth class
    sheet.cell(row=6, column=1, value=999999)  # a code that is not one of this plan's classes
    output = io.BytesIO()
    workbook.save(output)
    url = reverse("trainings:local_classes_import", args=[thirty_classes.pk])
    response = client.post(url, {"file": SimpleUploadedFile("lop.xlsx", output.getvalue())})
    assert "Dòng 6: mã lớp 999999 không thuộc kế hoạch này." in response.text
    sheet.cell(row=6, column=1).value = None  # a new class instead
    output = io.BytesIO()
    workbook.save(output)
    response = client.post(url, {"file": SimpleUploadedFile("lop.xlsx", output.getvalue())})
    assert "Thêm: 1" in response.text and "Bỏ: 2" in response.text, response.context.get("problems")
    # A payload tampered with changes nothing.
    tampered = client.post(url, {"payload": response.context["payload"] + "x"})
    assert tampered.status_code == 302 and PlanClass.objects.filter(local_plan=thirty_classes).count() == 30


def test_a_sheet_without_class_codes_or_with_overflowing_counts_changes_nothing(client, officer, thirty_classes):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(officer)
    content = client.get(reverse("trainings:local_classes_export", args=[thirty_classes.pk])).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=9, value=3_000_000_000)
    output = io.BytesIO()
    workbook.save(output)
    url = reverse("trainings:local_classes_import", args=[thirty_classes.pk])
    response = client.post(url, {"file": SimpleUploadedFile("lop.xlsx", output.getvalue())})
    assert "Dòng 2: Số học viên «3000000000» phải là số nguyên từ 1." in response.text
    sheet.delete_cols(1)  # the "Mã lớp" column gone: every class would be replaced
    output = io.BytesIO()
    workbook.save(output)
    sheet_without_codes = SimpleUploadedFile("lop.xlsx", output.getvalue())
    response = client.post(url, {"file": sheet_without_codes})
    assert "Không dòng nào có «Mã lớp»" in response.text and "payload" not in response.context
