from django.urls import path

from communes import views

app_name = "communes"
urlpatterns = [
    path("", views.unit_root, name="unit_root"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
]
