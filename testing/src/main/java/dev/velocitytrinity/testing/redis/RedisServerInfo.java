package dev.velocitytrinity.testing.redis;

import java.util.Objects;

/**
 * The server a {@link RedisIT} test talks to.
 *
 * @param url {@code redis://host:port}, without credentials
 * @param kind where it came from: {@code REDIS_URL}, {@code testcontainers} or {@code embedded}
 * @param keyPrefix a prefix unique to this test, so tests sharing the server do not collide
 */
public record RedisServerInfo(String url, String host, int port, String kind, String keyPrefix) {

  public RedisServerInfo {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
  }
}
