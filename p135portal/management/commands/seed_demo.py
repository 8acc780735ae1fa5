from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communes.services import units_load_province
from p135portal.demo import DEMO_PASSWORD, seed_users


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu: tỉnh Lạng Sơn và một tài khoản cho mỗi vai trò. Chạy lại không tạo trùng."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (máy thật).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG đang tắt: đây có thể là máy thật. Thêm --force nếu thật sự muốn tạo dữ liệu mẫu.")
        counts = units_load_province(province_code=settings.PORTAL_PROVINCE_CODE)
        changed = ", ".join(f"{key}={value}" for key, value in sorted(counts.items())) or "không thay đổi"
        self.stdout.write(f"Đơn vị hành chính tỉnh {settings.PORTAL_PROVINCE_CODE}: {changed}")

        self.stdout.write("Tài khoản mẫu (mật khẩu ban đầu, nếu người dùng chưa đổi):")
        for user, created in seed_users():
            note = "mới tạo" if created else "đã có"
            unit = f" – {user.unit}" if user.unit_id else ""
            self.stdout.write(f"  {user.username:<16} {DEMO_PASSWORD:<12} {user.get_role_display()}{unit} ({note})")
