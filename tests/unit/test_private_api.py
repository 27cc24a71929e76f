"""The interface uses only Textual's and textual-serve's public API, so any release within the
bounds of ``pyproject.toml`` (``textual>=8.2.8,<9``) keeps it working: no private module is
imported, no class of ours overrides or reads an underscore name its Textual base class
defines, and no underscore attribute is read from an object of theirs."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from pathlib import Path

import textual
import textual_serve

import oslearn.tui

LIBRARIES = ("textual", "textual_serve")
TUI = Path(oslearn.tui.__file__).parent


def _tui_modules() -> dict[str, Path]:
    """``{module name: file}`` for every module of the interface package."""
    found = {}
    for path in sorted(TUI.rglob("*.py")):
        parts = path.relative_to(TUI).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("oslearn.tui", *parts))] = path
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _library_private_names() -> set[str]:
    """Every underscore name the libraries' classes define or set on ``self``."""
    names = set()
    for package in (textual, textual_serve):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            try:
                module = importlib.import_module(info.name)
            except Exception:  # an optional part with a missing dependency (textual's demo...)
                continue
            for value in vars(module).values():
                if inspect.isclass(value) and value.__module__ == info.name:
                    names |= {n for n in vars(value) if _private(n)}
            try:
                source = inspect.getsource(module)
            except (OSError, TypeError):
                continue
            names |= {n for n in re.findall(r"self\.(_[A-Za-z]\w*)", source) if _private(n)}
    return names


def _self_names(cls: type) -> set[str]:
    """The underscore names class ``cls``'s own body defines or uses on ``self``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(node.name):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            if _private(node.attr):
                names.add(node.attr)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                if isinstance(target, ast.Name) and _private(target.id):
                    names.add(target.id)
    return names


def _base_private_names(cls: type) -> set[str]:
    """The underscore names the library classes among ``cls``'s bases define or set."""
    names = set()
    for base in cls.__mro__[1:]:
        if base.__module__.split(".")[0] not in LIBRARIES:
            continue
        names |= {n for n in vars(base) if _private(n)}
        try:
            names |= {n for n in re.findall(r"self\.(_[A-Za-z]\w*)", inspect.getsource(base)) if _private(n)}
        except (OSError, TypeError):
            pass
    return names


def test_no_private_module_of_textual_or_textual_serve_is_imported():
    imported = []
    for name, path in _tui_modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] in LIBRARIES and any(_private(part) for part in parts[1:]):
                    imported.append(f"{name}: {module}")
    assert imported == []


def test_no_class_overrides_or_reads_a_private_name_of_its_textual_base():
    clashes = []
    checked = 0
    for name in _tui_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == name):
                continue
            if not any(base.__module__.split(".")[0] in LIBRARIES for base in cls.__mro__[1:]):
                continue
            checked += 1
            for clash in sorted(_self_names(cls) & _base_private_names(cls)):
                clashes.append(f"{name}.{cls.__qualname__}.{clash}")
    assert checked > 30  # the screens, widgets, answer widgets, the app and the server
    assert clashes == []


def test_no_private_attribute_of_a_library_object_is_read():
    library = _library_private_names()
    assert {"_compositor", "_notifications", "_make_app", "_index_to_line"} <= library  # the scan reaches them
    own = set()
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in _tui_modules().items()}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
    reads = []
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and _private(node.attr) and node.attr in library
                    and node.attr not in own):
                reads.append(f"{name}:{node.lineno}: .{node.attr}")
    assert reads == []
