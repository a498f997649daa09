from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kantoor import views as kantoor_views

urlpatterns = [
    path("inloggen/", kantoor_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", kantoor_views.taal_kiezen, name="taal_kiezen"),
    path("gezond/", kantoor_views.gezond, name="gezond"),
    path("beheer/", admin.site.urls),
    path("relaties/", include("relaties.urls")),
    path("taken/", include("taken.urls")),
    path("", kantoor_views.start, name="start"),
]
