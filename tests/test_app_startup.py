"""Opening the Textual game: what the title screen shows first, and what it costs to show it."""

from __future__ import annotations

from pathlib import Path

from app_support import run_async
from test_app_language import make_app
from textual.widgets._footer import FooterKey

from engine.present import catalogs


def footer_keys(app: object) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))  # type: ignore[attr-defined]


@run_async
async def test_the_footer_is_composed_again_only_when_its_keys_change(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            keys = footer_keys(app)
            assert "New" in [key.description for key in keys]
            app.screen.refresh_bindings()  # the bindings may have changed; they did not
            app.screen.set_focus(None)
            app.screen.set_focus(app.screen.query_one("#menu"))
            await pilot.pause()
            await pilot.pause()
            assert footer_keys(app) == keys  # the very same widgets, not composed again
            app.switch_language("ru")
            await pilot.pause()
            await pilot.pause()
            words = [key.description for key in footer_keys(app)]
            assert "New" not in words and words and all(key not in keys for key in footer_keys(app))
    finally:
        catalogs.use("en")
