package dev.velocitytrinity.livepatch.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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
    Set<String> removed = new HashSet<>();
    List<TreeEntry> upserts = new ArrayList<>();
    // Both snapshots are in path order: one merged pass pairs each path's two sides, instead of a
    // tree lookup per path and side (a fifth of a 20,000-file sync's own work). A folder sorts
    // before everything inside it, so whether a path lies in a removed folder is known on reaching
    // it: one look-up per ancestor.
    Iterator<TreeEntry> localIt = local.entries().values().iterator();
    Iterator<TreeEntry> remoteIt = remote.entries().values().iterator();
    TreeEntry nextLocal = next(localIt);
    TreeEntry nextRemote = next(remoteIt);
    while (nextLocal != null || nextRemote != null) {
      int order =
          nextLocal == null
              ? 1
              : nextRemote == null ? -1 : nextLocal.path().compareTo(nextRemote.path());
      TreeEntry ours = order <= 0 ? nextLocal : null;
      TreeEntry theirs = order >= 0 ? nextRemote : null;
      // A remote entry inside a removed folder goes with it.
      if (theirs != null && !insideRemoved(removed, theirs.path())) {
        boolean kindChanged = ours != null && ours.kind() != theirs.kind();
        boolean gone = ours == null && delete && !ignored(ignore, theirs);
        if (kindChanged || gone) {
          removals.add(theirs.path());
          removed.add(theirs.path());
        }
      }
      if (ours != null
          && (theirs == null
              || theirs.kind() != ours.kind()
              || !ours.sameAs(theirs)
              || insideRemoved(removed, ours.path()))) {
        upserts.add(ours);
      }
      if (order <= 0) {
        nextLocal = next(localIt);
      }
      if (order >= 0) {
        nextRemote = next(remoteIt);
      }
    }
    return new ChangeSet(removals, upserts, remote.size());
  }

  private static TreeEntry next(Iterator<TreeEntry> it) {
    return it.hasNext() ? it.next() : null;
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

  private static boolean insideRemoved(Set<String> removed, String path) {
    if (removed.isEmpty()) {
      return false;
    }
    for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
      if (removed.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
