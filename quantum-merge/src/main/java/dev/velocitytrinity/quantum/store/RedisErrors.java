package dev.velocitytrinity.quantum.store;

import redis.clients.jedis.exceptions.JedisException;

/** Maps Jedis failures to the store's exception family, with messages safe to print. */
final class RedisErrors {

  private RedisErrors() {}

  static StoreException.Unavailable unavailable(String where, JedisException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new StoreException.Unavailable("Redis at " + where + " is unavailable: " + why, e);
  }
}
