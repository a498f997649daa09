from django.http import HttpRequest


def kantoor(request: HttpRequest) -> dict:
    """The office of the logged-in employee, for the page header."""
    return {"kantoor": getattr(request, "kantoor", None)}
