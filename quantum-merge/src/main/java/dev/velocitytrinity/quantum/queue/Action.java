package dev.velocitytrinity.quantum.queue;

import java.util.List;

/**
 * What a transition asks the outside world to do or to know. The store records every action on the
 * events stream in the same atomic step as the new state; {@link StartBuild} also becomes a job and
 * {@link CancelBuild} a cancellation mark.
 */
public sealed interface Action {

  /** A short name for logs, events and timelines. */
  String type();

  /** The entry joined the queue. */
  record Enqueued(Entry entry) implements Action {
    @Override
    public String type() {
      return "enqueued";
    }
  }

  /** The entry was removed on request. */
  record Dequeued(int pr) implements Action {
    @Override
    public String type() {
      return "dequeued";
    }
  }

  /** A build must run: the target branch with {@code entries} applied in order. */
  record StartBuild(long buildId, List<Entry> entries) implements Action {
    public StartBuild {
      entries = List.copyOf(entries);
    }

    @Override
    public String type() {
      return "build-started";
    }
  }

  /** A build reported its result. */
  record BuildFinished(long buildId, List<Integer> prs, boolean passed) implements Action {
    public BuildFinished {
      prs = List.copyOf(prs);
    }

    @Override
    public String type() {
      return "build-finished";
    }
  }

  /** A running build is no longer wanted; its result will be ignored. */
  record CancelBuild(long buildId, List<Integer> prs) implements Action {
    public CancelBuild {
      prs = List.copyOf(prs);
    }

    @Override
    public String type() {
      return "build-cancelled";
    }
  }

  /** The entry merged into the target branch, vouched for by the passing build. */
  record Merged(Entry entry, long buildId) implements Action {
    @Override
    public String type() {
      return "merged";
    }
  }

  /** The entry left the queue because its build failed. */
  record Ejected(Entry entry, long buildId, String reason) implements Action {
    @Override
    public String type() {
      return "ejected";
    }
  }

  /** The entry's build failed at the head of the queue and will run once more. */
  record Retried(int pr, long buildId) implements Action {
    @Override
    public String type() {
      return "retried";
    }
  }

  /** The queue was paused: no builds start and nothing merges until it is resumed. */
  record Paused() implements Action {
    @Override
    public String type() {
      return "paused";
    }
  }

  /** The queue was resumed. */
  record Resumed() implements Action {
    @Override
    public String type() {
      return "resumed";
    }
  }
}
