package dev.velocitytrinity.core.config;

import java.util.Objects;

/**
 * A secret value (a token, a password). It prints as {@code ****} everywhere: in {@code
 * toString()}, in {@code config show} and in error messages. Only {@link #reveal()} hands the value
 * to the code that needs it.
 */
public final class Secret {

  public static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself: pass it to a client library, never to a log or a message. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
