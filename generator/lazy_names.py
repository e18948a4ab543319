"""Names a package exports but imports only on first use (PEP 562 `__getattr__`).

A package keeps a table, name -> module that defines it, and its `__getattr__` calls
`lazy_attribute`: importing the package stays cheap, and a wrong name is the usual AttributeError.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any


def lazy_attribute(package: str, homes: Mapping[str, str], name: str) -> Any:
    """`name` from the module `homes[name]`, imported now; AttributeError for any other name."""
    if name not in homes:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return getattr(importlib.import_module(homes[name]), name)
