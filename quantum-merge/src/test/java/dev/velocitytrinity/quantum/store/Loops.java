package dev.velocitytrinity.quantum.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Background loops for integration tests, with bounded waits instead of sleeps. */
final class Loops implements AutoCloseable {

  /** One round of a loop; may block briefly on Redis. */
  interface Round {
    void run() throws Exception;
  }

  private final List<Thread> threads = new ArrayList<>();
  final AtomicLong unavailable = new AtomicLong();

  Thread start(String name, Round round) {
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  round.run();
                } catch (StoreException.Unavailable e) {
                  unavailable.incrementAndGet();
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  if (Thread.currentThread().isInterrupted()) {
                    return;
                  }
                  throw new IllegalStateException(name + " failed", e);
                }
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
    return thread;
  }

  /** Waits until {@code condition} holds, failing after {@code limit}. */
  static void await(Duration limit, String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  static void stop(Thread thread) throws InterruptedException {
    thread.interrupt();
    thread.join(10_000);
  }

  @Override
  public void close() throws InterruptedException {
    for (Thread thread : threads) {
      thread.interrupt();
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
