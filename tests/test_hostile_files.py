"""Files that cannot hurt the portal: every reader of an uploaded .xlsx answers a damaged, truncated or
hostile file with a Vietnamese message, never a 500; attachments must open as what they claim to be."""

import io
import random
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from communes.imports import IMPORTERS, preview
from monitoring.services.reports import attachment_problem
from p135portal.excel import MAX_ROWS, write_xlsx
from trainings.documents.attendance import read_attendance


def good_xlsx(rows: int = 3) -> bytes:
    headers = ["STT", "Tên thôn", "Loại", "Tên xã", "Huyện", "Tỉnh"]
    return write_xlsx(title="Danh sách", headers=headers, rows=[[1, "Nà Pàn", "Thôn", "A Một", "Một", "X"]] * rows)


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one of its parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item.filename))
    return output.getvalue()


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>"""


def zip_bomb() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", b"<Types/>")
        target.writestr("xl/workbook.xml", b"<workbook/>")
        target.writestr("xl/worksheets/sheet1.xml", b" " * (120 * 1024 * 1024))
    return output.getvalue()


def hostile_files() -> dict[str, bytes]:
    good = good_xlsx()
    rng = random.Random(14)
    sheet = "xl/worksheets/sheet1.xml"
    return {
        "random bytes after the zip signature": b"PK\x03\x04" + rng.randbytes(4000),
        "a workbook cut in half": good[: len(good) // 2],
        "a sheet that is not XML": with_part(good, sheet, b"<worksheet><sheetData><row><c r='A1'"),
        "a sheet of nested entities": with_part(good, sheet, LAUGHS),
        "shared strings that are not XML": with_part(good, "xl/styles.xml", b"\x00\xff garbage"),
        "a cell at the last column and row": with_part(
            good,
            sheet,
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension '
            b'ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
            b"</sheetData></worksheet>",
        ),
        "a zip bomb": zip_bomb(),
        "an empty zip": b"PK\x05\x06" + b"\x00" * 18,
        "an Excel 97 file": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
        "a text file named .xlsx": "Tên xã;Huyện\nA Một;Một\n".encode(),
        "nothing": b"",
    }


READERS = {
    "annex": lambda file: preview(IMPORTERS["annex"]({"category": "xa_dbkk"}), file),
    "villages": lambda file: preview(IMPORTERS["villages"]({"old": False}), file),
    "figures": lambda file: preview(IMPORTERS["figures"]({"old": False, "year": 2026}), file),
    "attendance": read_attendance,
}


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_answers_every_hostile_file_with_a_message(reader, db):
    for label, content in hostile_files().items():
        with pytest.raises(ValidationError) as refused:
            READERS[reader](SimpleUploadedFile("danh-sach.xlsx", content))
        message = " ".join(refused.value.messages)
        assert "Tệp" in message or "tệp" in message, (label, message)


def test_a_file_with_more_rows_than_the_cap_is_refused_with_the_cap(db):
    content = good_xlsx(MAX_ROWS + 5)
    with pytest.raises(ValidationError) as refused:
        READERS["villages"](SimpleUploadedFile("danh-sach.xlsx", content))
    assert refused.value.code == "too_many_rows" and "20.000 dòng" in refused.value.messages[0]


def test_the_import_page_shows_the_message_and_saves_nothing(client, staff):
    from communes.models import Unit

    client.force_login(staff)
    before = Unit.objects.count()
    for label, content in hostile_files().items():
        upload = SimpleUploadedFile("danh-sach.xlsx", content)
        response = client.post(reverse("communes:village_import"), {"system": "new", "file": upload})
        assert response.status_code == 200, label
        assert "Tệp" in response.text, label
    assert Unit.objects.count() == before


def test_an_attachment_must_open_as_what_its_name_says():
    pdf_like = b"%PDF-1.4\n" + b"garbage " * 100
    for name, content in [
        ("bao-cao.pdf", pdf_like),
        ("so-lieu.xlsx", with_part(good_xlsx(), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row")),
        ("so-lieu.xlsx", zip_bomb()),
        ("bao-cao.docx", with_part(good_xlsx(), "xl/workbook.xml", b"<workbook/>")),
    ]:
        assert attachment_problem(SimpleUploadedFile(name, content)) is not None, name
    assert attachment_problem(SimpleUploadedFile("so-lieu.xlsx", good_xlsx())) is None
    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(pdf)
    assert attachment_problem(SimpleUploadedFile("bao-cao.pdf", pdf.getvalue())) is None
    word = io.BytesIO()
    docx.Document().save(word)
    assert attachment_problem(SimpleUploadedFile("bao-cao.docx", word.getvalue())) is None
