"""maplepath: every route to Canada open to a tech worker on a given date.

Every number traces to a dated, cited rule in ``maplepath/rules``. An assessment, not legal
advice.

The layers, lowest first (a module imports only from its own layer or below):
``rules/`` (data) -> ``rulebook`` -> ``notices`` -> ``occupations`` -> ``profile`` -> ``crs``
-> ``programs`` -> ``assess`` -> ``planner`` and ``draws`` -> ``report`` -> ``cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maplepath.profile.load import ProfileError, load_profile, read_profile
    from maplepath.profile.model import Profile

__all__ = ["Profile", "ProfileError", "load_profile", "read_profile"]
__version__ = "0.1.0"

# ``import maplepath`` stays cheap (the command line imports it before it knows what it will
# do): the profile model and its loader are imported when first asked for.
_LAZY = {
    "Profile": "maplepath.profile.model",
    "ProfileError": "maplepath.profile.load",
    "load_profile": "maplepath.profile.load",
    "read_profile": "maplepath.profile.load",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'maplepath' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
