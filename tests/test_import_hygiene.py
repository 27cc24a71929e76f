"""The headless packages must not import Textual: they are used by the CLI and scripts."""

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True, capture_output=True, text=True,
    ).stdout
    return set(out.split())


def test_lessons_and_progress_do_not_import_textual():
    modules = _modules_after(
        "import oslearn.lessons, oslearn.lessons.quiz, oslearn.progress\n"
        "from oslearn.lessons import load_curriculum\n"
        "c = load_curriculum()\n"
        "[l.sections for l in c.lessons]"
    )
    assert "oslearn.lessons" in modules and "oslearn.progress" in modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)


def test_cli_subcommands_do_not_import_textual(tmp_path):
    modules = _modules_after(
        "from oslearn.tui import cli\n"
        f"cli.main(['--data-dir', {str(tmp_path)!r}, 'list'])\n"
        f"cli.main(['--data-dir', {str(tmp_path)!r}, 'progress', '--json'])\n"
        "cli.main(['check'])"
    )
    assert "oslearn.tui.cli" in modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)
