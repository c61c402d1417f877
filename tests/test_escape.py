"""Escaping by type: text is escaped when it meets markup; markup is marked once and kept."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import EscapeFormatter, Markup

from kamsite.render.escape import Html, md
from kamsite.render.labels import Labels
from kamsite.render.pages.common import badge, link, table


def test_text_meeting_markup_is_escaped_and_markup_is_kept():
    assert Html("<p>{}</p>").format("<b>&'\"") == "<p>&lt;b&gt;&amp;&#x27;&quot;</p>"
    assert Html("<p>{}</p>").format(Html("<b>ok</b>")) == "<p><b>ok</b></p>"
    assert Html("<br>").join(["<i>", Html("<i>")]) == "&lt;i&gt;<br><i>"
    assert "<x>" + Html("<y>") == "&lt;x&gt;<y>"


def test_helpers_take_text_and_escape_it():
    assert link("a?b=1&c=2", "<script>") == '<a href="a?b=1&amp;c=2">&lt;script&gt;</a>'
    assert (
        link("#x", Html("<em>ok</em>"), data_id='"1"')
        == '<a href="#x" data-id="&quot;1&quot;"><em>ok</em></a>'
    )
    cells = table("<cap>", ["<h>"], [["<td>", Html("<b>kept</b>")]])
    assert (
        "&lt;cap&gt;" in cells and "&lt;h&gt;" in cells and "&lt;td&gt;" in cells and "<b>kept</b>" in cells
    )


def test_a_label_with_markup_characters_is_shown_as_text():
    labels = Labels("en")
    assert "<span" in badge("goal", "on_track", labels) and "&lt;" not in badge("goal", "on_track", labels)


def test_markdown_text_is_shown_literally():
    assert md("# *bold* <i>") == "\\# \\*bold\\* &lt;i&gt;"


# -- Html.format and join: markupsafe's result, read faster ---------------------------------

TEXT = st.text(alphabet=st.sampled_from(list("ab<>&\"'{} é\n")), max_size=8)
VALUE = st.one_of(
    TEXT,
    TEXT.map(Html),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(),
    st.none(),
)


def markupsafe_format(template: str, *args, **kwargs) -> str:
    """What markupsafe's own formatter makes of the template, with Html's escaping."""
    return EscapeFormatter(Html.escape).vformat(template, args, kwargs)


@given(st.lists(VALUE, min_size=3, max_size=3), st.sampled_from(["", "!r", "!s"]))
def test_format_gives_what_markupsafe_gives(values, conversion):
    for template in (
        "<p>{}</p>{}<b>{}</b>",
        "{0}|{2}|{1}|{0}",
        "{{literal}} {0" + conversion + "} {1" + conversion + "} {2" + conversion + "}",
        "<td class='{0}'>{2}</td>",
    ):
        assert str(Html(template).format(*values)) == markupsafe_format(template, *values)
    assert str(Html("{a}-{b}").format(a=values[0], b=values[2])) == markupsafe_format(
        "{a}-{b}", a=values[0], b=values[2]
    )


@given(st.floats(min_value=-1e6, max_value=1e6), st.sampled_from([".1f", "+.2f", ">8", ",.0f"]))
def test_format_specs_on_numbers_and_the_general_path(number, spec):
    template = "{:" + spec + "}"
    assert str(Html(template).format(number)) == markupsafe_format(template, number)
    point = date(2027, 1, 31)
    assert str(Html("{0.year}/{0.month}").format(point)) == "2027/1"  # attribute fields: the general path
    with pytest.raises(ValueError):
        Html("{:>5}").format(Html("<b>"))  # markup takes no format specifier, as in markupsafe


@given(st.lists(VALUE, max_size=5))
def test_join_gives_what_markupsafe_gives(values):
    assert str(Html("<br>").join(values)) == str(Markup.join(Html("<br>"), values))
    assert isinstance(Html("").join(values), Html)
