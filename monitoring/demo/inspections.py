"""Demo inspections and evaluations of seed_demo (Lạng Sơn); every text is marked "[Dữ liệu mẫu]"."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from communes.models import LegalDocument, Phase, Unit
from monitoring.models import Area, Evaluation, Indicator, InspectionPlan, Method
from monitoring.services import evaluations as evaluation_services
from monitoring.services import inspections as services
from p135portal.models import User

PLAN_TITLE = "Kế hoạch kiểm tra, giám sát thực hiện Chương trình năm 2026"
BASIS = {
    "kind": LegalDocument.Kind.KE_HOACH,
    "number": "15/KH-BDT-DEMO",
    "issued_on": date(2026, 3, 10),
    "issuer": "Ban Dân tộc tỉnh Lạng Sơn",
    "summary": "[Dữ liệu mẫu] Kiểm tra, giám sát thực hiện Chương trình năm 2026 (không phải văn bản thật)",
}
# The three new communes inspected in 2026 (no district level since 1/7/2025).
COMMUNES = {"06046": "Tràng Định", "06001": "Đoàn Kết", "06040": "Thất Khê"}

CHECKLIST = {
    Area.DOCUMENTS: ("dat", "[Dữ liệu mẫu] Các xã ban hành đủ văn bản chỉ đạo; đã tổ chức 12 lớp tập huấn."),
    Area.PROGRESS: ("dat", "[Dữ liệu mẫu] Cơ bản hoàn thành khối lượng theo kế hoạch năm."),
    Area.CAPITAL: (
        "chua_dat",
        "[Dữ liệu mẫu] Tỷ lệ giải ngân vốn sự nghiệp của xã Tràng Định đạt 61%, thấp hơn bình quân của tỉnh;"
        " còn 4 công trình chưa quyết toán.",
    ),
    Area.COMPLIANCE: ("dat", "[Dữ liệu mẫu] Chấp hành đúng quy trình lựa chọn dự án hỗ trợ phát triển sản xuất."),
    Area.REPORTING: ("chua_dat", "[Dữ liệu mẫu] Báo cáo 6 tháng của xã Tràng Định gửi chậm 15 ngày."),
}

INDICATORS = [
    ("Tỷ lệ hộ nghèo ở các xã ĐBKK", "%", "32.5", "20", "21.8", Indicator.Direction.LOWER),
    ("Thu nhập bình quân đầu người", "triệu đồng/người/năm", "23.5", "35", "36.2", Indicator.Direction.HIGHER),
    ("Số xã hoàn thành mục tiêu, ra khỏi diện ĐBKK", "xã", "0", "20", "14", Indicator.Direction.HIGHER),
    ("Tỷ lệ thôn có đường ô tô đến trung tâm được cứng hóa", "%", "71", "90", "92.4", Indicator.Direction.HIGHER),
    ("Tỷ lệ hộ được sử dụng nước sinh hoạt hợp vệ sinh", "%", "85", "95", "93.1", Indicator.Direction.HIGHER),
    ("Lượt cán bộ cơ sở, cộng đồng được tập huấn", "lượt người", "0", "6000", "6420", Indicator.Direction.HIGHER),
]


def _commune(code: str) -> Unit | None:
    return Unit.objects.filter(level=Unit.Level.COMMUNE, code=code, parent__code="20").current(date(2026, 1, 1)).first()


@transaction.atomic
def seed_inspections(*, actor: User) -> str:
    """One 2026 province plan with a round in three communes of Lạng Sơn, its checklist, findings and
    three remediation items (closed, open, overdue for Xã Tràng Định). Left alone once the plan exists."""
    if InspectionPlan.objects.filter(year=2026, title=PLAN_TITLE).exists():
        return "Kiểm tra: không thay đổi"
    communes = {code: _commune(code) for code in COMMUNES}
    if not all(communes.values()):
        return "Kiểm tra: chưa có các xã mới của tỉnh Lạng Sơn, bỏ qua"
    basis = LegalDocument.objects.filter(number=BASIS["number"], issued_on=BASIS["issued_on"]).first()
    if basis is None:
        basis = LegalDocument(**BASIS)
        basis._history_user = actor
        basis.save()
    plan = services.plan_save(
        data={
            "year": 2026,
            "level": InspectionPlan.Level.PROVINCE,
            "unit": None,
            "kind": InspectionPlan.Kind.PERIODIC,
            "title": PLAN_TITLE,
            "purpose": "[Dữ liệu mẫu] Kiểm tra việc thực hiện Chương trình tại các xã khu vực III và xã biên giới;"
            " kịp thời phát hiện khó khăn, vướng mắc để hướng dẫn, tháo gỡ.",
        },
        actor=actor,
    )
    inspection = services.round_save(
        plan=plan,
        data={
            "name": "Đợt 1",
            "start_date": date(2026, 6, 15),
            "end_date": date(2026, 6, 19),
            "team": "Hoàng Văn Thắng, Phó Giám đốc Sở Dân tộc và Tôn giáo - Trưởng đoàn\n"
            "Lục Thị Hạnh, Trưởng phòng Chính sách - Phó Trưởng đoàn\n"
            "Vi Văn Dũng, Chuyên viên Sở Tài chính\n"
            "Nguyễn Thị Hoa, Chuyên viên Sở Dân tộc và Tôn giáo - Thư ký",
            "methods": [Method.FILES, Method.FIELD, Method.LEADERS, Method.BENEFICIARIES],
            "methods_other": "",
            "findings": "[Dữ liệu mẫu] Tiến độ giải ngân vốn sự nghiệp ở xã Tràng Định còn chậm; hồ sơ quyết"
            " toán một số công trình hoàn thành năm 2025 chưa đầy đủ.\n\n"
            "Việc báo cáo định kỳ của một số xã chưa đúng thời hạn; số liệu chưa khớp giữa các biểu.",
            "recommendations": "[Dữ liệu mẫu] UBND các xã chỉ đạo đẩy nhanh giải ngân, hoàn thiện hồ sơ quyết"
            " toán; thực hiện nghiêm chế độ báo cáo định kỳ 3, 6, 12 tháng.",
            "report_number": "",
            "report_date": date(2026, 6, 26),
            "signer_name": "Hoàng Văn Thắng",
            "signer_title": "Phó Giám đốc",
        },
        units=[communes["06046"], communes["06040"], communes["06001"]],
        bases=[basis],
        actor=actor,
    )
    services.checklist_save(
        inspection=inspection, results={area.value: value for area, value in CHECKLIST.items()}, actor=actor
    )
    closed = services.remediation_save(
        inspection=inspection,
        data={
            "content": "[Dữ liệu mẫu] Bổ sung biên bản bàn giao giống, vật tư cho hộ hưởng lợi của dự án hỗ trợ"
            " sản xuất năm 2025.",
            "unit": communes["06040"],
            "deadline": date(2026, 8, 31),
        },
        actor=actor,
    )
    services.remediation_set_status(
        item=closed,
        status="xong",
        note="[Dữ liệu mẫu] Đã bổ sung đủ 46 biên bản bàn giao, gửi Sở Dân tộc và Tôn giáo ngày 20/8/2026.",
        closed_on=date(2026, 8, 20),
        actor=actor,
        today=date(2026, 8, 20),
    )
    services.remediation_save(
        inspection=inspection,
        data={
            "content": "[Dữ liệu mẫu] Hoàn thiện hồ sơ quyết toán 2 công trình đường giao thông nông thôn.",
            "unit": communes["06001"],
            "deadline": date(2027, 3, 31),
        },
        actor=actor,
    )
    services.remediation_save(
        inspection=inspection,
        data={
            "content": "[Dữ liệu mẫu] Đẩy nhanh giải ngân vốn sự nghiệp; báo cáo định kỳ đúng thời hạn quy định.",
            "unit": communes["06046"],
            "deadline": date(2026, 9, 30),
        },
        actor=actor,
    )
    return "Kiểm tra: tạo kế hoạch kiểm tra năm 2026, 1 đợt kiểm tra 3 xã, 3 việc khắc phục"


@transaction.atomic
def seed_evaluations(*, actor: User) -> str:
    """The mid-term evaluation of 2021-2025 with six indicators; left alone once it exists."""
    phase = Phase.objects.filter(name="2021-2025").first()
    if phase is None:
        return "Đánh giá: chưa có giai đoạn 2021-2025, bỏ qua"
    if Evaluation.objects.filter(phase=phase, kind=Evaluation.Kind.MID_TERM).exists():
        return "Đánh giá: không thay đổi"
    evaluation = evaluation_services.evaluation_save(
        data={
            "phase": phase,
            "kind": Evaluation.Kind.MID_TERM,
            "year": 2023,
            "title": "Đánh giá giữa kỳ thực hiện Chương trình giai đoạn 2021-2025 trên địa bàn tỉnh Lạng Sơn",
            "overview": "[Dữ liệu mẫu] Sau ba năm thực hiện, các nguồn vốn của Chương trình được phân bổ kịp thời;"
            " hạ tầng các xã ĐBKK được cải thiện rõ rệt.\n\n"
            "Công tác kiểm tra, giám sát được duy trì: cấp tỉnh 2 đợt/năm, cấp huyện 1 đợt/năm.",
            "conclusions": "[Dữ liệu mẫu] Phần lớn chỉ tiêu đạt hoặc vượt mục tiêu giữa kỳ; tỷ lệ hộ nghèo và"
            " số xã ra khỏi diện ĐBKK chưa đạt, cần tập trung nguồn lực trong hai năm cuối giai đoạn.",
            "recommendations": "[Dữ liệu mẫu] Đề nghị Ủy ban Dân tộc sớm giao vốn sự nghiệp; ưu tiên hỗ trợ phát"
            " triển sản xuất ở các xã có tỷ lệ hộ nghèo cao.",
            "report_number": "",
            "report_date": date(2023, 10, 16),
            "signer_name": "Hoàng Văn Thắng",
            "signer_title": "Phó Giám đốc",
        },
        actor=actor,
    )
    for position, (name, unit, baseline, target, result, direction) in enumerate(INDICATORS, start=1):
        evaluation_services.indicator_save(
            evaluation=evaluation,
            data={
                "position": position,
                "name": name,
                "unit_of_measure": unit,
                "baseline": Decimal(baseline),
                "target": Decimal(target),
                "result": Decimal(result),
                "direction": direction,
                "note": "",
            },
            actor=actor,
        )
    return f"Đánh giá: tạo đánh giá giữa kỳ giai đoạn 2021-2025 với {len(INDICATORS)} chỉ tiêu"
