"""The relationship map (format v3 §9.15): stakeholders in the front matter, `with:` on contact
tasks, each stakeholder's last contact and cadence, and nothing of it in a client's view."""

import gzip
import json
import re
from datetime import date

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kamsite.core import frontmatter
from kamsite.core.audience import client_view
from kamsite.core.parse import parse_plan
from kamsite.core.portfolio import Portfolio
from kamsite.core.progress import Settings, compute, compute_all
from kamsite.core.stakeholders import last_contacts
from kamsite.render import explain, site
from kamsite.render.formats import Formats
from kamsite.render.labels import Labels
from kamsite.render.pages.common import View
from kamsite.render.schema import export_schema, plan_schema
from kamsite.shell import builder

from .conftest import BASE, as_shown, make_plan, problems, revenue_goal

AS_OF = date(2027, 5, 15)
CFO = {"id": "cfo", "name": "Mariana Costa", "role": "CFO", "influence": "high", "stance": "champion"}
BUYER = {"id": "buyer", "name": "Paulo Reis", "owner": "bruno"}
# BASE with two stakeholders: their lines are 8 to 10, and every line after moves down by 3
PEOPLE = BASE.replace(
    "goals:\n",
    "stakeholders:\n  - {id: cfo, name: Mariana Costa, role: CFO, influence: high}\n"
    "  - {id: buyer, name: Paulo Reis, owner: bruno}\ngoals:\n",
    1,
)


def view(locale="en", as_of=AS_OF):
    return View(as_of=as_of, settings=Settings(), fmt=Formats(locale), labels=Labels(locale))


def plan(body="", people=(CFO, BUYER), **front):
    goal = revenue_goal(actuals={"2027-05-01": 2700000})  # on track: the stakeholders set the health
    return make_plan(goals=[goal], stakeholders=list(people), body=body, **front)


# -- the front matter ------------------------------------------------------------------------


def test_a_stakeholder_needs_only_an_id_and_a_name_and_the_rest_has_its_defaults():
    person = make_plan(stakeholders=[{"id": "cfo", "name": "Mariana Costa"}]).plan.stakeholders[0]
    assert (person.role, person.influence, person.stance, person.owner) == (None, "medium", "unknown", None)
    (kept,) = compute(make_plan(stakeholders=[{"id": "cfo", "name": "Mariana"}]), AS_OF).stakeholders
    assert kept.owner == "ana"  # the account owner keeps a relationship nobody else is named for


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{id: cfo, name: Mariana Costa, ",
            "{id: cfo, ",
            "plans/acme.md:9: stakeholders[0].name: is required",
        ),
        ("{id: cfo, ", "{", "plans/acme.md:9: stakeholders[0].id: is required"),
        (
            "influence: high",
            "influence: huge",
            "plans/acme.md:9: stakeholders[0].influence: must be one of 'high', 'medium' or 'low'",
        ),
        (
            "influence: high",
            "stance: fan",
            "plans/acme.md:9: stakeholders[0].stance: must be one of 'champion', 'supporter', 'neutral',"
            " 'critic' or 'unknown'",
        ),
        (
            "owner: bruno}",
            "owner: bruna}",
            "plans/acme.md:10: stakeholders[1].owner: unknown handle 'bruna'. Did you mean 'bruno'?",
        ),
        (
            "id: buyer",
            "id: cfo",
            "plans/acme.md:10: stakeholders[1].id: duplicate id 'cfo' (first used at line 9)",
        ),
        (
            "id: cfo",
            "id: CFO",
            "plans/acme.md:9: stakeholders[0].id: 'CFO' is not a safe id: use lowercase letters, digits and"
            " '-', starting with a letter or digit, as in 'cfo'",
        ),
        (
            "{id: cfo, ",
            "{id: cfo, rol: CFO, ",
            "plans/acme.md:9: stakeholders[0].rol: unknown key. Did you mean 'role'?",
        ),
    ],
)
def test_each_stakeholder_rule_reports_its_line_field_and_message(old, new, expected):
    text = PEOPLE.replace(old, new, 1)
    assert text != PEOPLE and problems(PEOPLE) == []
    assert problems(text) == [expected]


# -- with: on a contact task -------------------------------------------------------------------


def test_a_contact_task_names_whom_it_met_with_one_with_token():
    file = parse_plan(PEOPLE + "- [x] 📞 Lunch with:cfo,buyer,cfo done:2027-05-02\n", "plans/acme.md")
    (task,) = file.tasks
    assert (task.text, task.met, task.done_on) == ("Lunch", ("cfo", "buyer"), date(2027, 5, 2))
    assert file.warnings == ()


