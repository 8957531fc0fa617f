package dev.velocitytrinity.quantum.queue;

/** Where a build is. Cancelled builds are dropped from the state, so they have no status. */
public enum BuildStatus {
  RUNNING,
  PASSED,
  FAILED
}
