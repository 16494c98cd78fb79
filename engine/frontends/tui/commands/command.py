"""A command: one thing a player can ask for, written once.

Each command is a class that holds its keys, the word the footer shows, the
line the help screen and the command palette show, and the help section it
belongs to. A screen lists the commands it offers; its key bindings, its
footer, the help screen and the palette are all made from those lists, so a
key is never written twice. Pressing a key (or picking the command in the
palette) performs the command at once: the screen's ``do_<command>`` method
if it has one, else the app's. At once, not as a message: a player who types
``n`` then ``1`` quickly must reach the journey list before the ``1`` arrives.
"""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode

from engine.present.catalogs import N_, _


class Command:
    REGISTRY: ClassVar[dict[str, type[Command]]] = {}  # each command by its class name, for the key actions

    KEYS: ClassVar[str] = ""  # Textual key names, comma-separated
    KEY_HELP: ClassVar[str] = ""  # the keys as the help screen writes them; the first key when empty
    KEY_DISPLAY: ClassVar[str | None] = None  # the key as the footer writes it
    TITLE: ClassVar[str] = ""  # the palette's name for it
    FOOTER: ClassVar[str | None] = None  # the footer's word for it; None keeps it out of the footer
    HELP: ClassVar[str] = ""  # what it does, for the help screen and the palette
    GROUP: ClassVar[str] = N_("Everywhere")  # the help screen's section
    PRIORITY: ClassVar[bool] = False  # before the focused widget's own keys (PgDn over a list)
    NEEDS_STORY: ClassVar[bool] = True  # chosen while the title shows and the story loads, it waits for it

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        Command.REGISTRY[cls.__name__] = cls

    @classmethod
    def handler_name(cls) -> str:
        """``do_toggle_panel`` for ``TogglePanel``: the method that performs it."""
        return "do_" + re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()

    @classmethod
    def bindings(cls, keys: str | None = None) -> list[Binding]:
        return [cls.binding(keys)]

    @classmethod
    def binding(cls, keys: str | None = None) -> Binding:
        """The key binding that posts this command; ``keys`` adds a screen's own keys for it."""
        return Binding(
            keys or cls.KEYS,
            f"command('{cls.__name__}')",
            cls.FOOTER or cls.TITLE,
            show=cls.FOOTER is not None,
            key_display=cls.KEY_DISPLAY,
            priority=cls.PRIORITY,
            tooltip=cls.HELP,
        )

    @classmethod
    def keys_for_help(cls) -> str:
        return cls.KEY_HELP or cls.KEYS.split(",")[0]


def command_bindings(*commands: type[Command] | tuple[type[Command], str]) -> list[BindingType]:
    """Bindings for a screen's commands, in footer order; ``(Command, "keys")`` binds other keys to it."""
    out: list[BindingType] = []
    for item in commands:
        command, keys = item if isinstance(item, tuple) else (item, None)
        out.extend(command.bindings(keys))
    return out


def in_language(node: DOMNode) -> None:
    """Word ``node``'s key bindings (footer, tooltips) in the language in use.

    The bindings are written in English; the first call keeps the node's own
    (with any Textual added to it), and each call words a copy of those, so
    switching back and forth never translates a translation.
    """
    written: BindingsMap | None = getattr(node, "_english_bindings", None)
    if written is None:
        written = node._bindings
        node._english_bindings = written  # type: ignore[attr-defined]
    words = BindingsMap()
    for key, bindings in written.key_to_bindings.items():
        words.key_to_bindings[key] = [
            dataclasses.replace(
                b,
                description=_(b.description) if b.description else b.description,
                tooltip=_(b.tooltip) if b.tooltip else b.tooltip,
            )
            for b in bindings
        ]
    node._bindings = words
    node.refresh_bindings()


def perform(where: DOMNode, command: Command) -> bool:
    """Perform ``command`` now on the screen ``where`` (or the app): its handler, else the app's."""
    app = where.app
    if command.NEEDS_STORY and not getattr(app, "ready", True):
        app.when_ready(lambda: perform(where, command))  # type: ignore[attr-defined]
        return True
    name = command.handler_name()
    for target in (where, app):
        handler = getattr(target, name, None)
        if handler is not None:
            handler(command)
            return True
    return False
