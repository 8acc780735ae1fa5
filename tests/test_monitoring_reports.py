"""Periodic reports: the schedule, who must report, statuses on the due date's boundary, the
officer's submission, the office's review, the board and its export, the printed BÁO CÁO."""

import io
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfWriter

from budgets.models import Allocation, Component, Execution, Share
from communes.models import Category, Unit
from monitoring.demo.reports import seed_reports
from monitoring.models import PeriodicReport, ReportAttachment, ReportPeriod, ReportSchedule
from monitoring.selectors import reports as selectors
from monitoring.services import reports as services
from p135portal.excel import write_xlsx
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.conftest import CACHE_QUERIES, home_query_budget, make_unit, make_user
from tests.documents import pdf_text


def _blank_pdf() -> bytes:
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = _blank_pdf()  # a real PDF: attachments are opened before they are kept


@pytest.fixture(autouse=True)
def _province_and_media(settings, tmp_path):
    settings.PORTAL_PROVINCE_CODE = "99"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def schedule_2025(staff):
    return services.schedule_create(year=2025, actor=staff)


@pytest.fixture
def q1(schedule_2025):
    """3 tháng 2025: data to 31/3/2025, due 15/4/2025, sent by the districts (old system)."""
    return schedule_2025.periods.get(kind=ReportPeriod.Kind.THREE_MONTHS)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment of `day` in Vietnam's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def submit(
    period,
    officer,
    *,
    now=None,
    narrative="Kết quả thực hiện trong kỳ.",
    attachments=(),
    remove_attachments=(),
    **figures,
):
    return services.report_submit(
        period=period,
        unit=officer.unit,
        figures={"disbursed": 100, "paid": 50, **figures},
        narrative=narrative,
        attachments=list(attachments),
        remove_attachments=list(remove_attachments),
        actor=officer,
        now=now or at(date(2025, 4, 10)),
    )


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.error_list[0].code


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def zip_with(part: str) -> bytes:
    """A zip holding only the part an Office file names, with nothing usable in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<w:document/>")
    return buffer.getvalue()


# ------------------------------------------------------------------ schedule


def test_creating_a_years_schedule_creates_its_four_periods_due_on_the_15th_of_the_next_month(staff):
    schedule = services.schedule_create(year=2026, actor=staff)
    periods = [(p.get_kind_display(), p.ends_on, p.due_on) for p in schedule.periods.order_by("ends_on")]
    assert periods == [
        ("3 tháng", date(2026, 3, 31), date(2026, 4, 15)),
        ("6 tháng", date(2026, 6, 30), date(2026, 7, 15)),
        ("9 tháng", date(2026, 9, 30), date(2026, 10, 15)),
        ("Cả năm", date(2026, 12, 31), date(2027, 1, 15)),
    ]
    assert schedule.history.first().history_user == staff


def test_a_year_has_one_schedule_and_only_the_province_office_creates_it(staff, officer, leader):
    services.schedule_create(year=2026, actor=staff)
    assert refused_code(lambda: services.schedule_create(year=2026, actor=staff)) == "exists"
    assert refused_code(lambda: services.schedule_create(year=2027, actor=officer)) == "not_office"
    assert refused_code(lambda: services.schedule_create(year=2027, actor=leader)) == "not_office"
    assert refused_code(lambda: services.schedule_create(year=1990, actor=staff)) == "bad_year"
    assert ReportSchedule.objects.count() == 1


def test_staff_change_a_due_date_but_never_to_before_the_period_ends(staff, schedule_2025, q1):
    services.schedule_set_due_dates(schedule=schedule_2025, due_dates={"3_thang": date(2025, 4, 20)}, actor=staff)
    q1.refresh_from_db()
    assert q1.due_on == date(2025, 4, 20)
    code = refused_code(
        lambda: services.schedule_set_due_dates(
            schedule=schedule_2025, due_dates={"3_thang": date(2025, 3, 30)}, actor=staff
        )
    )
    assert code == "bad_due_date"
    q1.refresh_from_db()
    assert q1.due_on == date(2025, 4, 20)


def test_staff_create_a_schedule_and_edit_its_due_dates_through_the_pages(client, staff):
    client.force_login(staff)
    response = client.post(reverse("monitoring:report_schedule_create"), {"year": "2026"})
    schedule = ReportSchedule.objects.get(year=2026)
    assert response.status_code == 302
    form = client.get(reverse("monitoring:report_schedule_update", args=[schedule.pk])).context["form"]
    data = {"seen_version": form.fields["seen_version"].initial}
    data |= {"3_thang": "20/04/2026", "6_thang": "15/07/2026", "9_thang": "15/10/2026", "ca_nam": "10/01/2027"}
    response = client.post(reverse("monitoring:report_schedule_update", args=[schedule.pk]), data)
    assert response.status_code == 302
    assert schedule.periods.get(kind="3_thang").due_on == date(2026, 4, 20)
    assert schedule.periods.get(kind="ca_nam").due_on == date(2027, 1, 10)
    history = client.get(reverse("monitoring:report_schedule_update", args=[schedule.pk])).text
    assert '<del class="text-body-secondary">15/04/2026</del> → 20/04/2026' in history
    # The same form sent again, after that change, is refused instead of overwriting it.
    page = client.post(reverse("monitoring:report_schedule_update", args=[schedule.pk]), data).text
    assert "vừa được người khác sửa" in page


# ------------------------------------------------------------------ who must report


def test_districts_report_for_periods_before_the_reform_and_communes_after(units, schedule_2025):
    periods = {p.kind: p for p in schedule_2025.periods.all()}
    assert set(selectors.units_due(periods["3_thang"])) == {units["district_one"], units["district_two"]}
    assert set(selectors.units_due(periods["6_thang"])) == {units["district_one"], units["district_two"]}
    assert set(selectors.units_due(periods["9_thang"])) == {units["new_commune"]}
    assert set(selectors.units_due(periods["ca_nam"])) == {units["new_commune"]}


def test_units_of_another_province_never_have_to_report(units, q1):
    other = make_unit("11", "Tỉnh Khác", Unit.Level.PROVINCE, Unit.Kind.TINH)
    make_unit("111", "Huyện Khác", Unit.Level.DISTRICT, Unit.Kind.HUYEN, other)
    assert {unit.name for unit in selectors.units_due(q1)} == {"Huyện Một", "Huyện Hai"}


# ------------------------------------------------------------------ the due date's boundary


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2025, 4, 7), selectors.Status.NOT_DUE),
        (date(2025, 4, 8), selectors.Status.DUE_SOON),
        (date(2025, 4, 15), selectors.Status.DUE_SOON),
        (date(2025, 4, 16), selectors.Status.LATE),
    ],
)
def test_an_unsent_report_is_late_only_from_the_day_after_its_due_date(staff, q1, day, status):
    board = selectors.board(2025, staff, day)
    cells = {unit.name: cells[0] for unit, cells in board.rows}
    assert cells["Huyện Một"].status == status
    assert board.counts[0].late == (2 if status == selectors.Status.LATE else 0)


def test_the_board_page_shows_late_only_the_day_after_the_due_date(client, staff, q1, monkeypatch):
    client.force_login(staff)
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 15))
    page = client.get(reverse("monitoring:report_board") + "?nam=2025").text
    assert "Quá hạn</span>" not in page and page.count("Đến hạn</span>") == 2
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 16))
    page = client.get(reverse("monitoring:report_board") + "?nam=2025").text
    assert page.count("Quá hạn</span>") == 2


def test_a_report_sent_on_the_due_date_is_on_time_and_one_sent_the_day_after_is_late(officer, other_officer, q1):
    on_time = submit(q1, officer, now=at(date(2025, 4, 15), 23, 30))
    late = submit(q1, other_officer, now=at(date(2025, 4, 16), 0, 10))
    assert not on_time.late
    assert late.late and timezone.localtime(late.sent_at).date() == date(2025, 4, 16)
    board = selectors.board(2025, officer, date(2025, 5, 1))
    assert board.counts[0].sent == 1  # the officer sees their own unit only


def test_the_board_counts_what_was_sent_late_and_what_is_still_missing(staff, officer, q1):
    submit(q1, officer, now=at(date(2025, 4, 20)))
    board = selectors.board(2025, staff, date(2025, 4, 25))
    count = board.counts[0]
    assert (count.due, count.sent, count.late, count.sent_late) == (2, 1, 1, 1)
    missing = selectors.board(2025, staff, date(2025, 4, 25), only_open=True)
    assert [unit.name for unit, _cells in missing.rows] == ["Huyện Hai"]


# ------------------------------------------------------------------ submission rules


def test_an_officer_submits_only_for_their_own_unit(officer, staff, units, q1):
    code = refused_code(
        lambda: services.report_submit(
            period=q1,
            unit=units["district_two"],
            figures={},
            narrative="Báo cáo hộ.",
            actor=officer,
            now=at(date(2025, 4, 10)),
        )
    )
    assert code == "not_own_unit"
    code = refused_code(
        lambda: services.report_submit(
            period=q1, unit=units["district_one"], figures={}, narrative="x", actor=staff, now=at(date(2025, 4, 10))
        )
    )
    assert code == "not_own_unit"
    assert not PeriodicReport.objects.exists()


def test_a_unit_sends_only_the_reports_of_its_system_and_not_before_the_periods_last_month(units, q1, schedule_2025):
    commune_officer = make_user("can_bo_xa", "local_officer", units["new_commune"])
    assert refused_code(lambda: submit(q1, commune_officer)) == "not_due_unit"
    officer = make_user("can_bo_huyen", "local_officer", units["district_one"])
    assert refused_code(lambda: submit(q1, officer, now=at(date(2025, 2, 28)))) == "not_open"
    assert submit(q1, officer, now=at(date(2025, 3, 1))).status == PeriodicReport.Status.SENT


def test_a_report_needs_its_narrative_and_sensible_figures(officer, q1):
    assert refused_code(lambda: submit(q1, officer, narrative="  \n ")) == "no_narrative"
    assert refused_code(lambda: submit(q1, officer, disbursed=-1)) == "bad_figure"
    assert not PeriodicReport.objects.exists()


def test_a_sent_report_is_sent_again_only_after_the_office_returns_it(officer, staff, q1):
    report = submit(q1, officer)
    assert refused_code(lambda: submit(q1, officer)) == "already_submitted"
    services.report_return(report=report, comment="Bổ sung số liệu giải ngân.", actor=staff)
    again = submit(q1, officer, now=at(date(2025, 4, 20)), disbursed=900)
    assert again.pk == report.pk and again.status == PeriodicReport.Status.SENT
    assert again.disbursed == 900 and again.late
    services.report_accept(report=again, actor=staff)
    assert refused_code(lambda: submit(q1, officer)) == "already_accepted"
    statuses = [record.status for record in again.history.order_by("history_id")]
    assert statuses == ["da_gui", "tra_lai", "da_gui", "chap_nhan"]


def test_sending_again_the_officer_replaces_a_file_sent_before(client, officer, other_officer, staff, q1, monkeypatch):
    report = submit(q1, officer, attachments=[SimpleUploadedFile("sai.pdf", PDF_BYTES)])
    other = submit(q1, other_officer, attachments=[SimpleUploadedFile("khac.pdf", PDF_BYTES)])
    services.report_return(report=report, comment="Gửi lại biểu số liệu đúng.", actor=staff)
    foreign = other.attachments.get().pk
    assert refused_code(lambda: submit(q1, officer, remove_attachments=[foreign])) == "wrong_attachment"
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 12))
    client.force_login(officer)
    url = reverse("monitoring:report_submit", args=[q1.pk, officer.unit_id])
    data = {
        "disbursed": "0",
        "paid": "0",
        "classes": "0",
        "trainees": "0",
        "poor_households_out": "0",
        "narrative": "Gửi lại.",
        "confirmed": "on",
        "remove_attachments": [report.attachments.get().pk],
        "attachments": [SimpleUploadedFile("dung.pdf", PDF_BYTES)],
    }
    assert client.post(url, data).status_code == 302
    assert [attachment.name for attachment in report.attachments.all()] == ["dung.pdf"]
    assert other.attachments.get().name == "khac.pdf"
    assert ReportAttachment.history.filter(name="sai.pdf", history_type="-").exists()


def test_only_the_office_accepts_or_returns_and_only_a_sent_report(officer, staff, leader, q1):
    report = submit(q1, officer)
    assert refused_code(lambda: services.report_accept(report=report, actor=officer)) == "forbidden"
    assert refused_code(lambda: services.report_return(report=report, comment="x", actor=leader)) == "forbidden"
    assert refused_code(lambda: services.report_return(report=report, comment="   ", actor=staff)) == "no_comment"
    services.report_accept(report=report, actor=staff)
    assert refused_code(lambda: services.report_accept(report=report, actor=staff)) == "not_submitted"
    assert refused_code(lambda: services.report_return(report=report, comment="Sai.", actor=staff)) == "not_submitted"
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.ACCEPTED and report.reviewed_by == staff


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("bao-cao.pdf", PDF_BYTES, True),
        ("bao-cao.docx", docx_bytes(), True),
        ("so-lieu.xlsx", write_xlsx(title="Số liệu", headers=["Chỉ tiêu", "Số"], rows=[["Hộ", 3]]), True),
        ("rong.xlsx", zip_with("xl/workbook.xml"), False),  # the right part's name, nothing inside
        ("rong.docx", zip_with("word/document.xml"), False),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", False),
        ("doi-ten.xlsx", docx_bytes(), False),  # a Word file renamed .xlsx
        ("bao-cao.exe", PDF_BYTES, False),
        ("hong.docx", b"PK\x03\x04 broken", False),
    ],
)
def test_attachments_are_judged_by_their_content_not_their_name(officer, q1, name, content, accepted):
    upload = SimpleUploadedFile(name, content)
    if accepted:
        report = submit(q1, officer, attachments=[upload])
        assert report.attachments.get().name == name
    else:
        assert refused_code(lambda: submit(q1, officer, attachments=[upload])) == "bad_file"
        assert not PeriodicReport.objects.exists()


def test_too_big_or_too_many_attachments_are_refused(officer, q1, monkeypatch):
    monkeypatch.setattr(services, "ATTACHMENT_MAX_BYTES", 10)
    assert refused_code(lambda: submit(q1, officer, attachments=[SimpleUploadedFile("a.pdf", PDF_BYTES)])) == "too_big"
    monkeypatch.setattr(services, "ATTACHMENT_MAX_BYTES", 1024)
    files = [SimpleUploadedFile(f"{n}.pdf", PDF_BYTES) for n in range(services.ATTACHMENTS_PER_REPORT + 1)]
    assert refused_code(lambda: submit(q1, officer, attachments=files)) == "too_many_files"


# ------------------------------------------------------------------ pages: scope and the journey


@pytest.fixture
def disbursed(units, staff, phase):
    """Money of 2025 on Xã A Một (Huyện Một): 300 million disbursed by 31/3, 500 million more after."""
    allocation = Allocation.objects.create(
        year=2025,
        component=Component.INFRASTRUCTURE,
        phase=phase,
        category=Category.XA_DBKK,
        title="Phân bổ 2025",
        pool=10_000_000_000,
        created_by=staff,
    )
    share = Share.objects.create(
        allocation=allocation, unit=units["commune_a1"], coefficient=Decimal(1), amount=10_000_000_000
    )
    for day, kind, amount in [
        (date(2025, 2, 1), Execution.Kind.DISBURSEMENT, 300_000_000),
        (date(2025, 3, 31), Execution.Kind.PAYMENT, 120_000_000),
        (date(2025, 4, 1), Execution.Kind.DISBURSEMENT, 500_000_000),
    ]:
        Execution.objects.create(share=share, kind=kind, on=day, amount=amount, recorded_by=staff)


def test_the_officer_finds_the_portals_figures_filled_in_confirms_them_and_sends(
    client, officer, q1, disbursed, monkeypatch
):
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 10))
    client.force_login(officer)
    url = reverse("monitoring:report_submit", args=[q1.pk, officer.unit_id])
    form = client.get(url).context["form"]
    assert (form.initial["disbursed"], form.initial["paid"]) == (300_000_000, 120_000_000)
    data = {
        "disbursed": "300.000.000",
        "paid": "120.000.000",
        "classes": "2",
        "trainees": "70",
        "poor_households_out": "15",
        "narrative": "Đã tổ chức 2 lớp tập huấn.\r\n\r\nKhó khăn: mưa lũ.",
        "attachments": [SimpleUploadedFile("bieu-mau.pdf", PDF_BYTES)],
    }
    page = client.post(url, data).text
    assert "xác nhận các số liệu" in page and not PeriodicReport.objects.exists()
    response = client.post(url, {**data, "confirmed": "on", "attachments": [SimpleUploadedFile("b.pdf", PDF_BYTES)]})
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert (report.disbursed, report.classes, report.trainees, report.sent_by) == (300_000_000, 2, 70, officer)
    assert report.narrative == "Đã tổ chức 2 lớp tập huấn.\n\nKhó khăn: mưa lũ."
    attachment = report.attachments.get()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_another_units_officer_gets_404_on_the_report_its_files_and_its_submission(
    client, officer, other_officer, units, q1
):
    report = submit(q1, officer, attachments=[SimpleUploadedFile("a.pdf", PDF_BYTES)])
    attachment = ReportAttachment.objects.get()
    client.force_login(other_officer)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert client.get(reverse("monitoring:report_pdf", args=[report.pk])).status_code == 404
    assert client.get(reverse("monitoring:report_docx", args=[report.pk])).status_code == 404
    other_unit_url = reverse("monitoring:report_submit", args=[q1.pk, units["district_one"].pk])
    assert client.get(other_unit_url).status_code == 404
    assert client.post(other_unit_url, {"narrative": "x", "confirmed": "on"}).status_code == 404
    assert PeriodicReport.objects.count() == 1


def test_the_office_returns_with_a_comment_and_accepts_through_the_pages(client, staff, officer, q1):
    report = submit(q1, officer)
    client.force_login(staff)
    waiting = client.get(reverse("monitoring:report_waiting")).text
    assert "Huyện Một" in waiting
    return_url = reverse("monitoring:report_return", args=[report.pk])
    assert "Trả lại" in client.post(return_url, {"comment": ""}).text
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.SENT
    client.post(return_url, {"comment": "Bổ sung phần kiến nghị."})
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.RETURNED and report.comment == "Bổ sung phần kiến nghị."
    client.force_login(officer)
    assert "Bổ sung phần kiến nghị." in client.get(reverse("monitoring:report_unit")).text
    submit(q1, officer, now=at(date(2025, 4, 12)))
    client.force_login(staff)
    client.post(reverse("monitoring:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.ACCEPTED


def test_accepting_asks_for_confirmation_first(client, staff, officer, q1):
    report = submit(q1, officer)
    client.force_login(staff)
    page = client.get(reverse("monitoring:report_accept", args=[report.pk]))
    assert page.status_code == 200
    assert "Chấp nhận báo cáo 3 tháng năm 2025" in page.text and "không nộp lại báo cáo được nữa" in page.text
    report.refresh_from_db()
    assert report.status == PeriodicReport.Status.SENT


def test_the_office_accepts_straight_from_the_list_of_reports_waiting(client, staff, officer, other_officer, q1):
    first, second = submit(q1, officer), submit(q1, other_officer)
    client.force_login(staff)
    waiting = reverse("monitoring:report_waiting")
    listing = client.get(waiting).text
    accept = reverse("monitoring:report_accept", args=[first.pk])
    assert f"{accept}?next={waiting}" in listing.replace("%2F", "/")
    response = client.post(accept, {"next": waiting}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("monitoring:report_waiting")
    page = response.text
    assert "Đã chấp nhận báo cáo 3 tháng năm 2025 của Huyện Một." in page
    assert second.get_absolute_url() in page and first.get_absolute_url() not in page


def test_home_pages_show_the_officers_reports_to_send_and_the_offices_to_review(
    client, staff, officer, other_officer, q1, monkeypatch
):
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 20))
    submit(q1, other_officer, now=at(date(2025, 4, 14)))
    client.force_login(officer)
    page = client.get(reverse("home")).text
    assert "Báo cáo định kỳ quá hạn chưa nộp" in page
    client.force_login(staff)
    page = client.get(reverse("home")).text
    assert "Báo cáo định kỳ chờ xem xét" in page and "Báo cáo định kỳ năm 2025 quá hạn chưa nộp" in page
    # What the office must act on comes first; what units owe it is shown apart, to follow up.
    yours, owed = page.split("Việc các đơn vị còn chậm")
    assert "Báo cáo định kỳ chờ xem xét" in yours and "quá hạn chưa nộp" not in yours
    assert "Báo cáo định kỳ năm 2025 quá hạn chưa nộp" in owed


def test_the_leaders_home_page_shows_who_sent_the_latest_report_due(client, leader, other_officer, q1, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 20))
    submit(q1, other_officer, now=at(date(2025, 4, 14)))
    client.force_login(leader)
    page = " ".join(client.get(reverse("home")).text.split())
    assert "Báo cáo 3 tháng năm 2025: đơn vị đã nộp" in page
    assert "1/2" in page and "1 đơn vị quá hạn chưa nộp, hạn 15/04/2025" in page


# ------------------------------------------------------------------ volume, export, print


@pytest.fixture
def many_communes(units, staff):
    """60 new communes × the 4 periods of 2026, with a report each for the first three periods."""
    schedule = services.schedule_create(year=2026, actor=staff)
    province = units["new_province"]
    communes = [
        make_unit(f"9{n:04d}", f"Xã Số {n}", Unit.Level.COMMUNE, Unit.Kind.XA, province, new=True)
        for n in range(100, 160)
    ]
    periods = list(schedule.periods.order_by("ends_on"))[:3]
    for period in periods:
        for index, commune in enumerate(communes):
            PeriodicReport.objects.create(
                period=period,
                unit=commune,
                status=[PeriodicReport.Status.SENT, PeriodicReport.Status.ACCEPTED][index % 2],
                narrative="Báo cáo.",
                sent_at=at(period.due_on),
                sent_by=staff,
            )
    return communes


def test_the_board_and_lists_issue_a_bounded_number_of_queries(
    client, staff, many_communes, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(selectors, "today", lambda: date(2026, 11, 23))
    client.force_login(staff)
    with django_assert_max_num_queries(12 + CACHE_QUERIES):  # the first time; then it is kept
        page = client.get(reverse("monitoring:report_board") + "?nam=2026").text
    assert page.count("Đã chấp nhận</a>") == 90 and "Xã Số 159" in page
    with django_assert_max_num_queries(12):
        export = client.get(reverse("monitoring:report_board_export") + "?nam=2026")
    assert export.status_code == 200
    with django_assert_max_num_queries(12):
        page = client.get(reverse("monitoring:report_waiting")).text
    assert "Trang 1 / 2" in page
    with django_assert_max_num_queries(home_query_budget()):
        client.get(reverse("home"))


def test_the_excel_export_is_the_board(client, staff, many_communes, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: date(2026, 11, 23))
    client.force_login(staff)
    content = client.get(reverse("monitoring:report_board_export") + "?nam=2026").content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Mã", "Đơn vị", "Cấp") and rows[0][4].startswith("3 tháng (hạn 15/04/2026)")
    by_name = {row[2]: row for row in rows[1:]}
    assert len(by_name) == 61  # the 60 communes and Xã Mới of the test province
    assert by_name["Xã Số 100"][4].startswith("Đã nộp (15/04/2026")
    assert by_name["Xã Mới"][4] == "Quá hạn" and by_name["Xã Mới"][7] == "Chưa đến hạn"


def test_the_printed_report_reads_as_the_units_bao_cao(client, staff, officer, q1):
    submit(q1, officer, narrative="Đã hoàn thành 3 công trình đường giao thông nông thôn.", classes=4)
    client.force_login(staff)
    response = client.get(reverse("monitoring:report_pdf", args=[PeriodicReport.objects.get().pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "HUYỆN MỘT" in text and "BÁO CÁO" in text
    # 2025 is in the 2021-2025 phase: the report names that programme, not Chương trình 135.
    text = pdf_text(response.content, raw=True)
    assert "Kết quả thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào" in text
    assert "Chương trình 135" not in text
    assert "Đã hoàn thành 3 công trình đường giao thông nông thôn." in text
    assert "Số lớp tập huấn, bồi dưỡng đã tổ chức" in text
    word = client.get(reverse("monitoring:report_docx", args=[PeriodicReport.objects.get().pk]))
    paragraphs = [paragraph.text for paragraph in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert "Đã hoàn thành 3 công trình đường giao thông nông thôn." in paragraphs


def test_the_office_prints_the_periods_summary_with_who_has_not_sent(
    client, staff, officer, other_officer, q1, monkeypatch
):
    monkeypatch.setattr(selectors, "today", lambda: date(2025, 4, 20))
    submit(q1, officer, disbursed=1_500_000, classes=2)
    client.force_login(staff)
    response = client.get(reverse("monitoring:report_period_summary", args=[q1.pk]))
    text = pdf_text(response.content)
    # On 20/4/2025 the office was already Sở Dân tộc và Tôn giáo (from 1/3/2025 in the data).
    assert "SỞ DÂN TỘC VÀ TÔN GIÁO" in text and "/BC-SDTTG" in text and "BAN DÂN TỘC" not in text
    assert "Tổng hợp báo cáo định kỳ Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội" in text
    assert "Đến ngày 20/04/2025, có 1/2 đơn vị đã gửi báo cáo" in text
    assert "Các đơn vị chưa gửi hoặc phải gửi lại báo cáo: Huyện Hai." in text
    assert "Tổng cộng 1.500.000" in text
    # An officer's copy holds their own unit only.
    client.force_login(other_officer)
    text = pdf_text(client.get(reverse("monitoring:report_period_summary", args=[q1.pk])).content)
    assert "có 0/1 đơn vị" in text and "Huyện Một" not in text


def test_the_demo_reports_are_seeded_once(staff, units):
    first = seed_reports(actor=staff)
    count = PeriodicReport.objects.count()
    assert "2 lịch năm mới" in first
    assert seed_reports(actor=staff) == "Báo cáo định kỳ: không thay đổi"
    assert PeriodicReport.objects.count() == count


# ------------------------------------------------------------------ in a real browser


@pytest.mark.browser
def test_an_officer_sends_a_report_and_the_office_returns_it_in_the_browser(
    browser,
    live_server,
    officer,
    staff,
    q1,
    tmp_path,
):
    attachment = tmp_path / "bieu-so-lieu.pdf"
    attachment.write_bytes(PDF_BYTES)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    assert "Báo cáo định kỳ quá hạn chưa nộp" in page.inner_text("main")
    page.get_by_role("button", name="Kiểm tra, giám sát").click()
    page.get_by_role("link", name="Báo cáo định kỳ", exact=True).click()
    page.get_by_role("link", name="Báo cáo của đơn vị").click()
    page.locator("tr", has_text="Báo cáo 3 tháng năm 2025").get_by_role("link", name="Nộp báo cáo").click()
    page.get_by_label("Nội dung báo cáo").fill("Đã tổ chức 2 lớp tập huấn cho cán bộ thôn.")
    page.get_by_label("Tệp đính kèm").set_input_files(str(attachment))
    page.get_by_label("Tôi đã kiểm tra và xác nhận").check()
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.wait_for_load_state()
    assert "ghi nhận nộp muộn" in page.inner_text("main")
    assert page.get_by_role("link", name="bieu-so-lieu.pdf").is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "report-sent-officer.png", full_page=True)
    page.close()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(page, live_server, staff.username)
    page.get_by_role("link", name="Báo cáo định kỳ chờ xem xét").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Xem xét", exact=True).click()
    page.locator("main a.btn", has_text="Trả lại").click()
    page.get_by_label("Ý kiến").fill("Bổ sung số học viên là người dân tộc thiểu số.")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    page.wait_for_load_state()
    assert "Bị trả lại" in page.inner_text("h1")
    page.get_by_role("link", name="Tình hình báo cáo").click()
    page.get_by_label("Năm").select_option("2025")
    page.wait_for_load_state()
    assert page.locator("table").inner_text().count("Bị trả lại") == 1
    page.screenshot(path=SCREENSHOTS / "report-board-staff.png", full_page=True)
    page.close()
    assert PeriodicReport.objects.get().status == PeriodicReport.Status.RETURNED


def test_the_classes_the_unit_reported_are_filled_in(units, phase, q1):
    from trainings.models import AnnualPlan, ClassReport, LocalPlan, PlanClass, Topic

    plan = AnnualPlan.objects.create(year=2025, phase=phase, title="Kế hoạch 2025")
    local_plan = LocalPlan.objects.create(plan=plan, unit=units["district_one"], status=LocalPlan.Status.ACCEPTED)
    topic = Topic.objects.create(name="Giám sát cộng đồng")
    common = {"audience": "cong_dong", "level": "xa", "place": "Xã A Một", "days": 2, "participants": 30, "cost": 1}
    for start, status in [
        (date(2025, 3, 10), ClassReport.Status.ACCEPTED),
        (date(2025, 3, 20), ClassReport.Status.SENT),
        (date(2025, 3, 24), ClassReport.Status.RETURNED),  # to be corrected: not counted yet
        (date(2025, 5, 5), ClassReport.Status.ACCEPTED),  # after the period
    ]:
        end = start + timedelta(days=1)
        plan_class = PlanClass.objects.create(
            plan=plan, local_plan=local_plan, topic=topic, start_date=start, end_date=end, **common
        )
        ClassReport.objects.create(
            plan_class=plan_class,
            start_date=start,
            end_date=end,
            days=2,
            participants=25,
            residents=25,
            cost=1,
            trainers="Ban Dân tộc",
            evaluation="Tốt",
            status=status,
            comment="Sửa" if status == ClassReport.Status.RETURNED else "",
            sent_at=at(end),
        )
    figures = selectors.known_figures(units["district_one"], q1)
    assert (figures["classes"], figures["trainees"]) == (2, 50)
    assert selectors.known_figures(units["district_two"], q1)["classes"] == 0


def test_the_home_page_counts_late_reports_of_the_latest_two_schedules_only(units, staff):
    for year in (2022, 2023, 2024, 2025):
        services.schedule_create(year=year, actor=staff)
    assert list(selectors.late_counts(staff, date(2026, 3, 1))) == [2025, 2024]


def test_the_schedule_and_who_reports_follow_the_regime_in_force_not_a_constant(staff, units):
    from monitoring.models import ReportingRegime
    from monitoring.selectors.reports import reporting_level

    communes = ReportingRegime.objects.get(level="commune")
    schedule = services.schedule_create(year=2027, actor=staff)
    assert schedule.periods.get(kind="3_thang").due_on == date(2027, 4, 15)
    # A new basis: communes report by the 20th of the second month after the period, twice a year.
    communes.due_day, communes.due_months, communes.kinds = 20, 2, ["6_thang", "ca_nam"]
    communes.save()
    schedule = services.schedule_create(year=2028, actor=staff)
    assert dict(schedule.periods.values_list("kind", "due_on")) == {
        "6_thang": date(2028, 8, 20),
        "ca_nam": date(2029, 2, 20),
    }
    # Who reports in a period is the level of the regime in force on its last day.
    assert reporting_level(date(2025, 6, 30)) == "district" and reporting_level(date(2025, 9, 30)) == "commune"
    ReportingRegime.objects.filter(level="district").update(valid_until=date(2025, 3, 31))
    communes.valid_from = date(2025, 4, 1)
    communes.save()
    assert reporting_level(date(2025, 6, 30)) == "commune"


def test_a_regime_with_calendar_deadlines_sets_them_after_the_period(staff, units):
    """QĐ 552/QĐ-BDTTG-style deadlines: a fixed day and month (the year's figures by 25/1 of the next
    year) beside the rule for the other periods; a malformed entry is refused in words."""
    from monitoring.models import ReportingRegime

    communes = ReportingRegime.objects.get(level="commune")
    communes.fixed_due = {"9_thang": "10/10", "ca_nam": "25/1"}
    communes.full_clean()
    communes.save()
    schedule = services.schedule_create(year=2027, actor=staff)
    assert dict(schedule.periods.values_list("kind", "due_on")) == {
        "3_thang": date(2027, 4, 15),
        "6_thang": date(2027, 7, 15),
        "9_thang": date(2027, 10, 10),
        "ca_nam": date(2028, 1, 25),
    }
    for wrong in ({"ca_nam": "29/2"}, {"quy_5": "25/1"}, {"ca_nam": "25-1"}):
        communes.fixed_due = wrong
        with pytest.raises(ValidationError, match="ngày/tháng"):
            communes.full_clean()
