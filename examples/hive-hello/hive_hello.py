"""hive-hello: the smallest useful hive plugin.

It adds, for a center that enables it:

* a setting, ``hello.greeting`` (default "你好");
* an exit criterion of the intake stage, ``hello.kind``: the organization's
  kind (读书会, 志愿服务队...) is recorded, so the center knows what it incubates;
* a command, ``hive hello [ORG]``, greeting one organization or all of them.

Install it with ``pip install -e examples/hive-hello`` (entry point ``hello``)
or load it without installing with ``hive --plugins-dir examples/hive-hello``
(then it is named after its file: ``hive_hello``). The module stays light:
click and hive's command-line helpers are imported inside the hooks.
"""

from __future__ import annotations

from pathlib import Path

from hive import hookimpl
from hive.i18n import N_, translator

__version__ = "0.1.0"
HIVE_API = ">=1,<2"  # the hook contract versions this plugin is written for

_ = translator("hive_hello", Path(__file__).parent / "locale")


def kind_recorded(org, ctx):
    """Passes when the organization's kind is recorded."""
    from hive.criteria import Outcome

    if org.kind:
        return Outcome(True, "", {"kind": org.kind})
    return Outcome(False, _("no kind recorded (what the group does: reading club, volunteer team...)"), {"kind": ""})


@hookimpl
def hive_settings():
    from hive.settings import Setting

    return [Setting("hello.greeting", "你好", N_("how 'hive hello' greets an organization"), "str")]


@hookimpl
def hive_criteria():
    from hive.criteria import Criterion

    return [Criterion("hello.kind", "intake", N_("the organization's kind is recorded"), kind_recorded)]


@hookimpl
def hive_commands(cli):
    import click

    from hive.cli.app import App, pass_app

    @cli.command(help=_("Greet ORG (id or exact name), or every organization, with its stage."))
    @click.argument("orgs", nargs=-1, metavar="[ORG]...")
    @pass_app
    def hello(app: App, orgs: tuple[str, ...]) -> None:
        from hive import stages
        from hive.models import Organization
        from hive.organizations import org_finder

        with app.ledger() as ledger:  # fails with "run 'hive plugins enable ...'" when not enabled
            greeting = ledger.settings["hello.greeting"]
            find = org_finder(ledger)
            chosen = [find(ref) for ref in orgs] if orgs else ledger.all(Organization)
        for org in chosen:
            click.echo(
                _("{greeting}, {name}! ({id}, {stage})").format(
                    greeting=greeting, name=org.name, id=org.id, stage=stages.get(org.stage).title
                )
            )
