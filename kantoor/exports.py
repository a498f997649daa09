"""CSV exports that Excel opens correctly (UTF-8 with BOM, `;`) and cannot turn into formulas.

Exports stream (issue 11): rows are written as they are read, in chunks, so that an export of
20,000 relations or 100,000 tasks holds a worker's memory constant instead of building megabytes
first. The caller passes an iterator over `.iterator(chunk_size=...)`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse
from django.utils import timezone, translation

# Excel runs a cell that starts with one of these as a formula (CSV injection); a leading '
# keeps the cell text and is not shown.
FORMULE_TEKENS = frozenset({"=", "+", "-", "@", "\t", "\r"})

# Rows per chunk written to the socket: large enough that the per-chunk overhead vanishes,
# small enough that memory stays flat (a few hundred kB).
RIJEN_PER_STUK = 500


def als_tekst(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst[:1] in FORMULE_TEKENS else tekst


class _Regels:
    """A file-like sink for csv.writer that hands back what was written (Django's documented
    way to stream CSV)."""

    def write(self, regel: str) -> str:
        return regel


def csv_stukken(koppen: Sequence[str], rijen: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The BOM and the header, then the rows in chunks of RIJEN_PER_STUK, as UTF-8."""
    writer = csv.writer(_Regels(), delimiter=";")
    yield ("\ufeff" + writer.writerow(koppen)).encode("utf-8")
    stuk: list[str] = []
    for rij in rijen:
        stuk.append(writer.writerow([als_tekst(waarde) for waarde in rij]))
        if len(stuk) >= RIJEN_PER_STUK:
            yield "".join(stuk).encode("utf-8")
            stuk = []
    if stuk:
        yield "".join(stuk).encode("utf-8")


def _in_taal(taal: str | None, stukken: Iterator[bytes]) -> Iterator[bytes]:
    # The rows are made after the view has returned; keep the request's language for them.
    with translation.override(taal):
        yield from stukken


def excel_csv(
    bestandsnaam: str, koppen: Sequence[str], rijen: Iterable[Sequence[object]]
) -> StreamingHttpResponse:
    """A streamed download `<bestandsnaam>-<date>-<time>.csv` of `rijen` under `koppen`."""
    stempel = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        _in_taal(translation.get_language(), csv_stukken(koppen, rijen)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}-{stempel}.csv"'
    return response
