from django.urls import path

from taken import views

app_name = "taken"
urlpatterns = [
    path("", views.taak_list, name="taak_list"),
    path("export/", views.taak_export, name="taak_export"),
    path("acties/<slug:actie>/", views.taak_actie, name="taak_actie"),
    path("<int:pk>/", views.taak_detail, name="taak_detail"),
    path("<int:pk>/acties/<slug:actie>/", views.taak_detail_actie, name="taak_detail_actie"),
    path("niet-belegd/", views.niet_belegd, name="niet_belegd"),
    path("agenda/", views.agenda_instellingen, name="agenda_instellingen"),
    path("agenda/vernieuwen/", views.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:token>.ics", views.agenda_feed, name="agenda_feed"),
]

# The relation's tab Overeenkomsten & taken, mounted at /relaties/<pk>/werk/ (config/urls.py)
# under the namespace "taken_relatie", so that relaties needs no import of taken.
relatie_urlpatterns = [
    path("", views.relatie_werk, name="relatie_werk"),
    path("overeenkomsten/nieuw/", views.overeenkomst_form, name="overeenkomst_create"),
    path(
        "overeenkomsten/<int:overeenkomst_pk>/bewerken/",
        views.overeenkomst_form,
        name="overeenkomst_update",
    ),
    path(
        "overeenkomsten/<int:overeenkomst_pk>/sjablonen/nieuw/",
        views.taaksjabloon_form,
        name="taaksjabloon_create",
    ),
    path(
        "overeenkomsten/<int:overeenkomst_pk>/sjablonen/<int:sjabloon_pk>/bewerken/",
        views.taaksjabloon_form,
        name="taaksjabloon_update",
    ),
    path(
        "overeenkomsten/<int:overeenkomst_pk>/proces-starten/",
        views.proces_starten,
        name="proces_starten",
    ),
]
