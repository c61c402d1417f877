"""Labels and formats: every locale has every key; numbers and dates follow the locale."""

import string
from datetime import date

import pytest

from kamsite.core import vocabulary as v
from kamsite.render.formats import Formats, babel_locale
from kamsite.render.labels import EN, LOCALES, Labels

TRANSLATIONS = sorted(set(LOCALES) - {"en"})


def test_there_is_a_translation_to_check():
    assert TRANSLATIONS == ["pt_BR"]


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_every_translation_has_every_key_with_the_same_placeholders(locale):
    table = LOCALES[locale]
    assert set(table) == set(EN)

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert {k: fields(v) for k, v in table.items()} == {k: fields(v) for k, v in EN.items()}


# the same in both languages: placeholders only, or an id
SAME = {"cli.served", "cli.metavar.new_id", "cli.metavar.id"}


@pytest.mark.parametrize("locale", TRANSLATIONS)
def test_the_terminals_words_are_translated_not_copied(locale):
    """What the command line says and writes (cli.*, new.*): no label left in English."""
    terminal = [k for k in EN if k.startswith(("cli.", "new."))]
    assert len(terminal) > 120  # the command line's whole vocabulary, not a corner of it
    assert [k for k in terminal if LOCALES[locale][k] == EN[k] and k not in SAME] == []


# every vocabulary and the label keys its words are shown with
WORDS = [
    (v.GoalStatus, ("goal.status.",)),
    (v.MilestoneStatus, ("milestone.status.",)),
    (v.ActionStatus, ("action.status.",)),
    (v.Health, ("health.",)),
    (v.CauseKind, ("health.why.",)),
    (v.TaskKind, ("task.kind.",)),
    (v.ItemKind, ("today.kind.",)),
    (v.DoneKind, ("recent.kind.", "recent.kind_one.", "review.kind.")),
    (v.ChangeKind, ("changes.kind.",)),
    (v.Influence, ("stakeholder.influence.",)),
    (v.Stance, ("stakeholder.stance.",)),
]


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize(("words", "prefixes"), WORDS, ids=[w.__name__ for w, _ in WORDS])
def test_every_word_of_every_vocabulary_has_a_label_in_every_language(words, prefixes, locale):
    table = LOCALES[locale]
    assert [p + w for p in prefixes for w in words if p + w not in table] == []


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_every_status_a_goal_to_hold_takes_has_its_bands_words_in_every_language(locale):
    """A goal to hold is on or off track while the plan runs, achieved or missed once closed."""
    statuses = [v.GoalStatus.ON_TRACK, v.GoalStatus.OFF_TRACK, v.GoalStatus.ACHIEVED, v.GoalStatus.MISSED]
    keys = [f"{p}{s}" for s in statuses for p in ("goal.hold.status.", "goal.why.hold.")]
    assert [k for k in keys if k not in LOCALES[locale]] == []


def test_an_unknown_language_falls_back_to_english():
    assert Labels(babel_locale("xx"))["account.goals"] == "Goals"
    assert Labels(babel_locale("pt-BR"))["account.goals"] == "Metas"


def test_brazilian_formats():
    fmt = Formats("pt_BR")
    assert fmt.number(2640000, "BRL") == "R$\xa02.640.000"
    assert fmt.compact(2640000, "BRL") == "R$\xa02,6\xa0mi"
    assert fmt.number(29.4, "%") == "29,4%"
    assert fmt.number(1230, "toneladas") == "1.230 toneladas"
    assert fmt.percent(0.224) == "22%"
    assert fmt.date(date(2027, 5, 15)) == "15/05/2027"
    assert fmt.separators == ",."


def test_english_formats():
    fmt = Formats("en")
    assert fmt.number(2640000.5, "USD") == "$2,640,000.50"
    assert fmt.date(date(2027, 5, 15)) == "May 15, 2027"
    assert fmt.separators == ".,"
