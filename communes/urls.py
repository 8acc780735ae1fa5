from django.urls import path

from communes.views import imports, registry

app_name = "communes"
urlpatterns = [
    path("", registry.unit_root, name="unit_root"),
    path("danh-sach/", registry.unit_list, name="unit_list"),
    path("danh-sach/excel/", registry.unit_export, name="unit_export"),
    path("<int:pk>/", registry.unit_detail, name="unit_detail"),
    path("<int:unit_pk>/thon/them/", registry.village_create, name="village_create"),
    path("thon/<int:pk>/sua/", registry.village_update, name="village_update"),
    path("thon/<int:pk>/xoa/", registry.village_delete, name="village_delete"),
    path("<int:unit_pk>/dien-dau-tu/them/", registry.designation_create, name="designation_create"),
    path("dien-dau-tu/<int:pk>/ket-thuc/", registry.designation_finish, name="designation_finish"),
    path("<int:unit_pk>/so-lieu/them/", registry.figures_create, name="figures_create"),
    path("so-lieu/<int:pk>/sua/", registry.figures_update, name="figures_update"),
    path("giai-doan/", registry.phase_list, name="phase_list"),
    path("giai-doan/them/", registry.phase_create, name="phase_create"),
    path("giai-doan/<int:pk>/sua/", registry.phase_update, name="phase_update"),
    path("van-ban/", registry.document_list, name="document_list"),
    path("van-ban/them/", registry.document_create, name="document_create"),
    path("van-ban/<int:pk>/", registry.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/sua/", registry.document_update, name="document_update"),
    path("van-ban/<int:pk>/tep/", registry.document_file, name="document_file"),
    path("nhap-excel/", imports.import_index, name="import_index"),
    path("nhap-excel/danh-sach-kem-quyet-dinh/", imports.annex_import, name="annex_import"),
    path("nhap-excel/danh-sach-kem-quyet-dinh/mau.xlsx", imports.annex_template, name="annex_template"),
    path("nhap-excel/thon/", imports.village_import, name="village_import"),
    path("nhap-excel/thon/mau.xlsx", imports.village_template, name="village_template"),
    path("nhap-excel/so-lieu-nam/", imports.figures_import, name="figures_import"),
    path("nhap-excel/so-lieu-nam/mau.xlsx", imports.figures_template, name="figures_template"),
    path("nhap-excel/xac-nhan/", imports.import_confirm, name="import_confirm"),
    path("nhap-excel/huy/", imports.import_cancel, name="import_cancel"),
]
