"""The printed KẾ HOẠCH of the province's annual plan, through the shared document renderer."""

import re

from budgets.models import Source
from budgets.selectors import capacity_building_funds
from communes.selectors import portal_province
from p135portal.documents import Document, Heading, Paragraph, Signature, Table
from p135portal.templatetags.vn import group_thousands
from p135portal.text import strip_prefix
from trainings.models import AnnualPlan
from trainings.selectors import plan_classes, plan_study_tours

DRAFT_NUMBER = "      /KH-UBND"
RECIPIENTS = [
    "Ủy ban Dân tộc",
    "Chủ tịch, các PCT UBND tỉnh",
    "Ban Dân tộc",
    "Sở Tài chính",
    "UBND các huyện",
]
CLASS_HEADERS = ["STT", "Nội dung", "Đối tượng", "Cấp", "Địa điểm", "Số ngày", "Số học viên", "Kinh phí (đồng)"]
_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[Paragraph]:
    """A typed text split on blank lines into paragraphs; lines inside a paragraph are joined."""
    return [
        Paragraph(" ".join(chunk.split())) for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n")) if chunk.strip()
    ]


def _section(text: str) -> list[Paragraph]:
    return paragraphs(text) or [Paragraph("(Chưa có nội dung.)", italic=True)]


def budget_table(year: int) -> Table | Paragraph:
    """The year's capacity-building funds by source, with their total (in đồng)."""
    funds = capacity_building_funds(year)
    rows = [
        [number, Source(code).label, amount] for number, (code, amount) in enumerate(funds_by_source(funds), start=1)
    ]
    if not rows:
        return Paragraph(f"Kinh phí nâng cao năng lực năm {year} chưa được giao.", italic=True)
    return Table(
        headers=["STT", "Nguồn vốn", "Kinh phí (đồng)"],
        rows=rows,
        total=["", "Tổng cộng", sum(row[2] for row in rows)],
        column_align=["center", "left", "right"],
        column_widths=[8, 60, 32],
    )


def funds_by_source(funds: dict[str, int]) -> list[tuple[str, int]]:
    """The funds in the order of Source (central, local, integrated)."""
    return [(source.value, funds[source.value]) for source in Source if funds.get(source.value)]


def classes_blocks(plan: AnnualPlan) -> list[Heading | Paragraph | Table]:
    """The classes of the plan as a table with its total, then the study tours, when there are any."""
    blocks: list[Heading | Paragraph | Table] = []
    classes = list(plan_classes(plan))
    if classes:
        rows = [
            [
                number,
                plan_class.topic.name,
                plan_class.get_audience_display(),
                plan_class.get_level_display(),
                plan_class.place,
                plan_class.days,
                plan_class.participants,
                plan_class.cost,
            ]
            for number, plan_class in enumerate(classes, start=1)
        ]
        blocks += [
            Heading(2, "3. Các lớp đào tạo, bồi dưỡng"),
            Table(
                headers=CLASS_HEADERS,
                rows=rows,
                total=[
                    "",
                    "Tổng cộng",
                    "",
                    "",
                    "",
                    sum(row[5] for row in rows),
                    sum(row[6] for row in rows),
                    sum(row[7] for row in rows),
                ],
                column_align=["center", None, None, None, None, None, None, None],
                column_widths=[5, 30, 12, 9, 14, 8, 9, 13],
            ),
        ]
    tours = list(plan_study_tours(plan))
    if tours:
        blocks.append(Heading(2, f"{4 if classes else 3}. Thăm quan học tập, trao đổi kinh nghiệm"))
        blocks += [
            Paragraph(
                f"- {tour.destination} ({'trong tỉnh' if tour.inside_province else 'ngoài tỉnh'}),"
                f" tháng {tour.start_date.month}/{tour.start_date.year}: {tour.participants} người,"
                f" kinh phí {group_thousands(tour.cost)} đồng."
            )
            for tour in tours
        ]
        total = group_thousands(sum(tour.cost for tour in tours))
        blocks.append(Paragraph(f"Tổng kinh phí thăm quan học tập: {total} đồng."))
    return blocks


def plan_document(plan: AnnualPlan) -> Document:
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    approved = plan.status == AnnualPlan.Status.APPROVED
    blocks = [
        Paragraph(
            f"Ủy ban nhân dân tỉnh ban hành Kế hoạch nâng cao năng lực cho cộng đồng và cán bộ cơ sở"
            f" năm {plan.year} trên địa bàn tỉnh với các nội dung như sau:"
        ),
        Heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
        Heading(2, "1. Mục đích"),
        *_section(plan.purpose),
        Heading(2, "2. Yêu cầu"),
        *_section(plan.requirements),
        Heading(1, "II. ĐỐI TƯỢNG"),
        *_section(plan.target_groups),
        Heading(1, "III. NỘI DUNG VÀ HÌNH THỨC ĐÀO TẠO"),
        Heading(2, "1. Nội dung"),
        *_section(plan.content),
        Heading(2, "2. Hình thức"),
        *_section(plan.forms),
        *classes_blocks(plan),
        Heading(1, "IV. KINH PHÍ THỰC HIỆN"),
        budget_table(plan.year),
        Heading(1, "V. TỔ CHỨC THỰC HIỆN"),
        Paragraph(
            "Giao Ban Dân tộc chủ trì, phối hợp với các sở, ban, ngành liên quan và Ủy ban nhân dân các huyện"
            " tổ chức triển khai thực hiện Kế hoạch này; hướng dẫn, kiểm tra, giám sát việc thực hiện; tổng hợp"
            " kết quả báo cáo Ủy ban nhân dân tỉnh và Ủy ban Dân tộc theo quy định."
        ),
        Paragraph(
            "Ủy ban nhân dân các huyện xây dựng kế hoạch chi tiết, lập dự toán kinh phí gửi Ban Dân tộc"
            " phê duyệt; tổ chức các lớp đào tạo, bồi dưỡng đúng đối tượng, nội dung và báo cáo kết quả về"
            " Ban Dân tộc. Trong quá trình thực hiện nếu có vướng mắc, phản ánh về Ban Dân tộc để tổng hợp,"
            " báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết./."
        ),
    ]
    return Document(
        issuer_parent="ỦY BAN NHÂN DÂN",
        issuer=f"TỈNH {province_name.upper()}",
        number=plan.number if approved else DRAFT_NUMBER,
        place=province_name,
        date=plan.signed_on if approved else None,
        title="KẾ HOẠCH",
        summary=plan.title,
        bases=[f"Căn cứ {document.citation()};" for document in plan.ordered_bases()],
        blocks=blocks,
        recipients=RECIPIENTS,
        archive="VT, KTN",
        signature=Signature(
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
            plan.signer_title or "PHÓ CHỦ TỊCH",
            plan.signer_name if approved else "",
        ),
    )
