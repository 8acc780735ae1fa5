"""The printed KẾ HOẠCH of the province's annual plan, through the shared document renderer."""

from datetime import date

from budgets.models import Source
from budgets.selectors import capacity_building_funds
from communes.models import REFORM_LAST_OLD_DAY, EthnicAffairsOffice
from communes.selectors import portal_province
from p135portal.access import Perm
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Part,
    Signature,
    Table,
    draft_number,
    format_number,
    in_words,
    outline,
    paragraphs,
    province_committee,
)
from p135portal.documents.model import NO_CONTENT
from p135portal.documents.types import DocumentType
from p135portal.numbers import amount_in_words, group_thousands
from p135portal.text import strip_prefix
from trainings.models import AnnualPlan, LocalBudget, Rules
from trainings.selectors.plans import plan_area, plan_classes, plan_study_tours

RECIPIENTS = ["Ủy ban Dân tộc", "Chủ tịch, các PCT UBND tỉnh"]  # then the office of the day, Sở Tài chính
CLASS_HEADERS = ["STT", "Nội dung", "Đối tượng", "Cấp", "Địa điểm", "Số ngày", "Số học viên", "Kinh phí (đồng)"]


def _parts(label: str, blocks: list) -> list[Part]:
    """Generated blocks as one Part the author places, none when there are none."""
    return [Part(label, blocks)] if blocks else []


def _section(text: str) -> list[Paragraph]:
    return paragraphs(text, empty=NO_CONTENT)


def budget_blocks(year: int) -> list[Table | Paragraph]:
    """The year's capacity-building funds by source, with their total (in đồng) and the total in words."""
    funds = capacity_building_funds(year)
    rows = [
        [number, Source(code).label, amount] for number, (code, amount) in enumerate(funds_by_source(funds), start=1)
    ]
    if not rows:
        return [Paragraph(f"Kinh phí nâng cao năng lực năm {year} chưa được giao.", italic=True)]
    total = sum(row[2] for row in rows)
    return [
        Table(
            headers=["STT", "Nguồn vốn", "Kinh phí (đồng)"],
            rows=rows,
            total=["", "Tổng cộng", total],
            column_align=["center", "left", "right"],
            column_widths=[8, 60, 32],
        ),
        in_words(total),
    ]


def funds_by_source(funds: dict[str, int]) -> list[tuple[str, int]]:
    """The funds in the order of Source (central, local, integrated)."""
    return [(source.value, funds[source.value]) for source in Source if funds.get(source.value)]


def classes_blocks(plan: AnnualPlan) -> list[Heading | Paragraph | Table]:
    """The province-level classes as a table with its total, then the study tours, when there are any."""
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
            Heading(3, "c) Các lớp đào tạo, bồi dưỡng cấp tỉnh"),
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
                column_widths=[7, 27, 11, 8, 14, 7, 8, 18],
            ),
        ]
    tours = list(plan_study_tours(plan))
    if tours:
        blocks.append(Heading(3, f"{'d' if classes else 'c'}) Thăm quan học tập, trao đổi kinh nghiệm"))
        blocks += [
            Paragraph(
                f"- {tour.destination} ({'trong tỉnh' if tour.inside_province else 'ngoài tỉnh'}),"
                f" tháng {tour.start_date.month}/{tour.start_date.year}: {tour.participants} người,"
                f" kinh phí {group_thousands(tour.cost)} đồng."
            )
            for tour in tours
        ]
        total = sum(tour.cost for tour in tours)
        blocks.append(
            Paragraph(
                f"Tổng kinh phí thăm quan học tập: {group_thousands(total)} đồng ({amount_in_words(total).lower()})."
            )
        )
    return blocks


def area_blocks(plan: AnnualPlan) -> list[Paragraph]:
    lines = plan_area(plan)
    if not lines:
        return [Paragraph("(Chưa có xã, thôn nào của giai đoạn trong danh mục.)", italic=True)]
    return [Paragraph(f"Trên địa bàn {' và '.join(lines)}.")]


def duration_blocks(plan: AnnualPlan) -> list[Heading | Paragraph]:
    """The cap on the length of a class, from the rules of the plan's phase."""
    rules = Rules.objects.filter(phase_id=plan.phase_id).first()
    if rules is None:
        return []
    return [
        Heading(3, "b) Thời gian tổ chức lớp tập huấn"),
        Paragraph(f"+ Đối với cán bộ cơ sở: Tối đa {rules.max_days_officials:02d} ngày/lớp;"),
        Paragraph(f"+ Đối với cộng đồng: Tối đa {rules.max_days_community:02d} ngày/lớp."),
    ]


def split_blocks(plan: AnnualPlan, local_name: str) -> list[Paragraph | Table]:
    """The plan's split among the local units, with its total."""
    budgets = list(LocalBudget.objects.filter(plan=plan).select_related("unit").order_by("unit__code"))
    if not budgets:
        return []
    total = sum(budget.amount for budget in budgets)
    return [
        Paragraph(f"Phân bổ kinh phí cho {local_name}:"),
        Table(
            headers=["STT", "Đơn vị", "Kinh phí (đồng)"],
            rows=[[number, budget.unit.name, budget.amount] for number, budget in enumerate(budgets, start=1)],
            total=["", "Tổng cộng", total],
            column_align=["center", "left", "right"],
            column_widths=[8, 60, 32],
        ),
        in_words(total),
    ]


