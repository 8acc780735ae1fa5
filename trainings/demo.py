"""Demo capacity-building data of seed_demo: the rules of 2016-2020, a topic catalogue and the 2018 plan."""

from datetime import date

from django.db import transaction

from communes.models import LegalDocument, Phase
from p135portal.models import User
from trainings import services
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
def seed_trainings(*, actor: User) -> str:
    created = 0
    plan = LegalDocument.objects.filter(number="82/KH-UBND").first()
    phase = Phase.objects.filter(name="2016-2020").first()
    if plan and phase and not Rules.objects.filter(phase=phase).exists():
        rules = Rules(phase=phase, legal_basis=plan)  # 5 days, 4 days, 10%: the defaults come from this plan
        rules._history_user = actor
        rules.save()
        created += 1
    for name, audience in TOPICS:
        if not Topic.objects.filter(name=name).exists():
            topic = Topic(name=name, audience=audience)
            topic._history_user = actor
            topic.save()
            created += 1
    summary = f"Nâng cao năng lực: {'tạo mới ' + str(created) + ' quy định, nội dung' if created else 'không thay đổi'}"
    return f"{summary}\n{seed_annual_plan(actor=actor)}"


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
        "- Thời gian tổ chức lớp tập huấn: đối với cán bộ cơ sở tối đa 05 ngày/lớp; đối với cộng đồng tối đa"
        " 04 ngày/lớp."
    ),
}


@transaction.atomic
def seed_annual_plan(*, actor: User) -> str:
    """The 2018 plan of Lạng Sơn, approved as 82/KH-UBND of 03/5/2018; left alone once it exists."""
    phase = Phase.objects.filter(name="2016-2020").first()
    if phase is None or AnnualPlan.objects.filter(year=2018).exists():
        return "Kế hoạch năm: không thay đổi"
    plan = AnnualPlan(year=2018, phase=phase, **PLAN_2018)
    plan._history_user = actor
    plan.save()
    plan.bases.set(LegalDocument.objects.filter(number__in=["900/QĐ-TTg", "414/QĐ-UBDT"]))
    services.plan_submit(plan=plan, actor=actor)
    services.plan_approve(
        plan=plan,
        number="82/KH-UBND",
        signed_on=date(2018, 5, 3),
        signer_name="Lý Vinh Quang",
        signer_title="Phó Chủ tịch",
        actor=actor,
    )
    return "Kế hoạch năm: tạo kế hoạch 2018 (82/KH-UBND)"
