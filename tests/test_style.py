"""Formatting and lint of the repository's Python, with the pinned ruff and the project's config
(pyproject.toml): formatting is checked by a test, like datasette does with its formatter, so a change that
is not formatted fails the suite, not only a separate lint step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["src", "tests", "bench", "scripts"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_clean():
    result = ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr
