package dev.velocitytrinity.testing;

/** What one run of a CLI produced. */
public record CliResult(int exitCode, String out, String err) {

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }
}
