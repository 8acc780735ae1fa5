"""Decision annexes imported as governments publish them: title rows, a header over two rows with merged
cells, one name column for province, districts and communes with a hierarchical STT, headings, a total
row, categories marked "x" in their columns, names in NFD, lower case, stray spaces, "TT." prefixes."""

import io
import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from communes.models import Category, Designation, LegalDocument, Phase, Unit, Village
from tests.conftest import make_unit


@pytest.fixture(autouse=True)
def _portal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def places(units):
    """Pre-2025 units besides the fixture's: the same name under two districts, a near miss, a town
    named as its district."""
    one, two = units["district_one"], units["district_two"]
    huu_lung = make_unit("903", "Huyện Hữu Lũng", Unit.Level.DISTRICT, Unit.Kind.HUYEN, units["province"])
    return {
        "tan_thanh_1": make_unit("90011", "Xã Tân Thành", Unit.Level.COMMUNE, Unit.Kind.XA, one),
        "tan_thanh_2": make_unit("90021", "Xã Tân Thành", Unit.Level.COMMUNE, Unit.Kind.XA, two),
        "tan_thanh_toneless": make_unit("90012", "Xã Tân Thanh", Unit.Level.COMMUNE, Unit.Kind.XA, one),
        "nhat_tien": make_unit("90022", "Xã Nhật Tiến", Unit.Level.COMMUNE, Unit.Kind.XA, two),
        "tt_huu_lung": make_unit("90031", "Thị trấn Hữu Lũng", Unit.Level.COMMUNE, Unit.Kind.THI_TRAN, huu_lung),
    }


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def annex(
    title_lines: list[str], header: list, sub_header: list | None, rows: list[list], merges=()
) -> SimpleUploadedFile:
    """A workbook laid out as annexes are published: title lines, a blank row, the header (and the row
    under it), merged cells, bold heading rows."""
    workbook = Workbook()
    sheet = workbook.active
    for line in title_lines:
        sheet.append([line])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append(header)
    header_row = sheet.max_row
    if sub_header is not None:
        sheet.append(sub_header)
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge.format(h=header_row, s=header_row + 1))
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("Phu luc kem Quyet dinh.xlsx", output.getvalue())


def upload(client, phase, decision, file, category):
    options = {"phase": phase.pk, "category": category, "document": decision.pk, "start_date": "", "file": file}
    return client.post(reverse("communes:annex_import"), options)


def designated(phase) -> set[tuple[str, str, str]]:
    return {
        (designation.unit.code, designation.village.name if designation.village else "", designation.category)
        for designation in Designation.objects.filter(phase=phase).select_related("unit", "village")
    }


def region_list() -> SimpleUploadedFile:
    """A commune list by region as published: KV I/II/III marked under a merged "Phân loại xã"."""
    return annex(
        [
            "ỦY BAN DÂN TỘC",
            "DANH SÁCH XÃ KHU VỰC III, KHU VỰC II, KHU VỰC I VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI",
            "(Kèm theo Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ)",
        ],
        ["STT", "TÊN TỈNH, HUYỆN, XÃ", "Phân loại xã", None, None, "Ghi chú"],
        [None, None, "KV I", "KV II", "KV III", None],
        [
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["A", "Tỉnh Thử nghiệm", None, None, None, None],
            ["I", "Huyện Một", None, None, None, None],
            [1, " xã  A Một", None, None, "x", None],
            [2, "TT. A Hai", None, "x", None, None],
            [3, nfd("Xã Tân Thành"), None, None, "x", None],
            ["II", "HUYỆN HAI", None, None, None, None],
            [1, nfd("Xã Tân Thành"), "x", None, None, "Cùng tên xã của huyện Một"],
            [2, "Xã  Nhất Tiến ", None, None, "X", None],
            [3, "B Một", None, "x", None, None],
            ["III", "Huyện Hữu Lũng", None, None, None, None],
            [1, "Thị trấn Hữu Lũng", "x", None, None, None],
            [None, "Tổng cộng: 7 xã", 2, 2, 3, None],
        ],
        merges=["A{h}:A{s}", "B{h}:B{s}", "C{h}:E{h}", "F{h}:F{s}"],
    )


