"""Links the product shows (issue 10 item 6)."""

from __future__ import annotations

import re

from django import template

register = template.Library()


@register.filter
def webcal(url: str) -> str:
    """The same address with the `webcal:` scheme, which a calendar program subscribes to when
    clicked; http(s) opens it in the browser instead."""
    return re.sub(r"^https?://", "webcal://", str(url))
