package dev.velocitytrinity.depci.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .gitignore} rules in force in one directory: its parent's rules followed by its own,
 * so the last matching rule wins and deeper files override shallower ones, as in git.
 */
final class IgnoreRules {

  private record Rule(String base, Glob glob, boolean negate, boolean directoryOnly) {}

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  static IgnoreRules none() {
    return new IgnoreRules(List.of());
  }

  /**
   * These rules plus those of a {@code .gitignore} in {@code base} (repo-relative, "" for root).
   */
  IgnoreRules with(String base, List<String> lines) {
    List<Rule> combined = new ArrayList<>(rules);
    for (String raw : lines) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negate = line.startsWith("!");
      if (negate) {
        line = line.substring(1);
      } else if (line.startsWith("\\#") || line.startsWith("\\!")) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (line.isEmpty() || line.equals("/")) {
        continue;
      }
      combined.add(new Rule(base, Glob.of(line), negate, directoryOnly));
    }
    return combined.size() == rules.size() ? this : new IgnoreRules(List.copyOf(combined));
  }

  boolean ignored(String relativePath, boolean directory) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.directoryOnly() && !directory) {
        continue;
      }
      String path;
      if (rule.base().isEmpty()) {
        path = relativePath;
      } else if (relativePath.startsWith(rule.base() + "/")) {
        path = relativePath.substring(rule.base().length() + 1);
      } else {
        continue;
      }
      if (rule.glob().matches(path)) {
        ignored = !rule.negate();
      }
    }
    return ignored;
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && (end < 2 || line.charAt(end - 2) != '\\')) {
      end--;
    }
    return line.substring(0, end);
  }
}
