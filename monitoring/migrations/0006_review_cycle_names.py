"""The review cycle of p135portal.review: one vocabulary of stored states, one set of fields."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_number_fields")]

    operations = [
        migrations.RenameField(model, old, new)
        for model in ("periodicreport", "historicalperiodicreport")
        for old, new in (("submitted_at", "sent_at"), ("submitted_by", "sent_by"))
    ]
