from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def taak_list(request: HttpRequest) -> HttpResponse:
    """Mijn taken: where an employee lands. A placeholder until the Taken issue lands."""
    return render(request, "taken/taak_list.html")
