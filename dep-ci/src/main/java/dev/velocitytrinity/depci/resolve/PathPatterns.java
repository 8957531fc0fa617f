package dev.velocitytrinity.depci.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * tsconfig-style path mappings ({@code "@app/*": ["src/app/*"]}): a pattern holds at most one
 * {@code *}; an exact pattern beats any wildcard, and among wildcards the longest prefix wins, as
 * in TypeScript.
 *
 * @param base the directory targets are relative to
 */
record PathPatterns(String base, Map<String, List<String>> patterns) {

  PathPatterns {
    Objects.requireNonNull(base, "base");
    patterns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
  }

  /** The pattern that matched and its targets with the wildcard substituted. */
  record Match(String pattern, List<String> candidates) {}

  Optional<Match> match(String specifier) {
    if (patterns.containsKey(specifier) && !specifier.contains("*")) {
      List<String> targets = new ArrayList<>();
      for (String target : patterns.get(specifier)) {
        targets.add(RepoPaths.join(base, target));
      }
      return Optional.of(new Match(specifier, withoutNulls(targets)));
    }
    String best = null;
    int bestPrefix = -1;
    for (String pattern : patterns.keySet()) {
      int star = pattern.indexOf('*');
      if (star < 0) {
        continue;
      }
      String prefix = pattern.substring(0, star);
      String suffix = pattern.substring(star + 1);
      if (specifier.length() >= prefix.length() + suffix.length()
          && specifier.startsWith(prefix)
          && specifier.endsWith(suffix)
          && prefix.length() > bestPrefix) {
        best = pattern;
        bestPrefix = prefix.length();
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int star = best.indexOf('*');
    String captured = specifier.substring(star, specifier.length() - (best.length() - star - 1));
    List<String> targets = new ArrayList<>();
    for (String target : patterns.get(best)) {
      targets.add(RepoPaths.join(base, target.replace("*", captured)));
    }
    return Optional.of(new Match(best, withoutNulls(targets)));
  }

  private static List<String> withoutNulls(List<String> list) {
    return list.stream().filter(Objects::nonNull).toList();
  }
}
