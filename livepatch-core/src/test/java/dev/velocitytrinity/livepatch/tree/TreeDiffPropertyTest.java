package dev.velocitytrinity.livepatch.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random pairs of trees whose names sort around the path separator ("a", "a-b", "a.c", "a/x"),
 * the change set turns the remote tree into the local one, and never touches more than it must.
 */
class TreeDiffPropertyTest {

  /** What a sync compares of an entry (its mtime aside). */
  record Shape(EntryKind kind, long size, int mode, String contentHash, String linkTarget) {
    static Shape of(TreeEntry e) {
      return new Shape(e.kind(), e.size(), e.mode(), e.contentHash(), e.linkTarget());
    }
  }

  @Property(tries = 500)
  void between_withDelete_appliedToRemote_givesLocal(
      @ForAll("trees") TreeSnapshot local, @ForAll("trees") TreeSnapshot remote) {
    ChangeSet changes = TreeDiff.between(local, remote, true, IgnoreRules.none());

    TreeSnapshot result = remote.withChanges(changes.removals(), changes.upserts());

    assertThat(shapes(result)).isEqualTo(shapes(local));
    assertThat(new HashSet<>(changes.removals())).hasSameSizeAs(changes.removals());
    for (String removal : changes.removals()) {
      assertThat(remote.entries()).containsKey(removal);
      String parent = TreePaths.parent(removal);
      for (; !parent.isEmpty(); parent = TreePaths.parent(parent)) {
        assertThat(changes.removals()).doesNotContain(parent);
      }
    }
  }

  @Property(tries = 500)
  void between_withoutDelete_keepsRemoteOnlyEntries_andSendsOnlyWhatDiffers(
      @ForAll("trees") TreeSnapshot local, @ForAll("trees") TreeSnapshot remote) {
    ChangeSet changes = TreeDiff.between(local, remote, false, IgnoreRules.none());

    TreeSnapshot result = remote.withChanges(changes.removals(), changes.upserts());

    Map<String, Shape> expected = shapes(local);
    Set<String> removed = new HashSet<>(changes.removals());
    for (Map.Entry<String, TreeEntry> e : remote.entries().entrySet()) {
      if (!local.entries().containsKey(e.getKey()) && !insideAny(removed, e.getKey())) {
        expected.put(e.getKey(), Shape.of(e.getValue()));
      }
    }
    assertThat(shapes(result)).isEqualTo(expected);
    for (String removal : changes.removals()) {
      assertThat(local.entries().get(removal).kind())
          .isNotEqualTo(remote.entries().get(removal).kind());
    }
    for (TreeEntry upsert : changes.upserts()) {
      TreeEntry theirs = remote.entries().get(upsert.path());
      assertThat(theirs == null || !upsert.sameAs(theirs) || insideAny(removed, upsert.path()))
          .as("needless upsert of %s", upsert.path())
          .isTrue();
    }
  }

  private static boolean insideAny(Set<String> removed, String path) {
    for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
      if (removed.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Shape> shapes(TreeSnapshot tree) {
    Map<String, Shape> shapes = new TreeMap<>();
    tree.entries().forEach((path, e) -> shapes.put(path, Shape.of(e)));
    return shapes;
  }

  @Provide
  Arbitrary<TreeSnapshot> trees() {
    Arbitrary<String> segment = Arbitraries.of("a", "a-b", "a.c", "b", "a0");
    Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
    Arbitrary<String> content = Arbitraries.of("h1", "h2");
    Arbitrary<Object[]> leaf =
        Combinators.combine(path, kind, content).as((p, k, c) -> new Object[] {p, k, c});
    return leaf.list().ofMaxSize(12).map(TreeDiffPropertyTest::tree);
  }

  /** A consistent tree: every entry's parents are folders (a later leaf never overrides one). */
  private static TreeSnapshot tree(List<Object[]> leaves) {
    Map<String, TreeEntry> entries = new TreeMap<>();
    for (Object[] leaf : leaves) {
      String path = (String) leaf[0];
      List<String> parents = new ArrayList<>();
      for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
        parents.add(p);
      }
      boolean blocked =
          parents.stream()
              .anyMatch(
                  p -> entries.containsKey(p) && entries.get(p).kind() != EntryKind.DIRECTORY);
      if (blocked || entries.containsKey(path)) {
        continue;
      }
      parents.forEach(p -> entries.put(p, TreeEntry.directory(p, 0755)));
      String content = (String) leaf[2];
      entries.put(
          path,
          switch ((Integer) leaf[1]) {
            case 0 -> TreeEntry.file(path, content.length(), 0644, 1, content);
            case 1 -> TreeEntry.symlink(path, content);
            default -> TreeEntry.directory(path, 0755);
          });
    }
    return TreeSnapshot.of(entries.values());
  }
}
