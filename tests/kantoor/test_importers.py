"""The import of employees (R7): both formats, upsert by code, all or nothing, exact messages."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kantoor.importers import ImportGeweigerd, importeer, lees_bestand
from kantoor.models import Medewerker
from tests.factories import MedewerkerFactory
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db

NU = timezone.make_aware(datetime(2027, 3, 15, 12, 0))


def problemen(data: bytes) -> list[str]:
    return [str(p) for p in lees_bestand(data, nu=NU).problemen]


def geweigerd(kantoor, data: bytes) -> list[str]:
    with pytest.raises(ImportGeweigerd) as excinfo:
        importeer(kantoor, data, nu=NU)
    return [str(p) for p in excinfo.value.plan.problemen]


def snapshot() -> list[dict]:
    return list(Medewerker.objects.values().order_by("pk"))


def telling(plan) -> dict[str, int]:
    return {
        "aangemaakt": len(plan.nieuw),
        "bijgewerkt": len(plan.bijgewerkt),
        "gedeactiveerd": len(plan.gedeactiveerd),
        "ongewijzigd": len(plan.ongewijzigd),
        "overgeslagen": len(plan.inlezing.overgeslagen),
    }


# --- Twinfield XML --------------------------------------------------------------------------


def test_twinfield_xml_creates_updates_deactivates_skips_and_leaves_alone(kantoor):
    """R7: one file gives each outcome; the report counts them all."""
    MedewerkerFactory(
        kantoor=kantoor,
        code="JDEVRIES",
        naam="Jan de Vries",
        email="jdevries@kantoor.example",
        korte_naam="Jan",
    )
    MedewerkerFactory(
        kantoor=kantoor, code="PBAKKER", naam="Piet Bakker", email="pbakker@kantoor.example"
    )
    MedewerkerFactory(kantoor=kantoor, code="OUD", naam="Oud Gediende", email="oud@kantoor.example")
    data = twinfield_xml(
        twinfield_user("JDEVRIES", "Jan de Vries", shortname="Jan"),
        twinfield_user("PBAKKER", "Pieter Bakker"),
        twinfield_user("OUD", "Oud Gediende", status="deleted"),
        twinfield_user("NIEUW", "Nina Nieuw", shortname="Nina", culture="en-GB"),
        twinfield_user("KLANT", "Klant BV", type="user"),
    )

    plan = importeer(kantoor, data, nu=NU)

    assert telling(plan) == {
        "aangemaakt": 1,
        "bijgewerkt": 1,
        "gedeactiveerd": 1,
        "ongewijzigd": 1,
        "overgeslagen": 1,
    }
    assert plan.verslag() == [
        "Aangemaakt: 1",
        "Bijgewerkt: 1",
        "Gedeactiveerd: 1",
        "Ongewijzigd: 1",
        "Overgeslagen: 1",
        "  type “user” is geen eigen medewerker (accountant): 1",
    ]
    nieuw = Medewerker.objects.get(kantoor=kantoor, code="NIEUW")
    assert (nieuw.naam, nieuw.korte_naam, nieuw.email, nieuw.taal, nieuw.is_active) == (
        "Nina Nieuw",
        "Nina",
        "nieuw@kantoor.example",
        "en",
        True,
    )
    assert not nieuw.has_usable_password()
    assert Medewerker.objects.get(code="PBAKKER").naam == "Pieter Bakker"
    assert not Medewerker.objects.get(code="OUD").is_active
    assert not Medewerker.objects.filter(code="KLANT").exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(twinfield_xml(twinfield_user("A1")), id="bare"),
        pytest.param(twinfield_xml(twinfield_user("A1"), declaration=False), id="bare-no-decl"),
        pytest.param(twinfield_xml(twinfield_user("A1"), root="users"), id="inside-a-root"),
        pytest.param(
            b"<Envelope><Body><ProcessXmlStringResponse><result>"
            + twinfield_user("A1").encode()
            + b"</result></ProcessXmlStringResponse></Body></Envelope>",
            id="deep-inside",
        ),
    ],
)
def test_twinfield_users_are_found_bare_or_inside_any_root(kantoor, data):
    """R7: the <user> elements as the web services return them, wherever they sit."""
    inlezing = lees_bestand(data, nu=NU)

    assert [r.code for r in inlezing.records] == ["A1"]
    assert inlezing.formaat == "Twinfield XML"


def test_several_responses_in_one_file_are_read_in_order(kantoor):
    """R7: several read responses saved in one file, each with its own declaration."""
    data = twinfield_xml(twinfield_user("A1"), twinfield_user("B2"), twinfield_user("C3"))

    assert [r.code for r in lees_bestand(data, nu=NU).records] == ["A1", "B2", "C3"]


def test_the_ledger_access_level_role_is_ignored(kantoor):
    """The ledger's <role> is an access level, not an internal role: it changes nothing."""
    importeer(kantoor, twinfield_xml(twinfield_user("A1")), nu=NU)

    assert kantoor.interne_rollen.count() == 1


