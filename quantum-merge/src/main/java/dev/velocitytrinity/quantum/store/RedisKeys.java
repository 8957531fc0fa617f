package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.quantum.queue.QueueKey;

/**
 * The key layout under one prefix, so several installations (or simulator runs) can share a server.
 */
public record RedisKeys(String prefix) {

  public RedisKeys {
    if (prefix == null || !prefix.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw new IllegalArgumentException("invalid Redis key prefix: " + prefix);
    }
  }

  public static RedisKeys defaults() {
    return new RedisKeys("qm:");
  }

  String state(QueueKey queue) {
    return prefix + "q:" + queue + ":state";
  }

  String merged(QueueKey queue) {
    return prefix + "q:" + queue + ":merged";
  }

  String queues() {
    return prefix + "queues";
  }

  String jobs() {
    return prefix + "jobs";
  }

  String results() {
    return prefix + "results";
  }

  String events() {
    return prefix + "events";
  }

  /**
   * Cancelled builds, {@code queue#build} scored by when (a sorted set, so old entries can be
   * trimmed; the set-typed {@code cancelled} key of earlier versions is no longer used).
   */
  String cancelled() {
    return prefix + "cancelled-at";
  }

  /** Builds whose result was reported, scored by when (see {@link #cancelled()}). */
  String done() {
    return prefix + "done-at";
  }

  String leader() {
    return prefix + "leader";
  }

  String fence() {
    return prefix + "fence";
  }
}
