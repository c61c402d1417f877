"""One configuration (format §7): the commands read the kamsite options of mkdocs.yml, as the site does."""

import html
import re
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kamsite.shell import config
from kamsite.shell.cli import main

from .conftest import copy_project, environment, mkdocs_build, run

OPTIONS = """\
      plans_dir: plans
      as_of: "2027-05-15"
"""
# The team's own choice: English words on a Portuguese theme, a fortnight ahead, a 10-day report.
MINE = """\
      plans_dir: plans
      as_of: "2027-05-11"
      language: en
      today_days: 14
      recent_days: 10
"""


@pytest.fixture(autouse=True)
def no_environment_date(monkeypatch):
    monkeypatch.delenv("KAMSITE_AS_OF", raising=False)


@pytest.fixture
def mine(tmp_path, monkeypatch):
    """The example project with its own date, language and day counts in mkdocs.yml."""
    project = copy_project(tmp_path)
    cfg = project / "mkdocs.yml"
    text = re.sub(
        r"(?m)^      plans_dir: plans\n(      #.*\n)*      as_of: .*\n", MINE, cfg.read_text(encoding="utf-8")
    )
    assert MINE in text
    cfg.write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def site_today(site):
    """Per owner of the built Today page: the groups shown (not the hidden 'later') and their items."""
    page = (site / "today/index.html").read_text(encoding="utf-8")
    owners = {}
    for name, body in re.findall(r'<h2 id="owner-[^"]*">(.*?)</h2>(.*?)</section>', page, re.S):
        groups = {}
        for group, title, items in re.findall(
            r'data-group="(\w+)"><h3>(.*?) <span class="ks-count">.*?<ul data-group="\w+">(.*?)</ul>',
            body,
            re.S,
        ):
            if group != "later":
                groups[html.unescape(title)] = [
                    html.unescape(t) for t in re.findall(r'class="ks-item".*?<a [^>]*>(.*?)</a>', items)
                ]
        owners[html.unescape(name)] = groups
    return page, owners


def terminal_today(out):
    """The same shape from `kamsite today`'s text."""
    owners, groups, title = {}, None, ""
    for line in out.splitlines()[2:]:
        if re.fullmatch(r"\S.* \(@[\w-]+\)", line):
            groups = owners.setdefault(line.rsplit(" (@", 1)[0], {})
        elif line.startswith("    ") and groups is not None:
            if re.match(r"    \S.*  .*  [☐◆] ", line):
                groups[title].append(re.split(r"  [☐◆] ", line, maxsplit=1)[1].split("  ↳ ")[0])
        elif line.startswith("  "):
            title = line.strip()
            groups[title] = []
    return owners


def sorted_items(owners):
    """Each person's non-empty groups (the site leaves empty groups out), items sorted; people
    with none (the site lists them, the terminal does not)."""
    shown = {
        name: {title: sorted(items) for title, items in groups.items() if items}
        for name, groups in owners.items()
    }
    return {name: groups for name, groups in shown.items() if groups}


@pytest.mark.build
def test_the_terminal_shows_the_day_and_words_of_the_sites_today_page(mine, capsys):
    assert main(["today"]) == 0
    out, err = capsys.readouterr()
    assert err == "kamsite: as of 2027-05-11 (as_of in mkdocs.yml)\n"
    page, site = site_today(mkdocs_build(mine, strict=True))
    assert out.splitlines()[0] == "Today · May 11, 2027"
    assert 'data-built="2027-05-11"' in page and "as of May 11, 2027" in page
    assert sorted_items(terminal_today(out)) == sorted_items(site)
    assert "Next 14 days" in site["Lia Prado"]
    assert any(items for groups in site.values() for items in groups.values())


@pytest.mark.build
def test_the_recent_report_covers_the_window_the_site_covers(mine, capsys):
    assert main(["recent", "atlas"]) == 0
    out = capsys.readouterr().out
    page = (mkdocs_build(mine) / "accounts/atlas/recent/index.html").read_text(encoding="utf-8")
    first = "This report covers the last 10 days: May 2, 2027 to May 11, 2027."
    assert first in out and first in page


