"""Demo capacity-building data of seed_demo: the rules of 2016-2020, a topic catalogue and the 2018 plan."""

from datetime import date

from django.db import transaction

from communes.models import LegalDocument, Phase
from p135portal.models import User
from trainings.models import AnnualPlan, Rules, Topic

# Topics usual in Chương trình 135 training frameworks (demo catalogue).
TOPICS = [
    ("Quản lý đầu tư xây dựng công trình hạ tầng quy mô nhỏ", Topic.Audience.OFFICIALS),
    ("Lập kế hoạch phát triển kinh tế - xã hội có sự tham gia của người dân", Topic.Audience.OFFICIALS),
    ("Quản lý, sử dụng vốn và thanh quyết toán công trình", Topic.Audience.OFFICIALS),
    ("Giám sát đầu tư của cộng đồng", Topic.Audience.COMMUNITY),
    ("Vận hành, duy tu, bảo dưỡng công trình sau đầu tư", Topic.Audience.COMMUNITY),
    ("Kỹ thuật trồng trọt, chăn nuôi, phát triển sản xuất", Topic.Audience.COMMUNITY),
    ("Kỹ năng tuyên truyền, vận động quần chúng", Topic.Audience.BOTH),
]


@transaction.atomic
def seed_rules_and_topics(*, actor: User) -> str:
    created = 0
    plan = LegalDocument.objects.filter(number="82/KH-UBND").first()
    phase = Phase.objects.filter(name="2016-2020").first()
    if plan and phase and not Rules.objects.filter(phase=phase).exists():
        # 5 days, 4 days, 10%: the defaults, from TT 01/2017/TT-UBDT as this plan applies it
        rules = Rules(phase=phase, legal_basis=plan, source=Rules.Source.NATIONAL)
        rules._history_user = actor
        rules.save()
        created += 1
    for name, audience in TOPICS:
        if not Topic.objects.filter(name=name).exists():
            topic = Topic(name=name, audience=audience)
            topic._history_user = actor
            topic.save()
            created += 1
    created += _rules_2026(actor)
    return f"Nâng cao năng lực: {'tạo mới ' + str(created) + ' quy định, nội dung' if created else 'không thay đổi'}"


def _rules_2026(actor: User) -> int:
    """The rules of 2026-2030: no national figure is confirmed yet, so they are the province's own,
    from its plan (a [Dữ liệu mẫu] document), with the caps of 2016-2020 kept."""
    phase = Phase.objects.filter(name="2026-2030").first()
    if phase is None or Rules.objects.filter(phase=phase).exists():
        return 0
    basis = LegalDocument.objects.filter(number="20/KH-DEMO", issued_on=date(2026, 1, 10)).first()
    if basis is None:
        basis = LegalDocument(
            kind=LegalDocument.Kind.KE_HOACH,
            number="20/KH-DEMO",
            issued_on=date(2026, 1, 10),
            issuer="Ủy ban nhân dân tỉnh Lạng Sơn",
            summary="[Dữ liệu mẫu] Kế hoạch nâng cao năng lực cho cộng đồng và cán bộ cơ sở vùng đồng bào DTTS&MN"
            " giai đoạn 2026-2030 (theo kế hoạch của tỉnh; không phải văn bản thật)",
        )
        basis._history_user = actor
        basis.save()
    rules = Rules(phase=phase, legal_basis=basis)
    rules._history_user = actor
    rules.save()
    return 1


