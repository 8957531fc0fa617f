package dev.velocitytrinity.quantum.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model-based check of the planner: random event sequences against every policy. A PR is either
 * good or bad; a build passes only when every PR in it is good and the run is not flaky. Whatever
 * happens, no bad PR merges, every merge is vouched for by a passing build that tested exactly the
 * tree being merged, merges follow queue order, and no PR is lost or merged twice.
 */
class PlannerPropertiesTest {

  sealed interface Step {}

  record Enqueue(boolean bad, int priority) implements Step {}

  record Dequeue(int index) implements Step {}

  record Finish(int index, boolean flaky) implements Step {}

  record Pause() implements Step {}

  record Resume() implements Step {}

  @Provide
  Arbitrary<QueuePolicy> policies() {
    return Combinators.combine(
            Arbitraries.of(Strategy.values()),
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 4),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(QueuePolicy::new);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> enqueue =
        Combinators.combine(
                Arbitraries.of(false, false, false, true), Arbitraries.integers().between(0, 2))
            .as(Enqueue::new);
    Arbitrary<Step> dequeue = Arbitraries.integers().between(0, 9).map(Dequeue::new);
    Arbitrary<Step> finish =
        Combinators.combine(
                Arbitraries.integers().between(0, 9), Arbitraries.of(false, false, false, true))
            .as(Finish::new);
    Arbitrary<Step> pause = Arbitraries.just(new Pause());
    Arbitrary<Step> resume = Arbitraries.just(new Resume());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, enqueue),
            net.jqwik.api.Tuple.of(1, dequeue),
            net.jqwik.api.Tuple.of(8, finish),
            net.jqwik.api.Tuple.of(1, pause),
            net.jqwik.api.Tuple.of(1, resume))
        .list()
        .ofMaxSize(80);
  }

  @Property(tries = 1500)
  void randomEvents_neverMergeUntestedOrOutOfOrderAndNeverLoseAPr(
      @ForAll("policies") QueuePolicy policy, @ForAll("steps") List<Step> steps) {
    Model model = new Model(policy);
    for (Step step : steps) {
      model.apply(step);
    }
    model.drain();

    assertThat(model.state.entries()).as("drained queue").isEmpty();
    assertThat(model.state.builds()).isEmpty();
    Set<Integer> resolved = new HashSet<>(model.merged);
    resolved.addAll(model.ejected);
    resolved.addAll(model.dequeued);
    assertThat(resolved).isEqualTo(model.bad.keySet());
    assertThat(model.merged).allMatch(pr -> !model.bad.get(pr));
  }

  private static final class Model {
    final FakeClock clock = FakeClock.atEpochOfTests();
    final Planner planner = new Planner(clock);
    final Map<Integer, Boolean> bad = new HashMap<>();
    final Map<Long, List<Integer>> startedWith = new HashMap<>();
    final Map<Long, Integer> mergedCountAtStart = new HashMap<>();
    final Set<Long> passed = new HashSet<>();
    final List<Integer> merged = new ArrayList<>();
    final List<Integer> ejected = new ArrayList<>();
    final List<Integer> dequeued = new ArrayList<>();
    QueueState state;
    int nextPr = 1;

    Model(QueuePolicy policy) {
      state = QueueState.empty(new QueueKey("acme/app", "main"), policy);
    }

    void apply(Step step) {
      clock.advance(Duration.ofSeconds(1));
      if (step instanceof Enqueue e) {
        int pr = nextPr++;
        bad.put(pr, e.bad());
        record(planner.enqueue(state, pr, "sha" + pr, e.priority()));
      } else if (step instanceof Dequeue d && !state.entries().isEmpty()) {
        int pr = state.entries().get(d.index() % state.entries().size()).pr();
        dequeued.add(pr);
        record(planner.dequeue(state, pr));
      } else if (step instanceof Finish f && !state.runningBuilds().isEmpty()) {
        List<Build> running = state.runningBuilds();
        finish(running.get(f.index() % running.size()), f.flaky());
      } else if (step instanceof Pause) {
        record(planner.pause(state));
      } else if (step instanceof Resume) {
        record(planner.resume(state));
      }
    }

    void drain() {
      record(planner.resume(state));
      for (int i = 0; i < 10_000 && !state.runningBuilds().isEmpty(); i++) {
        finish(state.runningBuilds().get(0), false);
      }
    }

    void finish(Build build, boolean flaky) {
      boolean pass = !flaky && build.prs().stream().noneMatch(bad::get);
      if (pass) {
        passed.add(build.id());
      }
      record(planner.buildFinished(state, build.id(), pass));
    }

    void record(Transition t) {
      // Queue order as this step found it; a merge must take whatever is at the head by then.
      List<Integer> order = new ArrayList<>(state.entries().stream().map(Entry::pr).toList());
      for (Action action : t.actions()) {
        if (action instanceof Action.StartBuild s) {
          startedWith.put(s.buildId(), s.entries().stream().map(Entry::pr).toList());
          mergedCountAtStart.put(s.buildId(), merged.size());
        } else if (action instanceof Action.Merged m) {
          int pr = m.entry().pr();
          assertThat(passed).as("merge of #%d vouched by a passed build", pr).contains(m.buildId());
          assertThat(merged).as("#%d merged once", pr).doesNotContain(pr);
          assertThat(order).as("#%d merged from the head of the queue", pr).startsWith(pr);
          order.remove(0);
          merged.add(pr);
          // The tree that merges is the tree that was tested: everything merged since the build
          // started is exactly the build's PRs up to this one, in order.
          List<Integer> tested = startedWith.get(m.buildId());
          List<Integer> sinceStart =
              merged.subList(mergedCountAtStart.get(m.buildId()), merged.size());
          assertThat(sinceStart).isEqualTo(tested.subList(0, tested.indexOf(pr) + 1));
        } else if (action instanceof Action.Ejected e) {
          ejected.add(e.entry().pr());
          order.remove(Integer.valueOf(e.entry().pr()));
        } else if (action instanceof Action.Dequeued d) {
          order.remove(Integer.valueOf(d.pr()));
        }
      }
      assertThat(t.state().version()).isGreaterThanOrEqualTo(state.version());
      state = t.state();
      Set<Integer> everywhere = new HashSet<>();
      state.entries().forEach(e -> everywhere.add(e.pr()));
      int total = everywhere.size() + merged.size() + ejected.size() + dequeued.size();
      everywhere.addAll(merged);
      everywhere.addAll(ejected);
      everywhere.addAll(dequeued);
      assertThat(everywhere).as("no PR lost").isEqualTo(bad.keySet());
      assertThat(total).as("each PR in exactly one place").isEqualTo(bad.size());
    }
  }
}
