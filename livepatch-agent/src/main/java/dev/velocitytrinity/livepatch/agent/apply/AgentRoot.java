package dev.velocitytrinity.livepatch.agent.apply;

import dev.velocitytrinity.core.io.AtomicFiles;
import dev.velocitytrinity.livepatch.tree.HashCache;
import dev.velocitytrinity.livepatch.tree.TreePaths;
import dev.velocitytrinity.livepatch.tree.UnsafePathException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The directory an agent writes into. Every path a client names is resolved here, and nowhere else;
 * state (staging, history, root id) lives in {@code .livepatch-agent} at its top, on the same file
 * system.
 */
public final class AgentRoot {

  private static final int IO_THREADS = 32;

  private final Path root;
  private final String rootId;
  private final Semaphore lock = new Semaphore(1, true);
  private final Map<String, HashCache> hashCaches = new ConcurrentHashMap<>();
  private final ExecutorService ioExecutor;

  private AgentRoot(Path root, String rootId, ExecutorService ioExecutor) {
    this.root = root;
    this.rootId = rootId;
    this.ioExecutor = ioExecutor;
  }

  /**
   * Opens (creating if needed) the root and its state directory, first undoing any change set a
   * previous agent left half-applied (see {@link ChangeSetStage#recover}).
   */
  public static AgentRoot open(Path root) throws IOException {
    Files.createDirectories(root);
    Path real = root.toRealPath();
    Path state = real.resolve(TreePaths.RESERVED);
    Files.createDirectories(state.resolve("staging"));
    Files.createDirectories(state.resolve("history"));
    Path idFile = state.resolve("root-id");
    String id;
    if (Files.isRegularFile(idFile)) {
      id = Files.readString(idFile, StandardCharsets.UTF_8).strip();
    } else {
      id = UUID.randomUUID().toString();
      AtomicFiles.writeString(idFile, id + "\n");
    }
    AgentRoot agentRoot = new AgentRoot(real, id, ioThreads());
    ChangeSetStage.recover(agentRoot);
    return agentRoot;
  }

  /**
   * Threads for blocking file-system calls issued many at once (fsync); daemon, never idle-held.
   */
  private static ExecutorService ioThreads() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            IO_THREADS,
            IO_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "livepatch-io-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  ExecutorService ioExecutor() {
    return ioExecutor;
  }

  public Path path() {
    return root;
  }

  public String id() {
    return rootId;
  }

  /** Content hashes of the tree under {@code dest} (empty for the root), keyed relative to it. */
  public HashCache hashCache(String dest) {
    return hashCaches.computeIfAbsent(dest, d -> new HashCache());
  }

  Path stagingDir() {
    return root.resolve(TreePaths.RESERVED).resolve("staging");
  }

  Path historyDir() {
    return root.resolve(TreePaths.RESERVED).resolve("history");
  }

  /** Waits up to {@code timeout} for the root; false if another sync still holds it. */
  public boolean tryLock(Duration timeout) throws InterruptedException {
    return lock.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void unlock() {
    lock.release();
  }

  /**
   * Resolves a client path against the root. Rejects {@code ..}, absolute paths, NUL bytes, the
   * agent's state directory, and any path whose nearest existing parent resolves outside the root
   * through a symlink. The result itself is never followed if it is a symlink.
   */
  public Path resolve(String relative) throws ChangeRejectedException {
    return resolve(relative, path -> false, new HashSet<>());
  }

  /**
   * Like {@link #resolve(String)} for a path in a change set that also puts new directories at the
   * paths {@code becomesDirectory} accepts: a file or symlink there is about to be replaced by a
   * fresh directory (it moves to history first), so the nearest parent that stays is checked.
   * {@code checkedParents} holds the parents that passed for this set so far (a set of thousands of
   * files in a few folders checks each folder once); when the set is applied, each path is resolved
   * again, uncached, against the tree as it is by then.
   */
  public Path resolve(String relative, Predicate<String> becomesDirectory, Set<Path> checkedParents)
      throws ChangeRejectedException {
    try {
      TreePaths.check(relative);
    } catch (UnsafePathException e) {
      throw new ChangeRejectedException(e.getMessage());
    }
    if (TreePaths.reserved(relative)) {
      throw new ChangeRejectedException("path is reserved for the agent: " + relative);
    }
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new ChangeRejectedException("path escapes the root: " + relative);
    }
    if (checkedParents.contains(target.getParent())) {
      return target;
    }
    Path probe = target.getParent();
    while (!probe.equals(root)
        && (!Files.exists(probe, LinkOption.NOFOLLOW_LINKS)
            || (!Files.isDirectory(probe, LinkOption.NOFOLLOW_LINKS)
                && becomesDirectory.test(relative(probe))))) {
      probe = probe.getParent();
    }
    try {
      Path real = probe.toRealPath();
      if (!real.startsWith(root)) {
        throw new ChangeRejectedException(
            "path resolves outside the root through a symlink: " + relative);
      }
      if (!Files.isDirectory(real)) {
        throw new ChangeRejectedException("parent is not a directory: " + relative);
      }
    } catch (NoSuchFileException e) {
      throw new ChangeRejectedException("path goes through a dangling symlink: " + relative);
    } catch (IOException e) {
      throw new ChangeRejectedException("cannot resolve " + relative + ": " + e.getMessage());
    }
    checkedParents.add(target.getParent());
    return target;
  }

  /** {@code path}, under the root, as a tree path ('/'-separated). */
  private String relative(Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  /**
   * Checks that a symlink at {@code linkPath} with {@code target} points inside the root: relative,
   * and not climbing above it.
   */
  public void checkLinkTarget(String linkPath, String target) throws ChangeRejectedException {
    if (target.isEmpty() || target.indexOf('\0') >= 0 || target.startsWith("/")) {
      throw new ChangeRejectedException(
          "symlink " + linkPath + " must point to a relative path inside the root");
    }
    Path resolved = root.resolve(linkPath).getParent().resolve(target).normalize();
    if (!resolved.startsWith(root) || TreePaths.reserved(root.relativize(resolved).toString())) {
      throw new ChangeRejectedException("symlink " + linkPath + " points outside the root");
    }
  }
}
