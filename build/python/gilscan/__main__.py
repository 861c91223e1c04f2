"""``python -m gilscan ...`` runs the native gilscan executable with the same arguments."""

import os
import sys

from gilscan import find_gilscan_bin


def main() -> None:
    gilscan = find_gilscan_bin()
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.call([gilscan, *sys.argv[1:]]))
    os.execv(gilscan, [gilscan, *sys.argv[1:]])


if __name__ == "__main__":
    main()
