"""Plan text reaches terminals and CI logs: escape sequences are shown, never run, and no line of
output starts a GitHub workflow command."""

import pytest

from kamsite.render.terminal import no_command, one_line, safe, visible

from .conftest import BASE, run, write_project

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)

# What a valid plan may hold: U+202E reverses the text after it, U+2066 isolates it, U+2028
# breaks the line (escape sequences themselves are plan errors now, but still reach messages)
NASTY = "\\u202e\\u2066\\u2028"
COMMAND = "\\n::add-mask::Bruno\\n  ::error title=pwned::x"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    evil = (
        BASE.replace("account: Acme", f'account: "Evil{NASTY}"')
        .replace("  bruno: Bruno Lima", f'  bruno: "Bruno Lima{COMMAND}{NASTY}"\n  eve: "Eve{COMMAND}"')
        .replace("    title: Act\n", f'    title: "Act{NASTY}"\n    due: 2027-02-03\n')
    )
    evil += "## Shared {.client}\n"  # the client's report shows them too
    evil += "- [x] Call \u202ethe buyer\u2028::error::x @bruno due:2027-01-20 done:2027-01-20\n"
    evil += "- [ ] Call again \u202eniaga @eve due:2027-02-02\n"
    bad = BASE.replace("    target: 200", '    target: "2\\e[8m\\n::error::hidden"')  # echoed by its message
    return write_project(tmp_path_factory.mktemp("terminal"), {"acme": BASE, "evil": evil, "bad": bad})


def assert_safe(output: str) -> None:
    raw = [c for c in output if c in "\x1b\x07\r\u202e\u2066\u2028"]
    assert not raw, raw
    commands = [line for line in output.split("\n") if line.lstrip().startswith("::")]
    assert not commands, commands


def test_the_agenda_shows_control_characters_and_runs_none(project):
    done = run(project, "kamsite", "today", "--as-of", "2027-02-01")
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout + done.stderr)
    assert "Call again \\u202eniaga" in done.stdout
    assert "Eve\\x0a::add-mask::Bruno\\x0a  ::error title=pwned::x (@eve)" in done.stdout


def test_check_shows_control_characters_in_its_problems(project):
    done = run(project, "kamsite", "check")
    assert done.returncode == 1
    assert_safe(done.stdout + done.stderr)
    assert "target: '2\\x1b[8m\\x0a::error::hidden' is not a number" in done.stdout


def test_github_annotations_carry_plan_text_as_data_only(project):
    done = run(project, "kamsite", "check", "--format", "github")
    lines = done.stdout.splitlines()
    assert lines and all(line.startswith("::error file=plans/") for line in lines), lines
    assert not any(c in done.stdout for c in "\x1b\x07\r")


def test_the_recent_report_shows_control_characters(project):
    done = run(project, "kamsite", "recent", "evil", "--as-of", "2027-02-01")
    assert done.returncode == 0, done.stderr
    assert_safe(done.stdout)
    assert "Call \\u202ethe buyer ::error::x" in done.stdout


@pytest.mark.parametrize(
    "command",
    [["kamsite", "build", "-d", "public"], ["mkdocs", "build", "-d", "out"]],
    ids=["kamsite", "mkdocs"],
)
def test_build_warnings_cannot_inject_workflow_commands(project, command):
    done = run(project, *command)
    assert done.returncode == 0, done.stderr
    assert "differs from 'Bruno Lima'" in done.stderr  # the warning is there, made safe
    assert_safe(done.stdout + done.stderr)


def test_the_helpers():
    assert visible("a\x1b[31mb\r\n\u202ec\u2028") == "a\\x1b[31mb\\x0d\\x0a\\u202ec\\u2028"
    assert no_command("  ::error::x") == "  \\x3a:error::x"
    assert no_command("a ::error::x") == "a ::error::x"
    assert safe("ok\n::warning::x\n\t::add-mask::y") == "ok\n\\x3a:warning::x\n\\x09::add-mask::y"
    assert one_line(" ::error::x\n::y") == " \\x3a:error::x\\x0a::y"
