package dev.velocitytrinity.depci.resolve;

/** Operations on repository-relative, {@code /}-separated paths ({@code ""} is the root). */
final class RepoPaths {

  private RepoPaths() {}

  /** The directory of a file path; {@code ""} for a top-level file. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * {@code dir} joined with {@code relative}, with {@code .} and {@code ..} folded; null when the
   * result would leave the repository.
   */
  static String join(String dir, String relative) {
    String joined = dir.isEmpty() ? relative : dir + "/" + relative;
    return normalize(joined);
  }

  static String normalize(String path) {
    String[] parts = path.split("/");
    String[] out = new String[parts.length];
    int n = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (n == 0) {
          return null;
        }
        n--;
      } else {
        out[n++] = part;
      }
    }
    return String.join("/", java.util.Arrays.asList(out).subList(0, n));
  }

  /** Whether {@code path} is {@code dir} or inside it. */
  static boolean isWithin(String path, String dir) {
    return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }
}