@pytest.mark.parametrize(
    ("van", "tot", "actief"),
    [
        ("20270101000000", "20271231000000", False),  # now inside the window
        ("20270315120000", "20270401000000", False),  # from is inclusive
        ("20270101000000", "20270315120000", True),  # to is exclusive
        ("20270401000000", "20270501000000", True),  # window still to come
        ("20260101000000", "20270101000000", True),  # window over
        ("20270101000000", "", False),  # disabled from, open-ended
        ("", "20270401000000", False),  # disabled until
        ("", "", True),
    ],
)
def test_disable_window_makes_the_employee_inactive_while_now_lies_in_it(van, tot, actief):
    """R7: disabled while now lies in [from, to); yyyyMMddHHmmss."""
    data = twinfield_xml(twinfield_user("A1", disable_from=van, disable_to=tot))

    assert lees_bestand(data, nu=NU).records[0].actief is actief


def test_disabled_employee_is_deactivated_and_counted_so(kantoor):
    """R7: a disabled user becomes an inactive employee, never deleted (D8)."""
    MedewerkerFactory(kantoor=kantoor, code="A1", naam="Medewerker A1", email="a1@kantoor.example")
    data = twinfield_xml(twinfield_user("A1", disable_from="20270101000000"))

    plan = importeer(kantoor, data, nu=NU)

    assert telling(plan)["gedeactiveerd"] == 1
    assert not Medewerker.objects.get(code="A1").is_active


def test_deleted_user_who_is_new_is_created_inactive(kantoor):
    plan = importeer(kantoor, twinfield_xml(twinfield_user("A1", status="deleted")), nu=NU)

    assert telling(plan)["aangemaakt"] == 1
    assert not Medewerker.objects.get(code="A1").is_active


def test_only_accountants_are_imported_and_the_others_are_counted_by_reason(kantoor):
    """R7: other user types are clients' logins: skipped, counted, with the reason."""
    data = twinfield_xml(
        twinfield_user("A1"),
        twinfield_user("K1", type="user"),
        twinfield_user("K2", type="user"),
        twinfield_user("K3", type="system"),
        twinfield_user("K4", type=""),
    )

    plan = importeer(kantoor, data, nu=NU)

    assert telling(plan)["aangemaakt"] == 1
    assert plan.overslagredenen() == [
        ("type “user” is geen eigen medewerker (accountant)", 2),
        ("type “system” is geen eigen medewerker (accountant)", 1),
        ("geen type opgegeven", 1),
    ]
    assert list(Medewerker.objects.values_list("code", flat=True)) == ["A1"]


def test_a_skipped_user_with_a_bad_code_does_not_refuse_the_file(kantoor):
    """Users that are not imported are not validated either."""
    data = twinfield_xml(twinfield_user("A1"), twinfield_user("klant met spaties", type="user"))

    assert problemen(data) == []


def test_reactivated_user_is_updated(kantoor):
    MedewerkerFactory(
        kantoor=kantoor,
        code="A1",
        naam="Medewerker A1",
        email="a1@kantoor.example",
        korte_naam="",
        is_active=False,
    )

    plan = importeer(kantoor, twinfield_xml(twinfield_user("A1")), nu=NU)

    assert telling(plan)["bijgewerkt"] == 1
    assert Medewerker.objects.get(code="A1").is_active


def test_culture_gives_the_language_of_a_new_employee():
    data = twinfield_xml(
        twinfield_user("A1", culture="nl-NL"),
        twinfield_user("A2", culture="en-GB"),
        twinfield_user("A3", culture="en-US"),
        twinfield_user("A4", culture="de-DE"),
    )

    assert [r.taal for r in lees_bestand(data, nu=NU).records] == ["nl", "en", "en", "nl"]


