package dev.velocitytrinity.livepatch.tree;

import java.util.Objects;

/**
 * One entry of a tree, relative to its root with {@code /} separators.
 *
 * @param mode permission bits ({@code 0777} mask); 0 for symlinks
 * @param contentHash hex xxh3-128 of a file's content; empty for directories and symlinks
 * @param linkTarget a symlink's target as stored; empty otherwise
 */
public record TreeEntry(
    String path,
    EntryKind kind,
    long size,
    int mode,
    long mtimeMillis,
    String contentHash,
    String linkTarget) {

  public TreeEntry {
    TreePaths.check(path);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(linkTarget, "linkTarget");
    if (size < 0) {
      throw new IllegalArgumentException("negative size for " + path);
    }
    mode &= 0777;
  }

  public static TreeEntry file(String path, long size, int mode, long mtimeMillis, String hash) {
    return new TreeEntry(path, EntryKind.FILE, size, mode, mtimeMillis, hash, "");
  }

  public static TreeEntry directory(String path, int mode) {
    return new TreeEntry(path, EntryKind.DIRECTORY, 0, mode, 0, "", "");
  }

  public static TreeEntry symlink(String path, String target) {
    return new TreeEntry(path, EntryKind.SYMLINK, 0, 0, 0, "", target);
  }

  /** Same content, kind, mode and link target: nothing to send. mtime does not count. */
  public boolean sameAs(TreeEntry other) {
    return kind == other.kind
        && size == other.size
        && mode == other.mode
        && contentHash.equals(other.contentHash)
        && linkTarget.equals(other.linkTarget);
  }

  public TreeEntry withPath(String newPath) {
    return new TreeEntry(newPath, kind, size, mode, mtimeMillis, contentHash, linkTarget);
  }

  /** A file the scan left unhashed (see {@link TreeScanner#scan(java.nio.file.Path, boolean)}). */
  public boolean unhashed() {
    return kind == EntryKind.FILE && contentHash.isEmpty();
  }

  public TreeEntry withContentHash(String hash) {
    return new TreeEntry(path, kind, size, mode, mtimeMillis, hash, linkTarget);
  }
}
