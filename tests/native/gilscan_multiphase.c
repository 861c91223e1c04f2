/* A multi-phase (PEP 489) extension module for gilscan's binary-scan tests.
 * Built three ways by the tests:
 *   -DGILSCAN_GIL_SLOT=1  -> {Py_mod_gil, Py_MOD_GIL_NOT_USED}: declares it runs without the GIL
 *   -DGILSCAN_GIL_SLOT=0  -> {Py_mod_gil, Py_MOD_GIL_USED}: explicit "needs the GIL" (what Cython and
 *                            PyO3 write when a module is not opted in)
 *   (undefined)           -> no gil slot at all: the default, which also means "needs the GIL"
 * GILSCAN_MODULE_NAME gives the module's name so one source yields several distinct modules. */
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
    PyObject *base = PyLong_FromLong(40);
    if (base == NULL) {
        return NULL;
    }
    long value = PyLong_AsLong(base);
    Py_DECREF(base);
    return PyLong_FromLong(value + 2);
}

static PyMethodDef module_methods[] = {
    {"answer", answer, METH_NOARGS, "Return 42."},
    {NULL, NULL, 0, NULL},
};

static int
module_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "built_with_gil_slot",
#ifdef GILSCAN_GIL_SLOT
                                   1
#else
                                   0
#endif
    );
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#ifdef GILSCAN_GIL_SLOT
#if GILSCAN_GIL_SLOT
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#else
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    GILSCAN_STR(GILSCAN_MODULE_NAME),
    "gilscan multi-phase test module",
    0,
    module_methods,
    module_slots,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
GILSCAN_CAT(PyInit_, GILSCAN_MODULE_NAME)(void)
{
    return PyModuleDef_Init(&module_def);
}
