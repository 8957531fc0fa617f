package dev.velocitytrinity.quantum.store;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the events stream: what happened to a queue, for dashboards, the simulator's
 * timeline and {@code quantum status --follow}.
 *
 * @param id the stream id, usable as a resume point
 * @param pr the PR concerned, or 0
 * @param build the build concerned, or 0
 */
public record QueueEvent(
    String id,
    Instant at,
    String queue,
    String type,
    int pr,
    long build,
    List<Integer> prs,
    String detail) {

  public QueueEvent {
    prs = prs == null ? List.of() : List.copyOf(prs);
    detail = detail == null ? "" : detail;
  }

  public QueueEvent withId(String value) {
    return new QueueEvent(value, at, queue, type, pr, build, prs, detail);
  }
}
