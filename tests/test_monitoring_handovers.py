"""Beneficiary handovers: items and their value, households of the commune's villages, follow-up
checks that flag breaches, who sees and records what, and the printed BIÊN BẢN BÀN GIAO."""

import io
from datetime import date
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communes.models import Unit, Village
from monitoring.demo.handovers import BREACH, HOUSEHOLDS, seed_handovers
from monitoring.home.handovers import households_in_breach
from monitoring.models.handovers import Beneficiary, Handover, HouseholdCheck, SupportItem, line_value
from monitoring.services import handovers as services
from tests.conftest import make_unit
from tests.documents import pdf_text


@pytest.fixture(autouse=True)
def _province_code(settings):
    settings.PORTAL_PROVINCE_CODE = "99"  # the test units' province: the forms offer its communes


TODAY = date(2026, 11, 23)


def handover_data(commune, **changes):
    return {
        "commune": commune,
        "number": "",
        "handed_on": date(2026, 3, 20),
        "place": "Nhà văn hóa thôn Nà Pàn",
        "content": "Bàn giao lợn giống hỗ trợ phát triển sản xuất",
        "programme": "Chương trình 135 năm 2026",
        "giver": "Ủy ban nhân dân xã A Một",
        "giver_representative": "Hoàng Văn Tâm",
        "giver_position": "Phó Chủ tịch UBND xã",
        "receiver": "Các hộ hưởng lợi",
        "receiver_representative": "Lăng Văn Hùng",
        "receiver_position": "Trưởng thôn",
        **changes,
    }


@pytest.fixture
def villages(units):
    return {
        "a1": Village.objects.create(commune=units["commune_a1"], name="Thôn Nà Pàn"),
        "b1": Village.objects.create(commune=units["commune_b1"], name="Thôn Khuổi Cáy"),
    }


@pytest.fixture
def handover(units, staff, villages):
    return services.handover_save(data=handover_data(units["commune_a1"]), actor=staff, today=TODAY)


def add_household(handover, actor, village, name="Hoàng Văn Tằng", **changes):
    data = {"head_name": name, "village": village, "category": Beneficiary.Category.POOR, "id_number": "", **changes}
    return services.household_save(handover=handover, data=data, actor=actor)


def add_item(household, actor, quantity="2", unit_price=2_500_000, name="Lợn giống"):
    data = {"name": name, "unit_of_measure": "con", "quantity": Decimal(quantity), "unit_price": unit_price}
    return services.item_save(household=household, data=data, actor=actor)


def check(household, actor, on, result="dung", notes=""):
    return services.check_record(
        household=household,
        checked_on=on,
        checker="Tổ quản lý xã",
        result=result,
        notes=notes,
        actor=actor,
        today=TODAY,
    )


