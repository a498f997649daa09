"""Uploads are bounded (issue 9 item 3): no file over `settings.IMPORT_MAX_BYTES` is read.

`BegrensdeUploadHandler` stands first in FILE_UPLOAD_HANDLERS. Django streams every file part
through the handlers in chunks; this one counts them and stops the upload as soon as a file
passes the limit, so that neither memory nor the temporary file holds more than the limit. A
request that announces more than the limit (plus room for the other fields) in its
Content-Length is stopped when its file begins, without reading the rest. The fields before the
file (the CSRF token) are kept, so the view answers with `te_groot_melding()` at the upload field.
"""

from __future__ import annotations

from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room for the other fields of an upload form and the multipart headers.
MARGE = 256 * 1024


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def te_groot_melding() -> str:
    return _("The file is larger than %(max)s; split it into smaller files.") % {
        "max": filesizeformat(max_bytes())
    }


def lees_begrensd(bestand: IO[bytes]) -> bytes | None:
    """The file's content, or None when it is larger than the limit (read no further)."""
    data = bestand.read(max_bytes() + 1)
    return None if len(data) > max_bytes() else data


def te_groot_geweigerd(request: HttpRequest) -> set[str]:
    """The names of the upload fields whose file was stopped for its size."""
    return getattr(request, "_te_grote_uploads", set())


class BegrensdeUploadHandler(FileUploadHandler):
    """Stops any uploaded file larger than IMPORT_MAX_BYTES while it arrives."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding=None
    ) -> None:
        self.te_groot = content_length > max_bytes() + MARGE
        self.gelezen = 0

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        self.gelezen = 0
        if self.te_groot:
            self.stop()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.gelezen += len(raw_data)
        if self.gelezen > max_bytes():
            self.stop()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def stop(self) -> None:
        self.request._te_grote_uploads = te_groot_geweigerd(self.request) | {self.field_name}
        # Whatever follows is at most MARGE when the request announced no more than the limit:
        # then Django reads it away and the browser gets our answer. A larger request is cut
        # off here, unread: it cannot hold the worker (the browser may show a reset connection).
        raise StopUpload(connection_reset=self.te_groot)
