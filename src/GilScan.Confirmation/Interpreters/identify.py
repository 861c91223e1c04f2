# Identifies an interpreter for gilscan --confirm: run once with -I, prints one JSON object.
# Standard library only; must run on CPython 3.6+ and PyPy.
import json
import platform
import sys
import sysconfig

_gil = getattr(sys, "_is_gil_enabled", None)
print(json.dumps({
    "implementation": sys.implementation.name,
    "implementationVersion": "%d.%d.%d" % tuple(sys.implementation.version[:3]),
    "version": platform.python_version(),
    "executable": sys.executable,
    "prefix": sys.prefix,
    "gilDisabledBuild": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "gilEnabled": None if _gil is None else bool(_gil()),
}, sort_keys=True))
