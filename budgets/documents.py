"""The printed annex of an allocation (PHỤ LỤC), through the shared document renderer."""

from communes.selectors import portal_province
from p135portal.documents import Document, Table, draft_number, in_words, province_committee
from p135portal.text import strip_prefix


def allocation_annex(allocation, shares) -> Document:
    """The annex of `allocation` listing `shares` (already scoped to the reader) with a total."""
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    decision = allocation.document
    subtitle = f"(Kèm theo {decision.citation()})" if decision else "(Phương án chưa có quyết định phê duyệt)"
    shares = list(shares)
    # The village column only when the allocation shares money among villages.
    with_villages = any(share.village_id for share in shares)
    rows = [
        [
            number,
            share.unit.name,
            *([share.village.name if share.village else ""] if with_villages else []),
            share.unit.parent.name if share.unit.parent else "",
            share.coefficient.normalize(),
            share.amount,
        ]
        for number, share in enumerate(shares, start=1)
    ]
    village = ["Thôn"] if with_villages else []
    table = Table(
        headers=["STT", "Xã", *village, "Huyện", "Hệ số K", "Số vốn (đồng)"],
        rows=rows,
        total=["", "Tổng cộng", *([""] if with_villages else []), "", "", sum(row[-1] for row in rows)],
        column_align=["center", "left", *(["left"] if with_villages else []), "left", "right", "right"],
        column_widths=[8, 30, *([18] if with_villages else []), 24, 10, 22],
    )
    return Document(
        **province_committee(province_name),
        number=decision.number if decision else draft_number("QĐ-UBND"),
        date=decision.issued_on if decision else None,
        title="PHỤ LỤC",
        summary=allocation.title,
        subtitle=subtitle,
        blocks=[table, in_words(sum(row[-1] for row in rows))],
    )
