package dev.velocitytrinity.livepatch.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ignore patterns in the {@code .gitignore} dialect ({@code *}, {@code **}, {@code ?}, {@code
 * [...]}, {@code !} negation, trailing {@code /} for directories, a leading or inner {@code /}
 * anchors at the root); the last matching rule wins. {@code .dockerignore} patterns are always
 * anchored at the root, as Docker reads them. {@code .git} and the agent's state directory are
 * always ignored.
 */
public final class IgnoreRules {

  /** The files read from the top of the synced directory, in order. */
  public static final List<String> FILES =
      List.of(".gitignore", ".dockerignore", ".livepatchignore");

  private record Rule(Pattern pattern, boolean negate, boolean directoryOnly) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /** Rules from the ignore files at the top of {@code root}, those that exist. */
  public static IgnoreRules load(Path root) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (String name : FILES) {
      Path file = root.resolve(name);
      if (Files.isRegularFile(file)) {
        boolean anchorAll = name.equals(".dockerignore");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          parse(line, anchorAll).ifPresent(rules::add);
        }
      }
    }
    return new IgnoreRules(rules);
  }

  /** Rules from pattern lines, gitignore dialect. */
  public static IgnoreRules of(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String line : lines) {
      parse(line, false).ifPresent(rules::add);
    }
    return new IgnoreRules(rules);
  }

  public boolean ignored(String path, boolean directory) {
    if (path.equals(".git") || path.startsWith(".git/") || TreePaths.reserved(path)) {
      return true;
    }
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.directoryOnly() && !directory) {
        continue;
      }
      if (rule.pattern().matcher(path).matches()) {
        ignored = !rule.negate();
      }
    }
    return ignored;
  }

  private static java.util.Optional<Rule> parse(String raw, boolean anchorAll) {
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return java.util.Optional.empty();
    }
    boolean negate = line.startsWith("!");
    if (negate) {
      line = line.substring(1);
    }
    boolean directoryOnly = line.endsWith("/");
    while (line.endsWith("/") && line.length() > 1) {
      line = line.substring(0, line.length() - 1);
    }
    boolean anchored = anchorAll || line.contains("/");
    while (line.startsWith("/")) {
      line = line.substring(1);
    }
    if (line.startsWith("./")) {
      line = line.substring(2);
    }
    if (line.isEmpty()) {
      return java.util.Optional.empty();
    }
    String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
    return java.util.Optional.of(new Rule(Pattern.compile(regex), negate, directoryOnly));
  }

  private static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        sb.append("(?:.*/)?");
        i += 3;
      } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
        sb.append("/.*");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        sb.append(".*");
        i += 2;
      } else if (c == '*') {
        sb.append("[^/]*");
        i++;
      } else if (c == '?') {
        sb.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 1);
        if (close < 0) {
          sb.append("\\[");
          i++;
        } else {
          String body = glob.substring(i + 1, close);
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          sb.append('[').append(body.replace("\\", "\\\\")).append(']');
          i = close + 1;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        sb.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return sb.toString();
  }
}
