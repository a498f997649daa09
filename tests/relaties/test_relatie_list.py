"""/relaties/: search, filters that narrow each other, sorting and pages at a constant cost."""

import pytest
from django.urls import reverse

from kantoor.models import InterneRol
from relaties.models import Aangiftetijdvak, Relatie, Soort, Status, Type
from relaties.signals import relaties_aangemaakt
from teams.models import Teamlid
from tests.factories import MedewerkerFactory
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db

URL = reverse("relaties:relatie_list")


def codes(response) -> list[str]:
    return [r.code for r in response.context["pagina"]]


@pytest.fixture
def relaties(kantoor, medewerker, collega):
    """A small office: clients and contacts, companies and persons, two klantbeheerders."""
    maak = RelatieFactory
    return {
        r.code: r
        for r in [
            maak(
                kantoor=kantoor,
                code="1001",
                naam="Café de Zon",
                aangemaakt_door=medewerker,
                kvk_nummer="11112222",
                email="info@dezon.example",
            ),
            maak(
                kantoor=kantoor,
                code="1002",
                naam="Bakkerij Bol",
                aangemaakt_door=collega,
                aangiftetijdvak=Aangiftetijdvak.MAAND,
            ),
            maak(
                kantoor=kantoor,
                code="1003",
                naam="Anna Admiraal",
                type=Type.PARTICULIER,
                aangemaakt_door=medewerker,
                aangiftetijdvak=Aangiftetijdvak.GEEN,
            ),
            maak(
                kantoor=kantoor,
                code="1004",
                naam="Notaris Noord",
                soort=Soort.CONTACT,
                aangemaakt_door=collega,
            ),
            maak(
                kantoor=kantoor,
                code="1005",
                naam="Oud Bedrijf",
                status=Status.INACTIEF,
                aangemaakt_door=medewerker,
            ),
        ]
    }


def test_only_active_relations_of_the_office_by_default(
    medewerker_client, relaties, vreemde_relatie
):
    """D9: another office's relations never show; inactive ones only on request."""
    response = medewerker_client.get(URL)

    assert codes(response) == ["1001", "1002", "1003", "1004"]
    assert codes(medewerker_client.get(URL, {"status": "inactief"})) == ["1005"]
    assert len(codes(medewerker_client.get(URL, {"status": "alle"}))) == 5


def test_list_shows_the_klantbeheerders(medewerker_client, relaties):
    content = medewerker_client.get(URL).content.decode()

    assert "Sanne Jansen" in content
    assert "Pieter Bakker" in content


@pytest.mark.parametrize(
    ("zoek", "verwacht"),
    [
        ("1002", ["1002"]),
        ("bakkerij", ["1002"]),
        ("CAFE", ["1001"]),  # accents ignored
        ("café zon", ["1001"]),
        ("11112222", ["1001"]),  # KvK
        ("info@dezon", ["1001"]),  # e-mail
        ("niets", []),
    ],
)
def test_search_on_code_name_kvk_and_email(medewerker_client, relaties, zoek, verwacht):
    assert codes(medewerker_client.get(URL, {"q": zoek})) == verwacht


def test_filters_narrow_each_other(medewerker_client, relaties, medewerker, collega):
    """Every filter that is set applies together with the others."""
    assert codes(medewerker_client.get(URL, {"soort": "klant"})) == ["1001", "1002", "1003"]
    assert codes(medewerker_client.get(URL, {"soort": "klant", "type": "bedrijf"})) == [
        "1001",
        "1002",
    ]
    assert codes(
        medewerker_client.get(URL, {"soort": "klant", "type": "bedrijf", "teamlid": collega.pk})
    ) == ["1002"]
    assert codes(
        medewerker_client.get(
            URL, {"soort": "klant", "teamlid": medewerker.pk, "aangiftetijdvak": "geen"}
        )
    ) == ["1003"]
    assert codes(
        medewerker_client.get(URL, {"teamlid": collega.pk, "status": "alle", "q": "notaris"})
    ) == ["1004"]


