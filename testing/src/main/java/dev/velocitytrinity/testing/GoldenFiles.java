package dev.velocitytrinity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden-file checks: one folder per case under a root, discovered automatically. Set the system
 * property {@code golden.update=true} to rewrite expected files from actual output (then review the
 * diff before committing).
 */
public final class GoldenFiles {

  private GoldenFiles() {}

  /** The case folders directly under {@code root}, sorted by name. */
  public static List<Path> cases(Path root) {
    try (Stream<Path> children = Files.list(root)) {
      List<Path> cases = children.filter(Files::isDirectory).sorted().toList();
      assertThat(cases).as("golden cases under %s", root).isNotEmpty();
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list golden cases in " + root, e);
    }
  }

  /** Asserts {@code actual} equals the content of {@code expectedFile}. */
  public static void assertMatches(Path expectedFile, String actual) {
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(expectedFile).as("golden file").exists();
      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
      assertThat(actual).as("output compared with %s", expectedFile).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
