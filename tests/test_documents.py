"""Official documents: the plan 82/KH-UBND of Lạng Sơn printed to PDF and Word reads back as issued."""

import io
import re
import subprocess
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from pypdf import PdfReader

from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    docx_response,
    ethnic_affairs_office,
    format_number,
    outline,
    pdf_response,
    province_committee,
    render_docx,
    render_pdf,
    vietnamese_date_line,
)

SUMMARY = (
    "TRIỂN KHAI THỰC HIỆN DỰ ÁN NÂNG CAO NĂNG LỰC CHO CỘNG ĐỒNG VÀ CÁN BỘ CƠ SỞ THUỘC CHƯƠNG "
    "TRÌNH 135 TRÊN ĐỊA BÀN TỈNH LẠNG SƠN, GIAI ĐOẠN 2018-2020"
)
BASES = [
    "Thực hiện Thông tư số 01/2017/TT-UBDT ngày 10/05/2017 của Ủy Ban dân tộc quy định chi tiết thực hiện "
    "Dự án 2 (Chương trình 135) thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2016-2020;",
    "Căn cứ Quyết định số 900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ về phê duyệt danh sách xã đặc biệt "
    "khó khăn, xã biên giới, xã an toàn khu vào diện đầu tư của Chương trình 135 giai đoạn 2016 - 2020;",
    "Căn cứ Quyết định số 414/QĐ-UBDT ngày 11/7/2017 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc về phê duyệt "
    "danh sách thôn đặc biệt khó khăn vào diện đầu tư của Chương trình 135 giai đoạn 2016 - 2020;",
    "Căn cứ Quyết định số 1913/QĐ-UBND ngày 18/10/2017 của UBND tỉnh về việc ban hành khung đào tạo, bồi dưỡng "
    "cho cán bộ cơ sở và cộng đồng Chương trình 135 thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững "
    "giai đoạn 2016-2020 trên địa bàn tỉnh Lạng Sơn;",
]
RECIPIENTS = [
    "Ủy ban Dân tộc",
    "Chủ tịch, các PCT UBND tỉnh",
    "Các Sở: TC, KH&ĐT, XD, NN&PTNT, LĐ-TB&XH; Ban Dân tộc",
    "Kho bạc nhà nước tỉnh",
    "UBND các huyện",
    "CVP, các PCVP UBND tỉnh, các phòng CM, TH-CB",
]
DISTRICTS = [
    "Thành phố Lạng Sơn",
    "Tràng Định",
    "Văn Lãng",
    "Văn Quan",
    "Bình Gia",
    "Bắc Sơn",
    "Hữu Lũng",
    "Chi Lăng",
    "Cao Lộc",
    "Lộc Bình",
    "Đình Lập",
]
# Illustrative figures (the plan itself sets no per-class budget): three classes per district.
CLASSES = [
    (f"Huyện {district}" if index else district, audience, days, learners, learners * days * 215_500 + 4_350_000)
    for index, district in enumerate(DISTRICTS)
    for audience, days, learners in (("Cán bộ cơ sở", 5, 45), ("Cộng đồng", 4, 60), ("Cộng đồng", 3, 55))
]
TOTAL_LEARNERS = sum(row[3] for row in CLASSES)
TOTAL_COST = sum(row[4] for row in CLASSES)

# Rendered documents are kept in the shared cache, which lives in the database.
pytestmark = pytest.mark.django_db


