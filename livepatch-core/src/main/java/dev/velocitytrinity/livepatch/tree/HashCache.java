package dev.velocitytrinity.livepatch.tree;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content hashes remembered by (path, size, mtime), so a rescan only reads files that changed.
 * Thread-safe: the agent shares one per root between calls.
 */
public final class HashCache {

  /** What was hashed, and when the file looked like this. */
  public record Entry(long size, long mtimeMillis, String hash) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public Optional<String> lookup(String path, long size, long mtimeMillis) {
    Entry entry = entries.get(path);
    if (entry != null && entry.size() == size && entry.mtimeMillis() == mtimeMillis) {
      return Optional.of(entry.hash());
    }
    return Optional.empty();
  }

  public void put(String path, long size, long mtimeMillis, String hash) {
    entries.put(path, new Entry(size, mtimeMillis, hash));
  }

  /** Seeds the cache from a snapshot whose file entries carry size, mtime and hash. */
  public void seed(TreeSnapshot snapshot) {
    for (TreeEntry e : snapshot.entries().values()) {
      if (e.kind() == EntryKind.FILE) {
        put(e.path(), e.size(), e.mtimeMillis(), e.contentHash());
      }
    }
  }
}
