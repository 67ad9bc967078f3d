"""Keep the translation catalogs of hive and its plugins up to date (a developer tool; needs Babel).

One command extracts, updates and compiles every domain of a source checkout::

    python -m hive.catalogs            # extract, update the .po files, compile the .mo files
    python -m hive.catalogs --check    # change nothing; list untranslated messages and stale .mo files

The domains are found, not listed:

* ``hive``: the core, messages marked in ``src/hive`` with ``_``, ``N_`` or
  ``ngettext``; catalog ``src/hive/locale/<lang>/LC_MESSAGES/hive.po``;
* ``click``: click's own messages (``Usage:``, ``Missing option``...),
  extracted from the installed click, in the same folder;
* every plugin package ``plugins/hive_*`` (domain = package name, catalog in
  ``plugins/hive_*/locale``), and every example under ``examples/`` that has a
  ``locale`` folder (domain = its ``.po`` file name).

New messages are added to each ``.po`` untranslated; translate them (``msgstr``)
and run the command again to compile. Messages no longer in the source are
dropped. The same works for a plugin outside this repository::

    python -m hive.catalogs --domain hive_mine path/to/hive_mine
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

import hive
from hive.frozen import frozen

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LANGUAGES = ("zh_CN",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


@frozen
class Domain:
    """One gettext domain: where its marked messages are, and where its catalogs live."""

    name: str
    sources: Path  # a folder (every .py under it) or one .py file
    localedir: Path
    keywords: dict = attrs.field(factory=lambda: dict(KEYWORDS))
    complete: bool = True  # every message must be translated (click's catalog need not be)

    def po(self, language: str) -> Path:
        return self.localedir / language / "LC_MESSAGES" / f"{self.name}.po"

    def mo(self, language: str) -> Path:
        return self.po(language).with_suffix(".mo")


def checkout_root() -> Path:
    """The source checkout hive runs from (the folder holding ``src/hive``), else the current folder."""
    here = Path(hive.__file__).resolve().parent
    if here.parent.name == "src" and (here.parents[1] / "pyproject.toml").exists():
        return here.parents[1]
    return Path.cwd()


def domains(root: Path | None = None, *, with_click: bool = True) -> list[Domain]:
    """Every domain of the checkout at ``root``: the core, click's messages, the plugins, the examples."""
    root = root or checkout_root()
    core = root / "src" / "hive"
    found = [Domain("hive", core, core / "locale")]
    if with_click:
        import click

        found.append(Domain("click", Path(click.__file__).parent, core / "locale", complete=False))
    for package in sorted((root / "plugins").glob("hive_*")):
        if (package / "__init__.py").exists():
            found.append(Domain(package.name, package, package / "locale"))
    for po in sorted((root / "examples").glob("*/locale/*/LC_MESSAGES/*.po")):
        example = po.parents[3]
        if not any(d.name == po.stem for d in found):
            found.append(Domain(po.stem, example, example / "locale"))
    return found


def _files(domain: Domain) -> Iterator[Path]:
    if domain.sources.is_file():
        yield domain.sources
        return
    for path in sorted([*domain.sources.rglob("*.py"), *domain.sources.rglob("templates/**/*.html")]):
        if "locale" not in path.relative_to(domain.sources).parts:
            yield path


