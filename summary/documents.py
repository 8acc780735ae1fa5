"""The BÁO CÁO tổng hợp of a year: the dashboard's figures and charts in the official format, with
tables by unit, the open issues and a short assessment generated from the figures; and the same
figures as a workbook with one sheet per part. Everything comes from one `Summary`, built in the
reader's scope: an officer's report covers their unit only."""

from datetime import date

from django.utils.text import capfirst

from communes.models import EthnicAffairsOffice, Programme
from communes.selectors import portal_province
from p135portal.documents import (
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
    draft_number,
    ethnic_affairs_office,
    unit_committee,
)
from p135portal.excel import Sheet, write_workbook
from p135portal.numbers import group_thousands
from p135portal.templatetags.vn import phan_tram
from p135portal.text import strip_prefix
from summary.charts import charts, millions
from summary.selectors import Summary

LATE_UNITS_NAMED = 30  # the report names so many units late with their reports; the count covers all


def _percent(part: int | float, whole: int | float) -> str:
    return _share(100 * part / whole) if whole else "–"


_share = phan_tram  # "54,3%", "–" for no figure: as the dashboard shows it


def _who(summary: Summary) -> str:
    scope = summary.scope
    if scope.unit is not None:
        return scope.unit.name
    return "toàn tỉnh" if scope.whole_province else scope.user.unit.name


def training_lines(summary: Summary) -> list[str]:
    total = summary.training_total
    if not total.planned_classes:
        return [f"{capfirst(summary.span)} chưa có lớp bồi dưỡng nào trong kế hoạch đã được duyệt."]
    shares = total.shares()
    lines = [
        f"Đã tổ chức và báo cáo {group_thousands(total.reported_classes)}/{group_thousands(total.planned_classes)}"
        f" lớp theo kế hoạch ({_percent(total.reported_classes, total.planned_classes)}) với"
        f" {group_thousands(total.participants)} học viên (kế hoạch {group_thousands(total.planned_participants)}"
        " học viên).",
        f"Tỷ lệ học viên nữ {_share(shares['women'])} (kế hoạch {_share(shares['planned_women'])}), người dân tộc"
        f" thiểu số {_share(shares['ethnic_minority'])} (kế hoạch {_share(shares['planned_ethnic_minority'])}), cán"
        f" bộ trẻ {_share(shares['young_cadres'])} (kế hoạch {_share(shares['planned_young_cadres'])}).",
    ]
    if total.waiting_classes:
        lines.append(f"{group_thousands(total.waiting_classes)} báo cáo lớp đã gửi, đang chờ xem xét.")
    return lines


def fund_lines(summary: Summary) -> list[str]:
    money = summary.funds_total
    if not money:
        return [f"Chưa có phương án phân bổ vốn {summary.span}."]
    elapsed = summary.funds_pace or 0
    rate = money["rate"] or 0
    pace = "chậm so với" if rate < elapsed else "đạt hoặc vượt"
    lines = [
        f"Tổng vốn phân bổ {group_thousands(millions(money['amount']))} triệu đồng cho"
        f" {group_thousands(money['units'])} đơn vị; đã giải ngân {group_thousands(millions(money['disbursed']))}"
        f" triệu đồng, đạt {_share(money['rate'])}, {pace} tiến độ thời gian (cần đạt"
        f" {_share(elapsed)} theo thời gian đã qua); đã thanh toán"
        f" {group_thousands(millions(money['paid']))} triệu đồng, quyết toán"
        f" {group_thousands(millions(money['settled']))} triệu đồng.",
    ]
    if summary.behind:
        names = ", ".join(f"{item['share'].unit.name} ({_share(item['pace'])})" for item in summary.behind[:5])
        lines.append(f"Các đơn vị giải ngân chậm nhất so với mức cần đạt theo thời gian: {names}.")
    return lines


