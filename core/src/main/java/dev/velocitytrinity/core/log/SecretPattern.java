package dev.velocitytrinity.core.log;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of secret and how to find it. When {@code keepGroup} is positive, the text matched by
 * that group (a key such as {@code password=} or a URL's user part) is kept and only the rest of
 * the match is replaced, so the surrounding text stays readable.
 *
 * @param kind short name shown in the replacement, e.g. {@code github-token}
 * @param pattern what to find
 * @param keepPrefixGroup group whose text is kept before the replacement, or 0
 * @param keepSuffixGroup group whose text is kept after the replacement, or 0
 * @param mayMatch a cheap test on the lower-cased text that is true whenever the pattern could
 *     match; it lets most lines skip the regex (most log lines hold no secret at all)
 */
public record SecretPattern(
    String kind,
    Pattern pattern,
    int keepPrefixGroup,
    int keepSuffixGroup,
    Predicate<String> mayMatch) {

  public SecretPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(mayMatch, "mayMatch");
    if (keepPrefixGroup < 0 || keepSuffixGroup < 0) {
      throw new IllegalArgumentException("group numbers must not be negative");
    }
  }

  /** Replaces every match in {@code text}; returns {@code text} itself when nothing matched. */
  String redact(String text, String lowerCaseText) {
    if (!mayMatch.test(lowerCaseText)) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      out.append(text, last, m.start());
      if (keepPrefixGroup > 0 && m.group(keepPrefixGroup) != null) {
        out.append(m.group(keepPrefixGroup));
      }
      out.append(SecretScrubber.marker(kind));
      if (keepSuffixGroup > 0 && m.group(keepSuffixGroup) != null) {
        out.append(m.group(keepSuffixGroup));
      }
      last = m.end();
    } while (m.find());
    out.append(text, last, text.length());
    return out.toString();
  }
}
