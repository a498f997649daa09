from django.urls import path

from relaties import views

app_name = "relaties"
urlpatterns = [
    path("", views.relatie_list, name="relatie_list"),
]
