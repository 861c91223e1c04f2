/* A plain shared library with no PyInit_ entry point, like the ctypes-loaded libxgboost.so or
 * lib_lightgbm.so that ship in py3-none-<platform> wheels: it raises no GIL question at all. */
int gilscan_add(int a, int b) { return a + b; }