def plan_82() -> Document:
    """The Lạng Sơn plan 82/KH-UBND of 03/5/2018 (seeds/langson-82-KH-UBND-2018.txt), with a table of classes."""
    return Document(
        **province_committee("Lạng Sơn"),
        number="82/KH-UBND",
        date=date(2018, 5, 3),
        title="Kế hoạch",
        summary=SUMMARY,
        bases=BASES,
        blocks=[
            Paragraph(
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện dự án nâng cao năng lực cho cộng đồng "
                "và cán bộ cơ sở thuộc Chương trình 135 giai đoạn 2016-2020 trên địa bàn tỉnh với các nội dung "
                "như sau:"
            ),
            Heading(1, "I. Mục đích, yêu cầu"),
            Heading(2, "1. Mục đích"),
            Paragraph(
                "a) Nâng cao năng lực quản lý, năng lực chuyên môn cho đội ngũ cán bộ cấp xã về quản lý thực hiện "
                "Chương trình, dự án nói chung, Chương trình 135 nói riêng trên địa bàn các xã đặc biệt khó khăn, "
                "các thôn bản đặc biệt khó khăn (ĐBKK)."
            ),
            Paragraph(
                "b) Nâng cao nhận thức của cộng đồng, người dân về chủ trương, chính sách của Đảng, Nhà nước; nâng "
                "cao nhận thức về việc tham gia giám sát, thực hiện Chương trình, góp phần tích cực trong phát "
                "triển kinh tế hộ gia đình, xóa đói giảm nghèo bền vững ở cơ sở."
            ),
            Paragraph(
                "Bảo đảm đúng đối tượng, mục tiêu của dự án mang lại hiệu quả thiết thực. Truyền tải các kiến thức "
                "mới, các nội dung chính sách, phương pháp tổ chức thực hiện hiệu quả Chương trình 135 sát với "
                "tình hình thực tế của địa phương.",
                lead="2. Yêu cầu:",
            ),
            Heading(1, "II. Địa bàn, đối tượng, nội dung, hình thức và thời gian đào tạo, bồi dưỡng"),
            Heading(2, "1. Địa bàn thực hiện"),
            Paragraph(
                "Trên địa bàn 133 xã đặc biệt khó khăn, biên giới, an toàn khu được phê duyệt tại Quyết định số "
                "900/QĐ-TTg ngày 20/6/2017 của Thủ tướng Chính phủ và 121 thôn đặc biệt khó khăn (thuộc 35 xã khu "
                "vực II) được phê duyệt tại Quyết định số 414/QĐ-UBDT ngày 11/7/2017 của Bộ trưởng, Chủ nhiệm Ủy "
                "ban Dân tộc."
            ),
            Heading(2, "2. Đối tượng"),
            Paragraph(
                "a) Cán bộ cơ sở: Cán bộ, công chức xã và thôn (bao gồm cả cán bộ, công chức luân chuyển, tăng "
                "cường), cán bộ khuyến nông, thú y cấp xã và thôn; ưu tiên cán bộ là người dân tộc thiểu số ít "
                "người, cán bộ nữ trong các hoạt động nâng cao năng lực."
            ),
            Paragraph(
                "b) Cộng đồng: Ban giám sát cộng đồng xã, đại diện cộng đồng, lãnh đạo tổ, nhóm; cán bộ chi hội "
                "đoàn thể, cộng tác viên giảm nghèo, các tổ duy tu bảo dưỡng công trình hạ tầng tại thôn, người "
                "có uy tín trong cộng đồng và người dân."
            ),
            Heading(2, "3. Hình thức, địa điểm, thời gian, các lớp đào tạo, bồi dưỡng"),
            Heading(3, "a) Hình thức"),
            Paragraph(
                "- Đối với cán bộ cơ sở học tập trung ngắn hạn, phương pháp lấy người học làm trung tâm, khuyến "
                "khích chia sẻ và thảo luận."
            ),
            Paragraph("- Đối với cộng đồng học tập đi đôi với thực hành, hạn chế giảng lý thuyết thuần túy."),
            Heading(3, "b) Thời gian, số lớp đào tạo, bồi dưỡng"),
            Paragraph("+ Đối với cán bộ cơ sở: Tối đa 05 ngày/lớp;"),
            Paragraph("+ Đối với cộng đồng: Tối đa 04 ngày/lớp."),
            Paragraph("Dự kiến các lớp năm 2018 như sau:"),
            Paragraph("Đơn vị tính: đồng", italic=True, align="right"),
            Table(
                headers=["STT", "Đơn vị", "Đối tượng", "Số ngày", "Số học viên", "Kinh phí"],
                rows=[(number, *row) for number, row in enumerate(CLASSES, start=1)],
                total=("", "Tổng cộng", "", "", TOTAL_LEARNERS, TOTAL_COST),
                column_align=("center", None, None, "center"),
                column_widths=(1.2, 4.2, 3.2, 1.6, 2, 3),
            ),
            Heading(1, "III. Kinh phí và chế độ đào tạo, bồi dưỡng"),
            Paragraph(
                "Nguồn vốn ngân sách Nhà nước thuộc Chương trình mục tiêu quốc gia Giảm nghèo bền vững theo Quyết "
                "định số 1722/QĐ-TTg ngày 02/9/2016 của Thủ tướng Chính phủ giao hằng năm.",
                lead="1. Kinh phí:",
            ),
            Heading(2, "2. Chế độ, định mức chi đào tạo, bồi dưỡng"),
            Paragraph(
                "Kinh phí chi cho các hoạt động trao đổi, chia sẻ kinh nghiệm giữa các địa phương trong và ngoài "
                "tỉnh, thăm quan học tập mô hình tối đa 10% tổng kinh phí dự án nâng cao năng lực hàng năm, do Ban "
                "Dân tộc chịu trách nhiệm thực hiện."
            ),
            Heading(1, "IV. Tổ chức thực hiện"),
            Heading(2, "1. Ban Dân tộc"),
            Paragraph(
                "a) Hàng năm căn cứ nhu cầu tập huấn, bồi dưỡng của huyện, xã chủ trì phối hợp với các sở, ban, "
                "ngành liên quan và UBND các huyện xây dựng kế hoạch trình UBND tỉnh phê duyệt."
            ),
            Paragraph(
                "Hướng dẫn thực hiện việc thanh quyết toán nguồn vốn theo đúng quy định. Phối hợp với Ban Dân tộc "
                "biên soạn tài liệu, bố trí báo cáo viên cho lớp đào tạo, tập huấn.",
                lead="2. Sở Tài chính:",
            ),
            Heading(2, "3. Ủy ban nhân dân các huyện"),
            Paragraph(
                "Hằng năm xây dựng kế hoạch, lập dự toán chi tiết kinh phí tập huấn gửi Ban Dân tộc phê duyệt; báo "
                "cáo kết quả lớp tập huấn gửi Ban Dân tộc tỉnh, tổng hợp Báo cáo UBND tỉnh và UBDT theo quy định."
            ),
            Paragraph(
                "Yêu cầu các cơ quan liên quan, UBND các huyện chủ động tổ chức thực hiện. Trong quá trình thực hiện "
                "nếu có vướng mắc phản ánh về Ban Dân tộc để tổng hợp chung, báo cáo UBND tỉnh xem xét giải quyết./."
            ),
        ],
        recipients=RECIPIENTS,
        archive="VT, KTN (TQV)",
        signatures=[Signature(["TM. Ủy ban nhân dân", "KT. Chủ tịch"], "Phó Chủ tịch", "Lý Vinh Quang")],
    )


