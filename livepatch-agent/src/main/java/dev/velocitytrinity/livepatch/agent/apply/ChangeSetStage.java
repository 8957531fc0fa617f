package dev.velocitytrinity.livepatch.agent.apply;

import dev.velocitytrinity.core.io.AtomicFiles;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change set being received: new content is written and fsynced under the root's staging
 * directory; {@link #apply} then renames it into place file by file, keeping every replaced or
 * removed entry under {@code .livepatch-agent/history/<id>} so the set can be undone. If any step
 * fails, the steps already done are undone in reverse and the tree is as it was.
 */
public final class ChangeSetStage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeSetStage.class);

  /** What happened to one path. */
  public record Result(String path, boolean removed, long bytes) {}

  private sealed interface Op permits Put, MakeDir, Remove {
    String path();
  }

  private record Put(
      String path,
      Path staged,
      int mode,
      long mtimeMillis,
      long size,
      boolean link,
      Future<?> flushed)
      implements Op {}

  private record MakeDir(String path, int mode) implements Op {}

  private record Remove(String path) implements Op {}

  private interface Undo {
    void run() throws IOException;
  }

  private final AgentRoot root;
  private final Limits limits;
  private final String id;
  private final Path stagingDir;
  private final List<Remove> removals = new ArrayList<>();
  private final List<Op> upserts = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();
  private long bytes;
  private int counter;

  public ChangeSetStage(AgentRoot root, Limits limits, String id) throws IOException {
    this.root = root;
    this.limits = limits;
    this.id = id;
    this.stagingDir = Files.createDirectories(root.stagingDir().resolve(id));
  }

  public String id() {
    return id;
  }

  public int size() {
    return removals.size() + upserts.size();
  }

  /** A fresh file in the staging directory to write new content into. */
  public Path newStagedFile() {
    return stagingDir.resolve(Integer.toString(counter++));
  }

  /** Checks a file's declared size against the limits before any byte is written. */
  public void checkDeclaredSize(String path, long size) throws ChangeRejectedException {
    if (size > limits.maxFileSize()) {
      throw new ChangeRejectedException(
          path + " is " + size + " bytes; the agent's limit is " + limits.maxFileSize());
    }
  }

  /** Counts bytes written into staging against the change-set limit. */
  public void countBytes(String path, long written) throws ChangeRejectedException {
    bytes += written;
    if (bytes > limits.maxChangeSetSize()) {
      throw new ChangeRejectedException(
          "change set exceeds the agent's limit of "
              + limits.maxChangeSetSize()
              + " bytes at "
              + path);
    }
  }

  /** Adds a fully written, verified staged file and sets its mode and mtime. */
  public void addFile(String path, Path staged, int mode, long mtimeMillis)
      throws ChangeRejectedException, IOException {
    register(path);
    setMode(staged, mode);
    Files.setLastModifiedTime(staged, FileTime.fromMillis(mtimeMillis));
    long size = Files.size(staged);
    if (size > limits.maxFileSize()) {
      throw new ChangeRejectedException(path + " exceeds the agent's file size limit");
    }
    // Flushed now, in the background, so the device writes this file while later ones arrive;
    // apply() still waits for every flush before its first rename.
    upserts.add(new Put(path, staged, mode, mtimeMillis, size, false, flush(staged)));
  }

  public void addSymlink(String path, String target) throws ChangeRejectedException, IOException {
    root.checkLinkTarget(path, target);
    register(path);
    Path staged = newStagedFile();
    Files.createSymbolicLink(staged, Path.of(target));
    upserts.add(new Put(path, staged, 0, 0, 0, true, null));
  }

  public void addDirectory(String path, int mode) throws ChangeRejectedException {
    register(path);
    upserts.add(new MakeDir(path, mode));
  }

  public void addRemoval(String path) throws ChangeRejectedException {
    root.resolve(path);
    if (!paths.add("-" + path)) {
      throw new ChangeRejectedException("path removed twice in one change set: " + path);
    }
    removals.add(new Remove(path));
    checkEntries();
  }

  private void register(String path) throws ChangeRejectedException {
    root.resolve(path);
    if (!paths.add(path)) {
      throw new ChangeRejectedException("path sent twice in one change set: " + path);
    }
    checkEntries();
  }

  private void checkEntries() throws ChangeRejectedException {
    if (size() + 1 > limits.maxEntries()) {
      throw new ChangeRejectedException(
          "change set has more than the agent's limit of " + limits.maxEntries() + " entries");
    }
  }

  /**
   * Applies the set: removals first, then directories, files and symlinks in path order. Returns
   * per-path results. On failure, undoes what was done and throws.
   */
  public List<Result> apply() throws ChangeRejectedException, IOException {
    Path history = Files.createDirectories(root.historyDir().resolve(id));
    Deque<Undo> undo = new ArrayDeque<>();
    List<Result> results = new ArrayList<>();
    Set<Path> touchedDirs = new LinkedHashSet<>();
    List<Op> ordered = new ArrayList<>(removals);
    List<Op> sorted = new ArrayList<>(upserts);
    sorted.sort(Comparator.comparing(Op::path));
    ordered.addAll(sorted);
    int saved = 0;
    fsyncStaged();
    try {
      for (Op op : ordered) {
        Path target = root.resolve(op.path());
        touchedDirs.add(target.getParent());
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        boolean isDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (op instanceof Remove r) {
          if (exists) {
            Path keep = history.resolve("prev-" + saved++);
            move(target, keep);
            undo.push(() -> move(keep, target));
          }
          results.add(new Result(r.path(), true, 0));
        } else if (op instanceof MakeDir d) {
          if (isDir) {
            int old = TreeScanner.mode(target);
            setMode(target, d.mode());
            undo.push(() -> setMode(target, old));
          } else {
            if (exists) {
              Path keep = history.resolve("prev-" + saved++);
              move(target, keep);
              undo.push(() -> move(keep, target));
            }
            Files.createDirectory(target);
            undo.push(() -> Files.deleteIfExists(target));
            setMode(target, d.mode());
          }
          results.add(new Result(d.path(), false, 0));
        } else if (op instanceof Put p) {
          if (isDir) {
            Path keep = history.resolve("prev-" + saved++);
            move(target, keep);
            undo.push(() -> move(keep, target));
          } else if (exists) {
            Path keep = history.resolve("prev-" + saved++);
            keepCopy(target, keep);
            undo.push(() -> move(keep, target));
          } else {
            undo.push(() -> Files.deleteIfExists(target));
          }
          move(p.staged(), target);
          results.add(new Result(p.path(), false, p.size()));
        }
      }
    } catch (IOException | ChangeRejectedException | RuntimeException e) {
      rollback(undo, history);
      throw e;
    }
    for (Path dir : touchedDirs) {
      fsync(dir);
    }
    writeJournal(history, ordered);
    return results;
  }

  /** Starts flushing one staged file on the I/O threads. */
  private Future<?> flush(Path staged) {
    return root.ioExecutor()
        .submit(
            () -> {
              try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                channel.force(true);
              }
              return null;
            });
  }

  /**
   * Waits until every staged file is on disk, before the first rename. Each file's flush started
   * when it was added, so most of the device's work overlapped receiving the rest of the set.
   */
  private void fsyncStaged() throws IOException {
    try {
      for (Op op : upserts) {
        if (op instanceof Put p && p.flushed() != null) {
          p.flushed().get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while flushing the change set", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    fsync(stagingDir);
  }

  private void rollback(Deque<Undo> undo, Path history) throws IOException {
    IOException failure = null;
    while (!undo.isEmpty()) {
      try {
        undo.pop().run();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IOException(
          "change set failed and could not be fully undone; previous versions are in " + history,
          failure);
    }
    deleteTree(history);
  }

  private void writeJournal(Path history, List<Op> ordered) throws IOException {
    StringBuilder journal = new StringBuilder();
    for (Op op : ordered) {
      String kind;
      if (op instanceof Remove) {
        kind = "remove";
      } else if (op instanceof MakeDir) {
        kind = "mkdir";
      } else {
        kind = ((Put) op).link() ? "symlink" : "write";
      }
      journal.append(kind).append('\t').append(op.path()).append('\n');
    }
    AtomicFiles.writeString(history.resolve("journal.tsv"), journal.toString());
  }

  /** Drops history beyond the newest {@code keep} change sets. */
  public static void pruneHistory(AgentRoot root, int keep) throws IOException {
    List<Path> sets;
    try (Stream<Path> list = Files.list(root.historyDir())) {
      sets = list.sorted(Comparator.reverseOrder()).toList();
    }
    for (int i = keep; i < sets.size(); i++) {
      deleteTree(sets.get(i));
    }
  }

  @Override
  public void close() {
    for (Op op : upserts) {
      if (op instanceof Put p && p.flushed() != null) {
        p.flushed().cancel(false);
      }
    }
    try {
      deleteTree(stagingDir);
    } catch (IOException e) {
      LOG.warn("could not clean staging directory {}: {}", stagingDir, e.getMessage());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Keeps the current version without ever leaving the target missing: a hard link, or a copy. */
  private static void keepCopy(Path target, Path keep) throws IOException {
    try {
      Files.createLink(keep, target);
    } catch (UnsupportedOperationException | FileAlreadyExistsException | SecurityException e) {
      Files.copy(target, keep, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      Files.copy(target, keep, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  private static void setMode(Path path, int mode) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, TreeScanner.permissions(mode));
    }
  }

  private static void fsync(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform can fsync a directory; the renames stand.
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
