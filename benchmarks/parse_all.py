"""The baseline for an index rebuild: read and parse every entry file once with tomllib
(or with tomli, the compiled parser kohtaa uses, when asked).

    python benchmarks/parse_all.py DATA/journal [tomli]
"""

from __future__ import annotations

import os
import sys
import tomllib
from types import ModuleType


def main() -> int:
    parser: ModuleType = tomllib
    if sys.argv[2:] == ["tomli"]:
        import tomli

        parser = tomli
    count = 0
    for root, _dirs, files in os.walk(sys.argv[1]):
        for name in files:
            if name.endswith(".toml"):
                with open(os.path.join(root, name), "rb") as handle:
                    parser.loads(handle.read().decode("utf-8"))
                count += 1
    print(f"parsed {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
