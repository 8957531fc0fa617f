package dev.velocitytrinity.quantum.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Build jobs and their results on two Redis Streams, each read through a consumer group. Workers on
 * any machine take jobs from the {@code workers} group; a job whose worker stops acknowledging it
 * (a crash, a kill) is reclaimed with XAUTOCLAIM by another worker after {@code reclaimAfter}. A
 * long build keeps its claim alive with {@link #heartbeat}. Results go to the {@code schedulers}
 * group the same way, so a restarted scheduler picks up what its predecessor left.
 */
public final class RedisBuildJobs {

  static final String WORKERS = "workers";
  static final String SCHEDULERS = "schedulers";
  private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {};

  /**
   * How long cancellations and reported results are remembered: far longer than a job stays pending
   * (a reclaimed job is redelivered within minutes), short enough that the sorted sets stay small
   * on a queue that runs for years.
   */
  static final Duration RETENTION = Duration.ofDays(7);

  private final RedisConnection connection;
  private final RedisKeys keys;
  private final LuaScript complete = LuaScript.load("complete.lua");
  private final LuaScript heartbeat = LuaScript.load("heartbeat.lua");

  public RedisBuildJobs(RedisConnection connection, RedisKeys keys) {
    this.connection = connection;
    this.keys = keys;
  }

  /** Creates the streams and consumer groups if missing; safe to call from every process. */
  public void ensureGroups() {
    createGroup(keys.jobs(), WORKERS);
    createGroup(keys.results(), SCHEDULERS);
  }

  private void createGroup(String stream, String group) {
    try {
      connection.client().xgroupCreate(stream, group, new StreamEntryID("0-0"), true);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw RedisErrors.unavailable(connection.display(), e);
      }
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * Takes one job: first a job another worker left idle for longer than {@code reclaimAfter}, else
   * a new one, waiting up to {@code block} (zero: do not wait).
   */
  public Optional<BuildJob> claim(String consumer, Duration reclaimAfter, Duration block) {
    try {
      Optional<StreamEntry> stale = autoclaim(keys.jobs(), WORKERS, consumer, reclaimAfter);
      if (stale.isPresent()) {
        return Optional.of(toJob(stale.get(), 2));
      }
      return readNew(keys.jobs(), WORKERS, consumer, block).map(e -> toJob(e, 1));
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * Resets the job's idle time so it is not reclaimed while the build is still running. Returns
   * false when the job is no longer this consumer's (another worker reclaimed it while this one
   * stalled, or it was acknowledged): the caller then stops building it and must not acknowledge
   * it.
   */
  public boolean heartbeat(BuildJob job, String consumer) {
    try {
      Object renewed =
          heartbeat.run(
              connection, List.of(keys.jobs()), List.of(WORKERS, consumer, job.streamId()));
      return ((Number) renewed).longValue() == 1;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Whether the scheduler cancelled the job's build; a worker then stops and acknowledges. */
  public boolean isCancelled(BuildJob job) {
    try {
      return connection.client().zscore(keys.cancelled(), job.queue() + "#" + job.buildId())
          != null;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Acknowledges a job without a result (it was cancelled). */
  public void abandon(BuildJob job) {
    try {
      connection.client().xack(keys.jobs(), WORKERS, new StreamEntryID(job.streamId()));
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * Reports the result and acknowledges the job in one atomic step. Returns false when another
   * worker already reported this build (a reclaimed job whose first worker came back): the result
   * is then dropped, so each build finishes once.
   */
  public boolean complete(BuildJob job, boolean passed, String consumer) {
    try {
      Object first =
          complete.run(
              connection,
              List.of(keys.done(), keys.results(), keys.jobs()),
              List.of(
                  job.queue() + "#" + job.buildId(),
                  job.queue().toString(),
                  Long.toString(job.buildId()),
                  Boolean.toString(passed),
                  consumer,
                  WORKERS,
                  job.streamId(),
                  Long.toString(RETENTION.toMillis())));
      return ((Number) first).longValue() == 1;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Results to apply: first any a dead scheduler left unacknowledged, then new ones. */
  public List<BuildResult> pollResults(
      String consumer, Duration reclaimAfter, Duration block, int count) {
    try {
      List<BuildResult> results = new ArrayList<>();
      var claimed =
          connection
              .client()
              .xautoclaim(
                  keys.results(),
                  SCHEDULERS,
                  consumer,
                  reclaimAfter.toMillis(),
                  new StreamEntryID("0-0"),
                  XAutoClaimParams.xAutoClaimParams().count(count));
      for (StreamEntry entry : claimed.getValue()) {
        if (entry != null) {
          results.add(toResult(entry));
        }
      }
      if (!results.isEmpty()) {
        return results;
      }
      XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
      if (!block.isZero()) {
        params.block((int) block.toMillis());
      }
      var read =
          connection
              .client()
              .xreadGroup(
                  SCHEDULERS,
                  consumer,
                  params,
                  Map.of(keys.results(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
      if (read != null) {
        for (var stream : read) {
          for (StreamEntry entry : stream.getValue()) {
            results.add(toResult(entry));
          }
        }
      }
      return results;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Marks a result as applied. */
  public void ackResult(BuildResult result) {
    try {
      connection.client().xack(keys.results(), SCHEDULERS, new StreamEntryID(result.streamId()));
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Jobs handed out but not acknowledged yet. */
  public long pendingJobs() {
    try {
      return connection.client().xpending(keys.jobs(), WORKERS).getTotal();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Every result ever reported for a build: 1 for a build that finished once. */
  public long resultsFor(QueueKey queue, long buildId) {
    try {
      return connection.client().xrange(keys.results(), "-", "+").stream()
          .filter(
              e ->
                  queue.toString().equals(e.getFields().get("queue"))
                      && Long.toString(buildId).equals(e.getFields().get("build")))
          .count();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  private Optional<StreamEntry> autoclaim(
      String stream, String group, String consumer, Duration minIdle) {
    var claimed =
        connection
            .client()
            .xautoclaim(
                stream,
                group,
                consumer,
                minIdle.toMillis(),
                new StreamEntryID("0-0"),
                XAutoClaimParams.xAutoClaimParams().count(1));
    return claimed.getValue().stream().filter(e -> e != null).findFirst();
  }

  private Optional<StreamEntry> readNew(
      String stream, String group, String consumer, Duration block) {
    XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(1);
    if (!block.isZero()) {
      params.block((int) block.toMillis());
    }
    var read =
        connection
            .client()
            .xreadGroup(
                group,
                consumer,
                params,
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    if (read == null) {
      return Optional.empty();
    }
    return read.stream().flatMap(s -> s.getValue().stream()).findFirst();
  }

  private static BuildJob toJob(StreamEntry entry, long deliveries) {
    Map<String, String> f = entry.getFields();
    return new BuildJob(
        entry.getID().toString(),
        QueueKey.parse(f.get("queue")),
        Long.parseLong(f.get("build")),
        Json.read(f.get("entries"), ENTRIES),
        deliveries);
  }

  private static BuildResult toResult(StreamEntry entry) {
    Map<String, String> f = entry.getFields();
    return new BuildResult(
        entry.getID().toString(),
        QueueKey.parse(f.get("queue")),
        Long.parseLong(f.get("build")),
        Boolean.parseBoolean(f.get("passed")),
        f.getOrDefault("worker", ""));
  }
}
