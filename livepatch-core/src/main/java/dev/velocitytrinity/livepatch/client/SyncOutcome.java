package dev.velocitytrinity.livepatch.client;

import java.util.List;

/**
 * What a sync did (or, for a dry run, would do).
 *
 * @param manifestFetched whether the full remote manifest had to be transferred
 * @param literalBytes content bytes sent as literals (after compression)
 */
public record SyncOutcome(
    List<Change> changes,
    boolean dryRun,
    boolean manifestFetched,
    String changeSetId,
    long bytesSent,
    long bytesReceived,
    long literalBytes) {

  public SyncOutcome {
    changes = List.copyOf(changes);
  }

  public long count(Change.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }
}
