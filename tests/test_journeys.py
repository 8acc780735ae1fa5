"""Three journeys through the portal in real Chromium, each typed and clicked as its person does it,
in 2026, when the communes send their plans straight to the province:

- the province office opens the year's plan, is refused a study tour over the ceiling of the rules,
  approves one commune's plan after its confirmation and returns the other's with a reason;
- that commune's officer reads the reason, mends the plan and sends it again, then reports a class
  with its attendance list as a commune really fills one in;
- a leader reads the summary dashboard and downloads the summary as a PDF.

Each main step is kept as var/screenshots/journey-<role>-<step>.png.
"""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from openpyxl import Workbook
from playwright.sync_api import expect

from budgets.models import Component, Fund, Source
from communes.models import LegalDocument, Phase, Unit
from p135portal.models import Role
from summary.models import SummaryFile
from tests import factories
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.conftest import make_unit, make_user
from tests.documents import pdf_text
from tests.test_browser_money import type_into
from tests.test_summary import run_worker, year_2026  # noqa: F401 (fixture)
from trainings.models import AnnualPlan, ClassReport, LocalPlan, PlanClass, Rules, StudyTour
from trainings.services import local_plans as local_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REASON = (
    "Kinh phí lớp giám sát đầu tư của cộng đồng (60.000.000 đồng cho 10 học viên) cao hơn định mức chi;"
    " đề nghị giảm còn 45.000.000 đồng rồi gửi lại."
)


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


def new_page(browser, **options):
    return browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN", **options)


def snap(page, role: str, step: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"journey-{role}-{step}.png", full_page=True)


def type_amount(page, label: str, typed: str, words: str) -> None:
    """Type an amount as a person does, and wait for the portal to read it back in words."""
    type_into(page.get_by_label(label), typed)
    expect(page.get_by_text(f"Bằng chữ: {words}")).to_be_visible()


def submit(page, name: str) -> None:
    # Not an exact name: an icon's glyph may lead the button's accessible name.
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


# ------------------------------------------------------------------ the year 2026 and its communes


@pytest.fixture
def communes(units):
    """The province's communes after the reform: Xã Mới (conftest) and Xã Mới Hai."""
    second = make_unit("90009", "Xã Mới Hai", Unit.Level.COMMUNE, Unit.Kind.XA, units["new_province"], new=True)
    return {"xa_moi": units["new_commune"], "xa_moi_hai": second}


@pytest.fixture
def commune_officers(communes):
    return {
        "xa_moi": make_user("canbo_xa_moi", Role.LOCAL_OFFICER, communes["xa_moi"]),
        "xa_moi_hai": make_user("canbo_xa_moi_hai", Role.LOCAL_OFFICER, communes["xa_moi_hai"]),
    }


@pytest.fixture
def plan_2026(staff, communes):
    """The draft plan of 2026 under the rules of 2026-2030 (study tours at most 10% of the year's
    capacity-building budget): 2.000.000.000 đồng this year, so at most 200.000.000 for study tours;
    300.000.000 for each commune's own plan."""
    phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    basis = LegalDocument.objects.create(
        kind=LegalDocument.Kind.KE_HOACH, number="15/KH-UBND", issued_on=date(2026, 1, 20), issuer="UBND tỉnh"
    )
    Rules.objects.create(phase=phase, legal_basis=basis)
    for source, amount in ((Source.CENTRAL, 1_800_000_000), (Source.LOCAL, 200_000_000)):
        Fund.objects.create(year=2026, component=Component.CAPACITY, source=source, amount=amount, document=basis)
    plan = factories.annual_plan(
        phase,
        year=2026,
        title="Đào tạo, bồi dưỡng nâng cao năng lực cho cộng đồng và cán bộ cơ sở vùng đồng bào DTTS năm 2026",
    )
    amounts = {communes["xa_moi"].pk: 300_000_000, communes["xa_moi_hai"].pk: 300_000_000}
    local_services.local_budgets_save(plan=plan, amounts=amounts, actor=staff)
    return plan


def send_local_plan(plan, officer, *, cost: int) -> LocalPlan:
    """The commune's plan with one four-day community class in June, sent by its officer."""
    local_plan = local_services.local_plan_start(plan=plan, unit=officer.unit, actor=officer)
    data = {
        "topic": factories.topic("Giám sát đầu tư của cộng đồng"),
        "audience": PlanClass.Audience.COMMUNITY,
        "level": PlanClass.Level.COMMUNE,
        "place": f"Nhà văn hóa thôn Nà Pàn, {officer.unit.name}",
        "start_date": date(2026, 6, 9),
        "end_date": date(2026, 6, 12),
        "days": 4,
        "participants": 10,
        "women": 4,
        "ethnic_minority": 9,
        "young_cadres": 2,
        "cost": cost,
    }
    local_services.local_class_save(local_plan=local_plan, data=data, actor=officer)
    return local_services.local_plan_submit(local_plan=local_plan, actor=officer)