def refused_code(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


# ------------------------------------------------------------------ rules


def test_an_items_value_is_quantity_times_unit_price_in_whole_dong(handover, staff, villages):
    household = add_household(handover, staff, villages["a1"])
    assert add_item(household, staff, "2", 2_500_000).value == 5_000_000
    assert add_item(household, staff, "2.5", 1_250_001).value == 3_125_003  # 3.125.002,5 rounded half up
    assert line_value(Decimal("0.5"), 3) == 2
    assert refused_code(lambda: add_item(household, staff, "0")) == "quantity_not_positive"
    assert refused_code(lambda: add_item(household, staff, "1", -5)) == "negative_price"
    assert SupportItem.objects.count() == 2


def test_a_household_must_live_in_a_village_of_the_handovers_commune(handover, staff, villages):
    assert refused_code(lambda: add_household(handover, staff, villages["b1"])) == "wrong_village"
    with pytest.raises(ValidationError, match="12"):
        add_household(handover, staff, villages["a1"], id_number="12345")
    assert not Beneficiary.objects.exists()


def test_a_handover_is_not_dated_in_the_future_nor_moved_to_another_commune_once_it_has_households(
    handover, staff, units, villages
):
    future = handover_data(units["commune_a1"], handed_on=date(2026, 11, 24))
    assert refused_code(lambda: services.handover_save(data=future, actor=staff, today=TODAY)) == "future_date"
    add_household(handover, staff, villages["a1"])
    moved = handover_data(units["commune_a2"])
    call = lambda: services.handover_save(data=moved, instance=handover, actor=staff, today=TODAY)  # noqa: E731
    assert refused_code(call) == "commune_locked"


def test_the_latest_check_by_date_decides_whether_a_household_is_in_breach(handover, staff, villages):
    household = add_household(handover, staff, villages["a1"])
    check(household, staff, date(2026, 6, 15))
    assert Beneficiary.objects.get().last_result == "dung"
    check(household, staff, date(2026, 9, 20), "vi_pham", "Đã bán 01 con lợn giống")
    assert Beneficiary.objects.in_breach().get() == household
    check(household, staff, date(2026, 8, 1))  # an older check entered late does not clear the breach
    assert Beneficiary.objects.get().last_result == "vi_pham"
    check(household, staff, date(2026, 10, 1), notes="Đã mua bù lợn giống")
    assert (Beneficiary.objects.get().last_result, Beneficiary.objects.get().last_checked_on) == (
        "dung",
        date(2026, 10, 1),
    )
    assert HouseholdCheck.objects.count() == 4
    assert household.history.first().history_user == staff


def test_a_check_is_refused_before_the_handover_in_the_future_or_a_breach_without_notes(handover, staff, villages):
    household = add_household(handover, staff, villages["a1"])
    assert refused_code(lambda: check(household, staff, date(2026, 3, 19))) == "before_handover"
    assert refused_code(lambda: check(household, staff, date(2026, 11, 24))) == "future_date"
    assert refused_code(lambda: check(household, staff, date(2026, 6, 1), "vi_pham", "  ")) == "breach_no_notes"
    assert not HouseholdCheck.objects.exists() and Beneficiary.objects.get().last_result == ""


def test_a_checked_household_cannot_be_deleted(handover, staff, villages):
    household = add_household(handover, staff, villages["a1"])
    add_item(household, staff)
    check(household, staff, date(2026, 6, 1))
    assert refused_code(lambda: services.household_delete(household=household, actor=staff)) == "has_checks"
    unchecked = add_household(handover, staff, villages["a1"], name="Lương Thị Nhàn")
    add_item(unchecked, staff)
    services.household_delete(household=unchecked, actor=staff)
    assert list(Beneficiary.objects.all()) == [household] and SupportItem.objects.count() == 1


def test_only_an_empty_handover_can_be_deleted(client, staff, handover, villages):
    household = add_household(handover, staff, villages["a1"])
    client.force_login(staff)
    url = reverse("monitoring:handover_delete", args=[handover.pk])
    assert "không hoàn tác" in client.get(url).text  # a confirmation first
    client.post(url)
    assert Handover.objects.filter(pk=handover.pk).exists()
    services.household_delete(household=household, actor=staff)
    assert client.post(url).status_code == 302 and not Handover.objects.exists()


# ------------------------------------------------------------------ scoping


def test_an_officer_records_only_their_own_communes_handovers(officer, other_officer, units, handover, villages):
    # The officer of Huyện Một acts for its communes; the officer of Huyện Hai does not.
    services.handover_save(data=handover_data(units["commune_a2"]), actor=officer, today=TODAY)
    call = lambda: services.handover_save(data=handover_data(units["commune_a1"]), actor=other_officer, today=TODAY)  # noqa: E731
    assert refused_code(call) == "not_your_commune"
    assert refused_code(lambda: add_household(handover, other_officer, villages["a1"])) == "not_your_commune"
    assert Handover.objects.count() == 2


def test_another_units_officer_gets_404_on_every_page_of_a_handover(
    client, other_officer, officer, staff, handover, villages
):
    household = add_household(handover, staff, villages["a1"])
    item = add_item(household, staff)
    client.force_login(other_officer)
    urls = [
        reverse(f"monitoring:{name}", args=[handover.pk])
        for name in (
            "handover_detail",
            "handover_update",
            "handover_delete",
            "handover_pdf",
            "handover_docx",
            "household_create",
        )
    ]
    urls += [
        reverse(f"monitoring:{name}", args=[household.pk])
        for name in ("household_detail", "household_update", "household_delete", "item_create", "check_create")
    ]
    urls += [reverse(f"monitoring:{name}", args=[item.pk]) for name in ("item_update", "item_delete")]
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("monitoring:check_create", args=[household.pk]),
        {"checked_on": "01/06/2026", "checker": "X", "result": "vi_pham", "notes": "Bán"},
    )
    assert response.status_code == 404 and not HouseholdCheck.objects.exists()
    assert client.post(reverse("monitoring:household_delete", args=[household.pk])).status_code == 404
    assert handover.content not in client.get(reverse("monitoring:handover_list")).text
    assert household.head_name not in client.get(reverse("monitoring:household_list")).text
    client.force_login(officer)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_an_officer_cannot_pick_another_units_commune_in_the_form(client, other_officer, units):
    client.force_login(other_officer)
    form = client.get(reverse("monitoring:handover_create")).context["form"]
    assert list(form.fields["commune"].queryset) == [units["commune_b1"]]
    payload = {**handover_data(units["commune_a1"]), "commune": units["commune_a1"].pk, "handed_on": "20/03/2026"}
    response = client.post(reverse("monitoring:handover_create"), payload)
    assert response.status_code == 200 and not Handover.objects.exists()


