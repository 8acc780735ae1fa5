from django.urls import path

from communes import views
from communes.import_urls import urlpatterns as import_urlpatterns

app_name = "communes"
urlpatterns = [
    path("", views.unit_root, name="unit_root"),
    path("danh-sach/", views.unit_list, name="unit_list"),
    path("danh-sach/excel/", views.unit_export, name="unit_export"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:unit_pk>/thon/them/", views.village_create, name="village_create"),
    path("thon/<int:pk>/sua/", views.village_update, name="village_update"),
    path("thon/<int:pk>/xoa/", views.village_delete, name="village_delete"),
    path("<int:unit_pk>/dien-dau-tu/them/", views.designation_create, name="designation_create"),
    path("dien-dau-tu/<int:pk>/ket-thuc/", views.designation_finish, name="designation_finish"),
    path("<int:unit_pk>/so-lieu/them/", views.figures_create, name="figures_create"),
    path("so-lieu/<int:pk>/sua/", views.figures_update, name="figures_update"),
    path("giai-doan/", views.phase_list, name="phase_list"),
    path("giai-doan/them/", views.phase_create, name="phase_create"),
    path("giai-doan/<int:pk>/sua/", views.phase_update, name="phase_update"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/them/", views.document_create, name="document_create"),
    path("van-ban/<int:pk>/", views.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/sua/", views.document_update, name="document_update"),
    path("van-ban/<int:pk>/tep/", views.document_file, name="document_file"),
    *import_urlpatterns,
]
