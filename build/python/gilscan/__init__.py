"""gilscan: finds Python work that the GIL or the event loop serialises.

The wheel carries gilscan as one native executable (installed as the ``gilscan`` script); this
package only finds it, for ``python -m gilscan`` and for tools that want its path.
"""

from __future__ import annotations

import os
import sys
import sysconfig

__all__ = ["find_gilscan_bin"]


def find_gilscan_bin() -> str:
    """Return the path of the installed gilscan executable."""
    name = "gilscan" + (sysconfig.get_config_var("EXE") or "")
    candidates = [
        sysconfig.get_path("scripts"),
        sysconfig.get_path("scripts", vars={"base": sys.base_prefix}),
        sysconfig.get_path("scripts", scheme=_user_scheme()),
        os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))), "bin"),
    ]
    for folder in candidates:
        if folder:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                return path
    raise FileNotFoundError(f"the gilscan executable was not found in {', '.join(c for c in candidates if c)}")


def _user_scheme() -> str:
    if os.name == "nt":
        return "nt_user"
    return "posix_user"
