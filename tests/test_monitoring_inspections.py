"""Inspections: plans, rounds and their checklist, the printed report, and remediation followed up until closed."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes.models import LegalDocument
from monitoring.home.inspections import remediations_due
from monitoring.models import Area, ChecklistResult, InspectionPlan, InspectionRound, Method, Remediation
from monitoring.selectors.inspections import OVERDUE, remediation_counts, remediations_for
from monitoring.services import inspections as services
from p135portal.models import Role
from tests import factories
from tests.browser_fixtures import SCREENSHOTS, sign_in
from tests.conftest import make_unit, make_user
from tests.documents import docx_text, pdf_text

DEADLINE = date(2024, 9, 30)


@pytest.fixture(autouse=True)
def _portal_province(settings):
    settings.PORTAL_PROVINCE_CODE = "99"


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


def round_data(**changes) -> dict:
    return {
        "name": "Đợt 1",
        "start_date": date(2024, 6, 10),
        "end_date": date(2024, 6, 14),
        "team": "Nguyễn Văn An, Phó Trưởng ban - Trưởng đoàn\nLê Thị Bình, Chuyên viên",
        "methods": [Method.FILES, Method.FIELD],
        "methods_other": "",
        "findings": "Giải ngân chậm.",
        "recommendations": "Đẩy nhanh giải ngân.",
        "report_number": "",
        "report_date": date(2024, 6, 20),
        "signer_name": "Nguyễn Văn An",
        "signer_title": "Phó Trưởng ban",
        **changes,
    }


@pytest.fixture
def inspection_plan(db):
    return factories.inspection_plan(year=2024)


@pytest.fixture
def inspection(inspection_plan, units, staff):
    """A round that inspected Huyện Một and Xã B Một (of Huyện Hai)."""
    return services.round_save(
        plan=inspection_plan,
        data=round_data(),
        units=[units["district_one"], units["commune_b1"]],
        bases=[],
        actor=staff,
    )


def add_item(inspection, unit, staff, deadline=DEADLINE, content="Hoàn thiện hồ sơ quyết toán") -> Remediation:
    return services.remediation_save(
        inspection=inspection, data={"content": content, "unit": unit, "deadline": deadline}, actor=staff
    )


@pytest.fixture
def own_item(inspection, units, staff):
    return add_item(inspection, units["district_one"], staff, content="Việc của Huyện Một")


@pytest.fixture
def other_item(inspection, units, staff):
    return add_item(inspection, units["commune_b1"], staff, content="Việc của Xã B Một")


def close(item, actor, **changes):
    values = {"status": "xong", "note": "Đã khắc phục xong", "closed_on": date(2024, 9, 1), "today": date(2024, 10, 1)}
    return services.remediation_set_status(item=item, actor=actor, **(values | changes))


# ------------------------------------------------------------------ plans and rounds


def test_a_new_round_has_the_five_areas_of_its_checklist_not_yet_checked(inspection):
    rows = ChecklistResult.objects.filter(round=inspection)
    assert sorted(row.area for row in rows) == sorted(Area.values)
    assert {row.result for row in rows} == {ChecklistResult.Result.NOT_CHECKED}
    assert inspection.team_members == [
        ("Nguyễn Văn An", "Phó Trưởng ban - Trưởng đoàn"),
        ("Lê Thị Bình", "Chuyên viên"),
    ]


def test_a_round_must_lie_in_the_plan_year_and_inspect_districts_or_communes(inspection_plan, units, staff):
    def save(**kwargs):
        values = {"data": round_data(), "units": [units["district_one"]], **kwargs}
        return lambda: services.round_save(plan=inspection_plan, bases=[], actor=staff, **values)

    assert refused_code(save(data=round_data(end_date=date(2025, 1, 2)))) == "outside_year"
    assert refused_code(save(units=[])) == "no_units"
    assert refused_code(save(units=[units["province"]])) == "unit_level"
    elsewhere = make_unit("98", "Tỉnh Khác", "province", "tinh")
    assert (
        refused_code(save(units=[make_unit("981", "Huyện Khác", "district", "huyen", elsewhere)])) == "outside_province"
    )
    assert not InspectionRound.objects.exists()


def test_a_district_plan_inspects_only_units_of_its_district(units, staff):
    plan = services.plan_save(
        data={"year": 2024, "level": "huyen", "unit": units["district_one"], "kind": "dot_xuat", "title": "Đột xuất"},
        actor=staff,
    )
    code = refused_code(
        lambda: services.round_save(plan=plan, data=round_data(), units=[units["commune_b1"]], bases=[], actor=staff)
    )
    assert code == "outside_district"
    accepted = services.round_save(plan=plan, data=round_data(), units=[units["commune_a1"]], bases=[], actor=staff)
    assert list(accepted.units.all()) == [units["commune_a1"]]
    # The district cannot then be changed to one the round is not in.
    data = {"year": 2024, "level": "huyen", "unit": units["district_two"], "kind": "dot_xuat", "title": "Đột xuất"}
    assert refused_code(lambda: services.plan_save(data=data, instance=plan, actor=staff)) == "rounds_outside_district"


def test_a_district_plan_needs_its_district_and_a_province_plan_has_none(units, staff):
    with pytest.raises(ValidationError, match="phải chọn huyện"):
        services.plan_save(data={"year": 2024, "level": "huyen", "unit": None, "title": "Thiếu huyện"}, actor=staff)
    plan = services.plan_save(
        data={"year": 2024, "level": "tinh", "unit": units["district_one"], "title": "Cấp tỉnh"}, actor=staff
    )
    assert plan.unit is None


def test_a_plan_year_cannot_move_away_from_its_rounds(inspection_plan, inspection, staff):
    data = {"year": 2025, "level": "tinh", "unit": None, "kind": "dinh_ky", "title": inspection_plan.title}
    assert (
        refused_code(lambda: services.plan_save(data=data, instance=inspection_plan, actor=staff))
        == "rounds_outside_year"
    )
    assert InspectionPlan.objects.get().year == 2024


def test_a_unit_with_remediation_cannot_be_dropped_from_its_round(inspection_plan, inspection, own_item, units, staff):
    code = refused_code(
        lambda: services.round_save(
            plan=inspection_plan,
            data=round_data(),
            units=[units["commune_b1"]],
            bases=[],
            instance=inspection,
            actor=staff,
        )
    )
    assert code == "remediation_unit_dropped"
    assert set(InspectionRound.objects.get().units.all()) == {units["district_one"], units["commune_b1"]}


def test_the_checklist_records_each_area_and_a_failed_area_needs_a_note(inspection, staff):
    results = {area.value: ("dat", "") for area in Area}
    results[Area.CAPITAL] = ("chua_dat", "  ")
    assert refused_code(lambda: services.checklist_save(inspection=inspection, results=results, actor=staff)) == (
        "note_required"
    )
    assert refused_code(
        lambda: services.checklist_save(inspection=inspection, results={"von": ("dat", "")}, actor=staff)
    ) == ("areas_missing")
    results[Area.CAPITAL] = ("chua_dat", "Giải ngân mới đạt 61%")
    services.checklist_save(inspection=inspection, results=results, actor=staff)
    capital = ChecklistResult.objects.get(round=inspection, area=Area.CAPITAL)
    assert (capital.result, capital.note, capital.history.first().history_user) == (
        "chua_dat",
        "Giải ngân mới đạt 61%",
        staff,
    )


# ------------------------------------------------------------------ remediation rules


def test_remediation_goes_to_an_inspected_unit_or_one_under_it_by_a_deadline_after_the_round(inspection, units, staff):
    assert refused_code(lambda: add_item(inspection, units["district_two"], staff)) == "unit_not_inspected"
    assert refused_code(lambda: add_item(inspection, units["commune_a1"], staff, date(2024, 6, 13))) == (
        "deadline_before_round"
    )
    item = add_item(inspection, units["commune_a1"], staff, date(2024, 6, 14))  # under Huyện Một, due the last day
    assert (item.unit, item.status, item.history.first().history_user) == (units["commune_a1"], "chua", staff)


def test_an_officer_closes_their_own_item_with_a_date_and_a_note(own_item, officer):
    assert refused_code(lambda: close(own_item, officer, closed_on=None)) == "no_close_date"
    assert refused_code(lambda: close(own_item, officer, note=" ")) == "no_close_note"
    assert refused_code(lambda: close(own_item, officer, closed_on=date(2024, 6, 9))) == "closed_before_round"
    assert refused_code(lambda: close(own_item, officer, closed_on=date(2024, 10, 2))) == "closed_in_future"
    assert refused_code(lambda: close(own_item, officer, status="dang")) == "close_date_not_done"
    assert Remediation.objects.get(pk=own_item.pk).status == "chua"
    closed = close(own_item, officer)
    assert (closed.status, closed.closed_on, closed.progress_note) == ("xong", date(2024, 9, 1), "Đã khắc phục xong")
    assert closed.history.first().history_user == officer


def test_a_closed_item_stays_closed(own_item, officer, staff):
    close(own_item, officer)
    assert refused_code(lambda: close(own_item, officer, status="dang", closed_on=None)) == "closed"
    data = {"content": "Đổi", "unit": own_item.unit, "deadline": DEADLINE}
    code = refused_code(
        lambda: services.remediation_save(inspection=own_item.round, data=data, instance=own_item, actor=staff)
    )
    assert code == "closed"
    assert refused_code(lambda: services.remediation_delete(item=own_item, actor=staff)) == "closed"


def test_an_officer_cannot_update_another_units_item_even_through_the_service(other_item, officer):
    code = refused_code(
        lambda: services.remediation_set_status(
            item=other_item, status="dang", note="", closed_on=None, actor=officer, today=date(2024, 7, 1)
        )
    )
    assert code == "out_of_scope"
    assert Remediation.objects.get(pk=other_item.pk).status == "chua"


# ------------------------------------------------------------------ overdue


def test_an_item_due_today_is_not_overdue_and_becomes_so_the_day_after(own_item, other_item, staff, officer):
    on_deadline, day_after = DEADLINE, DEADLINE + timedelta(days=1)
    assert list(Remediation.objects.overdue(on_deadline)) == []
    assert set(Remediation.objects.overdue(day_after)) == {own_item, other_item}
    assert not own_item.is_overdue(on_deadline) and own_item.is_overdue(day_after)
    assert list(remediations_for(staff, status=OVERDUE, today=on_deadline)) == []
    assert list(remediations_for(officer, status=OVERDUE, today=day_after)) == [own_item]
    assert remediation_counts(staff, day_after) == {"open": 2, "overdue": 2}
    assert remediation_counts(officer, on_deadline) == {"open": 1, "overdue": 0}


def test_a_closed_item_is_never_overdue(own_item, officer):
    close(own_item, officer)
    assert list(Remediation.objects.overdue(DEADLINE + timedelta(days=400))) == []


def test_home_pages_show_overdue_items_to_the_province_and_to_the_responsible_officer(
    own_item, other_item, staff, officer, other_officer, leader
):
    day_after = DEADLINE + timedelta(days=1)
    assert [(item.label, item.count) for item in remediations_due(staff, today=day_after)] == [
        ("Việc khắc phục sau kiểm tra đã quá hạn", 2)
    ]
    assert [(item.count) for item in remediations_due(officer, today=day_after)] == [1, 0]
    assert [(item.count) for item in remediations_due(officer, today=DEADLINE)] == [0, 1]
    assert remediations_due(leader, today=day_after) == []
    close(own_item, officer)
    assert [(item.count) for item in remediations_due(officer, today=day_after)] == [0, 0]
    assert [(item.count) for item in remediations_due(other_officer, today=day_after)] == [1, 0]


def test_the_home_page_lists_overdue_remediation(client, staff, inspection, units):
    add_item(inspection, units["district_one"], staff, deadline=date(2024, 7, 1))  # long past
    client.force_login(staff)
    page = client.get(reverse("home")).text
    assert "Việc khắc phục sau kiểm tra đã quá hạn" in page
    assert f"{reverse('monitoring:remediation_list')}?status={OVERDUE}" in page


# ------------------------------------------------------------------ pages and scope


def test_an_officer_sees_only_the_rounds_that_inspected_their_unit(
    client, inspection_plan, inspection, units, staff, officer
):
    elsewhere = services.round_save(
        plan=inspection_plan, data=round_data(name="Đợt 2"), units=[units["commune_b1"]], bases=[], actor=staff
    )
    client.force_login(officer)
    page = client.get(reverse("monitoring:inspection_round_list")).text
    assert inspection.get_absolute_url() in page and elsewhere.get_absolute_url() not in page
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert client.get(reverse("monitoring:inspection_round_pdf", args=[elsewhere.pk])).status_code == 404
    assert client.get(inspection_plan.get_absolute_url()).status_code == 200  # the plan of a round they were in


def test_an_officer_sees_and_updates_only_their_own_units_items(client, own_item, other_item, officer):
    client.force_login(officer)
    page = client.get(own_item.round.get_absolute_url()).text
    assert "Việc của Huyện Một" in page and "Việc của Xã B Một" not in page
    listing = client.get(reverse("monitoring:remediation_list")).text
    assert "Việc của Huyện Một" in listing and "Việc của Xã B Một" not in listing
    for name in ("remediation_detail", "remediation_status"):
        assert client.get(reverse(f"monitoring:{name}", args=[other_item.pk])).status_code == 404
    response = client.post(
        reverse("monitoring:remediation_status", args=[other_item.pk]), {"status": "dang", "note": "Chen ngang"}
    )
    assert response.status_code == 404
    assert Remediation.objects.get(pk=other_item.pk).status == "chua"

    url = reverse("monitoring:remediation_status", args=[own_item.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    response = client.post(url, {"status": "dang", "note": "Đang hoàn thiện hồ sơ", "seen_version": seen})
    assert response.status_code == 302
    item = Remediation.objects.get(pk=own_item.pk)
    assert (item.status, item.progress_note) == ("dang", "Đang hoàn thiện hồ sơ")


def test_closing_without_a_date_shows_the_error_and_changes_nothing(client, own_item, officer):
    client.force_login(officer)
    url = reverse("monitoring:remediation_status", args=[own_item.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    response = client.post(url, {"status": "xong", "note": "Xong", "closed_on": "", "seen_version": seen})
    assert response.status_code == 200 and "Phải ghi ngày hoàn thành" in response.text
    assert Remediation.objects.get(pk=own_item.pk).status == "chua"


def test_an_officer_cannot_manage_plans_rounds_or_items(client, inspection, own_item, officer):
    client.force_login(officer)
    for url in [
        reverse("monitoring:inspection_plan_create"),
        reverse("monitoring:inspection_round_update", args=[inspection.pk]),
        reverse("monitoring:inspection_round_checklist", args=[inspection.pk]),
        reverse("monitoring:remediation_create", args=[inspection.pk]),
        reverse("monitoring:remediation_update", args=[own_item.pk]),
        reverse("monitoring:remediation_delete", args=[own_item.pk]),
    ]:
        assert client.post(url).status_code == 403, url


def test_staff_run_an_inspection_through_the_pages(client, staff, units, decision):
    client.force_login(staff)
    plan_url = reverse("monitoring:inspection_plan_create")
    payload = {"year": 2024, "level": "tinh", "kind": "dot_xuat", "title": " Kiểm tra  đột xuất ", "purpose": ""}
    assert client.post(plan_url, payload).status_code == 302
    plan = InspectionPlan.objects.get()
    assert (plan.title, plan.kind) == ("Kiểm tra đột xuất", "dot_xuat")

    round_payload = {
        "name": "Đợt 1",
        "start_date": "10/06/2024",
        "end_date": "14/06/2024",
        "team": "Nguyễn Văn An, Trưởng đoàn\r\n\r\nLê Thị Bình, Thư ký",
        "units": [units["district_one"].pk],
        "methods": ["ho_so", "thu_huong"],
        "bases": [decision.pk],
        "report_date": "20/06/2024",
    }
    response = client.post(reverse("monitoring:inspection_round_create", args=[plan.pk]), round_payload)
    assert response.status_code == 302
    inspection = InspectionRound.objects.get()
    assert inspection.team == "Nguyễn Văn An, Trưởng đoàn\nLê Thị Bình, Thư ký"
    assert inspection.methods == ["ho_so", "thu_huong"] and list(inspection.bases.all()) == [decision]

    checklist_url = reverse("monitoring:inspection_round_checklist", args=[inspection.pk])
    checklist = {f"{area}_result": "dat" for area in Area.values} | {f"{area}_note": "" for area in Area.values}
    checklist |= {"von_result": "chua_dat", "von_note": "", "seen_version": opened_version(client, checklist_url)}
    response = client.post(checklist_url, checklist)
    assert response.status_code == 200 and "phải ghi nhận xét" in response.text
    checklist["von_note"] = "Giải ngân chậm"
    assert (
        client.post(reverse("monitoring:inspection_round_checklist", args=[inspection.pk]), checklist).status_code
        == 302
    )
    assert ChecklistResult.objects.get(round=inspection, area="von").result == "chua_dat"

    item_url = reverse("monitoring:remediation_create", args=[inspection.pk])
    outside = {"content": "Việc", "unit": units["district_two"].pk, "deadline": "30/09/2024"}
    assert client.post(item_url, outside).status_code == 200  # not a unit of the round: not offered
    item = {"content": "Bổ sung hồ sơ", "unit": units["commune_a1"].pk, "deadline": "30/09/2024"}
    assert client.post(item_url, item).status_code == 302
    assert Remediation.objects.get().unit == units["commune_a1"]


def test_staff_delete_an_open_item_after_confirming(client, staff, own_item):
    client.force_login(staff)
    url = reverse("monitoring:remediation_delete", args=[own_item.pk])
    assert "không hoàn tác" in client.get(url).text
    assert Remediation.objects.exists()
    assert client.post(url).status_code == 302
    assert not Remediation.objects.exists()


def test_the_overdue_filter_of_the_list_shows_only_overdue_items(client, staff, inspection, units):
    add_item(inspection, units["district_one"], staff, deadline=date(2024, 7, 1), content="Việc đã quá hạn")
    add_item(inspection, units["district_one"], staff, deadline=date(2099, 7, 1), content="Việc còn hạn")
    client.force_login(staff)
    page = client.get(reverse("monitoring:remediation_list"), {"status": OVERDUE}).text
    assert "Việc đã quá hạn" in page and "Việc còn hạn" not in page


# ------------------------------------------------------------------ the printed report


REPORT_PARTS = [
    "UBND TỈNH THỬ NGHIỆM",
    "BAN DÂN TỘC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 12/BC-BDT",
    "Thử nghiệm, ngày 20 tháng 6 năm 2024",
    "BÁO CÁO",
    "Kết quả kiểm tra thực hiện Chương trình năm 2024",
    "Căn cứ Quyết định số 900/QĐ-TTg",
    "I. KHÁI QUÁT",
    "Nguyễn Văn An, Phó Trưởng ban - Trưởng đoàn",
    "II. KẾT QUẢ KIỂM TRA",
    "Chưa đạt",
    "Giải ngân chậm 61%",
    "III. TỒN TẠI, HẠN CHẾ",
    "IV. KIẾN NGHỊ",
    "V. KHẮC PHỤC",
    "Việc của Huyện Một",
    "30/09/2024",
    "Nơi nhận:",
    "KT. TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "Nguyễn Văn An",
]


@pytest.fixture
def reported(inspection, own_item, other_item, decision, staff):
    inspection.bases.set([decision])
    InspectionRound.objects.filter(pk=inspection.pk).update(report_number="12/BC-BDT")
    results = {area.value: ("dat", "") for area in Area} | {"von": ("chua_dat", "Giải ngân chậm 61%")}
    services.checklist_save(inspection=inspection, results=results, actor=staff)
    return inspection


def test_the_printed_report_reads_as_an_official_report(client, leader, reported):
    client.force_login(leader)
    response = client.get(reverse("monitoring:inspection_round_pdf", args=[reported.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in [*REPORT_PARTS, "Việc của Xã B Một"]:
        assert expected in text, expected
    word = client.get(reverse("monitoring:inspection_round_docx", args=[reported.pk]))
    text = docx_text(word.content)
    for expected in [*REPORT_PARTS, "Việc của Xã B Một"]:
        assert expected in text, expected


def test_an_officers_copy_of_the_report_lists_only_their_units_items(client, officer, reported):
    client.force_login(officer)
    text = pdf_text(client.get(reverse("monitoring:inspection_round_pdf", args=[reported.pk])).content)
    assert "Việc của Huyện Một" in text and "Việc của Xã B Một" not in text


# ------------------------------------------------------------------ query budgets


@pytest.fixture
def many_rounds(inspection_plan, units, staff):
    communes = [make_unit(f"{95000 + n}", f"Xã Kiểm {n}", "commune", "xa", units["district_one"]) for n in range(60)]
    for n, commune in enumerate(communes):
        inspection = services.round_save(
            plan=inspection_plan,
            data=round_data(name=f"Đợt {n + 1}"),
            units=[commune, units["commune_b1"]],
            bases=[],
            actor=staff,
        )
        add_item(inspection, commune, staff, content=f"Việc số {n}")
        add_item(inspection, units["commune_b1"], staff, deadline=date(2024, 6, 30), content=f"Việc B số {n}")
    return communes


@pytest.mark.parametrize("persona", ["staff", "officer"])
def test_the_lists_issue_a_bounded_number_of_queries(
    client, personas, persona, many_rounds, django_assert_max_num_queries
):
    client.force_login(personas[persona])
    for name in ("inspection_round_list", "remediation_list", "inspection_plan_list"):
        with django_assert_max_num_queries(12):
            response = client.get(reverse(f"monitoring:{name}"))
        assert response.status_code == 200
    page = client.get(reverse("monitoring:inspection_round_list")).text
    assert "Xã Kiểm 59" in page or "Xã Kiểm 0" in page
    listing = client.get(reverse("monitoring:remediation_list")).context["rows"]
    assert len(listing) == 50
    with django_assert_max_num_queries(20):
        assert client.get(many_rounds and InspectionRound.objects.first().get_absolute_url()).status_code == 200


def test_the_plan_list_stays_bounded_with_many_plans(client, staff, django_assert_max_num_queries):
    for n in range(55):
        services.plan_save(data={"year": 2000 + n, "level": "tinh", "title": f"Kế hoạch {n}"}, actor=staff)
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("monitoring:inspection_plan_list")).text
    assert page.count("Kế hoạch ") >= 50


def test_the_demo_data_is_created_once(staff, settings):
    from monitoring.demo.inspections import seed_inspections

    settings.PORTAL_PROVINCE_CODE = "20"
    province = make_unit("20", "Tỉnh Lạng Sơn", "province", "tinh", new=True)
    for code, name in (("06046", "Xã Tràng Định"), ("06001", "Xã Đoàn Kết"), ("06040", "Xã Thất Khê")):
        make_unit(code, name, "commune", "xa", province, new=True)
    seed_inspections(actor=staff)
    assert seed_inspections(actor=staff) == "Kiểm tra: không thay đổi"
    assert Remediation.objects.count() == 3 and LegalDocument.objects.filter(number="15/KH-BDT-DEMO").count() == 1
    # 2026: the communes are inspected, no longer the districts that ended on 30/6/2025.
    assert [item.unit.name for item in Remediation.objects.overdue(date(2026, 10, 1))] == ["Xã Tràng Định"]
    assert Remediation.objects.filter(status="xong").count() == 1


def test_the_excel_export_holds_what_the_list_shows_to_that_person(client, officer, own_item, other_item):
    client.force_login(officer)
    response = client.get(reverse("monitoring:remediation_export"), {"status": OVERDUE})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Nội dung khắc phục", "Đơn vị thực hiện")
    assert [row[1:3] for row in rows[1:]] == [("Việc của Huyện Một", "Huyện Một")]  # 30/09/2024 is long past
    assert rows[1][4].date() == DEADLINE and rows[1][5] == "Quá hạn (chưa thực hiện)"


def test_the_province_reopens_an_item_reported_done_with_the_reason_in_its_history(client, staff, officer, own_item):
    assert refused_code(lambda: services.remediation_reopen(item=own_item, reason="Sai", actor=staff)) == "not_closed"
    close(own_item, officer)
    assert refused_code(lambda: services.remediation_reopen(item=own_item, reason="  ", actor=staff)) == "no_reason"
    client.force_login(officer)
    url = reverse("monitoring:remediation_reopen", args=[own_item.pk])
    assert client.post(url, {"reason": "Tự mở"}).status_code == 403
    client.force_login(staff)
    assert "Xác nhận mở lại" in client.get(url).text
    assert Remediation.objects.get(pk=own_item.pk).status == "xong"
    assert client.post(url, {"reason": "Kiểm tra lại thấy chưa đủ hồ sơ"}).status_code == 302
    item = Remediation.objects.get(pk=own_item.pk)
    assert (item.status, item.closed_on) == ("dang", None)
    assert item.history.first().history_change_reason == "Kiểm tra lại thấy chưa đủ hồ sơ"
    assert "Kiểm tra lại thấy chưa đủ hồ sơ" in client.get(item.get_absolute_url()).text


def test_a_commune_officer_follows_up_their_item_of_a_round_that_inspected_the_district(
    client, inspection, own_item, units, staff
):
    commune_officer = make_user("canbo_xa_a1", Role.LOCAL_OFFICER, units["commune_a1"])
    client.force_login(commune_officer)
    assert client.get(inspection.get_absolute_url()).status_code == 404  # nothing of theirs in it yet
    mine = add_item(inspection, units["commune_a1"], staff, content="Việc của Xã A Một")
    page = client.get(inspection.get_absolute_url()).text
    assert "Việc của Xã A Một" in page and "Việc của Huyện Một" not in page
    assert inspection.get_absolute_url() in client.get(reverse("monitoring:inspection_round_list")).text
    assert client.get(reverse("monitoring:remediation_status", args=[mine.pk])).status_code == 200
    assert client.get(reverse("monitoring:remediation_status", args=[own_item.pk])).status_code == 404


def test_an_item_or_round_given_with_the_wrong_parent_is_refused(inspection_plan, inspection, own_item, units, staff):
    other_plan = services.plan_save(data={"year": 2024, "level": "tinh", "title": "Kế hoạch khác"}, actor=staff)
    code = refused_code(
        lambda: services.round_save(
            plan=other_plan,
            data=round_data(),
            units=[units["district_one"]],
            bases=[],
            instance=inspection,
            actor=staff,
        )
    )
    assert code == "wrong_plan"
    other_round = services.round_save(
        plan=inspection_plan, data=round_data(name="Đợt 2"), units=[units["district_one"]], bases=[], actor=staff
    )
    data = {"content": "Đổi", "unit": units["district_one"], "deadline": DEADLINE}
    code = refused_code(
        lambda: services.remediation_save(inspection=other_round, data=data, instance=own_item, actor=staff)
    )
    assert code == "wrong_round"


def test_an_update_made_after_the_page_was_opened_is_not_overwritten(client, staff, officer, own_item):
    client.force_login(officer)
    url = reverse("monitoring:remediation_status", args=[own_item.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    data = {"content": "Nội dung đã sửa", "unit": own_item.unit, "deadline": DEADLINE}
    services.remediation_save(inspection=own_item.round, data=data, instance=own_item, actor=staff)
    response = client.post(url, {"status": "dang", "note": "Cập nhật", "seen_version": seen})
    assert response.status_code == 200 and "vừa được người khác sửa" in response.text
    assert Remediation.objects.get(pk=own_item.pk).status == "chua"


def test_a_plan_or_round_entered_by_mistake_can_be_deleted_but_not_one_with_work_in_it(
    client, staff, inspection_plan, inspection, own_item
):
    client.force_login(staff)
    round_url = reverse("monitoring:inspection_round_delete", args=[inspection.pk])
    plan_url = reverse("monitoring:inspection_plan_delete", args=[inspection_plan.pk])
    assert "không hoàn tác" in client.get(round_url).text
    response = client.post(round_url, follow=True)
    assert "đã có việc khắc phục" in response.text and InspectionRound.objects.exists()
    assert "đã có đợt kiểm tra" in client.post(plan_url, follow=True).text
    services.remediation_delete(item=own_item, actor=staff)
    assert client.post(round_url).status_code == 302
    assert not InspectionRound.objects.exists() and not ChecklistResult.objects.exists()
    assert client.post(plan_url).status_code == 302
    assert not InspectionPlan.objects.exists()
    assert InspectionPlan.history.filter(history_type="-").get().history_user == staff


def opened_version(client, url) -> int:
    return client.get(url).context["form"].version


def test_the_checklist_does_not_overwrite_results_saved_meanwhile(client, staff, inspection):
    client.force_login(staff)
    url = reverse("monitoring:inspection_round_checklist", args=[inspection.pk])
    checklist = {f"{area}_result": "dat" for area in Area.values} | {f"{area}_note": "" for area in Area.values}
    opened = opened_version(client, url)
    assert client.post(url, {**checklist, "seen_version": opened}).status_code == 302
    page = client.post(url, {**checklist, "von_result": "khong", "seen_version": opened}).text
    assert "vừa được người khác sửa" in page
    assert ChecklistResult.objects.get(round=inspection, area="von").result == "dat"


def test_the_remediation_list_finds_items_by_unit_name_without_diacritics(client, staff, own_item, other_item):
    client.force_login(staff)
    rows = client.get(reverse("monitoring:remediation_list"), {"q": "xa b mot"}).context["rows"]
    assert [item for item, _overdue in rows] == [other_item]
    rows = client.get(reverse("monitoring:remediation_list"), {"q": "của Huyện"}).context["rows"]
    assert [item for item, _overdue in rows] == [own_item]


def test_a_checklist_without_a_result_says_which_area_is_missing(client, staff, inspection):
    client.force_login(staff)
    data = {f"{area}_result": "dat" for area in Area.values if area != "bao_cao"}
    response = client.post(reverse("monitoring:inspection_round_checklist", args=[inspection.pk]), data)
    assert response.status_code == 200 and "Trường này là bắt buộc" in response.text
    assert not ChecklistResult.objects.filter(round=inspection, result="dat").exists()


@pytest.mark.browser
def test_in_the_browser_an_officer_goes_from_the_home_page_to_closing_an_overdue_item(
    browser,
    live_server,
    officer,
    own_item,
    other_item,
):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    sign_in(page, live_server, officer.username)
    page.get_by_role("link", name="Việc khắc phục sau kiểm tra đã quá hạn").click()
    page.wait_for_load_state()
    assert "Việc của Huyện Một" in page.content() and "Việc của Xã B Một" not in page.content()
    page.get_by_role("link", name="Cập nhật").click()
    page.get_by_label("Trạng thái").select_option("xong")
    page.get_by_label("Ngày hoàn thành").fill("01/09/2024")
    page.get_by_label("Kết quả, tiến độ khắc phục").fill("Đã bổ sung đủ hồ sơ quyết toán")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert "Đã cập nhật tình hình khắc phục" in page.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "remediation-closed-officer.png", full_page=True)
    page.close()
    item = Remediation.objects.get(pk=own_item.pk)
    assert (item.status, item.closed_on, item.progress_note) == (
        "xong",
        date(2024, 9, 1),
        "Đã bổ sung đủ hồ sơ quyết toán",
    )


def test_a_change_of_the_inspected_units_is_told_in_the_rounds_history(inspection_plan, inspection, units, staff):
    services.round_save(
        plan=inspection_plan,
        data=round_data(),
        units=[units["district_one"], units["commune_b1"], units["district_two"]],
        bases=[],
        instance=inspection,
        actor=staff,
    )
    record = inspection.history.first()
    assert record.history_change_reason == "Đơn vị được kiểm tra: Huyện Hai, Huyện Một, Xã B Một"
    assert InspectionRound.objects.get().units.count() == 3