def monitoring_lines(summary: Summary) -> list[str]:
    m = summary.monitoring
    parts = [
        (m["remediation_overdue"], "việc khắc phục sau kiểm tra quá hạn"),
        (m["reports_late"], f"báo cáo định kỳ quá hạn chưa nộp của {len(m['late_units'])} đơn vị"),
        (m["tasks_overdue"], "nhiệm vụ trong kế hoạch triển khai quá hạn chưa hoàn thành"),
        (m["households_in_breach"], "hộ hưởng lợi vi phạm cam kết ở lần kiểm tra gần nhất"),
    ]
    found = [f"{group_thousands(count)} {words}" for count, words in parts if count]
    if not found:
        return ["Không có việc khắc phục, báo cáo định kỳ hay nhiệm vụ nào quá hạn."]
    return [f"Còn {'; '.join(found)}."]


def assessment(summary: Summary) -> list[str]:
    """A short assessment generated from the figures (the drafter completes it in Word)."""
    lines = []
    total = summary.training_total
    if total.planned_classes:
        done = total.reported_classes / total.planned_classes
        lines.append(
            "Công tác bồi dưỡng "
            + (
                "cơ bản hoàn thành kế hoạch."
                if done >= 0.9
                else f"mới đạt {_percent(total.reported_classes, total.planned_classes)} số lớp kế hoạch."
            )
        )
    if summary.funds_total:
        elapsed = summary.funds_pace or 0
        rate = summary.funds_total["rate"] or 0
        lines.append(
            "Tiến độ giải ngân "
            + (
                "đáp ứng tiến độ thời gian."
                if rate >= elapsed
                else f"chậm so với tiến độ thời gian, cần đôn đốc {len(summary.behind)} đơn vị chậm nhất."
            )
        )
    lines.extend(monitoring_lines(summary))
    return lines


def _training_table(summary: Summary) -> Table:
    rows = [
        [
            n,
            row.label if row.counted else f"{row.label} ({row.status.lower()}, chưa cộng)",
            row.planned_classes,
            row.reported_classes,
            row.participants,
            row.women,
            row.ethnic_minority,
            row.young_cadres,
        ]
        for n, row in enumerate(summary.trainings, start=1)
    ]
    t = summary.training_total
    return Table(
        headers=["STT", "Đơn vị", "Lớp kế hoạch", "Lớp đã báo cáo", "Học viên", "Nữ", "DTTS", "Cán bộ trẻ"],
        rows=rows,
        total=[
            "",
            "Tổng cộng",
            t.planned_classes,
            t.reported_classes,
            t.participants,
            t.women,
            t.ethnic_minority,
            t.young_cadres,
        ],
        column_align=["center"],
        column_widths=[5, 24, 10, 10, 10, 8, 8, 9],
    )


def _fund_table(summary: Summary) -> Table:
    """By district for a year before the reform when the report covers several (a province's 200
    communes are in the workbook), otherwise by commune."""
    by_district = len(summary.funds_by_district) > 1
    rows = [
        [
            n,
            row["name"],
            millions(row["amount"]),
            millions(row["disbursed"]),
            millions(row["paid"]),
            _share(row["rate"]),
        ]
        for n, row in enumerate(summary.funds_by_district if by_district else summary.funds_by_unit, start=1)
    ]
    t = summary.funds_total
    return Table(
        headers=[
            "STT",
            "Huyện" if by_district else "Đơn vị",
            "Phân bổ (tr.đ)",
            "Giải ngân (tr.đ)",
            "Thanh toán (tr.đ)",
            "Tỷ lệ giải ngân",
        ],
        rows=rows,
        total=[
            "",
            "Tổng cộng",
            millions(t["amount"]),
            millions(t["disbursed"]),
            millions(t["paid"]),
            _share(t["rate"]),
        ],
        column_align=["center", None, None, None, None, "right"],
        column_widths=[5, 27, 12, 12, 12, 11],
    )