def test_a_commune_list_by_region_is_imported_as_published(staff_client, units, places, phase, decision):
    preview = upload(staff_client, phase, decision, region_list(), Category.KHU_VUC_III)
    assert preview.status_code == 200 and "token" in preview.context, preview.context["plan"].errors
    plan = preview.context["plan"]
    # Headings set the context and are never units; the total is skipped; a near miss waits for a person.
    assert (plan.exact, plan.headings, plan.totals, len(plan.choices)) == (6, 4, 1, 1)
    choice = plan.choices[0]
    assert (choice.typed, choice.near) == ("Xã Nhất Tiến", True)
    assert [unit_id for unit_id, _description in choice.options] == [places["nhat_tien"].pk]
    assert "không có tên này đúng dấu" in preview.text and "Xã Nhật Tiến, Huyện Hai" in preview.text
    # Confirmed without choosing: nothing is saved.
    refused = staff_client.post(reverse("communes:import_confirm"), {"token": preview.context["token"]})
    assert "chưa chọn đơn vị cho «Xã Nhất Tiến»" in refused.text and not Designation.objects.exists()

    preview = upload(staff_client, phase, decision, region_list(), Category.KHU_VUC_III)
    choice = {f"dong_{plan.choices[0].row}": str(places["nhat_tien"].pk)}
    done = staff_client.post(reverse("communes:import_confirm"), {"token": preview.context["token"], **choice})
    assert done.status_code == 302
    assert designated(phase) == {
        ("90001", "", Category.KHU_VUC_III),  # "xã  A Một"
        ("90002", "", Category.KHU_VUC_II),  # "TT. A Hai"
        ("90011", "", Category.KHU_VUC_III),  # Tân Thành under Huyện Một, not Tân Thanh
        ("90021", "", Category.KHU_VUC_I),  # the same name under Huyện Hai, placed by its heading
        ("90022", "", Category.KHU_VUC_III),  # Nhật Tiến, as the person confirmed
        ("90003", "", Category.KHU_VUC_II),
        ("90031", "", Category.KHU_VUC_I),  # the town under the district heading "Huyện Hữu Lũng"
    }


def test_a_village_list_with_communes_as_headings_is_imported_as_published(staff_client, units, phase, decision):
    Village.objects.create(commune=units["commune_a1"], name="Nà Pàn", kind=Village.Kind.THON)
    file = annex(
        ["DANH SÁCH THÔN ĐẶC BIỆT KHÓ KHĂN VÀO DIỆN ĐẦU TƯ CỦA CHƯƠNG TRÌNH 135"],
        ["STT", "Tên xã, thôn", "Ghi chú"],
        None,
        [
            ["I", "HUYỆN MỘT", None],
            [1, "Xã A Một", None],
            ["a", "Thôn Nà Pàn", None],
            ["b", nfd("Bản Ngà"), None],
            ["i", "Thôn Khuổi Phầy", "thôn thứ chín của xã"],
            [2, "Thị trấn A Hai", None],
            ["a", " Phai  Xả ", None],
            ["II", "Huyện Hai", None],
            [1, "Xã B Một", None],
            [1, "Thôn Nà Hin", None],
            [None, "Cộng: 5 thôn", None],
        ],
    )
    preview = upload(staff_client, phase, decision, file, Category.THON_DBKK)
    assert "token" in preview.context, preview.context["plan"].errors
    plan = preview.context["plan"]
    assert (plan.exact, plan.headings, plan.totals, plan.choices) == (5, 5, 1, [])
    staff_client.post(reverse("communes:import_confirm"), {"token": preview.context["token"]})
    assert designated(phase) == {
        ("90001", "Nà Pàn", Category.THON_DBKK),  # the existing village
        ("90001", "Bản Ngà", Category.THON_DBKK),  # new villages named as the list writes them, in NFC
        ("90001", "Thôn Khuổi Phầy", Category.THON_DBKK),  # lettered "i": a village, not a heading
        ("90002", "Phai Xả", Category.THON_DBKK),
        ("90003", "Thôn Nà Hin", Category.THON_DBKK),
    }
    assert Village.objects.filter(commune=units["commune_a1"]).count() == 3


def test_a_2026_list_of_new_communes_takes_its_categories_from_the_marks_of_each_row(staff_client, units):
    new_phase = Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)
    decision = LegalDocument.objects.create(
        kind=LegalDocument.Kind.QUYET_DINH,
        number="60/QĐ-BDTTG",
        issued_on=date(2026, 2, 10),
        issuer="Bộ Dân tộc và Tôn giáo",
    )
    ward = make_unit("90009", "Phường Hòa Bình", Unit.Level.COMMUNE, Unit.Kind.PHUONG, units["new_province"], new=True)
    file = annex(
        ["PHỤ LỤC", "DANH SÁCH XÃ ĐẶC BIỆT KHÓ KHĂN, XÃ BIÊN GIỚI, XÃ AN TOÀN KHU GIAI ĐOẠN 2026 - 2030"],
        ["STT", "Tên đơn vị hành chính cấp xã", "Trong đó", None, None],
        [None, None, "Xã ĐBKK", "Xã biên giới", "Xã ATK"],
        [
            ["I", "TỈNH THỬ NGHIỆM", None, None, None],
            [1, "xã mới", "x", None, "x"],
            [2, nfd("phường  Hòa Bình"), None, "x", None],
            [None, "Tổng số: 2 đơn vị", 1, 1, 1],
        ],
        merges=["A{h}:A{s}", "B{h}:B{s}", "C{h}:E{h}"],
    )
    preview = upload(staff_client, new_phase, decision, file, Category.XA_DBKK)
    assert "token" in preview.context, preview.context["plan"].errors
    staff_client.post(reverse("communes:import_confirm"), {"token": preview.context["token"]})
    assert designated(new_phase) == {
        ("90001", "", Category.XA_DBKK),
        ("90001", "", Category.XA_ATK),
        (ward.code, "", Category.XA_BIEN_GIOI),
    }


