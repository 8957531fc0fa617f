package dev.velocitytrinity.livepatch.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeDiffTest {

  private static TreeEntry file(String path, String hash) {
    return TreeEntry.file(path, hash.length(), 0644, 1, hash);
  }

  @Test
  void between_changedAddedAndMissing_listsUpsertsAndRemovalsOnlyWithDelete() {
    TreeSnapshot local =
        TreeSnapshot.of(List.of(file("a", "aa"), file("b", "b2"), file("new", "nn")));
    TreeSnapshot remote =
        TreeSnapshot.of(List.of(file("a", "aa"), file("b", "b1"), file("old", "oo")));

    ChangeSet keep = TreeDiff.between(local, remote, false, IgnoreRules.none());
    ChangeSet delete = TreeDiff.between(local, remote, true, IgnoreRules.none());

    assertThat(keep.upserts()).extracting(TreeEntry::path).containsExactly("b", "new");
    assertThat(keep.removals()).isEmpty();
    assertThat(delete.removals()).containsExactly("old");
  }

  @Test
  void between_removedDirectory_removesOnlyItsTop() {
    TreeSnapshot remote =
        TreeSnapshot.of(
            List.of(TreeEntry.directory("d", 0755), file("d/x", "xx"), file("d/y", "yy")));

    ChangeSet changes = TreeDiff.between(TreeSnapshot.empty(), remote, true, IgnoreRules.none());

    assertThat(changes.removals()).containsExactly("d");
    assertThat(TreeDiff.removedEntries(remote, changes)).isEqualTo(3);
  }

  @Test
  void between_removedFolderWithASiblingSortingInsideIt_removesEachPathOnce() {
    // "a-b" sorts between "a" and "a/x": the folder's contents are not visited contiguously.
    TreeSnapshot remote =
        TreeSnapshot.of(
            List.of(TreeEntry.directory("a", 0755), file("a-b", "ab"), file("a/x", "xx")));

    ChangeSet changes = TreeDiff.between(TreeSnapshot.empty(), remote, true, IgnoreRules.none());

    assertThat(changes.removals()).containsExactly("a", "a-b");
    assertThat(TreeDiff.removedEntries(remote, changes)).isEqualTo(3);
  }

  @Test
  void between_ignoredRemoteEntries_areNeverDeleted() {
    TreeSnapshot remote =
        TreeSnapshot.of(
            List.of(TreeEntry.directory("node_modules", 0755), file("node_modules/x", "x")));

    ChangeSet changes =
        TreeDiff.between(
            TreeSnapshot.empty(), remote, true, IgnoreRules.of(List.of("node_modules/")));

    assertThat(changes.removals()).isEmpty();
  }

  @Test
  void between_kindChanged_removesThenRecreates() {
    TreeSnapshot local = TreeSnapshot.of(List.of(TreeEntry.directory("x", 0755)));
    TreeSnapshot remote = TreeSnapshot.of(List.of(file("x", "xx")));

    ChangeSet changes = TreeDiff.between(local, remote, false, IgnoreRules.none());

    assertThat(changes.removals()).containsExactly("x");
    assertThat(changes.upserts()).extracting(TreeEntry::kind).containsExactly(EntryKind.DIRECTORY);
  }

  @Test
  void removedEntries_kindChange_countsOnlyWhatDisappears() {
    TreeSnapshot remote =
        TreeSnapshot.of(
            List.of(
                file("f", "ff"),
                TreeEntry.directory("d", 0755),
                file("d/x", "xx"),
                file("d/y", "yy")));
    // f becomes a directory with a file in it; d becomes a file.
    TreeSnapshot local =
        TreeSnapshot.of(
            List.of(TreeEntry.directory("f", 0755), file("f/new", "nn"), file("d", "dd")));

    ChangeSet changes = TreeDiff.between(local, remote, true, IgnoreRules.none());

    assertThat(changes.removals()).containsExactly("d", "f");
    assertThat(TreeDiff.removedEntries(remote, changes)).isEqualTo(2); // d/x and d/y
  }

  @Test
  void treeHash_sameEntriesDifferentMtime_isEqual() {
    TreeSnapshot one = TreeSnapshot.of(List.of(TreeEntry.file("a", 2, 0644, 1, "aa")));
    TreeSnapshot two = TreeSnapshot.of(List.of(TreeEntry.file("a", 2, 0644, 999, "aa")));
    TreeSnapshot three = TreeSnapshot.of(List.of(TreeEntry.file("a", 2, 0755, 1, "aa")));

    assertThat(one.treeHashHex()).isEqualTo(two.treeHashHex()).isNotEqualTo(three.treeHashHex());
  }
}
