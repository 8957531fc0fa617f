/*
 * dep-ci's half of the optimised tree-sitter runtime: linked into the same shared library as
 * tree-sitter's C runtime (built with -O2 by src/build/build-native.sh).
 *
 * The io.github.bonede binding ships the runtime compiled without optimisation. Its JNI library
 * calls every ts_* function through the PLT, so once this library's symbols are in the process's
 * global scope, the binding's library (loaded afterwards) binds those calls here instead. Java's
 * System.load opens libraries with local scope; promote() re-opens this one with RTLD_GLOBAL.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>

/* Re-opens the already loaded library at `path` with global scope; NULL on success, else why not. */
JNIEXPORT jstring JNICALL Java_dev_velocitytrinity_depci_parse_NativeLinker_promote(
    JNIEnv *env, jclass cls, jstring path) {
  (void) cls;
  const char *file = (*env)->GetStringUTFChars(env, path, NULL);
  if (file == NULL) {
    return NULL; /* OutOfMemoryError pending */
  }
  void *handle = dlopen(file, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
  (*env)->ReleaseStringUTFChars(env, path, file);
  if (handle == NULL) {
    const char *error = dlerror();
    return (*env)->NewStringUTF(env, error != NULL ? error : "dlopen failed");
  }
  return NULL; /* the handle stays open for the life of the process, on purpose */
}

/* The file that defines `symbol` for a library loaded now; NULL when none does. */
JNIEXPORT jstring JNICALL Java_dev_velocitytrinity_depci_parse_NativeLinker_definingLibrary(
    JNIEnv *env, jclass cls, jstring symbol) {
  (void) cls;
  const char *name = (*env)->GetStringUTFChars(env, symbol, NULL);
  if (name == NULL) {
    return NULL;
  }
  void *address = dlsym(RTLD_DEFAULT, name);
  (*env)->ReleaseStringUTFChars(env, symbol, name);
  Dl_info info;
  if (address == NULL || dladdr(address, &info) == 0 || info.dli_fname == NULL) {
    return NULL;
  }
  return (*env)->NewStringUTF(env, info.dli_fname);
}
