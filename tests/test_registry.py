"""The registry: list, search, filters, unit page, and the forms of province staff."""

import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.models import Category, Designation, LegalDocument, Unit, Village, YearFigures
from communes.services import designation_add
from tests.conftest import CACHE_QUERIES, make_unit


@pytest.fixture
def dong_dang(units):
    return make_unit("90010", "Xã Đồng Đăng", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_one"])


def listing(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("communes:unit_list"), params)
    assert response.status_code == 200
    return response


def names(response):
    return [unit.name for unit, _cells in response.context["rows"]]


@pytest.mark.parametrize(
    "typed",
    [
        "dong dang",
        "DONG DANG",
        "Đồng Đăng",
        "xã đồng đăng",
        unicodedata.normalize("NFD", "Xã Đồng Đăng"),
        "TT. Đồng Đăng",
    ],
)
def test_search_ignores_case_diacritics_prefix_and_unicode_form(client, staff, dong_dang, typed):
    assert names(listing(client, staff, q=typed)) == ["Xã Đồng Đăng"]


def test_search_finds_a_unit_by_its_code(client, staff, dong_dang):
    assert names(listing(client, staff, q="90010")) == ["Xã Đồng Đăng"]


def test_the_list_is_in_vietnamese_alphabetical_order(client, staff, units):
    for code, name in [
        ("90020", "Xã Ăn Hội"),
        ("90021", "Xã Ân Thi"),
        ("90022", "Xã Bắc Hà"),
        ("90023", "Xã Đa Phúc"),
        ("90024", "Xã Dương Quỳ"),
    ]:
        make_unit(code, name, Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])
    listed = names(listing(client, staff, district="902"))
    assert listed == ["Xã Ăn Hội", "Xã Ân Thi", "Xã B Một", "Xã Bắc Hà", "Xã Dương Quỳ", "Xã Đa Phúc"]


def test_filters_by_province_district_phase_and_category(client, staff, units, phase, decision):
    designation_add(
        unit=units["commune_b1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    assert len(names(listing(client, staff, province="99"))) == 4
    assert names(listing(client, staff, district="901")) == ["Thị trấn A Hai", "Xã A Một"]
    assert names(listing(client, staff, phase=phase.pk)) == ["Xã B Một"]
    assert names(listing(client, staff, category="xa_bien_gioi")) == []
    response = listing(client, staff, phase=phase.pk, category="xa_dbkk")
    assert names(response) == ["Xã B Một"]
    assert "Xã ĐBKK (2016-2020)" in response.text
    assert "Tìm thấy <strong>1</strong> xã" in response.text


def test_an_officer_lists_only_the_communes_of_their_district(client, officer, units):
    assert sorted(names(listing(client, officer))) == ["Thị trấn A Hai", "Xã A Một"]
    assert names(listing(client, officer, q="B Một")) == []


def test_the_list_pages_and_keeps_its_filters(client, staff, units):
    for number in range(120):
        make_unit(f"{91000 + number}", f"Xã Thêm {number:03}", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])
    response = listing(client, staff, q="them", page=3)
    assert len(response.context["rows"]) == 20
    assert response.context["rows"][0][1][0] == 101
    assert "q=them&amp;page=2" in response.text


def test_the_list_and_the_unit_page_issue_a_bounded_number_of_queries(
    client, staff, units, phase, decision, django_assert_max_num_queries
):
    communes = [
        make_unit(f"{92000 + n}", f"Xã Số {n}", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])
        for n in range(60)
    ]
    for commune in communes:
        designation_add(
            unit=commune,
            phase=phase,
            category=Category.XA_DBKK,
            document=decision,
            start_date=date(2017, 7, 1),
            actor=staff,
        )
        village = Village.objects.create(commune=commune, name="Thôn Nà Pàn")
        designation_add(
            unit=commune,
            village=village,
            phase=phase,
            category=Category.THON_DBKK,
            document=decision,
            start_date=date(2017, 7, 1),
            actor=staff,
        )
    client.force_login(staff)
    with django_assert_max_num_queries(12 + CACHE_QUERIES):  # the first time; then it is kept (test_freshness)
        response = client.get(reverse("communes:unit_list"), {"province": "99", "phase": phase.pk})
    assert "1 thôn ĐBKK" in response.text
    with django_assert_max_num_queries(16):
        client.get(communes[0].get_absolute_url())


