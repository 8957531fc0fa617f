package dev.velocitytrinity.livepatch.tree;

import java.util.List;

/**
 * What turns a remote tree into the local one: paths to remove (the topmost of each removed
 * subtree, children before parents never needed) and entries to create or update, in path order so
 * directories come before their contents.
 */
public record ChangeSet(List<String> removals, List<TreeEntry> upserts, int remoteSize) {

  public ChangeSet {
    removals = List.copyOf(removals);
    upserts = List.copyOf(upserts);
  }

  public boolean isEmpty() {
    return removals.isEmpty() && upserts.isEmpty();
  }

  /** Share of the remote tree's entries this set removes, 0 for an empty remote tree. */
  public double removedShare(int removedEntries) {
    return remoteSize == 0 ? 0 : (double) removedEntries / remoteSize;
  }
}
