package dev.velocitytrinity.core.log;

/** How log lines are written: for people at a terminal, or one JSON object per line. */
public enum LogFormat {
  TEXT,
  JSON
}
