"""Escaping by type: text is escaped when it meets markup; markup is marked once and kept."""

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