def tour_share_paragraph(plan: AnnualPlan) -> Paragraph:
    rules = Rules.objects.filter(phase_id=plan.phase_id).first()
    share = format_number(rules.max_study_tour_share) if rules else "10"
    return Paragraph(
        "Kinh phí chi cho các hoạt động trao đổi, chia sẻ kinh nghiệm giữa các địa phương trong và ngoài tỉnh,"
        f" thăm quan học tập mô hình tối đa {share}% tổng kinh phí dự án nâng cao năng lực hằng năm, do Ban Dân"
        " tộc chịu trách nhiệm thực hiện."
    )


def organisation(office: str, local_name: str) -> list:
    """Section IV as the portal proposes it when the author has written none."""
    return [
        Heading(1, "IV. TỔ CHỨC THỰC HIỆN"),
        Heading(2, f"1. {office}"),
        Paragraph(
            f"Chủ trì, phối hợp với các sở, ban, ngành liên quan và Ủy ban nhân dân {local_name} tổ chức triển khai"
            " thực hiện Kế hoạch này; hướng dẫn, đôn đốc, kiểm tra, giám sát việc thực hiện; thẩm định, phê duyệt"
            f" kế hoạch chi tiết của {local_name}; chịu trách nhiệm quản lý nguồn vốn, thanh quyết toán theo quy"
            " định; tổng hợp, đánh giá kết quả đào tạo, bồi dưỡng báo cáo Ủy ban nhân dân tỉnh và cơ quan công tác"
            " dân tộc ở Trung ương theo quy định."
        ),
        Heading(2, "2. Sở Tài chính"),
        Paragraph(
            "Tham mưu bố trí kinh phí thực hiện Kế hoạch; hướng dẫn, kiểm tra việc sử dụng và thanh quyết toán"
            " kinh phí theo quy định."
        ),
        Heading(2, f"3. Ủy ban nhân dân {local_name}"),
        Paragraph(
            f"Xây dựng kế hoạch chi tiết, lập dự toán kinh phí trong mức được phân bổ gửi {office} phê duyệt; tổ"
            f" chức các lớp đào tạo, bồi dưỡng đúng đối tượng, nội dung, thời gian; báo cáo kết quả từng lớp về"
            f" {office}. Trong quá trình thực hiện nếu có vướng mắc, phản ánh về {office} để tổng hợp, báo cáo Ủy"
            " ban nhân dân tỉnh xem xét, giải quyết./."
        ),
    ]


def plan_document(plan: AnnualPlan) -> Document:
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    approved = plan.status == AnnualPlan.Status.APPROVED
    # The units the plan's budget is split among (local_units): districts before the 2025 reform, communes after.
    local_name = "các huyện" if date(plan.year, 1, 1) <= REFORM_LAST_OLD_DAY else "các xã"
    office = EthnicAffairsOffice.on(plan.signed_on if approved else None).name
    blocks = [
        *(
            outline(plan.opening)
            or [
                Paragraph(
                    f"Ủy ban nhân dân tỉnh ban hành Kế hoạch nâng cao năng lực cho cộng đồng và cán bộ cơ sở"
                    f" năm {plan.year} trên địa bàn tỉnh với các nội dung như sau:"
                ),
            ]
        ),
        Heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
        Heading(2, "1. Mục đích"),
        *_section(plan.purpose),
        Heading(2, "2. Yêu cầu"),
        *_section(plan.requirements),
        Heading(1, "II. ĐỊA BÀN, ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN ĐÀO TẠO, BỒI DƯỠNG"),
        Heading(2, "1. Địa bàn thực hiện"),
        Part("Địa bàn thực hiện", area_blocks(plan)),
        Heading(2, "2. Đối tượng"),
        *_section(plan.target_groups),
        Heading(2, "3. Nội dung, tài liệu"),
        *_section(plan.content),
        Heading(2, "4. Hình thức, địa điểm, thời gian, các lớp đào tạo, bồi dưỡng"),
        Heading(3, "a) Hình thức"),
        *_section(plan.forms),
        *duration_blocks(plan),
        *_parts("Các lớp và thăm quan học tập cấp tỉnh", classes_blocks(plan)),
        Heading(1, "III. KINH PHÍ VÀ CHẾ ĐỘ ĐÀO TẠO, BỒI DƯỠNG"),
        Heading(2, "1. Kinh phí"),
        Part("Bảng kinh phí theo nguồn vốn", budget_blocks(plan.year)),
        *_parts(f"Bảng phân bổ kinh phí cho {local_name}", split_blocks(plan, local_name)),
        Heading(2, "2. Chế độ, định mức chi đào tạo, bồi dưỡng"),
        *_section(plan.cost_norms),
        tour_share_paragraph(plan),
        *(outline(plan.closing) or organisation(office, local_name)),
    ]
    return Document(
        **province_committee(province_name),
        number=plan.number if approved else draft_number("KH-UBND"),
        date=plan.signed_on if approved else None,
        title="KẾ HOẠCH",
        summary=plan.title,
        bases=[document.basis() for document in plan.ordered_bases()],
        blocks=blocks,
        recipients=plan.recipient_list([*RECIPIENTS, office, "Sở Tài chính", f"UBND {local_name}"]),
        archive=plan.archive or "VT",
        signatures=[
            Signature(
                plan.authority_lines(),
                plan.signer_title or "PHÓ CHỦ TỊCH",
                plan.signer_name if approved else "",
            )
        ],
    )


AUTHORING = DocumentType(
    kind="ke-hoach-nang-cao-nang-luc",
    name="Kế hoạch nâng cao năng lực",
    permission=Perm.MANAGE_TRAININGS,
    editable=lambda user: AnnualPlan.objects.prefetch_related("bases"),
    build=plan_document,
    issued=lambda plan: plan.status == AnnualPlan.Status.APPROVED,
)
