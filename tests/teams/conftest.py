import pytest

from kantoor.models import InterneRol
from tests.factories import InterneRolFactory
from tests.relaties.factories import RelatieFactory


@pytest.fixture(autouse=True)
def snelle_wachtwoorden(settings):
    """Hashing passwords properly takes time that these tests do not need to spend."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def relatie(kantoor, medewerker):
    """A client of `kantoor`, created by `medewerker`, who is therefore its klantbeheerder."""
    return RelatieFactory(
        kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=medewerker
    )


@pytest.fixture
def vreemde_relatie(ander_kantoor, vreemde):
    return RelatieFactory(kantoor=ander_kantoor, code="1001", aangemaakt_door=vreemde)


@pytest.fixture
def klantbeheerder_rol(kantoor) -> InterneRol:
    return kantoor.klantbeheerder_rol


@pytest.fixture
def boekhouder(kantoor) -> InterneRol:
    return InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")


@pytest.fixture
def fiscalist(kantoor) -> InterneRol:
    return InterneRolFactory(kantoor=kantoor, naam="Fiscalist", code="FIS")
