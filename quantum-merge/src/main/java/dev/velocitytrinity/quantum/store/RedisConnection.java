package dev.velocitytrinity.quantum.store;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * An open connection pool to Redis, plus the embedded server behind it when there is one. Closing
 * it closes both. Jedis types stay inside this package.
 */
public final class RedisConnection implements AutoCloseable {

  private final RedisClient client;
  private final Optional<EmbeddedRedis> embedded;
  private final String display;
  private final AtomicLong roundTrips = new AtomicLong();
  // Several simulations share one connection side by side: each counts its own thread's commands.
  private final ThreadLocal<long[]> threadRoundTrips = ThreadLocal.withInitial(() -> new long[1]);

  RedisConnection(RedisClient client, Optional<EmbeddedRedis> embedded, String display) {
    this.client = client;
    this.embedded = embedded;
    this.display = display;
  }

  RedisClient client() {
    roundTrips.incrementAndGet();
    threadRoundTrips.get()[0]++;
    return client;
  }

  /** Commands sent so far (one per round trip): what the benchmarks report per transition. */
  public long roundTrips() {
    return roundTrips.get();
  }

  /** Commands sent so far by the calling thread only. */
  public long roundTripsOnThisThread() {
    return threadRoundTrips.get()[0];
  }

  /** Where this connection goes, without credentials. */
  public String display() {
    return display;
  }

  /** The embedded server's URL, when this connection started one. */
  public Optional<String> embeddedUrl() {
    return embedded.map(EmbeddedRedis::url);
  }

  /** Checks the server answers; throws {@link StoreException.Unavailable} if not. */
  public void ping() {
    try {
      client().ping();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(display, e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      embedded.ifPresent(EmbeddedRedis::close);
    }
  }
}