@pytest.fixture
def sent_plans(plan_2026, commune_officers):
    return {
        name: send_local_plan(plan_2026, officer, cost=60_000_000 if name == "xa_moi" else 48_000_000)
        for name, officer in commune_officers.items()
    }


# ------------------------------------------------------------------ the province office


def test_the_office_is_refused_a_study_tour_over_the_ceiling_then_approves_one_commune_and_returns_the_other(
    browser, live_server, staff, plan_2026, sent_plans
):
    page = new_page(browser)
    sign_in(page, live_server, staff.username)
    page.get_by_role("link", name="Nâng cao năng lực", exact=True).click()
    page.get_by_role("link", name="2026", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Kế hoạch năm 2026")
    main = page.locator("main")
    expect(main).to_contain_text("Tối đa 10% kinh phí nâng cao năng lực năm: 200.000.000 đồng")
    expect(main).to_contain_text("2.000.000.000")  # the year's capacity-building budget
    # Both communes' plans are listed under the plan, sent and waiting.
    expect(page.get_by_role("row").filter(has_text="Đã gửi, chờ duyệt")).to_have_count(2)
    snap(page, "staff", "plan")

    # A study tour of 250.000.000 đồng: more than the 200.000.000 the rules leave for tours.
    page.get_by_role("link", name="Thêm chuyến").click()
    expect(page.locator("#tour-headroom")).to_contain_text("còn lại 200.000.000 đồng")
    page.get_by_label("Nơi đến").fill("Tỉnh Lào Cai")
    page.get_by_label("Ngày đi").fill("15/09/2026")
    page.get_by_label("Số người").fill("30")
    type_amount(page, "Kinh phí (đồng)", "250.000.000", "Hai trăm năm mươi triệu đồng")
    submit(page, "Lưu")
    expect(main).to_contain_text(
        "Tổng kinh phí thăm quan học tập (250.000.000 đồng) vượt mức tối đa 10% kinh phí nâng cao năng lực năm"
        " (200.000.000 đồng); chỉ còn bố trí được 200.000.000 đồng."
    )
    expect(page.get_by_label("Kinh phí (đồng)")).to_have_value("250.000.000")  # kept for mending
    snap(page, "staff", "tour-refused")
    assert not StudyTour.objects.exists()

    # The communes' plans waiting for the office, from the home page.
    page.get_by_role("link", name="Trang chủ").click()
    page.get_by_role("link", name="Kế hoạch nâng cao năng lực của địa phương chờ duyệt").click()
    expect(page.locator("h1")).to_contain_text("Kế hoạch của địa phương chờ duyệt")
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Xã Mới Hai", exact=True))
    row.get_by_role("link", name="Duyệt…").click()
    # The confirmation says what approving locks; nothing has changed yet.
    expect(main).to_contain_text("Sau khi duyệt, đơn vị không thêm, sửa, xóa lớp của kế hoạch được nữa")
    expect(main).to_contain_text("Xã Mới Hai")
    assert LocalPlan.objects.get(unit__name="Xã Mới Hai").status == LocalPlan.Status.SENT
    snap(page, "staff", "approve-confirm")
    submit(page, "Duyệt")
    expect(main).to_contain_text("Đã duyệt kế hoạch; kế hoạch đã khóa.")
    approved = LocalPlan.objects.get(unit__name="Xã Mới Hai")
    assert (approved.status, approved.reviewed_by) == (LocalPlan.Status.ACCEPTED, staff)

    # Back on the queue, one plan is left: the office returns it with what to mend.
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name="Xem xét"))).to_have_count(1)
    row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Xã Mới", exact=True))
    row.get_by_role("link", name="Xem xét").click()
    expect(page.locator("h1")).to_contain_text("Kế hoạch năm 2026 của Xã Mới")
    page.get_by_role("link", name="Trả lại").click()
    page.get_by_label("Ý kiến gửi đơn vị").fill(REASON)
    snap(page, "staff", "return-reason")
    submit(page, "Trả lại")
    expect(main).to_contain_text("Đã trả lại kế hoạch kèm ý kiến cho đơn vị.")
    expect(main).to_contain_text(REASON)
    snap(page, "staff", "returned")
    returned = LocalPlan.objects.get(unit__name="Xã Mới")
    assert (returned.status, returned.comment) == (LocalPlan.Status.RETURNED, REASON)
    assert AnnualPlan.objects.get().status == AnnualPlan.Status.DRAFT
    page.close()


