"""Terminal UI benchmark: start-up, a key to the frame with the new scene at the top, and undo.

Start-up (paired whole-process runs): a fresh Python process per run, from
just before it is started to its exit right after its first frame,
headless: ``relocant --first-frame`` (the title screen, its menu filled)
beside an empty Textual app that exits after its first frame, alternated
so both see the same machine load. Each process's CPU time (user and
system, from the kernel) is reported too: on a shared machine it varies
less with the load than the wall time does.

Key to frame: the key is sent as the terminal driver sends it, and the
clock stops at the first frame (the compositor's update handed to the
display) in which the new scene, or the reply above it, is at the top of
the story pane: the entry the transcript brings to the top is laid out and
the scroll offset is its top. Measured over many choices of the game's
story, and separately for choices taken 30 or more into a game. The floor
is a bare Textual app in the same process whose key replaces one Static's
text with the next scene's, measured the same way in the same run. The
choices that lead to a scene and those that lead to an ending (a screen of
its own) are also given apart, each group's mean, median and p99 against
the floor's own.

Undo: ``u`` late in a game (30 or more choices in) to the frame with the
previous scene back at the top.

Reading pause: the game draws ahead, while the player reads, what each
open choice leads to. Key to frame and undo are measured twice, each time
with the floor beside them: keys sent one right after the other's frame
(nothing drawn ahead but what one idle moment allows), then with a pause
after each frame as a reader would make (``--read-ms``, 300 ms unless
told).

Autosave: when the autosave of a choice is written, measured from the key,
against the frame (it must come after the frame).

Each key is timed twice: wall-clock time, and the CPU time of the app's
thread (``time.thread_time``), which leaves out the time the process waited
for a core while other work kept the machine busy.

Run: ``.venv/bin/python benchmarks/bench_ui.py [--runs N] [--choices N]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMPTY = """
from textual.app import App

class Empty(App):
    def on_mount(self):
        self.call_after_refresh(self.exit)

Empty().run(headless=True)
"""


# Both run as installed: from compiled bytecode, written on the first run if missing.
COMPILED = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def whole_process(command: list[str]) -> tuple[float, float]:
    """The wall time and the CPU time (user and system) of one run of ``command``."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=COMPILED, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def startup(runs: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) of each run: the empty app's and relocant's, alternated."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(EMPTY)
    saves = tempfile.mkdtemp()
    empty_cmd = [sys.executable, script.name]
    relocant_cmd = [sys.executable, "-m", "engine.cli", "--saves", saves, "--first-frame"]
    whole_process(empty_cmd)  # warm the file cache for both
    whole_process(relocant_cmd)
    empty, relocant = [], []
    for _ in range(runs):
        empty.append(whole_process(empty_cmd))
        relocant.append(whole_process(relocant_cmd))
    Path(script.name).unlink()
    return empty, relocant


def ratios(relocant: list[float], empty: list[float]) -> str:
    mean, median, p99 = spread([r / e for r, e in zip(relocant, empty, strict=True)])
    return (
        f"mean {mean:.2f}   median {median:.2f}   p99 {p99:.2f}"
        f"   mean / median / p99 against the empty app's {against(relocant, empty)}"
    )


class Frames:
    """Timestamps of the frames an app hands to its display, and the first that passes a test."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.test: Callable[[], bool] | None = None
        self.done: asyncio.Event | None = None
        self.at = 0.0
        self.cpu = 0.0  # the main thread's CPU time from the key to that frame
        self._cpu_began = 0.0
        display = app._display

        def timed(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if self.test is not None and renderable is not None and self.test():
                self.at = time.perf_counter()
                self.cpu = time.thread_time() - self._cpu_began
                self.test = None
                assert self.done is not None
                self.done.set()

        app._display = timed

    async def after(self, send: Callable[[], None], test: Callable[[], bool]) -> float:
        self.done = asyncio.Event()
        self.test = test
        self._cpu_began = time.thread_time()
        began = time.perf_counter()
        send()
        await asyncio.wait_for(self.done.wait(), 10)
        return self.at - began


def key(app: Any, name: str) -> Callable[[], None]:
    from textual import events

    def send() -> None:
        event = events.Key(name, name if len(name) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)

    return send


async def floor_times(wanted: int, texts: list[str], read: float = 0.0) -> tuple[list[float], list[float]]:
    """The bare app: a key replaces one Static's text with the next scene's (wall and CPU times),
    with the same reading pause after each frame as the game is given."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(texts[0], id="text")

        def on_key(self, event: Any) -> None:
            self.turn += 1
            self.query_one("#text", Static).update(texts[self.turn % len(texts)])

    app = Bare()
    app.turn = 0  # type: ignore[attr-defined]
    times: list[float] = []
    cpu: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        frames = Frames(app)
        await pilot.pause()
        for i in range(wanted):
            want = texts[(i + 1) % len(texts)]
            static = app.query_one("#text", Static)
            times.append(await frames.after(key(app, "1"), lambda s=static, w=want: str(s.visual) == w))
            cpu.append(frames.cpu)
            await pilot.pause()
            if read:
                await asyncio.sleep(read)
    return times, cpu


