package dev.velocitytrinity.livepatch.agent.apply;

import dev.velocitytrinity.core.io.AtomicFiles;
import dev.velocitytrinity.livepatch.tree.TreePaths;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change set being received: new content is written and fsynced under the root's staging
 * directory; {@link #apply} then renames it into place file by file, keeping every replaced or
 * removed entry under {@code .livepatch-agent/history/<id>} so the set can be undone. If any step
 * fails, the steps already done are undone in reverse and the tree is as it was.
 *
 * <p>Before the first rename, every step and its way back are written to {@code
 * history/<id>/pending} and flushed to disk; the file is removed once the set is applied (or
 * undone). Should the agent die in between, {@link #recover} (run when the root is opened) undoes
 * the half-applied set from that file, so the tree is again exactly as before the set.
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

  /** How apply() carries out one op; decided, with its way back, before the first rename. */
  private enum Action {
    /** Move the existing entry to history (a removal). */
    REMOVE,
    /** Nothing there to remove. */
    REMOVE_ABSENT,
    /** The directory exists: only its mode changes. */
    CHMOD_DIR,
    /** Move what is there to history, then create the directory. */
    DIR_REPLACING,
    DIR_NEW,
    /** Move the directory there to history, then rename the staged entry in. */
    PUT_REPLACING_DIR,
    /** Hard-link (or copy) the file there to history, then rename the staged entry over it. */
    PUT_REPLACING_FILE,
    PUT_NEW
  }

  /**
   * One step. {@code keep} names the previous version in history, {@code staged} the new entry in
   * staging (both empty when there is none), {@code oldMode} an existing directory's mode.
   */
  private record Step(Action action, String path, String keep, String staged, int oldMode) {

    /** Journal form; the path comes last and records end with NUL, which no path contains. */
    String line() {
      return action
          + "\t"
          + keep
          + "\t"
          + staged
          + "\t"
          + Integer.toOctalString(oldMode)
          + "\t"
          + path
          + "\0";
    }

    static Step parse(String line) {
      String[] f = line.split("\t", 5);
      return new Step(Action.valueOf(f[0]), f[4], f[1], f[2], Integer.parseInt(f[3], 8));
    }
  }

  /** Called after each rename into the tree; tests stop there to leave a half-applied set. */
  interface RenameObserver {
    void renamed(int count);
  }

  private static final String PENDING = "pending";

  private final AgentRoot root;
  private final Limits limits;
  private final String id;
  private final Path stagingDir;
  private final List<Remove> removals = new ArrayList<>();
  private final List<Op> upserts = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();

  /** Paths this set puts a directory at (see {@link AgentRoot#resolve(String, Predicate, Set)}). */
  private final Set<String> directories = new HashSet<>();

  /** Parent folders already checked while receiving this set (see {@link #resolve}). */
  private final Set<Path> checkedParents = new HashSet<>();

  private final RenameObserver renames;
  private long bytes;
  private int counter;

  public ChangeSetStage(AgentRoot root, Limits limits, String id) throws IOException {
    this(root, limits, id, count -> {});
  }

  ChangeSetStage(AgentRoot root, Limits limits, String id, RenameObserver renames)
      throws IOException {
    this.root = root;
    this.limits = limits;
    this.id = id;
    this.renames = renames;
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
    directories.add(path);
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

  /**
   * Resolves a path of this set against the root, allowing for the directories the set puts where a
   * file or symlink is now.
   */
  public Path resolve(String path) throws ChangeRejectedException {
    return root.resolve(path, directories::contains, checkedParents);
  }

  private void register(String path) throws ChangeRejectedException {
    resolve(path);
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
    List<Op> ordered = new ArrayList<>(removals);
    List<Op> sorted = new ArrayList<>(upserts);
    sorted.sort(Comparator.comparing(Op::path));
    ordered.addAll(sorted);
    fsyncStaged();
    List<Step> steps = plan(ordered);
    writePending(history, steps);
    List<Result> results = new ArrayList<>();
    Set<Path> touchedDirs = new LinkedHashSet<>();
    int done = 0;
    try {
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        Path target = root.resolve(step.path());
        touchedDirs.add(target.getParent());
        done = i + 1;
        results.add(execute(step, ordered.get(i), target, history));
        renames.renamed(done);
      }
    } catch (IOException | ChangeRejectedException | RuntimeException e) {
      undo(root, steps.subList(0, done), history);
      Files.deleteIfExists(history.resolve(PENDING));
      deleteTree(history);
      throw e;
    }
    for (Path dir : touchedDirs) {
      fsync(dir);
    }
    writeJournal(history, ordered);
    Files.delete(history.resolve(PENDING));
    return results;
  }

  /** What earlier steps of a set leave at a path (see {@link #plan}). */
  private enum Planned {
    GONE,
    /** The directory that was there, mode changed; its old contents stay. */
    KEPT_DIR,
    /** A new, empty directory: the old contents are gone. */
    NEW_DIR,
    /** A new file or symlink. */
    NEW_ENTRY
  }

  /**
   * Decides each op's action from the tree as the ops before it will have left it, so the whole way
   * back can be written down before anything moves.
   */
  private List<Step> plan(List<Op> ordered) throws ChangeRejectedException, IOException {
    Map<String, Planned> planned = new HashMap<>();
    List<Step> steps = new ArrayList<>();
    int saved = 0;
    for (Op op : ordered) {
      String path = op.path();
      Path target = resolve(path);
      Planned state = plannedAt(planned, path);
      boolean exists;
      boolean isDir;
      if (state == null) {
        exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        isDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
      } else {
        exists = state != Planned.GONE;
        isDir = state == Planned.KEPT_DIR || state == Planned.NEW_DIR;
      }
      String keep = exists ? "prev-" + saved : "";
      Step step;
      if (op instanceof Remove) {
        step = new Step(exists ? Action.REMOVE : Action.REMOVE_ABSENT, path, keep, "", 0);
        planned.put(path, Planned.GONE);
      } else if (op instanceof MakeDir) {
        if (isDir) {
          keep = "";
          step = new Step(Action.CHMOD_DIR, path, "", "", TreeScanner.mode(target));
          planned.put(path, Planned.KEPT_DIR);
        } else {
          step = new Step(exists ? Action.DIR_REPLACING : Action.DIR_NEW, path, keep, "", 0);
          planned.put(path, Planned.NEW_DIR);
        }
      } else {
        String staged = ((Put) op).staged().getFileName().toString();
        Action action =
            isDir ? Action.PUT_REPLACING_DIR : exists ? Action.PUT_REPLACING_FILE : Action.PUT_NEW;
        step = new Step(action, path, keep, staged, 0);
        planned.put(path, Planned.NEW_ENTRY);
      }
      if (!keep.isEmpty()) {
        saved++;
      }
      steps.add(step);
    }
    return steps;
  }

  /** The planned state at {@code path}, or null when the tree on disk decides. */
  private static Planned plannedAt(Map<String, Planned> planned, String path) {
    Planned own = planned.get(path);
    if (own != null) {
      return own;
    }
    for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
      Planned ancestor = planned.get(p);
      if (ancestor != null && ancestor != Planned.KEPT_DIR) {
        return Planned.GONE; // under something new or removed: nothing of the old tree is left
      }
    }
    return null;
  }

  /** Carries out one planned step. */
  private Result execute(Step step, Op op, Path target, Path history) throws IOException {
    Path keep = step.keep().isEmpty() ? null : history.resolve(step.keep());
    switch (step.action()) {
      case REMOVE -> move(target, keep);
      case REMOVE_ABSENT -> {}
      case CHMOD_DIR -> setMode(target, ((MakeDir) op).mode());
      case DIR_REPLACING, DIR_NEW -> {
        if (keep != null) {
          move(target, keep);
        }
        Files.createDirectory(target);
        setMode(target, ((MakeDir) op).mode());
      }
      case PUT_REPLACING_DIR, PUT_REPLACING_FILE, PUT_NEW -> {
        if (step.action() == Action.PUT_REPLACING_DIR) {
          move(target, keep);
        } else if (step.action() == Action.PUT_REPLACING_FILE) {
          keepCopy(target, keep);
        }
        move(((Put) op).staged(), target);
      }
    }
    if (op instanceof Put p) {
      return new Result(p.path(), false, p.size());
    }
    return new Result(op.path(), op instanceof Remove, 0);
  }

  private void writePending(Path history, List<Step> steps) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Step step : steps) {
      text.append(step.line());
    }
    // AtomicFiles flushes the file and its directory: the way back is on disk before any rename.
    AtomicFiles.writeString(history.resolve(PENDING), text.toString());
    fsync(root.historyDir());
  }

  /**
   * Undoes a change set that a dead agent left half-applied, from its pending journal: every root
   * opened goes through this before serving. Steps ran in order, so the first step that certainly
   * did not run (its staged entry is still in staging and nothing was kept for it) ends what needs
   * undoing; each undo checks the disk, so running it twice is harmless.
   */
  static void recover(AgentRoot root) throws IOException {
    List<Path> sets;
    try (Stream<Path> list = Files.list(root.historyDir())) {
      sets = list.filter(set -> Files.isRegularFile(set.resolve(PENDING))).sorted().toList();
    }
    for (Path history : sets) {
      String id = history.getFileName().toString();
      LOG.warn("change set {} was interrupted; restoring the tree as it was before it", id);
      undoPending(root, history, root.stagingDir().resolve(id));
    }
    // Whatever is still staged belongs to sets that never reached their commit.
    try (Stream<Path> list = Files.list(root.stagingDir())) {
      for (Path staged : list.toList()) {
        deleteTree(staged);
      }
    }
  }

  private static void undoPending(AgentRoot root, Path history, Path staging) throws IOException {
    String text = Files.readString(history.resolve(PENDING), StandardCharsets.UTF_8);
    List<Step> steps = new ArrayList<>();
    for (String line : text.split("\0")) {
      if (!line.isEmpty()) {
        steps.add(Step.parse(line));
      }
    }
    int ran = steps.size();
    for (int i = 0; i < steps.size(); i++) {
      if (certainlyNotRun(steps.get(i), history, staging)) {
        ran = i;
        break;
      }
    }
    undo(root, steps.subList(0, ran), history);
    Files.delete(history.resolve(PENDING));
    deleteTree(history);
  }

  private static boolean certainlyNotRun(Step step, Path history, Path staging) {
    boolean kept =
        !step.keep().isEmpty()
            && Files.exists(history.resolve(step.keep()), LinkOption.NOFOLLOW_LINKS);
    boolean staged =
        !step.staged().isEmpty()
            && Files.exists(staging.resolve(step.staged()), LinkOption.NOFOLLOW_LINKS);
    return switch (step.action()) {
      case REMOVE, DIR_REPLACING -> !kept;
      case PUT_REPLACING_DIR, PUT_REPLACING_FILE -> !kept && staged;
      case PUT_NEW -> staged;
      case REMOVE_ABSENT, CHMOD_DIR, DIR_NEW -> false; // no trace either way; their undo is safe
    };
  }

  /** Undoes {@code steps} (all run, the last perhaps in part) in reverse order. */
  private static void undo(AgentRoot root, List<Step> steps, Path history) throws IOException {
    IOException failure = null;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      try {
        undo(root.path().resolve(step.path()), step, history);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IOException(
          "change set failed and could not be fully undone; previous versions are in " + history,
          failure);
    }
  }

  private static void undo(Path target, Step step, Path history) throws IOException {
    Path keep = step.keep().isEmpty() ? null : history.resolve(step.keep());
    boolean kept = keep != null && Files.exists(keep, LinkOption.NOFOLLOW_LINKS);
    boolean isDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
    switch (step.action()) {
      case REMOVE_ABSENT -> {}
      case CHMOD_DIR -> {
        if (isDir) {
          setMode(target, step.oldMode());
        }
      }
      case DIR_NEW, DIR_REPLACING -> {
        if (isDir && (kept || step.action() == Action.DIR_NEW)) {
          Files.deleteIfExists(target); // empty again: what went into it was undone first
        }
      }
      case PUT_NEW -> Files.deleteIfExists(target);
      case PUT_REPLACING_DIR -> {
        if (kept && !isDir) {
          Files.deleteIfExists(target);
        }
      }
      case REMOVE, PUT_REPLACING_FILE -> {}
    }
    if (kept) {
      move(keep, target);
    }
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
