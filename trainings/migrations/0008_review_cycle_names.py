"""The review cycle of p135portal.review: one vocabulary of stored states, one set of fields."""

from django.db import migrations


def rename(model):
    return [
        migrations.RenameField(model, "submitted_at", "sent_at"),
        migrations.RenameField(model, "decided_at", "reviewed_at"),
        migrations.RenameField("historical" + model, "submitted_at", "sent_at"),
        migrations.RenameField("historical" + model, "decided_at", "reviewed_at"),
    ]


class Migration(migrations.Migration):
    dependencies = [("trainings", "0007_number_fields")]

    operations = [*rename("localplan"), *rename("classreport")]
