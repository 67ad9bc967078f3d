"""hive: incubate community social organizations and govern their volunteers.

Plugins import :data:`hookimpl` from here; everything else lives in its own
module (``hive.models``, ``hive.ledger``, ``hive.criteria``...).
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marks a plugin function as the implementation of a hook in :mod:`hive.hookspecs`.
hookimpl = pluggy.HookimplMarker("hive")

__all__ = ["__version__", "hookimpl"]