def extract(domain: Domain) -> Catalog:
    """The messages marked in the domain's source, as a template catalog (in memory)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    template = Catalog(domain=domain.name, project=domain.name, fuzzy=False)
    base = domain.sources if domain.sources.is_dir() else domain.sources.parent
    for path in _files(domain):
        # Python modules, and the web workspace's Jinja2 templates ({{ _("...") }}).
        method = "python" if path.suffix == ".py" else _jinja_extractor()
        for lineno, message, comments, context in extract_from_file(
            method, str(path), keywords=domain.keywords, comment_tags=("Translators:",)
        ):
            template.add(
                message,
                None,
                [(path.relative_to(base).as_posix(), lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def _jinja_extractor():
    from jinja2.ext import babel_extract

    return babel_extract


def read(path: Path, language: str, domain: str) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


def render_po(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, ignore_obsolete=True, include_lineno=False, width=100)
    return out.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def updated(domain: Domain, language: str, template: Catalog | None = None) -> Catalog:
    """The domain's catalog for ``language`` with the messages of the source (new ones untranslated)."""
    from babel.messages.catalog import Catalog

    template = template or extract(domain)
    path = domain.po(language)
    if path.exists():
        catalog = read(path, language, domain.name)
    else:
        catalog = Catalog(locale=language, domain=domain.name, project=domain.name, fuzzy=False)
    catalog.update(template, update_creation_date=False)
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """Message ids with no translation (or only a fuzzy guess)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def problems(domain: Domain, language: str) -> list[str]:
    """What is wrong with one catalog, without changing anything: missing translations, a stale .mo."""
    found = []
    po, mo = domain.po(language), domain.mo(language)
    if not po.exists():
        return [f"{po}: missing"]
    current = read(po, language, domain.name)
    if domain.complete:
        template = extract(domain)
        have = {(m.context, m.id) for m in current if m.id and not m.fuzzy and all(_strings(m))}
        found += [f"{po}: no translation for {m.id!r}" for m in template if m.id and (m.context, m.id) not in have]
    if not mo.exists():
        found.append(f"{mo}: missing; run python -m hive.catalogs")
    elif mo.read_bytes() != render_mo(current):
        found.append(f"{mo}: older than or different from {po.name}; run python -m hive.catalogs")
    return found


def _strings(message) -> tuple:
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


def refresh(domain: Domain, language: str) -> list[str]:
    """Extract, update the .po (only when its messages changed), compile the .mo; returns what changed."""
    changed = []
    template = extract(domain)
    po, mo = domain.po(language), domain.mo(language)
    if not len(template) and not po.exists():
        return changed  # nothing marked: no catalog yet
    catalog = updated(domain, language, template)
    text = render_po(catalog)
    if not po.exists() or _body(po.read_bytes()) != _body(text):
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(text)
        changed.append(str(po))
    compiled = render_mo(read(po, language, domain.name))
    if not mo.exists() or mo.read_bytes() != compiled:
        mo.write_bytes(compiled)
        changed.append(str(mo))
    return changed


def _body(po_bytes: bytes) -> bytes:
    """A .po file without the dates Babel refreshes on every write."""
    return b"\n".join(
        line for line in po_bytes.splitlines() if not line.startswith((b'"PO-Revision-Date', b'"POT-Creation-Date'))
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hive.catalogs", description="Extract, update and compile hive's translation catalogs."
    )
    parser.add_argument("--check", action="store_true", help="change nothing; report missing translations")
    parser.add_argument("--root", type=Path, help="the source checkout (default: the one hive runs from)")
    parser.add_argument("--domain", help="one domain only; with SOURCE, a plugin outside the checkout")
    parser.add_argument("source", nargs="?", type=Path, help="a plugin package folder (its catalogs go in locale/)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        import babel  # noqa: F401
    except ImportError:
        print("hive.catalogs needs Babel: pip install -e '.[test]' (or pip install babel)", file=sys.stderr)
        return 2
    if args.source:
        source = args.source.resolve()
        chosen = [Domain(args.domain or source.name, source, (source if source.is_dir() else source.parent) / "locale")]
    else:
        chosen = [d for d in domains(args.root) if args.domain in (None, d.name)]
    status = 0
    for domain in chosen:
        for language in LANGUAGES:
            if args.check:
                for problem in problems(domain, language):
                    print(problem)
                    status = 1
            else:
                for path in refresh(domain, language):
                    print(f"updated {path}")
                if domain.complete and domain.po(language).exists():
                    missing = untranslated(read(domain.po(language), language, domain.name))
                    if missing:
                        print(f"{domain.po(language)}: {len(missing)} message(s) to translate")
    return status


if __name__ == "__main__":
    sys.exit(main())
