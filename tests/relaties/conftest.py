import pytest

from tests.relaties.factories import RelatieFactory


@pytest.fixture
def relatie(kantoor, medewerker):
    """A client of `kantoor`, created by `medewerker` (so he is its klantbeheerder)."""
    return RelatieFactory(
        kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=medewerker
    )


@pytest.fixture
def vreemde_relatie(ander_kantoor, vreemde):
    return RelatieFactory(kantoor=ander_kantoor, code="1001", aangemaakt_door=vreemde)
