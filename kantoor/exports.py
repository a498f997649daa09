"""CSV exports that Excel opens correctly (UTF-8 with BOM, `;`) and cannot turn into formulas."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone

# Excel runs a cell that starts with one of these as a formula (CSV injection); a leading '
# keeps the cell text and is not shown.
FORMULE_TEKENS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def als_tekst(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst[:1] in FORMULE_TEKENS else tekst


def excel_csv(
    bestandsnaam: str, koppen: Sequence[str], rijen: Iterable[Sequence[object]]
) -> HttpResponse:
    """A download `<bestandsnaam>-<date>-<time>.csv` of `rijen` under `koppen`."""
    stempel = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}-{stempel}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(koppen)
    for rij in rijen:
        writer.writerow([als_tekst(waarde) for waarde in rij])
    return response
