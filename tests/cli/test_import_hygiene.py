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


def _console_script() -> str:
    """The installed ``oslearn`` console script (next to this interpreter, or on PATH)."""
    import shutil
    from pathlib import Path

    beside = Path(sys.executable).with_name("oslearn")
    found = str(beside) if beside.exists() else shutil.which("oslearn")
    if found is None:
        import pytest

        pytest.skip("the oslearn console script is not installed")
    return found


def _modules_imported_by(*args: str, tmp_path) -> set[str]:
    """Run the ``oslearn`` console script with ``args`` as scripts run it (its own process,
    stdout a pipe) under ``python -X importtime``; return every module it imported."""
    env = {**__import__("os").environ, "OSLEARN_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-X", "importtime", _console_script(), *args],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:") and "|" in line}
    assert "oslearn.tui.cli" in modules  # the listing is real: the entry point was imported
    return modules


def test_console_script_commands_for_scripts_do_not_import_textual(tmp_path):
    for args in (["--version"], ["check"], ["list"]):
        modules = _modules_imported_by(*args, tmp_path=tmp_path)
        textual = sorted(name for name in modules if name == "textual" or name.startswith("textual."))
        assert not textual, f"oslearn {' '.join(args)} imported {textual[:5]}"


def test_version_loads_neither_the_store_nor_the_content(tmp_path):
    modules = _modules_imported_by("--version", tmp_path=tmp_path)
    assert not {"oslearn.progress.store", "tinydb", "filelock", "markdown_it"} & modules
