"""Packs the native gilscan executable into a wheel, as ruff's wheels hold ruff.

Usage: python3 build/make_wheel.py BINARY VERSION README OUTDIR

The wheel is ``gilscan-VERSION-py3-none-manylinux_X_Y_x86_64.whl`` where X.Y is the newest glibc
symbol version the binary needs (read from its dynamic symbol table), so pip installs it only where
it can run. It holds the executable as ``gilscan-VERSION.data/scripts/gilscan`` (pip installs it
into the environment's bin folder, executable) and a small ``gilscan`` package for
``python -m gilscan``. Everything is written in a fixed order with fixed timestamps, so the same
binary gives the same wheel bytes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
HERE = os.path.dirname(os.path.abspath(__file__))


def glibc_tag(binary: str) -> str:
    symbols = subprocess.run(["objdump", "-T", binary], check=True, capture_output=True, text=True).stdout
    versions = {tuple(int(p) for p in m.groups()) for m in re.finditer(r"GLIBC_(\d+)\.(\d+)", symbols)}
    major, minor = max(versions) if versions else (2, 17)
    # manylinux_2_17 is the oldest tag pip knows for x86_64 under PEP 600.
    if (major, minor) < (2, 17):
        major, minor = 2, 17
    return f"manylinux_{major}_{minor}_x86_64"


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def main() -> int:
    binary, version, readme, outdir = sys.argv[1:5]
    tag = glibc_tag(binary)
    dist_info = f"gilscan-{version}.dist-info"
    data = f"gilscan-{version}.data"
    with open(readme, encoding="utf-8") as handle:
        description = handle.read()
    metadata = (
        "Metadata-Version: 2.1\n"
        "Name: gilscan\n"
        f"Version: {version}\n"
        "Summary: Static analyser for Python projects: CPU-bound pure-Python work on threads and event loops, "
        "costly multiprocessing pickling, and dependencies that keep the GIL on under free-threaded CPython.\n"
        "Home-page: https://github.com/gilscan/gilscan\n"
        "License: MIT\n"
        "Keywords: gil,free-threading,static-analysis,sarif,asyncio,threading\n"
        "Classifier: Environment :: Console\n"
        "Classifier: Programming Language :: Python :: 3\n"
        "Classifier: Topic :: Software Development :: Quality Assurance\n"
        "Requires-Python: >=3.8\n"
        "Description-Content-Type: text/markdown\n"
        "\n" + description
    )
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: gilscan build/make_wheel.py\n"
        "Root-Is-Purelib: false\n"
        f"Tag: py3-none-{tag}\n"
    )
    with open(binary, "rb") as handle:
        executable = handle.read()
    package = os.path.join(HERE, "python", "gilscan")
    files: list[tuple[str, bytes, int]] = []
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            with open(os.path.join(package, name), "rb") as handle:
                files.append((f"gilscan/{name}", handle.read(), 0o644))
    files.append((f"{data}/scripts/gilscan", executable, 0o755))
    files.append((f"{dist_info}/METADATA", metadata.encode(), 0o644))
    files.append((f"{dist_info}/WHEEL", wheel.encode(), 0o644))
    record = "".join(record_line(name, content) + "\n" for name, content, _ in files) + f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode(), 0o644))

    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, f"gilscan-{version}-py3-none-{tag}.whl")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content, mode in files:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
