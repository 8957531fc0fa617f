package dev.velocitytrinity.livepatch.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeSetStageTest {

  @TempDir Path temp;
  private AgentRoot root;

  @BeforeEach
  void open() throws IOException {
    root = AgentRoot.open(temp.resolve("root"));
    Files.writeString(root.path().resolve("a.txt"), "old a");
    Files.writeString(root.path().resolve("gone.txt"), "old gone");
  }

  @Test
  void apply_filesDirsAndRemovals_replacesAndKeepsPreviousVersions() throws Exception {
    try (ChangeSetStage stage = new ChangeSetStage(root, Limits.defaults(), "set1")) {
      stage.addFile("a.txt", staged(stage, "new a"), 0755, 1_000_000L);
      stage.addDirectory("dir", 0755);
      stage.addFile("dir/b.txt", staged(stage, "b"), 0644, 1_000_000L);
      stage.addSymlink("link", "dir/b.txt");
      stage.addRemoval("gone.txt");

      stage.apply();
    }

    assertThat(root.path().resolve("a.txt")).hasContent("new a").isExecutable();
    assertThat(root.path().resolve("dir/b.txt")).hasContent("b");
    assertThat(Files.readSymbolicLink(root.path().resolve("link"))).isEqualTo(Path.of("dir/b.txt"));
    assertThat(root.path().resolve("gone.txt")).doesNotExist();
    Path history = root.path().resolve(".livepatch-agent/history/set1");
    assertThat(history.resolve("journal.tsv")).content().contains("remove\tgone.txt");
    assertThat(Files.list(history).filter(p -> p.getFileName().toString().startsWith("prev-")))
        .hasSize(2);
  }

  @Test
  void apply_folderSwappedForOutsideSymlinkAfterItsFilesArrived_isRefused() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createDirectories(root.path().resolve("src"));
    try (ChangeSetStage stage = new ChangeSetStage(root, Limits.defaults(), "set3")) {
      stage.addFile("src/one.txt", staged(stage, "1"), 0644, 1_000_000L);
      stage.addFile("src/two.txt", staged(stage, "2"), 0644, 1_000_000L); // src checked once
      // Someone else replaces the checked folder while the set is still open.
      Files.delete(root.path().resolve("src"));
      Files.createSymbolicLink(root.path().resolve("src"), outside);

      assertThatThrownBy(stage::apply)
          .isInstanceOf(ChangeRejectedException.class)
          .hasMessageContaining("outside the root");
    }

    assertThat(outside).isEmptyDirectory();
    assertThat(root.path().resolve("a.txt")).hasContent("old a");
  }

  @Test
  void apply_failureMidway_leavesTreeExactlyAsItWas() throws Exception {
    try (ChangeSetStage stage = new ChangeSetStage(root, Limits.defaults(), "set2")) {
      stage.addFile("a.txt", staged(stage, "new a"), 0644, 1_000_000L);
      stage.addRemoval("gone.txt");
      Path second = staged(stage, "zzz");
      stage.addFile("z.txt", second, 0644, 1_000_000L);
      Files.delete(second); // the last rename will fail

      assertThatThrownBy(stage::apply).isInstanceOf(IOException.class);
    }

    assertThat(root.path().resolve("a.txt")).hasContent("old a");
    assertThat(root.path().resolve("gone.txt")).hasContent("old gone");
    assertThat(root.path().resolve("z.txt")).doesNotExist();
    assertThat(root.path().resolve(".livepatch-agent/staging/set2")).doesNotExist();
  }

  @Test
  void checkDeclaredSize_overLimit_isRejected() throws IOException {
    try (ChangeSetStage stage = new ChangeSetStage(root, new Limits(10, 100, 10), "set3")) {
      assertThatThrownBy(() -> stage.checkDeclaredSize("big.bin", 11))
          .isInstanceOf(ChangeRejectedException.class)
          .hasMessageContaining("limit");
    }
  }

  @Test
  void countBytes_overChangeSetLimit_isRejected() throws IOException {
    try (ChangeSetStage stage = new ChangeSetStage(root, new Limits(10, 15, 10), "set4")) {
      assertThatThrownBy(
              () -> {
                stage.countBytes("a", 10);
                stage.countBytes("b", 10);
              })
          .isInstanceOf(ChangeRejectedException.class)
          .hasMessageContaining("change set exceeds");
    }
  }

  @Test
  void pruneHistory_beyondKeep_dropsOldestSets() throws Exception {
    for (String id : new String[] {"s1", "s2", "s3"}) {
      try (ChangeSetStage stage = new ChangeSetStage(root, Limits.defaults(), id)) {
        stage.addFile(id + ".txt", staged(stage, id), 0644, 1_000_000L);
        stage.apply();
      }
    }

    ChangeSetStage.pruneHistory(root, 2);

    assertThat(root.path().resolve(".livepatch-agent/history/s1")).doesNotExist();
    assertThat(root.path().resolve(".livepatch-agent/history/s3")).exists();
  }

  private static Path staged(ChangeSetStage stage, String content) throws IOException {
    Path file = stage.newStagedFile();
    Files.writeString(file, content);
    return file;
  }
}