def test_an_unknown_with_id_is_an_error_that_suggests_the_nearest():
    assert problems(PEOPLE + "- [x] 📞 Lunch with:cfa,buyer done:2027-05-02\n") == [
        "plans/acme.md:28: task.with: unknown stakeholder 'cfa'. Did you mean 'cfo'?"
    ]
    assert problems(BASE + "- [x] 📞 Lunch with:cfo done:2027-05-02\n") == [
        "plans/acme.md:25: task.with: unknown stakeholder 'cfo'."  # a plan without stakeholders
    ]


def test_a_second_with_token_is_an_error():
    assert problems(PEOPLE + "- [x] 📞 Lunch with:cfo with:buyer done:2027-05-02\n") == [
        "plans/acme.md:28: task.with: 'with:buyer' repeats whom the task met: name them all in one, as in"
        " with:cfo,buyer"
    ]


def test_with_on_a_task_that_is_not_a_contact_warns_that_it_never_counts():
    file = parse_plan(PEOPLE + "- [x] Send the deck with:cfo done:2027-05-02\n", "plans/acme.md")
    assert [str(w) for w in file.warnings] == [
        "plans/acme.md:28: task.with: with: names the people a client contact met, and this task is not"
        " one: add kind:contact (or 📞), or remove with:"
    ]


def test_meeting_with_colon_and_a_space_is_plain_text():
    (task,) = parse_plan(PEOPLE + "- [ ] Prepare the meeting with: the CFO\n", "plans/acme.md").tasks
    assert (task.text, task.met) == ("Prepare the meeting with: the CFO", ())


# -- each stakeholder's last contact and cadence -----------------------------------------------


def test_the_last_contact_of_a_stakeholder_is_the_latest_done_contact_naming_them():
    body = (
        "- [x] 📞 Lunch with:cfo,buyer done:2027-03-01\n"
        "- [x] 📞 Call with:cfo done:2027-04-10\n"
        "- [x] 📞 Visit with:cfo done:2027-05-20\n"  # after as_of: has not happened yet
        "- [ ] 📞 Dinner with:buyer due:2027-05-10\n"  # open
        "- [x] 📞 Call the buyer's assistant done:2027-05-12\n"  # names nobody
    )
    file = plan(body)
    assert last_contacts(file.tasks, AS_OF) == {"cfo": date(2027, 4, 10), "buyer": date(2027, 3, 1)}
    acc = compute(file, AS_OF)
    assert [(r.stakeholder.id, r.last_contact) for r in acc.stakeholders] == [
        ("cfo", date(2027, 4, 10)),
        ("buyer", date(2027, 3, 1)),
    ]
    assert acc.last_contact == date(2027, 5, 12)  # the account's contact counts every contact


def test_a_high_influence_stakeholder_is_overdue_one_day_past_the_cadence():
    on_the_day = compute(plan("- [x] 📞 Call with:cfo done:2027-04-15\n", contact_every=30), AS_OF)
    assert [r.contact_overdue for r in on_the_day.stakeholders] == [False, None]  # 30 days; buyer untracked
    late = compute(plan("- [x] 📞 Call with:cfo done:2027-04-14\n", contact_every=30), AS_OF)
    assert [(r.contact_overdue, r.since) for r in late.stakeholders] == [(True, 31), (None, 134)]


def test_an_overdue_high_influence_stakeholder_is_a_health_cause_in_words():
    body = "- [x] 📞 Lunch with:cfo done:2027-03-15\n- [x] 📞 Call with:buyer done:2027-05-10\n"
    acc = compute(plan(body, contact_every=30), AS_OF)
    assert (acc.health, acc.causes, acc.contact_overdue) == ("at_risk", ("stakeholder_overdue:cfo",), False)
    assert explain.health(acc, Labels("en")) == (
        "no contact with Mariana Costa (CFO) for 61 days (one every 30 days) → at risk"
    )
    assert explain.health(acc, Labels("pt_BR")) == (
        "sem contato com Mariana Costa (CFO) há 61 dias (um contato a cada 30 dias) → em risco"
    )


def test_without_a_cadence_or_on_a_closed_plan_no_stakeholder_is_overdue():
    body = "- [x] 📞 Lunch with:cfo done:2027-01-15\n"
    assert [r.contact_overdue for r in compute(plan(body), AS_OF).stakeholders] == [None, None]
    closed = compute(plan(body, contact_every=30), date(2028, 3, 1))
    assert [r.contact_overdue for r in closed.stakeholders] == [False, None]
    assert closed.causes == ("plan_closed:2027-12-31",)


