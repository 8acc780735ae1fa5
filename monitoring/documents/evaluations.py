"""The printed BÁO CÁO of an evaluation, with its indicators table, through the shared renderer."""

from communes.models import EthnicAffairsOffice
from communes.selectors import portal_province
from monitoring.documents.inspections import signature
from monitoring.models import Evaluation
from p135portal.access import Perm
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Part,
    Table,
    draft_number,
    ethnic_affairs_office,
    paragraphs,
)
from p135portal.documents.model import NO_CONTENT
from p135portal.documents.types import DocumentType
from p135portal.text import strip_prefix

INDICATOR_HEADERS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Đầu kỳ", "Mục tiêu", "Kết quả", "Đánh giá"]


def _section(text: str) -> list[Paragraph]:
    return paragraphs(text, empty=NO_CONTENT)


def evaluation_document(evaluation: Evaluation) -> Document:
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    office = EthnicAffairsOffice.on(evaluation.report_date)
    phase = evaluation.phase
    indicators = list(evaluation.indicators.all())
    kind = evaluation.get_kind_display()
    scope = f"năm {evaluation.year}" if evaluation.kind == Evaluation.Kind.ANNUAL else f"giai đoạn {phase.name}"
    blocks = [
        Paragraph(
            f"{office.name} báo cáo kết quả {kind.lower()} thực hiện Chương trình {scope} trên địa bàn tỉnh"
            f" {province_name} như sau:"
        ),
        Heading(1, "I. KHÁI QUÁT TÌNH HÌNH THỰC HIỆN"),
        *_section(evaluation.overview),
        Heading(1, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
    ]
    if indicators:
        judged = [indicator for indicator in indicators if indicator.achieved is not None]
        blocks += [
            Part(
                "Bảng kết quả các chỉ tiêu",
                [
                    Table(
                        headers=INDICATOR_HEADERS,
                        rows=[
                            [
                                number,
                                indicator.name,
                                indicator.unit_of_measure,
                                indicator.baseline,
                                indicator.target,
                                indicator.result,
                                indicator.achievement_label,
                            ]
                            for number, indicator in enumerate(indicators, start=1)
                        ],
                        column_align=["center", None, "center", None, None, None, "center"],
                        column_widths=[5, 37, 12, 11, 11, 11, 13],
                    )
                ],
            ),
            Paragraph(
                f"Trong {len(judged)} chỉ tiêu đánh giá được, {sum(1 for i in judged if i.achieved)} chỉ tiêu đạt"
                f" và {sum(1 for i in judged if not i.achieved)} chỉ tiêu chưa đạt mục tiêu."
            ),
        ]
    else:
        blocks.append(Paragraph("(Chưa có chỉ tiêu.)", italic=True))
    blocks += [
        Heading(1, "III. KẾT LUẬN"),
        *_section(evaluation.conclusions),
        Heading(1, "IV. KIẾN NGHỊ, ĐỀ XUẤT"),
        *_section(evaluation.recommendations),
        Paragraph(f"{office.name} trân trọng báo cáo./."),
    ]
    return Document(
        **ethnic_affairs_office(province_name, office.name),
        number=evaluation.report_number or draft_number(f"BC-{office.symbol}"),
        date=evaluation.report_date,
        title="BÁO CÁO",
        summary=evaluation.title or f"{kind} thực hiện Chương trình {scope}",
        blocks=blocks,
        recipients=["Ủy ban Dân tộc", "UBND tỉnh", "Các sở, ngành liên quan"],
        archive="VT",
        signatures=[signature(office.head, evaluation.signer_title, evaluation.signer_name)],
    )


AUTHORING = DocumentType(
    kind="bao-cao-danh-gia",
    name="Báo cáo đánh giá",
    permission=Perm.MANAGE_MONITORING,
    editable=lambda user: Evaluation.objects.select_related("phase"),
    build=evaluation_document,
    issued=lambda evaluation: bool(evaluation.report_number),
)
