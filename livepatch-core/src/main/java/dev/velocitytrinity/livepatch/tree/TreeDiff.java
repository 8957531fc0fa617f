package dev.velocitytrinity.livepatch.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares a local snapshot with a remote one. */
public final class TreeDiff {

  private TreeDiff() {}

  /**
   * The change set that makes {@code remote} look like {@code local}. Remote entries that {@code
   * ignore} matches are left alone, as are remote-only entries unless {@code delete}.
   */
  public static ChangeSet between(
      TreeSnapshot local, TreeSnapshot remote, boolean delete, IgnoreRules ignore) {
    List<String> removals = new ArrayList<>();
    List<TreeEntry> upserts = new ArrayList<>();
    String removedPrefix = null;
    for (Map.Entry<String, TreeEntry> e : remote.entries().entrySet()) {
      String path = e.getKey();
      TreeEntry theirs = e.getValue();
      if (removedPrefix != null && path.startsWith(removedPrefix)) {
        continue; // inside a subtree already removed as a whole
      }
      TreeEntry ours = local.entries().get(path);
      boolean kindChanged = ours != null && ours.kind() != theirs.kind();
      boolean gone = ours == null && delete && !ignored(ignore, theirs);
      if (kindChanged || gone) {
        removals.add(path);
        removedPrefix = theirs.kind() == EntryKind.DIRECTORY ? path + "/" : null;
      }
    }
    for (TreeEntry ours : local.entries().values()) {
      TreeEntry theirs = remote.entries().get(ours.path());
      if (theirs == null
          || theirs.kind() != ours.kind()
          || !ours.sameAs(theirs)
          || insideRemoved(removals, ours.path())) {
        upserts.add(ours);
      }
    }
    return new ChangeSet(removals, upserts, remote.size());
  }

  /**
   * Number of remote paths the set takes away, subtrees counted in full. A path whose kind changes
   * (a file replaced by a directory, say) is not counted itself: it stays, with new content.
   */
  public static int removedEntries(TreeSnapshot remote, ChangeSet changes) {
    Set<String> replaced = new HashSet<>();
    for (TreeEntry e : changes.upserts()) {
      replaced.add(e.path());
    }
    int count = 0;
    for (String path : changes.removals()) {
      count += remote.entries().containsKey(path) && !replaced.contains(path) ? 1 : 0;
      count += remote.entries().subMap(path + "/", path + "/\uffff").size();
    }
    return count;
  }

  private static boolean ignored(IgnoreRules ignore, TreeEntry entry) {
    String path = entry.path();
    String parent = TreePaths.parent(path);
    while (!parent.isEmpty()) {
      if (ignore.ignored(parent, true)) {
        return true;
      }
      parent = TreePaths.parent(parent);
    }
    return ignore.ignored(path, entry.kind() == EntryKind.DIRECTORY);
  }

  private static boolean insideRemoved(List<String> removals, String path) {
    for (String removed : removals) {
      if (path.startsWith(removed + "/")) {
        return true;
      }
    }
    return false;
  }
}
