package dev.velocitytrinity.core.daemon;

import dev.velocitytrinity.core.cli.CliEntryPoint;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ProtocolException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a tool's invocations, one at a time, to clients on its Unix domain socket, until it has
 * been idle for its idle timeout, is asked to stop, or finds its distribution replaced. A client
 * that connects while a run is in progress is told {@code BUSY} and runs its own (in-process): runs
 * never wait for each other here, and the process-wide logging each run installs for its client
 * never mixes two clients' output.
 */
public final class DaemonServer implements AutoCloseable {

  /** Why {@link #serve} returned. */
  public enum Ending {
    IDLE,
    STOPPED,
    REPLACED,
    STUCK
  }

  /** A cancelled run that has not ended after this long is stuck: the daemon gives up. */
  public static final Duration STUCK_AFTER = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(DaemonServer.class);

  private final DaemonAddress address;
  private final CliEntryPoint entryPoint;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Runnable afterRun;
  private final BooleanSupplier replaced;
  private final FileChannel lockFile;
  private final ServerSocketChannel server;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Instant started;
  private final List<FrameChannel> stopWaiters = new CopyOnWriteArrayList<>();

  private final Object state = new Object();
  private boolean busy;
  private Instant lastActivity;
  private Instant cancelledAt;
  private long served;
  private Ending ending;

  private DaemonServer(
      DaemonAddress address,
      CliEntryPoint entryPoint,
      Clock clock,
      Duration idleTimeout,
      Runnable afterRun,
      BooleanSupplier replaced,
      FileChannel lockFile,
      ServerSocketChannel server) {
    this.address = address;
    this.entryPoint = entryPoint;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.afterRun = afterRun;
    this.replaced = replaced;
    this.lockFile = lockFile;
    this.server = server;
    this.started = clock.instant();
    this.lastActivity = started;
  }

