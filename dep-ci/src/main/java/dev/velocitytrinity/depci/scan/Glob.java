package dev.velocitytrinity.depci.scan;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path glob with gitignore's syntax: {@code *} and {@code ?} stay within one path segment, {@code
 * **} spans segments, {@code [abc]} is a class. A glob without a {@code /} matches a file or
 * directory name at any depth; with one, it matches the path from its base directory.
 */
public record Glob(String text, Pattern regex) {

  public Glob {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(regex, "regex");
  }

  public static Glob of(String text) {
    String glob = text;
    boolean anchored =
        glob.startsWith("/") || glob.substring(0, Math.max(0, glob.length() - 1)).contains("/");
    if (glob.startsWith("/")) {
      glob = glob.substring(1);
    }
    if (glob.endsWith("/")) {
      glob = glob.substring(0, glob.length() - 1);
    }
    String body = toRegex(glob);
    String regex = anchored ? body : "(?:.*/)?" + body;
    return new Glob(text, Pattern.compile(regex));
  }

  /** Whether {@code relativePath} (with {@code /} separators, no leading slash) matches. */
  public boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
  }

  private static String toRegex(String glob) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        if (doubleStar) {
          boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
          if (slashAfter) {
            out.append("(?:.*/)?");
            i += 3;
          } else {
            out.append(".*");
            i += 2;
          }
          continue;
        }
        out.append("[^/]*");
      } else if (c == '?') {
        out.append("[^/]");
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          out.append("\\[");
        } else {
          String set = glob.substring(i + 1, close).replace("\\", "\\\\");
          if (set.startsWith("!")) {
            set = "^" + set.substring(1);
          }
          out.append('[').append(set).append(']');
          i = close;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return out.toString();
  }
}
