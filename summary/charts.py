"""The dashboard's charts, built from a `Summary`: the same charts on the page and in the BÁO CÁO."""

from decimal import ROUND_HALF_UP, Decimal

from p135portal.charts import Chart
from summary.selectors import Summary

UNITS_CHARTED = 15  # the units with the largest figures; the table beside the chart has them all


def millions(amount: int) -> int:
    return int((Decimal(amount) / 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def charts(summary: Summary) -> dict[str, Chart]:
    span, result = summary.span, {}
    if summary.coverage:
        result["coverage"] = Chart(
            f"Đơn vị thuộc diện đầu tư, giai đoạn {summary.phase}",
            ["Số đơn vị"],
            [(f"{row['label']} ({row['noun']})", [row["count"]]) for row in summary.coverage],
        )
    if summary.trainings:
        rows = sorted(summary.trainings, key=lambda row: -row.planned_classes)[:UNITS_CHARTED]
        result["classes"] = Chart(
            f"Lớp bồi dưỡng {span}: kế hoạch và đã báo cáo",
            ["Kế hoạch", "Đã báo cáo (được chấp nhận)"],
            [(row.label, [row.planned_classes, row.reported_classes]) for row in rows],
        )
        shares = summary.training_total.shares()
        result["shares"] = Chart(
            f"Tỷ lệ học viên {span} so với kế hoạch",
            ["Kế hoạch", "Thực hiện"],
            [
                (label, [shares[f"planned_{part}"], shares[part]])
                for label, part in (("Nữ", "women"), ("Người DTTS", "ethnic_minority"), ("Cán bộ trẻ", "young_cadres"))
            ],
            suffix="%",
        )
    if summary.funds_total:
        result["components"] = Chart(
            f"Vốn {span} theo nội dung (triệu đồng)",
            ["Phân bổ", "Giải ngân", "Thanh toán"],
            [
                (row["name"], [millions(row["amount"]), millions(row["disbursed"]), millions(row["paid"])])
                for row in summary.funds_by_component
            ],
        )
    if summary.behind:
        result["behind"] = Chart(
            "Đơn vị giải ngân chậm nhất so với tiến độ thời gian",
            ["Đã giải ngân so với mức cần đạt"],
            [(item["share"].unit.name, [item["pace"]]) for item in summary.behind],
            suffix="%",
        )
    if any(row["allocated"] or row["held"] for row in summary.trends):
        result["money_trend"] = Chart(
            "Vốn phân bổ và giải ngân qua các năm (triệu đồng)",
            ["Phân bổ", "Giải ngân"],
            [(str(row["year"]), [millions(row["allocated"]), millions(row["disbursed"])]) for row in summary.trends],
        )
        result["trainee_trend"] = Chart(
            "Lớp đã báo cáo và học viên qua các năm",
            ["Lớp", "Học viên"],
            [(str(row["year"]), [row["held"], row["trainees"]]) for row in summary.trends],
        )
    return result
