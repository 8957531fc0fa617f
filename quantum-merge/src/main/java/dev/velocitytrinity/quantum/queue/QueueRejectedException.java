package dev.velocitytrinity.quantum.queue;

/** A request the queue cannot honour as asked: a duplicate PR, an unknown PR. */
public final class QueueRejectedException extends RuntimeException {

  private final Reason reason;

  public QueueRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why, so an API can choose its status code. */
  public enum Reason {
    ALREADY_QUEUED,
    NOT_QUEUED
  }
}
