"""The command palette's game commands: save, load, undo, journal and the rest."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from engine.frontends.tui.app import RelocantApp


class GameCommands(Provider):
    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from engine.frontends.tui.screens.play import PlayScreen

        app = cast("RelocantApp", self.app)
        found: list[tuple[str, str, Callable[[], object]]] = [
            ("Help: keys", "Every key of the game", app.show_help),
            ("Glossary", "Every term the story explains", app.show_glossary),
            ("Load game", "Load a saved game", partial(app.show_saves, False)),
        ]
        screen = self.screen
        if isinstance(screen, PlayScreen):
            found += [
                ("Save game", "Save in a named slot", partial(app.show_saves, True)),
                ("Quicksave", "Save in the quicksave slot (F5)", app.quicksave),
                ("Quickload", "Load the quicksave (F9)", app.quickload),
                ("Undo", "Step back one choice", screen.action_undo),
                ("Journal", "The decisions so far", app.show_journal),
                ("Sources", "The documented facts this scene rests on", app.show_sources),
                ("Toggle side panel", "Show or hide money, documents and the rest", screen.action_panel),
                ("Title screen", "Back to the title screen", app.go_title),
            ]
        return found

    async def discover(self) -> Hits:
        for name, help_text, run in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
