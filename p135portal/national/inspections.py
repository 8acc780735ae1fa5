"""National data: inspections with their checklist results and remediation."""

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from communes.models import (
    REFORM_LAST_OLD_DAY,
    Unit,
)
from monitoring.models import (
    Area,
    ChecklistResult,
    InspectionPlan,
    InspectionRound,
    Method,
    Remediation,
)
from p135portal.national.base import BATCH, INSPECTION_YEARS, MARK, _day_between
from p135portal.numbers import group_thousands

FINDINGS = {
    Area.DOCUMENTS: "Chưa ban hành đủ văn bản hướng dẫn; tập huấn cho cán bộ thôn còn ít.",
    Area.PROGRESS: "Một số công trình chậm tiến độ so với kế hoạch năm.",
    Area.CAPITAL: "Tỷ lệ giải ngân vốn còn thấp; một số công trình hoàn thành chưa quyết toán.",
    Area.COMPLIANCE: "Hồ sơ lựa chọn hộ hưởng lợi, biên bản bàn giao hỗ trợ sản xuất chưa đầy đủ.",
    Area.REPORTING: "Báo cáo định kỳ gửi chậm; số liệu chưa khớp giữa các biểu.",
}
REMEDIES = {
    Area.DOCUMENTS: "Ban hành văn bản hướng dẫn còn thiếu; tổ chức tập huấn cho cán bộ thôn.",
    Area.PROGRESS: "Lập phương án hoàn thành khối lượng còn chậm, báo cáo tiến độ hằng tháng.",
    Area.CAPITAL: "Đẩy nhanh giải ngân; hoàn thiện hồ sơ quyết toán các công trình hoàn thành.",
    Area.COMPLIANCE: "Bổ sung hồ sơ lựa chọn hộ hưởng lợi và biên bản bàn giao còn thiếu.",
    Area.REPORTING: "Thực hiện báo cáo định kỳ đúng thời hạn; thống nhất số liệu giữa các biểu.",
}
TEAM = (
    "Nguyễn Văn Mẫu, Phó Trưởng ban - Trưởng đoàn\nTrần Thị Mẫu, Trưởng phòng - Phó Trưởng đoàn\n"
    "Lê Văn Mẫu, Chuyên viên - Thư ký"
)


def _inspections(districts: list[Unit], communes: list[Unit], today: date, say) -> None:
    for year in INSPECTION_YEARS:
        with transaction.atomic():
            say(_inspection_year(year, districts, communes, today, random.Random(year)))


