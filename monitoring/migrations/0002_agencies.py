"""The provincial agencies implementation plans usually assign tasks to; staff keep the list afterwards."""

from django.db import migrations

AGENCIES = [
    "Ban Dân tộc",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giao thông vận tải",
    "Sở Thông tin và Truyền thông",
    "Kho bạc Nhà nước tỉnh",
]


def create_agencies(apps, schema_editor):
    Agency = apps.get_model("monitoring", "Agency")
    for position, name in enumerate(AGENCIES, start=1):
        Agency.objects.get_or_create(name=name, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(create_agencies, migrations.RunPython.noop)]
