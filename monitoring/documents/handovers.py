"""The printed BIÊN BẢN BÀN GIAO of a handover: the two parties, the households and their items,
the households' commitments, and the signatures of both parties side by side."""

from monitoring.models.handovers import Handover
from monitoring.selectors.handovers import handover_households
from p135portal.documents import Document, Heading, Paragraph, Table
from p135portal.text import strip_prefix

DRAFT_NUMBER = "      /BB-UBND"
ITEM_HEADERS = [
    "STT",
    "Họ tên chủ hộ",
    "Thôn",
    "Diện hộ",
    "Hàng hỗ trợ",
    "ĐVT",
    "Số lượng",
    "Đơn giá (đồng)",
    "Thành tiền (đồng)",
    "Hộ ký nhận",
]


def _party(number: int, label: str, body: str, representative: str, position: str) -> list:
    person = f"Ông (bà): {representative}" + (f" – Chức vụ: {position}" if position else "")
    return [Heading(2, f"{number}. {label}: {body}"), Paragraph(person + ".")]


def items_table(handover: Handover, households: list) -> Table | Paragraph:
    rows = []
    for number, household in enumerate(households, start=1):
        items = list(household.items.all()) or [None]
        for index, item in enumerate(items):
            head = [number, household.head_name, household.village.name, household.get_category_display()]
            row = head if index == 0 else ["", "", "", ""]
            if item is None:
                row += ["(chưa ghi hàng hỗ trợ)", "", None, None, None, ""]
            else:
                row += [item.name, item.unit_of_measure, item.quantity, item.unit_price, item.value, ""]
            rows.append(row)
    if not rows:
        return Paragraph("(Chưa có hộ hưởng lợi nào trong đợt bàn giao.)", italic=True)
    total = sum(item.value for household in households for item in household.items.all())
    return Table(
        headers=ITEM_HEADERS,
        rows=rows,
        total=["", "Tổng cộng", "", "", "", "", None, None, total, ""],
        column_align=["center", None, None, None, None, "center", None, None, None, None],
        column_widths=[5, 15, 10, 9, 15, 6, 8, 10, 11, 10],
    )


def commitment_blocks(households: list) -> list[Paragraph]:
    """One paragraph when every household committed to the same text, else one line per household."""
    texts = {" ".join(household.commitment.split()) for household in households}
    if not households:
        return []
    if len(texts) == 1:
        return [Paragraph(f"Các hộ nhận hỗ trợ có tên trên cam kết: {texts.pop()}")]
    return [
        Paragraph(
            f"- Hộ ông (bà) {household.head_name} ({household.village.name}): {' '.join(household.commitment.split())}"
        )
        for household in households
    ]


def signature_table(handover: Handover) -> Table:
    """The two signature blocks of the minutes side by side (the shared Signature holds only one)."""

    def block(position: str, name: str) -> str:
        return f"{position}\n(Ký, ghi rõ họ tên)\n\n\n\n{name}" if position else f"(Ký, ghi rõ họ tên)\n\n\n\n{name}"

    return Table(
        headers=["ĐẠI DIỆN BÊN GIAO", "ĐẠI DIỆN BÊN NHẬN"],
        rows=[
            [
                block(handover.giver_position, handover.giver_representative),
                block(handover.receiver_position, handover.receiver_representative),
            ]
        ],
        column_align=["center", "center"],
    )


def handover_document(handover: Handover) -> Document:
    commune = handover.commune
    parent = commune.parent
    households = list(handover_households(handover))
    day = handover.handed_on
    programme = f" thuộc {handover.programme}" if handover.programme else ""
    blocks: list = [
        Paragraph(
            f"Hôm nay, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}, tại {handover.place}, chúng tôi gồm:"
        ),
        *_party(1, "Bên giao", handover.giver, handover.giver_representative, handover.giver_position),
        *_party(2, "Bên nhận", handover.receiver, handover.receiver_representative, handover.receiver_position),
        Paragraph(
            f"Hai bên thống nhất bàn giao hàng hỗ trợ{programme} cho {len(households)} hộ hưởng lợi"
            f" của {commune.name}, cụ thể như sau:"
        ),
        Heading(1, "I. Danh sách hộ và hàng hỗ trợ bàn giao"),
        items_table(handover, households),
        Heading(1, "II. Cam kết của hộ hưởng lợi"),
        *commitment_blocks(households),
        Paragraph(
            "Các hộ có trách nhiệm sử dụng hàng hỗ trợ đúng cam kết; Tổ quản lý dự án xã, thôn kiểm tra định kỳ"
            " hoặc đột xuất việc thực hiện cam kết. Hộ không thực hiện đúng cam kết chịu trách nhiệm trước"
            " pháp luật và có thể bị thu hồi hỗ trợ."
        ),
        Paragraph(
            "Biên bản kết thúc cùng ngày, đã được đọc lại cho các bên cùng nghe, thống nhất và ký tên; lập"
            " thành 03 bản có giá trị như nhau, mỗi bên giữ 01 bản, 01 bản lưu tại Ủy ban nhân dân xã./."
        ),
        signature_table(handover),
    ]
    return Document(
        issuer_parent=parent.name.upper() if parent else "",
        issuer=f"ỦY BAN NHÂN DÂN\n{commune.name.upper()}",
        number=handover.number or DRAFT_NUMBER,
        place=strip_prefix(commune.name),
        date=handover.handed_on,
        title="BIÊN BẢN",
        summary=handover.content,
        blocks=blocks,
    )
