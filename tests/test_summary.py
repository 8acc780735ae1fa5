"""The dashboard: where the programme stands in a year, in what the viewer may see. Its figures are
checked against sums computed here, row by row, from the same data, for a leader and for an
officer, in 2018 (districts) and in 2026 (communes after the reform)."""

import io
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import Execution, Share
from communes.models import Category, Designation, LegalDocument, Phase, Unit
from monitoring.models import Remediation
from p135portal.models import Role
from summary.models import SummaryFile
from summary.selectors import Scope, summary
from tests import factories
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.conftest import CACHE_QUERIES, make_unit, make_user
from tests.documents import docx_text, pdf_text
from trainings.models import ClassReport, PlanClass

ON = datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def in_2026():
    with time_machine.travel(ON, tick=False):
        yield


def report(plan_class, participants: int, **changes) -> ClassReport:
    return factories.class_report(plan_class, participants=participants, residents=participants, **changes)


def build_year(year: int, phase: Phase, places: list[tuple[Unit, Unit]], actor) -> None:
    """A year of the programme: the province's approved plan with a province class (its report sent,
    not yet accepted), and for each (unit of a local plan, commune under it): an accepted plan with
    two classes (one reported and accepted; one with a draft report that must not count), a share of
    the year's allocation with money spent, a designation, a remediation item past its deadline."""
    plan = factories.annual_plan(
        phase, year=year, status="duyet", number=f"1/KH-{year}", signed_on=date(year, 1, 10), signer_name="Lý Văn A"
    )
    report(factories.plan_class(plan, participants=30, women=12, ethnic_minority=20), 28, women=14)
    allocation = factories.allocation(phase, actor, year=year)
    document = LegalDocument.objects.create(
        kind=LegalDocument.Kind.QUYET_DINH, number=f"{year}/QĐ-TTg", issued_on=date(year, 1, 5), issuer="Thủ tướng"
    )
    inspection = factories.inspection_round(factories.inspection_plan(year=year), [commune for _u, commune in places])
    for number, (unit, commune) in enumerate(places, start=1):
        local = factories.local_plan(plan, unit, status="chap_nhan")
        held = factories.plan_class(plan, local, participants=40, women=15, ethnic_minority=36, young_cadres=4)
        report(held, 38 + number, women=20, ethnic_minority=30 + number, young_cadres=5, status="chap_nhan")
        unreported = factories.plan_class(plan, local, participants=25, women=10, ethnic_minority=20)
        report(unreported, 25, status="nhap")  # a draft: not held yet
        share = factories.share(allocation, commune, amount=400_000_000 * number)
        for kind, amount in (("giai_ngan", 100_000_000 * number), ("thanh_toan", 50_000_000)):
            Execution.objects.create(share=share, kind=kind, on=date(year, 5, 1), amount=amount, recorded_by=actor)
        Designation.objects.create(
            unit=commune, phase=phase, category=Category.KHU_VUC_III, document=document, start_date=date(year, 1, 5)
        )
        factories.remediation(inspection, commune, deadline=date(year, 9, 30))


@pytest.fixture
def year_2018(units, staff):
    phase = Phase.objects.create(name="2016-2020", start_year=2016, end_year=2020)
    places = [(units["district_one"], units["commune_a1"]), (units["district_two"], units["commune_b1"])]
    build_year(2018, phase, places, staff)
    return units["district_one"]


@pytest.fixture
def year_2026(units, staff):
    phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    other = make_unit("90009", "Xã Mới Hai", Unit.Level.COMMUNE, Unit.Kind.XA, units["new_province"], new=True)
    places = [(units["new_commune"], units["new_commune"]), (other, other)]
    build_year(2026, phase, places, staff)
    return units["new_commune"]


