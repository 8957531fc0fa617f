package dev.velocitytrinity.quantum.sim;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A build time as typed: {@code 10m}, {@code 90s±10%}, {@code 10m+-20%}. */
public record BuildTime(Duration mean, double spread) {

  private static final Pattern FORMAT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)(?:(?:±|\\+-|\\+/-)(\\d+(?:\\.\\d+)?)%)?");

  public BuildTime {
    if (mean.isNegative() || mean.isZero()) {
      throw new IllegalArgumentException("build time must be positive");
    }
    if (spread < 0 || spread >= 1) {
      throw new IllegalArgumentException("build time spread must be below 100%");
    }
  }

  public static BuildTime parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid build time '" + text + "': expected MEAN[±SPREAD%], e.g. 10m±20% or 90s");
    }
    double value = Double.parseDouble(m.group(1));
    double millis =
        switch (m.group(2)) {
          case "ms" -> value;
          case "s" -> value * 1_000;
          case "m" -> value * 60_000;
          default -> value * 3_600_000;
        };
    double spread = m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 100;
    return new BuildTime(Duration.ofMillis(Math.round(millis)), spread);
  }

  @Override
  public String toString() {
    String mean =
        mean().toMillis() % 60_000 == 0
            ? mean().toMinutes() + "m"
            : mean().toMillis() % 1000 == 0 ? mean().toSeconds() + "s" : mean().toMillis() + "ms";
    return spread == 0 ? mean : mean + "±" + Math.round(spread * 100) + "%";
  }
}
