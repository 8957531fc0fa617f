package dev.velocitytrinity.core.daemon;

import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.ExitHook;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands an invocation to a running daemon and relays what it prints until it exits. Uses only the
 * JDK, so a command's {@code main} can try it before loading anything else. If the person stops the
 * client (Ctrl-C, SIGTERM), the daemon is told to stop the run, and the client waits briefly for
 * what the run prints on its way out (such as what became of a half-sent change set).
 */
public final class DaemonClient {

  /** What became of an attempt to hand an invocation to a daemon. */
  public sealed interface Outcome permits Ran, NotRunning, Busy {}

  /** The daemon ran it; its output has been relayed. */
  public record Ran(int exitCode) implements Outcome {}

  /** No daemon answers at the address: one may be started. */
  public record NotRunning(String why) implements Outcome {}

  /** A daemon is there but did not take this run (another is in progress, or it declined). */
  public record Busy(String why) implements Outcome {}

  private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  private final String tool;
  private final Duration acceptTimeout;

  /**
   * @param tool the tool's name, for the one message the client prints itself
   * @param acceptTimeout how long to wait for a daemon that accepted the connection to take the
   *     request before running it in-process instead
   */
  public DaemonClient(String tool, Duration acceptTimeout) {
    this.tool = tool;
    this.acceptTimeout = acceptTimeout;
  }

  public Outcome run(
      DaemonAddress address, DaemonRequest request, OutputStream out, OutputStream err) {
    if (!address.isPrivate()) {
      return new NotRunning("no private daemon folder");
    }
    FrameChannel frames;
    try {
      frames = connect(address);
    } catch (IOException e) {
      loadClassesOfAServedRun();
      return new NotRunning(String.valueOf(e.getMessage()));
    }
    CountDownLatch ended = new CountDownLatch(1);
    try (frames) {
      frames.write(FrameType.REQUEST, request.encode());
      Frame first = firstAnswer(frames);
      if (first == null || first.type() != FrameType.ACCEPTED) {
        return new Busy(first == null ? "no answer" : first.type().name());
      }
      try (ExitHook cancel = ExitHook.install("daemon-client-cancel", new Cancel(frames, ended))) {
        return new Ran(relay(frames, out, err));
      } finally {
        ended.countDown();
      }
    } catch (IOException e) {
      return new Busy(String.valueOf(e.getMessage()));
    }
  }

  /** The daemon's own account of itself, or empty if none answers. */
  public Optional<DaemonStatus> status(DaemonAddress address) {
    if (!address.isPrivate()) {
      return Optional.empty();
    }
    try (FrameChannel frames = connect(address)) {
      frames.write(FrameType.STATUS);
      Frame reply = frames.read();
      if (reply == null || reply.type() != FrameType.STATUS_REPLY) {
        return Optional.empty();
      }
      return Optional.of(DaemonStatus.decode(reply.payload()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Asks the daemon to exit once any run in progress has ended, and waits up to {@code wait} for it
   * to close the connection, which it does as it exits.
   *
   * @return its status just before it was asked, or empty if none answered
   */
  public Optional<DaemonStatus> stop(DaemonAddress address, Duration wait) {
    Optional<DaemonStatus> status = status(address);
    if (status.isEmpty()) {
      return status;
    }
    try (FrameChannel frames = connect(address)) {
      frames.write(FrameType.STOP);
      Timer timer = Timer.closing(frames, wait);
      try {
        while (frames.read() != null) {
          // Nothing is expected before the daemon closes the connection.
        }
      } finally {
        timer.cancel();
      }
    } catch (IOException e) {
      // Closed as it exited, or after the wait.
    }
    return status;
  }

  private static FrameChannel connect(DaemonAddress address) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(address.socket()));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
    return new FrameChannel(channel);
  }

  /** The daemon's first frame, or null if it sent none within the accept timeout. */
  private Frame firstAnswer(FrameChannel frames) throws IOException {
    Timer timer = Timer.closing(frames, acceptTimeout);
    try {
      Frame frame = frames.read();
      // A frame read just as the timer closed the connection is lost with the rest of the run.
      return timer.cancel() ? frame : null;
    } catch (IOException e) {
      if (!timer.cancel()) {
        return null; // closed by the timer: a daemon that accepts but does not answer
      }
      throw e;
    }
  }

  /** Closes a connection after a wait, unless cancelled first. */
  private static final class Timer {
    private final FrameChannel frames;
    private boolean cancelled;
    private boolean fired;

    private Timer(FrameChannel frames) {
      this.frames = frames;
    }

    static Timer closing(FrameChannel frames, Duration wait) {
      Timer timer = new Timer(frames);
      Thread thread = new Thread(new Fire(timer, wait), "daemon-client-timer");
      thread.setDaemon(true);
      thread.start();
      return timer;
    }

    /** The timer's thread (a named class, not a lambda: see loadClassesOfAServedRun). */
    private static final class Fire implements Runnable {
      private final Timer timer;
      private final Duration wait;

      Fire(Timer timer, Duration wait) {
        this.timer = timer;
        this.wait = wait;
      }

      @Override
      public void run() {
        try {
          Thread.sleep(wait.toMillis());
          timer.fire();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private synchronized void fire() {
      if (!cancelled) {
        fired = true;
        try {
          frames.close();
        } catch (IOException e) {
          // Closing is all it does.
        }
      }
    }

    /** True if it was cancelled in time, false if it had already closed the connection. */
    synchronized boolean cancel() {
      cancelled = true;
      return !fired;
    }
  }

  private int relay(FrameChannel frames, OutputStream out, OutputStream err) throws IOException {
    while (true) {
      Frame frame;
      try {
        frame = frames.read();
      } catch (IOException e) {
        frame = null;
      }
      if (frame == null) {
        out.flush();
        new PrintStream(err, true, StandardCharsets.UTF_8)
            .println(
                tool
                    + ": error: the "
                    + tool
                    + " daemon stopped before the command ended; run it again (--no-daemon runs"
                    + " it without the daemon)");
        return ExitCode.INTERNAL;
      }
      // An if chain, not a switch: a switch on an enum adds a synthetic class to load.
      FrameType type = frame.type();
      if (type == FrameType.OUT) {
        out.write(frame.payload());
        out.flush();
      } else if (type == FrameType.ERR) {
        err.write(frame.payload());
        err.flush();
      } else if (type == FrameType.EXIT) {
        out.flush();
        err.flush();
        return ByteBuffer.wrap(frame.payload()).getInt();
      }
      // Nothing else is sent during a run; anything else is ignored rather than fatal.
    }
  }

  /**
   * Loads the classes a daemon-served run uses, when this run is not one: a class-data-sharing
   * archive records the classes its recording run loaded, and is recorded on a run without a
   * daemon. Loaded, not initialised; mapped from the archive, it costs nothing measurable.
   */
  static List<Class<?>> loadClassesOfAServedRun() {
    return List.of(
        FrameChannel.class,
        Frame.class,
        FrameType.class,
        Ran.class,
        Busy.class,
        Timer.class,
        Timer.Fire.class,
        Cancel.class);
  }

  /** The shutdown hook: tells the daemon to stop the run and waits for its last words. */
  private static final class Cancel implements Runnable {
    private final FrameChannel frames;
    private final CountDownLatch ended;

    Cancel(FrameChannel frames, CountDownLatch ended) {
      this.frames = frames;
      this.ended = ended;
    }

    @Override
    public void run() {
      try {
        frames.write(FrameType.CANCEL);
        ended.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        // The daemon is gone already.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