# ------------------------------------------------------------------ unit page and forms


def test_province_staff_add_a_village_and_a_duplicate_name_is_refused(client, staff, units):
    commune = units["commune_a1"]
    client.force_login(staff)
    url = reverse("communes:village_create", args=[commune.pk])
    response = client.post(url, {"name": "  Thôn  Nà Pàn ", "kind": "thon"})
    assert response.status_code == 302
    assert Village.objects.get(commune=commune).name == "Thôn Nà Pàn"
    response = client.post(url, {"name": "thôn na pan", "kind": "thon"})
    assert "Xã này đã có một thôn cùng tên." in response.text
    assert Village.objects.filter(commune=commune).count() == 1


@pytest.mark.parametrize(
    "typed",
    [
        "Thôn Nà\u200b Pàn",  # a zero-width space pasted from a chat message
        "Thôn Nà P\u00adàn",  # a soft hyphen from a Word file
        "\u202eThôn Nà Pàn\u202c",  # a bidirectional override around the name
        "\ufeffThôn Nà Pàn",  # a byte-order mark at the start of a pasted line
        "Tho\u0302n Na\u0300 Pa\u0300n",  # decomposed letters, as macOS keyboards send them
    ],
)
def test_a_name_typed_with_invisible_characters_is_caught_as_a_duplicate(client, staff, units, typed):
    commune = units["commune_a1"]
    Village.objects.create(commune=commune, name="Thôn Nà Pàn")
    client.force_login(staff)
    response = client.post(reverse("communes:village_create", args=[commune.pk]), {"name": typed, "kind": "thon"})
    assert "Xã này đã có một thôn cùng tên." in response.text
    assert Village.objects.filter(commune=commune).count() == 1


def test_what_is_stored_is_the_name_as_seen(client, staff, units):
    commune = units["commune_a1"]
    client.force_login(staff)
    client.post(
        reverse("communes:village_create", args=[commune.pk]), {"name": "Bản\u200b Khau\u00ad Phiêng", "kind": "ban"}
    )
    assert Village.objects.get(commune=commune).name == "Bản Khau Phiêng"


def test_deleting_a_village_asks_first_and_a_designated_village_is_kept(client, staff, units, phase, decision):
    commune = units["commune_a1"]
    village = Village.objects.create(commune=commune, name="Bản Khuổi Phục", kind="ban")
    client.force_login(staff)
    url = reverse("communes:village_delete", args=[village.pk])
    assert "Xóa Bản Khuổi Phục?" in client.get(url).text
    designation_add(
        unit=commune,
        village=village,
        phase=phase,
        category=Category.THON_DBKK,
        document=decision,
        start_date=date(2017, 7, 11),
        actor=staff,
    )
    response = client.post(url, follow=True)
    assert "Không xóa được Bản Khuổi Phục" in response.text
    assert Village.objects.filter(pk=village.pk).exists()


def test_a_designation_is_added_and_ended_and_the_unit_page_shows_both(client, staff, units, phase, decision):
    commune = units["commune_a1"]
    review = LegalDocument.objects.create(
        kind="quyet_dinh", number="12/QĐ-UBDT", issued_on=date(2019, 1, 10), issuer="Ủy ban Dân tộc", summary="Rà soát"
    )
    client.force_login(staff)
    response = client.post(
        reverse("communes:designation_create", args=[commune.pk]),
        {"phase": phase.pk, "category": "xa_dbkk", "document": decision.pk, "start_date": "2017-06-20"},
    )
    assert response.status_code == 302
    designation = Designation.objects.get(unit=commune)
    response = client.post(
        reverse("communes:designation_finish", args=[designation.pk]),
        {"end_date": "31/12/2018", "end_document": review.pk},
    )
    assert response.status_code == 302
    page = client.get(commune.get_absolute_url()).text
    assert "900/QĐ-TTg" in page and "20/06/2017" in page
    assert "31/12/2018" in page and "12/QĐ-UBDT" in page
    assert designation.history.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"category": "thon_dbkk"}, "cần chọn một thôn"),
        ({"start_date": "2022-01-01"}, "nằm ngoài giai đoạn 2016-2020"),
    ],
)
def test_a_designation_that_breaks_a_rule_is_refused_with_a_clear_message(
    client, staff, units, phase, decision, data, message
):
    client.force_login(staff)
    payload = {"phase": phase.pk, "category": "xa_dbkk", "document": decision.pk, "start_date": "2017-06-20", **data}
    response = client.post(reverse("communes:designation_create", args=[units["commune_a1"].pk]), payload)
    assert response.status_code == 200
    assert message in response.text
    assert not Designation.objects.exists()


