from django.urls import path

from summary import views

app_name = "summary"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bao-cao.pdf", views.summary_download, {"extension": "pdf"}, name="summary_pdf"),
    path("bao-cao.docx", views.summary_download, {"extension": "docx"}, name="summary_docx"),
    path("bao-cao.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("tep/<uuid:pk>/", views.file_detail, name="file_detail"),
    path("tep/<uuid:pk>/tai-ve/", views.file_download, name="file_download"),
]
