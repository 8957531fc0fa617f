package dev.velocitytrinity.depci.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import dev.velocitytrinity.testing.GoldenFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One golden case per resolution rule, under {@code src/test/resources/golden/<case>/}: an {@code
 * input/} tree, {@code args.txt} (the command line, one argument per line), {@code expected.json}
 * (stdout) and optionally {@code exit-code.txt}. A file named {@code _gitignore} in an input tree
 * becomes {@code .gitignore}, so the fixture does not hide itself from the project's own git. Each
 * case runs twice, cold and from the cache, and both runs must print the expected output.
 */
class GoldenGraphTest {

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> golden_everyCase_matchesExpectedColdAndWarm() {
    // The source folder, not the copy on the classpath, so -Dgolden.update=true rewrites the
    // checked-in files; surefire runs in the module directory.
    Path root = Path.of("src", "test", "resources", "golden");
    return GoldenFiles.cases(root).stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> runCase(dir)));
  }

  private void runCase(Path caseDir) throws IOException {
    Path repo = temp.resolve(caseDir.getFileName().toString());
    copyTree(caseDir.resolve("input"), repo);
    String[] args =
        Files.readAllLines(caseDir.resolve("args.txt"), StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .toArray(String[]::new);
    Path exitFile = caseDir.resolve("exit-code.txt");
    int expectedExit =
        Files.exists(exitFile) ? Integer.parseInt(Files.readString(exitFile).strip()) : 0;
    CliHarness cli = CliHarness.of(DepCiCli::run, repo);

    CliResult cold = cli.run(args);
    CliResult warm = cli.run(args);

    assertThat(cold.exitCode()).as("%s", cold).isEqualTo(expectedExit);
    assertThat(cold.err()).as("stderr").isEmpty();
    assertThat(repo.resolve(".dep-ci/cache/imports-v1.bin")).as("cache written").exists();
    GoldenFiles.assertMatches(caseDir.resolve("expected.json"), cold.out());
    assertThat(warm.out()).as("second run, served from the cache").isEqualTo(cold.out());
    assertThat(warm.exitCode()).isEqualTo(expectedExit);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path rel = from.relativize(file);
      String name = rel.getFileName().toString();
      Path target = to.resolve(rel).resolveSibling(name.equals("_gitignore") ? ".gitignore" : name);
      Files.createDirectories(target.getParent());
      try {
        Files.copy(file, target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
