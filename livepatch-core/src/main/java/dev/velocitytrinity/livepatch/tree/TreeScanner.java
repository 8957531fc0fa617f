package dev.velocitytrinity.livepatch.tree;

import com.dynatrace.hash4j.hashing.HashStream128;
import dev.velocitytrinity.livepatch.delta.StrongHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Walks a directory without following symlinks and snapshots it, hashing only files whose size or
 * mtime changed since the {@link HashCache} saw them.
 */
public final class TreeScanner {

  private final IgnoreRules rules;
  private final HashCache cache;
  private final Executor hashers;

  /** A scanner that hashes on the calling thread. */
  public TreeScanner(IgnoreRules rules, HashCache cache) {
    this(rules, cache, Runnable::run);
  }

  /**
   * A scanner that hashes changed files on {@code hashers} while the walk goes on, so a first scan
   * of a large tree uses every core.
   */
  public TreeScanner(IgnoreRules rules, HashCache cache, Executor hashers) {
    this.rules = rules;
    this.cache = cache;
    this.hashers = hashers;
  }

  /** A file whose hash is being computed. */
  private record Pending(
      int index, String path, long size, int mode, long mtime, CompletableFuture<String> hash) {}

  /** Snapshots {@code root}; a missing root is an empty tree. */
  public TreeSnapshot scan(Path root) throws IOException {
    return scan(root, true);
  }

  /**
   * Snapshots {@code root}; with {@code hashChanged} false, files the cache does not know are left
   * unhashed ({@link TreeEntry#unhashed}) for the caller to hash only where it needs to.
   */
  public TreeSnapshot scan(Path root, boolean hashChanged) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return TreeSnapshot.empty();
    }
    List<TreeEntry> entries = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    walk(root, "", posix, hashChanged, entries, pending);
    return complete(entries, pending);
  }

  /**
   * Hashes the entries of {@code scanned}, a snapshot of {@code root} from {@link #scan(Path,
   * boolean)}, that are {@link TreeEntry#unhashed} and {@code needed}; the others stay as they are.
   */
  public TreeSnapshot hashWhere(TreeSnapshot scanned, Path root, Predicate<TreeEntry> needed)
      throws IOException {
    List<TreeEntry> entries = new ArrayList<>(scanned.entries().values());
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      TreeEntry e = entries.get(i);
      if (e.unhashed() && needed.test(e)) {
        Path file = root.resolve(e.path());
        pending.add(
            new Pending(
                i,
                e.path(),
                e.size(),
                e.mode(),
                e.mtimeMillis(),
                CompletableFuture.supplyAsync(() -> hashUnchecked(file), hashers)));
      }
    }
    return pending.isEmpty() ? scanned : complete(entries, pending);
  }

  /** Waits for the pending hashes, records them in the cache and puts them in their entries. */
  private TreeSnapshot complete(List<TreeEntry> entries, List<Pending> pending) throws IOException {
    for (Pending p : pending) {
      String hash;
      try {
        hash = p.hash().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException io) {
          throw io.getCause();
        }
        throw e;
      }
      cache.put(p.path(), p.size(), p.mtime(), hash);
      entries.set(p.index(), TreeEntry.file(p.path(), p.size(), p.mode(), p.mtime(), hash));
    }
    return TreeSnapshot.of(entries);
  }

  /**
   * Visits {@code dir}'s children depth-first without following symlinks. One {@code stat} per
   * entry: {@link Files#walkFileTree} hands out attributes without the permissions, so the mode
   * would cost a second one (and the agent scans its whole tree twice per sync).
   */
  private void walk(
      Path dir,
      String dirPath,
      boolean posix,
      boolean hashChanged,
      List<TreeEntry> entries,
      List<Pending> pending)
      throws IOException {
    List<Path> children = new ArrayList<>();
    List<BasicFileAttributes> attributes = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      // Where the platform offers it (Linux, macOS), each entry is stat'ed relative to the open
      // directory (fstatat): one name to look up instead of the whole path again, which was a
      // third of a 20,000-file scan.
      SecureDirectoryStream<Path> secure =
          stream instanceof SecureDirectoryStream<Path> s ? s : null;
      for (Path child : stream) {
        BasicFileAttributes attrs = attributes(secure, child, posix);
        if (attrs != null) {
          children.add(child);
          attributes.add(attrs);
        }
      }
    } catch (NoSuchFileException e) {
      if (dirPath.isEmpty()) {
        throw e;
      }
      return; // deleted while we walked
    }
    for (int i = 0; i < children.size(); i++) {
      Path child = children.get(i);
      BasicFileAttributes attrs = attributes.get(i);
      String name = child.getFileName().toString();
      String path = dirPath.isEmpty() ? name : dirPath + "/" + name;
      if (attrs.isDirectory()) {
        if (!rules.ignored(path, true)) {
          entries.add(TreeEntry.directory(path, mode(child, attrs)));
          walk(child, path, posix, hashChanged, entries, pending);
        }
      } else if (rules.ignored(path, false)) {
        continue;
      } else if (attrs.isSymbolicLink()) {
        entries.add(TreeEntry.symlink(path, Files.readSymbolicLink(child).toString()));
      } else if (attrs.isRegularFile()) {
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        int mode = mode(child, attrs);
        String hash = cache.lookup(path, size, mtime).orElse(null);
        if (hash == null && !hashChanged) {
          entries.add(TreeEntry.file(path, size, mode, mtime, ""));
        } else if (hash == null) {
          pending.add(
              new Pending(
                  entries.size(),
                  path,
                  size,
                  mode,
                  mtime,
                  CompletableFuture.supplyAsync(() -> hashUnchecked(child), hashers)));
          entries.add(null); // filled in by scan, in walk order
        } else {
          entries.add(TreeEntry.file(path, size, mode, mtime, hash));
        }
      }
      // Sockets, fifos and devices are not synced.
    }
  }

  /** The entry's own attributes (a symlink's, not its target's); null if it is already gone. */
  private static BasicFileAttributes attributes(
      SecureDirectoryStream<Path> dir, Path child, boolean posix) throws IOException {
    Class<? extends BasicFileAttributeView> view =
        posix ? PosixFileAttributeView.class : BasicFileAttributeView.class;
    try {
      if (dir != null) {
        return dir.getFileAttributeView(child.getFileName(), view, LinkOption.NOFOLLOW_LINKS)
            .readAttributes();
      }
      return Files.getFileAttributeView(child, view, LinkOption.NOFOLLOW_LINKS).readAttributes();
    } catch (NoSuchFileException e) {
      return null; // deleted while we walked
    }
  }

  private static String hashUnchecked(Path file) {
    try {
      return hash(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hex xxh3-128 of a file's content. */
  public static String hash(Path file) throws IOException {
    HashStream128 stream = StrongHash.stream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        stream.putBytes(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(StrongHash.bytes(stream));
  }

  /** Permission bits of a file, 0644/0755 style; non-POSIX file systems report 0644 or 0755. */
  public static int mode(Path path) throws IOException {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.isExecutable(path) ? 0755 : 0644;
    }
    return mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * The mode from attributes the walk already read: on POSIX file systems they carry the
   * permissions, which saves a second {@code stat} per entry (two scans of every entry per sync on
   * the agent).
   */
  private static int mode(Path path, BasicFileAttributes attrs) throws IOException {
    if (attrs instanceof PosixFileAttributes posix) {
      return mode(posix.permissions());
    }
    return mode(path);
  }

  private static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  /** The inverse of {@link #mode}. */
  public static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        perms.add(p);
      }
    }
    return perms;
  }
}
