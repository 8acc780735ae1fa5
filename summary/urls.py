from django.urls import path

from summary import views

app_name = "summary"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bao-cao.pdf", views.summary_pdf, name="summary_pdf"),
    path("bao-cao.docx", views.summary_docx, name="summary_docx"),
    path("bao-cao.xlsx", views.summary_xlsx, name="summary_xlsx"),
]
