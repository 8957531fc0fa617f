package dev.velocitytrinity.livepatch.tree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/** A tree at one moment: entries by path, in path order. */
public record TreeSnapshot(SortedMap<String, TreeEntry> entries) {

  public TreeSnapshot {
    entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  public static TreeSnapshot of(Collection<TreeEntry> entries) {
    SortedMap<String, TreeEntry> map = new TreeMap<>();
    for (TreeEntry entry : entries) {
      map.put(entry.path(), entry);
    }
    return new TreeSnapshot(map);
  }

  public static TreeSnapshot empty() {
    return new TreeSnapshot(new TreeMap<>());
  }

  /**
   * This tree after removing {@code removals} (each with its whole subtree), then putting {@code
   * upserts}: what a change set leaves behind when nobody else writes meanwhile.
   */
  public TreeSnapshot withChanges(Collection<String> removals, Collection<TreeEntry> upserts) {
    SortedMap<String, TreeEntry> changed = new TreeMap<>(entries);
    for (String path : removals) {
      changed.remove(path);
      changed.subMap(path + "/", path + "/\uffff").clear();
    }
    for (TreeEntry e : upserts) {
      changed.put(e.path(), e);
    }
    return new TreeSnapshot(changed);
  }

  public int size() {
    return entries.size();
  }

  public long totalBytes() {
    return entries.values().stream().mapToLong(TreeEntry::size).sum();
  }

  /**
   * SHA-256 over every entry's path, kind, mode, content hash and link target, in path order; both
   * ends compute it the same way, so equal hashes mean equal trees (mtimes aside).
   */
  public byte[] treeHash() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (TreeEntry e : entries.values()) {
      String line =
          e.path()
              + '\0'
              + e.kind()
              + '\0'
              + Integer.toOctalString(e.mode())
              + '\0'
              + e.size()
              + '\0'
              + e.contentHash()
              + '\0'
              + e.linkTarget()
              + '\n';
      digest.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return digest.digest();
  }

  public String treeHashHex() {
    return HexFormat.of().formatHex(treeHash());
  }
}