SIGNER = "Lý Vinh Quang"
HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. ĐỊA BÀN, ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN ĐÀO TẠO, BỒI DƯỠNG",
    "III. KINH PHÍ VÀ CHẾ ĐỘ ĐÀO TẠO, BỒI DƯỠNG",
    "IV. TỔ CHỨC THỰC HIỆN",
]
POINTS_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker) -> bytes:
    with django_db_blocker.unblock():  # the shared cache is a table: the render stays there, keyed by content
        return render_pdf(plan_82())


@pytest.fixture(scope="module")
def docx_file(django_db_setup, django_db_blocker) -> bytes:
    with django_db_blocker.unblock():
        return render_docx(plan_82())


def pdftotext(content: bytes, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def flat(text: str) -> str:
    """Text with line breaks and justification spaces folded to single spaces."""
    return " ".join(text.split())


def top_margin_text(content: bytes, page: int) -> str:
    """What is printed in the top margin (20 mm) of `page`: where the page number goes."""
    crop = ["-f", str(page), "-l", str(page), "-x", "0", "-y", "0", "-W", "595", "-H", str(int(20 * POINTS_PER_MM))]
    return pdftotext(content, *crop).strip()


def test_the_plan_prints_its_masthead_in_two_columns(pdf):
    lines = [flat(line) for line in pdftotext(pdf, "-layout", "-l", "1").splitlines() if line.strip()]

    assert lines[:4] == [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc",
        "Số: 82/KH-UBND Lạng Sơn, ngày 03 tháng 5 năm 2018",
        "KẾ HOẠCH",
    ]


def masthead_runs(content: bytes) -> dict[str, str]:
    """The masthead's lines on page 1 and the font each is printed in ("…-Bold" or regular)."""
    runs = {}

    def visit(text, _cm, _tm, font, _size):
        if text.strip() and font:
            runs.setdefault(text.strip(), str(font.get("/BaseFont", "")))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_a_peoples_committee_prints_its_whole_name_bold_and_an_office_its_parent_regular():
    committee = masthead_runs(render_pdf(plan_82()))
    assert committee["ỦY BAN NHÂN DÂN"].endswith("Serif-Bold")
    assert committee["TỈNH LẠNG SƠN"].endswith("Serif-Bold")
    office = Document(
        **ethnic_affairs_office("Lạng Sơn", "Sở Dân tộc và Tôn giáo"),
        number="12/BC-SDTTG",
        date=date(2026, 3, 2),
        title="Báo cáo",
    )
    runs = masthead_runs(render_pdf(office))
    assert runs["UBND TỈNH LẠNG SƠN"].endswith("Serif") and runs["SỞ DÂN TỘC VÀ TÔN GIÁO"].endswith("Serif-Bold")
    word = docx.Document(io.BytesIO(render_docx(plan_82())))
    masthead = word.tables[0].cell(0, 0).paragraphs
    assert [(p.text, all(run.bold for run in p.runs)) for p in masthead if p.text] == [
        ("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN", True)
    ]


def test_the_plan_prints_its_content_in_order(pdf):
    text = flat(pdftotext(pdf, "-layout"))
    expected = [
        "KẾ HOẠCH",
        SUMMARY,
        *BASES,
        "với các nội dung như sau:",
        HEADINGS[0],
        "2. Yêu cầu: Bảo đảm đúng đối tượng",
        HEADINGS[1],
        "3 Thành phố Lạng Sơn Cộng đồng 3 55 39.907.500",
        f"Tổng cộng {format_number(TOTAL_LEARNERS)} {format_number(TOTAL_COST)}",
        HEADINGS[2],
        HEADINGS[3],
        "xem xét giải quyết./.",
        "Nơi nhận:",
    ]
    positions = [text.find(part) for part in expected]

    assert -1 not in positions, [part for part, position in zip(expected, positions, strict=True) if position == -1]
    assert positions == sorted(positions)
    closing = text[positions[-1] :]
    for part in ["- Ủy ban Dân tộc;", "- Lưu: VT, KTN (TQV).", "TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH", SIGNER]:
        assert part in closing


def test_the_recipients_and_the_signature_stand_side_by_side(pdf):
    lines = [flat(line) for line in pdftotext(pdf, "-layout").splitlines()]

    assert "Nơi nhận: TM. ỦY BAN NHÂN DÂN" in lines


def test_the_pdf_uses_only_the_bundled_liberation_serif(pdf):
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])

    assert fonts == {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }


