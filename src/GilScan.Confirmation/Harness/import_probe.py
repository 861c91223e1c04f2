# Probe body for GIL401/GIL403: imports one module in this fresh process and reports whether the GIL is
# on afterwards and which RuntimeWarnings the import raised. On a free-threaded build an extension that
# has not declared Py_mod_gil = Py_MOD_GIL_NOT_USED turns the GIL on for the whole process, with a
# RuntimeWarning naming the module.

import importlib
import warnings


def main():
    try:
        pinned = start()
    except BaseException as error:
        emit(failure("pin", error))
        return 1
    before = gil_enabled()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            importlib.import_module(CONFIG["module"])
    except BaseException as error:
        emit(failure("import", error))
        return 1
    emit({
        "ok": True,
        "harness": "import-probe",
        "pinning": pinned,
        "gilEnabledBefore": before,
        "gilEnabled": gil_enabled(),
        "runtimeWarnings": [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)],
    })
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