def test_language_of_an_existing_employee_is_his_own_choice(kantoor):
    """The employee chooses his UI language himself; a later import does not reset it."""
    MedewerkerFactory(
        kantoor=kantoor,
        code="A1",
        naam="Medewerker A1",
        email="a1@kantoor.example",
        korte_naam="",
        taal="en",
    )

    plan = importeer(kantoor, twinfield_xml(twinfield_user("A1", culture="nl-NL")), nu=NU)

    assert telling(plan)["ongewijzigd"] == 1
    assert Medewerker.objects.get(code="A1").taal == "en"


# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [";", ","])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_csv_with_either_separator_and_with_or_without_bom(kantoor, sep, bom):
    """R7: UTF-8 with or without BOM, ; or , separated."""
    data = csv_bestand(
        ["A1", "Anna de Wit", "Anna", "anna@kantoor.example", "nl", "ja"],
        ["B2", "Bert Smit", "Bert", "bert@kantoor.example", "en", "nee"],
        sep=sep,
        bom=bom,
    )

    plan = importeer(kantoor, data, nu=NU)

    assert plan.inlezing.formaat == "CSV"
    assert telling(plan)["aangemaakt"] == 2
    anna, bert = Medewerker.objects.filter(kantoor=kantoor).order_by("code")
    assert (anna.code, anna.naam, anna.korte_naam, anna.email, anna.taal, anna.is_active) == (
        "A1",
        "Anna de Wit",
        "Anna",
        "anna@kantoor.example",
        "nl",
        True,
    )
    assert (bert.taal, bert.is_active) == ("en", False)


def test_csv_with_english_headers_in_another_order(kantoor):
    data = csv_bestand(
        ["bert@kantoor.example", "B2", "Bert Smit", "yes", "English", "Bert"],
        kop=["E-mail address", "Code", "Name", "Active", "Language", "Short name"],
        sep=",",
    )

    record = lees_bestand(data, nu=NU).records[0]

    assert (record.code, record.naam, record.korte_naam, record.email, record.taal) == (
        "B2",
        "Bert Smit",
        "Bert",
        "bert@kantoor.example",
        "en",
    )
    assert record.actief


def test_csv_creates_updates_deactivates_and_leaves_unchanged(kantoor):
    """R7: upsert by code for a spreadsheet too."""
    MedewerkerFactory(
        kantoor=kantoor,
        code="A1",
        naam="Anna de Wit",
        korte_naam="Anna",
        email="anna@kantoor.example",
    )
    MedewerkerFactory(
        kantoor=kantoor,
        code="B2",
        naam="Bert Smid",
        korte_naam="Bert",
        email="bert@kantoor.example",
    )
    MedewerkerFactory(
        kantoor=kantoor, code="C3", naam="Cor Vos", korte_naam="Cor", email="cor@kantoor.example"
    )
    data = csv_bestand(
        ["A1", "Anna de Wit", "Anna", "anna@kantoor.example", "nl", "ja"],
        ["B2", "Bert Smit", "Bert", "bert@kantoor.example", "nl", "ja"],
        ["C3", "Cor Vos", "Cor", "cor@kantoor.example", "nl", "nee"],
        ["D4", "Dirk Mol", "Dirk", "dirk@kantoor.example", "nl", "ja"],
    )

    plan = importeer(kantoor, data, nu=NU)

    assert telling(plan) == {
        "aangemaakt": 1,
        "bijgewerkt": 1,
        "gedeactiveerd": 1,
        "ongewijzigd": 1,
        "overgeslagen": 0,
    }
    assert plan.bijgewerkt[0].velden == {"naam": ("Bert Smid", "Bert Smit")}


def test_columns_that_the_file_lacks_are_left_alone(kantoor):
    """A CSV with only code and naam does not wipe e-mail addresses."""
    MedewerkerFactory(kantoor=kantoor, code="A1", naam="Anna", email="anna@kantoor.example")

    plan = importeer(kantoor, csv_bestand(["A1", "Anna"], kop=["code", "naam"]), nu=NU)

    assert telling(plan)["ongewijzigd"] == 1
    assert Medewerker.objects.get(code="A1").email == "anna@kantoor.example"


def test_codes_are_read_in_upper_case(kantoor):
    """The ledger's codes are upper case; a spreadsheet typed by hand may not be."""
    assert lees_bestand(csv_bestand(["jdevries", "Jan"], kop=["code", "naam"])).records[0].code == (
        "JDEVRIES"
    )


# --- Idempotency ----------------------------------------------------------------------------


