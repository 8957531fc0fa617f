package dev.velocitytrinity.core.log;

import java.util.Objects;
import java.util.function.ToIntFunction;
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
 * @param searchFrom a cheap look at the lower-cased text: -1 when the pattern cannot match, else
 *     the earliest index a match could start at. Most log lines hold no secret, so most skip the
 *     regex entirely; the others skip the part of the line before the first clue.
 */
public record SecretPattern(
    String kind,
    Pattern pattern,
    int keepPrefixGroup,
    int keepSuffixGroup,
    ToIntFunction<String> searchFrom) {

  public SecretPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(searchFrom, "searchFrom");
    if (keepPrefixGroup < 0 || keepSuffixGroup < 0) {
      throw new IllegalArgumentException("group numbers must not be negative");
    }
  }

  /** Replaces every match in {@code text}; returns {@code text} itself when nothing matched. */
  String redact(String text, String lowerCaseText) {
    int from = searchFrom.applyAsInt(lowerCaseText);
    if (from < 0) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    // Lower-casing can change the length of some non-ASCII text; then the index is not usable.
    if (!m.find(lowerCaseText.length() == text.length() ? from : 0)) {
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