def test_the_same_designation_twice_is_refused(client, staff, units, phase, decision):
    client.force_login(staff)
    payload = {"phase": phase.pk, "category": "xa_dbkk", "document": decision.pk, "start_date": "2017-06-20"}
    url = reverse("communes:designation_create", args=[units["commune_a1"].pk])
    client.post(url, payload)
    response = client.post(url, {**payload, "start_date": "2018-01-01"})
    assert "đang thuộc diện Xã ĐBKK của giai đoạn 2016-2020" in response.text
    assert Designation.objects.count() == 1


def figures_payload(**changes):
    return {
        "year": 2018,
        "population": 4000,
        "households": 900,
        "poor_households": 400,
        "near_poor_households": 100,
        "ethnic_minority_share": "97,5",
        "coefficient": "2,350",
        **changes,
    }


def test_yearly_figures_are_entered_and_shown(client, staff, units):
    commune = units["commune_a1"]
    client.force_login(staff)
    response = client.post(reverse("communes:figures_create", args=[commune.pk]), figures_payload())
    assert response.status_code == 302
    page = client.get(commune.get_absolute_url()).text
    assert "4.000" in page and "44,4%" in page and "2,350" in page


def test_figures_that_do_not_add_up_are_refused(client, staff, units):
    client.force_login(staff)
    response = client.post(
        reverse("communes:figures_create", args=[units["commune_a1"].pk]), figures_payload(near_poor_households=600)
    )
    assert "Số hộ nghèo cộng số hộ cận nghèo không thể lớn hơn số hộ." in response.text
    assert not YearFigures.objects.exists()


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(client, staff, units):
    figures = YearFigures.objects.create(
        unit=units["commune_a1"], **{k: v for k, v in figures_payload(ethnic_minority_share=90, coefficient=2).items()}
    )
    client.force_login(staff)
    url = reverse("communes:figures_update", args=[figures.pk])
    seen = client.get(url).context["form"]["seen_version"].value()
    figures.population = 4100
    figures.save()  # someone else saves first
    response = client.post(url, figures_payload(population=5000, seen_version=seen))
    assert "vừa được người khác sửa" in response.text
    figures.refresh_from_db()
    assert figures.population == 4100


def test_a_legal_document_takes_a_pdf_only_and_serves_it(client, staff, db):
    client.force_login(staff)
    payload = {
        "kind": "quyet_dinh",
        "number": "414/QĐ-UBDT",
        "issued_on": "11/07/2017",
        "issuer": "Ủy ban Dân tộc",
        "summary": "Phê duyệt danh sách thôn đặc biệt khó khăn",
    }
    fake = SimpleUploadedFile("qd.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("communes:document_create"), {**payload, "attachment": fake})
    assert "Chỉ nhận tệp PDF." in response.text
    pdf = SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("communes:document_create"), {**payload, "attachment": pdf})
    document = LegalDocument.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.citation() == "Quyết định số 414/QĐ-UBDT ngày 11/7/2017 của Ủy ban Dân tộc"
    served = client.get(reverse("communes:document_file", args=[document.pk]))
    assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_an_officer_reads_the_registry_but_cannot_change_it(client, officer, units):
    client.force_login(officer)
    page = client.get(units["commune_a1"].get_absolute_url()).text
    assert "Thêm thôn" not in page and "Đưa vào diện đầu tư" not in page
    assert client.get(reverse("communes:village_create", args=[units["commune_a1"].pk])).status_code == 403


def test_figures_of_a_year_already_recorded_are_refused_instead_of_crashing(client, staff, units):
    client.force_login(staff)
    url = reverse("communes:figures_create", args=[units["commune_a1"].pk])
    client.post(url, figures_payload())
    response = client.post(url, figures_payload(population=5000))
    assert "đã có số liệu của năm 2018" in response.text
    assert YearFigures.objects.get().population == 4000


