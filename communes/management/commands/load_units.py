from collections import Counter
from time import monotonic

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import REFORM_LAST_OLD_DAY, Unit, UnitLineage
from communes.services import units_load
from p135portal.numbers import group_thousands

# What each line counts: system, its heading, and its levels with their names.
SYSTEMS = [
    (
        "new",
        gettext_lazy("Từ 01/07/2025"),
        [(Unit.Level.PROVINCE, gettext_lazy("tỉnh")), (Unit.Level.COMMUNE, gettext_lazy("xã/phường/đặc khu"))],
    ),
    (
        "old",
        gettext_lazy("Trước 01/07/2025"),
        [
            (Unit.Level.PROVINCE, gettext_lazy("tỉnh")),
            (Unit.Level.DISTRICT, gettext_lazy("huyện")),
            (Unit.Level.COMMUNE, gettext_lazy("xã/phường/thị trấn")),
        ],
    ),
]


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính chính thức từ gói vietnam-provinces: 34 tỉnh và 3.321 xã từ 01/07/2025, "
        "63 tỉnh, 696 huyện và 10.051 xã trước 01/07/2025, cùng quan hệ sáp nhập từ xã cũ sang xã mới. "
        "Chạy lại không tạo trùng; số in ra là tổng số trong cơ sở dữ liệu sau khi nạp."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="MÃ",
            help=_("Chỉ nạp tỉnh có mã này (2 chữ số, ví dụ 20), ở cả hai hệ thống; lặp lại để nạp nhiều tỉnh."),
        )

    def handle(self, *args, provinces=None, **options):
        started = monotonic()
        try:
            counts = units_load(province_codes=provinces)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        elapsed = monotonic() - started

        totals = Counter()
        for row in Unit.objects.filter(valid_until__isnull=True).values("level").annotate(n=Count("pk")):
            totals[("new", row["level"])] = row["n"]
        for row in Unit.objects.filter(valid_until=REFORM_LAST_OLD_DAY).values("level").annotate(n=Count("pk")):
            totals[("old", row["level"])] = row["n"]
        for system, heading, levels in SYSTEMS:
            for level, label in levels:
                self.stdout.write(
                    _("%(system)s: %(total)s %(label)s (tạo mới %(created)s, cập nhật %(updated)s)")
                    % {
                        "system": heading,
                        "total": group_thousands(totals[(system, level)]),
                        "label": label,
                        "created": group_thousands(counts[f"{system}_{level}_created"]),
                        "updated": group_thousands(counts[f"{system}_{level}_updated"]),
                    }
                )
        self.stdout.write(
            _(
                "Quan hệ sáp nhập: %(total)s (tạo mới %(created)s, cập nhật %(updated)s, xóa %(deleted)s); "
                "%(partial)s xã cũ sáp nhập một phần"
            )
            % {
                "total": group_thousands(UnitLineage.objects.count()),
                "created": group_thousands(counts["lineage_created"]),
                "updated": group_thousands(counts["lineage_updated"]),
                "deleted": group_thousands(counts["lineage_deleted"]),
                "partial": group_thousands(UnitLineage.objects.filter(partial=True).values("old").distinct().count()),
            }
        )
        self.stdout.write(_("Thời gian: %(seconds)s giây") % {"seconds": f"{elapsed:.1f}".replace(".", ",")})
