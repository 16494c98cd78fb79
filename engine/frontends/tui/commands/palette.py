"""The command palette: the commands of the screen it was opened from, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.frontends.tui.commands.command import Command, perform
from engine.frontends.tui.commands.game import Back, Choose
from engine.present.catalogs import _


def offered(screen: object) -> list[type[Command]]:
    """What the screen offers that makes sense without a key: not a numbered choice, not Back."""
    offers = getattr(screen, "OFFERS", ())
    found = [item[0] if isinstance(item, tuple) else item for item in offers]
    return [c for c in found if c not in (Choose, Back) and c.HELP]


def language_name(code: str) -> str:
    """A language as its own speakers name it: ``English``, ``Русский``; the code when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def languages(app: App[Any]) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, switch) for each language the game can switch to from the one in use."""
    chosen = getattr(app, "languages", None)
    if chosen is None:
        return []
    from engine.frontends.language import offered as offered_languages

    switch = app.switch_language  # type: ignore[attr-defined]
    return [
        (
            _("Language: {name}").format(name=language_name(code)),
            _("play on in this language, exactly where you are"),
            partial(switch, code),
        )
        for code in offered_languages(chosen.root)
        if code != chosen.language
    ]


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for command in offered(self.screen):
            yield DiscoveryHit(
                _(command.TITLE), partial(perform, self.screen, command()), help=_(command.HELP)
            )
        for title, words, switch in languages(self.app):
            yield DiscoveryHit(title, switch, help=words)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in offered(self.screen):
            title = _(command.TITLE)
            score = max(matcher.match(title), matcher.match(command.TITLE))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(perform, self.screen, command()),
                    help=_(command.HELP),
                )
        for title, words, switch in languages(self.app):
            score = max(matcher.match(title), matcher.match("Language"))
            if score > 0:
                yield Hit(score, matcher.highlight(title), switch, help=words)