def test_an_officer_records_a_household_its_items_and_a_check_through_the_pages(client, officer, handover, villages):
    client.force_login(officer)
    response = client.post(
        reverse("monitoring:household_create", args=[handover.pk]),
        {
            "head_name": "  Vi  Văn Khánh ",
            "village": villages["a1"].pk,
            "category": "can_ngheo",
            "id_number": "",
            "commitment": "Không bán cây giống.",
        },
    )
    household = Beneficiary.objects.get()
    assert response.status_code == 302 and household.head_name == "Vi Văn Khánh"
    response = client.post(
        reverse("monitoring:item_create", args=[household.pk]),
        {"name": "Cây hồi giống", "unit_of_measure": "cây", "quantity": "150", "unit_price": "8000"},
    )
    assert response.status_code == 302 and SupportItem.objects.get().value == 1_200_000
    url = reverse("monitoring:check_create", args=[household.pk])
    refused = client.post(url, {"checked_on": "15/06/2026", "checker": "Tổ quản lý", "result": "vi_pham", "notes": ""})
    assert "ghi rõ nội dung vi phạm" in refused.text and not HouseholdCheck.objects.exists()
    client.post(url, {"checked_on": "15/06/2026", "checker": "Tổ quản lý", "result": "vi_pham", "notes": "Bán 80 cây"})
    assert Beneficiary.objects.get().in_breach
    page = client.get(reverse("monitoring:household_list") + "?vi_pham=1").text
    assert "Vi Văn Khánh" in page and "Vi phạm cam kết" in page


def test_the_home_page_counts_households_in_breach_in_the_users_scope(
    client, staff, officer, other_officer, handover, villages
):
    household = add_household(handover, staff, villages["a1"])
    check(household, staff, date(2026, 6, 1), "vi_pham", "Đã bán")
    assert [item.count for item in households_in_breach(staff)] == [1]
    assert [item.count for item in households_in_breach(officer)] == [1]
    assert [item.count for item in households_in_breach(other_officer)] == [0]
    client.force_login(staff)
    page = client.get(reverse("home")).text
    assert "Hộ hưởng lợi vi phạm cam kết" in page


