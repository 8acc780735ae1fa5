"""Class reports: the unit reports a class after it ended, the province office accepts or returns it,
and the approved_plan is compared with what was done."""

import io
from datetime import date, timedelta

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from p135portal.home import waiting_for
from tests import factories
from tests.conftest import CACHE_QUERIES, home_query_budget
from trainings.demo.reports import seed_class_reports
from trainings.documents.attendance import GROUPS, HEADERS, read_attendance
from trainings.models import AnnualPlan, ClassReport, LocalPlan, PlanClass, Topic
from trainings.selectors.reports import plan_actual
from trainings.services.reports import classreport_accept, classreport_return, classreport_submit

TODAY = date(2018, 12, 31)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def approved_plan(phase, rules):
    signed = {"number": "82/KH-UBND", "signed_on": date(2018, 5, 3), "signer_name": "Lý Vinh Quang"}
    return factories.annual_plan(phase, status=AnnualPlan.Status.APPROVED, **signed)


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Giám sát đầu tư của cộng đồng")


@pytest.fixture
def local_plan(approved_plan, units):
    return LocalPlan.objects.create(plan=approved_plan, unit=units["district_one"], status=LocalPlan.Status.ACCEPTED)


@pytest.fixture
def other_local_plan(approved_plan, units):
    return LocalPlan.objects.create(plan=approved_plan, unit=units["district_two"], status=LocalPlan.Status.ACCEPTED)


def make_class(approved_plan, topic, local_plan=None, **changes):
    values = {
        "audience": PlanClass.Audience.COMMUNITY,
        "level": PlanClass.Level.DISTRICT if local_plan else PlanClass.Level.PROVINCE,
        "place": "Thị trấn Thất Khê",
        "start_date": date(2018, 6, 4),
        "end_date": date(2018, 6, 7),
        "days": 4,
        "participants": 40,
        "women": 15,
        "ethnic_minority": 36,
        "young_cadres": 4,
        "cost": 50_000_000,
        **changes,
    }
    return PlanClass.objects.create(plan=approved_plan, local_plan=local_plan, topic=topic, **values)


@pytest.fixture
def local_class(approved_plan, topic, local_plan):
    return make_class(approved_plan, topic, local_plan)


@pytest.fixture
def other_class(approved_plan, topic, other_local_plan):
    return make_class(approved_plan, topic, other_local_plan, place="Huyện Hai")


def report_data(**changes):
    return {
        "start_date": date(2018, 6, 4),
        "end_date": date(2018, 6, 7),
        "days": 4,
        "participants": 3,
        "women": 2,
        "ethnic_minority": 2,
        "very_small_minorities": 1,
        "young_cadres": 1,
        "commune_officials": 0,
        "village_officials": 1,
        "prestigious": 1,
        "residents": 1,
        "cost": 48_500_000,
        "trainers": "Phòng Dân tộc huyện",
        "evaluation": "Học viên tham gia đầy đủ.",
        **changes,
    }


# The columns of lists made before the template had a «Thành phần» drop-down: still read, without
# the breakdown by group.
EARLIER_HEADERS = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Chức vụ / thành phần",
    "Đơn vị",
    "Cán bộ trẻ (x)",
]


def attendance_file(rows, name="danh-sach.xlsx", headers=EARLIER_HEADERS) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


# Three trainees matching report_data(): 2 women, 2 ethnic minority of whom 1 Cờ Lao (typed
# without tone marks), 1 young cadre.
MATCHING_ROWS = [
    [1, "Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", "Thôn Nà Pàn", "x"],
    [2, "Vàng Thị Dung", "nữ", 1985, "Co Lao", "Người dân", "Thôn Khau Phiêng", ""],
    [3, "Nguyễn Văn An", "Nam", 1970, "Kinh", "Người có uy tín", "Thôn Bản Chắt", None],
]


def submit(plan_class, user, **changes):
    attendance = changes.pop("attendance", None)
    return classreport_submit(
        plan_class=plan_class, data=report_data(**changes), attendance=attendance, actor=user, today=TODAY
    )


def refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


# ------------------------------------------------------------------ the rules


def test_an_officer_reports_a_class_of_their_approved_plan(local_class, officer):
    report = submit(local_class, officer, attendance=attendance_file(MATCHING_ROWS))
    assert report.status == ClassReport.Status.SENT
    assert report.participants == 3 and report.cost == 48_500_000
    assert report.attendance.name.endswith(".xlsx")
    assert report.history.first().history_user == officer