  /**
   * Takes the address: creates its private folder, holds its lock and listens on its socket.
   *
   * @param afterRun called after each run, once its client has its exit code (a tool restores its
   *     own logging there)
   * @param replaced whether the distribution the daemon runs from has been replaced (checked with
   *     the idle timeout; a replaced daemon exits rather than load classes from a newer jar)
   * @return empty if another daemon holds the address
   */
  public static Optional<DaemonServer> bind(
      DaemonAddress address,
      CliEntryPoint entryPoint,
      Clock clock,
      Duration idleTimeout,
      Runnable afterRun,
      BooleanSupplier replaced)
      throws IOException {
    address.createPrivateFolder();
    FileChannel lockFile =
        FileChannel.open(address.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockFile.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by this JVM already. Do not close this channel: closing any descriptor of the file
      // drops every POSIX (fcntl) lock this process holds on it, the other daemon's included.
      return Optional.empty();
    }
    if (lock == null) {
      lockFile.close();
      return Optional.empty();
    }
    ServerSocketChannel server;
    try {
      // Whoever held the lock before is gone: a socket file left behind is stale.
      Files.deleteIfExists(address.socket());
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(address.socket()));
    } catch (IOException | RuntimeException e) {
      lockFile.close();
      throw e;
    }
    return Optional.of(
        new DaemonServer(
            address, entryPoint, clock, idleTimeout, afterRun, replaced, lockFile, server));
  }

  public DaemonAddress address() {
    return address;
  }

  /** Accepts clients until the daemon ends; then releases the socket and the lock. */
  public Ending serve() {
    return serve(List.of());
  }

  /**
   * Like {@link #serve()}, first running {@code warmUps} one after the other on a thread of their
   * own, their output dropped, as if a client had sent them: the JIT then has compiled the paths a
   * real run takes before one arrives. Meanwhile the daemon is busy (a client runs its own).
   */
  public Ending serve(List<DaemonRequest> warmUps) {
    if (!warmUps.isEmpty()) {
      synchronized (state) {
        busy = true;
      }
      Thread warming = new Thread(() -> warmUp(warmUps), "daemon-warm-up");
      warming.setDaemon(true);
      warming.start();
    }
    Thread watchdog = new Thread(this::watch, "daemon-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      while (true) {
        SocketChannel client = server.accept();
        Thread connection = new Thread(() -> handle(client), "daemon-connection");
        connection.setDaemon(true);
        connection.start();
      }
    } catch (ClosedChannelException e) {
      // end() closed it.
    } catch (IOException e) {
      log.error("daemon: cannot accept connections: {}", e.getMessage());
      end(Ending.STOPPED);
    } finally {
      watchdog.interrupt();
      close();
    }
    synchronized (state) {
      return ending;
    }
  }

  private void warmUp(List<DaemonRequest> warmUps) {
    try {
      for (DaemonRequest request : warmUps) {
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true);
        entryPoint.run(
            request.args().toArray(String[]::new),
            discard,
            discard,
            new ToolEnvironment(
                request.env(),
                request.workingDirectory(),
                new DaemonInvocation(request.terminal())));
      }
    } catch (RuntimeException e) {
      log.warn("daemon: warm-up: {}", e.toString());
    } finally {
      runEnded(false);
    }
  }

  /** The daemon's account of itself, as {@code STATUS} answers it. */
  public DaemonStatus status() {
    synchronized (state) {
      return new DaemonStatus(
          ProcessHandle.current().pid(),
          started,
          served,
          busy,
          lastActivity,
          idleTimeout,
          ending != null);
    }
  }

  /**
   * Ends the daemon if it has been idle for its timeout, its distribution was replaced, or a
   * cancelled run is stuck. Called every second by the watchdog thread; tests call it directly.
   */
  void checkIdle() {
    Instant now = clock.instant();
    Ending why = null;
    synchronized (state) {
      if (busy) {
        if (cancelledAt != null && !now.isBefore(cancelledAt.plus(STUCK_AFTER))) {
          why = Ending.STUCK;
        }
      } else if (!now.isBefore(lastActivity.plus(idleTimeout))) {
        why = Ending.IDLE;
      } else if (replaced.getAsBoolean()) {
        why = Ending.REPLACED;
      }
      if (why != null && ending == null) {
        ending = why; // under the lock, so no new run starts in between
      }
    }
    if (why != null) {
      end(why);
    }
  }

  private void watch() {
    try {
      while (true) {
        Thread.sleep(1000);
        checkIdle();
      }
    } catch (InterruptedException e) {
      // serve() is over.
    }
  }

  private void end(Ending why) {
    synchronized (state) {
      if (ending == null) {
        ending = why;
      }
    }
    try {
      server.close();
    } catch (IOException e) {
      // Closing is all that is wanted.
    }
  }

  private void handle(SocketChannel channel) {
    FrameChannel frames = new FrameChannel(channel);
    boolean keepOpen = false;
    try {
      if (!samePeerUser(channel)) {
        return;
      }
      Frame first = frames.read();
      if (first == null) {
        return; // a probe: connected and went away
      }
      switch (first.type()) {
        case STATUS -> frames.write(FrameType.STATUS_REPLY, status().encode());
        case STOP -> {
          stopWaiters.add(frames);
          keepOpen = true;
          requestStop();
        }
        case REQUEST -> serveRequest(frames, first.payload());
        default -> frames.write(FrameType.DECLINED);
      }
    } catch (IOException e) {
      // The client went away.
    } finally {
      if (!keepOpen) {
        closeQuietly(frames);
      }
    }
  }

  /**
   * What SIGTERM does: takes no new run, waits up to {@code wait} for the run in progress (if any)
   * to end, then releases the socket and the lock. For a shutdown hook, which the JVM waits for.
   */
  public void stopAfterRun(Duration wait) {
    requestStop();
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (state) {
      while (busy) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          state.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
  }

  private void requestStop() {
    boolean idle;
    synchronized (state) {
      idle = !busy;
      if (ending == null) {
        ending = Ending.STOPPED;
      }
    }
    if (idle) {
      end(Ending.STOPPED);
    }
  }

  private void serveRequest(FrameChannel frames, byte[] payload) throws IOException {
    DaemonRequest request;
    try {
      request = DaemonRequest.decode(payload);
    } catch (ProtocolException e) {
      frames.write(FrameType.DECLINED);
      return;
    }
    synchronized (state) {
      if (busy || ending != null) {
        frames.write(FrameType.BUSY);
        return;
      }
      busy = true;
    }
    try {
      run(frames, request);
    } finally {
      runEnded(true);
    }
  }

  /** After a run or the warm-up: restores the tool's state, frees the daemon or ends it. */
  private void runEnded(boolean served) {
    try {
      afterRun.run();
    } catch (RuntimeException e) {
      log.warn("daemon: after a run: {}", e.toString());
    }
    boolean stop;
    synchronized (state) {
      busy = false;
      cancelledAt = null;
      if (served) {
        this.served++;
      }
      lastActivity = clock.instant();
      stop = ending != null;
      state.notifyAll();
    }
    if (stop) {
      end(Ending.STOPPED);
    }
  }

  /** Runs one invocation on this thread; a reader thread waits for the client's cancel. */
  private void run(FrameChannel frames, DaemonRequest request) throws IOException {
    // 0 running, 1 cancelling (stop hooks print their last words), 2 over for the client
    AtomicInteger phase = new AtomicInteger();
    DaemonInvocation invocation = new DaemonInvocation(request.terminal());
    Thread worker = Thread.currentThread();
    frames.write(FrameType.ACCEPTED);
    Thread reader =
        new Thread(
            () -> awaitCancel(frames, phase, invocation, worker), "daemon-connection-reader");
    reader.setDaemon(true);
    reader.start();
    PrintWriter out = writer(frames, FrameType.OUT, phase);
    PrintWriter err = writer(frames, FrameType.ERR, phase);
    int code;
    boolean failed = false;
    try {
      code =
          entryPoint.run(
              request.args().toArray(String[]::new),
              out,
              err,
              new ToolEnvironment(request.env(), request.workingDirectory(), invocation));
    } catch (RuntimeException | Error e) {
      // The tool reports its own failures; one escaping it is a bug. Its message may quote what
      // the run was given (a token in a flag, say), which never goes out unscrubbed: the type
      // only, and where to see the rest.
      err.println(
          "internal error in the daemon ("
              + e.getClass().getName()
              + "); run the command again with --no-daemon to see it in full");
      code = ExitCode.INTERNAL;
      if (e instanceof Error) {
        failed = true; // out of memory, say: this JVM serves no more runs
      }
    } finally {
      out.flush();
      err.flush();
    }
    if (phase.compareAndSet(0, 2)) {
      sendExit(frames, code);
    }
    if (failed) {
      requestStop();
    }
    Thread.interrupted(); // a cancel's interrupt must not reach the next run on this thread
  }

  private void awaitCancel(
      FrameChannel frames, AtomicInteger phase, DaemonInvocation invocation, Thread worker) {
    try {
      Frame frame;
      do {
        frame = frames.read();
      } while (frame != null && frame.type() != FrameType.CANCEL);
    } catch (IOException e) {
      // Gone: the same as a cancel, with no one left to tell.
    }
    if (phase.compareAndSet(0, 1)) {
      synchronized (state) {
        cancelledAt = clock.instant();
      }
      invocation.stop();
      phase.set(2);
      sendExit(frames, ExitCode.INTERRUPTED);
      worker.interrupt();
    }
  }

  private static void sendExit(FrameChannel frames, int code) {
    try {
      frames.write(FrameType.EXIT, ByteBuffer.allocate(4).putInt(code).array());
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static PrintWriter writer(FrameChannel frames, FrameType type, AtomicInteger phase) {
    return new PrintWriter(
        new OutputStreamWriter(
            new FrameOutputStream(frames, type, () -> phase.get() < 2), StandardCharsets.UTF_8),
        true);
  }

  /** Defence in depth beside the folder's 0700: the peer must run as this user. */
  private static boolean samePeerUser(SocketChannel channel) {
    try {
      UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      return peer.user().getName().equals(DaemonAddress.currentUser());
    } catch (UnsupportedOperationException | IOException e) {
      return true; // no peer credentials here: the folder's permissions are the check
    }
  }

  private static void closeQuietly(FrameChannel frames) {
    try {
      frames.close();
    } catch (IOException e) {
      // Closing is all that is wanted.
    }
  }

  /** Releases the socket and the lock; clients waiting on {@code STOP} see the connection close. */
  @Override
  public void close() {
    // Once only: SIGTERM's hook closes, then serve() does on its way out; a second removal of
    // the socket, after the lock was released, could remove a successor daemon's.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    end(Ending.STOPPED);
    try {
      Files.deleteIfExists(address.socket());
    } catch (IOException e) {
      log.warn("daemon: cannot remove {}: {}", address.socket(), e.getMessage());
    }
    for (FrameChannel waiter : stopWaiters) {
      closeQuietly(waiter);
    }
    try {
      lockFile.close();
    } catch (IOException e) {
      // Releasing is all that is wanted.
    }
  }
}
