"""Terminal UI benchmark: start-up to the title screen, and a key press to the next scene.

Start-up: a fresh Python process per run, from just before the process is
started to the moment the title screen's menu is filled and drawn (headless),
side by side with an empty Textual app measured the same way in the same run.

Choice: the time from a choice's number key arriving (sent as the terminal
driver sends it) to the frame that shows the next scene (passage mounted,
panel and choices updated, screen refreshed), headless, over many choices of
the trio test story and the real story.

Run: ``.venv/bin/python benchmarks/bench_ui.py [--runs N] [--choices N]``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMPTY = """
import time
from textual.app import App

class Empty(App):
    def on_mount(self):
        self.call_after_refresh(self.ready)

    def ready(self):
        print(time.time(), flush=True)
        self.exit()

Empty().run(headless=True)
"""

RELOCANT = """
import sys, time, tempfile
from pathlib import Path
sys.path.insert(0, ".")
from engine.frontends.tui.app import RelocantApp
from engine.frontends.tui.screens.title import TitleScreen
from engine.session.play import Session
from engine.loading.loader import load
from engine.saves import SaveStore

story = load(Path(sys.argv[1])).story
folder = Path(tempfile.mkdtemp())

class Timed(RelocantApp):
    def on_mount(self):
        super().on_mount()
        self.poll = self.set_interval(0.001, self.check)

    def check(self):
        screen = self.screen
        if isinstance(screen, TitleScreen) and screen.query("#menu") and screen.query_one("#menu").option_count:
            self.poll.stop()
            self.call_after_refresh(self.ready)

    def ready(self):
        print(time.time(), flush=True)
        self.exit()

Timed(Session(story, SaveStore(folder), folder)).run(headless=True)
"""


def startup(code: str, *args: str) -> float:
    # A file, not ``-c``: Textual finds a subclass's stylesheet beside its source file.
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(code)
    began = time.time()
    out = subprocess.run(
        [sys.executable, script.name, *args], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    Path(script.name).unlink()
    return float(out.strip().splitlines()[-1]) - began


async def choice_times(story_dir: Path, wanted: int) -> list[float]:
    from textual import events

    from engine.frontends.tui.app import RelocantApp
    from engine.frontends.tui.screens.ending import EndingScreen
    from engine.frontends.tui.screens.play import PlayScreen
    from engine.frontends.tui.widgets.passage import Passage
    from engine.loading.loader import load_story
    from engine.saves import SaveStore
    from engine.session.play import Session

    story = load_story(story_dir)
    folder = Path(tempfile.mkdtemp())
    app = RelocantApp(Session(story, SaveStore(folder), folder), seed=1)
    app.animation_level = "none"
    times: list[float] = []
    journeys = list(story.journeys)
    async with app.run_test(size=(120, 36)) as pilot:
        turn = 0
        while len(times) < wanted:
            app.start_journey(journeys[turn % len(journeys)])
            turn += 1
            await pilot.pause()
            while len(times) < wanted and isinstance(app.screen, PlayScreen):
                game = app.session.game
                assert game is not None
                open_ = [c for c in game.view().choices if c.enabled and c.number < 10]
                if not open_:
                    break
                pick = open_[len(times) % len(open_)]
                before = len(app.screen.query(Passage))
                drawn = asyncio.Event()
                # The key goes in as the terminal driver sends it (Pilot's press would add its
                # own waits for idleness); the clock stops when the frame with the new scene is done.
                key = events.Key(str(pick.number), str(pick.number))
                key.set_sender(app)
                began = time.perf_counter()
                app._driver.send_message(key)  # type: ignore[union-attr]
                while not isinstance(app.screen, EndingScreen) and len(app.screen.query(Passage)) == before:
                    await asyncio.sleep(0)
                app.call_after_refresh(drawn.set)
                await drawn.wait()
                times.append(time.perf_counter() - began)
                await pilot.pause()
                if game.steps and len(game.steps) > 60:
                    break
            app.go_title()
            await pilot.pause()
    return times


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ms)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--choices", type=int, default=100)
    args = parser.parse_args()
    from engine.loading.loader import load

    story_dir = ROOT / "story" if load(ROOT / "story").story is not None else ROOT / "tests/stories/trio"
    empty, relocant = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        empty.append(startup(EMPTY))
        relocant.append(startup(RELOCANT, str(story_dir)))
    print(f"Start-up to ready for input ({story_dir.relative_to(ROOT)}, {args.runs} runs each)")
    print(f"  empty Textual app   {summary(empty)}")
    print(f"  relocant title      {summary(relocant)}")
    for name in ("tests/stories/trio", "story"):
        folder = ROOT / name
        if load(folder).story is None:
            print(f"Key press to next scene drawn: {name} does not load; skipped")
            continue
        times = asyncio.run(choice_times(folder, args.choices))
        print(f"Key press to next scene drawn ({name}, Pilot, headless)")
        print(f"  {summary(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
