"""Relation codes that follow the office's mask, e.g. `L[0-9][0-9][0-9]` (L001 ... L999).

A mask is a row of positions; each is a literal character or a class in brackets (`[0-9]`,
`[A-Z]`, `[0-9A-Z]`, `[ABC]`). The codes that fit a mask are counted like a number whose digits
are the classes, so "the next free code" is the one after the highest code in use; when that one
is the last of the range, the first gap is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kantoor.masker import parse_masker


@dataclass(frozen=True)
class Masker:
    """A parsed mask: per position the characters allowed there, in ascending order."""

    posities: tuple[str, ...]

    @classmethod
    def parse(cls, masker: str) -> Masker:
        """Parses a mask with the office's own rules (kantoor.masker, which validates the
        setting); raises ValidationError with a readable reason when it is malformed."""
        return cls(tuple("".join(sorted(positie)) for positie in parse_masker(masker)))

    @property
    def lengte(self) -> int:
        return len(self.posities)

    @property
    def prefix(self) -> str:
        """The literal characters the mask starts with: a cheap filter for the database."""
        prefix = ""
        for positie in self.posities:
            if len(positie) != 1:
                break
            prefix += positie
        return prefix

    @property
    def capaciteit(self) -> int:
        total = 1
        for positie in self.posities:
            total *= len(positie)
        return total

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile("".join(f"[{re.escape(p)}]" for p in self.posities))

    def past(self, code: str) -> bool:
        return self.regex.fullmatch(code) is not None

    def naar_getal(self, code: str) -> int:
        """The position of a fitting code in the mask's range (0 for the first)."""
        getal = 0
        for char, positie in zip(code, self.posities, strict=True):
            getal = getal * len(positie) + positie.index(char)
        return getal

    def naar_code(self, getal: int) -> str:
        chars = []
        for positie in reversed(self.posities):
            getal, rest = divmod(getal, len(positie))
            chars.append(positie[rest])
        return "".join(reversed(chars))

    @property
    def eerste(self) -> int:
        """Where numbering starts: an all-zero number (L000, 0000) is never a debtor code."""
        nul = all(p[0] == "0" for p in self.posities if len(p) > 1)
        return 1 if nul and self.capaciteit > 1 else 0

    def volgende_vrije(self, bestaande: Iterable[str]) -> str | None:
        """The code after the highest one in use, else the first gap; None when all are used."""
        gebruikt = {self.naar_getal(code) for code in bestaande if self.past(code)}
        hoogste = max(gebruikt, default=self.eerste - 1)
        if self.eerste <= hoogste + 1 < self.capaciteit:
            return self.naar_code(hoogste + 1)
        for getal in range(self.eerste, self.capaciteit):
            if getal not in gebruikt:
                return self.naar_code(getal)
        return None
