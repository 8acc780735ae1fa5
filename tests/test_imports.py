"""Registry imports: every bad row reported and nothing saved, or a preview and then all saved."""

import io
import unicodedata
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.imports.base import RowProblem, parse_number, show_number
from communes.models import Category, Designation, Phase, Unit, Village, YearFigures
from communes.services import designation_add, designation_end
from p135portal.excel import write_xlsx
from tests.conftest import make_unit

ANNEX_HEADERS = ["STT", "Tên xã", "Huyện", "Tỉnh", "Loại"]
VILLAGE_ANNEX_HEADERS = ["STT", "Tên thôn", "Tên xã", "Huyện", "Tỉnh"]
VILLAGE_HEADERS = ["STT", "Tên thôn", "Loại", "Tên xã", "Huyện", "Tỉnh"]
FIGURES_HEADERS = [
    "STT",
    "Tên xã",
    "Tên thôn",
    "Huyện",
    "Tỉnh",
    "Số nhân khẩu",
    "Số hộ",
    "Số hộ nghèo",
    "Số hộ cận nghèo",
    "Tỷ lệ hộ DTTS (%)",
    "Hệ số K",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PORTAL_PROVINCE_CODE = "99"


@pytest.fixture
def new_phase(db):
    return Phase.objects.create(name="2026-2030", start_year=2026, end_year=2030)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def xlsx(headers, rows, name="danh-sach.xlsx"):
    content = write_xlsx(title="Danh sách", headers=headers, rows=rows)
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def annex_options(phase, document, category=Category.XA_DBKK):
    return {"phase": phase.pk, "category": category, "document": document.pk, "start_date": ""}


def upload(client, url_name, options, file):
    return client.post(reverse(f"communes:{url_name}"), {**options, "file": file})


def confirm(client, response):
    return client.post(reverse("communes:import_confirm"), {"token": response.context["token"]})


def flash(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def pending_files(tmp_path) -> list:
    return list((tmp_path / "imports").glob("*.xlsx")) if (tmp_path / "imports").exists() else []


# ------------------------------------------------------------------ decision annexes


def test_a_good_annex_is_previewed_then_saved_with_its_author_in_the_history(
    staff_client, staff, units, phase, decision, tmp_path
):
    nfd = unicodedata.normalize("NFD", "xã b một")
    file = xlsx(
        ANNEX_HEADERS,
        [
            [1, "Xã A Một", "Huyện Một", "Thử nghiệm", "Xã"],
            [2, "TT. A Hai", "Một", "", ""],
            [3, nfd, "HUYEN HAI", "", ""],
        ],
        name="Phụ lục 900.xlsx",
    )

    preview = upload(staff_client, "annex_import", annex_options(phase, decision), file)

    assert preview.status_code == 200
    assert "Xem trước: Danh sách kèm quyết định phê duyệt" in preview.text
    assert "Sẽ tạo mới: 3" in preview.text
    assert "Thị trấn A Hai" in preview.text
    assert not Designation.objects.exists()

    response = confirm(staff_client, preview)

    assert response.status_code == 302
    assert flash(response)[0].startswith("Đã nhập 3 dòng")
    designations = Designation.objects.filter(phase=phase, category=Category.XA_DBKK, document=decision)
    assert {d.unit for d in designations} == {units["commune_a1"], units["commune_a2"], units["commune_b1"]}
    assert all(d.start_date == date(2017, 6, 20) for d in designations)
    record = designations.get(unit=units["commune_a1"]).history.get()
    assert record.history_user == staff
    assert record.history_change_reason == "Nhập từ tệp Excel «Phụ lục 900.xlsx»"
    assert pending_files(tmp_path) == []


def test_an_annex_with_an_unknown_and_an_ambiguous_name_saves_nothing_and_lists_both_rows(
    staff_client, units, phase, decision, tmp_path
):
    make_unit("90004", "Xã A Một", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])
    file = xlsx(
        ANNEX_HEADERS, [[1, "B Một", "Huyện Hai", "", ""], [2, "A Một", "", "", ""], [3, "Nà Phạ", "Một", "", ""]]
    )

    response = upload(staff_client, "annex_import", annex_options(phase, decision), file)

    assert "Tệp có 1 lỗi: không dòng nào được lưu." in response.text
    # Two units of the name: the person will choose (never the portal), once the file is mended.
    assert "Dòng 3: không rõ: có 2 đơn vị trùng tên «A Một»" in response.text
    assert "Dòng 4: không tìm thấy xã «Nà Phạ» thuộc huyện Một." in response.text
    assert "token" not in response.context
    assert not Designation.objects.exists()
    assert pending_files(tmp_path) == []


def test_a_unit_twice_in_the_file_is_an_error_on_the_second_row(staff_client, units, phase, decision):
    file = xlsx(ANNEX_HEADERS, [[1, "A Một", "Một", "", ""], [2, "xã  a một ", "Huyện Một", "", ""]])

    response = upload(staff_client, "annex_import", annex_options(phase, decision), file)

    assert "Dòng 3: Xã A Một đã có ở dòng 2 của tệp." in response.text


def test_a_commune_already_in_the_list_is_skipped_not_an_error(staff_client, staff, units, phase, decision):
    designation_add(
        unit=units["commune_a1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    file = xlsx(ANNEX_HEADERS, [[1, "A Một", "Một", "", ""], [2, "B Một", "Hai", "", ""]])

    preview = upload(staff_client, "annex_import", annex_options(phase, decision), file)

    assert "đã có, bỏ qua" in preview.text
    assert "Sẽ tạo mới: 1" in preview.text and "giữ nguyên: 1" in preview.text
    confirm(staff_client, preview)
    assert Designation.objects.count() == 2


def test_a_commune_taken_out_of_the_list_cannot_enter_again_from_the_same_day(
    staff_client, staff, units, phase, decision
):
    designation = designation_add(
        unit=units["commune_b1"],
        phase=phase,
        category=Category.XA_DBKK,
        document=decision,
        start_date=date(2017, 6, 20),
        actor=staff,
    )
    designation_end(designation=designation, end_date=date(2019, 1, 1), end_document=decision, actor=staff)
    file = xlsx(ANNEX_HEADERS, [[1, "B Một", "Hai", "", ""]])

    response = upload(staff_client, "annex_import", annex_options(phase, decision), file)

    assert "Dòng 2: Xã B Một đã được đưa vào diện này từ ngày 20/06/2017 và đã ra khỏi danh sách ngày 01/01/2019" in (
        response.text
    )


def test_a_phase_after_the_reform_matches_new_communes_and_ignores_the_district(
    staff_client, units, new_phase, decision
):
    file = xlsx(ANNEX_HEADERS, [[1, "Xã Mới", "Huyện Không Còn", "Tỉnh Thử nghiệm", ""]])
    options = {**annex_options(new_phase, decision), "start_date": "2026-01-15"}

    confirm(staff_client, upload(staff_client, "annex_import", options, file))

    assert Designation.objects.get().unit == units["new_commune"]


def test_a_start_date_outside_the_phase_is_refused_before_reading_the_file(staff_client, units, new_phase, decision):
    file = xlsx(ANNEX_HEADERS, [[1, "Xã Mới", "", "", ""]])

    response = upload(staff_client, "annex_import", annex_options(new_phase, decision), file)

    assert "Ngày vào danh sách 20/06/2017 nằm ngoài giai đoạn 2026-2030." in response.text


def test_a_village_annex_creates_the_missing_villages_and_their_designations(staff_client, units, phase, decision):
    Village.objects.create(commune=units["commune_a1"], name="Thôn Nà Pàn")
    file = xlsx(VILLAGE_ANNEX_HEADERS, [[1, "Nà Pàn", "A Một", "Một", ""], [2, "Bản Khuổi Phầy", "A Một", "Một", ""]])

    preview = upload(staff_client, "annex_import", annex_options(phase, decision, Category.THON_DBKK), file)

    assert "thôn mới" in preview.text
    confirm(staff_client, preview)
    created = Village.objects.get(name="Bản Khuổi Phầy")
    assert created.kind == Village.Kind.BAN and created.commune == units["commune_a1"]
    assert {d.village.name for d in Designation.objects.all()} == {"Thôn Nà Pàn", "Bản Khuổi Phầy"}
    assert all(d.unit == units["commune_a1"] for d in Designation.objects.all())


def test_a_change_between_preview_and_confirmation_saves_nothing(staff_client, units, phase, decision):
    file = xlsx(ANNEX_HEADERS, [[1, "A Một", "", "", ""], [2, "B Một", "", "", ""]])
    preview = upload(staff_client, "annex_import", annex_options(phase, decision), file)
    make_unit("90004", "Xã A Một", Unit.Level.COMMUNE, Unit.Kind.XA, units["district_two"])

    response = confirm(staff_client, preview)

    assert "Dữ liệu đã thay đổi từ lúc xem trước" in response.text
    assert "Dòng 2: chưa chọn đơn vị cho «A Một»" in response.text
    assert not Designation.objects.exists()


# ------------------------------------------------------------------ villages


def test_villages_are_created_and_existing_ones_left_alone(staff_client, units):
    Village.objects.create(commune=units["new_commune"], name="Thôn Pò Mã")
    rows = [
        [1, "Pò Mã", "", "Mới", "", ""],
        [2, "Nà Hin", "Bản", "Xã Mới", "", ""],
        [3, "Khối 1", "Tổ dân phố", "Mới", "", ""],
    ]

    preview = upload(staff_client, "village_import", {"system": "new"}, xlsx(VILLAGE_HEADERS, rows))

    assert "đã có" in preview.text and "Sẽ tạo mới: 2" in preview.text
    response = confirm(staff_client, preview)
    assert flash(response)[0].startswith("Đã nhập 2 dòng")
    kinds = dict(units["new_commune"].villages.values_list("name", "kind"))
    assert kinds == {"Thôn Pò Mã": "thon", "Nà Hin": "ban", "Khối 1": "to_dan_pho"}


def test_villages_of_old_communes_need_the_old_system_and_an_unknown_type_is_reported(staff_client, units):
    rows = [[1, "Nà Hin", "Xóm", "B Một", "Hai", ""], [2, "Pác Ve", "", "B Một", "Hai", ""]]

    new = upload(staff_client, "village_import", {"system": "new"}, xlsx(VILLAGE_HEADERS, rows))
    old = upload(staff_client, "village_import", {"system": "old"}, xlsx(VILLAGE_HEADERS, rows))

    assert "Dòng 2: không tìm thấy xã «B Một»." in new.text
    assert "Dòng 2: loại «Xóm» không hợp lệ" in old.text
    assert "Dòng 3" not in old.text
    assert not Village.objects.exists()


# ------------------------------------------------------------------ yearly figures


def test_figures_are_created_then_updated_with_the_preview_showing_old_and_new_values(staff_client, units):
    Village.objects.create(commune=units["new_commune"], name="Bản Nà Hin")
    options = {"year": 2026, "system": "new"}
    first = [
        [1, "Mới", "", "", "", 4520, 1085, 212, 97, 98.5, 1.2],
        [2, "Mới", "Nà Hin", "", "", 300, 70, 20, 5, 100, ""],
    ]
    confirm(staff_client, upload(staff_client, "figures_import", options, xlsx(FIGURES_HEADERS, first)))
    commune_figures = YearFigures.objects.get(unit=units["new_commune"], village=None, year=2026)
    assert (commune_figures.population, commune_figures.households, str(commune_figures.coefficient)) == (
        4520,
        1085,
        "1.200",
    )
    assert YearFigures.objects.get(village__name="Bản Nà Hin").coefficient is None

    second = [
        [1, "Mới", "", "", "", "4.600", "1.085", 200, 97, "98,5", ""],
        [2, "Mới", "Nà Hin", "", "", 300, 70, 20, 5, 100, ""],
    ]
    preview = upload(staff_client, "figures_import", options, xlsx(FIGURES_HEADERS, second))

    assert "cập nhật: 1" in preview.text and "giữ nguyên: 1" in preview.text
    assert '<del class="text-body-secondary">4.520</del> → <strong>4.600</strong>' in preview.text
    assert '<del class="text-body-secondary">212</del> → <strong>200</strong>' in preview.text
    confirm(staff_client, preview)
    commune_figures.refresh_from_db()
    assert (commune_figures.population, commune_figures.poor_households) == (4600, 200)
    assert str(commune_figures.coefficient) == "1.200"  # a blank K keeps the recorded one
    assert commune_figures.history.first().history_type == "~"


def test_figures_breaking_the_rules_are_rejected_with_their_row_numbers(staff_client, units):
    rows = [
        [1, "Mới", "", "", "", 1000, 300, 200, 150, 50, 1],
        [2, "Mới", "Không Có", "", "", 1000, 300, 10, 10, 50, 1],
        [3, "Mới", "", "", "", 100, 300, "mười", 0, 120, 0],
    ]

    response = upload(staff_client, "figures_import", {"year": 2026, "system": "new"}, xlsx(FIGURES_HEADERS, rows))

    text = response.text
    assert "Dòng 2: số hộ nghèo cộng số hộ cận nghèo (200 + 150) lớn hơn số hộ (300)." in text
    assert "Dòng 3: không tìm thấy thôn «Không Có» của Xã Mới" in text
    assert "Dòng 4: Số hộ nghèo «mười» không phải là số." in text
    assert "Dòng 4: tỷ lệ hộ DTTS phải từ 0 đến 100% (đang là 120)." in text
    assert "Dòng 4: hệ số K phải lớn hơn 0 (đang là 0)." in text
    assert not YearFigures.objects.exists()


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        (1234, "1234"),
        (12.5, "12.5"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        (" 98,5 % ", "98.5"),
        ("0.75", "0.75"),
    ],
)
def test_numbers_are_read_the_vietnamese_way(typed, number):
    assert parse_number(typed, "Số hộ") == Decimal(number)


@pytest.mark.parametrize("typed", ["mười", "1,234,567", "NaN", "", True])
def test_what_is_not_a_number_is_a_row_problem(typed):
    with pytest.raises(RowProblem):
        parse_number(typed, "Số hộ")


def test_numbers_are_shown_the_vietnamese_way():
    assert [show_number(value) for value in [4520, Decimal("98.50"), Decimal("1.200"), None]] == [
        "4.520",
        "98,5",
        "1,2",
        "—",
    ]


# ------------------------------------------------------------------ templates, files, tokens, access


@pytest.mark.parametrize(
    ("template", "url_name", "options"),
    [
        ("annex_template", "annex_import", None),
        ("village_template", "village_import", {"system": "new"}),
        ("figures_template", "figures_import", {"year": 2026, "system": "new"}),
    ],
)
def test_each_template_is_an_example_of_the_province_that_imports_cleanly(
    staff_client, units, new_phase, decision, template, url_name, options
):
    response = staff_client.get(reverse(f"communes:{template}"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert "Mới" in row and "Thử nghiệm" in row
    assert all(cell.data_type in ("s", "n") for cell in [*sheet[1], *sheet[2]])
    if options is None:
        decision.issued_on = date(2026, 1, 5)
        decision.save()
        options = annex_options(new_phase, decision)
    file = SimpleUploadedFile("mau.xlsx", response.content)
    preview = upload(staff_client, url_name, options, file)
    assert preview.context["plan"].errors == []
    assert "Sẽ tạo mới: 1" in preview.text


def test_only_xlsx_files_are_accepted(staff_client, units):
    file = SimpleUploadedFile("danh-sach.csv", b"STT;Ten xa\n1;Moi\n")

    response = upload(staff_client, "village_import", {"system": "new"}, file)

    assert "Chỉ nhận tệp Excel .xlsx" in response.text


def test_a_confirmation_without_a_pending_import_of_this_user_saves_nothing(
    client, staff, administrator, units, phase, decision
):
    client.force_login(staff)
    preview = upload(
        client, "annex_import", annex_options(phase, decision), xlsx(ANNEX_HEADERS, [[1, "A Một", "", "", ""]])
    )
    other = client.__class__()
    other.force_login(administrator)

    for token in [preview.context["token"], "../../etc/passwd", ""]:
        response = other.post(reverse("communes:import_confirm"), {"token": token})
        assert response.status_code == 302
        assert "Không tìm thấy dữ liệu đang chờ xác nhận" in flash(response)[0]
    assert not Designation.objects.exists()


def test_a_cancelled_preview_deletes_its_file_and_cannot_be_confirmed(staff_client, units, tmp_path):
    preview = upload(
        staff_client, "village_import", {"system": "new"}, xlsx(VILLAGE_HEADERS, [[1, "Nà Hin", "", "Mới"]])
    )
    assert len(pending_files(tmp_path)) == 1

    staff_client.post(reverse("communes:import_cancel"), {"token": preview.context["token"]})
    response = confirm(staff_client, preview)

    assert pending_files(tmp_path) == []
    assert "Không tìm thấy dữ liệu đang chờ xác nhận" in flash(response)[-1]
    assert not Village.objects.exists()


def test_the_index_lists_the_three_imports_with_their_templates(staff_client):
    response = staff_client.get(reverse("communes:import_index"))

    for title in ["Danh sách kèm quyết định phê duyệt", "Danh sách thôn, bản của xã", "Số liệu năm của xã, thôn"]:
        assert title in response.text
    for name in ["annex_template", "village_template", "figures_template"]:
        assert reverse(f"communes:{name}") in response.text


IMPORT_URLS = [
    "import_index",
    "annex_import",
    "annex_template",
    "village_import",
    "village_template",
    "figures_import",
    "figures_template",
    "import_confirm",
    "import_cancel",
]


def test_a_local_officer_gets_403_on_every_import_url(client, officer):
    client.force_login(officer)

    for name in IMPORT_URLS:
        url = reverse(f"communes:{name}")
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"token": "0" * 32}).status_code == 403, url
