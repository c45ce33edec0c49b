"""Where data and settings live: a flag, then an environment variable, then platformdirs.

Pure functions: nothing here creates a directory; the first save does.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

# pathlib is imported inside the functions that return a Path: `kohtaa journal list` asks
# only for text and starts quicker without it.

APP_NAME = "kohtaa"
DATA_ENV = "KOHTAA_DATA_DIR"
CONFIG_ENV = "KOHTAA_CONFIG_DIR"


def _choose(flag: str | None, env_name: str, env: Mapping[str, str], kind: str) -> str:
    chosen = flag or env.get(env_name)
    if not chosen:
        import platformdirs  # only when needed: it is slow to import for quick commands

        find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_config_dir
        chosen = find(APP_NAME, appauthor=False)
    return os.path.abspath(os.path.expanduser(chosen))


def data_dir(flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The data directory: `--data-dir`, then KOHTAA_DATA_DIR, then the platform default."""
    from pathlib import Path

    return Path(data_dir_text(flag, env))


def data_dir_text(flag: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The data directory as text (for quick commands, which do without pathlib)."""
    return _choose(flag, DATA_ENV, os.environ if env is None else env, "data")


def config_dir(flag: str | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The config directory: `--config-dir`, then KOHTAA_CONFIG_DIR, then the default."""
    from pathlib import Path

    return Path(config_dir_text(flag, env))


def config_dir_text(flag: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The config directory as text."""
    return _choose(flag, CONFIG_ENV, os.environ if env is None else env, "config")


def not_a_directory(path: str | os.PathLike[str], what: str) -> str | None:
    """A one-line refusal when `path` exists but is not a directory (else None)."""
    if os.path.exists(path) and not os.path.isdir(path):
        return f"the {what} directory {path} is not a directory"
    return None


def shipped_dir(name: str) -> Path:
    """A directory of shipped documents (`question_banks` or `journal_schemas`).

    In an installed wheel they sit inside the package; in a source checkout, at the top level.
    """
    from pathlib import Path

    package = Path(__file__).resolve().parent
    installed = package / "_shipped" / name
    if installed.is_dir():
        return installed
    return package.parent.parent / name