@pytest.mark.parametrize("formaat", ["xml", "csv"])
def test_the_same_file_twice_writes_nothing_the_second_time_and_says_so(kantoor, formaat):
    """R7: running the same file again changes nothing and the report says so."""
    if formaat == "xml":
        data = twinfield_xml(
            twinfield_user("A1", shortname="A"),
            twinfield_user("B2", status="deleted"),
            twinfield_user("K1", type="user"),
        )
    else:
        data = csv_bestand(
            ["A1", "Anna", "A", "anna@kantoor.example", "nl", "ja"],
            ["B2", "Bert", "B", "", "en", "nee"],
        )
    importeer(kantoor, data, nu=NU)
    eerst = snapshot()
    mail.outbox.clear()

    plan = importeer(kantoor, data, nu=NU)

    assert snapshot() == eerst
    assert not plan.schrijft_iets
    assert telling(plan)["ongewijzigd"] == 2
    assert plan.verslag()[-1] == "Niets te wijzigen: het kantoor komt al overeen met het bestand."


def test_second_run_issues_no_writes(kantoor, django_assert_max_num_queries):
    """Idempotent in the database too: the second run only reads (and locks the office)."""
    data = twinfield_xml(*(twinfield_user(f"A{n}") for n in range(20)))
    importeer(kantoor, data, nu=NU)

    with django_assert_max_num_queries(6) as context:
        importeer(kantoor, data, nu=NU)
    sqls = " ".join(q["sql"].upper() for q in context.captured_queries)
    assert "INSERT" not in sqls
    assert "UPDATE " not in sqls.replace("FOR NO KEY UPDATE", "").replace("FOR UPDATE", "")


def test_dry_run_writes_nothing(kantoor):
    plan = importeer(kantoor, twinfield_xml(twinfield_user("A1")), nu=NU, dry_run=True)

    assert telling(plan)["aangemaakt"] == 1
    assert not Medewerker.objects.filter(code="A1").exists()


def test_other_offices_with_the_same_codes_are_not_touched(kantoor, ander_kantoor):
    """D9: upsert by code within the office only."""
    ander = MedewerkerFactory(kantoor=ander_kantoor, code="A1", naam="Elders")

    importeer(
        kantoor, twinfield_xml(twinfield_user("A1", "Hier", email="hier@kantoor.example")), nu=NU
    )

    ander.refresh_from_db()
    assert ander.naam == "Elders"
    assert Medewerker.objects.filter(code="A1").count() == 2


# --- New employees ---------------------------------------------------------------------------


def test_new_employees_get_no_usable_password_and_are_handed_over_after_commit(
    kantoor, django_capture_on_commit_callbacks
):
    """R7: new employees set their own password; the mail goes only once the import is in."""
    nieuwe: list[Medewerker] = []

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        importeer(
            kantoor,
            twinfield_xml(twinfield_user("A1", email="a1@kantoor.example")),
            nu=NU,
            na_aanmaken=nieuwe.extend,
        )
        assert nieuwe == []
    for callback in callbacks:
        callback()

    assert [m.code for m in nieuwe] == ["A1"]
    assert not nieuwe[0].has_usable_password()


# --- All or nothing: the exact messages ---------------------------------------------------------


def test_a_file_with_one_bad_record_writes_nothing_at_all(kantoor):
    """R7: all or nothing: the good records are not written either."""
    MedewerkerFactory(kantoor=kantoor, code="A1", naam="Oud")
    voor = snapshot()
    data = csv_bestand(
        ["A1", "Nieuw", "", "", "", ""],
        ["B2", "Bert", "", "", "", ""],
        ["", "Zonder", "", "", "", ""],
    )

    assert geweigerd(kantoor, data) == ["Regel 4: de code ontbreekt."]
    assert snapshot() == voor


