package dev.velocitytrinity.quantum.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final QueueKey KEY = new QueueKey("acme/app", "main");

  private final FakeClock clock = FakeClock.atEpochOfTests();
  private final Planner planner = new Planner(clock);

  private QueueState queue(QueuePolicy policy, int... prs) {
    QueueState state = QueueState.empty(KEY, policy);
    for (int pr : prs) {
      state = planner.enqueue(state, pr, "sha" + pr, 0).state();
      clock.advance(Duration.ofSeconds(1));
    }
    return state;
  }

  private static List<List<Integer>> running(QueueState state) {
    return state.runningBuilds().stream().map(Build::prs).toList();
  }

  private static long buildOf(QueueState state, Integer... prs) {
    return state.builds().stream()
        .filter(b -> b.prs().equals(List.of(prs)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no build " + List.of(prs) + " in " + state))
        .id();
  }

  private static List<Integer> merged(Transition t) {
    return t.actions().stream()
        .filter(a -> a instanceof Action.Merged)
        .map(a -> ((Action.Merged) a).entry().pr())
        .toList();
  }

  private static List<Integer> ejected(Transition t) {
    return t.actions().stream()
        .filter(a -> a instanceof Action.Ejected)
        .map(a -> ((Action.Ejected) a).entry().pr())
        .toList();
  }

  private static List<List<Integer>> cancelled(Transition t) {
    return t.actions().stream()
        .filter(a -> a instanceof Action.CancelBuild)
        .map(a -> ((Action.CancelBuild) a).prs())
        .toList();
  }

  private static List<List<Integer>> started(Transition t) {
    return t.actions().stream()
        .filter(a -> a instanceof Action.StartBuild)
        .map(a -> ((Action.StartBuild) a).entries().stream().map(Entry::pr).toList())
        .toList();
  }

  @Test
  void enqueue_speculativeDepth3_startsZuulChain() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3, 4);

    assertThat(running(state)).containsExactly(List.of(1), List.of(1, 2), List.of(1, 2, 3));
    assertThat(state.entries()).extracting(Entry::pr).containsExactly(1, 2, 3, 4);
  }

  @Test
  void enqueue_serial_startsOneBuild() {
    QueueState state = queue(QueuePolicy.serial(), 1, 2, 3);

    assertThat(running(state)).containsExactly(List.of(1));
  }

  @Test
  void enqueue_samePrTwice_isRejected() {
    QueueState state = queue(QueuePolicy.serial(), 1);

    assertThatThrownBy(() -> planner.enqueue(state, 1, "sha", 0))
        .isInstanceOf(QueueRejectedException.class)
        .hasMessage("PR #1 is already in acme/app:main");
  }

  @Test
  void buildFinished_headPasses_mergesAndPromotesNextAndFillsWindow() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3, 4);

    Transition t = planner.buildFinished(state, buildOf(state, 1), true);

    assertThat(merged(t)).containsExactly(1);
    assertThat(running(t.state())).containsExactly(List.of(2), List.of(2, 3), List.of(2, 3, 4));
    assertThat(started(t)).containsExactly(List.of(2, 3, 4));
    assertThat(t.state().version()).isEqualTo(state.version() + 1);
  }

  @Test
  void buildFinished_laterBuildPassesFirst_waitsThenMergesBackToBack() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3);

    Transition early = planner.buildFinished(state, buildOf(state, 1, 2), true);
    assertThat(merged(early)).isEmpty();

    Transition head = planner.buildFinished(early.state(), buildOf(state, 1), true);
    assertThat(merged(head)).containsExactly(1, 2);
    assertThat(running(head.state())).containsExactly(List.of(3));
  }

  @Test
  void buildFinished_failureInMiddleOfChain_restartsBuildsBehindWithoutSuspect() {
    QueueState state = queue(QueuePolicy.speculative(3).withRetryOnce(false), 1, 2, 3);

    Transition fail = planner.buildFinished(state, buildOf(state, 1, 2), false);

    assertThat(ejected(fail)).isEmpty();
    assertThat(cancelled(fail)).containsExactly(List.of(1, 2, 3));
    assertThat(started(fail)).containsExactly(List.of(1, 3));

    Transition head = planner.buildFinished(fail.state(), buildOf(state, 1), true);
    assertThat(merged(head)).containsExactly(1);
    assertThat(ejected(head)).containsExactly(2);
    assertThat(running(head.state())).containsExactly(List.of(3));

    Transition last = planner.buildFinished(head.state(), buildOf(head.state(), 3), true);
    assertThat(merged(last)).containsExactly(3);
    assertThat(last.state().entries()).isEmpty();
  }

  @Test
  void buildFinished_suspectThenEntryAheadFails_suspectIsRebuiltWithoutCulprit() {
    QueueState state = queue(QueuePolicy.speculative(3).withRetryOnce(false), 1, 2, 3);
    QueueState suspect = planner.buildFinished(state, buildOf(state, 1, 2), false).state();

    Transition headFails = planner.buildFinished(suspect, buildOf(state, 1), false);

    assertThat(ejected(headFails)).containsExactly(1);
    assertThat(running(headFails.state())).containsExactly(List.of(2), List.of(2, 3));
    assertThat(cancelled(headFails)).containsExactly(List.of(1, 3));
  }

  @Test
  void buildFinished_headFailsWhileLaterBuildsPassed_ejectsHeadAndRebuildsTheRest() {
    QueueState state = queue(QueuePolicy.speculative(3).withRetryOnce(false), 1, 2, 3);
    state = planner.buildFinished(state, buildOf(state, 1, 2), true).state();
    state = planner.buildFinished(state, buildOf(state, 1, 2, 3), true).state();

    Transition t = planner.buildFinished(state, buildOf(state, 1), false);

    assertThat(merged(t)).isEmpty();
    assertThat(ejected(t)).containsExactly(1);
    assertThat(running(t.state())).containsExactly(List.of(2), List.of(2, 3));
  }

  @Test
  void buildFinished_headFailsWhileLaterBuildPassedWithVouching_mergesWholeChain() {
    QueueState state =
        queue(QueuePolicy.speculative(3).withRetryOnce(false).withVouching(true), 1, 2, 3);
    Transition headFailed = planner.buildFinished(state, buildOf(state, 1), false);
    assertThat(ejected(headFailed)).isEmpty();
    assertThat(running(headFailed.state())).containsExactly(List.of(1, 2), List.of(1, 2, 3));

    Transition t = planner.buildFinished(headFailed.state(), buildOf(state, 1, 2), true);

    assertThat(merged(t)).containsExactly(1, 2);
    assertThat(ejected(t)).isEmpty();
    assertThat(running(t.state())).containsExactly(List.of(3));
  }

  @Test
  void buildFinished_failureInMiddleOfChainWithVouching_restartsBuildsBehindWithoutSuspect() {
    QueueState state =
        queue(QueuePolicy.speculative(3).withRetryOnce(false).withVouching(true), 1, 2, 3);

    Transition fail = planner.buildFinished(state, buildOf(state, 1, 2), false);

    assertThat(cancelled(fail)).containsExactly(List.of(1, 2, 3));
    assertThat(started(fail)).containsExactly(List.of(1, 3));
  }

  @Test
  void buildFinished_buildAroundSuspectPassesWithVouching_doesNotVouchForSuspect() {
    QueueState state =
        queue(QueuePolicy.speculative(3).withRetryOnce(false).withVouching(true), 1, 2, 3);
    state = planner.buildFinished(state, buildOf(state, 1, 2), false).state();

    // main + #1 + #3 passed, but it never contained #2: nothing may merge on its word yet.
    Transition around = planner.buildFinished(state, buildOf(state, 1, 3), true);
    assertThat(merged(around)).isEmpty();
    assertThat(ejected(around)).isEmpty();

    Transition head = planner.buildFinished(around.state(), buildOf(state, 1), true);
    assertThat(merged(head)).containsExactly(1, 3);
    assertThat(ejected(head)).containsExactly(2);
    assertThat(head.state().entries()).isEmpty();
  }

  @Test
  void buildFinished_headFailsAndNoLaterBuildPassesWithVouching_ejectsHead() {
    QueueState state =
        queue(QueuePolicy.speculative(2).withRetryOnce(false).withVouching(true), 1, 2);
    state = planner.buildFinished(state, buildOf(state, 1), false).state();

    Transition t = planner.buildFinished(state, buildOf(state, 1, 2), false);

    assertThat(ejected(t)).containsExactly(1);
    assertThat(running(t.state())).containsExactly(List.of(2));
  }

  @Test
  void buildFinished_laterBuildPassesWithVouching_mergesWithoutWaitingAndCancelsHeadBuild() {
    QueueState state = queue(QueuePolicy.speculative(3).withVouching(true), 1, 2, 3);

    Transition t = planner.buildFinished(state, buildOf(state, 1, 2), true);

    assertThat(merged(t)).containsExactly(1, 2);
    assertThat(cancelled(t)).containsExactly(List.of(1));
    assertThat(running(t.state())).containsExactly(List.of(3));
  }

  @Test
  void buildFinished_headFailsOnce_retriesThenEjectsOnSecondFailure() {
    QueueState state = queue(QueuePolicy.serial(), 1, 2);

    Transition first = planner.buildFinished(state, buildOf(state, 1), false);
    assertThat(first.actions()).anyMatch(a -> a instanceof Action.Retried r && r.pr() == 1);
    assertThat(running(first.state())).containsExactly(List.of(1));

    Transition second = planner.buildFinished(first.state(), buildOf(first.state(), 1), false);
    assertThat(ejected(second)).containsExactly(1);
    assertThat(running(second.state())).containsExactly(List.of(2));
  }

  @Test
  void buildFinished_headRetried_buildsBehindGoOnWithoutIt() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3);

    Transition t = planner.buildFinished(state, buildOf(state, 1), false);

    assertThat(running(t.state())).containsExactly(List.of(1), List.of(2), List.of(2, 3));
    Transition again = planner.buildFinished(t.state(), buildOf(t.state(), 1), false);
    assertThat(ejected(again)).containsExactly(1);
    assertThat(cancelled(again)).isEmpty();
    assertThat(running(again.state())).containsExactly(List.of(2), List.of(2, 3));
  }

  @Test
  void buildFinished_flakyHeadPassesOnRetry_merges() {
    QueueState state = queue(QueuePolicy.serial(), 1);
    state = planner.buildFinished(state, buildOf(state, 1), false).state();

    Transition t = planner.buildFinished(state, buildOf(state, 1), true);

    assertThat(merged(t)).containsExactly(1);
  }

  @Test
  void buildFinished_cancelledOrRepeatedResult_changesNothing() {
    QueueState state = queue(QueuePolicy.speculative(2), 1, 2);
    long head = buildOf(state, 1);
    QueueState after = planner.buildFinished(state, head, true).state();

    Transition again = planner.buildFinished(after, head, true);
    Transition unknown = planner.buildFinished(after, 999, false);

    assertThat(again.changed()).isFalse();
    assertThat(again.state()).isEqualTo(after);
    assertThat(unknown.changed()).isFalse();
  }

  @Test
  void dequeue_runningEntry_cancelsBuildsContainingItAndRestartsTheRest() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3);

    Transition t = planner.dequeue(state, 2);

    assertThat(cancelled(t)).containsExactlyInAnyOrder(List.of(1, 2), List.of(1, 2, 3));
    assertThat(started(t)).containsExactly(List.of(1, 3));
    assertThat(running(t.state())).containsExactly(List.of(1), List.of(1, 3));
  }

  @Test
  void dequeue_unknownPr_isRejected() {
    QueueState state = queue(QueuePolicy.serial(), 1);

    assertThatThrownBy(() -> planner.dequeue(state, 7))
        .isInstanceOf(QueueRejectedException.class)
        .extracting(e -> ((QueueRejectedException) e).reason())
        .isEqualTo(QueueRejectedException.Reason.NOT_QUEUED);
  }

  @Test
  void dequeue_duringPromotion_cancelsPromotedBuildAndRestartsBehindIt() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3);
    Transition promoted = planner.buildFinished(state, buildOf(state, 1), true);
    assertThat(running(promoted.state())).containsExactly(List.of(2), List.of(2, 3));

    Transition t = planner.dequeue(promoted.state(), 2);

    assertThat(cancelled(t)).containsExactlyInAnyOrder(List.of(2), List.of(2, 3));
    assertThat(running(t.state())).containsExactly(List.of(3));
    assertThat(merged(t)).isEmpty();
  }

  @Test
  void dequeue_headWhosePassedBuildAwaitsMerge_isNotMergedAndChainRestarts() {
    QueueState state = queue(QueuePolicy.speculative(3), 1, 2, 3);
    QueueState paused = planner.pause(state).state();
    QueueState passed = planner.buildFinished(paused, buildOf(state, 1), true).state();

    Transition t = planner.dequeue(passed, 1);
    Transition resumed = planner.resume(t.state());

    assertThat(merged(t)).isEmpty();
    assertThat(merged(resumed)).isEmpty();
    assertThat(cancelled(t)).containsExactlyInAnyOrder(List.of(1, 2), List.of(1, 2, 3));
    assertThat(running(resumed.state())).containsExactly(List.of(2), List.of(2, 3));
  }

  @Test
  void enqueue_higherPriority_jumpsWaitingEntriesButNotRunningOnes() {
    QueueState state = queue(QueuePolicy.speculative(2), 1, 2, 3, 4);

    Transition t = planner.enqueue(state, 9, "sha9", 5);

    assertThat(t.state().entries()).extracting(Entry::pr).containsExactly(1, 2, 9, 3, 4);
    assertThat(cancelled(t)).isEmpty();
    Transition next = planner.buildFinished(t.state(), buildOf(state, 1), true);
    assertThat(started(next)).containsExactly(List.of(2, 9));
  }

  @Test
  void pause_stopsStartsAndMerges_resumeCatchesUp() {
    QueueState state = queue(QueuePolicy.serial(), 1);
    QueueState paused = planner.pause(state).state();
    paused = planner.enqueue(paused, 2, "sha2", 0).state();

    Transition passed = planner.buildFinished(paused, buildOf(state, 1), true);
    assertThat(merged(passed)).isEmpty();

    Transition resumed = planner.resume(passed.state());
    assertThat(merged(resumed)).containsExactly(1);
    assertThat(running(resumed.state())).containsExactly(List.of(2));
  }

  @Test
  void pause_speculativeQueue_startsNoBuildsUntilResumed() {
    QueueState state = queue(QueuePolicy.speculative(3), 1);
    QueueState paused = planner.pause(state).state();

    Transition enqueued = planner.enqueue(paused, 2, "sha2", 0);
    Transition headPassed = planner.buildFinished(enqueued.state(), buildOf(state, 1), true);
    Transition dequeued = planner.dequeue(headPassed.state(), 1);

    assertThat(started(enqueued)).isEmpty();
    assertThat(started(headPassed)).isEmpty();
    assertThat(started(dequeued)).isEmpty();
    assertThat(running(dequeued.state())).isEmpty();
    Transition resumed = planner.resume(dequeued.state());
    assertThat(started(resumed)).containsExactly(List.of(2));
  }

  @Test
  void pause_twice_isANoOp() {
    QueueState paused = planner.pause(queue(QueuePolicy.serial(), 1)).state();

    assertThat(planner.pause(paused).changed()).isFalse();
  }

  @Test
  void buildFinished_batchPasses_mergesAllEntriesOfTheBatch() {
    QueueState state = queue(QueuePolicy.batch(3), 1, 2, 3, 4);
    assertThat(running(state)).containsExactly(List.of(1));

    Transition t = planner.buildFinished(state, buildOf(state, 1), true);

    assertThat(merged(t)).containsExactly(1);
    assertThat(running(t.state())).containsExactly(List.of(2, 3, 4));
  }

  @Test
  void buildFinished_batchFails_bisectsUntilCulpritIsEjected() {
    QueueState state = queue(QueuePolicy.batch(4).withRetryOnce(false), 1);
    state = planner.enqueue(state, 2, "s", 0).state();
    state = planner.enqueue(state, 3, "s", 0).state();
    state = planner.enqueue(state, 4, "s", 0).state();
    state = planner.enqueue(state, 5, "s", 0).state();
    state = planner.buildFinished(state, buildOf(state, 1), true).state();
    assertThat(running(state)).containsExactly(List.of(2, 3, 4, 5));

    Transition whole = planner.buildFinished(state, buildOf(state, 2, 3, 4, 5), false);
    assertThat(running(whole.state())).containsExactly(List.of(2, 3));
    Transition firstHalf = planner.buildFinished(whole.state(), buildOf(whole.state(), 2, 3), true);
    assertThat(merged(firstHalf)).containsExactly(2, 3);
    assertThat(running(firstHalf.state())).containsExactly(List.of(4, 5));
    Transition second =
        planner.buildFinished(firstHalf.state(), buildOf(firstHalf.state(), 4, 5), false);
    assertThat(running(second.state())).containsExactly(List.of(4));
    Transition four = planner.buildFinished(second.state(), buildOf(second.state(), 4), true);
    assertThat(running(four.state())).containsExactly(List.of(5));
    Transition five = planner.buildFinished(four.state(), buildOf(four.state(), 5), false);

    assertThat(ejected(five)).containsExactly(5);
    assertThat(five.state().batchWindow()).isZero();
    assertThat(five.state().batchLimit()).isEqualTo(4);
  }
}
