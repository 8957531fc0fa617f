package dev.velocitytrinity.depci.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.depci.cli.DepCiCli;
import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze --since} against a real git repository made with the git executable. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GitSinceIT {

  @TempDir Path root;

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
  }

  @BeforeEach
  void repo() throws Exception {
    git("init", "-q");
    write(".gitignore", "ignored/\n");
    write("src/main.ts", "import { a } from './a';\nimport { old } from './old';\n");
    write("src/a.ts", "export const a = 1;\n");
    write("src/old.ts", "export const old = 1;\n");
    write("src/gone.ts", "export const gone = 1;\n");
    write("src/uses-gone.ts", "import { gone } from './gone';\n");
    write("test/main.test.ts", "import '../src/main';\n");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    git("branch", "base");
  }

  @Test
  void since_modifiedTrackedFile_affectsItsImporters() throws Exception {
    write("src/a.ts", "export const a = 2;\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("analyze", "--since", "base");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).isEqualTo("src/main.ts\ntest/main.test.ts\n");
  }

  @Test
  void since_committedStagedAndUntracked_allCount() throws Exception {
    git("checkout", "-q", "-b", "feature");
    write("src/a.ts", "export const a = 3;\n");
    git("commit", "-q", "-am", "change a");
    write("src/new.ts", "export const n = 1;\n");
    write("src/uses-new.ts", "import { n } from './new';\n");
    write("ignored/x.ts", "import '../src/new';\n");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("analyze", "--since", "base");

    assertThat(result.out()).isEqualTo("src/main.ts\ntest/main.test.ts\n");
  }

  @Test
  void since_deletedFile_stillAffectsFormerImporters() throws Exception {
    git("rm", "-q", "src/gone.ts");

    CliResult result = CliHarness.of(DepCiCli::run, root).run("analyze", "--since", "base");

    assertThat(result.out()).isEqualTo("src/uses-gone.ts\n");
  }

  @Test
  void since_renamedFile_countsOldAndNewPaths() throws Exception {
    git("mv", "src/old.ts", "src/renamed.ts");

    ChangedFiles changes = new GitChanges("git").since(root, "base");

    assertThat(changes.changed()).containsExactly("src/renamed.ts");
    assertThat(changes.deleted()).containsExactly("src/old.ts");
    assertThat(CliHarness.of(DepCiCli::run, root).run("analyze", "--since", "base").out())
        .isEqualTo("src/main.ts\ntest/main.test.ts\n");
  }

  @Test
  void since_unknownRef_isUsageError() {
    CliResult result = CliHarness.of(DepCiCli::run, root).run("analyze", "--since", "no-such-ref");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("dep-ci: error: --since no-such-ref: git merge-base failed");
  }

  @Test
  void since_gitMissing_reportsUnavailable() {
    assertThatThrownBy(() -> new GitChanges("/nonexistent/git").since(root, "base"))
        .isInstanceOfSatisfying(GitException.class, e -> assertThat(e.unavailable()).isTrue())
        .hasMessageContaining("is git installed");
  }
}