async def game_times(
    story_dir: Path, wanted: int, size: tuple[int, int], read: float = 0.0
) -> dict[str, list[float]]:
    """Key to frame over ``wanted`` choices; ``read`` seconds of reading pause after each frame."""
    from engine.core.text import plain
    from engine.frontends.tui.app import RelocantApp
    from engine.frontends.tui.messages import StartJourney
    from engine.frontends.tui.screens.play import PlayScreen
    from engine.frontends.tui.widgets.transcript import Transcript
    from engine.loading.loader import load_story
    from engine.saves import SaveStore
    from engine.session.play import Session

    story = load_story(story_dir)
    folder = Path(tempfile.mkdtemp())
    session = Session(story, SaveStore(folder), folder)
    written: list[float] = []
    autosave = session.autosave

    def timed_autosave() -> str | None:
        written.append(time.perf_counter())
        return autosave()

    session.autosave = timed_autosave  # type: ignore[method-assign]
    app = RelocantApp(session, seed=1)
    app.animation_level = "none"
    out: dict[str, list[float]] = {
        name: []
        for name in (
            "choice",
            "late",
            "undo",
            "choice_cpu",
            "late_cpu",
            "undo_cpu",
            "scene",
            "scene_cpu",
            "late_scene",
            "late_scene_cpu",
            "ending",
            "ending_cpu",
            "save_after_frame",
            "texts",
        )
    }
    journeys = list(story.journeys)

    def stepped_to(steps: int) -> Callable[[], bool]:
        """The test for a frame after the key: the game has taken the key (it has ``steps``
        steps) and the scene it led to is at the top; a frame drawn before the key was
        handled never passes."""

        def test() -> bool:
            game = app.session.game
            return game is not None and len(game.steps) == steps and at_top()

        return test

    def at_top() -> bool:
        screen = app.screen
        if not isinstance(screen, PlayScreen):
            return True  # an ending: its own screen is the frame
        transcript = screen.query_one(Transcript)
        entry = screen.top_entry
        if entry is None or transcript.place is None or transcript.place[0] is not entry:
            return False
        # at the top, or as near as the game lets it come
        return transcript.scroll_offset.y == min(transcript.top_of(entry), transcript.max_scroll_y)

    async with app.run_test(size=size) as pilot:
        frames = Frames(app)

        async def reading() -> None:
            await pilot.pause()
            if read:
                await asyncio.sleep(read)

        turn = 0
        while len(out["choice"]) < wanted:
            app.do_start_journey(StartJourney(journeys[turn % len(journeys)]))
            turn += 1
            await pilot.pause()
            await reading()
            while len(out["choice"]) < wanted and isinstance(app.screen, PlayScreen):
                game = app.session.game
                assert game is not None
                open_ = [c for c in game.view().choices if c.enabled and c.number < 10]
                if not open_:
                    break
                pick = open_[len(out["choice"]) % len(open_)]
                depth = len(game.steps)
                before = len(written)
                took = await frames.after(key(app, str(pick.number)), stepped_to(depth + 1))
                framed, cpu = frames.at, frames.cpu
                await reading()
                out["choice"].append(took)
                out["choice_cpu"].append(cpu)
                out["texts"].append(float(len(plain(game.view().paragraphs))))
                to = "scene" if isinstance(app.screen, PlayScreen) else "ending"
                out[to].append(took)
                out[to + "_cpu"].append(cpu)
                if depth >= 30:
                    out["late"].append(took)
                    out["late_cpu"].append(cpu)
                    if to == "scene":
                        out["late_scene"].append(took)
                        out["late_scene_cpu"].append(cpu)
                if len(written) > before:
                    out["save_after_frame"].append(written[before] - framed)
                if depth >= 30 and depth % 3 == 0 and isinstance(app.screen, PlayScreen) and game.can_undo:
                    out["undo"].append(await frames.after(key(app, "u"), stepped_to(depth)))
                    out["undo_cpu"].append(frames.cpu)
                    await reading()
                    again = await frames.after(key(app, str(pick.number)), stepped_to(depth + 1))
                    cpu = frames.cpu
                    await reading()
                    to_scene = isinstance(app.screen, PlayScreen)
                    for name in (
                        ("choice", "late", "scene", "late_scene")
                        if to_scene
                        else ("choice", "late", "ending")
                    ):
                        out[name].append(again)
                        out[name + "_cpu"].append(cpu)
            app.go_title()
            await pilot.pause()
    return out