# The texts of plan 82/KH-UBND of Lạng Sơn (seeds/langson-82-KH-UBND-2018.txt), paragraphs
# separated by blank lines as staff type them.
PLAN_2018 = {
    "title": (
        "Triển khai thực hiện dự án nâng cao năng lực cho cộng đồng và cán bộ cơ sở thuộc Chương trình 135"
        " trên địa bàn tỉnh Lạng Sơn, giai đoạn 2018-2020"
    ),
    "purpose": (
        "a) Nâng cao năng lực quản lý, năng lực chuyên môn cho đội ngũ cán bộ cấp xã về quản lý thực hiện"
        " Chương trình, dự án nói chung, Chương trình 135 nói riêng trên địa bàn các xã đặc biệt khó khăn,"
        " các thôn bản đặc biệt khó khăn (ĐBKK).\n\n"
        "b) Nâng cao nhận thức của cộng đồng, người dân về chủ trương, chính sách của Đảng, Nhà nước; nâng"
        " cao nhận thức về việc tham gia giám sát, thực hiện Chương trình, góp phần tích cực trong phát triển"
        " kinh tế hộ gia đình, xóa đói giảm nghèo bền vững ở cơ sở.\n\n"
        "c) Tạo sự chuyển biến quan trọng về nhận thức và trách nhiệm của cả hệ thống chính trị ở cơ sở, sự"
        " đồng thuận của xã hội trong công tác xóa đói giảm nghèo bền vững trên địa bàn tỉnh, khẳng định chủ"
        " trương đường lối nhất quán của Đảng và Nhà nước về chính sách phát triển kinh tế - xã hội các xã ĐBKK."
    ),
    "requirements": (
        "Bảo đảm đúng đối tượng, mục tiêu của dự án mang lại hiệu quả thiết thực. Truyền tải các kiến thức mới,"
        " các nội dung chính sách, phương pháp tổ chức thực hiện hiệu quả Chương trình 135 sát với tình hình"
        " thực tế của địa phương."
    ),
    "target_groups": (
        "a) Cán bộ cơ sở: Cán bộ, công chức xã và thôn (bao gồm cả cán bộ, công chức luân chuyển, tăng cường),"
        " cán bộ khuyến nông, thú y cấp xã và thôn; ưu tiên cán bộ là người dân tộc thiểu số ít người, cán bộ"
        " nữ trong các hoạt động nâng cao năng lực.\n\n"
        "b) Cộng đồng: Ban giám sát cộng đồng xã, đại diện cộng đồng, lãnh đạo tổ, nhóm; cán bộ chi hội đoàn"
        " thể, cộng tác viên giảm nghèo, các tổ duy tu bảo dưỡng công trình hạ tầng tại thôn, người có uy tín"
        " trong cộng đồng và người dân, ưu tiên người dân tộc thiểu số ít người, cán bộ trẻ và phụ nữ trong các"
        " hoạt động nâng cao năng lực."
    ),
    "content": (
        "a) Nội dung: Nội dung đào tạo, bồi dưỡng dành cho đội ngũ cán bộ cơ sở cấp xã, thôn và cộng đồng của"
        " các xã thuộc Chương trình 135 giai đoạn 2016-2020 (Theo Chương trình khung được Ban hành tại Quyết"
        " định số 1913/QĐ-UBND ngày 18/10/2017 của UBND tỉnh Lạng Sơn).\n\n"
        "b) Tài liệu: Tài liệu do Ban Dân tộc chủ trì phối hợp với các sở, ngành có liên quan trong tỉnh soạn"
        " thảo, hoặc tiếp nhận và chỉnh sửa bổ sung tài liệu của Trung ương phù hợp với điều kiện thực tế của"
        " địa phương, cung cấp cho các lớp đào tạo, bồi dưỡng."
    ),
    "forms": (
        "- Đối với cán bộ cơ sở học tập trung ngắn hạn, phương pháp lấy người học làm trung tâm, khuyến khích"
        " chia sẻ và thảo luận.\n\n"
        "- Đối với cộng đồng học tập đi đôi với thực hành, hạn chế giảng lý thuyết thuần túy.\n\n"
        "- Địa điểm tổ chức: Tập huấn tại tỉnh, huyện, xã và tổ chức thăm quan học tập, trao đổi kinh nghiệm"
        " trong và ngoài tỉnh về công tác quản lý, thực hiện Chương trình 135; những mô hình sản xuất điển"
        " hình, phù hợp có thể áp dụng vào thực tế ở tỉnh.\n\n"
        "- Hàng năm căn cứ vào nhu cầu nâng cao năng lực của cán bộ và cộng đồng các xã thụ hưởng Chương trình"
        " 135 và kinh phí phân bổ theo kế hoạch, Ban Dân tộc, UBND các huyện xây dựng kế hoạch chi tiết về số"
        " lớp, số học viên, nội dung, chương trình cụ thể tổ chức triển khai thực hiện."
    ),
    "cost_norms": (
        "Mức chi cho các nội dung tổ chức lớp tập huấn thực hiện theo Thông tư số 139/2010/TT-BTC ngày 21/9/2010"
        " của Bộ Tài chính về quy định lập dự toán, quản lý và sử dụng kinh phí từ ngân sách nhà nước dành cho"
        " công tác đào tạo, bồi dưỡng cán bộ, công chức; Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài"
        " chính quy định chế độ công tác phí, chế độ chi hội nghị; Thông tư số 01/2017/TT-UBDT ngày 10/5/2017"
        " của Ủy ban Dân tộc; Thông tư 15/2017/TT-BTC ngày 15/02/2017 của Bộ Tài chính và các thông tư, hướng"
        " dẫn sửa đổi bổ sung, thay thế khác (nếu có)."
    ),
}


