"""The team pages, under /relaties/ (mounted before relaties.urls, which knows nothing of them)."""

from django.urls import path

from teams import views

app_name = "teams"
urlpatterns = [
    path("<int:pk>/teamleden/", views.teamlid_list, name="teamlid_list"),
    path("<int:pk>/teamleden/toevoegen/", views.teamlid_create, name="teamlid_create"),
    path(
        "<int:pk>/teamleden/<int:teamlid_pk>/verwijderen/",
        views.teamlid_delete,
        name="teamlid_delete",
    ),
    path(
        "<int:pk>/teamleden/<int:teamlid_pk>/rol/",
        views.teamlid_rol_wijzigen,
        name="teamlid_rol_wijzigen",
    ),
    path(
        "<int:pk>/teamleden/medewerker/<int:medewerker_pk>/verwijderen/",
        views.medewerker_delete,
        name="medewerker_delete",
    ),
    path("teamlid-toevoegen/", views.teamlid_bulk, name="teamlid_bulk"),
    path("medewerker-vervangen/", views.medewerker_vervangen, name="medewerker_vervangen"),
    path(
        "medewerker-vervangen/<int:medewerker_pk>/vertrek/",
        views.medewerker_vertrek,
        name="medewerker_vertrek",
    ),
]