def test_a_stakeholder_never_met_counts_from_the_period_start_or_the_plan_it_follows():
    earlier = make_plan(
        stakeholders=[CFO],
        body="- [x] 📞 Lunch with:cfo done:2026-12-10\n",
        id="acme-2026",
        period=("2026-01-01", "2026-12-31"),
    )
    later = make_plan(stakeholders=[CFO], id="acme-2027", follows="acme-2026", contact_every=30)
    alone = compute(later, date(2027, 1, 20))
    assert [(r.last_contact, r.since, r.contact_overdue) for r in alone.stakeholders] == [(None, 19, False)]
    _, followed = compute_all([earlier, later], date(2027, 1, 20))
    (cfo,) = followed.stakeholders
    assert (cfo.last_contact, cfo.since, cfo.contact_overdue) == (date(2026, 12, 10), 41, True)


def test_a_contact_in_an_internal_section_counts_for_the_team_and_is_nowhere_in_the_clients_view():
    body = (
        "## Notes {.internal}\n- [x] 📞 Lunch with:cfo done:2027-05-02\n"
        "## Us {.client}\n- [x] 📞 Call\n  with:buyer done:2027-04-20\n"
    )
    file = plan(body, contact_every=30)
    team = compute(file, AS_OF)
    assert [r.last_contact for r in team.stakeholders] == [date(2027, 5, 2), date(2027, 4, 20)]
    client = client_view(file)
    assert client.plan.stakeholders == [] and [t.met for t in client.tasks] == [()]
    assert "with:" not in client.body and "cfo" not in client.body and "buyer" not in client.body
    assert "- [x] 📞 Call\n  done:2027-04-20" in client.body  # the continuation line stays one
    seen = compute(client, AS_OF)
    assert seen.stakeholders == () and seen.last_contact == date(2027, 5, 2)  # the client was there


# -- the team's pages and export ---------------------------------------------------------------


def team_files(file, locale="en"):
    return {uri: as_shown(text) for uri, text in site.generate(Portfolio([file]), view(locale)).items()}


def rows(page, cls):
    table = re.search(rf'<table class="[^"]*{cls}[^"]*".*?</table>', page, re.S)
    assert table
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in re.findall(r"<tr>.*?</tr>", table.group(0))]
    return [[re.sub(r"<[^>]+>", "", c) for c in row] for row in cells if row]


def test_the_dashboard_shows_the_relationship_map_with_stances_by_icon_and_word():
    body = "- [x] 📞 Lunch with:cfo done:2027-03-15\n- [x] 📞 Call with:buyer done:2027-05-10\n"
    page = team_files(plan(body, contact_every=30))["accounts/acme/index.md"]
    assert "## Relationship map {#stakeholders}" in page
    assert rows(page, "ks-stakeholder-table") == [
        [
            "Mariana Costa",
            "CFO",
            "High",
            "Champion",
            "Ana Souza",
            "Mar 15, 2027 (61 days ago)",
            "Overdue: no contact for 61 days",
        ],
        ["Paulo Reis", "—", "Medium", "Unknown", "Bruno Lima", "May 10, 2027 (5 days ago)", "—"],
    ]
    assert '<span class="ks-stance ks-stance-champion"><span class="ks-icon ks-icon-champion"' in page
    assert "ks-chip-with" in page and "Mariana Costa</span>" in page  # the task's chip names whom it met


def test_the_relationship_map_in_portuguese():
    body = "- [x] 📞 Lunch with:cfo done:2027-05-01\n"
    page = team_files(plan(body, contact_every=30), "pt_BR")["accounts/acme/index.md"]
    assert "## Mapa de relacionamento {#stakeholders}" in page
    assert rows(page, "ks-stakeholder-table")[0][2:] == [
        "Alta",
        "Defensor",
        "Ana Souza",
        "01/05/2027 (há 14 dias)",
        "Dentro da cadência (a cada 30 dias)",
    ]


def test_a_plan_without_stakeholders_has_no_relationship_map():
    page = team_files(make_plan(goals=[revenue_goal()]))["accounts/acme/index.md"]
    assert "{#stakeholders}" not in page and "ks-stakeholder-table" not in page


def test_a_persons_page_lists_the_relationships_they_keep():
    files = team_files(plan("- [x] 📞 Call with:buyer done:2027-05-10\n"))
    assert rows(files["people/bruno/index.md"], "ks-stakeholder-table") == [
        ["Paulo Reis", "—", "Acme", "Medium", "Unknown", "May 10, 2027 (5 days ago)", "—"]
    ]
    assert 'href="../../accounts/acme/#stakeholders"' in files["people/bruno/index.md"]
    assert rows(files["people/ana/index.md"], "ks-stakeholder-table")[0][0] == "Mariana Costa"


