package dev.velocitytrinity.livepatch.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {

  @TempDir Path root;

  @Test
  void scan_tree_listsModesLinksAndEmptyDirsWithoutFollowingLinks() throws Exception {
    Files.createDirectories(root.resolve("src/empty"));
    Path run = Files.writeString(root.resolve("src/run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(
        root.resolve("src"), PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("src"));
    Files.writeString(root.resolve("skip.log"), "ignored\n");

    TreeSnapshot snapshot =
        new TreeScanner(IgnoreRules.of(java.util.List.of("*.log")), new HashCache()).scan(root);

    assertThat(snapshot.entries().keySet())
        .containsExactly("link", "src", "src/empty", "src/run.sh");
    assertThat(snapshot.entries().get("src").mode()).isEqualTo(0700);
    assertThat(snapshot.entries().get("src/run.sh").mode()).isEqualTo(0750);
    assertThat(snapshot.entries().get("src/run.sh").contentHash()).isEqualTo(TreeScanner.hash(run));
    assertThat(snapshot.entries().get("link").linkTarget()).isEqualTo("src");
  }

  @Test
  void scan_withoutHashingChanged_leavesOnlyCacheMissesUnhashed() throws Exception {
    Files.writeString(root.resolve("known.txt"), "known");
    Files.writeString(root.resolve("new.txt"), "new");
    HashCache cache = new HashCache();
    TreeSnapshot first = new TreeScanner(IgnoreRules.none(), cache).scan(root);
    Files.writeString(root.resolve("new.txt"), "new, longer");

    TreeSnapshot second = new TreeScanner(IgnoreRules.none(), cache).scan(root, false);

    assertThat(second.entries().get("known.txt").contentHash())
        .isEqualTo(first.entries().get("known.txt").contentHash());
    assertThat(second.entries().get("new.txt").unhashed()).isTrue();
    assertThat(second.entries().get("new.txt").size()).isEqualTo("new, longer".length());
  }

  @Test
  void withChanges_removalAndUpserts_dropsTheSubtreeThenPuts() {
    TreeSnapshot before =
        TreeSnapshot.of(
            java.util.List.of(
                TreeEntry.directory("a", 0755),
                TreeEntry.file("a/x", 1, 0644, 1, "00"),
                TreeEntry.file("ab", 1, 0644, 1, "01")));

    TreeSnapshot after =
        before.withChanges(
            java.util.List.of("a"), java.util.List.of(TreeEntry.file("a", 2, 0600, 2, "02")));

    assertThat(after.entries().keySet()).containsExactly("a", "ab");
    assertThat(after.entries().get("a").contentHash()).isEqualTo("02");
  }
}
