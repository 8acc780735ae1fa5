
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('communes', '0007_programmes_as_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SummaryFile',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('format', models.CharField(choices=[('pdf', 'PDF'), ('docx', 'Word')], max_length=4, verbose_name='định dạng')),
                ('status', models.CharField(choices=[('cho', 'Đang chờ đến lượt'), ('dang', 'Đang tạo'), ('xong', 'Đã xong'), ('loi', 'Không tạo được')], default='cho', max_length=4, verbose_name='trạng thái')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='tiến độ (%)')),
                ('step', models.CharField(blank=True, max_length=200, verbose_name='đang làm')),
                ('filename', models.CharField(blank=True, max_length=200, verbose_name='tên tệp')),
                ('content', models.BinaryField(null=True, verbose_name='nội dung')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('phase', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='communes.phase')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='communes.unit')),
            ],
            options={
                'verbose_name': 'báo cáo tổng hợp đang tạo',
                'verbose_name_plural': 'báo cáo tổng hợp đang tạo',
                'ordering': ['-created_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='summary_summaryfile_progress_at_most_100', violation_error_message='Tiến độ không quá 100%.')],
            },
        ),
    ]