def test_it_rejects_a_community_class_longer_than_4_days(local_class, officer):
    messages = refusal(lambda: submit(local_class, officer, end_date=date(2018, 6, 8), days=5))
    assert "Lớp cho cộng đồng tối đa 4 ngày (theo 82/KH-UBND); lớp “Giám sát đầu tư của cộng đồng” dài 5 ngày." in (
        messages
    )
    assert not ClassReport.objects.exists()


def test_an_officials_class_may_last_5_days_but_not_6(approved_plan, topic, local_plan, officer):
    plan_class = make_class(approved_plan, topic, local_plan, audience=PlanClass.Audience.OFFICIALS)
    messages = refusal(lambda: submit(plan_class, officer, end_date=date(2018, 6, 9), days=6))
    assert any("Lớp cho cán bộ cơ sở tối đa 5 ngày" in message for message in messages)
    assert submit(plan_class, officer, end_date=date(2018, 6, 8), days=5).days == 5


def test_the_days_fit_the_dates_inside_the_plans_year(local_class, officer):
    messages = refusal(lambda: submit(local_class, officer, start_date=date(2019, 1, 2), end_date=date(2019, 1, 4)))
    assert any("phải diễn ra trong năm 2018" in message for message in messages)
    messages = refusal(lambda: submit(local_class, officer, end_date=date(2018, 6, 5), days=3))
    assert "Lớp “Giám sát đầu tư của cộng đồng” ghi 3 ngày nhưng chỉ kéo dài 2 ngày theo lịch." in messages
    messages = refusal(lambda: submit(local_class, officer, start_date=date(2018, 6, 7), end_date=date(2018, 6, 4)))
    assert "Ngày kết thúc không được trước ngày bắt đầu." in messages


def test_a_class_that_has_not_ended_cannot_be_reported(local_class, officer):
    messages = refusal(
        lambda: classreport_submit(plan_class=local_class, data=report_data(), actor=officer, today=date(2018, 6, 6))
    )
    assert messages == ["Lớp kết thúc ngày 07/06/2018, sau hôm nay: chỉ báo cáo được lớp đã kết thúc."]


def test_the_trainees_by_role_must_add_up_to_the_total(local_class, officer):
    messages = refusal(lambda: submit(local_class, officer, residents=3))
    assert messages == [
        "Số học viên theo thành phần (cán bộ cấp xã 0 + cán bộ thôn, bản 1 + người có uy tín 1 + người dân, thành"
        " phần khác 3 = 5) phải bằng tổng số học viên (3)."
    ]


def test_women_cannot_outnumber_the_trainees(local_class, officer):
    messages = refusal(lambda: submit(local_class, officer, women=4))
    assert "Số học viên nữ (4) không được vượt tổng số học viên (3)." in messages
    messages = refusal(lambda: submit(local_class, officer, very_small_minorities=3))
    assert "Số người dân tộc rất ít người (3) không được vượt số người DTTS (2)." in messages


def test_every_mismatch_of_the_attendance_list_is_listed_and_nothing_is_saved(local_class, officer, tmp_path):
    rows = [
        [1, "Hoàng Thị Mai", "Nam", 1990, "Kinh", "Trưởng thôn", "Thôn Nà Pàn", ""],
        [2, "Vàng Văn Dũng", "Nam", 1985, "Kinh", "Người dân", "Thôn Khau Phiêng", ""],
    ]
    messages = refusal(lambda: submit(local_class, officer, attendance=attendance_file(rows)))
    assert messages == [
        "Danh sách có 2 học viên nhưng báo cáo ghi 3.",
        "Danh sách có 0 học viên nữ nhưng báo cáo ghi 2.",
        "Danh sách có 0 học viên người dân tộc thiểu số nhưng báo cáo ghi 2.",
        "Danh sách có 0 học viên thuộc dân tộc rất ít người nhưng báo cáo ghi 1.",
        "Danh sách có 0 cán bộ trẻ (đánh dấu «x») nhưng báo cáo ghi 1.",
    ]
    assert not ClassReport.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_the_women_count_of_the_list_is_compared_as_the_users_read_it(local_class, officer):
    rows = [[n, f"Học viên {n}", "Nữ", 1990, "Nùng", "", "", ""] for n in range(1, 24)]
    rows += [[n, f"Học viên {n}", "Nam", 1990, "Nùng", "", "", ""] for n in range(24, 31)]
    data = {"participants": 30, "women": 25, "ethnic_minority": 30, "very_small_minorities": 0, "young_cadres": 0}
    data |= {"village_officials": 0, "prestigious": 0, "residents": 30}
    messages = refusal(lambda: submit(local_class, officer, attendance=attendance_file(rows), **data))
    assert messages == ["Danh sách có 23 học viên nữ nhưng báo cáo ghi 25."]