def test_the_team_export_gives_each_stakeholder_its_last_contact_and_cadence():
    body = "- [x] 📞 Lunch with:cfo done:2027-03-15\n"
    (record,) = json.loads(team_files(plan(body, contact_every=30))["api/accounts.json"])["accounts"]
    assert record["stakeholders"] == [
        {
            "id": "cfo",
            "name": "Mariana Costa",
            "role": "CFO",
            "influence": "high",
            "stance": "champion",
            "owner": "ana",
            "last_contact": "2027-03-15",
            "contact_overdue": True,
        },
        {
            "id": "buyer",
            "name": "Paulo Reis",
            "role": None,
            "influence": "medium",
            "stance": "unknown",
            "owner": "bruno",
            "last_contact": None,
            "contact_overdue": None,
        },
    ]
    assert "stakeholder_overdue:cfo" in record["health_causes"]


@pytest.mark.parametrize("client_health", [False, True])
def test_no_client_file_holds_a_stakeholder_or_a_with_token(client_health):
    people = [
        {"id": "zqcfo", "name": "Zqname Costa", "role": "Zqrole", "influence": "high", "owner": "bruno"},
        {"id": "zqbuyer", "name": "Zqbuyer Reis", "stance": "critic"},
    ]
    body = (
        "## Us {.client}\n- [x] 📞 Lunch with:zqcfo,zqbuyer done:2027-03-15\n- [ ] 📞 Visit with:zqcfo"
        " due:2027-05-20\n## Notes {.internal}\n- [x] 📞 Call with:zqbuyer done:2027-05-01\n"
    )
    file = plan(body, people, contact_every=30)
    assert any("zq" in content.lower() for content in team_files(file).values())  # the check can fail
    shown = {**view().__dict__, "internal": False, "client_health": client_health}
    files = site.generate_client(file, View(**shown))
    assert [name for name, content in files.items() if re.search("zq|with:", content, re.I)] == []
    data = json.loads(files["api/accounts.json"])["accounts"][0]
    assert "stakeholders" not in data and data["health_causes"] in (None, [])
    assert "Lunch" in files["accounts/acme/index.md"]


def test_the_schemas_describe_the_relationship_map():
    """An editor checks stakeholders as `kamsite check` does; the team's export follows its schema."""
    check = Draft202012Validator(plan_schema(), format_checker=FormatChecker())
    data = json.loads(json.dumps(frontmatter.read(PEOPLE, "plans/acme.md").data))
    assert list(check.iter_errors(data)) == []
    data["stakeholders"][0] |= {"stance": "fan"}
    assert [e.message for e in check.iter_errors(data)] == [
        "'fan' is not one of ['champion', 'supporter', 'neutral', 'critic', 'unknown']"
    ]
    export = json.loads(team_files(plan("- [x] 📞 Lunch with:cfo done:2027-03-15\n"))["api/accounts.json"])
    assert (
        list(Draft202012Validator(export_schema(), format_checker=FormatChecker()).iter_errors(export)) == []
    )


@pytest.mark.build
def test_a_built_client_site_holds_no_stakeholder_name_role_or_id(tmp_path, monkeypatch):
    """A real MkDocs build of the team's site and of the client's: the team's shows the
    relationship map; no file of the client's (pages, search index, calendars, data, sitemap)
    holds a stakeholder's name, role or id, or a `with:` token."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Team\nsite_url: https://example.com/\ntheme: {name: material, font: false}\n"
        f"plugins: [search, {{kamsite: {{as_of: '{AS_OF}', client_health: true}}}}]\n",
        encoding="utf-8",
    )
    front = PEOPLE.replace("Mariana Costa, role: CFO", "Vqzname Costa, role: Vqzrole").replace(
        "id: cfo", "id: vqzcfo"
    )
    body = (
        "## Us {.client}\n- [x] 📞 Lunch with:vqzcfo done:2027-05-02\n"
        "## Notes {.internal}\n- [x] 📞 Call with:vqzcfo,buyer done:2027-05-10\n"
    )
    (tmp_path / "plans" / "acme.md").write_text(front + body, encoding="utf-8")
    builder.build_site(tmp_path / "mkdocs.yml", tmp_path / "team")
    builder.build_site(tmp_path / "mkdocs.yml", tmp_path / "client", audience="client", account="acme")
    team = (tmp_path / "team" / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Vqzname Costa" in team and "Vqzrole" in team and "Paulo Reis" in team
    found = []
    for path in sorted(p for p in (tmp_path / "client").rglob("*") if p.is_file()):
        data = path.read_bytes()
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        if re.search(rb"vqz|Paulo Reis|with:buyer|ks-chip-with", data, re.IGNORECASE):
            found.append(path.relative_to(tmp_path).as_posix())
    assert found == []
    client = (tmp_path / "client" / "accounts" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "Lunch" in client  # the contact task is there, without whom it met
