package dev.velocitytrinity.quantum.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script from this package's resources, run by SHA with a reload when Redis lost it. */
final class LuaScript {

  private final String source;
  private volatile String sha;

  private LuaScript(String source) {
    this.source = source;
  }

  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + name);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object run(RedisConnection connection, List<String> keys, List<String> args) {
    String known = sha;
    if (known == null) {
      known = connection.client().scriptLoad(source);
      sha = known;
    }
    try {
      return connection.client().evalsha(known, keys, args);
    } catch (JedisNoScriptException e) {
      // The server restarted or flushed its scripts: load again once.
      sha = connection.client().scriptLoad(source);
      return connection.client().evalsha(sha, keys, args);
    }
  }
}
