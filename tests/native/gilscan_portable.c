/* A multi-phase extension module written without Python.h, for building real PE, Mach-O and
 * 32-bit/big-endian ELF test binaries with clang and lld where no CPython headers for those targets
 * exist here. The declarations below restate, for 64-bit and 32-bit targets, the CPython 3.13 layouts
 * the scan depends on (Include/object.h, Include/moduleobject.h, Include/methodobject.h):
 *   default build:       PyObject = {Py_ssize_t ob_refcnt; PyTypeObject *ob_type;}
 *   free-threaded build: PyObject = {uintptr_t ob_tid; uint16_t ob_flags; uint8_t ob_mutex;
 *                                    uint8_t ob_gc_bits; uint32_t ob_ref_local;
 *                                    Py_ssize_t ob_ref_shared; PyTypeObject *ob_type;}
 *   PyModuleDef_Slot = {int slot; void *value;}, Py_mod_exec = 2, Py_mod_gil = 4, NOT_USED = (void *)1.
 * Macros: GILSCAN_MODULE_NAME (required), GILSCAN_FREE_THREADED (free-threaded layout and the
 * free-threaded-only refcount imports), GILSCAN_GIL_SLOT=0|1 (add a Py_mod_gil slot). */
#include <stddef.h>
#include <stdint.h>

#ifndef GILSCAN_MODULE_NAME
#error "define GILSCAN_MODULE_NAME"
#endif
#define GILSCAN_STR2(x) #x
#define GILSCAN_STR(x) GILSCAN_STR2(x)
#define GILSCAN_CAT2(a, b) a##b
#define GILSCAN_CAT(a, b) GILSCAN_CAT2(a, b)

#if defined(_WIN32)
#define GILSCAN_EXPORT __declspec(dllexport)
#define GILSCAN_IMPORT __declspec(dllimport)
#else
#define GILSCAN_EXPORT __attribute__((visibility("default")))
#define GILSCAN_IMPORT
#endif

typedef intptr_t Py_ssize_t;
typedef struct gilscan_object PyObject;
#ifdef GILSCAN_FREE_THREADED
struct gilscan_object {
    uintptr_t ob_tid;
    uint16_t ob_flags;
    uint8_t ob_mutex;
    uint8_t ob_gc_bits;
    uint32_t ob_ref_local;
    Py_ssize_t ob_ref_shared;
    void *ob_type;
};
#define GILSCAN_OBJECT_HEAD_INIT {0, 0, 0, 0, UINT32_MAX, 0, NULL}
#else
struct gilscan_object {
    Py_ssize_t ob_refcnt;
    void *ob_type;
};
#define GILSCAN_OBJECT_HEAD_INIT {(Py_ssize_t)UINT32_MAX, NULL}
#endif

typedef struct {
    PyObject ob_base;
    PyObject *(*m_init)(void);
    Py_ssize_t m_index;
    PyObject *m_copy;
} PyModuleDef_Base;

typedef struct {
    int slot;
    void *value;
} PyModuleDef_Slot;

typedef struct {
    const char *ml_name;
    PyObject *(*ml_meth)(PyObject *, PyObject *);
    int ml_flags;
    const char *ml_doc;
} PyMethodDef;

typedef struct {
    PyModuleDef_Base m_base;
    const char *m_name;
    const char *m_doc;
    Py_ssize_t m_size;
    PyMethodDef *m_methods;
    PyModuleDef_Slot *m_slots;
    void *m_traverse;
    void *m_clear;
    void *m_free;
} PyModuleDef;

GILSCAN_IMPORT PyObject *PyModuleDef_Init(PyModuleDef *);
GILSCAN_IMPORT PyObject *PyLong_FromLong(long);
GILSCAN_IMPORT long PyLong_AsLong(PyObject *);
#ifdef GILSCAN_FREE_THREADED
GILSCAN_IMPORT void _Py_MergeZeroLocalRefcount(PyObject *);
GILSCAN_IMPORT void _Py_DecRefShared(PyObject *);
#else
GILSCAN_IMPORT void _Py_Dealloc(PyObject *);
#endif

/* What the inline Py_DECREF of each build calls (simplified; never run). */
static void
gilscan_decref(PyObject *op)
{
#ifdef GILSCAN_FREE_THREADED
    if (op->ob_tid != 0) {
        if (--op->ob_ref_local == 0) {
            _Py_MergeZeroLocalRefcount(op);
        }
    }
    else {
        _Py_DecRefShared(op);
    }
#else
    if (--op->ob_refcnt == 0) {
        _Py_Dealloc(op);
    }
#endif
}

static PyObject *
answer(PyObject *self, PyObject *unused)
{
    PyObject *base = PyLong_FromLong(40);
    long value = PyLong_AsLong(base);
    gilscan_decref(base);
    return PyLong_FromLong(value + 2);
}

static int
module_exec(PyObject *module)
{
    return 0;
}

static PyMethodDef module_methods[] = {
    {"answer", answer, 0x0004 /* METH_NOARGS */, "Return 42."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot module_slots[] = {
    {2 /* Py_mod_exec */, (void *)module_exec},
#ifdef GILSCAN_GIL_SLOT
    {4 /* Py_mod_gil */, (void *)(uintptr_t)GILSCAN_GIL_SLOT},
#endif
    {0, NULL},
};

static PyModuleDef module_def = {
    {GILSCAN_OBJECT_HEAD_INIT, NULL, 0, NULL},
    GILSCAN_STR(GILSCAN_MODULE_NAME),
    "gilscan portable test module",
    0,
    module_methods,
    module_slots,
    NULL,
    NULL,
    NULL,
};

GILSCAN_EXPORT PyObject *
GILSCAN_CAT(PyInit_, GILSCAN_MODULE_NAME)(void)
{
    return PyModuleDef_Init(&module_def);
}
