package dev.velocitytrinity.livepatch.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.livepatch.tree.TreePaths;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An agent that dies while renaming a change set into place: the next {@link AgentRoot#open} must
 * leave the tree exactly as it was before the set, and the next set must apply normally.
 */
class CrashRecoveryTest {

  /** Stands for the process dying: an Error, so apply's own rollback never sees it. */
  private static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @TempDir Path temp;

  @ParameterizedTest(name = "dies after {0} of 10 steps")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void open_afterCrashMidCommit_restoresThePreviousTreeByteForByte(int stepsBeforeDeath)
      throws Exception {
    Path dir = temp.resolve("root");
    AgentRoot root = AgentRoot.open(dir);
    Files.writeString(dir.resolve("a.txt"), "old a");
    Files.writeString(dir.resolve("gone.txt"), "old gone");
    Files.createDirectories(dir.resolve("old/deep"));
    Files.writeString(dir.resolve("old/deep/x.txt"), "x");
    Files.writeString(dir.resolve("was-file"), "becomes a directory");
    Files.createDirectories(dir.resolve("was-dir/sub"));
    Files.writeString(dir.resolve("was-dir/sub/y.txt"), "y");
    Files.createDirectories(dir.resolve("kept"));
    Files.setPosixFilePermissions(
        dir.resolve("kept"), PosixFilePermissions.fromString("rwxr-x---"));
    Map<String, String> before = describe(dir);

    ChangeSetStage stage =
        new ChangeSetStage(
            root,
            Limits.defaults(),
            "crash",
            count -> {
              if (count == stepsBeforeDeath) {
                throw new SimulatedCrash();
              }
            });
    // Ten steps, removals first (gone.txt, old, was-file, was-dir), then in path order a replaced
    // file, a mode change, a new directory and a file in it, a file where a directory was and a
    // directory where a file was. Dying after the tenth leaves a fully renamed but uncommitted set.
    stage.addRemoval("gone.txt");
    stage.addRemoval("old");
    stage.addFile("a.txt", staged(stage, "new a"), 0755, 1_000_000L);
    stage.addDirectory("kept", 0700);
    stage.addDirectory("new", 0755);
    stage.addFile("new/b.txt", staged(stage, "b"), 0644, 1_000_000L);
    stage.addDirectory("was-file", 0755);
    stage.addFile("was-dir", staged(stage, "a file now"), 0644, 1_000_000L);
    stage.addRemoval("was-file");
    stage.addRemoval("was-dir");

    assertThatThrownBy(stage::apply).isInstanceOf(SimulatedCrash.class);
    assertThat(Files.exists(dir.resolve(".livepatch-agent/history/crash/pending"))).isTrue();

    AgentRoot reopened = AgentRoot.open(dir);

    assertThat(describe(dir)).isEqualTo(before);
    assertThat(dir.resolve(".livepatch-agent/history/crash")).doesNotExist();
    assertThat(dir.resolve(".livepatch-agent/staging")).isEmptyDirectory();
    try (ChangeSetStage next = new ChangeSetStage(reopened, Limits.defaults(), "next")) {
      next.addFile("a.txt", staged(next, "after recovery"), 0644, 2_000_000L);
      next.addRemoval("old");
      next.apply();
    }
    assertThat(dir.resolve("a.txt")).hasContent("after recovery");
    assertThat(dir.resolve("old")).doesNotExist();
  }

  /** Every entry outside the agent's state: kind, mode, mtime for files, and exact content. */
  private static Map<String, String> describe(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
        String rel = dir.relativize(p).toString();
        if (TreePaths.reserved(rel)) {
          continue;
        }
        String what;
        if (Files.isSymbolicLink(p)) {
          what = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          what = "dir " + Integer.toOctalString(TreeScanner.mode(p));
        } else {
          what =
              "file "
                  + Integer.toOctalString(TreeScanner.mode(p))
                  + " "
                  + Files.getLastModifiedTime(p).toMillis()
                  + " "
                  + Base64.getEncoder().encodeToString(Files.readAllBytes(p));
        }
        entries.put(rel, what);
      }
    }
    return entries;
  }

  private static Path staged(ChangeSetStage stage, String content) throws IOException {
    Path file = stage.newStagedFile();
    Files.writeString(file, content);
    return file;
  }
}
