"""The baseline for an index rebuild: read and parse every entry file once with tomllib.

    python benchmarks/parse_all.py DATA/journal
"""

from __future__ import annotations

import os
import sys
import tomllib


def main() -> int:
    count = 0
    for root, _dirs, files in os.walk(sys.argv[1]):
        for name in files:
            if name.endswith(".toml"):
                with open(os.path.join(root, name), "rb") as handle:
                    tomllib.loads(handle.read().decode("utf-8"))
                count += 1
    print(f"parsed {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