@pytest.mark.parametrize(
    ("rijen", "melding"),
    [
        ([["", "Jan", "", "", "", ""]], ["Regel 2: de code ontbreekt."]),
        (
            [["J DE VRIES", "Jan", "", "", "", ""]],
            ["Regel 2: de code “J DE VRIES” is ongeldig: gebruik alleen A-Z, 0-9, _, - en +."],
        ),
        (
            [["JAN.DE.VRIES", "Jan", "", "", "", ""]],
            ["Regel 2: de code “JAN.DE.VRIES” is ongeldig: gebruik alleen A-Z, 0-9, _, - en +."],
        ),
        (
            [["ABCDEFGHIJKLMNOPQ", "Jan", "", "", "", ""]],
            ["Regel 2: de code “ABCDEFGHIJKLMNOPQ” is langer dan 16 tekens."],
        ),
        (
            [
                ["A1", "Jan", "", "", "", ""],
                ["B2", "Bert", "", "", "", ""],
                ["a1", "Ander", "", "", "", ""],
            ],
            ["Regel 4: de code “A1” staat ook op regel 2."],
        ),
        (
            [["A1", "Jan", "", "jan@", "", ""]],
            ["Regel 2: het e-mailadres “jan@” is ongeldig."],
        ),
        (
            [
                ["A1", "Jan", "", "jan@kantoor.example", "", ""],
                ["B2", "Bert", "", "JAN@kantoor.example", "", ""],
            ],
            ["Regel 3: het e-mailadres “jan@kantoor.example” staat ook op regel 2."],
        ),
        ([["A1", "", "", "", "", ""]], ["Regel 2: de naam ontbreekt."]),
        (
            [["A1", "Jan", "", "", "fr", ""]],
            ["Regel 2: onbekende taal “fr”; gebruik nl of en."],
        ),
        (
            [["A1", "Jan", "", "", "", "misschien"]],
            ["Regel 2: onbekende waarde “misschien” voor actief; gebruik ja of nee."],
        ),
        ([["A1", "Jan", ""]], ["Regel 2: deze regel heeft 3 kolommen, de kopregel 6."]),
    ],
    ids=[
        "missing-code",
        "code-with-spaces",
        "code-with-dots",
        "code-longer-than-16",
        "duplicate-code",
        "malformed-email",
        "duplicate-email",
        "missing-name",
        "unknown-language",
        "unknown-active",
        "short-row",
    ],
)
def test_each_kind_of_bad_csv_record_is_refused_with_its_line_and_reason(kantoor, rijen, melding):
    """R7: every problem with its line number and the reason, in Dutch; nothing written."""
    assert geweigerd(kantoor, csv_bestand(*rijen)) == melding
    assert not Medewerker.objects.exists()


def test_every_problem_of_a_file_is_listed_not_just_the_first(kantoor):
    data = csv_bestand(
        ["", "Jan", "", "", "", ""],
        ["B2", "Bert", "", "bert@", "", ""],
        ["C" * 17, "Cor", "", "", "", ""],
    )

    assert geweigerd(kantoor, data) == [
        "Regel 2: de code ontbreekt.",
        "Regel 3: het e-mailadres “bert@” is ongeldig.",
        f"Regel 4: de code “{'C' * 17}” is langer dan 16 tekens.",
    ]


@pytest.mark.parametrize(
    ("users", "melding"),
    [
        (
            [twinfield_user("A1"), twinfield_user("", email="")],
            "Gebruiker 2 (regel 17): de code ontbreekt.",
        ),
        (
            [twinfield_user("A1"), twinfield_user("A B", email="")],
            "Gebruiker 2 (regel 17): de code “A B” is ongeldig: "
            "gebruik alleen A-Z, 0-9, _, - en +.",
        ),
        (
            [twinfield_user("A1"), twinfield_user("A" * 17)],
            f"Gebruiker 2 (regel 17): de code “{'A' * 17}” is langer dan 16 tekens.",
        ),
        (
            [twinfield_user("A1"), twinfield_user("A1", email="ander@kantoor.example")],
            "Gebruiker 2 (regel 17): de code “A1” staat ook op gebruiker 1 (regel 3).",
        ),
        (
            [twinfield_user("A1"), twinfield_user("B2", email="geen-adres")],
            "Gebruiker 2 (regel 17): het e-mailadres “geen-adres” is ongeldig.",
        ),
        (
            [twinfield_user("A1"), twinfield_user("B2", status="blocked")],
            "Gebruiker 2 (regel 17): onbekende status “blocked”; verwacht active of deleted.",
        ),
        (
            [twinfield_user("A1"), twinfield_user("B2", disable_from="2027-01-01")],
            "Gebruiker 2 (regel 17): de datum “2027-01-01” in account/disable/from is ongeldig; "
            "verwacht jjjjMMddUUmmss.",
        ),
    ],
    ids=[
        "missing-code",
        "malformed-code",
        "code-longer-than-16",
        "duplicate-code",
        "malformed-email",
        "unknown-status",
        "malformed-date",
    ],
)
def test_each_kind_of_bad_twinfield_user_is_refused_with_its_element_and_reason(
    kantoor, users, melding
):
    """R7: the element's number and line, and the reason, in Dutch; nothing written."""
    assert geweigerd(kantoor, twinfield_xml(*users, root="users")) == [melding]
    assert not Medewerker.objects.exists()


