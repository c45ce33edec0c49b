"""The test toolchain's lock: tests/constraints.txt, the exact versions the suite is known to
pass with.

The README's test command installs with `-c tests/constraints.txt`, so a fresh machine gets
these versions, not whatever was released this morning. The app's own dependencies keep their
ranges in pyproject.toml (the lock is for the tests, not for people who install kohtaa).

To move the lock to today's releases (then run the whole suite and commit both):

    python tests/lock_tool.py

It makes a fresh venv in a temporary folder, installs the project with its test extra and no
constraints, and writes what pip chose.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "tests" / "constraints.txt"
HEADER = """\
# The test toolchain's lock (pip constraints). Made by `python tests/lock_tool.py`: run it to
# move to today's releases, then run the whole suite before committing. The app's own
# dependencies keep their ranges in pyproject.toml; this file pins them only for the tests.
"""


def frozen(venv: Path) -> list[str]:
    """`name==version` of every distribution in `venv` except the project itself."""
    output = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "freeze", "--exclude-editable"],
        check=True, capture_output=True, text=True,
    ).stdout
    lines = [line.strip() for line in output.splitlines()]
    return sorted((line for line in lines if "==" in line and not line.startswith("#")),
                  key=str.lower)


def main() -> int:
    """Make the lock anew from a fresh install."""
    with tempfile.TemporaryDirectory(prefix="kohtaa-lock-") as work:
        venv = Path(work) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                        "-e", f"{ROOT}[test]"], check=True)
        pins = frozen(venv)
    CONSTRAINTS.write_text(HEADER + "\n".join(pins) + "\n", encoding="utf-8")
    print(f"{CONSTRAINTS.relative_to(ROOT)}: {len(pins)} pins")
    return 0


if __name__ == "__main__":
    sys.exit(main())
