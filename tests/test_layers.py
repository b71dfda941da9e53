"""The layout's rules, checked on every `make test`: the import-linter contracts of
pyproject.toml (the layers of DESIGN.md), ruff, no imports hidden inside functions, no private
name imported from another module."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dragoman"
MAX_LAZY_IMPORTS = 10  # optional heavy dependencies only (torch, ray, the MiniLM package, …)


def _tool(name: str) -> str:
    """The console script beside this interpreter (the venv's), else one on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `make install` (it is in the dev extra)")
    return found


def _run(*command: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


def test_import_contracts_hold():
    """The layers and independence contracts of [tool.importlinter] in pyproject.toml."""
    done = _run(_tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_finds_nothing():
    done = _run(_tool("ruff"), "check", "--no-cache", "src", "tests", "bench", "scripts")
    assert done.returncode == 0, done.stdout + done.stderr


def _function_imports(path: Path) -> list[tuple[int, bool]]:
    """``(line, has a comment on its line or the line above)`` for each import statement inside
    a function of ``path``."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for func in ast.walk(ast.parse(text)):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                here, above = lines[node.lineno - 1], lines[node.lineno - 2]
                found.append((node.lineno, "#" in here or above.strip().startswith("#")
                              or "#" in above))
    return found


def test_imports_inside_functions_are_few_and_each_says_why():
    found = {f"{path.relative_to(ROOT)}:{line}": commented
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, commented in _function_imports(path)}
    silent = [where for where, commented in found.items() if not commented]
    assert not silent, f"imports inside functions without a comment saying why: {silent}"
    assert len(found) < MAX_LAZY_IMPORTS, (
        f"{len(found)} imports inside functions (only lazy optional dependencies belong "
        f"there): {sorted(found)}")


def test_no_private_name_is_imported_from_another_module():
    crossing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dragoman"):
                crossing += [f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{a.name}"
                             for a in node.names if a.name.startswith("_")
                             and not a.name.startswith("__")]
    assert not crossing, f"private names used outside their module: {crossing}"