def test_a_toneless_near_miss_is_never_applied_and_a_district_heading_never_becomes_a_unit(
    staff_client, units, places, phase, decision
):
    file = annex(
        ["DANH SÁCH"],
        ["STT", "Tên xã", "Ghi chú"],
        None,
        [["I", "Huyện Hữu Lũng", None], [1, "Xa Tan Thanh", None]],
    )
    preview = upload(staff_client, phase, decision, file, Category.XA_DBKK)
    plan = preview.context["plan"]
    assert plan.headings == 1 and plan.changes == []  # "Huyện Hữu Lũng" is not Thị trấn Hữu Lũng
    # Typed without tone marks, under a district that has neither: no such commune there.
    assert [error.message for error in plan.errors] == ["không tìm thấy xã «Xa Tan Thanh» thuộc huyện Hữu Lũng."]
    file = annex(["DANH SÁCH"], ["STT", "Tên xã", "Huyện"], None, [[1, "Xa Tan Thanh", "Huyện Một"]])
    plan = upload(staff_client, phase, decision, file, Category.XA_DBKK).context["plan"]
    assert plan.changes == [] and plan.choices[0].near
    offered = {unit_id for unit_id, _description in plan.choices[0].options}
    assert offered == {places["tan_thanh_1"].pk, places["tan_thanh_toneless"].pk}  # both, the person chooses


def test_commune_names_that_look_like_totals_headings_or_categories_are_communes(units, settings):
    from communes.imports.published import read_annex

    rows = read_annex(
        annex(
            ["DANH SÁCH"],
            ["STT", "Tên tỉnh, huyện, xã", "KV III"],
            None,
            [
                ["I", "Huyện Một", None],
                [1, "Công Sơn", "x"],
                [2, "Quan Sơn", "x"],
                [3, "Tịnh Bắc", "x"],
                [4, "Xã Biên Giới", "x"],
                ["II", "Xã khu vực III", None],
                [1, "Cộng Hòa", None],
                [None, "Cộng: 5 xã", 4],
            ],
        ),
        villages=False,
    )
    units_read = [(row.name, row.district, row.categories) for row in rows if not row.skip]
    assert units_read == [
        ("Công Sơn", "Huyện Một", [Category.KHU_VUC_III]),
        ("Quan Sơn", "Huyện Một", [Category.KHU_VUC_III]),
        ("Tịnh Bắc", "Huyện Một", [Category.KHU_VUC_III]),
        ("Xã Biên Giới", "Huyện Một", [Category.KHU_VUC_III]),
        ("Cộng Hòa", "Huyện Một", [Category.KHU_VUC_III]),  # under the "Xã khu vực III" heading
    ]
    assert [row.skip for row in rows if row.skip] == ["heading", "heading", "total"]


def test_a_choice_field_that_is_not_a_number_changes_nothing(staff_client, units, places, phase, decision):
    preview = upload(staff_client, phase, decision, region_list(), Category.KHU_VUC_III)
    response = staff_client.post(
        reverse("communes:import_confirm"), {"token": preview.context["token"], "dong_²": "²", "dong_20": "１２"}
    )
    assert response.status_code == 200 and "chưa chọn đơn vị" in response.text
    assert not Designation.objects.exists()


def test_a_city_of_the_centre_heading_a_list_of_several_provinces_is_a_province_not_a_district(
    staff_client, units, phase, decision
):
    city = make_unit("98", "Thành phố Thử", Unit.Level.PROVINCE, Unit.Kind.THANH_PHO_TW)
    district = make_unit("981", "Quận Giữa", Unit.Level.DISTRICT, Unit.Kind.QUAN, city)
    ward = make_unit("98001", "Phường Ba Đình", Unit.Level.COMMUNE, Unit.Kind.PHUONG, district)
    city_of_province = make_unit(
        "904", "Thành phố Thử nghiệm", Unit.Level.DISTRICT, Unit.Kind.THANH_PHO, units["province"]
    )
    ward_of_that_city = make_unit("90041", "Phường Chi Lăng", Unit.Level.COMMUNE, Unit.Kind.PHUONG, city_of_province)
    listed = annex(
        ["DANH SÁCH XÃ KHU VỰC III"],
        ["STT", "TÊN TỈNH, HUYỆN, XÃ", "Ghi chú"],
        None,
        [
            ["A", "TỈNH THỬ NGHIỆM", None],
            ["I", "Huyện Một", None],
            [1, "Xã A Một", None],
            ["II", "Thành phố Thử nghiệm", None],  # a district-level city of the province: a district
            [1, "Phường Chi Lăng", None],
            ["B", "THÀNH PHỐ THỬ", None],  # a city of the centre after a province: a province
            [1, "Phường Ba Đình", None],
        ],
    )
    preview = upload(staff_client, phase, decision, listed, Category.KHU_VUC_III)
    assert "token" in preview.context, preview.context["plan"].errors
    done = staff_client.post(reverse("communes:import_confirm"), {"token": preview.context["token"]})
    assert done.status_code == 302
    assert {code for code, _village, _category in designated(phase)} == {
        units["commune_a1"].code,
        ward_of_that_city.code,
        ward.code,
    }