def _open_issues(summary: Summary) -> list:
    m, blocks = summary.monitoring, []
    if m["overdue_items"]:
        rows = [
            [n, item.unit.name, item.content, item.deadline.strftime("%d/%m/%Y")]
            for n, item in enumerate(m["overdue_items"], start=1)
        ]
        blocks += [
            Paragraph(f"Việc khắc phục sau kiểm tra quá hạn ({group_thousands(m['remediation_overdue'])} việc):"),
            Table(
                ["STT", "Đơn vị", "Nội dung khắc phục", "Thời hạn"],
                rows,
                column_align=["center", None, None, "center"],
                column_widths=[6, 24, 50, 14],
            ),
        ]
    if m["late_units"]:
        names = ", ".join(f"{name} ({count})" for name, count in m["late_units"][:LATE_UNITS_NAMED])
        if len(m["late_units"]) > LATE_UNITS_NAMED:
            names += f" và {len(m['late_units']) - LATE_UNITS_NAMED} đơn vị khác"
        blocks.append(Paragraph(f"Đơn vị còn báo cáo định kỳ {summary.span} quá hạn chưa nộp (số kỳ): {names}."))
    if summary.behind:
        names = ", ".join(f"{item['share'].unit.name} ({_share(item['pace'])})" for item in summary.behind)
        blocks.append(Paragraph(f"Đơn vị giải ngân chậm so với tiến độ thời gian (tỷ lệ so với mức cần đạt): {names}."))
    return blocks or [Paragraph("Không có vấn đề tồn đọng quá hạn.", italic=True)]