def test_pages_are_a4_and_numbered_at_the_top_from_page_2(pdf):
    pages = PdfReader(io.BytesIO(pdf)).pages

    assert len(pages) >= 3
    assert {
        (round(float(page.mediabox.width) / POINTS_PER_MM), round(float(page.mediabox.height) / POINTS_PER_MM))
        for page in pages
    } == {(210, 297)}
    assert top_margin_text(pdf, 1) == ""
    assert [top_margin_text(pdf, number) for number in range(2, len(pages) + 1)] == [
        str(number) for number in range(2, len(pages) + 1)
    ]


def test_a_table_running_onto_the_next_page_repeats_its_header_row(pdf):
    pages_with_classes = [
        flat(pdftotext(pdf, "-layout", "-f", str(number), "-l", str(number)))
        for number in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1)
    ]
    pages_with_classes = [
        page for page in pages_with_classes if "Huyện Văn Lãng Cán bộ cơ sở" in page or "Huyện Đình Lập" in page
    ]

    assert len(pages_with_classes) >= 2
    for page in pages_with_classes:
        assert "STT Đơn vị Đối tượng" in page


def test_the_signature_and_recipients_stay_on_one_page(pdf):
    last_page = flat(pdftotext(pdf, "-layout", "-f", str(len(PdfReader(io.BytesIO(pdf)).pages))))

    assert "Nơi nhận:" in last_page
    assert "- Lưu: VT, KTN (TQV)." in last_page
    assert SIGNER in last_page


def test_the_closing_paragraph_goes_with_the_signature_onto_a_new_page():
    plan = plan_82()
    # Enough text that the signature no longer fits on page 4 (measured: 13 paragraphs).
    filler = [Paragraph(f"Đoạn bổ sung số {number}.") for number in range(1, 14)]
    closing = Paragraph("Yêu cầu các cơ quan liên quan chủ động tổ chức thực hiện./.")
    pdf = render_pdf(replace(plan, blocks=[*plan.blocks, *filler, closing]))

    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 5
    assert "Đoạn bổ sung số 13." in pages[3]
    assert "Yêu cầu các cơ quan liên quan chủ động tổ chức thực hiện./. Nơi nhận:" in pages[4]
    assert SIGNER in pages[4]


