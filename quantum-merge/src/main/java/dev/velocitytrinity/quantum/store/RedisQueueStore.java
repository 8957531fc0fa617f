package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.quantum.queue.Action;
import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.QueueState;
import dev.velocitytrinity.quantum.queue.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Queue state in Redis. Each queue is one hash holding a version and the state as JSON; every
 * change is a compare-and-set on that version (a Lua script) that in the same atomic step appends
 * the new build jobs, cancellation marks, merge records and events. Two schedulers racing on one
 * queue therefore cannot both act on the same state: the loser re-reads and re-plans, and the
 * planner ignores results it has already used.
 *
 * <p>A transition costs two round trips when this process wrote the current version (read the
 * version, run the script) and three otherwise (the state itself is read too).
 */
public final class RedisQueueStore {

  private static final int MAX_ATTEMPTS = 64;

  /** How many jobs, events and merge records a queue keeps; older ones are dropped as new come. */
  public static final int HISTORY_LENGTH = 100_000;

  private final RedisConnection connection;
  private final RedisKeys keys;
  private final Clock clock;
  private final String historyLength;
  private final LuaScript transition = LuaScript.load("transition.lua");
  private final Map<QueueKey, QueueState> cache = new ConcurrentHashMap<>();

  public RedisQueueStore(RedisConnection connection, RedisKeys keys, Clock clock) {
    this(connection, keys, clock, HISTORY_LENGTH);
  }

  RedisQueueStore(RedisConnection connection, RedisKeys keys, Clock clock, int historyLength) {
    this.connection = connection;
    this.keys = keys;
    this.clock = clock;
    this.historyLength = Integer.toString(historyLength);
  }

  /** The stored state of a queue, if it has ever been written. */
  public Optional<QueueState> load(QueueKey queue) {
    return read(queue).map(Stored::state);
  }

