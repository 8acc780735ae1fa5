from django.urls import include, path

from trainings import views

app_name = "trainings"
urlpatterns = [
    path("quy-dinh/", views.rules_list, name="rules_list"),
    path("quy-dinh/them/", views.rules_create, name="rules_create"),
    path("quy-dinh/<int:pk>/sua/", views.rules_update, name="rules_update"),
    path("noi-dung/", views.topic_list, name="topic_list"),
    path("noi-dung/them/", views.topic_create, name="topic_create"),
    path("noi-dung/<int:pk>/sua/", views.topic_update, name="topic_update"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/them/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_update, name="plan_update"),
    path("ke-hoach/<int:pk>/trinh/", views.plan_submit, name="plan_submit"),
    path("ke-hoach/<int:pk>/tra-lai/", views.plan_return, name="plan_return"),
    path("ke-hoach/<int:pk>/phe-duyet/", views.plan_approve, name="plan_approve"),
    path("ke-hoach/<int:pk>/mo-lai/", views.plan_reopen, name="plan_reopen"),
    path("ke-hoach/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("ke-hoach/<int:pk>/docx/", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/lop/them/", views.class_create, name="class_create"),
    path("ke-hoach/<int:pk>/lop/excel/", views.plan_classes_export, name="plan_classes_export"),
    path("lop/<int:pk>/sua/", views.class_update, name="class_update"),
    path("lop/<int:pk>/xoa/", views.class_delete, name="class_delete"),
    path("ke-hoach/<int:pk>/tham-quan/them/", views.tour_create, name="tour_create"),
    path("tham-quan/<int:pk>/sua/", views.tour_update, name="tour_update"),
    path("tham-quan/<int:pk>/xoa/", views.tour_delete, name="tour_delete"),
    path("", include("trainings.report_urls")),
]
