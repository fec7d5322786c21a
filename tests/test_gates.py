"""The code gates run with the suite: ruff and mypy on the Python, eslint and node's tests on the page's JS.

Each gate is one test, so `python -m pytest` (the README's test command) runs them all and a
finding fails the suite with the tool's own report.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)


def test_ruff_finds_nothing():
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _node_tool(*args: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not (ROOT / "node_modules").is_dir():
        pytest.fail("the JavaScript gates need Node 20+ and the lint tools: run `npm ci` in the repository")
    return run(*args)


def test_eslint_finds_nothing():
    result = _node_tool("node", "node_modules/eslint/bin/eslint.js", "verkosto/web", "tests/js", "eslint.config.js")
    assert result.returncode == 0, result.stdout + result.stderr


def test_javascript_unit_tests_pass():
    result = _node_tool("node", "--test", "tests/js/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