def test_malformed_xml_is_refused_with_line_and_column(kantoor):
    data = b'<?xml version="1.0"?>\n<users>\n<user status="active"><code>A1</code>\n</users>\n'

    assert geweigerd(kantoor, data) == [
        "Regel 4: de XML is niet goed gevormd in kolom 3 (mismatched tag)."
    ]


def test_xml_with_a_dtd_is_refused(kantoor):
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<user><code>&a;</code></user>'
    )

    assert geweigerd(kantoor, data) == [
        "Het bestand bevat een DTD (<!DOCTYPE>); die wordt niet gelezen."
    ]


@pytest.mark.parametrize("formaat", ["csv", "xml"])
def test_undecodable_bytes_are_refused_with_every_bad_line(kantoor, formaat):
    if formaat == "csv":
        data = b"code;naam\nA1;Jos\xe9\nB2;Bert\nC3;Ren\xe9e\n"
    else:
        data = b"<user>\n<code>A1</code>\n<name>Jos\xe9</name>\n</user>\n"
    regels = ["2", "4"] if formaat == "csv" else ["3"]
    kolommen = ["7", "7"] if formaat == "csv" else ["10"]

    assert geweigerd(kantoor, data) == [
        f"Regel {r}: de tekst is geen UTF-8 (byte 0xe9 in kolom {k}); sla het bestand op als UTF-8."
        for r, k in zip(regels, kolommen, strict=True)
    ]


@pytest.mark.parametrize("data", [b"", b"   \n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_refused(kantoor, data):
    assert geweigerd(kantoor, data) == ["Het bestand is leeg."]


@pytest.mark.parametrize(
    "data",
    [
        csv_bestand(),
        twinfield_xml(root="users"),
        b"<result></result>",
    ],
    ids=["csv-header-only", "xml-without-users", "xml-other"],
)
def test_a_file_without_employees_is_refused(kantoor, data):
    assert geweigerd(kantoor, data) == ["Het bestand bevat geen medewerkers."]


@pytest.mark.parametrize(
    ("kop", "melding"),
    [
        (["naam", "e-mail"], "Regel 1: de kopregel mist de verplichte kolom(men) code."),
        (["code", "email"], "Regel 1: de kopregel mist de verplichte kolom(men) naam."),
        (["id", "wie"], "Regel 1: de kopregel mist de verplichte kolom(men) code, naam."),
        (["code", "naam", "Code"], "Regel 1: de kolom “Code” komt twee keer voor."),
    ],
)
def test_a_csv_without_the_required_columns_is_refused(kantoor, kop, melding):
    data = csv_bestand(["A1"] * len(kop), kop=kop)

    assert geweigerd(kantoor, data) == [melding]


def test_an_unclosed_quote_is_refused_with_its_line(kantoor):
    data = b'code;naam\nA1;"Jan\n'

    assert geweigerd(kantoor, data) == ["Regel 2: de CSV is onleesbaar (unexpected end of data)."]


def test_an_address_held_by_another_employee_of_the_office_is_refused(kantoor):
    """An address is unique within the office; the other employee is not named."""
    MedewerkerFactory(kantoor=kantoor, code="B2", email="b2@kantoor.example")
    data = csv_bestand(
        ["A1", "Anna", "", "a1@kantoor.example", "", ""],
        ["C3", "Cor", "", "b2@kantoor.example", "", ""],
    )

    assert geweigerd(kantoor, data) == [
        "Regel 3: het e-mailadres “b2@kantoor.example” is al in gebruik bij een andere medewerker.",
    ]


def test_an_address_of_another_office_is_accepted_without_a_word(kantoor, ander_kantoor):
    """Issue 9 row 14 (D9): an import cannot test which addresses other offices know."""
    MedewerkerFactory(kantoor=ander_kantoor, code="X1", email="gedeeld@kantoor.example")
    data = csv_bestand(["A1", "Anna", "", "Gedeeld@kantoor.example", "", ""])

    plan = importeer(kantoor, data)

    assert plan.problemen == []
    assert Medewerker.objects.get(kantoor=kantoor, code="A1").email == "gedeeld@kantoor.example"
    assert Medewerker.objects.filter(email="gedeeld@kantoor.example").count() == 2