# ------------------------------------------------------------------ lists and their queries


def test_the_lists_issue_a_bounded_number_of_queries(
    client, staff, officer, units, villages, django_assert_max_num_queries
):
    handover = None
    for number in range(55):
        handover = services.handover_save(
            data=handover_data(units["commune_a1"], content=f"Đợt {number}"), actor=staff, today=TODAY
        )
        household = add_household(handover, staff, villages["a1"], name=f"Chủ hộ {number}")
        add_item(household, staff)
        add_item(household, staff, name="Thức ăn")
        if number % 5 == 0:
            check(household, staff, date(2026, 6, 1), "vi_pham", "Bán")
    for number in range(55):
        add_household(handover, staff, villages["a1"], name=f"Hộ thêm {number}")
    for user in (staff, officer):
        client.force_login(user)
        for url in (
            reverse("monitoring:handover_list"),
            reverse("monitoring:handover_list") + "?vi_pham=1",
            reverse("monitoring:household_list"),
            reverse("monitoring:household_list") + "?vi_pham=1",
            reverse("monitoring:household_export"),
            handover.get_absolute_url(),
        ):
            with django_assert_max_num_queries(10):
                response = client.get(url)
            assert response.status_code == 200
    page = client.get(reverse("monitoring:handover_list")).text
    assert "Đợt 54" in page and "10.000.000 đ" in page


# ------------------------------------------------------------------ the printed minutes


@pytest.fixture
def printed(handover, staff, villages):
    first = add_household(handover, staff, villages["a1"], name="Hoàng Văn Tằng")
    add_item(first, staff, "2", 2_500_000, name="Lợn giống")
    add_item(first, staff, "100", 14_500, name="Thức ăn chăn nuôi")
    second = add_household(handover, staff, villages["a1"], name="Lương Thị Nhàn", category="can_ngheo")
    add_item(second, staff, "1.5", 2_000_000, name="Bê giống")
    return handover


