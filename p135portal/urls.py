from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from p135portal import health, views
from p135portal.access import for_any_user
from p135portal.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", for_any_user(auth_views.LogoutView.as_view()), name="logout"),
    path("so-tien-bang-chu/", views.amount_words, name="amount_words"),
    path("healthz/", health.healthz, name="healthz"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("nguoi-ky/", views.signer_list, name="signer_list"),
    path("nguoi-ky/them/", views.signer_edit, name="signer_create"),
    path("nguoi-ky/<int:pk>/sua/", views.signer_edit, name="signer_update"),
    path("don-vi/", include("communes.urls")),
    path("nguon-von/", include("budgets.urls")),
    path("nang-cao-nang-luc/", include("trainings.urls")),
    path("giam-sat/", include("monitoring.urls")),
    path("tong-hop/", include("summary.urls")),
    path("quan-tri/", admin.site.urls),
]
