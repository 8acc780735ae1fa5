from django.urls import path

from monitoring.views import index

app_name = "monitoring"
urlpatterns = [
    path("", index.index, name="index"),
]