PLAN_2026 = {
    "title": (
        "[Dữ liệu mẫu] Nâng cao năng lực cho cộng đồng và cán bộ cơ sở vùng đồng bào dân tộc thiểu số và miền núi"
        " tỉnh Lạng Sơn năm 2026"
    ),
    "purpose": (
        "[Dữ liệu mẫu] Nâng cao năng lực quản lý, tổ chức thực hiện Chương trình cho cán bộ các xã khu vực III,"
        " khu vực II và thôn đặc biệt khó khăn sau sắp xếp đơn vị hành chính.\n\n"
        "Nâng cao nhận thức, sự tham gia của cộng đồng trong giám sát, vận hành và bảo dưỡng công trình."
    ),
    "requirements": "Đúng đối tượng; nội dung sát với nhiệm vụ của chính quyền cấp xã từ ngày 01/7/2025.",
    "target_groups": "Cán bộ, công chức cấp xã, cán bộ thôn, người có uy tín và người dân các xã, thôn thụ hưởng.",
    "content": "Theo chương trình khung của tỉnh giai đoạn 2026-2030.",
    "forms": "- Tập huấn tại tỉnh và tại xã; học tập đi đôi với thực hành.",
    "cost_norms": "Theo các văn bản hướng dẫn hiện hành về chế độ chi đào tạo, bồi dưỡng cán bộ, công chức.",
}


@transaction.atomic
def seed_annual_plan_2026(*, actor: User) -> str:
    """The plan of the year in progress, as a draft (seed_local_plans_2026 fills it and records its
    approval); left alone once it exists."""
    phase = Phase.objects.filter(name="2026-2030").first()
    if phase is None or AnnualPlan.objects.filter(year=2026).exists():
        return "Kế hoạch năm 2026: không thay đổi"
    plan = AnnualPlan(year=2026, phase=phase, **PLAN_2026)
    plan._history_user = actor
    plan.save()
    plan.bases.set(LegalDocument.objects.filter(number="20/KH-DEMO"))
    return "Kế hoạch năm 2026: tạo dự thảo (phê duyệt sau khi có các lớp và phân bổ)"


@transaction.atomic
def seed_annual_plan(*, actor: User) -> str:
    """The 2018 plan of Lạng Sơn as a draft (seed_local_plans fills its classes and split, then records its
    approval as 82/KH-UBND of 03/5/2018); left alone once it exists."""
    phase = Phase.objects.filter(name="2016-2020").first()
    if phase is None or AnnualPlan.objects.filter(year=2018).exists():
        return "Kế hoạch năm: không thay đổi"
    plan = AnnualPlan(year=2018, phase=phase, **PLAN_2018)
    plan._history_user = actor
    plan.save()
    plan.bases.set(LegalDocument.objects.filter(number__in=["900/QĐ-TTg", "414/QĐ-UBDT"]))
    return "Kế hoạch năm: tạo kế hoạch 2018 (82/KH-UBND, phê duyệt sau khi có các lớp và phân bổ)"
