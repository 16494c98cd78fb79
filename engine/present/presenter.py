"""Values as a player reads them in one language: numbers, dates, amounts, plurals, changes, endings.

The engine hands out values (a clock in minutes, a change as old and new
values, an ending's kind as an id); every front end shows them through a
:class:`Presenter`, so the plain player and the Textual game say the same
thing. Numbers, dates, currency amounts and units come from Babel's CLDR
data for the language, never from the process locale; the game's own words
("yes", "a hopeful ending") come from its gettext catalog
(:mod:`engine.present.catalogs`).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

import attrs
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, get_date_format
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit

from engine.core.calendar import from_minutes
from engine.core.expressions import Type
from engine.core.game import Change
from engine.core.model import Story, Variable
from engine.core.text import Formatter
from engine.present.catalogs import N_, language, translations

# The house style in English, as the game has always shown it: "Thursday, 24 February 2022, 19:00".
# Other languages use their CLDR full (with the weekday) and long date formats.
_ENGLISH_CLOCK = "EEEE, d MMMM y, HH:mm"
_ENGLISH_DAY = "d MMMM y"
ENDING_KINDS = {
    "hopeful": N_("a hopeful ending"),
    "bittersweet": N_("a bittersweet ending"),
    "sombre": N_("a sombre ending"),
}
ENDING_WORDS = {"hopeful": N_("hopeful"), "bittersweet": N_("bittersweet"), "sombre": N_("sombre")}
_UNITS = {"day": "duration-day", "hour": "duration-hour", "minute": "duration-minute"}


def babel_locale(language: str) -> Locale:
    """Babel's locale for a language code (``ru``, ``pt_BR``); English for one it does not know."""
    try:
        return Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


class Presenter:
    """How values read in ``language``."""

    def __init__(self, language: str = "en") -> None:
        self.language = language or "en"
        self.locale = babel_locale(self.language)
        self.words = translations(self.language)

    # ------------------------------------------------------------ numbers and amounts

    def number(self, value: int) -> str:
        """``38,000`` in English, ``38 000`` (no-break space) in Russian."""
        return format_decimal(value, locale=self.locale)

    def amount(self, value: int, currency: str) -> str:
        """A whole amount of money with its sign as the language writes it: ``38 000 ₽``, ``RUB38,000``."""
        standard = self.locale.currency_formats["standard"].pattern.split(";")[0]
        whole = standard.replace(".00", "").replace(",00", "")
        return format_currency(value, currency, format=whole, locale=self.locale, currency_digits=False)

    def count(self, value: int, unit: str) -> str:
        """``5 days``, ``1 день``, ``2 дня``, ``5 дней``: a number of days, hours or minutes."""
        return format_unit(value, _UNITS[unit], length="long", locale=self.locale)

    def duration(self, minutes: int) -> str:
        """A length of time in its largest whole units: ``2 hours 5 minutes``, ``3 дня``."""
        days, rest = divmod(max(0, int(minutes)), 24 * 60)
        hours, mins = divmod(rest, 60)
        parts = [self.count(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (mins, "minute")) if n]
        return " ".join(parts[:2]) if parts else self.count(0, "minute")

    # ------------------------------------------------------------ dates

    def clock(self, minutes: int) -> str:
        """The game's date and time: ``Thursday, 24 February 2022, 19:00``, ``четверг, 24 февраля 2022 г., 19:00``."""
        moment = from_minutes(minutes)
        if self.locale.language == "en":
            return format_datetime(moment, _ENGLISH_CLOCK, locale=self.locale)
        return f"{format_date(moment, 'full', locale=self.locale)}, {format_datetime(moment, 'HH:mm', locale=self.locale)}"

    def day(self, minutes: int) -> str:
        """A day: ``24 February 2022``, ``24 февраля 2022 г.``."""
        moment = from_minutes(minutes)
        pattern = (
            _ENGLISH_DAY if self.locale.language == "en" else get_date_format("long", self.locale).pattern
        )
        return format_date(moment, pattern, locale=self.locale)

    def moment(self, when: datetime) -> str:
        """A moment of the player's own time (when a game was saved), to the minute."""
        return format_datetime(when, "medium", locale=self.locale)

    # ------------------------------------------------------------ the story's values

    def value(self, variable: Variable | None, value: Any) -> str:
        """A variable's value as the player sees it: ``12 000 ₸``, ``ИИН, Договор аренды``, ``да``."""
        if isinstance(value, bool):
            text = self.words.gettext("yes") if value else self.words.gettext("no")
        elif isinstance(value, int):
            text = self.number(value)
        elif isinstance(value, frozenset | set | list | tuple):
            labels = [variable.tag_label(t) if variable else str(t) for t in sorted(value)]
            text = ", ".join(labels) or self.words.gettext("none")
        elif variable is not None and variable.type is Type.TEXT:
            text = variable.labels.get(value, str(value))
        else:
            text = str(value)
        if variable is not None and variable.format:
            return variable.format.replace("{value}", text)
        return text

    def formatter(self, story: Story) -> Formatter:
        """What story text shows for ``{money}``: the value in this language, with its variable's format."""
        variables = story.variables

        def shown(name: str | None, value: Any) -> str:
            return self.value(variables.get(name) if name is not None else None, value)

        return shown

    def localise(self, story: Story) -> Story:
        """``story`` with its interpolated values shown in this language."""
        return attrs.evolve(story, formatter=self.formatter(story))

    def change(self, variable: Variable, change: Change) -> str:
        """What one step changed: ``−40 000 ₸``, ``Stress 4 → 6``, ``+IIN, −Lease``, ``Tired: yes``."""
        if change.delta is not None:
            if variable.show == "bar" or (variable.format and not variable.format.startswith("{value}")):
                return f"{variable.label} {self.number(change.old)} → {self.number(change.new)}"
            sign = "+" if change.delta > 0 else "−"
            return sign + self.value(variable, abs(change.delta))
        if change.added or change.removed:
            parts = [f"+{variable.tag_label(t)}" for t in change.added]
            parts += [f"−{variable.tag_label(t)}" for t in change.removed]
            return ", ".join(parts)
        return f"{variable.label}: {self.value(variable, change.new)}"

    def ending(self, kind: str) -> str:
        """``a hopeful ending``: an ending's kind, in words."""
        words = ENDING_KINDS.get(kind)
        return self.words.gettext(words) if words else kind

    def ending_word(self, kind: str) -> str:
        """``hopeful``: an ending's kind in a word, as the plain player shows it after the title."""
        words = ENDING_WORDS.get(kind)
        return self.words.gettext(words) if words else kind


@cache
def presenter(language: str) -> Presenter:
    """The presenter of ``language``, made once."""
    return Presenter(language)


def current() -> Presenter:
    """The presenter of the language the game is played in (:func:`engine.present.catalogs.use`)."""
    return presenter(language())
