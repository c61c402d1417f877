"""The command line in the project's language: argparse's headings, help and errors.

argparse speaks English (its words are gettext messages, which only .mo files installed on the
machine would translate). kamsite gives each parser its headings and help in the words of
render/labels.py, and says argparse's errors, which reach `error()` already written in English,
in the same words: the `cli.argparse.*` labels hold argparse's English sentences, read back
into their parts and said again in the project's language.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import string
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from kamsite.core.errors import KamsiteError, suggest
from kamsite.core.model import parse_date
from kamsite.render.labels import EN, Labels
from kamsite.shell import config

# argparse's errors, as the labels write them; "argument {name}: {message}" wraps the others
ARGUMENT = "cli.argparse.argument"
ERRORS = (
    "cli.argparse.invalid_choice",
    "cli.argparse.required",
    "cli.argparse.unrecognized",
    "cli.argparse.expected_one",
    "cli.argparse.ambiguous",
    "cli.argparse.ignored",
)


def language(argv: Sequence[str]) -> str:
    """The language a command line is answered in: its --language, else the language of the
    configuration it names (-f), else of ./mkdocs.yml, else English. Read before the command
    line is parsed, so that --help and a wrong command line are told in it; what cannot be read
    here is left for the command to report."""
    scan = _Scan(add_help=False)
    scan.add_argument("--language")
    scan.add_argument("-f", "--config-file", type=Path)
    try:
        found, _ = scan.parse_known_args(argv)
        return str(found.language or config.load_options(found.config_file).language)
    except (_Unreadable, argparse.ArgumentError, KamsiteError):
        return "en"


class _Unreadable(Exception):
    pass


class _Scan(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unreadable(message)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, its "usage: " in the project's words."""

    def __init__(self, prog: str, usage: str = "usage: ") -> None:
        super().__init__(prog)
        self.usage = usage

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """A parser that speaks the labels' language: headings, help and errors. Its commands'
    parsers are made with the same labels (`add_parser(..., labels=labels)`)."""

    def __init__(self, labels: Labels, *, add_help: bool = True, **kwargs: Any) -> None:
        usage = functools.partial(_Formatter, usage=labels["cli.usage"])
        super().__init__(add_help=add_help, formatter_class=usage, **kwargs)
        self.labels = labels
        self._positionals.title = labels["cli.positionals"]
        self._optionals.title = labels["cli.options"]
        if add_help:  # argparse's own -h, first among the options as everywhere: in our words
            self._option_string_actions["-h"].help = labels["cli.help"]

    def error(self, message: str) -> NoReturn:
        """One line and status 2, as for any wrong command line."""
        said = self.labels("cli.usage_error", prog=self.prog, message=said_again(message, self.labels))
        self.exit(2, said + "\n")


def said_again(message: str, labels: Labels) -> str:
    """An error argparse wrote in English, in the labels' language (with the nearest choice to
    a misspelt one); kamsite's own messages, already in that language, pass as they are."""
    found = _read(ARGUMENT, message)
    if found:
        return labels(ARGUMENT, name=found["name"], message=said_again(found["message"], labels))
    for key in ERRORS:
        found = _read(key, message)
        if found is not None:
            return labels(key, **found) + (_nearest(found, labels) if "choices" in found else "")
    return message


@functools.cache
def _pattern(key: str) -> re.Pattern[str]:
    """The English label as a pattern that reads its values back: '{value}' -> (?P<value>.+?)."""
    parts = string.Formatter().parse(EN[key])
    return re.compile(
        "".join(re.escape(text) + (f"(?P<{name}>.+?)" if name else "") for text, name, _, _ in parts)
    )


def _read(key: str, message: str) -> dict[str, str] | None:
    found = _pattern(key).fullmatch(message)
    return found.groupdict() if found else None


def _nearest(found: dict[str, str], labels: Labels) -> str:
    """'. Did you mean 'check'?' after an invalid choice, when one of the choices is close."""
    try:
        value = ast.literal_eval(found["value"])
        choices = ast.literal_eval(f"({found['choices']},)")
    except (ValueError, SyntaxError):
        return ""
    hint = suggest(str(value), [str(c) for c in choices])
    return "." + labels.message(hint) if hint else ""


class Types:
    """The values options take, checked as the command line is read; each refusal is said in
    the labels' language."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def date(self, value: str) -> date:
        try:
            return parse_date(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(self.labels.message(exc.args[0])) from None

    def days(self, value: str) -> int:
        """A number of days, checked as the day counts of mkdocs.yml are."""
        try:
            return config.day_count(int(value) if value.strip().lstrip("+-").isdigit() else value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(self.labels.message(exc.args[0])) from None

    def shard(self, value: str) -> tuple[int, int]:
        """K/N: the K-th of N shares, 1 <= K <= N."""
        found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
        if not found:
            raise argparse.ArgumentTypeError(self.labels("cli.error.shard", value=value))
        k, n = int(found.group(1)), int(found.group(2))
        if n < 1 or not 1 <= k <= n:
            raise argparse.ArgumentTypeError(self.labels("cli.error.shard_range", value=value))
        return k, n

    def quarter(self, value: str) -> str:
        if not re.fullmatch(r"Q[1-8]", value.upper()):
            raise argparse.ArgumentTypeError(self.labels("cli.error.quarter", value=value))
        return value.upper()
