from django.urls import path

from relaties import views

app_name = "relaties"
urlpatterns = [
    path("", views.relatie_list, name="relatie_list"),
    path("nieuw/", views.relatie_create, name="relatie_create"),
    path("bulk/", views.relatie_bulk, name="relatie_bulk"),
    path("export/", views.relatie_export, name="relatie_export"),
    path("<int:pk>/", views.relatie_detail, name="relatie_detail"),
    path("<int:pk>/bewerken/", views.relatie_update, name="relatie_update"),
    path("<int:pk>/connecties/", views.relatie_connecties, name="relatie_connecties"),
    path("<int:pk>/connecties/nieuw/", views.connectie_create, name="connectie_create"),
    path(
        "<int:pk>/connecties/<int:connectie_pk>/verwijderen/",
        views.connectie_delete,
        name="connectie_delete",
    ),
    path("<int:pk>/klant-maken/", views.relatie_maak_klant, name="relatie_maak_klant"),
    path("<int:pk>/deactiveren/", views.relatie_deactiveren, name="relatie_deactiveren"),
    path("<int:pk>/activeren/", views.relatie_activeren, name="relatie_activeren"),
]