def test_teamlid_filter_means_klantbeheerder(medewerker_client, kantoor, relaties, collega):
    """The teamlid filter shows the relations whose klantbeheerder X is, not other roles."""
    boekhouder = InterneRol.objects.create(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    Teamlid.objects.create(
        kantoor=kantoor, relatie=relaties["1001"], medewerker=collega, rol=boekhouder
    )

    assert codes(medewerker_client.get(URL, {"teamlid": collega.pk})) == ["1002", "1004"]


def test_my_relations_are_those_whose_team_i_am_on(
    medewerker_client, kantoor, relaties, medewerker
):
    """R1: "mijn relaties" covers every role I hold on a team, each relation once."""
    boekhouder = InterneRol.objects.create(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    Teamlid.objects.create(
        kantoor=kantoor, relatie=relaties["1002"], medewerker=medewerker, rol=boekhouder
    )
    Teamlid.objects.create(
        kantoor=kantoor, relatie=relaties["1001"], medewerker=medewerker, rol=boekhouder
    )

    assert codes(medewerker_client.get(URL, {"teamlid": "mijn"})) == ["1001", "1002", "1003"]


def test_unknown_filter_values_fall_back_to_the_default(medewerker_client, relaties):
    response = medewerker_client.get(URL, {"teamlid": "999999", "soort": "x"})

    assert response.status_code == 200
    assert codes(response) == ["1001", "1002", "1003", "1004"]


def test_sorting_on_code_and_name(medewerker_client, relaties):
    assert codes(medewerker_client.get(URL, {"sorteer": "-code"})) == [
        "1004",
        "1003",
        "1002",
        "1001",
    ]
    assert codes(medewerker_client.get(URL, {"sorteer": "naam"})) == [
        "1003",
        "1002",
        "1001",
        "1004",
    ]


def test_column_headers_sort_and_toggle(medewerker_client, relaties):
    response = medewerker_client.get(URL, {"sorteer": "naam", "soort": "klant"})

    assert response.context["sortering"]["naam"] == {
        "url": "?sorteer=-naam&soort=klant",
        "aria_sort": "ascending",
    }
    assert response.context["sortering"]["code"]["aria_sort"] == "none"


def test_pages_keep_the_filters(medewerker_client, kantoor, medewerker):
    relaties = Relatie.objects.bulk_create(
        [
            Relatie(kantoor=kantoor, code=f"{i:04d}", naam=f"Klant {i}", aangemaakt_door=medewerker)
            for i in range(60)
        ]
    )
    # As the import does: bulk-created relations get their klantbeheerder (R2, D3).
    relaties_aangemaakt.send(sender=Relatie, relaties=relaties)

    eerste = medewerker_client.get(URL, {"soort": "klant"})
    tweede = medewerker_client.get(URL, {"soort": "klant", "pagina": 2})

    assert len(codes(eerste)) == 50
    assert codes(tweede) == [f"{i:04d}" for i in range(50, 60)]
    assert "soort=klant&amp;pagina=2" in eerste.content.decode()


def maak_relaties(kantoor, aantal):
    """`aantal` relations, each with its own klantbeheerder (as the receiver would add)."""
    for i in range(aantal):
        RelatieFactory(
            kantoor=kantoor, code=f"Q{i:04d}", aangemaakt_door=MedewerkerFactory(kantoor=kantoor)
        )


@pytest.mark.parametrize("aantal", [5, 50])
def test_query_count_does_not_grow_with_the_rows(
    medewerker_client, kantoor, aantal, django_assert_num_queries
):
    """20,000 relations stay quick: the page's klantbeheerders come in one prefetch."""
    maak_relaties(kantoor, aantal)

    # session, user; the office's name of the klantbeheerder role (D1, issue 10); the filter's
    # employee choices; count; page; klantbeheerders.
    with django_assert_num_queries(7):
        response = medewerker_client.get(URL)

    assert len(codes(response)) == aantal
