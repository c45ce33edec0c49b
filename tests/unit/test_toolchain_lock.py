"""The test toolchain is locked: every dependency the tests install has an exact pin in
tests/constraints.txt, and the commands that install it use that file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "tests" / "constraints.txt"


def _name(requirement: str) -> str:
    """The normalised distribution name of a PEP 508 requirement."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert version, f"tests/constraints.txt: {line!r} is not an exact pin (name==version)"
        pins[_name(name)] = version
    return pins


def test_every_declared_dependency_is_pinned() -> None:
    """Runtime and test dependencies of pyproject.toml all appear in the lock (run
    `python tests/lock_tool.py` after adding one)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    pins = _pins()
    missing = sorted({_name(r) for r in declared} - set(pins))
    assert missing == []


def test_the_readme_and_ci_install_through_the_lock() -> None:
    """The README's test command installs with the constraints, and .ci/run runs exactly
    the README's command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip() for line in readme.splitlines()
                if "pip install" in line and "[test]" in line]
    assert commands, "the README has no test setup command"
    for command in commands:
        assert "-c tests/constraints.txt" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci
