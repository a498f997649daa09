"""Logs an operator can use: time, level, logger, request id and office on every line, JSON with
LOG_FORMAT=json, the request id in the response header, errors with their stack trace (issue 14, 6).
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from kantoor.logboek import ContextFilter, JsonFormatter

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The JSON lines the root logger writes during the test, through our filter and formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(regel) for regel in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_a_request_gets_an_id_in_its_response_header_and_its_log_line(
    medewerker_client, medewerker, log_lines
):
    """Issue 14, 6: one line per request with time, level, logger, request id and office."""
    response = medewerker_client.get(reverse("taken:taak_list"))

    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32
    [regel] = [r for r in log_lines() if r["logger"] == "kantoor.request"]
    assert regel["request_id"] == request_id
    assert regel["kantoor"] == medewerker.kantoor.code
    assert regel["level"] == "INFO"
    assert regel["time"].endswith("+00:00")
    assert (regel["method"], regel["path"], regel["status_code"]) == ("GET", "/taken/", 200)


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("3f2a9c1e-8a4b-4c1d-9e2f-0a1b2c3d4e5f", True),
        ("lb.abc_123:7", True),
        ("has spaces", False),
        ("x" * 101, False),
        ("<script>", False),
    ],
)
def test_a_sane_incoming_request_id_is_kept_anything_else_replaced(client, incoming, kept):
    """Issue 14, 6: the proxy's id joins the logs up; a hostile one never reaches them."""
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID=incoming)

    assert (response.headers["X-Request-ID"] == incoming) is kept


def test_an_anonymous_request_logs_no_office_and_a_secret_path_logs_its_route(client, log_lines):
    """Issue 14, 6: the calendar feed's token never lands in the logs."""
    client.get("/taken/agenda/geheim-token-123.ics")

    [regel] = [r for r in log_lines() if r["logger"] == "kantoor.request"]
    assert regel["kantoor"] == "-"
    assert "geheim-token-123" not in json.dumps(log_lines())
    assert regel["path"] == "taken/agenda/<str:token>.ics"


@pytest.mark.urls("tests.kantoor.urls_fout")
def test_an_error_logs_its_stack_trace_with_the_request_id(medewerker, log_lines):
    """Issue 14, 6: a 500 is logged once, with its stack trace, request id and office."""
    client = Client(raise_request_exception=False)
    client.force_login(medewerker)

    response = client.get("/boem/")

    assert response.status_code == 500
    [fout] = [r for r in log_lines() if r["level"] == "ERROR"]
    assert fout["logger"] == "django.request"
    assert "RuntimeError: boem in een view" in fout["exc_info"]
    assert fout["request_id"] == response.headers["X-Request-ID"]
    assert fout["kantoor"] == medewerker.kantoor.code


SCRIPT = """
import django, logging
django.setup()
try:
    raise ValueError("kapot")
except ValueError:
    logging.getLogger("kantoor.test").exception("iets ging mis")
"""


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_settings_write_every_line_with_its_fields(log_format):
    """Issue 14, 6: the configured handler (settings.LOGGING) writes the fields, in both formats."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "LOG_FORMAT": log_format,
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )

    if log_format == "json":
        regel = json.loads(result.stderr.splitlines()[0])
        assert regel["level"] == "ERROR"
        assert regel["logger"] == "kantoor.test"
        assert regel["message"] == "iets ging mis"
        assert (regel["request_id"], regel["kantoor"]) == ("-", "-")
        assert "ValueError: kapot" in regel["exc_info"]
    else:
        eerste = result.stderr.splitlines()[0]
        # 2026-12-01 06:00:00,123 ERROR kantoor.test [- -] iets ging mis
        _datum, _tijd, level, logger, rest = eerste.split(" ", 4)
        assert (level, logger, rest) == ("ERROR", "kantoor.test", "[- -] iets ging mis")
        assert "ValueError: kapot" in result.stderr
