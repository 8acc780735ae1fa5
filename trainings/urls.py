from django.urls import path

from trainings import views

app_name = "trainings"
urlpatterns = [
    path("quy-dinh/", views.rules_list, name="rules_list"),
    path("quy-dinh/them/", views.rules_create, name="rules_create"),
    path("quy-dinh/<int:pk>/sua/", views.rules_update, name="rules_update"),
    path("noi-dung/", views.topic_list, name="topic_list"),
    path("noi-dung/them/", views.topic_create, name="topic_create"),
    path("noi-dung/<int:pk>/sua/", views.topic_update, name="topic_update"),
]
