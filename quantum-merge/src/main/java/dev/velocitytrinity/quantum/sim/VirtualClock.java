package dev.velocitytrinity.quantum.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulator's clock: it jumps from event to event. Used by one simulation thread. */
final class VirtualClock extends Clock {

  private Instant now;

  VirtualClock(Instant start) {
    this.now = start;
  }

  void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("virtual time only moves forward");
    }
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the virtual clock is UTC only");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
