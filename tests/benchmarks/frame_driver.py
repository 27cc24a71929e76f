"""A Textual driver for the app benchmark (``bench_app.py``): frames are rendered, then timed.

The benchmark starts a real process (the ``oslearn`` console script, or the minimal app)
with ``TEXTUAL_DRIVER=frame_driver:FrameDriver``, which Textual's ``App.get_driver_class``
honours, so the program under test runs unchanged (the tick measurement only wraps
``set_done`` of the one store instance to time its write). ``FrameDriver``:

* reports ``is_headless = False``, so the app turns every frame into terminal escape
  sequences exactly as for a terminal (``App._display``: ``render_segments``, cursor
  moves), and receives them in ``write``; nothing is printed;
* answers a fixed window size, ``BENCH_SIZE`` (default ``80x24``);
* after each frame (``flush``, which ``App._display`` calls once per frame written) checks a
  "ready" condition and records the time of the first frame that satisfies it.

``BENCH_MODE`` picks what the process does, and ``BENCH_OUT`` names the JSON file it
writes its figures to:

``start``
    Exit at the first frame in which the first screen is ready (``BENCH_READY=home``: the
    home screen's lesson list has its rows and is on screen; ``markdown``: a ``Markdown``
    widget has its blocks mounted and the first one is on screen). Records the
    ``time.monotonic()`` of that frame (system-wide on Linux, so the parent can subtract the
    moment it spawned the process), the process's CPU time and its peak RSS so far.
``keys``
    Once the home screen is ready, run ``key_scenario``: open lessons, move to the next
    section, tick a checklist step, go back, timing each key as described in ``timed_key``.

Diagnostics, for finding where a key's time goes (they slow the app down a little):
``BENCH_TRACE=1`` adds to each key's figures the ms spent restyling, laying out, rendering
and mounting, and when each frame came; ``2`` also names the nodes restyled; ``3`` also
times rendering and box models per widget class. ``BENCH_PROFILE=<key>`` (``enter``,
``n``, ``space``, ``escape``) writes a cProfile of each press of that key, up to its ready
frame, next to ``BENCH_OUT``.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import resource
import time

from textual import events
from textual.drivers.headless_driver import HeadlessDriver


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _on_screen(widget) -> bool:
    """Whether ``widget`` is in the current frame's compositor map (laid out, visible)."""
    try:
        return bool(widget.screen.find_widget(widget).region)
    except Exception:  # NoWidget, or not mounted (yet/any more)
        return False


def ready_home(app) -> bool:
    """The home screen is in front and its lesson list has rows and is on screen."""
    screen = app.screen
    if type(screen).__name__ != "HomeScreen":
        return False
    lessons = screen.query("#lessons")
    return bool(lessons) and lessons.first().option_count > 0 and _on_screen(lessons.first())


def ready_markdown(app) -> bool:
    """A ``Markdown`` widget in the screen in front has blocks and the first is on screen."""
    from textual.widgets import Markdown

    for markdown in app.screen.query(Markdown):
        blocks = [child for child in markdown.children if child.display]
        if blocks and _on_screen(blocks[0]):
            return True
    return False


READY = {"home": ready_home, "markdown": ready_markdown}


class FrameDriver(HeadlessDriver):
    """Renders and "writes" every frame like a terminal driver, without a terminal.

    Attributes:
        frames: frames written so far.
        bytes_written: total length of the escape sequences written (characters).
        on_frame: called with no arguments after each frame (``flush``); the benchmark's
            hooks set it.
    """

    def __init__(self, app, **kwargs):
        super().__init__(app, **kwargs)
        width, _, height = os.environ.get("BENCH_SIZE", "80x24").partition("x")
        self._size = (int(width), int(height))
        self.frames = 0
        self.bytes_written = 0
        self.on_frame = None
        self._mode = os.environ.get("BENCH_MODE", "start")
        self._ready = READY[os.environ.get("BENCH_READY", "home")]
        self._started = False

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self.bytes_written += len(data)

    def flush(self) -> None:
        self.frames += 1
        if self.on_frame is not None:
            self.on_frame()
        if self._started or not self._ready(self._app):
            return
        self._started = True
        if self._mode == "start":
            write_result({"ready_monotonic": time.monotonic(), "cpu_s": _cpu_seconds(),
                          "rss_mb": _peak_rss_mb(), "frames": self.frames})
            self._app.exit()
        else:
            # A task of its own: the app's message loop must not wait for the scenario.
            self._scenario = asyncio.get_running_loop().create_task(_run_scenario(self._app, self))