# ------------------------------------------------------------------ a commune officer

# The attendance list as a commune fills it in: (name, gender, birth year, ethnic group, position,
# group, village, young cadre), with the stray spaces and lower case that typing leaves behind.
TRAINEES = [
    ("Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", "Cán bộ thôn, bản", "Thôn Nà Pàn", "x"),
    ("Lý Văn Sềnh", "Nam", 1968, "Dao", "Già làng", "Người có uy tín", "Thôn Khuổi Cáy", ""),
    ("Vàng Thị Dung", " nữ", 1985, "Cờ Lao ", "", "Người dân, khác", "Thôn Khau Phiêng", ""),
    ("Nông Văn Hải", "Nam", 1994, "Nùng", "Phó Chủ tịch UBND xã", "Cán bộ cấp xã", "UBND xã", "x"),
    ("Triệu Thị Hoa ", "Nữ", 1979, " Dao", "", "Người dân, khác", "Thôn Bản Chắt", None),
    ("Nguyễn Văn An", "Nam", 1972, "Kinh", "Trưởng ban giám sát đầu tư", "Người dân, khác", "Thôn Nà Pàn", ""),
    ("Lăng Thị Thu", "Nữ ", 1988, "Tày", "Chi hội trưởng phụ nữ", " Cán bộ thôn, bản", "Thôn Khuổi Cáy", ""),
    ("Giàng A Páo", "Nam", 1983, "Mông", "Trưởng thôn", "Cán bộ thôn, bản", "Thôn Khau Phiêng", ""),
    ("Hà Thị Nhung", "Nữ", 1996, "Nùng", "Công chức văn hóa - xã hội", "Cán bộ cấp xã", "UBND xã", "X"),
    ("Đàm Văn Tâm", "Nam", 1960, "Tày", "Bí thư chi bộ", "Người có uy tín", "Thôn Bản Chắt", ""),
]