def test_the_minutes_print_both_parties_the_households_and_two_signature_blocks(client, officer, printed):
    client.force_login(officer)
    response = client.get(reverse("monitoring:handover_pdf", args=[printed.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, raw=True)
    assert "HUYỆN MỘT" not in text.split("CỘNG HÒA")[0]  # a People's Committee prints no parent above it
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ A MỘT",
        "/BB-UBND",
        "A Một, ngày 20 tháng 3 năm 2026",
        "BIÊN BẢN",
        "Bàn giao lợn giống hỗ trợ phát triển sản xuất",
        "1. Bên giao: Ủy ban nhân dân xã A Một",
        "2. Bên nhận: Các hộ hưởng lợi",
        "Hoàng Văn Tằng",
        "Lương Thị Nhàn",
        "(Thôn Nà Pàn, hộ cận nghèo)",
        "Lợn giống",
        "2 con",
        "5.000.000",
        "1.450.000",
        "1,5 con",
        "9.450.000",
        "Các hộ nhận hỗ trợ có tên trên cam kết",
        "ĐẠI DIỆN BÊN GIAO",
        "ĐẠI DIỆN BÊN NHẬN",
    ]:
        assert expected in text, expected
    assert text.index("ĐẠI DIỆN BÊN GIAO") < text.rindex("Hoàng Văn Tâm")
    assert text.index("ĐẠI DIỆN BÊN NHẬN") < text.rindex("Lăng Văn Hùng")


def test_the_word_minutes_hold_the_same_content(client, staff, printed):
    client.force_login(staff)
    response = client.get(reverse("monitoring:handover_docx", args=[printed.pk]))
    word = docx.Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    text = "\n".join(paragraphs + cells)
    for expected in [
        "BIÊN BẢN",
        "Hoàng Văn Tằng",
        "9.450.000",
        "ĐẠI DIỆN BÊN GIAO",
        "ĐẠI DIỆN BÊN NHẬN",
        "Lăng Văn Hùng",
    ]:
        assert expected in text, expected


# ------------------------------------------------------------------ demo


def test_the_demo_handover_is_created_once_with_one_household_in_breach(staff, units):
    province = units["new_province"]
    dong_dang = make_unit("06184", "Xã Đồng Đăng", Unit.Level.COMMUNE, Unit.Kind.XA, province, new=True)
    seed_handovers(actor=staff, today=TODAY)
    seed_handovers(actor=staff, today=TODAY)
    handover = Handover.objects.get()
    assert handover.commune == dong_dang and "[Dữ liệu mẫu]" in handover.content
    assert handover.households.count() == len(HOUSEHOLDS) == 5
    assert [household.head_name for household in Beneficiary.objects.in_breach()] == [BREACH]
    assert HouseholdCheck.objects.count() == 10


def test_the_household_export_writes_the_flagged_rows_in_scope(client, staff, other_officer, handover, villages):
    kept = add_household(handover, staff, villages["a1"], name="Hoàng Văn Tằng")
    add_item(kept, staff)
    breach = add_household(handover, staff, villages["a1"], name="Vi Văn Khánh")
    check(breach, staff, date(2026, 6, 1), "vi_pham", "Đã bán")
    client.force_login(staff)
    response = client.get(reverse("monitoring:household_export") + "?vi_pham=1")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["Vi Văn Khánh"] and rows[1][8] == "Vi phạm cam kết"
    rows = list(
        openpyxl.load_workbook(io.BytesIO(client.get(reverse("monitoring:household_export")).content)).active.iter_rows(
            values_only=True
        )
    )
    assert {row[1]: row[6] for row in rows[1:]} == {"Hoàng Văn Tằng": 5_000_000, "Vi Văn Khánh": 0}
    client.force_login(other_officer)
    rows = list(
        openpyxl.load_workbook(io.BytesIO(client.get(reverse("monitoring:household_export")).content)).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 1  # the header only


def test_an_officer_records_a_handover_of_their_commune_through_the_page(client, officer, units):
    client.force_login(officer)
    payload = {
        **handover_data(units["commune_a1"]),
        "commune": units["commune_a1"].pk,
        "handed_on": "20/03/2026",
        "place": "  Nhà văn hóa   thôn Nà Pàn ",
    }
    response = client.post(reverse("monitoring:handover_create"), payload)
    handover = Handover.objects.get()
    assert response.status_code == 302 and response["Location"] == handover.get_absolute_url()
    assert (handover.place, handover.handed_on, handover.history.first().history_user) == (
        "Nhà văn hóa thôn Nà Pàn",
        date(2026, 3, 20),
        officer,
    )


def test_what_a_checked_household_signed_for_stays_as_it_was(client, handover, officer, villages):
    household = add_household(handover, officer, villages["a1"])
    item = add_item(household, officer)
    check(household, officer, date(2026, 6, 1))
    client.force_login(officer)
    client.post(reverse("monitoring:item_delete", args=[item.pk]))
    assert SupportItem.objects.filter(pk=item.pk).exists()
    with pytest.raises(ValidationError) as caught:
        add_item(household, officer)
    assert caught.value.error_list[0].code == "has_checks"


def test_an_item_whose_value_overflows_is_refused_in_vietnamese_not_a_500(client, officer, handover, staff, villages):
    household = add_household(handover, staff, villages["a1"], name="Hoàng Văn Tằng")
    client.force_login(officer)
    client.raise_request_exception = False
    url = reverse("monitoring:item_create", args=[household.pk])
    payload = {
        "name": "Bò giống",
        "unit_of_measure": "con",
        "quantity": "9999999999,99",
        "unit_price": "9.000.000.000.000.000.000",
    }
    response = client.post(url, payload)
    assert response.status_code == 200
    assert not household.items.exists()
