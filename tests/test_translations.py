"""The Dutch catalogue is shipped compiled; the .mo must say what the .po says."""

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
# Ours only: the project's catalogue and any app's own.
CATALOGUES = sorted(
    [*ROOT.glob("locale/*/LC_MESSAGES/django.po"), *ROOT.glob("*/locale/*/LC_MESSAGES/django.po")]
)


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of the translated, non-fuzzy, singular entries of a .po file."""
    entries: dict[str, str] = {}
    fields: dict[str, str] = {}
    key = ""
    fuzzy = False
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            msgid, msgstr = fields.get("msgid"), fields.get("msgstr")
            if msgid and msgstr and not fuzzy and "msgctxt" not in fields:
                entries[msgid] = msgstr
            fields, key, fuzzy = {}, "", False
        elif line.startswith("#"):
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
        elif line.startswith('"'):
            fields[key] += ast.literal_eval(line)
        else:
            key, _, rest = line.partition(" ")
            fields[key] = ast.literal_eval(rest)
    return entries


def test_there_is_a_dutch_catalogue():
    assert any(p.parts[-3] == "nl" for p in CATALOGUES)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run manage.py compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstr in read_po(po).items():
        assert compiled.gettext(msgid) == msgstr, f"{mo} is stale: run manage.py compilemessages"


def test_ui_is_dutch_by_default_and_english_on_request():
    with translation.override("nl"):
        assert translation.gettext("My tasks") == "Mijn taken"
    with translation.override("en"):
        assert translation.gettext("My tasks") == "My tasks"
