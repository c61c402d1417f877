"""Messages for users that a site in another language can say in its own words.

A `Said` is the English text of a message (it is a `str`, so it prints, compares and joins
like one) that keeps the English template it was made from and the values filled in. The
template is the message's key, as in gettext: a translation table maps it to the same
message in another language (render/messages.py), with the same `{names}`.

    Said("'{value}' is not a date: write it as YYYY-MM-DD", value="2027-13-01")
"""

from __future__ import annotations

from collections.abc import Mapping

Piece = tuple[str, tuple[tuple[str, object], ...]]  # a template and the values it names


class Said(str):
    pieces: tuple[Piece, ...]

    def __new__(cls, template: str = "", /, **values: object) -> Said:
        return from_pieces(((template, tuple(values.items())),))

    def __add__(self, other: str) -> Said:
        return from_pieces(self.pieces + _pieces(other))

    def __radd__(self, other: str) -> Said:
        return from_pieces(_pieces(other) + self.pieces)

    def translated(self, table: Mapping[str, str]) -> str:
        """The message in the table's language, and so are the messages it holds as values
        ("as of {day} ({source})"); a template the table lacks stays English."""
        return "".join(
            table.get(t, t).format(**{name: _in(value, table) for name, value in v}) for t, v in self.pieces
        )


def _in(value: object, table: Mapping[str, str]) -> object:
    return value.translated(table) if isinstance(value, Said) else value


def from_pieces(pieces: tuple[Piece, ...]) -> Said:
    """The message made of these pieces."""
    said = str.__new__(Said, "".join(t.format(**dict(v)) for t, v in pieces))
    said.pieces = pieces
    return said


def _pieces(text: str) -> tuple[Piece, ...]:
    """A plain string joined to a message is said as it is, in every language."""
    if isinstance(text, Said):
        return text.pieces
    return (("{text}", (("text", text),)),) if text else ()


def translated(message: str, table: Mapping[str, str]) -> str:
    """Any message in the table's language, as far as it was made of `Said` pieces."""
    return message.translated(table) if isinstance(message, Said) else message