  /** Every queue that has state. */
  public Set<QueueKey> queues() {
    try {
      Set<QueueKey> result = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
      for (String name : connection.client().smembers(keys.queues())) {
        result.add(QueueKey.parse(name));
      }
      return result;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * Runs one planner step atomically: reads the state (an empty queue with {@code policy} when
   * absent), applies {@code step} and writes the result if nobody changed the queue meanwhile,
   * otherwise starts over. With a fence, the write is refused once the lease moved on.
   *
   * @throws StoreException.Fenced when the fence is stale
   * @throws StoreException.Unavailable when Redis cannot be reached
   */
  public Transition apply(
      QueueKey queue,
      QueuePolicy policy,
      Optional<Fence> fence,
      Function<QueueState, Transition> step) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Stored> stored = read(queue);
      QueueState state = stored.map(Stored::state).orElseGet(() -> QueueState.empty(queue, policy));
      long expected = stored.map(s -> s.state().version()).orElse(-1L);
      Transition result = step.apply(state);
      if (!result.changed()) {
        return result;
      }
      long written = write(queue, expected, result, fence);
      if (written == 1) {
        cache.put(queue, result.state());
        return result;
      }
      if (written == -1) {
        throw new StoreException.Fenced(
            "the scheduler lease moved on; "
                + fence.map(Fence::owner).orElse("this process")
                + " no longer leads");
      }
    }
    throw new StoreException.Contended(
        "queue " + queue + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
  }

  /** Deletes every key under this store's prefix (simulator runs clean up after themselves). */
  public long purge() {
    try {
      long deleted = 0;
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams params = new ScanParams().match(keys.prefix() + "*").count(500);
      do {
        ScanResult<String> page = connection.client().scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          deleted += connection.client().del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
      return deleted;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * PRs recorded as merged into the queue's branch, in merge order: the last {@link
   * #HISTORY_LENGTH}.
   */
  public List<Integer> mergedPrs(QueueKey queue) {
    try {
      return connection.client().lrange(keys.merged(queue), 0, -1).stream()
          .map(Integer::parseInt)
          .toList();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Events after {@code afterId} ("0" for all), oldest first. */
  public List<QueueEvent> events(String afterId, int count) {
    try {
      List<StreamEntry> entries =
          connection.client().xrange(keys.events(), "(" + afterId, "+", count).stream().toList();
      return entries.stream().map(RedisQueueStore::toEvent).toList();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * The id of the newest event, {@code "0-0"} when there is none: a concrete position for "from now
   * on", so a caller that polls again from it misses nothing written in between.
   */
  public String lastEventId() {
    try {
      List<StreamEntry> last = connection.client().xrevrange(keys.events(), "+", "-", 1);
      return last == null || last.isEmpty() ? "0-0" : last.get(0).getID().toString();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /**
   * Waits up to {@code blockMillis} (0: answers at once) for events after {@code afterId}; {@code
   * "$"} means "only events from now on".
   */
  public List<QueueEvent> followEvents(String afterId, int blockMillis) {
    try {
      XReadParams params = XReadParams.xReadParams().count(100);
      if (blockMillis > 0) {
        // BLOCK 0 would wait forever.
        params.block(blockMillis);
      }
      var read =
          connection
              .client()
              .xread(
                  params,
                  Map.of(
                      keys.events(),
                      "$".equals(afterId)
                          ? StreamEntryID.XREAD_NEW_ENTRY
                          : new StreamEntryID(afterId)));
      List<QueueEvent> events = new ArrayList<>();
      if (read != null) {
        for (var stream : read) {
          for (StreamEntry entry : stream.getValue()) {
            events.add(toEvent(entry));
          }
        }
      }
      return events;
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  private static QueueEvent toEvent(StreamEntry entry) {
    return Json.read(entry.getFields().get("event"), QueueEvent.class)
        .withId(entry.getID().toString());
  }

  private record Stored(QueueState state) {}

  private Optional<Stored> read(QueueKey queue) {
    try {
      // The version is a few bytes; the state can be large. Reuse the state this process last
      // read or wrote when the version still matches.
      String version = connection.client().hget(keys.state(queue), "v");
      if (version == null) {
        return Optional.empty();
      }
      QueueState cached = cache.get(queue);
      if (cached != null && Long.toString(cached.version()).equals(version)) {
        return Optional.of(new Stored(cached));
      }
      Map<String, String> hash = connection.client().hgetAll(keys.state(queue));
      if (hash == null || !hash.containsKey("s")) {
        return Optional.empty();
      }
      QueueState state = Json.read(hash.get("s"), QueueState.class);
      cache.put(queue, state);
      return Optional.of(new Stored(state));
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  private long write(QueueKey queue, long expected, Transition result, Optional<Fence> fence) {
    Map<String, Object> ops = new LinkedHashMap<>();
    List<Map<String, String>> jobs = new ArrayList<>();
    List<String> cancelled = new ArrayList<>();
    List<String> merged = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Instant now = clock.instant();
    for (Action action : result.actions()) {
      if (action instanceof Action.StartBuild start) {
        jobs.add(
            Map.of(
                "build", Long.toString(start.buildId()), "entries", Json.write(start.entries())));
      } else if (action instanceof Action.CancelBuild cancel) {
        cancelled.add(Long.toString(cancel.buildId()));
      } else if (action instanceof Action.Merged m) {
        merged.add(Integer.toString(m.entry().pr()));
      }
      events.add(Json.write(event(queue, now, action)));
    }
    ops.put("jobs", jobs);
    ops.put("cancelled", cancelled);
    ops.put("merged", merged);
    ops.put("events", events);
    try {
      Object reply =
          transition.run(
              connection,
              List.of(
                  keys.state(queue),
                  keys.leader(),
                  keys.jobs(),
                  keys.events(),
                  keys.merged(queue),
                  keys.cancelled(),
                  keys.queues()),
              List.of(
                  Long.toString(expected),
                  Long.toString(result.state().version()),
                  Json.write(result.state()),
                  fence.map(Fence::leaseValue).orElse(""),
                  queue.toString(),
                  Json.write(ops),
                  historyLength,
                  Long.toString(RedisBuildJobs.RETENTION.toMillis())));
      return ((Number) reply).longValue();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  static QueueEvent event(QueueKey queue, Instant at, Action action) {
    String q = queue.toString();
    if (action instanceof Action.Enqueued e) {
      return new QueueEvent(
          "", at, q, action.type(), e.entry().pr(), 0, List.of(), e.entry().headSha());
    } else if (action instanceof Action.Dequeued d) {
      return new QueueEvent("", at, q, action.type(), d.pr(), 0, List.of(), "");
    } else if (action instanceof Action.StartBuild s) {
      List<Integer> prs = s.entries().stream().map(Entry::pr).toList();
      return new QueueEvent(
          "", at, q, action.type(), prs.get(prs.size() - 1), s.buildId(), prs, "");
    } else if (action instanceof Action.BuildFinished f) {
      return new QueueEvent(
          "",
          at,
          q,
          action.type(),
          f.prs().get(f.prs().size() - 1),
          f.buildId(),
          f.prs(),
          f.passed() ? "passed" : "failed");
    } else if (action instanceof Action.CancelBuild c) {
      return new QueueEvent(
          "", at, q, action.type(), c.prs().get(c.prs().size() - 1), c.buildId(), c.prs(), "");
    } else if (action instanceof Action.Merged m) {
      return new QueueEvent("", at, q, action.type(), m.entry().pr(), m.buildId(), List.of(), "");
    } else if (action instanceof Action.Ejected e) {
      return new QueueEvent(
          "", at, q, action.type(), e.entry().pr(), e.buildId(), List.of(), e.reason());
    } else if (action instanceof Action.Retried r) {
      return new QueueEvent("", at, q, action.type(), r.pr(), r.buildId(), List.of(), "");
    }
    return new QueueEvent("", at, q, action.type(), 0, 0, List.of(), "");
  }
}
