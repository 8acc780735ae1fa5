from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import ReportingRegime


@admin.register(ReportingRegime)
class ReportingRegimeAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "level",
        "kinds",
        "due_months",
        "due_day",
        "fixed_due",
        "valid_from",
        "valid_until",
        "basis",
    ]
