"""hive: incubate community social organizations and govern their volunteers.

The plugin-facing face of hive: :class:`Plugin` (declare a plugin in one
place), :mod:`fields <hive.fields>` (declare record fields), :class:`Outcome`
and :class:`Criterion` (stage criteria), :class:`Setting`, :class:`Problem`,
:func:`N_` (mark a message for translation) and :data:`hookimpl`. They are
imported on first use, so ``import hive`` stays light.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marks a plugin function as the implementation of a hook in :mod:`hive.hookspecs`.
hookimpl = pluggy.HookimplMarker("hive")

_LAZY = {
    "Plugin": ("hive.plugin", "Plugin"),
    "fields": ("hive.fields", None),
    "Outcome": ("hive.contract", "Outcome"),
    "Criterion": ("hive.contract", "Criterion"),
    "Problem": ("hive.contract", "Problem"),
    "RecordType": ("hive.contract", "RecordType"),
    "Setting": ("hive.settings", "Setting"),
    "N_": ("hive.i18n", "N_"),
}


def __getattr__(name: str):
    found = _LAZY.get(name)
    if found is None:
        raise AttributeError(f"module 'hive' has no attribute {name!r}")
    import importlib

    module = importlib.import_module(found[0])
    return module if found[1] is None else getattr(module, found[1])


__all__ = ["__version__", "hookimpl", *_LAZY]
