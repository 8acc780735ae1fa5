"""The printed BÁO CÁO kết quả kiểm tra of a round, through the shared document renderer."""

from communes.models import EthnicAffairsOffice, Unit
from communes.selectors import portal_province
from monitoring.models import InspectionPlan, InspectionRound
from monitoring.selectors.inspections import round_checklist, round_remediations
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    draft_number,
    ethnic_affairs_office,
    paragraphs,
)
from p135portal.text import strip_prefix

CHECKLIST_HEADERS = ["STT", "Nội dung kiểm tra", "Kết quả", "Nhận xét"]
REMEDIATION_HEADERS = ["STT", "Nội dung khắc phục", "Đơn vị thực hiện", "Thời hạn"]


def _dates(inspection: InspectionRound) -> str:
    start, end = inspection.start_date, inspection.end_date
    if start == end:
        return f"ngày {start:%d/%m/%Y}"
    return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def _section(text: str) -> list[Paragraph]:
    return paragraphs(text, empty="(Không có.)")


def signature(head: str, title: str, name: str) -> Signature:
    """The head signs alone; a deputy signs "KT." (ký thay) for the head. Without a title: a deputy."""
    title = title.strip() or f"Phó {head.lower()}"
    deputy = title.lower().startswith("phó")
    return Signature([f"KT. {head}"] if deputy else [], title, name)


def _issuer(plan: InspectionPlan, province_name: str, on) -> tuple[dict[str, str], str, str]:
    """The masthead of the report, its number's symbol and how its head signs: the province's
    ethnic-affairs office of the report's date for a province plan, the district's office for a
    district plan."""
    if plan.level == InspectionPlan.Level.DISTRICT and plan.unit:
        district = plan.unit.name
        masthead = {"issuer_parent": f"UBND {district.upper()}", "issuer": "PHÒNG DÂN TỘC"}
        return {**masthead, "place": strip_prefix(district)}, "BC-PDT", "TRƯỞNG PHÒNG"
    office = EthnicAffairsOffice.on(on)
    return ethnic_affairs_office(province_name, office.name), f"BC-{office.symbol}", office.head


def round_document(inspection: InspectionRound, user) -> Document:
    """The report of a round. The remediation table holds the items `user` sees: all of them for the
    province office, their own unit's for a local officer (what they see on the page)."""
    plan = inspection.plan
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    masthead, symbol, head = _issuer(plan, province_name, inspection.report_date)
    units = sorted(inspection.units.all(), key=lambda unit: (unit.level != Unit.Level.DISTRICT, unit.name))
    team = inspection.team_members
    checklist = round_checklist(inspection)
    remediations = list(round_remediations(inspection, user))

    blocks = [
        Paragraph(
            f"Thực hiện {plan.title[0].lower()}{plan.title[1:]}, đoàn kiểm tra đã tiến hành kiểm tra việc thực hiện"
            f" Chương trình tại các đơn vị. Kết quả kiểm tra như sau:"
        ),
        Heading(1, "I. KHÁI QUÁT"),
        Paragraph(f"Thời gian kiểm tra: {_dates(inspection)}.", lead="1."),
        Paragraph("Thành phần đoàn kiểm tra:", lead="2."),
        *(
            [Paragraph(f"- {name}{', ' + position if position else ''};") for name, position in team]
            or [Paragraph("(Chưa ghi thành phần đoàn.)", italic=True)]
        ),
        Paragraph(f"{', '.join(unit.name for unit in units) or '(chưa chọn)'}.", lead="3. Đơn vị được kiểm tra:"),
        Paragraph(f"{'; '.join(inspection.method_labels()) or '(chưa ghi)'}.", lead="4. Phương pháp kiểm tra:"),
        Heading(1, "II. KẾT QUẢ KIỂM TRA"),
        Table(
            headers=CHECKLIST_HEADERS,
            rows=[
                [number, row.get_area_display(), row.get_result_display(), row.note]
                for number, row in enumerate(checklist, start=1)
            ],
            column_align=["center", None, "center", None],
            column_widths=[6, 40, 14, 40],
        ),
        Heading(1, "III. TỒN TẠI, HẠN CHẾ"),
        *_section(inspection.findings),
        Heading(1, "IV. KIẾN NGHỊ"),
        *_section(inspection.recommendations),
        Heading(1, "V. KHẮC PHỤC"),
    ]
    if remediations:
        blocks.append(
            Table(
                headers=REMEDIATION_HEADERS,
                rows=[
                    [number, item.content, item.unit.name, f"{item.deadline:%d/%m/%Y}"]
                    for number, item in enumerate(remediations, start=1)
                ],
                column_align=["center", None, None, "center"],
                column_widths=[6, 54, 24, 16],
            )
        )
    else:
        blocks.append(Paragraph("Không có nội dung phải khắc phục.", italic=True))
    blocks.append(
        Paragraph(
            "Các đơn vị có tên trên tổ chức khắc phục đúng thời hạn và báo cáo kết quả về cơ quan kiểm tra"
            " để theo dõi, tổng hợp./."
        )
    )
    recipients = ["UBND tỉnh" if plan.level == InspectionPlan.Level.PROVINCE else f"UBND {plan.unit.name}"]
    recipients += [f"UBND {unit.name}" for unit in units]
    return Document(
        **masthead,
        number=inspection.report_number or draft_number(symbol),
        date=inspection.report_date,
        title="BÁO CÁO",
        summary=f"Kết quả kiểm tra thực hiện Chương trình năm {plan.year}\n({inspection.name})",
        bases=[document.basis() for document in inspection.bases.all()],
        blocks=blocks,
        recipients=recipients,
        archive="VT",
        signatures=[signature(head, inspection.signer_title, inspection.signer_name)],
    )
