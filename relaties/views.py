from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def relatie_list(request: HttpRequest) -> HttpResponse:
    """The office's relations. A placeholder until the Relaties issue lands."""
    return render(request, "relaties/relatie_list.html")
