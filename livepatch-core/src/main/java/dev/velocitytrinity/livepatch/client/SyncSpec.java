package dev.velocitytrinity.livepatch.client;

import dev.velocitytrinity.livepatch.tree.TreePaths;
import java.nio.file.Path;
import java.util.Objects;

/** What to sync and how. */
public record SyncSpec(
    Path localDir,
    String dest,
    boolean delete,
    boolean force,
    boolean dryRun,
    double maxDeleteShare,
    Compression compression) {

  /** A spec compressing as {@link Compression#AUTO} does. */
  public SyncSpec(
      Path localDir,
      String dest,
      boolean delete,
      boolean force,
      boolean dryRun,
      double maxDeleteShare) {
    this(localDir, dest, delete, force, dryRun, maxDeleteShare, Compression.AUTO);
  }

  public SyncSpec {
    Objects.requireNonNull(localDir, "localDir");
    dest = dest == null ? "" : dest;
    if (!dest.isEmpty()) {
      TreePaths.check(dest);
    }
    if (maxDeleteShare < 0 || maxDeleteShare > 1) {
      throw new IllegalArgumentException("maxDeleteShare must be within [0, 1]");
    }
    Objects.requireNonNull(compression, "compression");
  }

  public SyncSpec withCompression(Compression compression) {
    return new SyncSpec(localDir, dest, delete, force, dryRun, maxDeleteShare, compression);
  }
}
