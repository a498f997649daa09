"""/gezond/: 200 when the database answers, 503 when it does not. Public, for load balancers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# Asks /gezond/ in a fresh process whose database cannot be opened: a real failed connection.
PROBE = """
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
response = Client().get("/gezond/")
print(response.status_code, response.content.decode())
"""


@pytest.mark.django_db
def test_health_answers_200_when_the_database_answers(client):
    response = client.get(reverse("gezond"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": "sqlite:////nonexistent-folder/kantoor.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.stdout.strip() == '503 {"status": "database unavailable"}', result.stderr


@pytest.mark.django_db
def test_health_is_get_only(client):
    assert client.post(reverse("gezond")).status_code == 405


@pytest.fixture
def production_hosts(settings):
    """As the README's production example: DEBUG off, one host name allowed."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["kantoor.example.nl"]


@pytest.mark.django_db
def test_health_answers_a_load_balancer_that_probes_by_ip_address(client, production_hosts):
    """Issue 14, 3: /gezond/ is checked before host validation."""
    response = client.get("/gezond/", HTTP_HOST="10.0.0.5")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/inloggen/", "/gezond", "/gezond/x", "/relaties/", "/"])
def test_every_other_path_still_refuses_an_unknown_host(client, production_hosts, path):
    """Issue 14, 3: nothing but the health check bypasses ALLOWED_HOSTS."""
    assert client.get(path, HTTP_HOST="10.0.0.5").status_code == 400
    assert client.get("/gezond/", HTTP_HOST="10.0.0.5").status_code == 200
