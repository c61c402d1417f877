"""The parts pages are built from: tables, icons, summaries (without a browser)."""

import re

from kamsite.render.escape import Html
from kamsite.render.pages.common import table


def cells(html: str, cls: str) -> list[str]:
    return re.findall(rf'<t[dh][^>]*class="{cls}"[^>]*>(.*?)</t[dh]>', html)


def test_columns_of_numbers_are_marked_for_right_alignment_and_text_columns_are_not():
    html = table("", ["Goal", "Value", "Due", "Change"], [
        ["Revenue", "R$ 1.200,00", "15/05/2027", "+0,9 p.p."],
        ["Hospitals", "12 hospitais", "May 15, 2027", Html("<b>—</b>")],
    ])
    assert cells(html, "ks-num") == ["Value", "Change", "R$ 1.200,00", "+0,9 p.p.", "12 hospitais", "<b>—</b>"]


def test_wide_tables_name_each_cell_for_stacked_rows_on_phones():
    wide = table("", ["A", Html("<i>B</i>"), "C", "D"], [["1", "x", "y", "z"]])
    assert "ks-stack" in wide and 'data-label="B"' in wide
    assert "ks-stack" not in table("", ["A", "B"], [["1", "2"]])
