"""Demo capacity-building reference data of seed_demo: the rules of 2016-2020 and a topic catalogue."""

from django.db import transaction

from communes.models import LegalDocument, Phase
from p135portal.models import User
from trainings.models import Rules, Topic

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
    return f"Nâng cao năng lực: {'tạo mới ' + str(created) + ' quy định, nội dung' if created else 'không thay đổi'}"