def test_the_command_line_beats_the_environment_which_beats_mkdocs_yml(mine, capsys, monkeypatch):
    monkeypatch.setenv("KAMSITE_AS_OF", "")  # empty: unset
    assert main(["today"]) == 0
    assert capsys.readouterr().err == "kamsite: as of 2027-05-11 (as_of in mkdocs.yml)\n"
    monkeypatch.setenv("KAMSITE_AS_OF", "2027-06-01")
    assert main(["today"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Today · Jun 1, 2027\n") and err == "kamsite: as of 2027-06-01 (KAMSITE_AS_OF)\n"
    assert main(["--language", "pt-BR", "today", "--as-of", "2027-07-01", "--days", "3"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Hoje · 01/07/2027\n") and "Próximos 3 dias" in out
    assert err == "kamsite: data de referência: 2027-07-01 (--as-of)\n"


def test_without_mkdocs_yml_the_defaults_apply(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path)
    (project / "mkdocs.yml").unlink()
    monkeypatch.chdir(project)
    assert main(["today", "--as-of", "2027-05-15", "--owner", "lia"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Today · May 15, 2027\n") and "Next 7 days" in out


def test_another_configuration_file_and_its_plans_folder(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path / "site")
    (project / "plans").rename(project / "accounts")
    cfg = project / "mkdocs.yml"
    cfg.rename(project / "team.yml")
    (project / "team.yml").write_text(
        (project / "team.yml").read_text(encoding="utf-8").replace("plans_dir: plans", "plans_dir: accounts"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-f", "site/team.yml"]) == 0
    assert capsys.readouterr().err.startswith("4 planos verificados: todos válidos.\n")
    assert main(["today", "--config-file", "site/team.yml", "--owner", "lia"]) == 0
    out, err = capsys.readouterr()
    assert (
        out.startswith("Hoje · 15/05/2027\n")
        and err == "kamsite: data de referência: 2027-05-15 (as_of em site/team.yml)\n"
    )


def test_today_is_the_date_in_the_configured_time_zone():
    # 25 hours apart: whatever the time, the two dates differ
    east = config.resolve_as_of(None, {}, None, "mkdocs.yml", "Pacific/Kiritimati")
    west = config.resolve_as_of(None, {}, "today", "mkdocs.yml", "Pacific/Pago_Pago")
    assert east.day > west.day and not east.pinned and not west.pinned
    assert east.day == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert west.day == datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    assert str(east) == f"as of {east.day.isoformat()} (today in Pacific/Kiritimati)"
    assert str(west).endswith("(today in Pacific/Pago_Pago: as_of in mkdocs.yml is 'today')")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20270515", "'20270515' is not a date: write it as YYYY-MM-DD"),
        ("2027-02-30", "'2027-02-30' is an impossible date"),
        ("2027W196", "'2027W196' is not a date: write it as YYYY-MM-DD"),
        ("٢٠٢٧-٠٥-١٥", "'٢٠٢٧-٠٥-١٥' is not a date: write it as YYYY-MM-DD"),  # digits other than 0-9
    ],
)
@pytest.mark.build
def test_one_date_parser_for_plans_options_and_the_environment(value, message, mine, capsys, monkeypatch):
    assert main(["today", "--as-of", value]) == 1
    assert capsys.readouterr().err == f"kamsite: --as-of: {message}\n"
    monkeypatch.setenv("KAMSITE_AS_OF", value)
    assert main(["today"]) == 1
    assert capsys.readouterr().err == f"kamsite: KAMSITE_AS_OF: {message}\n"
    result = run(mine, sys.executable, "-m", "mkdocs", "build", "-q", env=environment(KAMSITE_AS_OF=value))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"kamsite: KAMSITE_AS_OF: {message}" in result.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ('as_of: "2027W196"', "plugins.kamsite.as_of: '2027W196' is not a date: write it as YYYY-MM-DD"),
        (
            "timezone: Mars/Olympus",
            "plugins.kamsite.timezone: 'Mars/Olympus' is not a time zone name such as "
            "America/Sao_Paulo or UTC",
        ),
        ("today_days: 0", "plugins.kamsite.today_days: 0 days: give from 1 to 3660 days"),
        ("recent_days: 999999999", "plugins.kamsite.recent_days: 999999999 days: give from 1 to 3660 days"),
    ],
)
@pytest.mark.build
def test_a_wrong_option_in_mkdocs_yml_is_one_line_for_the_commands_and_the_build(
    option, message, mine, capsys
):
    cfg = mine / "mkdocs.yml"
    key = option.split(":")[0]
    text = re.sub(rf"(?m)^      {key}: .*\n", "", cfg.read_text(encoding="utf-8"))
    cfg.write_text(
        text.replace("      plans_dir: plans\n", f"      plans_dir: plans\n      {option}\n"),
        encoding="utf-8",
    )
    assert main(["today"]) == 1
    assert capsys.readouterr().err == f"kamsite: mkdocs.yml: {message}\n"
    result = run(mine, sys.executable, "-m", "mkdocs", "build", "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message.split(": ", 1)[1] in result.stderr


@pytest.mark.build
def test_a_pinned_build_says_its_date_and_a_summary(mine):
    result = run(mine, sys.executable, "-m", "mkdocs", "build")
    assert result.returncode == 0, result.stderr
    # kamsite's own lines, whatever MkDocs' logger puts before them
    assert re.findall(r"kamsite: .*", result.stderr) == [
        "kamsite: as of 2027-05-11 (as_of in mkdocs.yml)",
        f"kamsite: 4 accounts, 0 warnings; the site is in {mine / 'site'}",
    ]


@pytest.mark.build
def test_kamsite_build_says_its_date_once_and_a_summary(mine, capsys):
    assert main(["build", "-d", "out"]) == 0
    out, err = capsys.readouterr()
    assert out == "out\n"
    assert (
        err == "kamsite: as of 2027-05-11 (as_of in mkdocs.yml)\n4 accounts, 0 warnings; the site is in out\n"
    )
    assert main(["build", "--clients", "-d", "clients"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["clients/atlas-2026", "clients/atlas", "clients/cedro", "clients/boreal"]
    assert (
        err
        == "kamsite: as of 2027-05-11 (as_of in mkdocs.yml)\n4 accounts, 0 warnings; the site is in clients\n"
    )