def test_the_export_holds_the_same_filtered_rows_as_the_page_and_names_stay_text(client, staff, units, phase, decision):
    from io import BytesIO

    from openpyxl import load_workbook

    make_unit("90030", '=HYPERLINK("http://x")', Unit.Level.COMMUNE, Unit.Kind.XA, units["district_one"])
    designation_add(
        unit=units["commune_a1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    page = listing(client, staff, district="901")
    response = client.get(reverse("communes:unit_export"), {"district": "901"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["STT", "Mã", "Tên đơn vị", "Loại", "Huyện", "Tỉnh", "Diện đầu tư", "Hiệu lực"]
    # An empty cell reads back as None.
    assert rows[1:] == [[cell if cell != "" else None for cell in cells] for _unit, cells in page.context["rows"]]
    formula_cell = next(row[2] for row in sheet.iter_rows(min_row=2) if str(row[2].value).startswith("="))
    assert formula_cell.data_type == "s"


def test_an_officer_exports_only_their_own_communes(client, officer, units):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(officer)
    sheet = load_workbook(BytesIO(client.get(reverse("communes:unit_export")).content)).active
    assert sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["Thị trấn A Hai", "Xã A Một"]


def test_a_share_above_100_percent_is_refused_with_its_message(client, staff, units):
    client.force_login(staff)
    response = client.post(
        reverse("communes:figures_create", args=[units["commune_a1"].pk]), figures_payload(ethnic_minority_share="120")
    )
    assert "Tỷ lệ hộ dân tộc thiểu số phải từ 0 đến 100%." in response.text
    assert not YearFigures.objects.exists()


def test_a_nul_byte_in_a_query_is_ignored_not_a_server_error(client, officer):
    client.force_login(officer)
    for url, params in [
        ("communes:document_list", {"q": "\x00"}),
        ("communes:unit_list", {"province": "\x00", "district": "\x00"}),
        ("communes:unit_export", {"district": "\x00"}),
    ]:
        assert client.get(reverse(url), params).status_code == 200


def test_the_lineage_shows_only_units_the_reader_may_open(client, officer, staff, units):
    from communes.models import UnitLineage

    UnitLineage.objects.create(old=units["commune_a1"], new=units["new_commune"])
    client.force_login(officer)
    assert "Xã Mới" not in client.get(units["commune_a1"].get_absolute_url()).text
    client.force_login(staff)
    assert "Xã Mới" in client.get(units["commune_a1"].get_absolute_url()).text


def test_a_new_commune_shows_the_designations_of_the_old_communes_it_came_from(client, staff, units, phase, decision):
    from communes.models import UnitLineage

    designation_add(
        unit=units["commune_a1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    UnitLineage.objects.create(old=units["commune_a1"], new=units["new_commune"])
    UnitLineage.objects.create(old=units["commune_a2"], new=units["new_commune"], partial=True)
    client.force_login(staff)
    page = client.get(units["new_commune"].get_absolute_url()).text
    section = page[page.index("Sắp xếp đơn vị hành chính 2025") :]
    assert f"Diện đầu tư: Xã ĐBKK ({phase.name})" in section
    assert section.count("Diện đầu tư:") == 1  # the other old commune had none


def test_phases_belong_to_programmes_kept_as_data_with_their_basis_and_components(client, officer):
    from communes.models import Phase, Programme

    merged = Programme.objects.get(short_name="CTMTQG 2026-2035")  # recorded by migration 0007
    Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030, programme=merged)
    client.force_login(officer)
    page = client.get(reverse("communes:phase_list")).text
    assert "Nghị quyết số 257/2025/QH15" in page
    assert "Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi" in page
    assert "cơ quan dân tộc chủ trì" in page


def test_a_basis_line_cites_the_document_with_its_trich_yeu(db):
    from communes.models import LegalDocument

    def basis(summary):
        return LegalDocument(
            kind="quyet_dinh",
            number="900/QĐ-TTg",
            issued_on=date(2017, 6, 20),
            issuer="Thủ tướng Chính phủ",
            summary=summary,
        ).basis()

    assert basis("Phê duyệt danh sách xã đặc biệt khó khăn.") == (
        "Căn cứ Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ"
        " phê duyệt danh sách xã đặc biệt khó khăn;"
    )
    assert basis("Chương trình 135 giai đoạn 2016-2020").endswith("Chính phủ về Chương trình 135 giai đoạn 2016-2020;")
    assert basis("   ") == "Căn cứ Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ;"
