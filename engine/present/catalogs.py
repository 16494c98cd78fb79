"""The words of the game itself (menus, prompts, notices) in the player's language: gettext catalogs.

Each language has a catalog, ``engine/present/locale/<lang>/LC_MESSAGES/relocant.po``,
kept in the repository and compiled to ``.mo`` by the build
(``hatch_build.py``). A string is written in English in the code and marked
``_("…")``; ``pybabel extract`` collects the marked strings (docs/translating.md).
The language in use is one setting for the whole process, as the player
chooses one language for the game: :func:`use` changes it, and every ``_``
after that answers in it. A language with no catalog answers in English.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
from pathlib import Path

DOMAIN = "relocant"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"  # the language the strings are written in


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of ``language``: compiled by the build, or compiled here from its .po in a
    checkout that was never built; English (the strings as written) when there is none."""
    if language == SOURCE_LANGUAGE or not language.replace("_", "").isalnum():
        return _gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    try:
        if compiled.is_file() and (
            not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime
        ):
            with compiled.open("rb") as f:
                return _gettext.GNUTranslations(f)
        if source.is_file():
            return _gettext.GNUTranslations(io.BytesIO(compile_po(source.read_bytes())))
    except (OSError, ValueError):
        pass
    return _gettext.NullTranslations()


def compile_po(data: bytes) -> bytes:
    """A .po file's bytes compiled to .mo (Babel, which the build uses too)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(data))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def languages() -> list[str]:
    """The languages with a catalog, and English."""
    try:
        found = [p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()]
    except OSError:
        found = []
    return sorted({SOURCE_LANGUAGE, *found})


Words = _gettext.NullTranslations  # a language's catalog: ``.gettext``, ``.ngettext``, ``.pgettext``
ENGLISH: Words = _gettext.NullTranslations()  # the strings as written

_current: list[_gettext.NullTranslations] = [ENGLISH]
_language: list[str] = [SOURCE_LANGUAGE]


def use(language: str) -> None:
    """Answer in ``language`` from now on (English when it has no catalog)."""
    _current[0] = translations(language)
    _language[0] = language


def language() -> str:
    return _language[0]


def words() -> Words:
    """The catalog in use, for a value that says itself in a given language (``describe(words)``)."""
    return _current[0]


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _current[0].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the language in use: Russian has three (1 день, 2 дня, 5 дней)."""
    return _current[0].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``, for an English word with two meanings."""
    return _current[0].pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined; translate it with ``_`` where it is shown."""
    return message