def _inspection_year(year: int, districts: list[Unit], communes: list[Unit], today: date, rng) -> str:
    """Before the reform every district inspects a few of its communes once a year (in 2025 before
    1 July); from 2026 each province holds two rounds in some of its communes. Each round has its
    checklist; what failed is given to an inspected commune to remedy, followed up until closed."""
    if InspectionPlan.objects.filter(year=year, title__startswith=MARK).exists():
        return f"Kiểm tra năm {year}: đã có"
    groups: dict[int, list[int]] = defaultdict(list)  # the organiser → the communes it may inspect
    if date(year, 1, 1) <= REFORM_LAST_OLD_DAY:
        organisers = {unit.pk: unit for unit in districts}
        for parent_id, pk in Unit.objects.filter(parent__in=districts, level=Unit.Level.COMMUNE).values_list(
            "parent_id", "pk"
        ):
            groups[parent_id].append(pk)
        level, rounds_each = InspectionPlan.Level.DISTRICT, 1
    else:
        organisers = {unit.pk: unit for unit in Unit.objects.filter(pk__in={commune.parent_id for commune in communes})}
        for commune in communes:
            groups[commune.parent_id].append(commune.pk)
        level, rounds_each = InspectionPlan.Level.PROVINCE, 2
    last_day = min(date(year, 12, 31), today)
    if level == InspectionPlan.Level.DISTRICT:
        last_day = min(last_day, REFORM_LAST_OLD_DAY)
    if last_day < date(year, 4, 1):
        return f"Kiểm tra năm {year}: chưa đến kỳ kiểm tra"
    plans = []
    for organiser_id in sorted(groups):
        organiser = organisers[organiser_id]
        plans.append(
            InspectionPlan(
                year=year,
                level=level,
                unit=organiser if level == InspectionPlan.Level.DISTRICT else None,
                kind=InspectionPlan.Kind.AD_HOC if rng.random() < 0.1 else InspectionPlan.Kind.PERIODIC,
                title=f"{MARK} Kế hoạch kiểm tra, giám sát thực hiện Chương trình năm {year} – {organiser.name}",
                purpose=f"{MARK} Kiểm tra việc thực hiện Chương trình tại các xã; kịp thời phát hiện khó khăn, vướng"
                " mắc để hướng dẫn, tháo gỡ.",
            )
        )
    InspectionPlan.objects.bulk_create(plans, batch_size=BATCH)
    rounds, inspected = [], []
    for plan, organiser_id in zip(plans, sorted(groups), strict=True):
        for number in range(1, rounds_each + 1):
            window = (last_day - date(year, 3, 1)).days // rounds_each
            opens = date(year, 3, 1) + timedelta(days=window * (number - 1))
            start = _day_between(rng, opens, opens + timedelta(days=max(window - 10, 0)))
            end = start + timedelta(days=rng.randint(2, 5))
            reported = end + timedelta(days=7)
            rounds.append(
                InspectionRound(
                    plan=plan,
                    name=f"Đợt {number}",
                    start_date=start,
                    end_date=end,
                    team=TEAM,
                    methods=rng.sample(Method.values, 3),
                    findings=f"{MARK} Các xã cơ bản thực hiện đúng kế hoạch; còn một số tồn tại nêu tại kết quả"
                    " từng nội dung kiểm tra.",
                    recommendations=f"{MARK} UBND các xã khắc phục các tồn tại trong thời hạn; báo cáo kết quả"
                    " về cơ quan tổ chức kiểm tra.",
                    report_date=reported if reported <= today else None,
                    signer_name="Nguyễn Văn Mẫu",
                    signer_title="Phó Trưởng ban",
                )
            )
            candidates = groups[organiser_id]
            inspected.append(rng.sample(candidates, min(len(candidates), rng.randint(2, 4))))
    InspectionRound.objects.bulk_create(rounds, batch_size=BATCH)
    links = [
        InspectionRound.units.through(inspectionround_id=inspection.pk, unit_id=unit_id)
        for inspection, unit_ids in zip(rounds, inspected, strict=True)
        for unit_id in unit_ids
    ]
    InspectionRound.units.through.objects.bulk_create(links, batch_size=BATCH)
    checklist, remediations = [], []
    for inspection, unit_ids in zip(rounds, inspected, strict=True):
        for area in Area:
            draw = rng.random()
            if draw < 0.3 and unit_ids:
                checklist.append(
                    ChecklistResult(
                        round=inspection,
                        area=area,
                        result=ChecklistResult.Result.FAILED,
                        note=f"{MARK} {FINDINGS[area]}",
                    )
                )
                remediations.append(_remediation(inspection, area, rng.choice(unit_ids), today, rng))
            elif draw < 0.9:
                result = ChecklistResult.Result.PASSED
                checklist.append(
                    ChecklistResult(round=inspection, area=area, result=result, note=f"{MARK} Đạt yêu cầu.")
                )
            else:
                checklist.append(ChecklistResult(round=inspection, area=area))
    ChecklistResult.objects.bulk_create(checklist, batch_size=BATCH)
    Remediation.objects.bulk_create(remediations, batch_size=BATCH)
    return (
        f"Kiểm tra năm {year}: {group_thousands(len(plans))} kế hoạch, {group_thousands(len(rounds))} đợt kiểm tra tại"
        f" {group_thousands(len(links))} xã, {group_thousands(len(remediations))} việc khắc phục"
    )


def _remediation(inspection: InspectionRound, area: str, unit_id: int, today: date, rng) -> Remediation:
    """Due two to four months after the round; most done by the deadline, some late, some still open."""
    deadline = inspection.end_date + timedelta(days=rng.randint(60, 120))
    item = Remediation(round=inspection, content=f"{MARK} {REMEDIES[area]}", unit_id=unit_id, deadline=deadline)
    draw = rng.random()
    closed_on = inspection.end_date + timedelta(days=rng.randint(20, 140))
    if closed_on <= today and draw < (0.85 if deadline < today else 0.4):
        item.status, item.closed_on = Remediation.Status.DONE, closed_on
        item.progress_note = f"{MARK} Đã khắc phục xong, có báo cáo kèm hồ sơ."
    elif draw < 0.95:
        item.status = Remediation.Status.DOING
        item.progress_note = f"{MARK} Đang thực hiện."
    return item
