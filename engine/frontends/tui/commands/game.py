"""Every command of the game, each with its keys, footer word and help line.

The order of the classes here is the order of the help screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from engine.frontends.tui.commands.command import Command

# ---------------------------------------------------------------- playing


class Choose(Command):
    KEYS = "1,2,3,4,5,6,7,8,9"
    KEY_HELP = "1 – 9"
    KEY_DISPLAY = "1-9"
    TITLE = "Choose"
    FOOTER = "Choose"
    HELP = "take the choice with that number (or ↑ ↓ and Enter, or click it)"
    GROUP = "Playing"

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
    TITLE = "Undo"
    FOOTER = "Undo"
    HELP = "step back one choice, as far as the start"
    GROUP = "Playing"


class Title(Command):
    KEYS = "enter,escape"
    KEY_HELP = "Enter"
    TITLE = "Title screen"
    FOOTER = "Title screen"
    HELP = "from an ending, back to the title screen"
    GROUP = "Playing"


class Terms(Command):
    KEYS = "t"
    TITLE = "Terms in this scene"
    HELP = "the glossary terms in this scene (or click an underlined word)"
    GROUP = "Playing"


class Glossary(Command):
    KEYS = "g"
    TITLE = "Glossary"
    HELP = "every term the story explains"
    GROUP = "Playing"

    def __init__(self, only: list[str] | None = None, selected: str | None = None) -> None:
        super().__init__()
        self.only = only  # the keys of the terms to list; None lists them all
        self.selected = selected  # the key of the term to open at


class Facts(Command):
    KEYS = "r"
    TITLE = "Facts of this scene"
    FOOTER = "Facts"
    HELP = "the documented facts this scene rests on"
    GROUP = "Playing"


class Journal(Command):
    KEYS = "j"
    TITLE = "Journal"
    FOOTER = "Journal"
    HELP = "the journal of your decisions (e exports it to Markdown)"
    GROUP = "Playing"


class TogglePanel(Command):
    KEYS = "p"
    TITLE = "Side panel"
    FOOTER = "Panel"
    HELP = "show or hide the side panel (money, documents and the rest)"
    GROUP = "Playing"


class PageUp(Command):
    KEYS = "pageup"
    KEY_HELP = "PgUp PgDn, space"
    TITLE = "Scroll the story up"
    HELP = "scroll the story a page back or on, whatever has focus"
    GROUP = "Reading"
    PRIORITY = True


class PageDown(Command):
    KEYS = "pagedown,space"
    KEY_HELP = ""
    TITLE = "Scroll the story down"
    HELP = ""  # shown with PageUp
    GROUP = "Reading"
    PRIORITY = True


class StoryTop(Command):
    KEYS = "home"
    KEY_HELP = "Home End"
    TITLE = "Scroll to the first passage"
    HELP = "the first passage kept / the passage you are reading"
    GROUP = "Reading"
    PRIORITY = True


class StoryEnd(Command):
    KEYS = "end"
    TITLE = "Scroll to the passage you are reading"
    HELP = ""  # shown with StoryTop
    GROUP = "Reading"
    PRIORITY = True


# ---------------------------------------------------------------- saving


class Save(Command):
    KEYS = "s"
    TITLE = "Save game"
    FOOTER = "Save"
    HELP = "save in a named slot"
    GROUP = "Saving"


class Load(Command):
    KEYS = "l"
    TITLE = "Load game"
    FOOTER = "Load"
    HELP = "load a saved game"
    GROUP = "Saving"


class Quicksave(Command):
    KEYS = "f5"
    KEY_HELP = "F5"
    TITLE = "Quicksave"
    HELP = "save in the quicksave slot"
    GROUP = "Saving"


class Quickload(Command):
    KEYS = "f9"
    KEY_HELP = "F9"
    TITLE = "Quickload"
    HELP = "load the quicksave"
    GROUP = "Saving"


# ---------------------------------------------------------------- the title screen


class Continue(Command):
    KEYS = "c"
    TITLE = "Continue"
    FOOTER = "Continue"
    HELP = "resume the game named on the title screen"
    GROUP = "Title screen"


class NewJourney(Command):
    KEYS = "n"
    TITLE = "New journey"
    FOOTER = "New"
    HELP = "choose a journey and begin"
    GROUP = "Title screen"


class AboutSources(Command):
    KEYS = "a"
    TITLE = "About the sources"
    FOOTER = "About"
    HELP = "the reports the story rests on"
    GROUP = "Title screen"


# ---------------------------------------------------------------- everywhere


class Help(Command):
    KEYS = "question_mark,f1"
    KEY_HELP = "? or F1"
    KEY_DISPLAY = "?"
    TITLE = "Help: keys"
    FOOTER = "Help"
    HELP = "this help: every key"


class Back(Command):
    KEYS = "escape"
    KEY_HELP = "Escape"
    TITLE = "Back"
    FOOTER = "Back"
    HELP = "back; from a scene, to the title screen"


class Quit(Command):
    KEYS = "ctrl+q"
    KEY_HELP = "Ctrl+Q"
    TITLE = "Quit"
    FOOTER = "Quit"
    HELP = "quit (the game is saved after every choice)"
    PRIORITY = True


# ---------------------------------------------------------------- inside one screen


class Export(Command):
    KEYS = "e"
    TITLE = "Export the journal"
    FOOTER = "Export"
    HELP = "write the journal as Markdown beside the saves"
    GROUP = "Journal"


class Delete(Command):
    KEYS = "d,delete"
    KEY_HELP = "d or Delete"
    TITLE = "Delete the save"
    FOOTER = "Delete"
    HELP = "delete the highlighted save (you are asked first)"
    GROUP = "Saved games"


class ExportSave(Command):
    KEYS = "x"
    TITLE = "Export the save"
    HELP = "a copy of the highlighted save: a download when the game is served in a browser"
    GROUP = "Saved games"


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

    KEY_HELP: ClassVar[str] = "Ctrl+P"
    HELP: ClassVar[str] = "the command palette: every command here by name, and the theme"
