"""The printed BÁO CÁO of a unit's periodic report, through the shared document renderer."""

from datetime import date

from django.utils import timezone

from communes.models import EthnicAffairsOffice, Programme
from communes.selectors import portal_province
from monitoring.models import PeriodicReport, ReportPeriod
from monitoring.selectors.reports import PeriodSummary
from p135portal.access import Perm
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Part,
    Signature,
    Table,
    draft_number,
    ethnic_affairs_office,
    paragraphs,
    unit_committee,
)
from p135portal.documents.types import DocumentType
from p135portal.text import strip_prefix


def period_words(period: ReportPeriod) -> str:
    """ "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026"."""
    if period.kind == ReportPeriod.Kind.YEAR:
        return f"năm {period.year}"
    if period.kind in (ReportPeriod.Kind.THREE_MONTHS, ReportPeriod.Kind.SIX_MONTHS):
        return f"{period.months} tháng đầu năm {period.year}"
    return f"{period.months} tháng năm {period.year}"


def during(period: ReportPeriod) -> str:
    """ "trong 6 tháng đầu năm 2026", "năm 2026": how the summary and the body name the period."""
    words = period_words(period)
    return words if period.kind == ReportPeriod.Kind.YEAR else f"trong {words}"


def figures_table(report: PeriodicReport) -> Table:
    rows = [
        [1, "Vốn đã giải ngân từ đầu năm", "đồng", report.disbursed],
        [2, "Vốn đã thanh toán từ đầu năm", "đồng", report.paid],
        [3, "Số lớp tập huấn, bồi dưỡng đã tổ chức", "lớp", report.classes],
        [4, "Số lượt học viên", "lượt người", report.trainees],
        [5, "Số hộ thoát nghèo", "hộ", report.poor_households_out],
    ]
    return Table(
        headers=["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng"],
        rows=rows,
        column_align=["center", None, "center", None],
        column_widths=[8, 52, 16, 24],
    )


def report_document(report: PeriodicReport) -> Document:
    period, unit = report.period, report.unit
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    office = f"{EthnicAffairsOffice.on(timezone.localtime(report.sent_at).date()).name} tỉnh {province_name}".strip()
    words = during(period)
    programme = Programme.name_in(period.ends_on.year)
    blocks = [
        Paragraph(
            f"Thực hiện chế độ báo cáo định kỳ về {programme} của {office},"
            f" Ủy ban nhân dân {unit.name.lower()[:1]}{unit.name[1:]} báo cáo kết quả thực hiện {words}"
            f" (số liệu tính đến ngày {period.ends_on:%d/%m/%Y}) như sau:"
        ),
        Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
        *paragraphs(report.narrative, empty="(Không có nội dung.)"),
        Heading(1, "II. MỘT SỐ CHỈ TIÊU CHỦ YẾU"),
        Part("Bảng chỉ tiêu chủ yếu", [figures_table(report)]),
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện {programme} {words} của Ủy ban nhân dân"
            f" {unit.name.lower()[:1]}{unit.name[1:]}./."
        ),
    ]
    return Document(
        **unit_committee(unit.name, strip_prefix(unit.name)),
        number=draft_number("BC-UBND"),
        date=timezone.localtime(report.sent_at).date(),
        title="BÁO CÁO",
        summary=f"Kết quả thực hiện {programme} {words}",
        blocks=blocks,
        recipients=[office],
        archive="VT",
        signatures=[Signature(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "")],
    )


SUMMARY_HEADERS = ["STT", "Đơn vị", "Giải ngân (đồng)", "Thanh toán (đồng)", "Số lớp", "Học viên", "Hộ thoát nghèo"]


def summary_document(summary: PeriodSummary, on: date) -> Document:
    """The province office's BÁO CÁO gathering the units' reports of a period: who sent, who did
    not, and the figures they confirmed, with their totals."""
    period = summary.period
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    office = EthnicAffairsOffice.on(on)
    words = during(period)
    programme = Programme.name_in(period.ends_on.year)
    sent, missing = summary.sent, summary.missing
    late = sum(cell.late_submission for cell in sent)
    names = ", ".join(cell.unit.name for cell in missing)
    status_lines = [
        Paragraph(
            f"Đến ngày {on:%d/%m/%Y}, có {len(sent)}/{len(summary.cells)} đơn vị đã gửi báo cáo"
            f" {words} (hạn nộp ngày {period.due_on:%d/%m/%Y})"
            + (f", trong đó {late} đơn vị gửi muộn." if late else ".")
        ),
        Paragraph(
            f"Các đơn vị chưa gửi hoặc phải gửi lại báo cáo: {names}."
            if missing
            else "Không có đơn vị nào chưa gửi báo cáo."
        ),
    ]
    rows = [
        [
            number,
            cell.unit.name,
            cell.report.disbursed,
            cell.report.paid,
            cell.report.classes,
            cell.report.trainees,
            cell.report.poor_households_out,
        ]
        for number, cell in enumerate(sent, start=1)
    ]
    figures: Table | Paragraph = (
        Table(
            headers=SUMMARY_HEADERS,
            rows=rows,
            total=[
                "",
                "Tổng cộng",
                *[summary.total(name) for name in ("disbursed", "paid", "classes", "trainees", "poor_households_out")],
            ],
            column_align=["center", None, None, None, None, None, None],
            column_widths=[6, 26, 18, 18, 9, 11, 12],
        )
        if rows
        else Paragraph("Chưa có đơn vị nào gửi báo cáo.", italic=True)
    )
    return Document(
        **ethnic_affairs_office(province_name, office.name),
        number=draft_number(f"BC-{office.symbol}"),
        date=on,
        title="BÁO CÁO",
        summary=f"Tổng hợp báo cáo định kỳ {programme} {words} của các đơn vị",
        blocks=[
            Paragraph(
                f"{office.name} tổng hợp báo cáo kết quả thực hiện {programme} {words} của các đơn vị"
                f" (số liệu tính đến ngày {period.ends_on:%d/%m/%Y}) như sau:"
            ),
            Heading(1, "I. TÌNH HÌNH GỬI BÁO CÁO"),
            *status_lines,
            Heading(1, "II. SỐ LIỆU CHỦ YẾU DO CÁC ĐƠN VỊ BÁO CÁO"),
            figures,
        ],
        recipients=["Ủy ban nhân dân tỉnh", "Ủy ban Dân tộc"],
        archive="VT",
        signatures=[Signature([f"KT. {office.head}"], f"PHÓ {office.head}", "")],
    )


def _own_reports(user):
    """The reports of the officer's own unit not yet accepted: its author may still change the text."""
    if not user.unit_id:
        return PeriodicReport.objects.none()
    reports = PeriodicReport.objects.filter(unit=user.unit).exclude(status=PeriodicReport.Status.ACCEPTED)
    return reports.select_related("period__schedule", "unit__parent")


AUTHORING = DocumentType(
    kind="bao-cao-dinh-ky",
    name="Báo cáo định kỳ",
    permission=Perm.REPORT_MONITORING,
    editable=_own_reports,
    build=report_document,
    issued=lambda report: report.status == PeriodicReport.Status.ACCEPTED,
)