def summary_document(summary: Summary, on: date) -> Document:
    """The BÁO CÁO tổng hợp of the summary's year, issued by the office (province-wide) or by the
    officer's own UBND (their unit only), dated `on`."""
    scope, year = summary.scope, summary.year
    phase = scope.phase
    programme = phase.programme.name if phase and phase.programme else Programme.name_in(year)
    province = portal_province()
    province_name = strip_prefix(province.name) if province else ""
    own_unit = None if scope.whole_province or scope.unit is not None else scope.user.unit
    office = EthnicAffairsOffice.on(on)
    if own_unit is None:
        issuer = ethnic_affairs_office(province_name, office.name)
        number, author = draft_number(f"BC-{office.symbol}"), office.name
        signature = Signature([f"KT. {office.head}"], f"PHÓ {office.head}", "")
    else:
        issuer = unit_committee(own_unit.name, strip_prefix(own_unit.name))
        number, author = draft_number("BC-UBND"), f"Ủy ban nhân dân {own_unit.name}"
        signature = Signature(["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "")
    chart = charts(summary)
    coverage = "; ".join(f"{row['label']}: {group_thousands(row['count'])} {row['noun']}" for row in summary.coverage)
    blocks = [
        Paragraph(
            f"{author} báo cáo tổng hợp tình hình thực hiện {programme} {summary.span} của {_who(summary)}"
            f" (số liệu tính đến ngày {summary.scope.today:%d/%m/%Y}) như sau:"
        ),
        Heading(1, "I. ĐỊA BÀN THUỘC DIỆN ĐẦU TƯ"),
        Paragraph(
            f"Giai đoạn {summary.phase}: {coverage}." if coverage else "Chưa có danh sách đơn vị thuộc diện đầu tư."
        ),
        *([chart["coverage"]] if "coverage" in chart else []),
        Heading(1, "II. NÂNG CAO NĂNG LỰC"),
        *[Paragraph(line) for line in training_lines(summary)],
        *[chart[key] for key in ("classes", "shares") if key in chart],
        *([_training_table(summary)] if summary.trainings else []),
        Heading(1, "III. PHÂN BỔ VÀ GIẢI NGÂN VỐN"),
        *[Paragraph(line) for line in fund_lines(summary)],
        *[chart[key] for key in ("components", "behind") if key in chart],
        *([_fund_table(summary)] if summary.funds_by_unit else []),
        Heading(1, "IV. KIỂM TRA, GIÁM SÁT"),
        *[Paragraph(line) for line in monitoring_lines(summary)],
        Heading(1, "V. NHỮNG VẤN ĐỀ CẦN TẬP TRUNG CHỈ ĐẠO"),
        *_open_issues(summary),
        *(
            [Heading(1, "VI. KẾT QUẢ QUA CÁC NĂM"), chart["money_trend"], chart["trainee_trend"]]
            if "money_trend" in chart
            else []
        ),
        Heading(1, "VII. ĐÁNH GIÁ CHUNG" if "money_trend" in chart else "VI. ĐÁNH GIÁ CHUNG"),
        *[Paragraph(line) for line in assessment(summary)],
        Paragraph(
            f"Trên đây là báo cáo tổng hợp tình hình thực hiện {programme} {summary.span} của {_who(summary)}./."
        ),
    ]
    return Document(
        **issuer,
        number=number,
        date=on,
        title="BÁO CÁO",
        summary=f"Tổng hợp tình hình thực hiện {summary.span}",
        blocks=blocks,
        recipients=["Ủy ban nhân dân tỉnh"] if own_unit is None else [f"{office.name} tỉnh"],
        archive="VT",
        signatures=[signature],
    )


def summary_workbook(summary: Summary) -> bytes:
    """The same figures as a workbook, one sheet per part."""
    m, t = summary.monitoring, summary.training_total
    sheets = [
        Sheet(
            "Diện đầu tư",
            ["Diện", "Số đơn vị", "Loại"],
            [[r["label"], r["count"], r["noun"]] for r in summary.coverage],
        ),
        Sheet(
            "Nâng cao năng lực",
            [
                "Đơn vị",
                "Kế hoạch",
                "Lớp kế hoạch",
                "Lớp đã báo cáo",
                "Báo cáo chờ xem xét",
                "Học viên kế hoạch",
                "Học viên",
                "Nữ",
                "DTTS",
                "Cán bộ trẻ",
                "Kinh phí (đồng)",
            ],
            [
                [
                    r.label,
                    r.status,
                    r.planned_classes,
                    r.reported_classes,
                    r.waiting_classes,
                    r.planned_participants,
                    r.participants,
                    r.women,
                    r.ethnic_minority,
                    r.young_cadres,
                    r.cost,
                ]
                for r in [*summary.trainings, t]
            ],
        ),
        Sheet(
            "Vốn theo nội dung",
            ["Nội dung", "Phân bổ (đồng)", "Giải ngân (đồng)", "Thanh toán (đồng)", "Quyết toán (đồng)"],
            [[r["name"], r["amount"], r["disbursed"], r["paid"], r["settled"]] for r in summary.funds_by_component],
        ),
        Sheet(
            "Vốn theo đơn vị",
            [
                "Đơn vị",
                "Phân bổ (đồng)",
                "Giải ngân (đồng)",
                "Thanh toán (đồng)",
                "Quyết toán (đồng)",
                "Tỷ lệ giải ngân (%)",
            ],
            [
                [r["name"], r["amount"], r["disbursed"], r["paid"], r["settled"], r["rate"]]
                for r in summary.funds_by_unit
            ],
        ),
        Sheet("Nguồn vốn", ["Nguồn", "Số tiền (đồng)"], [[r["label"], r["amount"]] for r in summary.sources]),
        Sheet(
            "Giám sát",
            ["Chỉ tiêu", "Số lượng"],
            [
                ["Việc khắc phục chưa hoàn thành", m["remediation_open"]],
                ["Việc khắc phục quá hạn", m["remediation_overdue"]],
                ["Báo cáo định kỳ quá hạn chưa nộp", m["reports_late"]],
                ["Báo cáo định kỳ chờ xem xét", m["reports_waiting"]],
                ["Nhiệm vụ quá hạn", m["tasks_overdue"]],
                ["Hộ vi phạm cam kết", m["households_in_breach"]],
            ],
        ),
        Sheet(
            "Qua các năm",
            ["Năm", "Vốn phân bổ (đồng)", "Giải ngân (đồng)", "Lớp đã báo cáo", "Học viên"],
            [[r["year"], r["allocated"], r["disbursed"], r["held"], r["trainees"]] for r in summary.trends],
        ),
    ]
    return write_workbook(sheets)
