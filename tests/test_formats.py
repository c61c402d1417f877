"""Numbers beside their target: never rounded onto it nor across it (render/formats.py)."""

from kamsite.render.formats import Formats

PT, EN = Formats("pt_BR"), Formats("en")


def test_a_compact_value_short_of_its_target_keeps_the_digits_that_show_it_short():
    assert PT.compact(4150000, "BRL", [4200000]) == "R$\xa04,15\xa0mi"
    assert EN.compact(4150000, "BRL", [4200000]) == "R$4.15M"
    assert PT.compact(4150000, "BRL") == "R$\xa04,2\xa0mi"  # alone, the short form stays short


def test_a_compact_value_past_its_target_never_reads_as_the_target():
    assert PT.compact(2050000, "BRL", [2000000]) == "R$\xa02,1\xa0mi"  # not "R$ 2 mi"
    assert PT.compact(2040000, "BRL", [2000000]) == "R$\xa02,04\xa0mi"
    assert PT.compact(2000000, "BRL", [2000000]) == "R$\xa02\xa0mi"  # on it: on it


def test_a_progress_short_of_the_target_never_prints_as_100_percent():
    assert EN.percent(0.996, target=1) == "99.6%" and PT.percent(0.996, target=1) == "99,6%"
    assert EN.percent(0.9996, 1, target=1) == "99.96%"
    assert EN.percent(1.004, target=1) == "100.4%" and EN.percent(0.22, target=1) == "22%"


def test_a_value_beside_a_bands_end_keeps_its_side_of_it():
    assert PT.number(34.996, "%", [35]) == "34,996%" and PT.number(34.996, "%") == "35%"
    assert EN.number(6.999, "hospitals", [7], digits=0) == "6.999 hospitals"
