"""Demo handover of seed_demo: support handed to five households of Xã Đồng Đăng (the commune of the
demo commune officer xa.dongdang), with follow-up checks, one of which found a breach."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from communes.models import Unit, Village
from monitoring.models.handovers import Beneficiary, Handover
from monitoring.services import handovers as services
from p135portal.models import User

COMMUNE_CODE = "06184"  # Xã Đồng Đăng (p135portal.demo: the unit of xa.dongdang)
CONTENT = "[Dữ liệu mẫu] Bàn giao lợn giống, thức ăn chăn nuôi và cây hồi giống hỗ trợ phát triển sản xuất năm 2026"
VILLAGES = [
    ("Thôn Pác Luông", Village.Kind.THON),
    ("Thôn Nà Slam", Village.Kind.THON),
    ("Bản Khuổi Cáy", Village.Kind.BAN),
]
PIG = ("Lợn giống (lợn nái lai)", "con", Decimal(2), 2_500_000)
FEED = ("Thức ăn chăn nuôi hỗn hợp", "kg", Decimal(100), 14_500)
ANISE = ("Cây hồi giống", "cây", Decimal(150), 8_000)
# head of household, village index, category, items
HOUSEHOLDS = [
    ("Hoàng Văn Tằng", 0, Beneficiary.Category.POOR, [PIG, FEED]),
    ("Lương Thị Nhàn", 0, Beneficiary.Category.POOR, [PIG, FEED]),
    ("Vi Văn Khánh", 1, Beneficiary.Category.NEAR_POOR, [ANISE]),
    ("Nông Thị Hiền", 1, Beneficiary.Category.POOR, [ANISE, FEED]),
    ("Triệu Văn Sáng", 2, Beneficiary.Category.LEFT_POVERTY, [PIG]),
]
BREACH = "Vi Văn Khánh"


@transaction.atomic
def seed_handovers(*, actor: User, today: date | None = None) -> str:
    today = today or timezone.localdate()
    commune = Unit.objects.filter(level=Unit.Level.COMMUNE, code=COMMUNE_CODE, valid_until__isnull=True).first()
    if commune is None:
        return "Bàn giao hỗ trợ: chưa có xã Đồng Đăng, bỏ qua"
    if Handover.objects.filter(commune=commune, content=CONTENT).exists():
        return "Bàn giao hỗ trợ: không thay đổi"
    villages = []
    for name, kind in VILLAGES:
        village = Village.objects.filter(commune=commune, name=name).first()
        if village is None:
            village = Village(commune=commune, name=name, kind=kind)
            village._history_user = actor
            village.save()
        villages.append(village)
    handover = services.handover_save(
        data={
            "commune": commune,
            "number": "",
            "handed_on": min(date(2026, 3, 20), today),
            "place": "Nhà văn hóa thôn Pác Luông, xã Đồng Đăng",
            "content": CONTENT,
            "programme": "Dự án hỗ trợ phát triển sản xuất, Chương trình 135 năm 2026",
            "giver": "Ủy ban nhân dân xã Đồng Đăng",
            "giver_representative": "Hoàng Văn Tâm",
            "giver_position": "Phó Chủ tịch UBND xã",
            "receiver": "Các hộ hưởng lợi có tên trong danh sách",
            "receiver_representative": "Lăng Văn Hùng",
            "receiver_position": "Trưởng thôn Pác Luông",
        },
        actor=actor,
        today=today,
    )
    for head_name, village_index, category, items in HOUSEHOLDS:
        household = services.household_save(
            handover=handover,
            data={"head_name": head_name, "village": villages[village_index], "category": category, "id_number": ""},
            actor=actor,
        )
        for name, unit_of_measure, quantity, unit_price in items:
            services.item_save(
                household=household,
                data={"name": name, "unit_of_measure": unit_of_measure, "quantity": quantity, "unit_price": unit_price},
                actor=actor,
            )
        for checked_on in (date(2026, 6, 15), date(2026, 9, 22)):
            if checked_on > today:
                continue
            breach = head_name == BREACH and checked_on.month == 9
            services.check_record(
                household=household,
                checked_on=checked_on,
                checker="Tổ quản lý dự án xã Đồng Đăng",
                result=Beneficiary.Result.BREACH if breach else Beneficiary.Result.KEPT,
                notes="Hộ đã bán 80 cây hồi giống được hỗ trợ." if breach else "Cây, con sinh trưởng tốt.",
                actor=actor,
                today=today,
            )
    return f"Bàn giao hỗ trợ: tạo 1 đợt bàn giao cho {len(HOUSEHOLDS)} hộ ở {commune}"
