from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from communes.models import EthnicAffairsOffice, Unit


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