def expected(year: int, path: str | None) -> dict:
    """The year's figures summed here row by row, for the units under `path` (all for None): classes
    of approved plans, actual figures from accepted reports."""

    def mine(unit):
        return path is None or unit.path.startswith(path)

    classes = [
        c
        for c in PlanClass.objects.filter(plan__year=year).select_related("plan", "local_plan__unit")
        if (c.local_plan is None and path is None and c.plan.status == "duyet")
        or (c.local_plan and mine(c.local_plan.unit) and c.local_plan.status == "chap_nhan")
    ]
    reports = [r for r in ClassReport.objects.filter(plan_class__in=classes) if r.status == "chap_nhan"]
    shares = [s for s in Share.objects.filter(allocation__year=year).select_related("unit") if mine(s.unit)]
    executions = [e for e in Execution.objects.filter(share__in=shares)]
    remediations = [r for r in Remediation.objects.select_related("unit") if mine(r.unit)]
    return {
        "planned": len(classes),
        "reported": len(reports),
        "waiting": sum(r.status == "da_gui" for r in ClassReport.objects.filter(plan_class__in=classes)),
        "trainees": sum(r.participants for r in reports),
        "women": sum(r.women for r in reports),
        "ethnic": sum(r.ethnic_minority for r in reports),
        "allocated": sum(s.amount for s in shares),
        "disbursed": sum(e.amount for e in executions if e.kind == "giai_ngan"),
        "paid": sum(e.amount for e in executions if e.kind == "thanh_toan"),
        "overdue": sum(r.deadline < date(2026, 11, 30) and r.status != "xong" for r in remediations),
        "designated": len({d.unit_id for d in Designation.objects.select_related("unit") if mine(d.unit)}),
    }


def figures_of(result) -> dict:
    total = result.training_total
    money = result.funds_total or {"amount": 0, "disbursed": 0, "paid": 0}
    return {
        "planned": total.planned_classes,
        "reported": total.reported_classes,
        "waiting": total.waiting_classes,
        "trainees": total.participants,
        "women": total.women,
        "ethnic": total.ethnic_minority,
        "allocated": money["amount"],
        "disbursed": money["disbursed"],
        "paid": money["paid"],
        "overdue": result.monitoring["remediation_overdue"],
        "designated": sum(row["count"] for row in result.coverage),
    }


@pytest.mark.parametrize("year", [2018, 2026])
def test_the_figures_equal_the_rows_for_a_leader_and_for_an_officer_who_sees_only_their_unit(
    request, leader, in_2026, year
):
    own_unit = request.getfixturevalue(f"year_{year}")
    officer = make_user(f"officer_{year}", Role.LOCAL_OFFICER, own_unit)
    whole = figures_of(summary(Scope(leader, year)))
    assert whole == expected(year, None)
    # The draft report is not counted; the province class's report is sent, waiting for the office.
    assert whole["planned"] == 5 and whole["reported"] == 2 and whole["waiting"] == 1
    mine = figures_of(summary(Scope(officer, year)))
    assert mine == expected(year, own_unit.path)
    assert mine["allocated"] == 400_000_000 and mine["planned"] == 2  # not the province's class
    # A leader narrowing to the same unit sees what its officer sees.
    assert figures_of(summary(Scope(leader, year, own_unit))) == mine


def test_a_phase_adds_up_its_years_and_a_page_and_a_file_say_so(client, leader, units, staff, year_2018, in_2026):
    phase = Phase.objects.get(name="2016-2020")
    places = [(units["district_one"], units["commune_a1"]), (units["district_two"], units["commune_b1"])]
    build_year(2019, phase, places, staff)
    result = summary(Scope(leader, 2020, phase=phase))
    whole = figures_of(result)
    by_year = [expected(year, None) for year in (2018, 2019)]
    for key in ("planned", "reported", "trainees", "women", "allocated", "disbursed", "paid"):
        assert whole[key] == by_year[0][key] + by_year[1][key], key
    assert [row["year"] for row in result.trends] == [2016, 2017, 2018, 2019, 2020]
    client.force_login(leader)
    page = client.get(reverse("summary:dashboard"), {"giai_doan": phase.pk}).text
    assert "Tình hình thực hiện giai đoạn 2016-2020" in page and "4/10" in page
    response = download(client, "summary:summary_pdf", {"giai_doan": phase.pk})
    assert "Báo cáo tổng hợp giai đoạn 2016-2020.pdf" in unquote(response["Content-Disposition"])
    assert "Tổng hợp tình hình thực hiện giai đoạn 2016-2020" in pdf_text(response.content)


