from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from communes.models import EthnicAffairsOffice, Programme, ProgrammeComponent, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "kind", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(EthnicAffairsOffice)
class EthnicAffairsOfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "symbol", "valid_from", "valid_until", "basis"]


class ProgrammeComponentInline(admin.TabularInline):
    model = ProgrammeComponent
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "start_year", "end_year", "basis"]
    inlines = [ProgrammeComponentInline]
