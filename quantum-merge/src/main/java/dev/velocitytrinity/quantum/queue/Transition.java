package dev.velocitytrinity.quantum.queue;

import java.util.List;
import java.util.Objects;

/** The outcome of one planner step: the next state and what happened on the way there. */
public record Transition(QueueState state, List<Action> actions) {

  public Transition {
    Objects.requireNonNull(state, "state");
    actions = List.copyOf(actions);
  }

  /** Whether the step changed anything; an unchanged step need not be stored. */
  public boolean changed() {
    return !actions.isEmpty();
  }
}
