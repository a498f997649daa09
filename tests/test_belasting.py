"""Issue 11 row 2: the load benchmark is too heavy for CI, but its page list must keep naming
real pages, so that `bench/belasting.py` runs from a clean clone as the README says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from django.urls import reverse

BENCH = Path(__file__).resolve().parent.parent / "bench"


def laad(naam: str):
    spec = importlib.util.spec_from_file_location(f"bench_{naam}", BENCH / f"{naam}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_pages_resolve_to_real_urls():
    """Issue 11 row 2: every page of phase (a) and of the mixed workload is a real URL name."""
    belasting = laad("belasting")
    args = {None: [], "relatie": [1], "token": ["abc"]}
    for pagina in [belasting.VLOER, *belasting.PAGINAS]:
        assert reverse(pagina.url_naam, args=args[pagina.arg])
    paden = belasting.paden()
    assert set(paden) == set(belasting.MENGSEL)
    assert paden["teamleden"].format(7) == reverse("teams:teamlid_list", args=[7])
    assert paden["actie"].format("heropenen") == reverse("taken:taak_actie", args=["heropenen"])


def test_benchmark_names_its_pages_once():
    belasting = laad("belasting")
    namen = [p.naam for p in belasting.PAGINAS]
    assert len(namen) == len(set(namen))
