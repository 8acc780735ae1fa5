"""URLs of the registry imports; communes/urls.py adds them to the "communes" namespace."""

from django.urls import path

from communes import import_views

urlpatterns = [
    path("nhap-excel/", import_views.import_index, name="import_index"),
    path("nhap-excel/danh-sach-kem-quyet-dinh/", import_views.annex_import, name="annex_import"),
    path("nhap-excel/danh-sach-kem-quyet-dinh/mau.xlsx", import_views.annex_template, name="annex_template"),
    path("nhap-excel/thon/", import_views.village_import, name="village_import"),
    path("nhap-excel/thon/mau.xlsx", import_views.village_template, name="village_template"),
    path("nhap-excel/so-lieu-nam/", import_views.figures_import, name="figures_import"),
    path("nhap-excel/so-lieu-nam/mau.xlsx", import_views.figures_template, name="figures_template"),
    path("nhap-excel/xac-nhan/", import_views.import_confirm, name="import_confirm"),
    path("nhap-excel/huy/", import_views.import_cancel, name="import_cancel"),
]
