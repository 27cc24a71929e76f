"""The layering contracts in pyproject.toml ([tool.importlinter]) hold: ``oslearn.lessons``
and ``oslearn.progress`` import neither Textual nor ``oslearn.tui``, and ``oslearn.lessons``
does not import ``oslearn.progress``.

``lint-imports`` finds packages through ``sys.path``; an editable install of the
``package-dir`` layout is not a folder it can walk, so the test lays out ``oslearn/`` as a
package of links to the source folders in a temporary directory and puts that first on
``PYTHONPATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_lint_imports(tmp_path: Path, source_root: Path) -> subprocess.CompletedProcess:
    package = tmp_path / "oslearn"
    package.mkdir()
    # A regular package first on sys.path wins over the installed namespace package, so the
    # sources checked are exactly these, whatever is installed.
    (package / "__init__.py").write_text("")
    for name in ("lessons", "progress", "tui"):
        (package / name).symlink_to(source_root / name, target_is_directory=True)
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([executable, str(ROOT / "pyproject.toml")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_contracts_are_kept(tmp_path):
    result = _run_lint_imports(tmp_path, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_textual_import_in_progress_breaks_the_contract(tmp_path):
    """The check can fail: a copy of the sources whose progress package imports Textual
    is reported as broken."""
    copy = tmp_path / "src"
    for name in ("lessons", "progress", "tui"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "progress" / "__init__.py").open("a") as handle:
        handle.write("\nimport textual  # noqa\n")
    layout = tmp_path / "layout"
    layout.mkdir()
    result = _run_lint_imports(layout, copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
