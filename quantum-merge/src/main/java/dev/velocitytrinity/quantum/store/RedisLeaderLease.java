package dev.velocitytrinity.quantum.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The scheduler lease: one key with an expiry, taken with a fresh fencing token from a counter. The
 * holder renews it well within the TTL; if it stalls past the TTL another scheduler takes over with
 * a higher token and the stale holder's fenced writes are refused.
 */
public final class RedisLeaderLease {

  private final RedisConnection connection;
  private final RedisKeys keys;
  private final String owner;
  private final Duration ttl;
  private final LuaScript acquire = LuaScript.load("lease.lua");
  private final LuaScript release = LuaScript.load("release.lua");

  public RedisLeaderLease(RedisConnection connection, RedisKeys keys, String owner, Duration ttl) {
    this.connection = connection;
    this.keys = keys;
    this.owner = new Fence(owner, 0).owner();
    this.ttl = ttl;
  }

  /** Takes the lease if free, renews it if held; empty when another scheduler holds it. */
  public Optional<Fence> acquireOrRenew() {
    try {
      Object value =
          acquire.run(
              connection,
              List.of(keys.leader(), keys.fence()),
              List.of(owner, Long.toString(ttl.toMillis())));
      return value instanceof String s ? Optional.of(Fence.parse(s)) : Optional.empty();
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  /** Gives the lease up if still held, so a successor need not wait for the TTL. */
  public void release(Fence fence) {
    try {
      release.run(connection, List.of(keys.leader()), List.of(fence.leaseValue()));
    } catch (JedisException e) {
      throw RedisErrors.unavailable(connection.display(), e);
    }
  }

  public String owner() {
    return owner;
  }
}
