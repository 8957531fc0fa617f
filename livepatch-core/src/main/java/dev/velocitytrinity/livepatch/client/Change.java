package dev.velocitytrinity.livepatch.client;

/** One line of a sync's plan: {@code +} added, {@code ~} modified, {@code -} deleted. */
public record Change(Kind kind, String path) {

  /** What happens to the path. */
  public enum Kind {
    ADDED('+'),
    MODIFIED('~'),
    DELETED('-');

    private final char symbol;

    Kind(char symbol) {
      this.symbol = symbol;
    }

    public char symbol() {
      return symbol;
    }
  }

  @Override
  public String toString() {
    return kind.symbol() + " " + path;
  }
}
