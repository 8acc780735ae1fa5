from django.urls import path

from monitoring.views import index
from monitoring.views import reports as report_views

app_name = "monitoring"
urlpatterns = [
    path("", index.index, name="index"),
]

# Periodic reports (báo cáo định kỳ)
urlpatterns += [
    path("bao-cao-dinh-ky/", report_views.report_board, name="report_board"),
    path("bao-cao-dinh-ky/excel/", report_views.report_board_export, name="report_board_export"),
    path("bao-cao-dinh-ky/lich/them/", report_views.schedule_create, name="report_schedule_create"),
    path("bao-cao-dinh-ky/lich/<int:pk>/han-nop/", report_views.schedule_update, name="report_schedule_update"),
    path("bao-cao-dinh-ky/don-vi/", report_views.unit_reports, name="report_unit"),
    path("bao-cao-dinh-ky/cho-xem-xet/", report_views.report_waiting, name="report_waiting"),
    path(
        "bao-cao-dinh-ky/ky/<int:period_pk>/don-vi/<int:unit_pk>/nop/",
        report_views.report_submit,
        name="report_submit",
    ),
    path("bao-cao-dinh-ky/ky/<int:pk>/tong-hop/", report_views.period_summary_pdf, name="report_period_summary"),
    path("bao-cao-dinh-ky/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("bao-cao-dinh-ky/<int:pk>/chap-nhan/", report_views.report_accept, name="report_accept"),
    path("bao-cao-dinh-ky/<int:pk>/tra-lai/", report_views.report_return, name="report_return"),
    path("bao-cao-dinh-ky/<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("bao-cao-dinh-ky/<int:pk>/docx/", report_views.report_docx, name="report_docx"),
    path("bao-cao-dinh-ky/tep/<int:pk>/", report_views.report_attachment, name="report_attachment"),
]
