from django.urls import path

from summary import views

app_name = "summary"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
