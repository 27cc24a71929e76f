"""The lesson checklist's ``v``: check the steps on a server (here a recorded file tree, so the
run is fast and the same everywhere), show each step's status and evidence, tick the passed
ones, and show on the progress screen which ticks are verified, where and when."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static

from oslearn.progress.verifications import Verifications
from support.toasts import toasts

DATA = Path(__file__).resolve().parents[1] / "data" / "verify"


def row_texts(app) -> list[str]:
    items = app.screen.query_one("#checklist-items", SelectionList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


async def test_v_checks_the_steps_shows_status_and_ticks_passed(curriculum, store, make_app, wait_for):
    lesson = curriculum.lesson("checklist")
    tree = DATA / "ubuntu-18.04-cloud"
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(lesson)
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("V")
        await wait_for(pilot, lambda: app.screen.query("#target-input"))
        prompt = app.screen.query_one("#target-input", Input)
        assert prompt.value == "this machine"
        prompt.value = str(tree)
        await pilot.press("enter")
        runs = Verifications(store)
        await wait_for(pilot, lambda: runs.latest() is not None, tries=250)
        run = runs.latest()
        assert run["target"] == f"--root {tree}"
        assert run["checks"]["ssh-password-auth"]["status"] == "fail"
        await pilot.pause()
        rows = dict(zip([item.id for item in lesson.checklist], row_texts(app)))
        assert rows["sudo-user"].startswith("pass ")
        assert rows["key-pair-login"].startswith("fail ")
        assert rows["disable-root-login"].startswith("warn ")
        assert rows["install-unattended-upgrades"].startswith("pass ")
        assert rows["read-web-servers"] == next(i.text for i in lesson.checklist if i.id == "read-web-servers")
        # evidence of the highlighted step, beside the list
        index = [item.id for item in lesson.checklist].index("key-pair-login")
        app.screen.query_one("#checklist-items", SelectionList).highlighted = index
        await pilot.pause()
        detail = str(app.screen.query_one("#step-detail", Static).render())
        assert f"Checked on --root {tree}" in detail
        assert "/etc/ssh/sshd_config:25: PasswordAuthentication yes" in detail
        # tick the passed steps
        assert store.done_items("checklist") == set()
        await pilot.press("a")
        await pilot.pause()
        assert store.done_items("checklist") == {"sudo-user", "install-unattended-upgrades"}
        # v again checks the same target without asking
        await pilot.press("v")
        await pilot.pause()
        assert not app.screen.query("#target-input")


async def test_v_on_an_unreachable_target_says_why(curriculum, store, make_app, tmp_path, wait_for):
    lesson = curriculum.lesson("checklist")
    Verifications(store).record(f"--root {tmp_path}", {"sudo-user": {"status": "pass", "evidence": "x"}})
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_lesson(lesson)
        await pilot.pause()
        await pilot.press("3", "v")
        await wait_for(pilot, lambda: any(t.startswith("Could not check") for t in toasts(app)),
                       tries=250)
        assert store.done_items("checklist") == set()


async def test_v_is_only_on_the_checklist_tab_of_a_lesson_with_checkable_steps(curriculum, make_app):
    app = make_app(seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson(curriculum.lesson("checklist"))
        await pilot.pause()
        assert app.screen.check_action("verify", ()) is False
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.check_action("verify", ()) is True
        app.open_lesson(curriculum.lesson("what-an-os-does"))
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.check_action("verify", ()) is False


async def test_progress_screen_shows_which_ticks_are_verified_where_and_when(curriculum, store, make_app):
    from datetime import datetime, timezone

    from oslearn.tui.screens.progress import ProgressScreen

    Verifications(store).record("deploy@example.org:2222",
                                {"sudo-user": {"status": "pass", "evidence": "/etc/group:3: sudo:x:27:deploy"},
                                 "fail2ban": {"status": "pass", "evidence": "fail2ban\x1b[31m installed"},
                                 "ssh-root-login": {"status": "fail", "evidence": "PermitRootLogin yes"}},
                                "Ubuntu 24.04.3 LTS", at=datetime(2026, 11, 30, 21, 40, tzinfo=timezone.utc))
    store.set_done("checklist", "sudo-user", True)
    store.set_done("checklist", "disable-root-login", True)
    lesson = curriculum.lesson("checklist")
    text = {item.id: item.text for item in lesson.checklist}
    app = make_app(store=store, seed=1)
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(ProgressScreen())
        await pilot.pause()
        shown = str(app.screen.query_one("#verified", Static).render())
        lines = shown.splitlines()
        assert f"verified {text['sudo-user']} · on deploy@example.org:2222, 2026-11-30 21:40 UTC" in lines
        assert f"ticked   {text['disable-root-login']} · not verified on a server" in lines
        assert f"passed   {text['install-fail2ban']} · passed on deploy@example.org:2222, not ticked" in lines
        assert "\x1b" not in shown
