"""Calendars, CSV exports and the people directory of a real build of the example plans."""

import csv
import io
import json

import pytest
from icalendar import Calendar

from kamsite.core import people, sections
from kamsite.core.model import PlanFile

from .conftest import copy_project, format_example, mkdocs_build

pytestmark = pytest.mark.build  # every test here builds a site (or uses one built here)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return mkdocs_build(copy_project(tmp_path_factory.mktemp("team")), strict=True)


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}


def test_the_account_calendar_has_its_open_dated_work_and_milestones(site):
    got = events(site / "accounts/atlas/calendar.ics")
    summaries = {summary: day.isoformat() for day, summary in got.values()}
    assert summaries["★ Nova linha de embalagens homologada (Q2) · Atlas Papéis S.A."] == "2027-06-30"
    assert summaries["★ Tabela de preços de 2027 aprovada (Q1) · Atlas Papéis S.A."] == "2027-03-31"
    assert summaries["◆ Amostras da nova linha · Atlas Papéis S.A."] == "2027-05-10"
    assert summaries["☐ Coletar o parecer da qualidade · Atlas Papéis S.A."] == "2027-05-18"
    assert summaries["☐ Revisar o piso com o financeiro · Atlas Papéis S.A."] == "2027-05-20"  # the team's
    assert not any("Separar as amostras" in s or "Integrar o portal" in s for s in summaries)  # done, dropped
    assert summaries["☎ Atlas Papéis S.A."] == "2027-06-02"  # the next client contact (§9.5)
    # 3 milestones, 3 open dated actions, 6 open dated tasks (the internal one included), a contact
    assert len(got) == 3 + 3 + 6 + 1


def test_a_persons_calendar_holds_only_their_items(site):
    got = events(site / "people/lia/calendar.ics")
    assert sorted(s for _, s in got.values()) == sorted(
        [
            "◆ Laudo técnico da nova linha · Atlas Papéis S.A.",  # hers as the account's owner
            "◆ Treinar as equipes do piloto · Cedro Saúde",
            "☐ Agendar a visita técnica · Atlas Papéis S.A.",
            "☐ Coletar o parecer da qualidade · Atlas Papéis S.A.",  # @lia, in Rui's action
            "☐ Relatório mensal de entregas · Atlas Papéis S.A.",
            "☐ Turma 2 · Cedro Saúde",
            "☎ Atlas Papéis S.A.",  # the account's next client contact: its owner's
        ]
    )


def test_calendar_uids_are_stable_when_dates_move(site, tmp_path):
    project = copy_project(tmp_path)
    plan = project / "plans" / "atlas.md"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("due:2027-05-18", "due:2027-05-27"), encoding="utf-8"
    )
    before = events(site / "calendar.ics")
    after = events(mkdocs_build(project) / "calendar.ics")
    assert set(before) == set(after)
    moved = [uid for uid in before if before[uid] != after[uid]]
    assert [after[uid][0].isoformat() for uid in moved] == ["2027-05-27"]


def test_the_whole_calendar_has_every_running_account(site):
    summaries = [s for _, s in events(site / "calendar.ics").values()]
    assert {s.rsplit(" · ", 1)[-1].removeprefix("☎ ") for s in summaries} == {
        "Atlas Papéis S.A.",
        "Boreal Logística Ltda.",
        "Cedro Saúde",
    }
    assert not any("Carta de renovação" in s for s in summaries)  # the closed 2026 plan's open work


def read_csv(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read the accents right
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))  # v2: a pt-BR site writes ";"


def test_csv_exports_carry_the_numbers_of_the_json(site):
    doc = json.loads((site / "api/accounts.json").read_text(encoding="utf-8"))
    goals = read_csv(site / "api/goals.csv")
    assert len(goals) == sum(len(a["goals"]) for a in doc["accounts"])
    share = next(g for g in goals if g["account_id"] == "atlas" and g["id"] == "share")
    assert (share["current"], share["progress"], share["expected"], share["status"]) == (
        "33",
        "0,3",
        "0,3722",
        "on_track",
    )  # v2: 4 decimals, decimal commas in pt-BR
    actions = read_csv(site / "api/actions.csv")
    assert len(actions) == sum(len(a["actions"]) for a in doc["accounts"])
    samples = next(a for a in actions if a["id"] == "amostras")
    assert (samples["owner"], samples["status"], samples["progress"], samples["overdue"]) == (
        "rui",
        "doing",
        "0,25",  # 1 of its 4 tasks, the one tagged #amostras in the routine included
        "yes",
    )
    tasks = read_csv(site / "api/tasks.csv")
    assert len(tasks) == sum(len(a["tasks"]) for a in doc["accounts"])
    assert tasks[0]["text"] == "Reunião de fechamento do ano com a compradora"  # atlas-2026's, first


def test_a_handle_named_differently_in_two_plans_is_a_warning():
    first = format_example()
    renamed = first.plan.model_copy(update={"team": {"ana": "Ana S.", "bruno": "Bruno Lima"}})
    other = PlanFile("plans/other.md", renamed, (), "", 1, sections.read(""))
    names, warnings = people.directory([first, other])
    assert names["ana"] == "Ana Souza"
    assert [str(w) for w in warnings] == [
        "plans/other.md: team.ana: 'Ana S.' differs from 'Ana Souza' in plans/acme.md:"
        " one handle is one person, so use the same name"
    ]
