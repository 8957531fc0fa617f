package dev.velocitytrinity.livepatch.client;

import dev.velocitytrinity.livepatch.tree.TreeEntry;
import dev.velocitytrinity.livepatch.tree.TreeSnapshot;
import java.util.List;

/**
 * What the CLI last pushed to one agent destination: the agent's root id, the tree as the agent has
 * it after the push, and that tree's hash (which the agent confirmed).
 */
public record PushRecord(
    String agent,
    String dest,
    String localDir,
    String rootId,
    String treeHash,
    List<TreeEntry> entries) {

  public PushRecord {
    entries = List.copyOf(entries);
  }

  public TreeSnapshot snapshot() {
    return TreeSnapshot.of(entries);
  }
}
