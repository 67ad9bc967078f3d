"""Sphinx configuration: the docs in Markdown (MyST), the hook reference generated from hive/hookspecs.py.

Build (strict: any warning fails, as CI does)::

    pip install -e '.[docs]'
    sphinx-build -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # document this checkout even when another hive is installed

from hive import __version__  # noqa: E402

project = "hive"
author = "hive contributors"
release = version = __version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "**/_build"]

myst_heading_anchors = 3  # [the review](user-guide.md#the-ideas-in-five-minutes) links work
myst_enable_extensions = ["deflist"]  # `hive command` / : description, as in the user guide

# A code block in a language Pygments does not know (```csv) is shown plain: cosmetic, not a failure.
suppress_warnings = ["misc.highlighting_failure"]
smartquotes = False  # keep quotes as written: messages and commands are quoted exactly

autodoc_member_order = "bysource"
autodoc_typehints = "signature"


class _OutsideDocs(logging.Filter):
    """Links to files outside docs/ (``../README.md``) are for readers of the repository, not of the site.

    Sphinx cannot check them, so they are not warnings; a link to a missing page
    inside docs/ still is, and fails the strict build.
    """

    _TARGET = re.compile(r"Unknown source document '([^']*)'")

    def filter(self, record: logging.LogRecord) -> bool:
        found = self._TARGET.search(record.getMessage())
        if not found:
            return True
        target = Path(found.group(1))
        return target.is_relative_to(ROOT / "docs") or not target.is_relative_to(ROOT)


logging.getLogger("sphinx.myst_parser.sphinx_ext.myst_refs").addFilter(_OutsideDocs())

html_theme = "alabaster"
html_title = f"hive {version}"