def test_bad_rows_of_the_attendance_list_are_listed_with_their_row_numbers(local_class, officer):
    rows = [*MATCHING_ROWS, [4, "", "Không rõ", 1990, "", "", "", "có"]]
    messages = refusal(lambda: submit(local_class, officer, attendance=attendance_file(rows)))
    assert messages == [
        "Danh sách học viên – Dòng 5: thiếu họ và tên; giới tính phải ghi «Nam» hoặc «Nữ»; thiếu dân tộc; cột «Cán"
        " bộ trẻ» chỉ ghi «x» hoặc để trống."
    ]


def test_the_lines_under_the_list_are_not_read_as_trainees_but_a_trainee_after_them_is(local_class, officer):
    signed = [
        *MATCHING_ROWS,
        [None, "Cộng: 3 học viên"],
        [],
        [None, None, None, None, None, "Lạng Sơn, ngày 10 tháng 6 năm 2018"],
        [None, "NGƯỜI LẬP DANH SÁCH", None, None, None, "TRƯỞNG BAN"],
        [None, "(Ký, ghi rõ họ tên)"],
        [None, "Nông Văn Hải", None, None, None, "Hoàng Văn Thụ"],
    ]
    report = submit(local_class, officer, attendance=attendance_file(signed))
    assert report.participants == 3
    # A trainee after those lines: they are no longer the list's end, so each is named, none skipped unread.
    late_trainee = [*signed, [None, "Lý Thị Hoa", "Nữ", 1992, "Dao"]]
    messages = refusal(lambda: submit(local_class, officer, attendance=attendance_file(late_trainee)))
    named = [message for message in messages if "Dòng" in message]
    assert [message.split(":")[0] for message in named] == [
        f"Danh sách học viên – Dòng {row}" for row in (5, 7, 8, 9, 10)
    ]


def test_an_attendance_list_that_is_not_xlsx_is_refused(local_class, officer):
    upload = SimpleUploadedFile("danh-sach.xlsx", b"not a workbook")
    messages = refusal(lambda: submit(local_class, officer, attendance=upload))
    assert "không phải là tệp Excel .xlsx hợp lệ" in messages[0]
    upload = SimpleUploadedFile("danh-sach.csv", b"a,b")
    assert "phải là tệp Excel .xlsx" in refusal(lambda: submit(local_class, officer, attendance=upload))[0]


def test_a_stored_list_is_checked_again_when_the_counts_change(local_class, officer, staff):
    report = submit(local_class, officer, attendance=attendance_file(MATCHING_ROWS))
    classreport_return(report=report, comment="Sai kinh phí", actor=staff)
    messages = refusal(lambda: submit(local_class, officer, women=1))
    assert "Danh sách có 2 học viên nữ nhưng báo cáo ghi 1." in messages
    assert submit(local_class, officer, cost=49_000_000).cost == 49_000_000


def test_a_class_of_a_plan_not_yet_approved_cannot_be_reported(local_class, local_plan, officer, client):
    local_plan.status = LocalPlan.Status.SENT
    local_plan.save()
    messages = refusal(lambda: submit(local_class, officer))
    assert messages == ["Kế hoạch có lớp này chưa được duyệt: chỉ báo cáo được lớp của kế hoạch đã duyệt."]
    client.force_login(officer)
    response = client.get(reverse("trainings:report_create", args=[local_class.pk]), follow=True)
    assert "chưa được duyệt" in response.text
    assert not ClassReport.objects.exists()


def test_a_province_class_waits_for_the_annual_plan_and_is_reported_by_staff(approved_plan, topic, staff, officer):
    plan_class = make_class(approved_plan, topic)
    approved_plan.status = AnnualPlan.Status.SUBMITTED
    approved_plan.save()
    assert refusal(lambda: submit(plan_class, staff))[0].startswith("Kế hoạch có lớp này chưa được duyệt")
    approved_plan.status = AnnualPlan.Status.APPROVED
    approved_plan.save()
    assert refusal(lambda: submit(plan_class, officer)) == ["Bạn không báo cáo được lớp của đơn vị khác."]
    assert submit(plan_class, staff).status == ClassReport.Status.SENT


# ------------------------------------------------------------------ decisions


