package dev.velocitytrinity.livepatch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LookaheadTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(5);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  private static List<Callable<Integer>> numbered(int count) {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = i;
      tasks.add(() -> n);
    }
    return tasks;
  }

  @Test
  void next_tasksFinishingInReverseOrder_deliversInTheirOwnOrder() throws Exception {
    // Task i waits for task i+1 to finish: with all five in flight (five pool threads) they end
    // last-first.
    List<CountDownLatch> finished = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      finished.add(new CountDownLatch(1));
    }
    List<Callable<Integer>> tasks = new ArrayList<>();
    List<Integer> endOrder = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      int n = i;
      tasks.add(
          () -> {
            if (n < 4) {
              assertThat(finished.get(n + 1).await(10, TimeUnit.SECONDS)).isTrue();
            }
            endOrder.add(n);
            finished.get(n).countDown();
            return n;
          });
    }

    try (Lookahead<Integer> lookahead = new Lookahead<>(tasks.iterator(), pool, 5)) {
      List<Integer> got = new ArrayList<>();
      while (lookahead.hasNext()) {
        got.add(lookahead.next());
      }

      assertThat(got).containsExactly(0, 1, 2, 3, 4);
      assertThat(endOrder).containsExactly(4, 3, 2, 1, 0);
    }
  }

  @Test
  void next_neverStartsMoreThanAheadTasksBeforeTheirTurn() throws Exception {
    AtomicInteger started = new AtomicInteger();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      tasks.add(
          () -> {
            started.incrementAndGet();
            return n;
          });
    }
    List<Integer> seen = new ArrayList<>();
    // An executor that only queues: what it was given is what was created ahead.
    List<Runnable> given = new ArrayList<>();
    try (Lookahead<Integer> lookahead = new Lookahead<>(tasks.iterator(), given::add, 3)) {
      for (int i = 0; i < 20; i++) {
        seen.add(lookahead.next());
        assertThat(given.size()).isLessThanOrEqualTo(i + 1 + 3);
      }
    }

    // The executor never ran anything: the consumer ran each task at its turn.
    assertThat(seen).isEqualTo(IntStream.range(0, 20).boxed().toList());
    assertThat(started).hasValue(20);
  }

  @Test
  void next_failingTask_failsAtItsTurnAfterTheOnesBefore() throws Exception {
    List<Callable<Integer>> tasks = new ArrayList<>(numbered(2));
    tasks.add(
        () -> {
          throw new IOException("cannot read src/gone.txt");
        });
    tasks.addAll(numbered(2));

    try (Lookahead<Integer> lookahead = new Lookahead<>(tasks.iterator(), pool, 4)) {
      assertThat(lookahead.next()).isZero();
      assertThat(lookahead.next()).isOne();
      assertThatThrownBy(lookahead::next)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessage("cannot read src/gone.txt");
    }
  }

  @Test
  void close_waitsForTheRunningTaskAndStartsNoOther() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    List<Callable<Integer>> tasks = new ArrayList<>();
    tasks.add(
        () -> {
          ran.incrementAndGet();
          return 0;
        });
    tasks.add(
        () -> {
          running.countDown();
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
          ran.incrementAndGet();
          return 1;
        });
    for (int i = 0; i < 4; i++) {
      tasks.add(
          () -> {
            ran.incrementAndGet();
            return 2;
          });
    }
    // One pool thread: the second task holds it, the others wait in its queue.
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      Lookahead<Integer> lookahead = new Lookahead<>(tasks.iterator(), single, 6);
      assertThat(lookahead.next()).isZero();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(lookahead::close);
      assertThat(lookahead.idle()).isFalse();
      assertThat(closing).isNotDone();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);

      assertThat(lookahead.idle()).isTrue();
      single.shutdown();
      assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).hasValue(2); // the queued ones never ran
    } finally {
      single.shutdownNow();
    }
  }
}
