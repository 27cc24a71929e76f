"""Benchmark oslearn's start-up, key-press and write latencies against budgets.

Run by hand (it is not a test; timings on shared machines are noisy)::

    python tests/benchmarks/bench_app.py [--runs N]

It prints, side by side in one run, medians of repeated measurements:

1. cold start to the first ready frame (headless, a new process each time, fresh data
   directory) of ``oslearn`` against a minimal Textual app that renders the Markdown of
   seed ``001_fae48d724783d07a.txt`` in a ``Markdown`` widget, and their ratio;
2. the same with 500 generated lessons (``--lessons``) and a progress file holding 10,000
   quiz attempts;
3. opening a lesson and moving to the next section: key press to screen ready, in ms;
4. one durable checklist tick, in ms, with 100 and 10,000 attempts stored;
5. peak memory (RSS) of the app at start, in MB;
6. wall time of ``oslearn --version``, ``list`` and ``check``.

Each process measurement is the wall time from spawning the process to its exit, with the
app exiting as soon as its first frame is ready (Textual's ``auto_pilot`` after a pause),
so both apps pay the same interpreter start-up and shut-down.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
SEED = HERE.parents[2] / "lessons" / "sources" / "001_fae48d724783d07a.txt"

BUDGETS = {
    "start_ratio": 1.25,
    "start_ratio_large": 1.5,
    "lesson_open_ms": 50.0,
    "next_section_ms": 50.0,
    "tick_ms_10000": 15.0,
    "rss_mb": 90.0,
    "command_s": 0.3,
}


# --- child processes ------------------------------------------------------------------


async def _exit_when_ready(pilot) -> None:
    await pilot.pause()
    pilot.app.exit()


def child_minimal() -> None:
    """A minimal Textual app rendering seed 001's Markdown, exiting at its first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    text = SEED.read_text(encoding="utf-8")

    class Minimal(App):
        def compose(self) -> ComposeResult:
            yield Markdown(text)

    Minimal().run(headless=True, size=(80, 24), auto_pilot=_exit_when_ready)


def child_oslearn(args: list[str]) -> None:
    """``oslearn ARGS`` exactly as the console script runs it, exiting at its first frame."""
    from textual.app import App

    original = App.run

    def run_headless(self, **kwargs):
        return original(self, headless=True, size=(80, 24), auto_pilot=_exit_when_ready)

    App.run = run_headless
    from oslearn.tui.cli import main

    main(args)


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- measurements ---------------------------------------------------------------------


