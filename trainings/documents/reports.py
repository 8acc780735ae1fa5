"""The printed BÁO CÁO of a year's capacity building: the plan against what the class reports say,
by unit and for the province, through the shared document renderer."""

from decimal import ROUND_HALF_UP, Decimal

from communes.models import EthnicAffairsOffice
from communes.selectors import portal_province
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    draft_number,
    ethnic_affairs_office,
    format_number,
)
from p135portal.numbers import group_thousands
from p135portal.text import strip_prefix
from trainings.models import AnnualPlan
from trainings.selectors.reports import ActualRow

HEADERS = [
    "STT",
    "Đơn vị",
    "Số lớp KH",
    "Số lớp TH",
    "Học viên KH",
    "Học viên TH",
    "Nữ TH",
    "DTTS TH",
    "Kinh phí KH (triệu đồng)",
    "Kinh phí TH (triệu đồng)",
]


def _millions(amount: int) -> str:
    """630000000 → "630", 435500000 → "435,5" (triệu đồng, one decimal when there is one)."""
    return format_number((Decimal(amount) / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1f}".replace(".", ",") + "%"


def _row(number, row: ActualRow) -> list:
    return [
        number,
        row.label if row.counted else f"{row.label} ({row.status.lower()})",
        row.planned_classes,
        row.reported_classes,
        row.planned_participants,
        row.participants,
        row.women,
        row.ethnic_minority,
        _millions(row.planned_cost),
        _millions(row.cost),
    ]


def _results(total: ActualRow) -> list[Paragraph]:
    shares = total.shares()
    waiting = f" ({total.waiting_classes} lớp đang chờ xem xét báo cáo)" if total.waiting_classes else ""
    return [
        Paragraph(
            f"Đã tổ chức và báo cáo {total.reported_classes}/{total.planned_classes} lớp theo kế hoạch{waiting},"
            f" với {group_thousands(total.participants)} lượt học viên (kế hoạch"
            f" {group_thousands(total.planned_participants)}), trong đó nữ {group_thousands(total.women)}"
            f" ({_percent(shares['women'])}), người dân tộc thiểu số {group_thousands(total.ethnic_minority)}"
            f" ({_percent(shares['ethnic_minority'])}), người dân tộc thiểu số rất ít người"
            f" {group_thousands(total.very_small_minorities)}, cán bộ trẻ {group_thousands(total.young_cadres)}"
            f" ({_percent(shares['young_cadres'])})."
        ),
        Paragraph(
            f"Kinh phí thực hiện {group_thousands(total.cost)} đồng, bằng {_percent(total.cost_share)} dự toán"
            f" ({group_thousands(total.planned_cost)} đồng)."
        ),
    ]


def _assessment(rows: list[ActualRow]) -> list[Paragraph]:
    """What the figures say about each unit: plans not approved, and units with classes not reported."""
    pending = [row.label for row in rows if not row.counted]
    behind = [
        f"{row.label} ({row.planned_classes - row.reported_classes} lớp)"
        for row in rows
        if row.counted and row.reported_classes < row.planned_classes
    ]
    done = [
        row.label for row in rows if row.counted and row.planned_classes and row.reported_classes >= row.planned_classes
    ]
    paragraphs = []
    if done:
        paragraphs.append(Paragraph(f"- Đã hoàn thành và báo cáo đủ các lớp theo kế hoạch: {', '.join(done)}."))
    if behind:
        paragraphs.append(Paragraph(f"- Còn lớp chưa tổ chức hoặc chưa được chấp nhận báo cáo: {', '.join(behind)}."))
    if pending:
        paragraphs.append(Paragraph(f"- Kế hoạch chưa được duyệt, chưa tính vào kết quả chung: {', '.join(pending)}."))
    return paragraphs or [Paragraph("- Chưa có kế hoạch nào được duyệt.")]


def actual_document(plan: AnnualPlan, rows: list[ActualRow], total: ActualRow) -> Document:
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    office = EthnicAffairsOffice.on()  # the report is dated when it is signed: today's office
    basis = (
        f"Kế hoạch số {plan.number} ngày {plan.signed_on.day:02d}/{plan.signed_on.month}/{plan.signed_on.year}"
        " của Ủy ban nhân dân tỉnh"
        if plan.status == AnnualPlan.Status.APPROVED
        else f"dự thảo Kế hoạch nâng cao năng lực năm {plan.year}"
    )
    table_rows = [_row(number, row) for number, row in enumerate(rows, start=1)]
    blocks = [
        Paragraph(
            f"Thực hiện {basis} về nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm {plan.year}, Ban Dân tộc"
            " báo cáo kết quả thực hiện như sau:"
        ),
        Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
        Heading(2, "1. Số lớp, học viên và kinh phí"),
        *_results(total),
        Heading(2, "2. Kết quả theo đơn vị"),
        Table(
            headers=HEADERS,
            rows=table_rows,
            total=["", total.label, *_row("", total)[2:]],
            column_align=["center", None, None, None, None, None, None, None, "right", "right"],
            column_widths=[6, 24, 7, 7, 8, 8, 7, 8, 12, 12],
        ),
        Paragraph(
            "Số liệu thực hiện tính theo các báo cáo kết quả lớp đã được Ban Dân tộc chấp nhận; tổng cộng chỉ gồm"
            " các kế hoạch đã duyệt.",
            italic=True,
        ),
        Heading(1, "II. ĐÁNH GIÁ CHUNG"),
        *_assessment(rows),
        Paragraph("Ban Dân tộc trân trọng báo cáo./."),
    ]
    return Document(
        **ethnic_affairs_office(province_name, office.name),
        number=draft_number(f"BC-{office.symbol}"),
        date=None,
        title="BÁO CÁO",
        summary=f"Kết quả thực hiện kế hoạch nâng cao năng lực cho cộng đồng và cán bộ cơ sở năm {plan.year}",
        blocks=blocks,
        recipients=["Ủy ban Dân tộc", "UBND tỉnh", "Sở Tài chính"],
        archive="VT",
        signatures=[Signature([f"KT. {office.head}"], f"PHÓ {office.head}", "")],
    )
