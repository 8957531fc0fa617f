package dev.velocitytrinity.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for mistyped keys: the closest known key by edit distance, if close enough. */
final class Suggestions {

  private Suggestions() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    int limit = Math.max(2, typed.length() / 3);
    return known.stream()
        .map(k -> new Object[] {k, distance(typed.toLowerCase(), k.toLowerCase())})
        .filter(p -> (int) p[1] <= limit)
        .min(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
        .map(p -> (String) p[0]);
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
