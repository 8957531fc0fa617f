package dev.velocitytrinity.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts the text of a setting (from YAML, an env var or a flag) to its Java type. */
final class ValueConverter {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private ValueConverter() {}

  static boolean isLeafType(Class<?> type) {
    return type.isPrimitive()
        || type == String.class
        || type == Integer.class
        || type == Long.class
        || type == Boolean.class
        || type == Double.class
        || type == Duration.class
        || type == Path.class
        || type == Secret.class
        || type == List.class
        || type.isEnum();
  }

  static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == double.class || type == Double.class) {
      return "number";
    }
    if (type == Duration.class) {
      return "duration";
    }
    if (type == Path.class) {
      return "path";
    }
    if (type == Secret.class) {
      return "secret";
    }
    if (type == List.class) {
      return "list of strings";
    }
    if (type.isEnum()) {
      return "one of "
          + String.join(
              ", ",
              Arrays.stream(type.getEnumConstants())
                  .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                  .toList());
    }
    return "string";
  }

  /** Converts one scalar. Throws {@link IllegalArgumentException} with a message for people. */
  static Object convert(String raw, Class<?> type) {
    String text = raw.trim();
    if (type == String.class) {
      return raw;
    }
    if (type == Secret.class) {
      return Secret.of(raw);
    }
    if (type == int.class || type == Integer.class) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected an integer");
      }
    }
    if (type == long.class || type == Long.class) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected an integer");
      }
    }
    if (type == double.class || type == Double.class) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number");
      }
    }
    if (type == boolean.class || type == Boolean.class) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> Boolean.TRUE;
        case "false", "no", "off", "0" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("expected true or false");
      };
    }
    if (type == Duration.class) {
      return parseDuration(text);
    }
    if (type == Path.class) {
      if (text.isEmpty() || text.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("expected a path");
      }
      return Path.of(text);
    }
    if (type == List.class) {
      return text.isEmpty()
          ? List.of()
          : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        if (((Enum<?>) constant).name().equalsIgnoreCase(text.replace('-', '_'))) {
          return constant;
        }
      }
      throw new IllegalArgumentException("expected " + describe(type));
    }
    throw new IllegalStateException("unsupported setting type " + type.getName());
  }

  /** Accepts {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} and ISO-8601. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h");
    }
  }

  /** How a value is shown to people (secrets masked, durations compact). */
  static String display(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Duration d) {
      return formatDuration(d);
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(value); // Secret.toString() is the mask
  }

  private static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
