"""Import files built in code: Twinfield XML users and CSV rows (the tests make their own)."""

from __future__ import annotations

from xml.sax.saxutils import escape


def twinfield_user(
    code: str,
    name: str = "",
    *,
    shortname: str = "",
    email: str | None = None,
    culture: str = "nl-NL",
    type: str = "accountant",
    status: str = "active",
    disable_from: str = "",
    disable_to: str = "",
) -> str:
    """One <user> as Twinfield's `<read><type>user</type>` answers it (the parts we read)."""
    name = name or f"Medewerker {code.title()}"
    email = f"{code.lower()}@kantoor.example" if email is None else email
    return (
        f'<user status="{status}" result="1">\n'
        "  <office>NLA000001</office>\n"
        f"  <code>{escape(code)}</code>\n"
        f"  <name>{escape(name)}</name>\n"
        f"  <shortname>{escape(shortname)}</shortname>\n"
        "  <created>20240102090000</created>\n"
        f"  <culture>{culture}</culture>\n"
        '  <role level="1">LVL1_INTERN</role>\n'
        f"  <email>{escape(email)}</email>\n"
        f"  <type>{type}</type>\n"
        "  <account>\n"
        f"    <disable><from>{disable_from}</from><to>{disable_to}</to></disable>\n"
        "  </account>\n"
        "</user>\n"
    )


def twinfield_xml(*users: str, root: str | None = None, declaration: bool = True) -> bytes:
    """Users bare (one is a file of its own), wrapped in `root`, or several responses."""
    head = '<?xml version="1.0" encoding="utf-8"?>\n' if declaration else ""
    if root:
        return (head + f"<{root}>\n" + "".join(users) + f"</{root}>\n").encode()
    return "".join(head + user for user in users).encode()


CSV_KOP = ["code", "naam", "korte naam", "e-mail", "taal", "actief"]


def csv_bestand(
    *rijen: list[str], kop: list[str] | None = None, sep: str = ";", bom: bool = False
) -> bytes:
    """A CSV file as Excel saves it: CRLF line ends, optionally a BOM ("CSV UTF-8")."""
    regels = [sep.join(kop or CSV_KOP), *(sep.join(rij) for rij in rijen)]
    tekst = "\r\n".join(regels) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode()
