"""Results of pure work kept from one live-preview rebuild to the next.

After a save, `mkdocs serve` makes the pages that gather every account (portfolio, Today,
people, calendars, exports) again, although one plan changed. While a server runs, the parts
they are made of — each plan's computed progress, each agenda line, each calendar event, each
account's export record — are kept here and found again by what they are made of, so a
rebuild makes only the changed plan's parts and puts the pages together.

Off by default: a build (`mkdocs build`, `kamsite build`) makes each part once and keeps
nothing. What is kept lives two rebuilds at most: a part no rebuild asked for is dropped, and
a change of the page settings every part reads (the date, the language, the margins, the
address style) drops everything. A key is either made of values (compared by value) or holds
the objects it was made from, compared by identity: the plans a preview reads are the same
objects while their files are unchanged (the loader keeps them by content).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self.on = False
        self.settings: Hashable = None
        self.now: dict[Hashable, Any] = {}
        self.before: dict[Hashable, Any] = {}

    def start(self, settings: Hashable) -> None:
        """A rebuild begins with these page settings: keep what the last one used."""
        if settings != self.settings:
            self.before = {}
        else:
            self.before = self.now
        self.settings, self.now = settings, {}

    def stop(self) -> None:
        self.on, self.settings, self.now, self.before = False, None, {}, {}

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The result of `make()` for `key`: kept from before, or made now."""
        if not self.on:
            return make()
        found = self.now.get(key, _MISSING)
        if found is _MISSING:
            found = self.before.get(key, _MISSING)
            if found is _MISSING:
                found = make()
            self.now[key] = found
        return found  # type: ignore[no-any-return]

    def by_identity(self, owner: object, key: Hashable, make: Callable[[], T]) -> T:
        """Like `get`, for a result made from `owner` (an object without a value to compare):
        found again only for that very object."""
        if not self.on:
            return make()
        kept = self.get((id(owner), key), lambda: (owner, make()))
        if kept[0] is not owner:  # another object now has that id: make it again
            kept = (owner, make())
            self.now[(id(owner), key)] = kept
        return kept[1]


_MISSING = object()
MEMO = Memo()
