from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from budgets.demo import seed_budgets
from communes.demo import registry_summary, seed_registry
from communes.services import units_load
from monitoring.demo import seed_monitoring
from p135portal.demo import DEMO_PASSWORD, seed_signers, seed_users
from p135portal.models import User
from p135portal.national import seed_national
from trainings.demo import seed_trainings


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tỉnh Lạng Sơn và một tài khoản cho mỗi vai trò. Chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (máy thật).")
        parser.add_argument(
            "--scale",
            choices=["province", "national", "national-tenth"],
            default="province",
            help="national: thêm dữ liệu cả nước cho đo hiệu năng (mọi đơn vị, ~100.000 thôn, báo cáo của mọi xã,"
            " kế hoạch 2022-2026 với ~50.000 lớp và báo cáo lớp, phân bổ và giải ngân vốn cho mọi xã thuộc diện"
            " đầu tư, kiểm tra và khắc phục); national-tenth: một phần mười số đó.",
        )

    def handle(self, *args, force=False, scale="province", **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt: đây có thể là máy thật. Thêm --force nếu thật sự muốn tạo dữ liệu mẫu.")
        counts = units_load(province_codes={settings.PORTAL_PROVINCE_CODE})
        units = {"created": 0, "updated": 0}  # over both systems and all levels
        for key, number in counts.items():
            if not key.startswith("lineage_"):
                units[key.rsplit("_", 1)[1]] += number
        changed = (
            f"tạo mới {units['created']}, cập nhật {units['updated']} đơn vị; quan hệ sáp nhập: tạo mới "
            f"{counts['lineage_created']}, cập nhật {counts['lineage_updated']}, xóa {counts['lineage_deleted']}"
            if counts
            else "không thay đổi"
        )
        self.stdout.write(f"Đơn vị hành chính tỉnh {settings.PORTAL_PROVINCE_CODE}: {changed}")

        self.stdout.write("Tài khoản mẫu (mật khẩu ban đầu, nếu người dùng chưa đổi):")
        for user, created in seed_users():
            note = "mới tạo" if created else "đã có"
            unit = f" – {user.unit}" if user.unit_id else ""
            self.stdout.write(f"  {user.username:<16} {DEMO_PASSWORD:<12} {user.get_role_display()}{unit} ({note})")

        # After the units and users: the demo province officer is who the history shows.
        staff = User.objects.get(username="bandantoc")
        self.stdout.write(registry_summary(seed_registry(actor=staff)))
        self.stdout.write(seed_budgets(actor=staff))
        self.stdout.write(seed_trainings(actor=staff))
        self.stdout.write(seed_monitoring(actor=staff))
        self.stdout.write(seed_signers())
        if scale != "province":
            fraction = 1.0 if scale == "national" else 0.1
            seed_national(actor=staff, fraction=fraction, say=self.stdout.write)
