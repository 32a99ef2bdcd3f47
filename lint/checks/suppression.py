"""Check kind ``suppression``: suppression comments that suppress nothing.

The engine applies suppressions after every other kind has run (``lint/suppress.py``)
and reports the unused ones through the rules of this kind, so ``check`` itself finds
nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from ..findings import Finding
from ..registry import check as register_check


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


@register_check("suppression", Params)
def check(rules, ctx) -> Iterator[Finding]:
    return iter(())
