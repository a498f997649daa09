from datetime import date

import pytest

from teams.models import Teamlid
from tests.factories import InterneRolFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory


@pytest.fixture
def boekhouder(kantoor):
    return InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BH")


@pytest.fixture
def klant(kantoor, beheerder):
    """A client whose klantbeheerder is `beheerder` (its creator, R4/D3)."""
    return RelatieFactory(
        kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=beheerder
    )


@pytest.fixture
def in_team():
    """Adds an employee in a role to a relation's team."""

    def voeg_toe(relatie, medewerker, rol):
        return Teamlid.objects.create(
            kantoor=relatie.kantoor, relatie=relatie, medewerker=medewerker, rol=rol
        )

    return voeg_toe


@pytest.fixture
def taak(kantoor, klant, boekhouder):
    """An open task on role Boekhouder of `klant`."""
    return TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Btw-aangifte")


@pytest.fixture
def derde(kantoor):
    return MedewerkerFactory(kantoor=kantoor, naam="Derde Persoon", code="DERDE")


@pytest.fixture
def ib(kantoor, klant, boekhouder):
    """Income tax: 1 May after the year, the office's uitstel date under the uitstelregeling."""
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="IB", startdatum=date(2027, 1, 1)
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=boekhouder,
        herhaling="jaar",
        deadline_soort="vaste_datum",
        deadline_maand=5,
        deadline_dag=1,
        volgt_uitstelregeling=True,
        naam="IB-aangifte",
    )
    return overeenkomst


@pytest.fixture
def btw(kantoor, klant, boekhouder):
    """VAT that follows the client's aangiftetijdvak, due the last day of the next month."""
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="Btw", startdatum=date(2027, 1, 1)
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=boekhouder,
        herhaling="aangiftetijdvak",
        deadline_soort="einde_volgende_maand",
        naam="Btw-aangifte",
    )
    return overeenkomst
