package dev.velocitytrinity.core.log;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Removes secrets and personal data from text before it is written anywhere. Immutable and
 * thread-safe; {@link #withExactValues} returns a copy that also removes values the loaded config
 * marks as secret, whatever they look like.
 */
public final class SecretScrubber {

  /** Exact values shorter than this are not scrubbed: they would erase ordinary words. */
  public static final int MIN_EXACT_VALUE_LENGTH = 4;

  private final Supplier<List<SecretPattern>> patterns;
  private final List<String> exactValues;

  public SecretScrubber(List<SecretPattern> patterns, Collection<String> exactValues) {
    this(fixed(List.copyOf(patterns)), exactValues);
  }

  private SecretScrubber(Supplier<List<SecretPattern>> patterns, Collection<String> exactValues) {
    this.patterns = patterns;
    // Longest first, so a secret that contains another is removed whole.
    this.exactValues =
        exactValues.stream()
            .filter(Objects::nonNull)
            .filter(v -> v.length() >= MIN_EXACT_VALUE_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** A scrubber with the built-in patterns and no exact values. */
  public static SecretScrubber withDefaults() {
    return new SecretScrubber(BuiltIn::patterns, List.of());
  }

  private static Supplier<List<SecretPattern>> fixed(List<SecretPattern> patterns) {
    return () -> patterns;
  }

  /**
   * The built-in patterns, compiled when the first text is scrubbed rather than at every start:
   * most runs print no error and log nothing (~10 ms of a CLI's start-up).
   */
  private static final class BuiltIn {
    private static final List<SecretPattern> PATTERNS = SecretPatterns.defaults();

    static List<SecretPattern> patterns() {
      return PATTERNS;
    }
  }

  /** A copy that also removes each of {@code values} wherever it occurs. */
  public SecretScrubber withExactValues(Collection<String> values) {
    var all = new java.util.ArrayList<>(exactValues);
    all.addAll(values);
    return new SecretScrubber(patterns, all);
  }

  /** The replacement text for a secret of the given kind. */
  public static String marker(String kind) {
    return "<redacted:" + kind + ">";
  }

  /** Returns {@code text} with every secret replaced by a marker naming its kind. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String value : exactValues) {
      if (result.contains(value)) {
        result = result.replace(value, marker("configured-secret"));
      }
    }
    String lower = result.toLowerCase(Locale.ROOT);
    for (SecretPattern pattern : patterns.get()) {
      String next = pattern.redact(result, lower);
      if (next != result) {
        result = next;
        lower = result.toLowerCase(Locale.ROOT);
      }
    }
    return result;
  }
}
