"""The title screen: what the game is, the content note, and where to begin.

It is drawn while the story loads (:mod:`engine.frontends.tui`): from the
story's heading, with Continue not yet saying which save it resumes. Once
the story is loaded, the menu says it, and any other words the loaded story
has for its title are shown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual import events, on
from textual.app import ComposeResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from engine.core.controls import visible
from engine.frontends.tui.commands.command import Command, command_bindings
from engine.frontends.tui.commands.game import AboutSources, Continue, Help, Load, NewJourney, Quit
from engine.frontends.tui.screens.base import GameScreen
from engine.frontends.tui.shown import shown
from engine.frontends.tui.widgets.footer import KeysFooter
from engine.frontends.tui.widgets.menu import Menu, MenuOption
from engine.frontends.tui.widgets.notice import Notice
from engine.present.catalogs import _

if TYPE_CHECKING:
    from engine.frontends.tui.app import RelocantApp

MENU: dict[str, type[Command]] = {
    "continue": Continue,
    "new": NewJourney,
    "load": Load,
    "about": AboutSources,
    "quit": Quit,
}


CENTRED: RulesMap = {"text_align": "center"}
LEFT: RulesMap = {}


class Heading(Visual):
    """The title and subtitle, centred, and the content note under them: one piece of text."""

    def __init__(self, title: Content, subtitle: Content, note: Content | None) -> None:
        blank = (Content(""), LEFT)
        self.parts = [(title, CENTRED), blank, (subtitle, CENTRED)]
        if note is not None:
            self.parts += [blank, (note, LEFT)]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for content, rules in self.parts:
            strips += content.render_strips(width, None, style, replace(options, rules=rules))
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(content.get_height(rules, width) for content, _ in self.parts)


class TitleWords(Widget):
    """What the game is: drawn from the story's heading, as Content (story text is never markup)."""

    def __init__(self, heading: Heading, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heading = heading

    def render(self) -> Heading:
        return self.heading


class TitleScreen(GameScreen):
    OFFERS = (Help, Quit, Continue, NewJourney, Load, AboutSources)
    BINDINGS = command_bindings(*OFFERS, (Quit, "q"))
    _placed: int | None = None  # where the menu's highlight was put, to tell if the player moved it

    def compose(self) -> ComposeResult:
        story = cast("RelocantApp", self.app).heading
        self._words = story
        note = Content(_("Content note: ")) + shown(story.content_note) if story.content_note else None
        heading = Heading(
            shown(story.title.upper(), "bold $accent"),
            shown(story.subtitle),
            note.stylize_before("italic $foreground-muted") if note is not None else None,
        )
        width = self._width(self.app.size.width)
        yield TitleWords(heading, id="title-words").set_styles(f"width: {width};")
        yield Menu(id="menu").set_styles(f"width: {width};")
        yield Notice()
        yield KeysFooter()

    @staticmethod
    def _width(columns: int) -> int:
        """The title and the menu: 68 columns, or as wide as the screen less two columns each side."""
        return max(1, min(68, columns - 4))

    def on_resize(self, event: events.Resize) -> None:
        width = self._width(event.size.width)
        for widget in self.query("#title-words, #menu"):
            widget.styles.width = width

    def on_screen_resume(self) -> None:
        self.fill_menu()

    async def story_loaded(self) -> None:
        """The story is loaded: say what Continue resumes, in the loaded story's words."""
        if cast("RelocantApp", self.app).heading != self._words:
            await self.recompose()
        self.fill_menu(keep=True)

    def fill_menu(self, keep: bool = False) -> None:
        """The menu; the highlight stays where the player moved it while the story loaded
        (``keep``) or while another screen (help, the sources) stood over the title, unless
        what Continue resumes has changed since: then it goes where a new player's would."""
        menu = self.query_one("#menu", Menu)
        if not cast("RelocantApp", self.app).ready:
            self._fill(menu, MenuOption("continue", Content(_("Continue"))), 0)
            return
        from engine.frontends.tui.screens.saves import played_text
        from engine.saves.errors import saved_at_text

        last = self.session.continue_meta()
        if last is not None:
            where = visible(f"{last.journey_title}, {last.scene_title}")
            saved = visible(
                _("'{slot}', saved {saved}, played {played}").format(
                    slot=last.slot, saved=saved_at_text(last.saved_at), played=played_text(last.play_seconds)
                )
            )
            prompt = (
                Content(_("Continue: "))
                + Content.styled(where, "bold")
                + Content("\n  ")
                + Content.styled(saved, "dim")
            )
            first = MenuOption("continue", prompt)
        else:
            first = MenuOption("continue", Content(_("Continue (no saved game yet)")), disabled=True)
        unchanged = menu.option_count > 0 and menu.get_option_at_index(0) == first
        moved = (keep or unchanged) and menu.highlighted is not None and menu.highlighted != self._placed
        self._fill(menu, first, menu.highlighted if moved else 0 if last is not None else 1)

    def _fill(self, menu: Menu, first: MenuOption, highlighted: int | None) -> None:
        """The menu, Continue first; the highlight where the player left it, else on ``highlighted``."""
        words = [
            ("new", _("New journey")),
            ("load", _("Load a saved game")),
            ("about", _("About the sources")),
            ("quit", _("Quit")),
        ]
        menu.set_options([first, *(MenuOption(id, Content(word)) for id, word in words)], highlighted)
        self._placed = menu.highlighted
        menu.focus()

    @on(Menu.Selected, "#menu")
    def _selected(self, event: Menu.Selected) -> None:
        command = MENU.get(event.option.id)
        if command is not None:
            self.perform(command())
