"""Bad input, property-based: arbitrary strings through the command line never crash and never half-write.

For every command and every value hypothesis makes up (names, dates, hours,
scores, codes, phones, settings, import files, CSV cells), the command either
succeeds or fails with exactly one line on stderr, a non-zero exit that is
not hive's internal-error status, no traceback, and the center file's bytes
unchanged.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

INTERNAL_ERROR = 70

# What a shell can hand a program: any text, including bytes that are not UTF-8
# (Python turns those into lone surrogates), control characters and huge values.
ARG = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.binary(max_size=30).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.sampled_from(["", " ", "-", "--", "--help", "o1", "p1", "0", "-1", "nan", "inf", "1e308", "\x00", "\n"]),
)
DATE = st.one_of(ARG, st.dates().map(lambda d: d.isoformat()), st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"))
NUMBER = st.one_of(
    ARG,
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
FUZZ = settings(
    max_examples=int(os.environ.get("HIVE_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def never_breaks(hive, *args: str, report_lines: bool = False) -> None:
    """Run ``hive *args``; success is fine, failure must be clean and write nothing.

    ``report_lines``: the command may list problems (bad CSV rows) before its last, ``hive:`` line.
    """
    before = hive.db.read_bytes()
    result = hive(*args)
    if result.exit_code == 0:
        return
    assert result.exit_code != INTERNAL_ERROR, (args, result.stderr)
    assert "Traceback (most recent call last)" not in result.output
    lines = result.stderr.strip("\n").splitlines()
    assert (report_lines or len(lines) == 1) and lines[-1].startswith("hive: "), (args, result.stderr)
    assert hive.db.read_bytes() == before, args


@pytest.fixture
def club(hive):
    hive.ok("org", "add", "阅翼成长阅读俱乐部", "--joined", "2026-01-05")
    hive.ok("person", "add", "王芳")
    hive.ok("member", "add", "o1", "王芳", "--backbone", "--since", "2026-01-05")
    return hive


@FUZZ
@given(name=ARG, kind=ARG, joined=DATE)
def test_org_add(club, name, kind, joined):
    never_breaks(club, "org", "add", name, "--kind", kind, "--joined", joined)


@FUZZ
@given(name=ARG, phone=ARG)
def test_person_add(club, name, phone):
    never_breaks(club, "person", "add", name, "--phone", phone)


@FUZZ
@given(date=DATE, hours=NUMBER, topic=ARG, attendee=ARG)
def test_record_training(club, date, hours, topic, attendee):
    never_breaks(
        club, "record", "training", "o1", "--date", date, "--hours", hours, "--topic", topic, "--attendee", attendee
    )


@FUZZ
@given(code=ARG, filing=ARG, date=DATE, use_code=st.booleans())
def test_record_registration(club, code, filing, date, use_code):
    option = ("--uscc", code) if use_code else ("--filing-no", filing)
    never_breaks(club, "record", "registration", "o1", *option, "--date", date)


@FUZZ
@given(scores=st.lists(st.one_of(ARG, st.tuples(ARG, NUMBER).map("=".join)), min_size=1, max_size=4), date=DATE)
def test_record_diagnosis(club, scores, date):
    never_breaks(club, "record", "diagnosis", "o1", "--date", date, *[a for s in scores for a in ("--score", s)])


@FUZZ
@given(date=DATE, supervisor=ARG, notes=ARG)
def test_record_supervision(club, date, supervisor, notes):
    never_breaks(club, "record", "supervision", "o1", "--date", date, "--supervisor", supervisor, "--notes", notes)


@FUZZ
@given(org=ARG, person=ARG, since=DATE)
def test_member_add(club, org, person, since):
    never_breaks(club, "member", "add", org, person, "--since", since)


@FUZZ
@given(stage=ARG, reason=ARG, date=DATE, force=st.booleans())
def test_advance(club, stage, reason, date, force):
    never_breaks(
        club, "advance", "o1", "--to", stage, "--reason", reason, "--date", date, *(["--force"] if force else [])
    )


@FUZZ
@given(
    key=st.one_of(ARG, st.sampled_from(["core.intake.min_members", "core.busy_timeout", "core.diagnosis.min_mean"])),
    value=NUMBER,
)
def test_settings_set(club, key, value):
    never_breaks(club, "settings", "set", key, value)
    never_breaks(club, "person", "add", "李娜")  # whatever was stored, the next writer still works


@FUZZ
@given(ref=ARG)
def test_reading_commands(club, ref):
    for args in (("org", "show", ref), ("history", ref), ("person", "show", ref), ("review", ref)):
        never_breaks(club, *args)


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
            max_leaves=12,
        ).map(lambda v: json.dumps(v)),
        st.fixed_dictionaries(
            {
                "format": st.just("hive-export"),
                "format_version": st.just(1),
                "personal": st.just("included"),
                "schema": st.just(1),
                "center": st.dictionaries(st.sampled_from(["name", "plugins", "x"]), st.text(max_size=5), max_size=2),
                "collections": st.dictionaries(
                    st.sampled_from(["people", "organizations", "memberships", "odd"]),
                    st.lists(st.dictionaries(st.sampled_from(["id", "name", "org", "person"]), ARG), max_size=3),
                    max_size=3,
                ),
            }
        ).map(lambda v: json.dumps(v)),
    )
)
def test_import_of_arbitrary_files(club, tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("imports")
    source = folder / "e.json"
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    new = folder / "new.json"
    never_breaks(club, "import", str(source), "--db", str(new))


def _has_volunteer_import(hive) -> bool:
    from hive.cli import cli

    with cli.make_context("hive", ["--help"], resilient_parsing=True) as ctx:
        group = cli.get_command(ctx, "volunteer")
        return group is not None and "import" in getattr(group, "commands", {})


CELL = st.one_of(ARG, DATE, NUMBER).map(lambda s: s.replace("\x00", ""))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=8), min_size=0, max_size=4), header=st.booleans())
def test_volunteer_csv_cells(club, tmp_path_factory, rows, header):
    if not _has_volunteer_import(club):
        pytest.skip("the volunteer plugin has no 'hive volunteer import' yet")
    import csv
    import io

    if "volunteer" not in json.loads(club.db.read_bytes())["center"]["1"]["plugins"]:
        club.enable("volunteer")
        club.ok("volunteer", "add", "p1")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(["person", "date", "hours", "activity", "team", "org", "place"])
    writer.writerows(rows)
    source = tmp_path_factory.mktemp("csv") / "hours.csv"
    source.write_bytes(buffer.getvalue().encode("utf-8", "surrogateescape"))
    never_breaks(club, "volunteer", "import", str(source), report_lines=True)


# -- what the fuzzing found, kept as plain tests ---------------------------------------------------


def test_a_newline_in_a_value_stays_on_the_error_line(club):
    result = club.fails("org", "add", "x", "--joined", "2026-01-05\nrm -rf /")
    assert result.stderr.count("\n") == 1 and "2026-01-05\\nrm -rf /" in result.stderr


def test_bytes_that_are_not_utf8_are_refused_not_stored(club):
    value = b"\xff\xfe\xe7\xa4\xbe".decode("utf-8", "surrogateescape")
    for args in (("org", "add", value), ("record", "registration", "o1", "--filing-no", value, "--date", "2026-02-01")):
        result = club.fails(*args)
        assert result.exit_code == 2 and "not readable text" in result.stderr
        result.stderr.encode("utf-8")  # the error line itself prints
    assert club.fails("org", "add", value).stderr.startswith("hive: argument 3: not readable text")


def test_unreadable_personal_data_is_not_echoed(club):
    phone = "138" + b"\xff".decode("utf-8", "surrogateescape") + "12345678"
    result = club.fails("person", "add", "王芳", "--phone", phone)
    assert result.stderr.startswith("hive: --phone: not readable text")
    assert "12345678" not in result.stderr


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("core.intake.min_members", "18446744073709551616"),
        ("core.intake.min_members", "-9223372036854775809"),
        ("core.diagnosis.min_mean", "1e400"),
        ("core.diagnosis.min_mean", "nan"),
        ("core.busy_timeout", "inf"),
    ],
)
def test_settings_the_file_cannot_hold_are_refused(club, key, value):
    result = club.fails("settings", "set", "--", key, value)
    assert result.exit_code == 2 and "expected" in result.stderr


def test_settings_at_the_limits_of_the_file(club):
    club.ok("settings", "set", "core.intake.min_members", str(2**63 - 1))
    result = club.fails("settings", "set", "--", "core.intake.min_members", str(-(2**63)))
    assert "expected a number of at least 0" in result.stderr  # the setting's own bound comes first


# -- the bundled party and resource plugins' writing commands ---------------------------------------
# Each example starts from a command that would succeed and makes up one to three of its values
# (or leaves an option out), so that the made-up value reaches the rules behind click's parsing.
OMIT = None


def command(words: str, *positional: str, **good: str | list[str]) -> st.SearchStrategy[list[str]]:
    """``words``, the ``positional`` arguments, then the options ``good`` (``--name value``; a list repeats
    the option; "" is a flag), with one to three of the arguments and options made up."""
    options: dict[str | int, str | list[str]] = dict(enumerate(positional))
    options |= {"--" + name.rstrip("_").replace("_", "-"): value for name, value in good.items()}

    def made_up(key: str | int) -> st.SearchStrategy:
        value = options[key]
        if isinstance(key, int):
            return ARG
        if isinstance(value, list):
            return st.lists(st.one_of(ARG, st.sampled_from(value or [""])), max_size=7)
        if value == "":  # a flag
            return st.booleans()
        return st.one_of(st.none(), ARG, DATE, NUMBER)

    def argv(changes: dict) -> list[str]:
        values = {**options, **changes}
        args = [*words.split(), *(values[i] for i in range(len(positional)))]
        for option, value in values.items():
            if isinstance(option, int) or value is OMIT or value is False:
                continue
            if value == "" or value is True:
                args.append(option)
            elif isinstance(value, list):
                args += [a for v in value for a in (option, v)]
            else:
                args += [option, value]
        return args

    return (
        st.lists(st.sampled_from(list(options)), min_size=1, max_size=3, unique=True)
        .flatmap(lambda chosen: st.fixed_dictionaries({k: made_up(k) for k in chosen}))
        .map(argv)
    )


@pytest.fixture
def plugins(club):
    """``club`` with both plugins: o2 (no branch yet), branch pb1 of o1, rp1 offering rs1, rn1 of o1, ra1 open."""
    club.enable("party", "resource")
    club.ok("org", "add", "艺舞人生艺术团", "--joined", "2026-01-05")
    club.ok("party", "branch", "add", "阅翼党支部", "--org", "o1", "--founded", "2026-02-01")
    club.ok("resource", "provider", "add", "社区银行", "--kind", "bank")
    club.ok("resource", "add", "--provider", "rp1", "--kind", "funds", "--quantity", "1000", "--unit", "yuan")
    club.ok("resource", "need", "add", "--org", "o1", "--kind", "funds", "--quantity", "300", "--unit", "yuan")
    club.ok("resource", "match", "--apply")
    return club


PLUGIN_COMMANDS = {
    "party member add": command("party member add", "p1", joined="2021-07-01", branch="pb1", reported=""),
    "party activity add": command(
        "party activity add", kind="theme_day", date="2026-05-20", topic="学习", attendee=["p1"], org=["o1"]
    ),
    "party instructor assign": command("party instructor assign", "o2", "p1", since="2026-03-01"),
    "party branch add": command("party branch add", "艺舞党支部", org=["o2"], founded="2026-03-01"),
    "resource provider add": command("resource provider add", "社区医院", kind="hospital", contact="13812345678"),
    "resource add": command(
        "resource add",
        provider="rp1",
        kind="materials",
        quantity="20",
        unit="items",
        from_="2026-06-30",
        to="2026-12-31",
        community="桃源社区",
        tag=["儿童"],
        description="绘本",
    ),
    "resource need add": command(
        "resource need add",
        org="o1",
        kind="venue",
        quantity="2.5",
        unit="hours",
        by="2026-09-01",
        priority="4",
        tag=["周末"],
        community="桃源社区",
        description="读书会",
    ),
    "resource fulfil": st.one_of(st.just("ra1"), ARG).map(lambda ref: ["resource", "fulfil", ref]),
    "resource cancel": command("resource cancel", "ra1", reason="场地维修"),
}


@pytest.mark.parametrize("name", list(PLUGIN_COMMANDS))
def test_plugin_writing_commands(plugins, name):
    @FUZZ
    @given(args=PLUGIN_COMMANDS[name])
    def run(args):
        never_breaks(plugins, *args)

    run()
    assert plugins.json("check")["ok"]


PLUGIN_SETTINGS = [
    "party.joint_branch_max_orgs",
    "party.probation_months",
    "party.branch_min_members",
    "party.frequency.theme_day",
    "party.registration_needs_instructor",
    "resource.supervision.min_fulfilled",
]


@FUZZ
@given(key=st.sampled_from(PLUGIN_SETTINGS), value=st.one_of(NUMBER, st.sampled_from(["-1", "0", "true", "none"])))
def test_plugin_settings_set(plugins, key, value):
    """Whatever a plugin's setting holds, its commands and reviews refuse cleanly or work."""
    never_breaks(plugins, "settings", "set", "--", key, value)
    for args in (
        ("party", "coverage"),
        ("party", "compliance"),
        ("party", "member", "list"),
        ("review", "o1"),
    ):
        never_breaks(plugins, *args)
    result = plugins("check")  # a setting its plugin cannot use is a problem the report names
    assert result.exit_code in (0, 1) and not result.stderr, result.stderr