def test_the_pages_render_to_images_for_a_person_to_look_at(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-", str(tmp_path / "trang")], input=pdf, check=True)

    images = sorted(tmp_path.glob("trang-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(pdf)).pages)
    assert all(image.stat().st_size > 10_000 for image in images)


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2018, 5, 3), "Lạng Sơn, ngày 03 tháng 5 năm 2018"),
        (date(2018, 2, 3), "Lạng Sơn, ngày 03 tháng 02 năm 2018"),
        (date(2018, 1, 9), "Lạng Sơn, ngày 09 tháng 01 năm 2018"),
        (date(2018, 12, 15), "Lạng Sơn, ngày 15 tháng 12 năm 2018"),
        (date(2018, 3, 10), "Lạng Sơn, ngày 10 tháng 3 năm 2018"),
    ],
)
def test_the_date_line_pads_days_below_10_and_months_1_and_2(day, line):
    assert vietnamese_date_line("Lạng Sơn", day) == line


def test_an_undated_draft_leaves_the_date_blank_to_fill_by_hand():
    assert flat(vietnamese_date_line("Lạng Sơn", None)) == "Lạng Sơn, ngày tháng năm"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1_234_567, "1.234.567"),
        (-45_000, "-45.000"),
        (0, "0"),
        (Decimal("12.50"), "12,5"),
        (Decimal("1234.5"), "1.234,5"),
    ],
)
def test_numbers_use_vietnamese_separators(value, shown):
    assert format_number(value) == shown


def test_recipients_get_one_dash_and_one_ending_each():
    document = Document(
        issuer_parent="",
        issuer="Ban Dân tộc",
        number="15/BC-BDT",
        place="Lạng Sơn",
        date=date(2018, 12, 15),
        title="Báo cáo",
        recipients=["- Ủy ban Dân tộc;", "UBND tỉnh (b/c)"],
        archive="VT, CSDT.",
    )

    assert document.recipient_lines == ["- Ủy ban Dân tộc;", "- UBND tỉnh (b/c);", "- Lưu: VT, CSDT."]


def test_an_annex_prints_its_subtitle_and_escapes_text():
    annex = Document(
        issuer_parent="Ủy ban nhân dân",
        issuer="Tỉnh Lạng Sơn",
        number="    /QĐ-UBND",
        place="Lạng Sơn",
        date=None,
        title="Phụ lục",
        summary="PHÂN BỔ KINH PHÍ NÂNG CAO NĂNG LỰC NĂM 2018",
        subtitle="(Kèm theo Quyết định số      /QĐ-UBND ngày      /      /2018 của UBND tỉnh)",
        blocks=[
            Paragraph("Kinh phí <b>không</b> vượt 10% & được giao hằng năm."),
            Table(["STT", "Huyện", "Kinh phí"], [(1, "Tràng Định", 120_500_000)], total=("", "Cộng", 120_500_000)),
        ],
    )

    text = flat(pdftotext(render_pdf(annex), "-layout"))

    assert "PHỤ LỤC PHÂN BỔ KINH PHÍ NÂNG CAO NĂNG LỰC NĂM 2018 (Kèm theo Quyết định số" in text
    assert "Kinh phí <b>không</b> vượt 10% & được giao hằng năm." in text
    assert "Cộng 120.500.000" in text
    assert "Nơi nhận" not in text


def docx_texts(content: bytes) -> list[str]:
    """Every paragraph of the Word file, table cells included, in reading order."""
    word = docx.Document(io.BytesIO(content))
    texts = []
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:p"):
            texts.append(WordParagraph(element, word).text)
        elif element.tag == qn("w:tbl"):
            for row in WordTable(element, word).rows:
                for cell in row.cells:
                    texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return [text for text in texts if text.strip()]


