package dev.velocitytrinity.livepatch.tree;

/** Rules for relative tree paths, the same on both ends of the wire. */
public final class TreePaths {

  /** The agent's own state directory at the top of its root; never synced. */
  public static final String RESERVED = ".livepatch-agent";

  private TreePaths() {}

  /**
   * Returns {@code path} if it is a clean relative path: non-empty, {@code /}-separated, no NUL, no
   * backslash, not absolute, no empty, {@code .} or {@code ..} segments.
   */
  public static String check(String path) {
    if (path == null || path.isEmpty()) {
      throw new UnsafePathException("empty path");
    }
    if (path.indexOf('\0') >= 0) {
      throw new UnsafePathException("path contains a NUL byte: " + printable(path));
    }
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || isDriveLetter(path)) {
      throw new UnsafePathException("path must be relative: " + printable(path));
    }
    // Checked for every entry of every scan, record and manifest: no regex, no split.
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if (length == 0
          || (length == 1 && path.charAt(start) == '.')
          || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        throw new UnsafePathException("path has an empty, '.' or '..' segment: " + printable(path));
      }
      start = end + 1;
    }
    return path;
  }

  /** {@code C:...}: absolute on Windows. */
  private static boolean isDriveLetter(String path) {
    if (path.length() < 2 || path.charAt(1) != ':') {
      return false;
    }
    char c = path.charAt(0);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Whether {@code path} is the reserved state directory or inside it. */
  public static boolean reserved(String path) {
    return path.equals(RESERVED) || path.startsWith(RESERVED + "/");
  }

  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static String printable(String path) {
    return path.replace("\0", "\\0");
  }
}
