"""Every command of the game, each with its keys, footer word and help line.

The order of the classes here is the order of the help screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from engine.frontends.tui.commands.command import Command
from engine.present.catalogs import N_

# ---------------------------------------------------------------- playing


class Choose(Command):
    KEYS = "1,2,3,4,5,6,7,8,9"
    KEY_HELP = N_("1 – 9")
    KEY_DISPLAY = "1-9"
    TITLE = N_("Choose")
    FOOTER = N_("Choose")
    HELP = N_("take the choice with that number (or ↑ ↓ and Enter, or click it)")
    GROUP = N_("Playing")

    def __init__(self, number: int = 1) -> None:
        super().__init__()
        self.number = number

    @classmethod
    def bindings(cls, keys: str | None = None) -> list[Binding]:
        return [
            Binding(
                str(n),
                f"command('Choose', {n})",
                cls.FOOTER or "",
                show=n == 1,
                key_display=cls.KEY_DISPLAY,
                tooltip=cls.HELP,
            )
            for n in range(1, 10)
        ]


class Undo(Command):
    KEYS = "u"
    TITLE = N_("Undo")
    FOOTER = N_("Undo")
    HELP = N_("step back one choice, as far as the start")
    GROUP = N_("Playing")


class Title(Command):
    KEYS = "enter,escape"
    KEY_HELP = N_("Enter")
    TITLE = N_("Title screen")
    FOOTER = N_("Title screen")
    HELP = N_("from an ending, back to the title screen")
    GROUP = N_("Playing")


class Terms(Command):
    KEYS = "t"
    TITLE = N_("Terms in this scene")
    HELP = N_("the glossary terms in this scene (or click an underlined word)")
    GROUP = N_("Playing")


class Glossary(Command):
    KEYS = "g"
    TITLE = N_("Glossary")
    HELP = N_("every term the story explains")
    GROUP = N_("Playing")

    def __init__(self, only: list[str] | None = None, selected: str | None = None) -> None:
        super().__init__()
        self.only = only  # the keys of the terms to list; None lists them all
        self.selected = selected  # the key of the term to open at


class Facts(Command):
    KEYS = "r"
    TITLE = N_("Facts of this scene")
    FOOTER = N_("Facts")
    HELP = N_("the documented facts this scene rests on")
    GROUP = N_("Playing")


class Journal(Command):
    KEYS = "j"
    TITLE = N_("Journal")
    FOOTER = N_("Journal")
    HELP = N_("the journal of your decisions (e exports it to Markdown)")
    GROUP = N_("Playing")


class TogglePanel(Command):
    KEYS = "p"
    TITLE = N_("Side panel")
    FOOTER = N_("Panel")
    HELP = N_("show or hide the side panel (money, documents and the rest)")
    GROUP = N_("Playing")


class PageUp(Command):
    KEYS = "pageup"
    KEY_HELP = N_("PgUp PgDn, space")
    TITLE = N_("Scroll the story up")
    HELP = N_("scroll the story a page back or on, whatever has focus")
    GROUP = N_("Reading")
    PRIORITY = True


class PageDown(Command):
    KEYS = "pagedown,space"
    KEY_HELP = ""
    TITLE = N_("Scroll the story down")
    HELP = ""  # shown with PageUp
    GROUP = N_("Reading")
    PRIORITY = True


class StoryTop(Command):
    KEYS = "home"
    KEY_HELP = N_("Home End")
    TITLE = N_("Scroll to the first passage")
    HELP = N_("the first passage kept / the passage you are reading")
    GROUP = N_("Reading")
    PRIORITY = True


class StoryEnd(Command):
    KEYS = "end"
    TITLE = N_("Scroll to the passage you are reading")
    HELP = ""  # shown with StoryTop
    GROUP = N_("Reading")
    PRIORITY = True


# ---------------------------------------------------------------- saving


class Save(Command):
    KEYS = "s"
    TITLE = N_("Save game")
    FOOTER = N_("Save")
    HELP = N_("save in a named slot")
    GROUP = N_("Saving")


class Load(Command):
    KEYS = "l"
    TITLE = N_("Load game")
    FOOTER = N_("Load")
    HELP = N_("load a saved game")
    GROUP = N_("Saving")


class Quicksave(Command):
    KEYS = "f5"
    KEY_HELP = N_("F5")
    TITLE = N_("Quicksave")
    HELP = N_("save in the quicksave slot")
    GROUP = N_("Saving")


class Quickload(Command):
    KEYS = "f9"
    KEY_HELP = N_("F9")
    TITLE = N_("Quickload")
    HELP = N_("load the quicksave")
    GROUP = N_("Saving")


# ---------------------------------------------------------------- the title screen


class Continue(Command):
    KEYS = "c"
    TITLE = N_("Continue")
    FOOTER = N_("Continue")
    HELP = N_("resume the game named on the title screen")
    GROUP = N_("Title screen")


class NewJourney(Command):
    KEYS = "n"
    TITLE = N_("New journey")
    FOOTER = N_("New")
    HELP = N_("choose a journey and begin")
    GROUP = N_("Title screen")


class AboutSources(Command):
    KEYS = "a"
    TITLE = N_("About the sources")
    FOOTER = N_("About")
    HELP = N_("the reports the story rests on")
    GROUP = N_("Title screen")


# ---------------------------------------------------------------- everywhere


class Help(Command):
    KEYS = "question_mark,f1"
    KEY_HELP = N_("? or F1")
    KEY_DISPLAY = "?"
    TITLE = N_("Help: keys")
    FOOTER = N_("Help")
    HELP = N_("this help: every key")
    NEEDS_STORY = False


class Back(Command):
    KEYS = "escape"
    KEY_HELP = N_("Escape")
    TITLE = N_("Back")
    FOOTER = N_("Back")
    HELP = N_("back; from a scene, to the title screen")


class Quit(Command):
    KEYS = "ctrl+q"
    KEY_HELP = N_("Ctrl+Q")
    TITLE = N_("Quit")
    FOOTER = N_("Quit")
    HELP = N_("quit (the game is saved after every choice)")
    PRIORITY = True
    NEEDS_STORY = False


# ---------------------------------------------------------------- inside one screen


class Export(Command):
    KEYS = "e"
    TITLE = N_("Export the journal")
    FOOTER = N_("Export")
    HELP = N_("write the journal as Markdown beside the saves")
    GROUP = N_("Journal")


class Delete(Command):
    KEYS = "d,delete"
    KEY_HELP = N_("d or Delete")
    TITLE = N_("Delete the save")
    FOOTER = N_("Delete")
    HELP = N_("delete the highlighted save (you are asked first)")
    GROUP = N_("Saved games")


class ExportSave(Command):
    KEYS = "x"
    TITLE = N_("Export the save")
    HELP = N_("a copy of the highlighted save: a download when the game is served in a browser")
    GROUP = N_("Saved games")


HELP_ORDER: tuple[type[Command], ...] = (
    Choose,
    Undo,
    Title,
    Terms,
    Glossary,
    Facts,
    Journal,
    TogglePanel,
    PageUp,
    PageDown,
    StoryTop,
    StoryEnd,
    Save,
    Load,
    Quicksave,
    Quickload,
    Continue,
    NewJourney,
    AboutSources,
    Export,
    Delete,
    ExportSave,
    Help,
    Back,
    Quit,
)


class Palette:
    """The command palette's own key, which Textual defines: listed in help beside ours."""

    KEY_HELP: ClassVar[str] = N_("Ctrl+P")
    HELP: ClassVar[str] = N_("the command palette: every command here by name, and the theme")