def spread(values: list[float]) -> tuple[float, float, float]:
    """Mean, median and 99th percentile."""
    ordered = sorted(values)
    return (
        statistics.fmean(ordered),
        statistics.median(ordered),
        ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
    )


def summary(values: list[float]) -> str:
    if not values:
        return "no samples"
    mean, median, p99 = (v * 1000 for v in spread(values))
    return f"mean {mean:6.1f} ms   median {median:6.1f} ms   p99 {p99:6.1f} ms   (n={len(values)})"


def against(values: list[float], floor: list[float]) -> str:
    """Mean, median and p99 of ``values`` each against the floor's own."""
    if not values:
        return "no samples"
    mean, median, p99 = (v / f for v, f in zip(spread(values), spread(floor), strict=True))
    return f"{mean:.2f} / {median:.2f} / {p99:.2f}"


def report(times: dict[str, list[float]], floor: list[float], floor_cpu: list[float], read: float) -> None:
    pause = f"{read * 1000:.0f} ms reading pause after each frame" if read else "no reading pause"
    print(f"{pause.capitalize()} (load average {os.getloadavg()[0]:.2f})")
    print(f"  bare Textual floor      wall {summary(floor)}")
    print(f"                          CPU  {summary(floor_cpu)}")
    groups = (
        ("choice", "every choice"),
        ("scene", "  to a scene"),
        ("ending", "  to an ending"),
        ("late", "30+ choices in"),
        ("late_scene", "  to a scene"),
        ("undo", "undo 30+ choices in"),
    )
    for name, what in groups:
        print(f"  {what:22s}  wall {summary(times[name])}")
        print(f"  {'':22s}  CPU  {summary(times[name + '_cpu'])}")
    for suffix, base, clock in (("", floor, "wall"), ("_cpu", floor_cpu, "CPU")):
        print(f"  against the floor, {clock} (mean / median / p99 against the floor's):")
        for name, what in groups:
            print(f"    {what.strip():20s}  {against(times[name + suffix], base)}")
    after = times["save_after_frame"]
    print(
        f"  autosave start after the frame: min {min(after) * 1000:.1f} ms, "
        f"median {statistics.median(after) * 1000:.1f} ms, max {max(after) * 1000:.1f} ms, "
        f"{sum(1 for a in after if a < 0)} of {len(after)} before the frame"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="paired start-up runs")
    parser.add_argument("--choices", type=int, default=150)
    parser.add_argument("--size", default="120x36")
    parser.add_argument(
        "--read-ms",
        type=float,
        default=300,
        help="the reading pause after each frame in the second run of the key and undo timings (0: no second run)",
    )
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--only-startup", action="store_true")
    args = parser.parse_args()
    # The games started here keep their settings in a file of their own: the player's are
    # neither read (so they cannot move the figures) nor written.
    settings = tempfile.mkdtemp()
    os.environ["RELOCANT_CONFIG"] = COMPILED["RELOCANT_CONFIG"] = str(Path(settings) / "settings.json")
    size = tuple(int(x) for x in args.size.split("x"))
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (2 cores)")
    if not args.skip_startup:
        empty, relocant = startup(args.runs)
        empty_wall, empty_cpu = [w for w, _ in empty], [c for _, c in empty]
        wall, cpu = [w for w, _ in relocant], [c for _, c in relocant]
        print(f"Start-up, whole process to exit after the first frame ({args.runs} pairs)")
        print(f"  empty Textual app   wall {summary(empty_wall)}")
        print(f"                      CPU  {summary(empty_cpu)}")
        print(f"  relocant title      wall {summary(wall)}")
        print(f"                      CPU  {summary(cpu)}")
        print(f"  ratio per pair      wall {ratios(wall, empty_wall)}")
        print(f"                      CPU  {ratios(cpu, empty_cpu)}")
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if args.only_startup:
            return 0
    from engine.core.game import Game
    from engine.loading.loader import load_story

    story_dir = ROOT / "story"
    story = load_story(story_dir)
    texts = []
    for journey in story.journeys:
        game = Game.start(story, journey, seed=1)
        for _ in range(20):
            texts.append(game.view().text)
            open_ = [c for c in game.view().choices if c.enabled]
            if not open_:
                break
            game.choose(open_[0].number)
    print(f"Key to the frame with the new scene at the top ({size[0]}x{size[1]}, headless)")
    pauses = [0.0] + ([args.read_ms / 1000] if args.read_ms else [])
    for read in pauses:
        floor, floor_cpu = asyncio.run(floor_times(args.choices, texts, read))
        times = asyncio.run(game_times(story_dir, args.choices, size, read))  # type: ignore[arg-type]
        report(times, floor, floor_cpu, read)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
