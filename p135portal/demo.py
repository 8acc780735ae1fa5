"""Demo users of seed_demo: one per role, and one officer per demo district or commune."""

from django.db import transaction
from django.db.models import F

from communes.models import Unit
from p135portal.models import Role, Signer, User

DEMO_PASSWORD = "langson2026"


# username, last name, first name, position, role, (level, code) of the unit they act for:
# districts exist only before the reform, so district officers act for old units and the
# commune officer for a new (post-01/07/2025) commune.
DEMO_USERS = [
    ("bandantoc", "Nguyễn Thị", "Hoa", "Chuyên viên Ban Dân tộc tỉnh", Role.PROVINCE_STAFF, None),
    ("lanhdao", "Hoàng Văn", "Minh", "Phó Chủ tịch UBND tỉnh", Role.LEADER, None),
    ("quantri", "Lương Văn", "Tuấn", "Quản trị hệ thống", Role.ADMINISTRATOR, None),
    ("huyen.trangdinh", "Nông Văn", "Bình", "Phòng Dân tộc huyện Tràng Định", Role.LOCAL_OFFICER, ("district", "180")),
    ("huyen.binhgia", "Vi Thị", "Lan", "Phòng Dân tộc huyện Bình Gia", Role.LOCAL_OFFICER, ("district", "181")),
    ("huyen.vanlang", "Hoàng Văn", "Sơn", "Phòng Dân tộc huyện Văn Lãng", Role.LOCAL_OFFICER, ("district", "182")),
    (
        "xa.dongdang",
        "Lăng Thị",
        "Mai",
        "Công chức văn hóa - xã hội xã Đồng Đăng",
        Role.LOCAL_OFFICER,
        ("commune", "06184"),
    ),
    (
        "xa.trangdinh",
        "Hoàng Thị",
        "Nga",
        "Công chức văn hóa - xã hội xã Tràng Định",
        Role.LOCAL_OFFICER,
        ("commune", "06046"),
    ),
    (
        "xa.doanket",
        "Nông Văn",
        "Hải",
        "Công chức văn hóa - xã hội xã Đoàn Kết",
        Role.LOCAL_OFFICER,
        ("commune", "06001"),
    ),
    (
        "xa.thatkhe",
        "Vy Thị",
        "Hương",
        "Công chức văn hóa - xã hội xã Thất Khê",
        Role.LOCAL_OFFICER,
        ("commune", "06040"),
    ),
]


@transaction.atomic
def seed_users() -> list[tuple[User, bool]]:
    """Create the demo users that do not exist yet; never resets a password already set."""
    results = []
    for username, last_name, first_name, position, role, unit_key in DEMO_USERS:
        unit = None
        if unit_key:
            level, code = unit_key
            unit = Unit.objects.filter(level=level, code=code).order_by(F("valid_from").desc(nulls_last=True)).first()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": last_name,
                "first_name": first_name,
                "position": position,
                "role": role,
                "unit": unit,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        results.append((user, created))
    return results


# The demo's catalogue of signers: the names of the plans the demo prints ([Dữ liệu mẫu] people).
DEMO_SIGNERS = [
    ("Lý Vinh Quang", "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"),
    ("Hoàng Văn Minh", "Phó Chủ tịch", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"),
]


def seed_signers() -> str:
    created = sum(
        Signer.objects.get_or_create(name=name, defaults={"title": title, "authority": authority})[1]
        for name, title, authority in DEMO_SIGNERS
    )
    return f"Danh mục người ký: tạo mới {created}" if created else "Danh mục người ký: không thay đổi"
