"""Calendars, CSV exports and the people directory of a real build of the example plans."""

import csv
import io
import json

import pytest
from icalendar import Calendar

from kamsite.core import people
from kamsite.core.model import PlanFile

from .conftest import copy_project, mkdocs_build
from .test_compute import example

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return mkdocs_build(copy_project(tmp_path_factory.mktemp("team")), strict=True)


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}


def test_the_account_calendar_has_its_open_dated_work_and_milestones(site):
    got = events(site / "accounts/acme/calendar.ics")
    summaries = {summary: day.isoformat() for day, summary in got.values()}
    assert summaries["★ Homologar o produto X na segunda fábrica (Q2) · Acme Indústria S.A."] == "2027-06-30"
    assert summaries["★ Renovar contrato anual com reajuste de 8% (Q1) · Acme Indústria S.A."] == "2027-03-31"
    assert summaries["◆ Lote-piloto do produto X na fábrica 2 · Acme Indústria S.A."] == "2027-05-10"
    assert summaries["☐ Relatório do piloto para a diretoria · Acme Indústria S.A."] == "2027-05-20"
    assert not any("Agendar reunião com o CFO" in s for s in summaries)  # done
    # 4 milestones, 4 open dated actions, 10 open dated tasks (the internal one included)
    assert len(got) == 4 + 4 + 10


def test_a_persons_calendar_holds_only_their_items(site):
    got = events(site / "people/dani/calendar.ics")
    assert sorted(s for _, s in got.values()) == [
        "◆ Amostras da linha de congelados · Bravo Alimentos Ltda.",
        "◆ Redesenhar as rotas de entrega do oeste · Bravo Alimentos Ltda.",
        "☐ Separar as amostras para o comitê de compras · Bravo Alimentos Ltda.",
        "☐ Simular as novas rotas com o operador · Bravo Alimentos Ltda.",
    ]


def test_calendar_uids_are_stable_when_dates_move(site, tmp_path):
    project = copy_project(tmp_path)
    plan = project / "plans" / "acme.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("due:2027-05-20", "due:2027-05-27"), encoding="utf-8"
    )
    before = events(site / "calendar.ics")
    after = events(mkdocs_build(project) / "calendar.ics")
    assert set(before) == set(after)
    moved = [uid for uid in before if before[uid] != after[uid]]
    assert [after[uid][0].isoformat() for uid in moved] == ["2027-05-27"]


def test_the_whole_calendar_has_every_account(site):
    summaries = [s for _, s in events(site / "calendar.ics").values()]
    assert {s.rsplit(" · ", 1)[1] for s in summaries} == {
        "Acme Indústria S.A.",
        "Bravo Alimentos Ltda.",
        "Cobalto Saúde",
    }


def read_csv(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read the accents right
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))  # v2: a pt-BR site writes ";"


def test_csv_exports_carry_the_numbers_of_the_json(site):
    doc = json.loads((site / "api/accounts.json").read_text(encoding="utf-8"))
    goals = read_csv(site / "api/goals.csv")
    assert len(goals) == sum(len(a["goals"]) for a in doc["accounts"])
    revenue = next(g for g in goals if g["account_id"] == "acme" and g["id"] == "revenue")
    assert (revenue["current"], revenue["progress"], revenue["expected"], revenue["status"]) == (
        "2610000",
        "0,22",
        "0,3187",
        "on_track",
    )  # v2: 4 decimals, decimal commas in pt-BR
    actions = read_csv(site / "api/actions.csv")
    assert len(actions) == sum(len(a["actions"]) for a in doc["accounts"])
    trial = next(a for a in actions if a["id"] == "line-x-trial")
    assert (trial["owner"], trial["status"], trial["progress"], trial["overdue"]) == (
        "carla",
        "doing",
        "0,4",
        "yes",
    )
    tasks = read_csv(site / "api/tasks.csv")
    assert len(tasks) == sum(len(a["tasks"]) for a in doc["accounts"])
    assert tasks[0]["text"] == "Agendar reunião com o CFO"


def test_a_handle_named_differently_in_two_plans_is_a_warning():
    first = example()
    renamed = first.plan.model_copy(update={"team": {"ana": "Ana S.", "bruno": "Bruno Lima"}})
    other = PlanFile("plans/other.md", renamed, (), "", 1)
    names, warnings = people.directory([first, other])
    assert names["ana"] == "Ana Souza"
    assert [str(w) for w in warnings] == [
        "plans/other.md: team.ana: 'Ana S.' differs from 'Ana Souza' in plans/acme.md:"
        " one handle is one person, so use the same name"
    ]