def test_the_dashboard_page_shows_the_figures_and_links_to_the_lists_behind_them(client, leader, year_2026, in_2026):
    client.force_login(leader)
    page = client.get(reverse("summary:dashboard")).text
    assert "Tình hình thực hiện năm 2026" in page and "Toàn tỉnh" in page
    assert "2/5" in page  # classes reported (accepted) / planned
    assert f"{reverse('budgets:progress')}?year=2026" in page
    assert f"{reverse('monitoring:remediation_list')}?status=qua_han" in page
    assert "<svg" in page and "Xem bảng số liệu" in page
    assert "Khu vực III: 2 xã" in page


def test_an_officer_cannot_look_at_another_unit_by_editing_the_address(client, units, year_2018, in_2026):
    officer = make_user("officer", Role.LOCAL_OFFICER, units["district_one"])
    client.force_login(officer)
    other = units["district_two"]
    page = client.get(reverse("summary:dashboard"), {"nam": "2018", "don_vi": other.pk}).text
    assert "Xã B Một" not in page and "Huyện Hai" not in page
    assert "Xã A Một" in page


def test_a_year_without_data_says_so_and_hostile_parameters_change_nothing(client, leader, units, in_2026):
    client.force_login(leader)
    page = client.get(reverse("summary:dashboard")).text
    assert "Năm 2026 chưa có số liệu" in page and "Chưa có phương án phân bổ vốn năm 2026" in page
    hostile = (
        {"nam": "-1"},
        {"nam": "99999999999"},
        {"don_vi": "x\x00"},
        {"nam": "2018", "don_vi": "-5"},
        {"giai_doan": "²"},
        {"giai_doan": "9" * 30},
    )
    for params in hostile:
        response = client.get(reverse("summary:dashboard"), params)
        assert response.status_code == 200


def test_the_dashboard_issues_a_bounded_number_of_queries_whatever_the_data(
    client, leader, units, staff, in_2026, django_assert_max_num_queries
):
    phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    province = units["new_province"]
    communes = [
        Unit(code=f"8{i:04}", name=f"Xã Số {i}", level="commune", kind="xa", parent=province) for i in range(600)
    ]
    for commune in communes:
        commune.fill_names()
    communes = Unit.objects.bulk_create(communes)
    for commune in communes:  # the path is set on save; bulk_create leaves it to us
        commune.path = f"{province.path}{commune.pk}/"
    Unit.objects.bulk_update(communes, ["path"])
    plan = factories.annual_plan(
        phase, year=2026, status="duyet", number="1/KH", signed_on=date(2026, 1, 10), signer_name="Lý Văn A"
    )
    topic = factories.topic()
    locals_ = [factories.local_plan(plan, commune, status="chap_nhan") for commune in communes[:300]]
    PlanClass.objects.bulk_create(
        [
            PlanClass(
                plan=plan,
                local_plan=local,
                topic=topic,
                audience="cong_dong",
                level="xa",
                place="Nhà văn hóa",
                start_date=date(2026, 6, 1),
                end_date=date(2026, 6, 3),
                days=3,
                participants=30,
            )
            for local in locals_
            for _ in range(4)
        ]
    )
    allocation = factories.allocation(phase, staff, year=2026)
    Share.objects.bulk_create(
        [Share(allocation=allocation, unit=commune, coefficient=1, amount=100_000_000) for commune in communes]
    )
    client.force_login(leader)
    # 18 for the figures, the rest the session and the cache (the figures, the page's title and body)
    with django_assert_max_num_queries(30 + 2 * CACHE_QUERIES):
        page = client.get(reverse("summary:dashboard")).text
    assert "0/1.200" in page  # 1,200 classes planned (all plans accepted), none reported
    # 600 communes: the tables by unit show 100 of them, the Excel every one
    assert page.count("Hiển thị 100 trên") == 2 and page.count("Xã Số 5") <= 2 * 11
    with django_assert_max_num_queries(6):  # nothing written since: the page is kept ({% fresh %})
        assert "0/1.200" in client.get(reverse("summary:dashboard")).text
    PlanClass.objects.filter(pk=PlanClass.objects.first().pk).delete()  # any write makes them new
    assert "0/1.199" in client.get(reverse("summary:dashboard")).text


