package dev.velocitytrinity.core.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the jar this JVM was started from has been rebuilt or removed since: a daemon whose jar
 * changed under it would load its next classes from a different build, so it exits instead.
 */
public final class JarWatch implements BooleanSupplier {

  private final Path jar;
  private final String seen;

  private JarWatch(Path jar) {
    this.jar = jar;
    this.seen = stamp(jar);
  }

  /** Watches the first entry of the class path (the jar of {@code java -jar}). */
  public static JarWatch ofClassPath() {
    return new JarWatch(
        Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]));
  }

  @Override
  public boolean getAsBoolean() {
    return !stamp(jar).equals(seen);
  }

  private static String stamp(Path jar) {
    try {
      return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }
}
