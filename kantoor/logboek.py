"""Logs an operator can use (issue 14, 6): every line carries its time, level, logger, the request
id and the office code; JSON lines with LOG_FORMAT=json.

The request id and office travel in context variables set by `RequestIdMiddleware`; the
`ContextFilter` on the handler copies them onto every record, whichever logger wrote it. Django
logs some lines after the middleware returned (`Not Found: ...`); those records carry the request
itself, which the filter reads first.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

GEEN = "-"
request_id: ContextVar[str] = ContextVar("request_id", default=GEEN)
kantoor_code: ContextVar[str] = ContextVar("kantoor_code", default=GEEN)


def veilig_pad(request: Any) -> str:
    """The request's path for a log line; a path with a secret in it (the calendar feed's token)
    as its route (`taken/agenda/<str:token>.ics`), so that logs never hold the secret."""
    match = getattr(request, "resolver_match", None)
    if match is not None and "token" in match.kwargs:
        return match.route
    return request.path


class ContextFilter(logging.Filter):
    """Adds `request_id` and `kantoor` (the office code) to every record; `-` outside a request.

    Django's own request lines (`Not Found: /path`) get the secret-free path of `veilig_pad`.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and isinstance(record.args, tuple):
            pad = veilig_pad(request)
            if pad != request.path:
                record.args = tuple(pad if a == request.path else a for a in record.args)
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "request_id", None) or request_id.get()
        if not hasattr(record, "kantoor"):
            kantoor = getattr(request, "kantoor", None)
            record.kantoor = getattr(kantoor, "code", None) or kantoor_code.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id,
    kantoor, and the stack trace of an error (`exc_info`)."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", GEEN),
            "kantoor": getattr(record, "kantoor", GEEN),
        }
        for extra in ("method", "path", "status_code", "duration_ms"):
            if hasattr(record, extra):
                regel[extra] = getattr(record, extra)
        if record.exc_info:
            regel["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            regel["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(regel, ensure_ascii=False, default=str)
