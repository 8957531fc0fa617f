package dev.velocitytrinity.quantum.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A build of the target branch with {@code prs} applied on top, in order. When entries at the front
 * of {@code prs} merge they are dropped from the list: they are part of the branch now, so the
 * build still tests the same tree.
 */
public record Build(long id, List<Integer> prs, BuildStatus status, Instant startedAt) {

  public Build {
    if (id <= 0) {
      throw new IllegalArgumentException("build id must be positive: " + id);
    }
    prs = List.copyOf(prs);
    if (prs.isEmpty()) {
      throw new IllegalArgumentException("a build tests at least one PR");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  public Build withStatus(BuildStatus value) {
    return new Build(id, prs, value, startedAt);
  }

  public Build withPrs(List<Integer> value) {
    return new Build(id, value, status, startedAt);
  }
}
