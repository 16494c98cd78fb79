"""``relocant strings``: a language's string tables as a gettext .po file for translators' tools, and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine.cli import add_story_argument
from engine.cli.common import fail, story_dir
from engine.core.controls import visible
from engine.core.diagnostics import relative_name
from engine.frontends.report import print_diagnostics

DESCRIPTION = (
    "Export a language's string tables as a gettext .po file (msgctxt: the string's id, msgid: the "
    "English, msgstr: the translation), for Poedit, Weblate or any gettext tool, and import a "
    "translated .po file back into the tables, with locks, to be checked with "
    "`relocant check --lang LANG` (docs/translating.md)."
)


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "strings", help="export a translation as a .po file, and import one back", description=DESCRIPTION
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    export = actions.add_parser(
        "export",
        help="write the strings and their translations in LANG as a .po file",
        description="Write every string of the story, with its translation in LANG where there is "
        "one, as a .po file (to standard output, or -o FILE). An entry whose English has changed "
        "since it was translated is marked fuzzy.",
    )
    language(export)
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write the .po file here (default: standard output)"
    )
    add_story_argument(export)
    imported = actions.add_parser(
        "import",
        help="write what a .po file translates into the string tables of LANG",
        description="Write each translated message of a .po file into the string table of its "
        "English file, with the lock of the English it translates (a fuzzy one keeps its old lock: "
        "it stays stale). Untranslated messages change nothing; entries the file does not name "
        "are kept. Check the result with `relocant check --lang LANG`.",
    )
    language(imported)
    imported.add_argument("po_file", metavar="FILE", help="the .po file to import")
    add_story_argument(imported)


def language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", metavar="LANG", default=argparse.SUPPRESS, help="the language of the tables (ru, kk, …)"
    )


def run(args: argparse.Namespace) -> int:
    from engine.tools import po

    lang = getattr(args, "lang", None)
    if not lang:
        return fail("which language? give --lang LANG", f"relocant strings {args.action} --lang ru")
    root = story_dir(args)
    try:
        tables = po.read(root, lang)
        if args.action == "export":
            return _export(po, tables, args)
        return _import(po, tables, root, lang, Path(args.po_file))
    except po.PoError as exc:
        print_diagnostics(exc.problems, root, sys.stderr)
        return fail(exc.message)


def _export(po: Any, tables: Any, args: argparse.Namespace) -> int:
    data = po.po_bytes(po.export(tables))
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        return fail(f"cannot write {args.output}: {exc.strerror or exc}")
    return 0


def _import(po: Any, tables: Any, root: Path, lang: str, source: Path) -> int:
    try:
        data = source.read_bytes()
    except OSError as exc:
        return fail(f"cannot read {source}: {exc.strerror or exc}")
    done = po.import_po(tables, data)
    for problem in done.problems:
        print(f"relocant: warning: {visible(problem)}", file=sys.stderr)
    for path in done.written:
        print(f"wrote {visible(relative_name(path, root))}")
    print(
        f"{done.entries} entr{'y' if done.entries == 1 else 'ies'} written, {done.unchanged} unchanged, "
        f"{done.untranslated} untranslated left out; check them: relocant check --lang {lang}"
    )
    return 0