def spawn(argv: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run ``argv``; return (wall seconds, child's peak RSS in MB)."""
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    rss = 0.0
    for line in proc.stdout.splitlines():
        if line.startswith("RSS_MB="):
            rss = float(line.split("=", 1)[1])
    return wall, rss


def child_argv(kind: str, *extra: str) -> list[str]:
    return [sys.executable, str(HERE), "--child", kind, *extra]


def make_large_setup(root: Path) -> tuple[Path, Path]:
    """Write 500 generated lessons and a data dir whose progress holds 10,000 attempts."""
    lessons = root / "generated"
    lessons.mkdir()
    for n in range(500):
        sections = "\n\n".join(
            f"## Part {s}\n\n" + ("Operating systems control access to computing resources. " * 12)
            for s in range(1, 6)
        )
        (lessons / f"l{n:03d}.md").write_text(
            "---\n"
            f"id: lesson-{n:03d}\n"
            f"title: Generated lesson {n}\n"
            f"order: {n}\n"
            "summary: A generated lesson for benchmarking.\n"
            "sources:\n  - {file: 001_fae48d724783d07a.txt}\n"
            "checklist:\n"
            + "".join(f"  - {{id: step-{s}, text: Step {s}}}\n" for s in range(4))
            + "---\n" + sections + "\n",
            encoding="utf-8",
        )
    data = root / "data-large"
    fill_attempts(data, 10_000)
    return lessons, data


def fill_attempts(data: Path, count: int) -> None:
    """Store ``count`` quiz attempts through the progress store's own API."""
    from oslearn.progress import ProgressStore

    store = ProgressStore.open(data)
    try:
        bulk = getattr(store, "record_attempts", None)
        rows = [(f"q-{n % 97}", n % 3 != 0, "answer") for n in range(count)]
        if bulk is not None:
            bulk(rows)
        else:
            for question, correct, answer in rows:
                store.record_attempt(question, correct, answer)
    finally:
        store.close()


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench_start(runs: int, tmp: Path, extra: list[str], env_data: Path | None) -> dict:
    walls = {"minimal": [], "oslearn": []}
    rss = []
    for n in range(runs):
        walls["minimal"].append(spawn(child_argv("minimal"))[0])
        data = env_data if env_data is not None else tmp / f"fresh-{time.monotonic_ns()}"
        wall, peak = spawn(child_argv("oslearn", "--data-dir", str(data), *extra))
        walls["oslearn"].append(wall)
        rss.append(peak)
    minimal = statistics.median(walls["minimal"])
    oslearn = statistics.median(walls["oslearn"])
    return {"minimal_s": minimal, "oslearn_s": oslearn, "ratio": oslearn / minimal,
            "rss_mb": statistics.median(rss)}


async def bench_keys(runs: int, data: Path) -> dict:
    """Lesson open (Enter on the home list) and next section (``n``), key to screen ready."""
    from oslearn.lessons import load_curriculum
    from oslearn.progress import ProgressStore
    from oslearn.tui.app import OSLearnApp

    store = ProgressStore.open(data)
    app = OSLearnApp(load_curriculum(), store)
    opened, nexted = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lessons = app.screen.query_one("#lessons")
        for n in range(runs):
            lessons.focus()
            lessons.highlighted = 2  # Ubuntu: several sections, tables
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            nexted.append(time.perf_counter() - started)
            await pilot.press("escape")
            await pilot.pause()
    store.close()
    return {"lesson_open_ms": median_ms(opened), "next_section_ms": median_ms(nexted)}


def bench_tick(runs: int, tmp: Path, attempts: int) -> float:
    from oslearn.progress import ProgressStore

    data = tmp / f"tick-{attempts}"
    fill_attempts(data, attempts)
    store = ProgressStore.open(data)
    times = []
    try:
        for n in range(runs):
            started = time.perf_counter()
            store.set_done("ubuntu", "pick-lts", n % 2 == 0)
            times.append(time.perf_counter() - started)
    finally:
        store.close()
    return median_ms(times)


def bench_commands(runs: int, tmp: Path) -> dict:
    exe = shutil.which("oslearn") or str(Path(sys.executable).with_name("oslearn"))
    out = {}
    for name, argv in {"--version": [exe, "--version"],
                       "list": [exe, "--data-dir", str(tmp / "cmd"), "list"],
                       "check": [exe, "check"]}.items():
        out[name] = statistics.median(spawn(argv)[0] for _ in range(runs))
    return out


def verdict(value: float, budget: float) -> str:
    return "ok  " if value <= budget else "OVER"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="repetitions per measurement (median taken)")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, rest = args.child[0], args.child[1:]
        child_minimal() if kind == "minimal" else child_oslearn(rest)
        print(f"RSS_MB={_peak_rss_mb():.1f}")
        return 0

    with tempfile.TemporaryDirectory(prefix="oslearn-bench-") as name:
        tmp = Path(name)
        print(f"oslearn benchmark: python {sys.version.split()[0]}, {os.cpu_count()} cores, medians of {args.runs} runs\n")
        small = bench_start(args.runs, tmp, [], None)
        lessons, data_large = make_large_setup(tmp)
        large = bench_start(args.runs, tmp, ["--lessons", str(lessons)], data_large)
        keys = asyncio.run(bench_keys(max(args.runs, 10), tmp / "keys"))
        tick_small = bench_tick(max(args.runs * 5, 30), tmp, 100)
        tick_large = bench_tick(max(args.runs * 5, 30), tmp, 10_000)
        commands = bench_commands(args.runs, tmp)

    rows = [
        ("1. cold start, minimal Textual app (s)", small["minimal_s"], None),
        ("1. cold start, oslearn, fresh data dir (s)", small["oslearn_s"], None),
        ("1. start ratio oslearn / minimal", small["ratio"], BUDGETS["start_ratio"]),
        ("2. cold start, minimal Textual app (s)", large["minimal_s"], None),
        ("2. cold start, oslearn, 500 lessons + 10,000 attempts (s)", large["oslearn_s"], None),
        ("2. start ratio oslearn / minimal", large["ratio"], BUDGETS["start_ratio_large"]),
        ("3. lesson open, key to ready (ms)", keys["lesson_open_ms"], BUDGETS["lesson_open_ms"]),
        ("3. next section, key to ready (ms)", keys["next_section_ms"], BUDGETS["next_section_ms"]),
        ("4. checklist tick, 100 attempts stored (ms)", tick_small, None),
        ("4. checklist tick, 10,000 attempts stored (ms)", tick_large, BUDGETS["tick_ms_10000"]),
        ("5. peak RSS at start, fresh (MB)", small["rss_mb"], BUDGETS["rss_mb"]),
        ("5. peak RSS at start, 500 lessons (MB)", large["rss_mb"], None),
        *[(f"6. oslearn {name} (s)", value, BUDGETS["command_s"]) for name, value in commands.items()],
    ]
    width = max(len(label) for label, _, _ in rows)
    failed = 0
    for label, value, budget in rows:
        if budget is None:
            print(f"       {label:<{width}}  {value:9.3f}")
        else:
            mark = verdict(value, budget)
            failed += mark == "OVER"
            print(f"{mark}   {label:<{width}}  {value:9.3f}   budget {budget:g}")
    print(f"\ntick ratio 10,000 / 100 attempts: {tick_large / tick_small:.2f} (at most 3)")
    print(f"{failed} budget(s) over" if failed else "every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
