"""Benchmark oslearn's start-up, key-press and write latencies against their budgets.

Run by hand (it is not a test; timings on a shared machine are noisy, so run it when the
machine is quiet, see ``uptime``)::

    python tests/benchmarks/bench_app.py [--runs N] [--opens N]

It prints, side by side in one run, medians of repeated measurements, each against its
budget:

1. cold start to the first ready frame of ``oslearn`` with a fresh data directory, against a
   minimal Textual app (``minimal_app.py``) that renders the Markdown of seed
   ``001_fae48d724783d07a.txt`` in a ``Markdown`` widget, and their ratio;
2. the same with 500 generated lessons (``--lessons``) and 10,000 stored quiz attempts;
   also shown: the very first such start (the lesson cache, ``oslearn.lessons.cache``,
   still empty) and a start on everything 10,000 answers given in the app leave behind
   (the answers with their FSRS reviews and cards, quiz scores), against its own budget;
3. key press to screen ready: opening a lesson from the home list (Enter) and moving to the
   next section (``n``), in ms, wall and CPU; the slowest ``n`` of the run on its own budget
   (the first time through the curriculum the scenario presses ``n`` on to each lesson's
   last section, so every section is shown by a timed ``n`` once, the page-changes
   lesson's big comparison table included); also going back home (Escape);
4. one checklist tick written durably (``ProgressStore.set_done``: temp file, fsync, rename,
   directory fsync), in ms, with 100 and 10,000 attempts stored; and the same tick pressed
   in the app (Space to the frame showing it, and the write done);
5. peak memory (RSS) of the app at its first ready frame, in MB;
6. wall time of ``oslearn --version``, ``oslearn list`` and ``oslearn check``.

How it measures
---------------
Every app process is real: the ``oslearn`` console script (or ``python minimal_app.py``),
started on a pseudo-terminal, with ``TEXTUAL_DRIVER=frame_driver:FrameDriver`` (see
``frame_driver.py``). That driver is headless but not "headless" to Textual: the app renders
each frame to terminal escape sequences as it would for a terminal and hands them to the
driver, which counts them and, after each frame, checks whether the screen is ready.

* Start (1, 2, 5): from the moment before the parent spawns the process to the first frame
  in which the first screen is ready (oslearn: the home screen's lesson list has its rows
  and is laid out on screen; the minimal app: the Markdown blocks are mounted and on
  screen), using ``time.monotonic`` in both processes (one system-wide clock on Linux).
  Interpreter start-up and imports are included; exit is not. The two apps alternate run
  by run so that load on the machine hits both alike; one warm-up run of each is discarded
  (it compiles bytecode and fills the OS file cache).
* Keys (3, 4): one ``oslearn`` process goes through ``frame_driver.key_scenario``: for each
  lesson in turn, highlight it on the home list, then time Enter, ``n``, Space and Escape.
  A key is fed in as a terminal driver feeds it (``Driver.process_message``), timed from just
  before that call to the first frame written after which the new content is in place
  (the lesson screen in front on that lesson and section, its ``#body`` holding the
  section's Markdown, the displayed blocks laid out on screen and none of them a block
  shown before the key; for a tick: stored and shown ticked). Between keys the scenario
  waits until the app is idle and then ``--dwell`` seconds (default 0.3 s): a learner reads
  for a moment between presses, and the app may use that time for work it keeps off the
  key path. CPU is the process's CPU time over the same interval.
* Commands (6): spawn to exit, stdout a pipe as in a script.

Textual draws a frame at most every 1/60 s, so up to about 17 ms of any key's wall time is
waiting for the next frame slot; every app pays that. The app's lesson cache is kept in the
benchmark's temporary folder (``OSLEARN_CACHE_DIR``), never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "lessons" / "sources" / "001_fae48d724783d07a.txt"

BUDGETS = {
    "start_ratio": 1.25,
    "start_ratio_large": 1.5,
    "start_ratio_answers": 1.25,
    "key_ms": 50.0,
    "slowest_next_ms": 50.0,
    "tick_ms_10000": 15.0,
    "rss_mb": 90.0,
    "command_s": 0.3,
}


def oslearn_exe() -> str:
    """The ``oslearn`` console script next to this interpreter (or on PATH)."""
    beside = Path(sys.executable).with_name("oslearn")
    return str(beside) if beside.exists() else (shutil.which("oslearn") or "oslearn")


# --- app processes ---------------------------------------------------------------------------


def run_app(argv: list[str], mode: str, ready: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> dict:
    """Run ``argv`` on a pseudo-terminal with the frame driver; return its result.

    Returns:
        the JSON the driver wrote (``frame_driver.write_result``) plus ``spawned`` (the
        parent's ``time.monotonic()`` just before the spawn).
    Raises:
        SystemExit: the process failed or wrote no result (its stderr is shown).
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    child_env = {**os.environ, **(env or {}),
                 "TEXTUAL_DRIVER": "frame_driver:FrameDriver", "BENCH_MODE": mode, "BENCH_READY": ready,
                 "BENCH_OUT": str(out),
                 "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    master, slave = pty.openpty()
    drain = threading.Thread(target=_drain, args=(master,), daemon=True)
    drain.start()
    try:
        spawned = time.monotonic()
        proc = subprocess.run(argv, env=child_env, stdin=slave, stdout=slave, stderr=subprocess.PIPE,
                              timeout=timeout)
    finally:
        os.close(slave)
        drain.join(timeout=5)
    try:
        text = out.read_text(encoding="utf-8")
    finally:
        out.unlink(missing_ok=True)
    if proc.returncode != 0 or not text:
        raise SystemExit(f"{' '.join(argv)} failed (exit {proc.returncode}, no result: {not text}):\n"
                         f"{proc.stderr.decode(errors='replace')[-3000:]}")
    result = json.loads(text)
    if "error" in result and isinstance(result["error"], str):
        raise SystemExit(f"{' '.join(argv)}: {result['error']}")
    result["spawned"] = spawned
    return result


def _drain(fd: int) -> None:
    """Read and drop whatever the child writes to the terminal until it closes."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def start_once(kind: str, data: Path, lessons: Path | None, env: dict[str, str] | None = None) -> dict:
    """One cold start of ``kind`` ("minimal" or "oslearn"): seconds and MB to the ready frame."""
    if kind == "minimal":
        result = run_app([sys.executable, str(HERE / "minimal_app.py")], "start", "markdown", env)
    else:
        argv = [oslearn_exe(), "--data-dir", str(data)]
        if lessons is not None:
            argv += ["--lessons", str(lessons)]
        result = run_app(argv, "start", "home", env)
    return {"wall_s": result["ready_monotonic"] - result["spawned"], "cpu_s": result["cpu_s"],
            "rss_mb": result["rss_mb"]}


def bench_start(runs: int, tmp: Path, lessons: Path | None, data: Path | None) -> dict:
    """Alternate cold starts of the minimal app and oslearn; medians and ratios.

    Args:
        data: the data directory to reuse; ``None`` gives each run a fresh one.
    """
    samples: dict[str, list[dict]] = {"minimal": [], "oslearn": []}
    for run in range(runs + 1):  # run 0 warms up
        for kind in ("minimal", "oslearn"):
            where = data if data is not None else tmp / f"fresh-{run}-{time.monotonic_ns()}"
            sample = start_once(kind, where, lessons)
            if run:
                samples[kind].append(sample)
    med = {kind: {key: statistics.median(s[key] for s in values) for key in ("wall_s", "cpu_s", "rss_mb")}
           for kind, values in samples.items()}
    return {"minimal": med["minimal"], "oslearn": med["oslearn"],
            "ratio": med["oslearn"]["wall_s"] / med["minimal"]["wall_s"],
            "cpu_ratio": med["oslearn"]["cpu_s"] / med["minimal"]["cpu_s"]}


def bench_keys(opens: int, dwell: float, data: Path) -> dict:
    """Run the key scenario in one ``oslearn`` process; medians (and the first open)."""
    result = run_app([oslearn_exe(), "--data-dir", str(data)], "keys", "home",
                     env={"BENCH_OPENS": str(opens), "BENCH_DWELL": str(dwell)}, timeout=600)
    summary = {"rss_mb": result["rss_mb"]}
    every_next = result["next"] + result["next_on"]
    errors = [s["error"] for s in every_next if "error" in s]
    if errors:
        raise SystemExit(f"key scenario, next: {errors[0]}")
    slowest = max(every_next, key=lambda s: s["wall_ms"])
    summary["slowest_next"] = {**slowest, "n": len(every_next)}
    for name in ("open", "next", "tick", "back"):
        samples = result[name]
        errors = [s["error"] for s in samples if "error" in s]
        if errors:
            raise SystemExit(f"key scenario, {name}: {errors[0]}")
        summary[name] = {"wall_ms": statistics.median(s["wall_ms"] for s in samples),
                         "cpu_ms": statistics.median(s["cpu_ms"] for s in samples),
                         "max_wall_ms": max(s["wall_ms"] for s in samples),
                         "first_wall_ms": samples[0]["wall_ms"],
                         "frames": statistics.median(s["frames"] for s in samples), "n": len(samples)}
    return summary


# --- data -------------------------------------------------------------------------------------


def make_lessons(root: Path, count: int = 500) -> Path:
    """Write ``count`` generated lessons (five sections, four checklist steps each)."""
    lessons = root / "generated"
    lessons.mkdir()
    for n in range(count):
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
    return lessons


def fill_attempts(data: Path, count: int) -> None:
    """Store ``count`` quiz attempts through the progress store's own API (one append)."""
    from oslearn.progress import ProgressStore

    with ProgressStore.open(data) as store:
        store.record_attempts((f"q-{n % 97}", n % 3 != 0, "answer") for n in range(count))


def fill_answers(data: Path, count: int) -> None:
    """Store what ``count`` answers given in the app leave behind: each answer with its
    FSRS review and the card after it, a finished quiz per ten answers
    (``bench_progress._seed``). The store is then closed, as the app closes it on exit, which
    caches the history's summary (``oslearn.progress.history_cache``) in the benchmark's
    cache folder."""
    from bench_progress import _seed

    from oslearn.progress import ProgressStore

    with ProgressStore.open(data) as store:
        _seed(store, count)


def bench_tick(runs: int, tmp: Path, attempts: int) -> float:
    """Median ms of one durable ``set_done`` with ``attempts`` stored."""
    from oslearn.progress import ProgressStore

    data = tmp / f"tick-{attempts}"
    fill_attempts(data, attempts)
    times = []
    with ProgressStore.open(data) as store:
        for n in range(runs):
            started = time.perf_counter()
            store.set_done("ubuntu", "pick-lts", n % 2 == 0)
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_commands(runs: int, tmp: Path) -> dict:
    """Median wall seconds (and CPU) of the commands scripts call, stdout a pipe."""
    exe = oslearn_exe()
    out = {}
    for name, argv in {"--version": [exe, "--version"],
                       "list": [exe, "--data-dir", str(tmp / "cmd"), "list"],
                       "check": [exe, "check"]}.items():
        walls, cpus = [], []
        for run in range(runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = subprocess.run(argv, capture_output=True)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                raise SystemExit(f"{' '.join(argv)} failed:\n{proc.stderr.decode()[-2000:]}")
            if run:
                walls.append(wall)
                cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        out[name] = (statistics.median(walls), statistics.median(cpus))
    return out


# --- report -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each app per setting (median)")
    parser.add_argument("--opens", type=int, default=11, help="lessons opened in the key scenario")
    parser.add_argument("--dwell", type=float, default=0.3, help="seconds between keys once the app is idle")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oslearn-bench-") as name:
        tmp = Path(name)
        # The app's lesson cache goes in the benchmark's folder, not the user's.
        os.environ["OSLEARN_CACHE_DIR"] = str(tmp / "cache")
        # Bytecode is cached as for an installed package (pip compiles it on install), in
        # the benchmark's folder: the warm-up runs write it, even where the environment
        # says not to (PYTHONDONTWRITEBYTECODE), so no start compiles source.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        load = os.getloadavg()[0]
        print(f"oslearn benchmark: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {load:.2f}; medians of {args.runs} cold starts, {args.opens} lesson opens\n")
        small = bench_start(args.runs, tmp, None, None)
        lessons = make_lessons(tmp)
        data_large = tmp / "data-large"
        fill_attempts(data_large, 10_000)
        empty_cache = start_once("oslearn", data_large, lessons, {"OSLEARN_CACHE_DIR": str(tmp / "cache-empty")})
        large = bench_start(args.runs, tmp, lessons, data_large)
        data_answers = tmp / "data-answers"
        fill_answers(data_answers, 10_000)
        answers = bench_start(args.runs, tmp, lessons, data_answers)
        keys = bench_keys(args.opens, args.dwell, tmp / "keys")
        tick_small = bench_tick(max(args.runs * 5, 30), tmp, 100)
        tick_large = bench_tick(max(args.runs * 5, 30), tmp, 10_000)
        commands = bench_commands(args.runs, tmp)
        load_after = os.getloadavg()[0]

    def cpu(result: dict) -> str:
        return "   (CPU: minimal %.3f s, oslearn %.3f s, ratio %.2f)" % (
            result["minimal"]["cpu_s"], result["oslearn"]["cpu_s"], result["cpu_ratio"])

    rows = [
        ("1. cold start to ready frame, minimal Textual app (s)", small["minimal"]["wall_s"], None),
        ("1. cold start to ready frame, oslearn, fresh data dir (s)", small["oslearn"]["wall_s"], None),
        ("1. start ratio oslearn / minimal", small["ratio"], BUDGETS["start_ratio"]),
        (cpu(small), None, None),
        ("2. cold start to ready frame, minimal Textual app (s)", large["minimal"]["wall_s"], None),
        ("2. cold start, oslearn, 500 lessons + 10,000 attempts (s)", large["oslearn"]["wall_s"], None),
        ("2. start ratio oslearn / minimal", large["ratio"], BUDGETS["start_ratio_large"]),
        (cpu(large), None, None),
        ("   (the first start, with the lesson cache still empty: %.3f s, ratio %.2f)" % (
            empty_cache["wall_s"], empty_cache["wall_s"] / large["minimal"]["wall_s"]), None, None),
        ("2. cold start, oslearn, 500 lessons + what 10,000 answers leave (s)", answers["oslearn"]["wall_s"], None),
        ("2. start ratio with the FSRS history / minimal", answers["ratio"], BUDGETS["start_ratio_answers"]),
        (cpu(answers), None, None),
    ]
    for name, label in (("open", "3. lesson open, Enter to ready (ms)"), ("next", "3. next section, n to ready (ms)"),
                        ("tick", "4. tick in the app, Space to shown and stored (ms)"),
                        ("back", "   back to the home screen, Escape to ready (ms)")):
        k = keys[name]
        rows.append((label, k["wall_ms"], BUDGETS["key_ms"] if name != "back" else None))
        rows.append((f"   (CPU {k['cpu_ms']:.1f} ms; slowest {k['max_wall_ms']:.1f} ms; first in the process "
                     f"{k['first_wall_ms']:.1f} ms; {k['frames']:g} frame(s); n={k['n']})", None, None))
        if name == "next":
            slow = keys["slowest_next"]
            rows.append(("3. next section, the slowest n of the run (ms)", slow["wall_ms"], BUDGETS["slowest_next_ms"]))
            rows.append((f"   (CPU {slow['cpu_ms']:.1f} ms; to {slow['lesson']} #{slow['section']}; "
                         f"the slowest of {slow['n']} presses of n, every section of every lesson among them)",
                         None, None))
    rows += [
        ("4. checklist tick, durable write, 100 attempts stored (ms)", tick_small, None),
        ("4. checklist tick, durable write, 10,000 attempts stored (ms)", tick_large, BUDGETS["tick_ms_10000"]),
        ("5. peak RSS at first ready frame, fresh (MB)", small["oslearn"]["rss_mb"], BUDGETS["rss_mb"]),
        ("5. peak RSS at first ready frame, 500 lessons (MB)", large["oslearn"]["rss_mb"], BUDGETS["rss_mb"]),
        ("   (minimal Textual app: %.1f MB; oslearn after the key scenario: %.1f MB)" % (
            small["minimal"]["rss_mb"], keys["rss_mb"]), None, None),
        *[(f"6. oslearn {name} (s)", value[0], BUDGETS["command_s"]) for name, value in commands.items()],
        ("   (CPU: " + ", ".join(f"{name} {value[1]:.3f} s" for name, value in commands.items()) + ")", None, None),
    ]
    width = max(len(label) for label, value, _ in rows if value is not None)
    failed = 0
    for label, value, budget in rows:
        if value is None:
            print(f"       {label}")
        elif budget is None:
            print(f"       {label:<{width}}  {value:9.3f}")
        else:
            over = value > budget
            failed += over
            print(f"{'OVER' if over else 'ok  '}   {label:<{width}}  {value:9.3f}   budget {budget:g}")
    print(f"\ntick ratio 10,000 / 100 attempts: {tick_large / tick_small:.2f}; "
          f"load average at the end {load_after:.2f}")
    print(f"{failed} budget(s) over" if failed else "every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
