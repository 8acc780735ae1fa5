"""Funds: coefficients, allocation by K, execution against allocations, progress."""

import re
import threading
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import Allocation, Criterion, Execution, Scheme, Share
from budgets.services import allocation_create, coefficients_compute, execution_record
from communes.models import Category, Village, YearFigures
from communes.services import designation_add
from tests.conftest import CACHE_QUERIES, make_unit
from tests.documents import pdf_text

POOL = 1_000_000_000


def figures(unit, village=None, *, poor, coefficient=None, population=4000, households=900):
    return YearFigures.objects.create(
        unit=unit,
        village=village,
        year=2018,
        population=population,
        households=households,
        poor_households=poor,
        near_poor_households=50,
        ethnic_minority_share=Decimal("95"),
        coefficient=coefficient,
    )


@pytest.fixture
def designated(staff, units, phase, decision):
    """Three ĐBKK communes in two districts with their 2018 coefficients."""
    for key, k in [("commune_a1", "2.0"), ("commune_a2", "1.0"), ("commune_b1", "1.0")]:
        designation_add(
            unit=units[key],
            phase=phase,
            category=Category.XA_DBKK,
            document=decision,
            start_date=date(2017, 6, 20),
            actor=staff,
        )
        figures(units[key], poor=300, coefficient=Decimal(k))
    return units


def allocation_inputs(phase, **changes):
    return {
        "title": "Phân bổ vốn đầu tư cơ sở hạ tầng năm 2018",
        "year": 2018,
        "component": "ha_tang",
        "phase": phase,
        "category": Category.XA_DBKK,
        "pool": POOL,
        "rounding": 1000,
        "floor": None,
        "ceiling": None,
        "village_fraction": Decimal("1"),
        "document": None,
        **changes,
    }


@pytest.fixture
def allocation(staff, designated, phase):
    return allocation_create(actor=staff, **allocation_inputs(phase))


def test_coefficients_are_computed_from_the_provinces_criteria_and_kept_with_their_breakdown(client, staff, designated):
    scheme = Scheme.objects.create(year=2018, base=Decimal("1"))
    Criterion.objects.create(scheme=scheme, measure="poverty_rate", lower=Decimal("30"), points=Decimal("1.5"))
    Criterion.objects.create(
        scheme=scheme, measure="poverty_rate", lower=Decimal("10"), upper=Decimal("30"), points=Decimal("0.5")
    )
    Criterion.objects.create(scheme=scheme, measure="category", category="xa_dbkk", points=Decimal("0.3"))
    richer = figures(make_unit("90050", "Xã Giàu", "commune", "xa", designated["district_two"]), poor=100)
    assert coefficients_compute(scheme=scheme, actor=staff) == 4
    a1 = YearFigures.objects.get(unit=designated["commune_a1"])
    assert a1.coefficient == Decimal("2.800")  # 1 + 1.5 (33% poor) + 0.3 (ĐBKK)
    assert a1.criteria == {"Điểm cơ sở": 1.0, "Tỷ lệ hộ nghèo (%) từ 30": 1.5, "Xã ĐBKK": 0.3}
    richer.refresh_from_db()
    assert richer.coefficient == Decimal("1.500")  # 11% poor, not designated
    client.force_login(staff)
    assert "Tỷ lệ hộ nghèo (%) từ 30: 1,5" in client.get(designated["commune_a1"].get_absolute_url()).text


def test_an_allocation_shares_the_pool_by_k_to_the_last_dong_and_recomputes_to_the_same_figures(allocation):
    amounts = {share.unit.name: share.amount for share in allocation.shares.select_related("unit")}
    assert amounts == {"Xã A Một": 500_000_000, "Thị trấn A Hai": 250_000_000, "Xã B Một": 250_000_000}
    assert sum(amounts.values()) == POOL
    from budgets.services import allocation_differences

    assert allocation_differences(allocation) == []


def test_villages_take_part_with_a_fraction_of_their_coefficient(staff, designated, phase, decision):
    village = Village.objects.create(commune=designated["commune_b1"], name="Thôn Nà Pàn")
    designation_add(
        unit=designated["commune_b1"],
        village=village,
        phase=phase,
        category=Category.THON_DBKK,
        document=decision,
        start_date=date(2017, 7, 11),
        actor=staff,
    )
    figures(designated["commune_b1"], village, poor=100, coefficient=Decimal("2"), population=900, households=200)
    allocation = allocation_create(
        actor=staff, **allocation_inputs(phase, category=Category.THON_DBKK, village_fraction=Decimal("0.5"))
    )
    share = allocation.shares.get()
    assert (share.village, share.coefficient, share.amount) == (village, Decimal("1.0000"), POOL)


