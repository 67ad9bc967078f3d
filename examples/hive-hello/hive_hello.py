"""hive-hello: the smallest useful hive plugin.

It adds, for a center that enables it:

* a setting, ``hello.greeting`` (default "你好");
* an exit criterion of the intake stage, ``hello.kind``: the organization's
  kind (读书会, 志愿服务队...) is recorded, so the center knows what it incubates;
* a command, ``hive hello [ORG]``, greeting one organization or all of them.

Everything is declared on one :class:`hive.Plugin` object, ``plugin``, which is
what the entry point names (``hello = "hive_hello:plugin"``). Install it with
``pip install -e examples/hive-hello`` or load it without installing with
``hive --plugins-dir examples/hive-hello`` (then it is named after its file:
``hive_hello``). Click and hive's command-line helpers are imported inside the
command's hook, so the module stays light.
"""

from __future__ import annotations

from hive import N_, Outcome, Plugin, Setting

__version__ = "0.2.0"
plugin = Plugin("hello", api=">=1,<2", catalog="hive_hello", version=__version__)
_ = plugin.gettext

plugin.settings(Setting("hello.greeting", "你好", N_("how 'hive hello' greets an organization"), "str"))


@plugin.criterion("hello.kind", stage="intake", description=N_("the organization's kind is recorded"))
def kind_recorded(org, ctx):
    """Passes when the organization's kind is recorded."""
    if org.kind:
        return Outcome(True, "", {"kind": org.kind})
    return Outcome(False, _("no kind recorded (what the group does: reading club, volunteer team...)"), {"kind": ""})


@plugin.hook
def hive_commands(cli):
    """``hive hello`` at the top level (``plugin.command`` would put it under ``hive hello ...``)."""
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