def write_result(result: dict) -> None:
    path = os.environ.get("BENCH_OUT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(result, out)


# --- key latency ----------------------------------------------------------------------------

#: Seconds the scenario waits after the app has gone idle before the next key: a learner
#: reads for a moment between key presses, and the app may use that time.
DWELL = float(os.environ.get("BENCH_DWELL", "0.3"))

_KEYS = {"enter": "\r", "escape": "\x1b", "space": " "}

#: Seconds spent in the cyclic garbage collector so far (``gc.callbacks``), to show how
#: much of a key's time it took.
_gc_seconds = [0.0, 0.0]


def _gc_timer(phase: str, info: dict) -> None:
    if phase == "start":
        _gc_seconds[1] = time.perf_counter()
    else:
        _gc_seconds[0] += time.perf_counter() - _gc_seconds[1]


gc.callbacks.append(_gc_timer)

#: With ``BENCH_TRACE=1``, seconds spent in a few Textual internals (styling, layout,
#: rendering, mounting) per key, to see where a key's time goes. Diagnostics only.
_trace: dict[str, float] = {}


def _install_trace() -> None:
    import functools

    from textual._compositor import Compositor
    from textual.app import App
    from textual.css.stylesheet import Stylesheet

    def timed(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                _trace[label] = _trace.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(Stylesheet, "update_nodes", "restyle")
    if os.environ.get("BENCH_TRACE") == "2":
        original_update_styles = App.update_styles

        def update_styles(self, node, animate=True):
            started = time.perf_counter()
            try:
                return original_update_styles(self, node, animate)
            finally:
                label = f"restyle:{type(node).__name__}#{node.id}"
                _trace[label] = _trace.get(label, 0.0) + time.perf_counter() - started

        App.update_styles = update_styles
    if os.environ.get("BENCH_TRACE") == "3":
        from textual.widget import Widget

        for method in ("render_lines", "_get_box_model"):
            original_method = getattr(Widget, method)

            def per_class(self, *args, _original=original_method, _method=method, **kwargs):
                started = time.perf_counter()
                try:
                    return _original(self, *args, **kwargs)
                finally:
                    label = f"{_method}:{type(self).__name__}"
                    _trace[label] = _trace.get(label, 0.0) + time.perf_counter() - started

            setattr(Widget, method, per_class)
    timed(Compositor, "reflow", "layout")
    timed(Compositor, "render_update", "render")
    timed(App, "_register", "mount")


_TRACE = bool(os.environ.get("BENCH_TRACE"))
if _TRACE:
    _install_trace()


async def settle(app) -> None:
    """Wait until the app is idle (Textual's Pilot.pause), then ``DWELL`` seconds more."""
    from textual.pilot import Pilot

    await Pilot(app).pause()
    await asyncio.sleep(DWELL)
    await Pilot(app).pause()


async def timed_key(app, driver: FrameDriver, key: str, ready, timeout: float = 5.0) -> dict:
    """Press ``key`` and time it until the first frame written in which ``ready()`` holds.

    The key goes in as a terminal driver delivers it (``Driver.process_message`` with an
    ``events.Key``). The clock starts just before that call and stops in the driver's
    ``flush`` after the first frame for which ``ready()`` is true, checked before anything
    else happens, so work the app does after that frame is not counted.

    Returns:
        ``{"wall_ms", "cpu_ms", "frames", "gc_ms"}`` (frames written from the key up to and
        including the ready one; ms the garbage collector ran meanwhile), or
        ``{"error": ...}`` when no such frame came within ``timeout`` seconds.
    """
    done = asyncio.get_running_loop().create_future()
    frames, ready_at = [0], [0]
    traced: dict[str, float] = {}

    def check() -> None:
        frames[0] += 1
        if _TRACE:
            traced[f"frame{frames[0]}:{type(app.screen).__name__}@{(time.perf_counter() - started) * 1000:.0f}"] = 0.0
        if not done.done() and ready():
            done.set_result((time.perf_counter(), time.process_time(), _gc_seconds[0]))
            ready_at[0] = frames[0]
            if profile is not None:
                profile.disable()
            traced.update({name: seconds * 1000 for name, seconds in _trace.items()})

    profile = None
    if os.environ.get("BENCH_PROFILE") == key:  # diagnostics: cProfile this key's interval
        import cProfile

        profile = cProfile.Profile()
    driver.on_frame = check
    if profile is not None:
        profile.enable()
    _trace.clear()
    started, cpu, collecting = time.perf_counter(), time.process_time(), _gc_seconds[0]
    driver.process_message(events.Key(key, _KEYS.get(key, key if len(key) == 1 else None)))
    try:
        finished, finished_cpu, collected = await asyncio.wait_for(done, timeout)
    except asyncio.TimeoutError:
        return {"error": f"no ready frame within {timeout} s after {key!r} (screen {app.screen!r}, "
                         f"focus {app.focused!r}, {frames[0]} frame(s))"}
    finally:
        driver.on_frame = None
        if profile is not None:
            profile.disable()
            profile.dump_stats(f"{os.environ['BENCH_OUT']}.{key}.{time.monotonic_ns()}.prof")
    return {"wall_ms": (finished - started) * 1000, "cpu_ms": (finished_cpu - cpu) * 1000, "frames": ready_at[0],
            "gc_ms": (collected - collecting) * 1000, **({"trace_ms": traced} if traced else {})}


def shown_blocks(body) -> list:
    """The Markdown blocks ``body`` displays: its own children, or (for a widget that holds
    one ``Markdown`` page per section) those of the page displayed."""
    from textual.widgets import Markdown

    blocks = []
    for child in body.children:
        if not child.display:
            continue
        blocks.extend(shown_blocks(child) if isinstance(child, Markdown) else [child])
    return blocks


def lesson_shown(app, lesson, index: int):
    """A ``ready`` test: the lesson screen in front shows section ``index`` of ``lesson``.

    True when the screen in front is a lesson screen on that lesson and section, its
    ``#body`` Markdown holds that section's text, and the Markdown blocks it displays are
    laid out on screen and are none of the blocks the lesson screen displayed before the
    key (so a frame still showing the previous section or lesson does not count).
    """
    stale = set()
    for screen in app.screen_stack:
        if type(screen).__name__ == "LessonScreen":
            stale |= {id(block) for block in shown_blocks(screen.query_one("#body"))}
    expected = lesson.sections[index].markdown

    def ready() -> bool:
        screen = app.screen
        if type(screen).__name__ != "LessonScreen" or screen.lesson.id != lesson.id or screen.index != index:
            return False
        body = screen.query_one("#body")
        if body.source != expected:
            return False
        blocks = shown_blocks(body)
        return bool(blocks) and not any(id(b) in stale for b in blocks) and _on_screen(blocks[0])

    return ready


def tick_shown(app, lesson, item_id: str, done: bool):
    """A ``ready`` test: the checklist in front shows the step ticked (or unticked)."""

    def ready() -> bool:
        screen = app.screen
        return (type(screen).__name__ == "LessonScreen"
                and (item_id in screen.query_one("#checklist-items").selected) == done)

    return ready


async def timed_tick(app, driver: FrameDriver, lesson, item_id: str) -> dict:
    """Space on the checklist: time to the later of the frame showing the tick and the
    return of the store's durable write (``ProgressStore.set_done``, timed on this store
    instance only)."""
    done = item_id not in app.store.done_items(lesson.id)
    store = app.store
    written = []
    original = store.set_done

    def set_done(*args, **kwargs):
        result = original(*args, **kwargs)
        written.append((time.perf_counter(), time.process_time()))
        return result

    store.set_done = set_done
    try:
        started, cpu = time.perf_counter(), time.process_time()
        shown = await timed_key(app, driver, "space", tick_shown(app, lesson, item_id, done))
        for _ in range(100):
            if written:
                break
            await asyncio.sleep(0.01)
    finally:
        del store.set_done
    if "error" in shown:
        return shown
    if not written or (item_id in store.done_items(lesson.id)) != done:
        return {"error": "the tick was not stored"}
    return {"wall_ms": max(shown["wall_ms"], (written[0][0] - started) * 1000),
            "cpu_ms": max(shown["cpu_ms"], (written[0][1] - cpu) * 1000), "frames": shown["frames"],
            "gc_ms": shown["gc_ms"]}


def home_shown(app):
    """A ``ready`` test: the home screen is in front with its lesson list on screen."""
    return lambda: ready_home(app)


async def key_scenario(app, driver: FrameDriver) -> dict:
    """Open each lesson in turn from the home screen and time the keys a learner presses.

    For each of ``BENCH_OPENS`` lessons (cycling through the curriculum, so each open is of
    a lesson other than the one before): highlight it on the home list, settle, then time
    Enter (lesson open), ``n`` (next section) and, on the checklist tab, Space (a tick,
    stored durably, then shown); Escape goes home. Lessons with one section or no checklist
    skip those keys. The first time through the curriculum, ``n`` is also pressed on to the
    lesson's last section (``next_on``: every section of every lesson is shown by a timed
    ``n`` once), before the tick.
    """
    lessons_list = app.screen.query_one("#lessons")
    lessons = [lesson for lesson in app.curriculum.lessons if len(lesson.sections) > 1]
    runs = int(os.environ.get("BENCH_OPENS", "11"))
    result = {"open": [], "next": [], "next_on": [], "tick": [], "back": []}
    for run in range(runs):
        lesson = lessons[run % len(lessons)]
        await settle(app)
        lessons_list.focus()
        lessons_list.highlighted = lessons_list.get_option_index(lesson.id)
        await settle(app)
        result["open"].append(await timed_key(app, driver, "enter", lesson_shown(app, lesson, 0)))
        await settle(app)
        result["next"].append({**await timed_key(app, driver, "n", lesson_shown(app, lesson, 1)),
                               "lesson": lesson.id, "section": lesson.sections[1].id})
        if run < len(lessons):  # the first time through: on to the last section, each n timed
            for index in range(2, len(lesson.sections)):
                await settle(app)
                result["next_on"].append({**await timed_key(app, driver, "n", lesson_shown(app, lesson, index)),
                                          "lesson": lesson.id, "section": lesson.sections[index].id})
        if lesson.checklist:
            await settle(app)
            await app.screen.run_action("tab('checklist')")
            await settle(app)
            result["tick"].append(await timed_tick(app, driver, lesson, lesson.checklist[0].id))
        await settle(app)
        result["back"].append(await timed_key(app, driver, "escape", home_shown(app)))
        await settle(app)
        if type(app.screen).__name__ != "HomeScreen":
            result["error"] = f"Escape did not return to the home screen ({type(app.screen).__name__})"
            break
    result["rss_mb"] = _peak_rss_mb()
    return result


async def _run_scenario(app, driver: FrameDriver) -> None:
    try:
        result = await key_scenario(app, driver)
    except Exception as error:  # report it rather than leave the parent waiting
        import traceback

        result = {"error": "".join(traceback.format_exception(error))}
    write_result(result)
    app.exit()