def test_the_word_file_holds_the_same_content_in_the_same_order(docx_file):
    texts = docx_texts(docx_file)
    expected = [
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",  # one bold name, two lines
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 82/KH-UBND",
        "Lạng Sơn, ngày 03 tháng 5 năm 2018",
        "KẾ HOẠCH",
        SUMMARY,
        *BASES,
        HEADINGS[0],
        "2. Yêu cầu: Bảo đảm đúng đối tượng, mục tiêu của dự án mang lại hiệu quả thiết thực. Truyền tải các kiến "
        "thức mới, các nội dung chính sách, phương pháp tổ chức thực hiện hiệu quả Chương trình 135 sát với tình "
        "hình thực tế của địa phương.",
        HEADINGS[1],
        "STT",
        "Kinh phí",
        "39.907.500",
        "Tổng cộng",
        "1.636.965.000",
        HEADINGS[2],
        HEADINGS[3],
        "Nơi nhận:",
        *[f"- {name};" for name in RECIPIENTS],
        "- Lưu: VT, KTN (TQV).",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        SIGNER,
    ]
    remaining = iter(texts)

    assert [part for part in expected if part not in remaining] == []


def test_the_word_file_is_a4_in_times_new_roman_with_page_numbers_from_page_2(docx_file):
    word = docx.Document(io.BytesIO(docx_file))
    section = word.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(margin.mm) for margin in margins] == [20, 20, 30, 15]
    assert word.styles["Normal"].font.name == "Times New Roman"
    assert word.styles["Normal"].font.size.pt == 14
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    classes = word.tables[1]
    assert classes.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_documents_download_with_their_vietnamese_names():
    pdf_download = pdf_response(b"%PDF-1.7", "Kế hoạch 82-KH-UBND.pdf")
    word_download = docx_response(b"PK", "Kế hoạch 82-KH-UBND.docx")

    assert pdf_download["Content-Type"] == "application/pdf"
    assert word_download["Content-Type"].endswith("wordprocessingml.document")
    disposition = pdf_download["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Ke-hoach-82-KH-UBND.pdf"')
    assert unquote(re.search(r"filename\*=UTF-8''(\S+)", disposition)[1]) == "Kế hoạch 82-KH-UBND.pdf"
    assert pdf_response(b"%PDF", "a.pdf", inline=True)["Content-Disposition"].startswith("inline;")


def test_the_plan_renders_quickly_enough_to_serve_from_a_view():
    started = time.perf_counter()
    render_pdf(plan_82())
    render_docx(plan_82())

    assert time.perf_counter() - started < 5


def test_a_narrow_number_column_is_widened_so_its_header_fits():
    table = Table(headers=["STT", "Nội dung", "Kinh phí"], rows=[], column_widths=[2, 78, 20])
    shares = table.width_shares
    assert shares[0] == 7
    assert round(sum(shares), 6) == 100
    assert round(shares[1] / shares[2], 6) == round(78 / 20, 6)


def test_an_authors_text_becomes_headings_and_paragraphs_as_numbered():
    blocks = outline(
        "III. TỔ CHỨC THỰC HIỆN\r\n1.1. Nội dung thực hiện\n  a)  Hình thức\n"
        "1. Giao Sở Tài chính bố trí vốn.\n- Chủ trì, đôn đốc;\n\nCăn cứ nhiệm vụ được giao, thực hiện./."
    )
    assert [(type(block).__name__, getattr(block, "level", None), block.text) for block in blocks] == [
        ("Heading", 1, "III. TỔ CHỨC THỰC HIỆN"),
        ("Heading", 2, "1.1. Nội dung thực hiện"),
        ("Heading", 3, "a) Hình thức"),
        ("Paragraph", None, "1. Giao Sở Tài chính bố trí vốn."),  # a numbered sentence stays a sentence
        ("Paragraph", None, "- Chủ trì, đôn đốc;"),
        ("Paragraph", None, "Căn cứ nhiệm vụ được giao, thực hiện./."),
    ]
    assert outline("  \n ", empty="(Chưa có.)") == [Paragraph("(Chưa có.)", italic=True)]
    sentences = [
        "1. Sở Tài chính có trách nhiệm:",
        "2. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ được giao chủ động phối hợp thực hiện",
        "C. Mác đã viết",
        "b) Hàng năm (nếu có)",
    ]
    assert all(isinstance(block, Paragraph) for block in outline("\n".join(sentences)))


def test_the_word_files_sections_are_real_word_headings_printed_as_the_decree_asks(docx_file):
    word = docx.Document(io.BytesIO(docx_file))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", HEADINGS[0].upper())
    assert {name for name, _text in headings} <= {"Heading 1", "Heading 2", "Heading 3"}
    style = word.styles["Heading 1"]
    assert (style.font.name, style.font.size.pt, str(style.font.color.rgb)) == ("Times New Roman", 14, "000000")
