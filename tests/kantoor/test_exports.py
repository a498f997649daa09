"""CSV exports for Excel: one place that encodes them and keeps formulas out (CSV injection)."""

import pytest

from kantoor.exports import als_tekst, excel_csv


@pytest.mark.parametrize("waarde", ["=SUM(A1)", "+31 20 123 4567", "-1+1", "@cmd", "\tx", "\rx"])
def test_cells_that_excel_would_run_as_a_formula_stay_text(waarde):
    assert als_tekst(waarde) == f"'{waarde}"


@pytest.mark.parametrize(("waarde", "tekst"), [("Bakkerij", "Bakkerij"), (None, ""), (12, "12")])
def test_other_cells_are_written_as_they_are(waarde, tekst):
    assert als_tekst(waarde) == tekst


def test_the_download_is_utf8_with_bom_and_semicolons():
    response = excel_csv("relaties", ["code", "naam"], [["0001", "Café De Hoek"]])

    assert response["Content-Disposition"].startswith('attachment; filename="relaties-')
    assert response.getvalue().decode("utf-8") == "\ufeffcode;naam\r\n0001;Café De Hoek\r\n"
