/* A stable-ABI (Py_LIMITED_API = 3.13) multi-phase module with {Py_mod_gil, Py_MOD_GIL_NOT_USED}: the
 * slot is in the limited API from 3.13, yet a free-threaded 3.13t/3.14t interpreter cannot load any
 * abi3 module (Include/Python.h refuses Py_LIMITED_API with Py_GIL_DISABLED). The audit must report it
 * as unusable on those targets whatever its slot says. */
#define Py_LIMITED_API 0x030D0000
#include <Python.h>

static PyObject *
answer(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(3);
}

static PyMethodDef module_methods[] = {
    {"answer", answer, METH_NOARGS, "Return 3."},
    {NULL, NULL, 0, NULL},
};

static int
module_exec(PyObject *module)
{
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "gilscan_limited",
    "gilscan abi3 test module",
    0,
    module_methods,
    module_slots,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit_gilscan_limited(void)
{
    return PyModuleDef_Init(&module_def);
}
