package dev.velocitytrinity.depci.parse;

/**
 * The JNI half of {@link NativeRuntime}, implemented in {@code src/main/native/runtime_loader.c}
 * and linked into the optimised runtime library: callable only once that library is loaded.
 */
final class NativeLinker {

  private NativeLinker() {}

  /** Re-opens the loaded library with global scope: {@code null} on success, else the reason. */
  static native String promote(String file);

  /** The file that defines {@code symbol} in the process's global scope, or {@code null}. */
  static native String definingLibrary(String symbol);
}