def test_an_accepted_report_is_locked(local_class, officer, staff, client):
    report = classreport_accept(report=submit(local_class, officer), actor=staff)
    assert report.status == ClassReport.Status.ACCEPTED and report.reviewed_at
    assert refusal(lambda: submit(local_class, officer, cost=1)) == [
        "Báo cáo đã được tỉnh chấp nhận và đã khóa: không sửa được."
    ]
    client.force_login(officer)
    response = client.get(reverse("trainings:report_update", args=[report.pk]))
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert refusal(lambda: classreport_return(report=report, comment="Sửa", actor=staff))


def test_returning_a_report_needs_a_comment_and_the_unit_submits_it_again(local_class, officer, staff, client):
    report = submit(local_class, officer)
    assert refusal(lambda: classreport_return(report=report, comment="  ", actor=staff)) == [
        "Phải ghi ý kiến: đơn vị cần sửa, bổ sung gì."
    ]
    client.force_login(staff)
    response = client.post(reverse("trainings:report_return", args=[report.pk]), {"comment": ""})
    assert response.status_code == 200 and "This field is required" not in response.text
    report.refresh_from_db()
    assert report.status == ClassReport.Status.SENT
    client.post(reverse("trainings:report_return", args=[report.pk]), {"comment": "Thiếu danh sách học viên."})
    report.refresh_from_db()
    assert report.status == ClassReport.Status.RETURNED and report.comment == "Thiếu danh sách học viên."
    again = submit(local_class, officer, cost=47_000_000)
    assert again.pk == report.pk and again.status == ClassReport.Status.SENT and again.reviewed_at is None


