"""``hive dissolve`` asks on a terminal (a real pseudo-terminal here), not in scripts, and never with --yes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time


def _on_a_terminal(hive, *args: str, answer: str) -> tuple[int, str]:
    """Run ``hive ARGS`` with a pseudo-terminal as its standard input and error; type ``answer`` at the prompt."""
    leader, follower = pty.openpty()
    env = {**os.environ, "HIVE_DB": str(hive.db), "HIVE_LANG": "en", "HIVE_OPERATOR": "tester"}
    child = subprocess.Popen(
        [sys.executable, "-m", "hive", *args], stdin=follower, stdout=subprocess.PIPE, stderr=follower, env=env
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    while b"[y/N]" not in seen and time.monotonic() < deadline and child.poll() is None:
        if select.select([leader], [], [], 0.5)[0]:
            try:
                seen += os.read(leader, 4096)
            except OSError:
                break
    if b"[y/N]" in seen:
        os.write(leader, answer.encode() + b"\r")
    out, _ = child.communicate(timeout=60)
    while select.select([leader], [], [], 0.2)[0]:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return child.returncode, seen.decode(errors="replace") + out.decode()


def test_a_no_at_the_prompt_dissolves_nothing(hive, club):
    code, shown = _on_a_terminal(hive, "dissolve", club, "--reason", "成员解散", answer="n")
    assert "Dissolve 阅翼成长阅读俱乐部" in shown and "This is final" in shown
    assert code == 1 and "not dissolved; nothing was written" in shown
    assert hive.json("org", "show", club)["status"] == "active"


def test_a_yes_at_the_prompt_dissolves(hive, club):
    code, shown = _on_a_terminal(hive, "dissolve", club, "--reason", "成员解散", answer="y")
    assert code == 0, shown
    assert hive.json("org", "show", club)["status"] == "dissolved"


def test_yes_skips_the_question_on_a_terminal(hive, club):
    code, shown = _on_a_terminal(hive, "dissolve", club, "--reason", "成员解散", "--yes", answer="n")
    assert code == 0 and "[y/N]" not in shown
    assert hive.json("org", "show", club)["status"] == "dissolved"


def test_a_script_is_not_asked(hive, club):
    """Standard input not a terminal (a script, a pipe): v0.1's behaviour, no question."""
    hive.ok("dissolve", club, "--reason", "成员解散")
    assert hive.json("org", "show", club)["status"] == "dissolved"


def test_an_unknown_organization_is_named_before_any_question(hive):
    code, shown = _on_a_terminal(hive, "dissolve", "没有这个组织", "--reason", "x", answer="y")
    assert code != 0 and "[y/N]" not in shown and "Traceback" not in shown
