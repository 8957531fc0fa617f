package dev.velocitytrinity.core.log;

import java.util.Objects;
import org.slf4j.event.Level;

/** What the CLI asked of logging: the threshold and the line format. */
public record LogSettings(Level level, LogFormat format) {

  public LogSettings {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
  }

  /** The default for a command: warnings and errors only, readable text. */
  public static LogSettings quietText() {
    return new LogSettings(Level.WARN, LogFormat.TEXT);
  }
}