def test_an_officer_cannot_accept_a_report(local_class, officer, client):
    report = submit(local_class, officer)
    client.force_login(officer)
    assert client.post(reverse("trainings:report_accept", args=[report.pk])).status_code == 403
    assert client.get(reverse("trainings:report_return", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == ClassReport.Status.SENT


def test_staff_accept_from_the_report_page(local_class, officer, staff, client):
    report = submit(local_class, officer)
    client.force_login(staff)
    page = client.get(report.get_absolute_url()).text
    assert "Chấp nhận" in page and "Trả lại…" in page
    client.post(reverse("trainings:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ClassReport.Status.ACCEPTED
    assert "đã khóa" in client.get(report.get_absolute_url()).text


# ------------------------------------------------------------------ scope


def test_an_officer_of_another_unit_gets_404_everywhere(local_class, officer, other_officer, client):
    report = submit(local_class, officer, attendance=attendance_file(MATCHING_ROWS))
    client.force_login(other_officer)
    for url in (
        reverse("trainings:report_create", args=[local_class.pk]),
        reverse("trainings:report_update", args=[report.pk]),
        reverse("trainings:report_detail", args=[report.pk]),
        reverse("trainings:report_attendance", args=[report.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("trainings:report_create", args=[local_class.pk]), {}).status_code == 404
    assert refusal(lambda: submit(local_class, other_officer)) == ["Bạn không báo cáo được lớp của đơn vị khác."]


def test_the_attendance_list_downloads_for_the_unit_and_the_province(local_class, officer, staff, client):
    report = submit(local_class, officer, attendance=attendance_file(MATCHING_ROWS))
    for user in (officer, staff):
        client.force_login(user)
        response = client.get(reverse("trainings:report_attendance", args=[report.pk]))
        assert response.status_code == 200
        rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
        assert rows[1][1] == "Hoàng Thị Mai"


def test_the_form_is_prefilled_from_the_planned_class_and_saves_with_the_list(local_class, officer, client):
    client.force_login(officer)
    url = reverse("trainings:report_create", args=[local_class.pk])
    page = client.get(url).text
    assert 'value="04/06/2018"' in page and 'value="40"' in page and "tệp mẫu" in page
    data = {
        key: (value.strftime("%d/%m/%Y") if isinstance(value, date) else value) for key, value in report_data().items()
    }
    response = client.post(url, {**data, "attendance_file": attendance_file(MATCHING_ROWS)})
    report = ClassReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.attendance
    page = client.get(report.get_absolute_url()).text
    assert "Danh sách học viên" in page and "Sửa, nộp lại" in page


def test_the_form_shows_every_problem_and_saves_nothing(local_class, officer, client):
    client.force_login(officer)
    data = {
        key: (value.strftime("%d/%m/%Y") if isinstance(value, date) else value)
        for key, value in report_data(women=5, residents=2, days=5, end_date=date(2018, 6, 8)).items()
    }
    page = client.post(reverse("trainings:report_create", args=[local_class.pk]), data).text
    assert "tối đa 4 ngày" in page and "Số học viên nữ (5)" in page and "phải bằng tổng số học viên (3)" in page
    assert not ClassReport.objects.exists()


def test_the_attendance_template_has_the_columns_to_fill(officer, client):
    client.force_login(officer)
    response = client.get(reverse("trainings:attendance_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.values)
    assert list(rows[0]) == HEADERS and len(rows) == 1  # no example row to be counted by mistake
    assert workbook.sheetnames == ["Danh sách học viên", "Danh mục", "Hướng dẫn"]
    assert workbook["Danh mục"].sheet_state == "hidden"
    ethnic_groups = [row[0] for row in workbook["Danh mục"].values]
    assert len(ethnic_groups) == 54 and {"Kinh", "Tày", "Nùng", "Cờ Lao", "Ơ Đu"} <= set(ethnic_groups)
    checks = {str(check.sqref): check.formula1 for check in workbook.active.data_validations.dataValidation}
    assert checks["C2:C301"] == '"Nam,Nữ"'
    assert checks["E2:E301"] == "'Danh mục'!$A$1:$A$54"
    assert checks["G2:G301"] == "'Danh mục'!$B$1:$B$4"
    guide = "\n".join(str(value) for row in workbook["Hướng dẫn"].values for value in row if value)
    assert "Ví dụ một dòng" in guide and "Hoàng Thị Mai" in guide


def test_a_list_filled_from_the_template_gives_every_count_and_the_breakdown_by_group(local_class, officer):
    rows = [
        [1, "Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", GROUPS["village_officials"], "Thôn Nà Pàn", "x"],
        [2, "Vàng Thị Dung", "Nữ", 1985, "Cờ Lao", "", GROUPS["residents"], "Thôn Khau Phiêng", ""],
        [3, "Nguyễn Văn An", "Nam", 1970, "Kinh", "", GROUPS["prestigious"], "Thôn Bản Chắt", ""],
    ]
    counts = read_attendance(attendance_file(rows, headers=HEADERS))
    assert counts.errors == []
    assert counts.figures() == {
        "participants": 3,
        "women": 2,
        "ethnic_minority": 2,
        "very_small_minorities": 1,
        "young_cadres": 1,
        "commune_officials": 0,
        "village_officials": 1,
        "prestigious": 1,
        "residents": 1,
    }
    refused = refusal(
        lambda: submit(
            local_class, officer, residents=0, prestigious=2, attendance=attendance_file(rows, headers=HEADERS)
        )
    )
    assert "Danh sách có 1 học viên thuộc «Người dân, khác» nhưng báo cáo ghi 0." in refused
    assert "Danh sách có 1 học viên thuộc «Người có uy tín» nhưng báo cáo ghi 2." in refused


def test_a_group_not_in_the_drop_down_is_named_with_its_row(local_class, officer):
    rows = [[1, "Hoàng Thị Mai", "Nữ", 1990, "Tày", "Trưởng thôn", "Cán bộ xã", "Thôn Nà Pàn", "x"]]
    counts = read_attendance(attendance_file(rows, headers=HEADERS))
    assert counts.errors == [
        "Dòng 2: cột «Thành phần» chọn một trong: Cán bộ cấp xã; Cán bộ thôn, bản; Người có uy tín; Người dân, khác."
    ]


# ------------------------------------------------------------------ lists, export, plan against actual


def test_the_classes_awaiting_a_report_and_the_returned_ones(local_class, other_class, officer, staff, client):
    client.force_login(officer)
    page = client.get(reverse("trainings:report_pending")).text
    assert "Thị trấn Thất Khê" in page and "Huyện Hai" not in page
    report = submit(local_class, officer)
    classreport_return(report=report, comment="Bổ sung đánh giá.", actor=staff)
    page = client.get(reverse("trainings:report_pending")).text
    assert "Bổ sung đánh giá." in page and "Không có lớp nào đang chờ báo cáo." in page
    client.force_login(staff)
    assert [c.place for c in client.get(reverse("trainings:report_pending")).context["page"]] == ["Huyện Hai"]
    assert not client.get(reverse("trainings:report_pending"), {"rieng": "1"}).context["page"].object_list


def test_the_home_pages_show_what_waits(approved_plan, topic, local_class, other_class, officer, staff):
    make_class(approved_plan, topic)  # a province class: the office's own to report
    assert [(item.label, item.count) for item in waiting_for(officer)] == [
        ("Lớp đã kết thúc chưa có báo cáo kết quả", 1)
    ]
    report = submit(local_class, officer)
    waiting = {item.label: item.count for item in waiting_for(staff)}
    assert waiting == {"Lớp đã kết thúc chưa có báo cáo kết quả": 1, "Báo cáo kết quả lớp năm 2018 chờ chấp nhận": 1}
    classreport_return(report=report, comment="Thiếu chữ ký.", actor=staff)
    returned = waiting_for(officer)
    assert returned[0].note == "Thiếu chữ ký."
    assert returned[0].url == reverse("trainings:report_update", args=[report.pk])
    assert all(item.note == "" for item in waiting_for(staff))  # the unit's report is the unit's to correct


def test_the_report_list_filters_by_status_and_unit_and_officers_see_their_own(
    approved_plan, local_class, other_class, topic, officer, other_officer, staff, client
):
    submit(local_class, officer)
    classreport_accept(report=submit(other_class, other_officer), actor=staff)
    url = reverse("trainings:report_list", args=[approved_plan.pk])
    client.force_login(staff)
    assert client.get(url).context["page"].paginator.count == 2
    assert [r.plan_class for r in client.get(url, {"status": "chap_nhan"}).context["page"]] == [other_class]
    unit = local_class.local_plan.unit_id
    assert [r.plan_class for r in client.get(url, {"unit": unit}).context["page"]] == [local_class]
    client.force_login(officer)
    assert [r.plan_class for r in client.get(url).context["page"]] == [local_class]


def test_the_summary_exports_to_excel_and_reads_back(
    approved_plan, local_class, other_class, officer, other_officer, client
):
    submit(local_class, officer, trainers='=HYPERLINK("http://x")')
    submit(other_class, other_officer, cost=40_000_000)
    client.force_login(officer)
    response = client.get(reverse("trainings:report_export", args=[approved_plan.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("STT", "Đơn vị", "Nội dung")
    assert len(rows) == 3  # the officer's one report and the total
    assert rows[1][1] == "Huyện Một" and rows[1][9] == 3 and rows[1][18] == 50_000_000 and rows[1][19] == 48_500_000
    assert rows[1][20] == '=HYPERLINK("http://x")'  # stored as text, not a formula
    assert rows[1][21] == "Đã gửi, chờ xem xét"
    assert rows[2][1] == "Tổng cộng" and rows[2][19] == 48_500_000


def test_plan_against_actual_by_unit_and_for_the_province(
    approved_plan, topic, local_plan, other_local_plan, officer, other_officer, staff, units
):
    province_class = make_class(approved_plan, topic, participants=50, women=20, ethnic_minority=40, young_cadres=5)
    first = make_class(approved_plan, topic, local_plan, cost=30_000_000)
    make_class(approved_plan, topic, local_plan, cost=20_000_000)  # not yet reported
    second = make_class(approved_plan, topic, other_local_plan)
    draft = LocalPlan.objects.create(plan=approved_plan, unit=units["commune_a1"], status=LocalPlan.Status.DRAFT)
    make_class(approved_plan, topic, draft)
    classreport_accept(report=submit(first, officer), actor=staff)
    submit(second, other_officer)  # submitted, not accepted: not counted as done
    classreport_accept(report=submit(province_class, staff, cost=45_000_000), actor=staff)

    rows, total = plan_actual(approved_plan, staff)
    by_label = {row.label: row for row in rows}
    assert [row.label for row in rows] == ["Cấp tỉnh (Ban Dân tộc tổ chức)", "Xã A Một", "Huyện Một", "Huyện Hai"]
    district = by_label["Huyện Một"]
    assert (district.planned_classes, district.reported_classes, district.planned_cost, district.cost) == (
        2,
        1,
        50_000_000,
        48_500_000,
    )
    assert (district.planned_participants, district.participants, district.women) == (80, 3, 2)
    assert district.shares()["women"] == 66.7 and district.shares()["planned_women"] == 37.5
    assert by_label["Huyện Hai"].reported_classes == 0 and by_label["Huyện Hai"].waiting_classes == 1
    assert not by_label["Xã A Một"].counted
    assert (total.planned_classes, total.reported_classes, total.participants, total.cost) == (
        4,
        2,
        6,
        93_500_000,
    )
    rows, total = plan_actual(approved_plan, officer)
    assert [row.label for row in rows] == ["Xã A Một", "Huyện Một"] and total.planned_classes == 2


def _many_classes(approved_plan, topic, local_plans, officer, count):
    classes = [
        PlanClass(
            plan=approved_plan,
            local_plan=local_plans[n % len(local_plans)] if n % 5 else None,
            topic=topic,
            audience=PlanClass.Audience.COMMUNITY,
            place=f"Thôn {n}",
            start_date=date(2018, 3, 1) + timedelta(days=n % 200),
            end_date=date(2018, 3, 2) + timedelta(days=n % 200),
            days=2,
            participants=30,
            women=10,
            ethnic_minority=25,
            young_cadres=3,
            cost=20_000_000,
        )
        for n in range(count)
    ]
    classes = PlanClass.objects.bulk_create(classes)
    reports = [
        ClassReport(
            plan_class=plan_class,
            start_date=plan_class.start_date,
            end_date=plan_class.end_date,
            days=2,
            participants=30,
            women=10,
            ethnic_minority=25,
            very_small_minorities=1,
            young_cadres=3,
            residents=30,
            cost=19_000_000,
            trainers="Ban Dân tộc",
            evaluation="Tốt",
            status=ClassReport.Status.ACCEPTED if n % 2 else ClassReport.Status.SENT,
            sent_at="2018-12-01T00:00:00Z",
        )
        for n, plan_class in enumerate(classes)
        if n % 3
    ]
    ClassReport.objects.bulk_create(reports)


def test_the_pages_of_a_plan_with_300_classes_stay_within_a_few_queries(
    approved_plan, topic, local_plan, other_local_plan, officer, staff, client, django_assert_max_num_queries
):
    _many_classes(approved_plan, topic, [local_plan, other_local_plan], officer, 330)
    client.force_login(staff)
    with django_assert_max_num_queries(12 + CACHE_QUERIES):  # the first time; then the table is kept
        response = client.get(reverse("trainings:plan_actual", args=[approved_plan.pk]))
    assert response.context["total"].planned_classes == 330
    with django_assert_max_num_queries(14):
        response = client.get(reverse("trainings:report_list", args=[approved_plan.pk]))
    assert response.context["page"].paginator.count == 220
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainings:report_export", args=[approved_plan.pk]))
    assert len(list(load_workbook(io.BytesIO(response.content)).active.values)) == 222
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("trainings:report_pending"))
    with django_assert_max_num_queries(home_query_budget()):
        client.get(reverse("home"))


# ------------------------------------------------------------------ demo


def test_the_demo_reports_two_thirds_of_the_ended_classes_once(approved_plan, topic, local_plan, staff):
    for n in range(6):
        make_class(approved_plan, topic, local_plan if n % 2 else None, place=f"Nơi {n}")
    later = date.today() + timedelta(days=400)
    make_class(approved_plan, topic, local_plan, start_date=later, end_date=later)  # not ended: never reported
    summary = seed_class_reports(actor=staff)
    assert summary == "Báo cáo kết quả lớp: tạo 4 báo cáo cho 6 lớp đã kết thúc"
    statuses = sorted(ClassReport.objects.values_list("status", flat=True))
    assert statuses.count(ClassReport.Status.RETURNED) == 1 and ClassReport.Status.ACCEPTED in statuses
    assert ClassReport.objects.get(status=ClassReport.Status.RETURNED).comment
    assert seed_class_reports(actor=staff) == "Báo cáo kết quả lớp: không thay đổi"
    assert ClassReport.objects.count() == 4


# ------------------------------------------------------------------ in the browser


@pytest.mark.browser
def test_an_officer_reports_a_class_with_its_list_in_the_browser(
    live_server, approved_plan, topic, local_plan, officer, tmp_path
):
    from playwright.sync_api import sync_playwright

    from tests.browser_fixtures import CHROMIUM_ARGS, SCREENSHOTS, sign_in

    make_class(approved_plan, topic, local_plan, participants=3, women=2, ethnic_minority=2, young_cadres=1)
    wrong, right = tmp_path / "sai.xlsx", tmp_path / "dung.xlsx"
    wrong.write_bytes(attendance_file(MATCHING_ROWS[:2]).read())
    right.write_bytes(attendance_file(MATCHING_ROWS).read())
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        sign_in(page, live_server, officer.username)
        page.get_by_text("Lớp đã kết thúc chưa có báo cáo kết quả").click()
        page.get_by_role("link", name="Báo cáo", exact=True).click()
        page.get_by_label("Người DTTS rất ít người").fill("1")
        page.get_by_label("Cán bộ thôn, bản").fill("1")
        page.get_by_label("Người có uy tín").fill("1")
        page.get_by_label("Người dân, khác").fill("1")
        page.get_by_label("Giảng viên, báo cáo viên").fill("Phòng Dân tộc huyện")
        page.get_by_label("Đánh giá kết quả").fill("Học viên tham gia đầy đủ.")
        page.get_by_label("Danh sách học viên").set_input_files(wrong)
        page.get_by_role("button", name="Nộp báo cáo").click()
        page.wait_for_load_state()
        assert "Danh sách có 2 học viên nhưng báo cáo ghi 3." in page.content()
        page.get_by_label("Danh sách học viên").set_input_files(right)
        page.get_by_role("button", name="Nộp báo cáo").click()
        page.wait_for_load_state("networkidle")
        assert "Đã nộp báo cáo" in page.content()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "class-report-officer.png", full_page=True)
        page.close()
        browser.close()
    report = ClassReport.objects.get()
    assert report.attendance and report.very_small_minorities == 1


# ------------------------------------------------------------------ who corrects what


def test_the_office_returns_a_units_report_rather_than_rewriting_it(client, local_class, officer, staff):
    report = submit(local_class, officer)
    with pytest.raises(ValidationError) as caught:
        classreport_submit(plan_class=local_class, data=report_data(cost=1), actor=staff, today=date(2018, 12, 31))
    assert caught.value.error_list[0].code == "not_yours_to_correct"
    client.force_login(staff)
    assert client.get(reverse("trainings:report_update", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.cost != 1


def test_an_accepted_report_keeps_its_class_when_the_plan_is_reopened(client, approved_plan, topic, staff):
    from trainings.services import plans as plan_services

    province_class = make_class(approved_plan, topic)
    report = classreport_accept(report=submit(province_class, staff), actor=staff)
    plan_services.plan_reopen(plan=approved_plan, reason="Điều chỉnh kế hoạch", actor=staff)
    with pytest.raises(ValidationError) as caught:
        plan_services.plan_item_delete(item=province_class, actor=staff)
    assert caught.value.error_list[0].code == "reported"
    client.force_login(staff)
    client.post(reverse("trainings:class_delete", args=[province_class.pk]))
    assert ClassReport.objects.filter(pk=report.pk).exists()


def test_only_the_office_accepts_or_returns_whoever_calls_the_service(local_class, officer):
    report = submit(local_class, officer)
    for call in (
        lambda: classreport_accept(report=report, actor=officer),
        lambda: classreport_return(report=report, comment="Sửa lại", actor=officer),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.error_list[0].code == "forbidden"
    report.refresh_from_db()
    assert report.status == ClassReport.Status.SENT


# ------------------------------------------------------------------ the printed report of the year


def test_the_years_report_prints_plan_against_actual_for_the_province(client, local_class, officer, staff, leader):
    from tests.documents import pdf_text

    classreport_accept(report=submit(local_class, officer), actor=staff)
    client.force_login(leader)
    text = pdf_text(client.get(reverse("trainings:plan_actual_pdf", args=[local_class.plan_id])).content)
    for expected in [
        "SỞ DÂN TỘC VÀ TÔN GIÁO",  # the office of the day it is signed (Ban Dân tộc until 2025)
        "/BC-SDTTG",
        "BÁO CÁO",
        "Kết quả thực hiện kế hoạch nâng cao năng lực",
        "I. KẾT QUẢ THỰC HIỆN",
        "Đã tổ chức và báo cáo 1/1 lớp theo kế hoạch",
        "Huyện Một",
        "II. ĐÁNH GIÁ CHUNG",
        "Đã hoàn thành và báo cáo đủ các lớp theo kế hoạch: Huyện Một",
        "Nơi nhận:",
        "PHÓ GIÁM ĐỐC",
    ]:
        assert expected in text, expected
    word = docx.Document(
        io.BytesIO(client.get(reverse("trainings:plan_actual_docx", args=[local_class.plan_id])).content)
    )
    assert "II. ĐÁNH GIÁ CHUNG" in [paragraph.text for paragraph in word.paragraphs]
    client.force_login(officer)
    assert client.get(reverse("trainings:plan_actual_pdf", args=[local_class.plan_id])).status_code == 404


def test_home_pages_show_the_years_classes_reported_against_the_plan(local_class, other_class, officer, staff, leader):
    from p135portal.home import figures_for

    classreport_accept(report=submit(local_class, officer), actor=staff)

    def figure(user):
        return next(figure for figure in figures_for(user) if figure.label.startswith("Lớp nâng cao năng lực"))

    assert figure(leader).value == "1/2"
    assert figure(officer).value == "1/1"  # their own unit's classes only
