"""The command palette: the commands of the screen it was opened from, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.frontends.tui.commands.command import Command, perform
from engine.frontends.tui.commands.game import Back, Choose


def offered(screen: object) -> list[type[Command]]:
    """What the screen offers that makes sense without a key: not a numbered choice, not Back."""
    offers = getattr(screen, "OFFERS", ())
    found = [item[0] if isinstance(item, tuple) else item for item in offers]
    return [c for c in found if c not in (Choose, Back) and c.HELP]


class GameCommands(Provider):
    async def discover(self) -> Hits:
        for command in offered(self.screen):
            yield DiscoveryHit(command.TITLE, partial(perform, self.screen, command()), help=command.HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in offered(self.screen):
            score = matcher.match(command.TITLE)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.TITLE),
                    partial(perform, self.screen, command()),
                    help=command.HELP,
                )
