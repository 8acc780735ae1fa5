"""Excel helpers: what is written reads back the same, formulas never run, headers are found."""

import io
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from p135portal.excel import MAX_UPLOAD_BYTES, read_xlsx, write_xlsx, xlsx_response

COLUMNS = {"stt": ["STT"], "commune": ["Tên xã", "Xã"], "district": ["Huyện"], "count": ["Số hộ"]}


def sheet_of(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def xlsx_from_rows(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_what_is_written_reads_back_the_same():
    rows = [
        [1, "Xã Đồng Đăng", "Huyện Cao Lộc", 1234],
        [2, "Thị trấn Na Sầm", "Huyện Văn Lãng", Decimal("12.5")],
    ]
    content = write_xlsx(title="Danh sách xã", headers=["STT", "Tên xã", "Huyện", "Số hộ"], rows=rows)

    assert read_xlsx(content, columns=COLUMNS) == [
        (2, {"stt": 1, "commune": "Xã Đồng Đăng", "district": "Huyện Cao Lộc", "count": 1234}),
        (3, {"stt": 2, "commune": "Thị trấn Na Sầm", "district": "Huyện Văn Lãng", "count": 12.5}),
    ]


def test_the_header_row_is_bold_and_frozen_numbers_stay_numbers_and_dates_read_dd_mm_yyyy():
    content = write_xlsx(
        title="Văn bản: 2025/7",
        headers=["Số", "Ngày", "Lúc"],
        rows=[[900, date(2017, 6, 20), datetime(2025, 7, 1, 8, 30)]],
    )
    sheet = sheet_of(content)

    assert sheet.title == "Văn bản 2025 7"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    number, day, moment = sheet[2]
    assert number.data_type == "n" and number.value == 900
    assert day.value == datetime(2017, 6, 20) and day.number_format == "DD/MM/YYYY"
    assert moment.number_format == "DD/MM/YYYY HH:MM"
    assert sheet.column_dimensions["A"].width >= 6


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "  =1+1", "\t=1", "\r=1"])
def test_a_text_that_looks_like_a_formula_is_written_as_text(name):
    content = write_xlsx(title="Xã", headers=["Tên xã"], rows=[[name]])
    cell = sheet_of(content)["A2"]

    assert cell.data_type == "s"
    assert cell.value.strip() == name.strip()  # XML turns a CR into a line feed
    assert cell.quotePrefix is True


def test_a_plain_text_has_no_quote_prefix_and_a_negative_number_stays_a_number():
    sheet = sheet_of(write_xlsx(title="Xã", headers=["Tên", "Số"], rows=[["Đồng Đăng", -2]]))

    assert sheet["A2"].quotePrefix is False
    assert sheet["B2"].data_type == "n" and sheet["B2"].value == -2


def test_headers_are_matched_despite_case_diacritics_and_a_title_above_them():
    content = xlsx_from_rows(
        [
            ["DANH SÁCH XÃ ĐẶC BIỆT KHÓ KHĂN"],
            [],
            ["stt", "TÊN XÃ", "huyen", "Số hộ (hộ)"],
            ["(1)", "(2)", "(3)", "(4)"],
            [1, "  Xã   Đồng Đăng ", "Cao Lộc", 12],
            [None, None, None, None],
            [2, "Xã Bắc Sơn", None, None],
        ]
    )

    assert read_xlsx(content, columns=COLUMNS) == [
        (5, {"stt": 1, "commune": "Xã Đồng Đăng", "district": "Cao Lộc", "count": 12}),
        (7, {"stt": 2, "commune": "Xã Bắc Sơn", "district": None, "count": None}),
    ]


def test_decomposed_unicode_is_read_as_composed():
    decomposed = "Xa\u0303 \u0110o\u0302\u0300ng \u0110a\u0306ng"  # NFD, as macOS keyboards type it
    content = xlsx_from_rows([["Te\u0302n xa\u0303", "Huyện", "Số hộ"], [decomposed, "Cao Lộc", 1]])

    rows = read_xlsx(content, columns=COLUMNS, optional=["stt"])

    assert rows[0][1]["commune"] == "Xã Đồng Đăng"


def test_a_percent_cell_reads_as_the_percentage_it_shows():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tên xã", "Tỷ lệ"])
    workbook.active.append(["Đồng Đăng", 0.455])
    workbook.active["B2"].number_format = "0.0%"
    output = io.BytesIO()
    workbook.save(output)

    rows = read_xlsx(output.getvalue(), columns={"commune": ["Tên xã"], "share": ["Tỷ lệ"]})

    assert rows[0][1]["share"] == pytest.approx(45.5)


def test_a_missing_required_column_is_named():
    content = xlsx_from_rows([["STT", "Tên xã"], [1, "Đồng Đăng"]])

    with pytest.raises(ValidationError) as error:
        read_xlsx(content, columns=COLUMNS, optional=["stt"])

    assert error.value.messages == ["Tệp thiếu cột «Huyện», «Số hộ» (tìm ở dòng tiêu đề số 1)."]


def test_a_sheet_without_any_known_header_says_which_columns_it_needs():
    content = xlsx_from_rows([["a", "b"], [1, 2]])

    with pytest.raises(ValidationError) as error:
        read_xlsx(content, columns={"commune": ["Tên xã"]})

    assert "Tệp cần có các cột: «Tên xã»" in error.value.messages[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"STT;Ten xa\n1;Dong Dang\n", "Tệp không phải là tệp Excel .xlsx hợp lệ"),
        (b"PK\x03\x04 broken zip", "Tệp không phải là tệp Excel .xlsx hợp lệ"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Tệp Excel 97-2003 (.xls) không được hỗ trợ"),
        (b"PK" + b"\0" * MAX_UPLOAD_BYTES, "Tệp quá lớn"),
    ],
)
def test_a_file_that_is_not_a_valid_xlsx_gets_a_vietnamese_error(content, message):
    with pytest.raises(ValidationError) as error:
        read_xlsx(io.BytesIO(content), columns=COLUMNS)

    assert error.value.messages[0].startswith(message)


def test_the_download_carries_a_vietnamese_file_name_and_an_ascii_fallback():
    response = xlsx_response(b"data", "Danh sách xã Đồng Đăng.xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Danh-sach-xa-Dong-Dang.xlsx"; ')
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == "Danh sách xã Đồng Đăng.xlsx"
    assert disposition.isascii()
