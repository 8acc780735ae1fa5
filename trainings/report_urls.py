"""URLs of class reports; included in the trainings namespace by trainings/urls.py."""

from django.urls import path

from trainings import report_views

urlpatterns = [
    path("lop/<int:pk>/bao-cao/", report_views.report_create, name="report_create"),
    path("bao-cao-lop/cho-bao-cao/", report_views.report_pending, name="report_pending"),
    path("bao-cao-lop/mau-danh-sach-hoc-vien/", report_views.attendance_template, name="attendance_template"),
    path("bao-cao-lop/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("bao-cao-lop/<int:pk>/sua/", report_views.report_update, name="report_update"),
    path("bao-cao-lop/<int:pk>/chap-nhan/", report_views.report_accept, name="report_accept"),
    path("bao-cao-lop/<int:pk>/tra-lai/", report_views.report_return, name="report_return"),
    path("bao-cao-lop/<int:pk>/danh-sach-hoc-vien/", report_views.report_attendance, name="report_attendance"),
    path("ke-hoach/<int:pk>/bao-cao-lop/", report_views.report_list, name="report_list"),
    path("ke-hoach/<int:pk>/bao-cao-lop/excel/", report_views.report_export, name="report_export"),
    path("ke-hoach/<int:pk>/thuc-hien/", report_views.plan_actual_view, name="plan_actual"),
    path("ke-hoach/<int:pk>/thuc-hien/pdf/", report_views.plan_actual_pdf, name="plan_actual_pdf"),
    path("ke-hoach/<int:pk>/thuc-hien/docx/", report_views.plan_actual_docx, name="plan_actual_docx"),
]