def attendance_workbook() -> bytes:
    """The list under its title rows, its header row typed with stray spaces, and the (1) (2) …
    numbering row official forms put under the headers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DS hoc vien"
    sheet.append(["UBND XÃ MỚI"])
    sheet.append(["DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG"])
    sheet.append(["Lớp: Giám sát đầu tư của cộng đồng; từ ngày 09/06/2026 đến ngày 12/06/2026"])
    sheet.append([])
    headers = [
        "STT",
        " Họ và tên ",
        "Giới tính",
        "Năm sinh ",
        "Dân tộc",
        "Chức vụ",
        "Thành phần ",
        "Đơn vị",
        "Cán bộ trẻ (x)",
    ]
    sheet.append(headers)
    sheet.append([f"({number})" for number in range(1, len(headers) + 1)])
    for number, trainee in enumerate(TRAINEES, start=1):
        sheet.append([number, *trainee])
    for title_row in (2, 3):
        sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=len(headers))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.fixture
def returned_plan(staff, sent_plans):
    return local_services.local_plan_return(local_plan=sent_plans["xa_moi"], comment=REASON, actor=staff)


def test_a_commune_officer_mends_a_returned_plan_sends_it_again_and_reports_a_class_with_its_attendance_list(
    browser, live_server, staff, commune_officers, returned_plan
):
    officer = commune_officers["xa_moi"]
    page = new_page(browser)
    sign_in(page, live_server, officer.username)
    main = page.locator("main")
    # The province's reason is on the home page.
    waiting = page.get_by_role("link", name="Kế hoạch năm 2026 bị tỉnh trả lại: sửa rồi gửi lại")
    expect(waiting).to_contain_text(REASON)
    snap(page, "officer", "home-returned")
    waiting.click()
    expect(page.locator("h1")).to_contain_text("Bị trả lại")
    expect(main).to_contain_text("Tỉnh trả lại kế hoạch")
    expect(main).to_contain_text(REASON)

    page.get_by_role("link", name="Sửa", exact=True).click()
    type_amount(page, "Kinh phí dự kiến (đồng)", "45.000.000", "Bốn mươi lăm triệu đồng")
    submit(page, "Lưu")
    expect(main).to_contain_text("Đã lưu lớp")
    expect(main).to_contain_text("45.000.000")
    submit(page, "Gửi tỉnh duyệt")
    expect(main).to_contain_text("Đã gửi kế hoạch lên Ban Dân tộc tỉnh để duyệt.")
    expect(page.locator("h1")).to_contain_text("Đã gửi, chờ duyệt")
    snap(page, "officer", "sent-again")
    resent = LocalPlan.objects.get(pk=returned_plan.pk)
    assert resent.status == LocalPlan.Status.SENT
    assert resent.classes.get().cost == 45_000_000

    # The office approves it (its own journey is above); the class, held in June, is reported.
    local_services.local_plan_approve(local_plan=resent, actor=staff)
    page.reload()
    expect(page.locator("h1")).to_contain_text("Đã duyệt")
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Báo cáo kết quả lớp “Giám sát đầu tư của cộng đồng”")
    listing = attendance_workbook()
    page.get_by_label("Danh sách học viên").set_input_files(
        {"name": "Danh sách học viên lớp giám sát.xlsx", "mimeType": XLSX, "buffer": listing}
    )
    submit(page, "Điền số liệu từ danh sách")
    expect(main).to_contain_text(
        "Đã điền số liệu từ danh sách (10 học viên, 5 nữ, 9 người DTTS) và thành phần học viên"
    )
    expect(page.locator("#kept-files")).to_contain_text("Danh sách học viên lớp giám sát.xlsx")
    expect(page.get_by_label("Người DTTS rất ít người")).to_have_value("1")
    expect(page.get_by_label("Cán bộ cấp xã")).to_have_value("2")
    type_amount(page, "Kinh phí thực hiện (đồng)", "43.500.000", "Bốn mươi ba triệu năm trăm nghìn đồng")
    page.get_by_label("Giảng viên, báo cáo viên").fill("Phòng Văn hóa - Xã hội xã; Sở Dân tộc và Tôn giáo")
    page.get_by_label("Đánh giá kết quả").fill("Học viên nắm được cách giám sát công trình của thôn.")
    snap(page, "officer", "report-filled")
    submit(page, "Nộp báo cáo")
    expect(main).to_contain_text("Đã nộp báo cáo")
    snap(page, "officer", "report-sent")

    report = ClassReport.objects.get()
    counts = (report.participants, report.women, report.ethnic_minority, report.very_small_minorities)
    assert counts == (10, 5, 9, 1)
    groups = (report.commune_officials, report.village_officials, report.prestigious, report.residents)
    assert groups == (2, 3, 2, 3) and report.young_cadres == 3
    assert (report.status, report.cost) == (ClassReport.Status.SENT, 43_500_000)
    assert report.attendance.name.endswith(".xlsx")
    with report.attendance.open("rb") as stored:
        assert stored.read() == listing
    page.close()


# ------------------------------------------------------------------ a leader


@pytest.fixture
def cold_cache():
    """Rendered documents are kept in the database cache, whose table outlives the rows of a
    transactional test (and a reused test database): emptied before, so that the summary is written
    in the background as on its first request, and after, so that this one is served to no other test."""
    cache.clear()
    yield
    cache.clear()


def test_a_leader_reads_the_dashboard_and_downloads_the_summary_as_a_pdf(
    browser,
    live_server,
    leader,
    year_2026,  # noqa: F811
    cold_cache,
):
    page = new_page(browser, accept_downloads=True)
    sign_in(page, live_server, leader.username)
    page.get_by_role("link", name="Tổng hợp", exact=True).click()
    page.get_by_label("Năm", exact=True).select_option("2026")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", name="Tình hình thực hiện năm 2026")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Toàn tỉnh")
    expect(main).to_contain_text("2/5")  # classes reported and accepted / planned
    expect(main).to_contain_text("Khu vực III: 2 xã")
    snap(page, "leader", "dashboard")

    page.get_by_role("link", name="Báo cáo PDF").click()
    page.wait_for_url("**/tong-hop/tep/**")
    expect(main).to_contain_text("Đang chờ đến lượt")
    snap(page, "leader", "summary-waiting")
    run_worker()  # the server's background worker writes the file
    offer = page.get_by_role("link", name="Tải về Báo cáo tổng hợp năm 2026.pdf")
    offer.wait_for(timeout=10_000)  # the page follows the progress and offers the file when ready
    snap(page, "leader", "summary-ready")
    with page.expect_download() as download:
        offer.click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "BÁO CÁO" in text and "Tổng hợp tình hình thực hiện năm 2026" in text
    assert "Đã tổ chức và báo cáo 2/5 lớp" in text
    written = SummaryFile.objects.get()
    assert (written.requested_by, written.status, written.format) == (leader, SummaryFile.Status.DONE, "pdf")
    page.close()
