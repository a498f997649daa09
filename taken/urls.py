from django.urls import path

from taken import views

app_name = "taken"
urlpatterns = [
    path("", views.taak_list, name="taak_list"),
]