def test_a_unit_without_a_coefficient_stops_the_allocation_and_is_named(staff, designated, phase):
    YearFigures.objects.filter(unit=designated["commune_a2"]).update(coefficient=None)
    with pytest.raises(ValidationError, match="Chưa có hệ số K năm 2018 của 1 đơn vị: Thị trấn A Hai"):
        allocation_create(actor=staff, **allocation_inputs(phase))
    assert not Allocation.objects.exists()


def test_the_preview_shows_the_table_before_anything_is_saved_then_saves(client, staff, designated, phase):
    client.force_login(staff)
    data = {k: (v.pk if hasattr(v, "pk") else ("" if v is None else v)) for k, v in allocation_inputs(phase).items()}
    response = client.post(reverse("budgets:allocation_new"), {**data, "preview": "1"})
    assert "Xem trước: 3 đơn vị, tổng 1.000.000.000 đ" in response.text
    assert "Bằng chữ: Một tỷ đồng." in response.text
    assert "500.000.000" in response.text
    assert not Allocation.objects.exists()
    response = client.post(reverse("budgets:allocation_new"), {**data, "save": "1"})
    allocation = Allocation.objects.get()
    assert response["Location"] == allocation.get_absolute_url()


def test_disbursing_above_the_allocation_is_refused_with_a_clear_message(staff, allocation):
    share = allocation.shares.get(unit__name="Xã B Một")
    execution_record(share=share, kind="giai_ngan", on=date(2018, 5, 2), amount=200_000_000, actor=staff)
    with pytest.raises(ValidationError, match=re.escape("còn lại 50.000.000 đ")):
        execution_record(share=share, kind="giai_ngan", on=date(2018, 6, 2), amount=60_000_000, actor=staff)
    with pytest.raises(ValidationError, match=re.escape("vượt số đã giải ngân 200.000.000 đ")):
        execution_record(share=share, kind="thanh_toan", on=date(2018, 6, 2), amount=200_000_001, actor=staff)
    assert Execution.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_disbursing_at_the_same_moment_cannot_overspend(staff, designated, phase):
    allocation = allocation_create(actor=staff, **allocation_inputs(phase))
    share = allocation.shares.get(unit__name="Xã B Một")  # 250.000.000 đ
    barrier = threading.Barrier(2)
    outcomes = []

    def disburse():
        try:
            barrier.wait()
            execution_record(share=share, kind="giai_ngan", on=date(2018, 5, 2), amount=150_000_000, actor=staff)
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=disburse) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert sum(Execution.objects.filter(share=share).values_list("amount", flat=True)) == 150_000_000


def test_an_officer_sees_and_records_only_their_own_units(client, officer, allocation):
    client.force_login(officer)
    page = client.get(allocation.get_absolute_url()).text
    assert "Xã A Một" in page and "Xã B Một" not in page
    own = allocation.shares.get(unit__name="Xã A Một")
    other = allocation.shares.get(unit__name="Xã B Một")
    response = client.post(
        reverse("budgets:execution_create", args=[own.pk]), {"kind": "giai_ngan", "on": "02/05/2018", "amount": 1000}
    )
    assert response.status_code == 302
    assert Execution.objects.get().recorded_by == officer
    assert client.get(reverse("budgets:execution_create", args=[other.pk])).status_code == 404
    assert client.get(reverse("budgets:allocation_new")).status_code == 403


def test_the_excel_annex_totals_the_pool(client, staff, allocation):
    client.force_login(staff)
    sheet = load_workbook(
        BytesIO(client.get(reverse("budgets:allocation_export", args=[allocation.pk])).content)
    ).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[-1][2] == "Tổng cộng" and rows[-1][6] == POOL
    assert sum(row[6] for row in rows[:-1]) == POOL


def test_units_far_behind_are_flagged(client, staff, allocation):
    execution_record(
        share=allocation.shares.get(unit__name="Xã A Một"),
        kind="giai_ngan",
        on=date(2018, 9, 1),
        amount=500_000_000,
        actor=staff,
    )
    client.force_login(staff)
    response = client.get(reverse("budgets:progress"), {"year": 2018})
    behind = {share.unit.name for share in response.context["behind"]}
    assert behind == {"Thị trấn A Hai", "Xã B Một"}
    assert "66,7%" in response.text  # Huyện Một: 500 of 750 million disbursed


