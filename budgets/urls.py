from django.urls import path

from budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.fund_list, name="fund_list"),
    path("them/", views.fund_create, name="fund_create"),
    path("<int:pk>/sua/", views.fund_update, name="fund_update"),
    path("he-so-k/", views.scheme_list, name="scheme_list"),
    path("he-so-k/them/", views.scheme_create, name="scheme_create"),
    path("he-so-k/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("he-so-k/<int:pk>/tinh/", views.scheme_compute, name="scheme_compute"),
    path("he-so-k/tieu-chi/<int:pk>/xoa/", views.criterion_delete, name="criterion_delete"),
    path("phan-bo/", views.allocation_list, name="allocation_list"),
    path("phan-bo/moi/", views.allocation_new, name="allocation_new"),
    path("phan-bo/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("phan-bo/<int:pk>/excel/", views.allocation_export, name="allocation_export"),
    path("phan-bo/<int:pk>/pdf/", views.allocation_pdf, name="allocation_pdf"),
    path("phan-bo/phan-von/<int:share_pk>/thuc-hien/", views.execution_create, name="execution_create"),
    path("tien-do/", views.progress, name="progress"),
]
