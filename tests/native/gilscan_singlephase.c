/* A single-phase extension module for gilscan's binary-scan tests. Single-phase modules declare
 * free-threading support by calling PyUnstable_Module_SetGIL, which CPython 3.13's headers declare only
 * when Py_GIL_DISABLED is defined (free-threaded builds, Include/moduleobject.h). The tests build it
 * with -DPy_GIL_DISABLED=1 (a free-threaded ABI module: it calls SetGIL) and without (a GIL-build
 * module: the call is compiled out, exactly as the how-to's "#ifdef Py_GIL_DISABLED" guard does). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#ifndef GILSCAN_MODULE_NAME
#error "define GILSCAN_MODULE_NAME"
#endif
#define GILSCAN_STR2(x) #x
#define GILSCAN_STR(x) GILSCAN_STR2(x)
#define GILSCAN_CAT2(a, b) a##b
#define GILSCAN_CAT(a, b) GILSCAN_CAT2(a, b)

static PyObject *
answer(PyObject *self, PyObject *unused)
{
    /* A temporary object and its Py_DECREF: the inline reference counting is what differs between the
     * GIL build (calls _Py_Dealloc) and the free-threaded build (_Py_MergeZeroLocalRefcount,
     * _Py_DecRefShared), so the binary shows which ABI it was compiled for, as real modules do. */
    PyObject *base = PyLong_FromLong(5);
    if (base == NULL) {
        return NULL;
    }
    long value = PyLong_AsLong(base);
    Py_DECREF(base);
    return PyLong_FromLong(value + 2);
}

static PyMethodDef module_methods[] = {
    {"answer", answer, METH_NOARGS, "Return 7."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    GILSCAN_STR(GILSCAN_MODULE_NAME),
    "gilscan single-phase test module",
    -1,
    module_methods,
};

PyMODINIT_FUNC
GILSCAN_CAT(PyInit_, GILSCAN_MODULE_NAME)(void)
{
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
#if defined(Py_GIL_DISABLED) && !defined(GILSCAN_NO_SETGIL)
    PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED);
#endif
    return module;
}