def test_the_allocation_page_issues_a_bounded_number_of_queries(
    client, staff, units, phase, decision, django_assert_max_num_queries
):
    for n in range(300):
        commune = make_unit(f"{93000 + n}", f"Xã Vốn {n}", "commune", "xa", units["district_two"])
        designation_add(
            unit=commune,
            phase=phase,
            category=Category.XA_DBKK,
            document=decision,
            start_date=date(2017, 6, 20),
            actor=staff,
        )
        figures(commune, poor=300, coefficient=Decimal("1.5"))
    allocation = allocation_create(actor=staff, **allocation_inputs(phase))
    for share in allocation.shares.all()[:50]:
        execution_record(share=share, kind="giai_ngan", on=date(2018, 5, 2), amount=1000, actor=staff)
    client.force_login(staff)
    with django_assert_max_num_queries(10 + CACHE_QUERIES):  # the first time; then its table is kept
        response = client.get(allocation.get_absolute_url())
    assert response.context["total"]["amount"] == POOL
    assert "Trang 1 / 3" in response.text  # 300 shares, 100 a page
    with django_assert_max_num_queries(10):
        client.get(reverse("budgets:progress"), {"year": 2018})
    assert Share.objects.count() == 300


def test_the_leader_sees_the_years_allocation_and_disbursement_on_the_home_page(client, leader, staff, allocation):
    execution_record(
        share=allocation.shares.get(unit__name="Xã A Một"),
        kind="giai_ngan",
        on=date(2018, 9, 1),
        amount=250_000_000,
        actor=staff,
    )
    client.force_login(leader)
    page = client.get(reverse("home")).text
    assert "Vốn phân bổ năm 2018" in page and "1.000 triệu đồng" in page
    assert "25,0%" in page


def test_the_printed_annex_totals_the_pool(client, staff, allocation):
    client.force_login(staff)
    response = client.get(reverse("budgets:allocation_pdf", args=[allocation.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "PHỤ LỤC" in text and "Phân bổ vốn đầu tư cơ sở hạ tầng năm 2018" in text
    assert "Tổng cộng" in text and "1.000.000.000" in text
    assert "500.000.000" in text and "Xã A Một" in text
    assert "(Bằng chữ: Một tỷ đồng.)" in text


def test_the_capacity_building_funds_of_a_year_are_read_by_source(decision):
    from budgets.models import Fund
    from budgets.selectors import capacity_building_funds

    for component, source, amount in [
        ("nang_luc", "trung_uong", 8_038_000_000),
        ("nang_luc", "dia_phuong", 804_000_000),
        ("ha_tang", "trung_uong", 9),
    ]:
        Fund.objects.create(year=2018, component=component, source=source, amount=amount, document=decision)
    assert capacity_building_funds(2018) == {"trung_uong": 8_038_000_000, "dia_phuong": 804_000_000}
    assert capacity_building_funds(2019) == {}


def test_province_staff_record_the_funds_of_a_year(client, staff, decision):
    client.force_login(staff)
    response = client.post(
        reverse("budgets:fund_create"),
        {"year": 2018, "component": "nang_luc", "source": "trung_uong", "amount": 8038000000, "document": decision.pk},
    )
    assert response.status_code == 302
    page = client.get(reverse("budgets:fund_list"), {"year": 2018}).text
    assert "8.038 triệu đồng" in page and "8.038.000.000" in page
    response = client.post(
        reverse("budgets:fund_create"),
        {"year": 2018, "component": "nang_luc", "source": "trung_uong", "amount": -5, "document": decision.pk},
    )
    assert response.status_code == 200 and "Số tiền không được âm" in response.text


@pytest.mark.parametrize("year", ["abc", "99999999", "-1"])
def test_a_nonsense_year_shows_this_year_instead_of_failing(client, staff, year):
    client.force_login(staff)
    for name in ("budgets:fund_list", "budgets:progress"):
        assert client.get(reverse(name), {"year": year}).status_code == 200


def test_the_recompute_check_is_for_province_staff_only(client, staff, officer, allocation):
    client.force_login(officer)
    assert "Xã B Một" not in client.get(allocation.get_absolute_url(), {"kiem-tra": 1}).text
    client.force_login(staff)
    assert "cho đúng kết quả này" in client.get(allocation.get_absolute_url(), {"kiem-tra": 1}).text


def test_money_cannot_be_recorded_on_a_day_still_to_come(staff, allocation):
    with pytest.raises(ValidationError, match="chưa đến"):
        execution_record(
            share=allocation.shares.first(), kind="giai_ngan", on=date(9999, 1, 1), amount=1000, actor=staff
        )
