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
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.matches("^[A-Za-z]:.*")) {
      throw new UnsafePathException("path must be relative: " + printable(path));
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new UnsafePathException("path has an empty, '.' or '..' segment: " + printable(path));
      }
    }
    return path;
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
