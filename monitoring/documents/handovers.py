"""The printed BIÊN BẢN BÀN GIAO of a handover: the two parties, the households and their items,
the households' commitments, and the signatures of both parties side by side."""

from monitoring.models.handovers import Handover
from monitoring.selectors.handovers import handover_households
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
    unit_committee,
)
from p135portal.documents.types import DocumentType
from p135portal.text import strip_prefix

ITEM_HEADERS = [
    "STT",
    "Hộ hưởng lợi",
    "Hàng hỗ trợ",
    "Số lượng",
    "Đơn giá (đồng)",
    "Thành tiền (đồng)",
    "Hộ ký nhận",
]


def _party(number: int, label: str, body: str, representative: str, position: str) -> list:
    person = f"Ông (bà): {representative}" + (f" – Chức vụ: {position}" if position else "")
    return [Heading(2, f"{number}. {label}: {body}"), Paragraph(person + ".")]


def _household_cell(household) -> str:
    """ "Hoàng Văn Tằng" over "(Thôn Pác Luông, hộ nghèo)": three facts in the width of one column."""
    category = household.get_category_display()
    return f"{household.head_name}\n({household.village.name}, {category[:1].lower()}{category[1:]})"


def items_table(handover: Handover, households: list) -> Table | Paragraph:
    """One row per item; a household's number and name on its first row, where it signs."""
    rows = []
    for number, household in enumerate(households, start=1):
        items = list(household.items.all()) or [None]
        for index, item in enumerate(items):
            row = [number, _household_cell(household)] if index == 0 else ["", ""]
            if item is None:
                row += ["(chưa ghi hàng hỗ trợ)", "", None, None, ""]
            else:
                quantity = f"{format_number(item.quantity)} {item.unit_of_measure}"
                row += [item.name, quantity, item.unit_price, item.value, ""]
            rows.append(row)
    if not rows:
        return Paragraph("(Chưa có hộ hưởng lợi nào trong đợt bàn giao.)", italic=True)
    total = sum(item.value for household in households for item in household.items.all())
    return Table(
        headers=ITEM_HEADERS,
        rows=rows,
        total=["", "Tổng cộng", "", "", None, total, ""],
        column_align=["center", None, None, "right", None, None, None],
        # In millimetres of the 165 mm between the margins: the money columns hold "21.750.000".
        column_widths=[9, 41, 30, 17, 22, 26, 20],
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


def party_signatures(handover: Handover) -> list[Signature]:
    """The two parties' signature blocks, side by side: each party, its representative's position."""
    hint = "(Ký, ghi rõ họ tên)"
    return [
        Signature(["ĐẠI DIỆN BÊN GIAO"], handover.giver_position, handover.giver_representative, hint),
        Signature(["ĐẠI DIỆN BÊN NHẬN"], handover.receiver_position, handover.receiver_representative, hint),
    ]


def handover_document(handover: Handover) -> Document:
    commune = handover.commune
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
            f" của {commune.name[:1].lower()}{commune.name[1:]}, cụ thể như sau:"
        ),
        Heading(1, "I. Danh sách hộ và hàng hỗ trợ bàn giao"),
        Part("Bảng danh sách hộ và hàng hỗ trợ", [items_table(handover, households)]),
        Heading(1, "II. Cam kết của hộ hưởng lợi"),
        Part("Cam kết của các hộ", commitment_blocks(households)),
        Paragraph(
            "Các hộ có trách nhiệm sử dụng hàng hỗ trợ đúng cam kết; Tổ quản lý dự án xã, thôn kiểm tra định kỳ"
            " hoặc đột xuất việc thực hiện cam kết. Hộ không thực hiện đúng cam kết chịu trách nhiệm trước"
            " pháp luật và có thể bị thu hồi hỗ trợ."
        ),
        Paragraph(
            "Biên bản kết thúc cùng ngày, đã được đọc lại cho các bên cùng nghe, thống nhất và ký tên; lập"
            " thành 03 bản có giá trị như nhau, mỗi bên giữ 01 bản, 01 bản lưu tại Ủy ban nhân dân xã./."
        ),
    ]
    return Document(
        **unit_committee(commune.name, strip_prefix(commune.name)),
        number=handover.number or draft_number("BB-UBND"),
        date=handover.handed_on,
        title="BIÊN BẢN",
        summary=handover.content,
        blocks=blocks,
        signatures=party_signatures(handover),
    )


# A handover's minutes are signed on the day, by both parties, with the households present: they
# print from the data and the author's outline, and are not frozen by the portal.
AUTHORING = DocumentType(
    kind="bien-ban-ban-giao",
    name="Biên bản bàn giao",
    permission=Perm.REPORT_MONITORING,
    editable=lambda user: Handover.objects.visible_to(user).select_related("commune__parent"),
    build=handover_document,
)
