package dev.velocitytrinity.livepatch.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sequence of tasks on an executor, at most {@code ahead} of them ahead of the consumer, and
 * hands their results over in the sequence's order. A task the executor has not started when its
 * turn comes is run by the consumer itself, so a busy (or synchronous) executor never stalls the
 * sequence. {@link #close} keeps tasks not yet started from ever starting and waits a while for
 * those running, so the caller may then release what they use. Not thread-safe: one consumer.
 */
final class Lookahead<R> implements AutoCloseable {

  private final Iterator<Callable<R>> tasks;
  private final Executor executor;
  private final int ahead;
  private final Deque<FutureTask<R>> pending = new ArrayDeque<>();
  private final Object lock = new Object();
  private boolean closed;
  private int running;

  Lookahead(Iterator<Callable<R>> tasks, Executor executor, int ahead) {
    if (ahead < 1) {
      throw new IllegalArgumentException("ahead must be at least 1");
    }
    this.tasks = tasks;
    this.executor = executor;
    this.ahead = ahead;
  }

  boolean hasNext() {
    return !pending.isEmpty() || tasks.hasNext();
  }

  /**
   * The next task's result.
   *
   * @throws ExecutionException with the task's own failure as its cause
   */
  R next() throws ExecutionException, InterruptedException {
    fill();
    FutureTask<R> head = pending.poll();
    if (head == null) {
      throw new IllegalStateException("no task left");
    }
    head.run(); // does nothing if a pool thread has started (or finished) it
    fill();
    try {
      return head.get();
    } catch (CancellationException e) {
      throw new ExecutionException(new IllegalStateException("closed"));
    }
  }

  private void fill() {
    while (pending.size() < ahead && tasks.hasNext()) {
      FutureTask<R> task = new FutureTask<>(guarded(tasks.next()));
      pending.add(task);
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        // A shut-down pool: the consumer runs it when its turn comes.
      }
    }
  }

  /** {@code task}, unless closed first; counted while it runs, so close() can wait for it. */
  private Callable<R> guarded(Callable<R> task) {
    return () -> {
      synchronized (lock) {
        if (closed) {
          throw new CancellationException("closed");
        }
        running++;
      }
      try {
        return task.call();
      } finally {
        synchronized (lock) {
          running--;
          lock.notifyAll();
        }
      }
    };
  }

  /**
   * No task starts from now on; waits up to 10 s for those running (a read stuck on a network file
   * system is left behind: {@link #idle} then says so).
   */
  @Override
  public void close() {
    for (FutureTask<R> task : pending) {
      task.cancel(false);
    }
    pending.clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (lock) {
      closed = true;
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether no task is running. */
  boolean idle() {
    synchronized (lock) {
      return running == 0;
    }
  }
}
