"""The app's URLs plus one view that fails, to see what an error logs (test_logboek.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def boem(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boem in een view")


urlpatterns = [path("boem/", boem), *app_urlpatterns]
