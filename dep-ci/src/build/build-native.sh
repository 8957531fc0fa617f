#!/bin/sh
# Builds tree-sitter's C runtime with optimisation (plus dep-ci's loader shim) into
#   OUT/linux-<arch>/libvt-tree-sitter.so
# The io.github.bonede binding's own runtime is compiled without optimisation and parses about
# 3x slower; dep-ci puts this build in front of it at start-up (see NativeRuntime.java). Linux only:
# macOS binds a library's calls to its own symbols (two-level namespace), Windows has no PLT
# interposition, and there the binding's runtime is used as it is.
# Optional by design: with no C compiler or no sources the build goes on and dep-ci uses the
# binding's runtime (correct, slower); the reason is printed.
#   usage: build-native.sh RUNTIME_SRC SHIM_SRC OUT JAVA_HOME
set -eu
src=$1
shim=$2
out=$3
java_home=$4

say() { echo "dep-ci native runtime: $*"; }

[ "$(uname -s)" = Linux ] || { say "skipped on $(uname -s) (Linux only)"; exit 0; }
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) say "skipped on $(uname -m)"; exit 0 ;;
esac
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { say "skipped: no C compiler ($cc); dep-ci parses with the binding's slower runtime"; exit 0; }
[ -f "$src/src/lib.c" ] || { say "skipped: tree-sitter sources missing under $src (download failed?)"; exit 0; }
[ -f "$java_home/include/jni.h" ] || { say "skipped: no JNI headers under $java_home/include"; exit 0; }

dir=$out/linux-$arch
lib=$dir/libvt-tree-sitter.so
if [ -f "$lib" ] && [ "$lib" -nt "$src/src/lib.c" ] && [ "$lib" -nt "$shim/runtime_loader.c" ] \
  && [ "$lib" -nt "$0" ]; then
  exit 0 # up to date
fi
mkdir -p "$dir"
tmp=$lib.$$.tmp
# Flags as tree-sitter's own Makefile builds the library, at -O2.
"$cc" -O2 -fPIC -shared -std=c11 -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE \
  -I"$src/include" -I"$src/src" -I"$src/src/wasm" -I"$java_home/include" -I"$java_home/include/linux" \
  "$src/src/lib.c" "$shim/runtime_loader.c" -ldl -o "$tmp" || {
  rm -f "$tmp"
  say "WARNING: $cc failed (output above); dep-ci parses with the binding's slower runtime"
  exit 0
}
mv -f "$tmp" "$lib"
say "built $lib"