def run_worker() -> None:
    """The background worker, as production runs it, until the queue is empty. Like Django's test
    client with request_finished, it must not close the connection that holds the test's transaction."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def download(client, name: str, params: dict | None = None):
    """A summary as a person gets it: written in the background the first time, then offered."""
    response = client.get(reverse(name), params or {})
    if response.status_code == 302:
        progress = client.get(response["Location"])
        assert "Đang chờ đến lượt" in progress.text
        run_worker()
        assert "Tải về" in client.get(response["Location"]).text
        response = client.get(response["Location"] + "tai-ve/")
    assert response.status_code == 200
    return response


def test_the_summary_pdf_reads_back_with_its_figures_charts_and_open_issues(client, leader, year_2026, in_2026):
    client.force_login(leader)
    response = download(client, "summary:summary_pdf", {"nam": "2026"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "BÁO CÁO" in text and "Tổng hợp tình hình thực hiện năm 2026" in text
    assert "Đã tổ chức và báo cáo 2/5 lớp theo kế hoạch (40%) với 79 học viên" in text
    assert "1 báo cáo lớp đã gửi, đang chờ xem xét" in text
    assert "Tổng vốn phân bổ 1.200 triệu đồng cho 2 đơn vị; đã giải ngân 300 triệu đồng, đạt 25%" in text
    assert "Việc khắc phục sau kiểm tra quá hạn (2 việc)" in text and "Xã Mới Hai" in text
    assert "Lớp bồi dưỡng năm 2026: kế hoạch và đã báo cáo" in text  # a chart's caption
    assert "Tiến độ giải ngân chậm so với tiến độ thời gian" in text


def test_an_officers_summary_covers_their_unit_only(client, units, year_2026, in_2026):
    officer = make_user("xa_moi", Role.LOCAL_OFFICER, units["new_commune"])
    client.force_login(officer)
    text = pdf_text(download(client, "summary:summary_pdf").content)
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ MỚI" in text
    assert "Đã tổ chức và báo cáo 1/2 lớp" in text and "Xã Mới Hai" not in text and "Cấp tỉnh" not in text
    workbook = load_workbook(io.BytesIO(client.get(reverse("summary:summary_xlsx")).content))
    assert workbook.sheetnames[:3] == ["Diện đầu tư", "Nâng cao năng lực", "Vốn theo nội dung"]
    names = [row[0] for row in workbook["Vốn theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Xã Mới"]


def test_the_word_summary_carries_the_charts_as_tables(client, leader, year_2018, in_2026):
    client.force_login(leader)
    response = download(client, "summary:summary_docx", {"nam": "2018"})
    text = docx_text(response.content)
    assert "Lớp bồi dưỡng năm 2018: kế hoạch và đã báo cáo" in text
    assert "Tổng hợp tình hình thực hiện năm 2018" in text and "Huyện Một" in text


def test_an_unchanged_summary_is_served_from_the_cache_and_a_change_in_the_data_makes_a_new_one(
    client, leader, staff, year_2026, in_2026, monkeypatch
):
    import weasyprint

    renders = []
    write_pdf = weasyprint.HTML.write_pdf
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *a, **k: renders.append(1) or write_pdf(*a, **k))
    client.force_login(leader)
    first = download(client, "summary:summary_pdf")
    again = client.get(reverse("summary:summary_pdf"))  # no background work, no rendering
    assert again.status_code == 200 and again.content == first.content and len(renders) == 1
    share = Share.objects.filter(allocation__year=2026).first()
    Execution.objects.create(share=share, kind="giai_ngan", on=date(2026, 11, 1), amount=100_000_000, recorded_by=staff)
    assert client.get(reverse("summary:summary_pdf")).status_code == 302  # the figures changed
    text = pdf_text(download(client, "summary:summary_pdf").content)
    assert len(renders) == 2 and "đã giải ngân 400 triệu đồng" in text


def test_asking_again_while_it_is_written_queues_nothing_more(client, leader, year_2026, in_2026):
    client.force_login(leader)
    first = client.get(reverse("summary:summary_pdf"))["Location"]
    assert client.get(reverse("summary:summary_pdf"))["Location"] == first
    assert SummaryFile.objects.count() == 1


def test_same_named_communes_stay_apart_and_a_share_of_nothing_divides_nothing(client, units, staff, leader, in_2026):
    phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    allocation = factories.allocation(phase, staff, year=2026)
    for code, district in (("90101", "district_one"), ("90102", "district_two")):  # one name, two districts
        twin = make_unit(code, "Xã Trùng Tên", Unit.Level.COMMUNE, Unit.Kind.XA, units[district])
        factories.share(allocation, twin, amount=0)
    result = summary(Scope(leader, 2026))
    assert [row["name"] for row in result.funds_by_unit] == ["Xã Trùng Tên", "Xã Trùng Tên"]
    assert result.funds_total["units"] == 2 and result.funds_pace is None
    client.force_login(leader)
    assert client.get(reverse("summary:dashboard")).status_code == 200
    assert pdf_text(download(client, "summary:summary_pdf").content)


def test_a_summary_being_written_is_seen_by_whoever_asked_for_it_only(client, leader, staff, year_2026, in_2026):
    client.force_login(leader)
    location = client.get(reverse("summary:summary_pdf"))["Location"]
    client.force_login(staff)
    assert client.get(location).status_code == 404
    run_worker()
    assert client.get(location + "tai-ve/").status_code == 404


@pytest.mark.browser
def test_a_leader_waits_on_the_progress_of_a_background_summary_until_the_file_is_offered(
    browser, live_server, leader, year_2026, settings
):
    settings.PORTAL_PROVINCE_CODE = "99"
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN", accept_downloads=True)
    sign_in(page, live_server, leader.username)
    page.locator(".navbar-toggler").click()  # the menu is folded on a phone
    page.get_by_role("link", name="Tổng hợp", exact=True).click()
    page.get_by_label("Năm", exact=True).select_option("2026")
    page.get_by_label("Đơn vị", exact=True).select_option(label="– Xã Mới Hai")
    page.get_by_role("button", name="Xem").click()
    assert page.get_by_role("heading", name="Tình hình thực hiện năm 2026").is_visible()
    page.get_by_role("link", name="Báo cáo PDF").click()
    page.wait_for_url("**/tong-hop/tep/**")
    assert page.get_by_text("Đang chờ đến lượt").is_visible()
    # The worker runs as production runs it: another process, on the same database.
    database = connection.settings_dict["NAME"]
    environment = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}", "DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    offer = page.get_by_role("link", name="Tải về Báo cáo tổng hợp năm 2026 Xã Mới Hai.pdf")
    offer.wait_for(timeout=10_000)  # the page polls its progress and offers the file when ready
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"
    page.screenshot(path=SCREENSHOTS / "summary-file-ready-phone.png", full_page=True)
    with page.expect_download() as download:
        offer.click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert "Đã tổ chức và báo cáo 1/2 lớp" in text and "Xã Mới Hai" in text
    page.close()
