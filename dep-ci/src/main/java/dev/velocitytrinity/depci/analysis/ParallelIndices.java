package dev.velocitytrinity.depci.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work for the indices {@code 0..total-1} on a few threads that take the next index as they
 * finish one (files differ a lot in size, so fixed slices would leave a thread idle). Each thread
 * gets its own {@link Worker} for state that cannot be shared, such as tree-sitter parsers. The
 * first failure stops the others and is rethrown.
 */
final class ParallelIndices {

  /** One thread's work; closed when the thread is done. */
  interface Worker extends AutoCloseable {
    void run(int index);

    @Override
    default void close() {}
  }

  private ParallelIndices() {}

  static void run(int total, int threads, String name, Supplier<Worker> workers)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable loop =
        () -> {
          try (Worker worker = workers.get()) {
            int i;
            while ((i = next.getAndIncrement()) < total && failure.get() == null) {
              worker.run(i);
            }
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
          }
        };
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < Math.max(1, Math.min(threads, total)); t++) {
      Thread thread = new Thread(loop, name + "-" + t);
      thread.setDaemon(true);
      thread.start();
      started.add(thread);
    }
    try {
      for (Thread thread : started) {
        thread.join();
      }
    } catch (InterruptedException e) {
      started.forEach(Thread::interrupt);
      throw e;
    }
    Throwable error = failure.get();
    if (error instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
  }
}
