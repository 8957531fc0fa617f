package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.core.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Redis is. An empty URL means "start an embedded redis-server on a free local port".
 *
 * @param url {@code redis://host:port[/db]} or {@code rediss://} for TLS; empty for embedded
 * @param password AUTH password; kept as a {@link Secret} so it never prints
 * @param caFile PEM CA certificates to trust for {@code rediss://}; empty: the JVM trust store
 */
public record RedisSettings(Optional<URI> url, Optional<Secret> password, Optional<Path> caFile) {

  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    url.ifPresent(
        u -> {
          if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
            throw new IllegalArgumentException(
                "Redis URL must start with redis:// or rediss://: " + redact(u));
          }
          if (u.getHost() == null) {
            throw new IllegalArgumentException("Redis URL has no host: " + redact(u));
          }
        });
    password = password.filter(p -> !p.isEmpty());
  }

  public static RedisSettings embedded() {
    return new RedisSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Parses a URL as typed by a user; blank means embedded. */
  public static RedisSettings of(String url, Secret password) {
    if (url == null || url.isBlank()) {
      return new RedisSettings(Optional.empty(), Optional.ofNullable(password), Optional.empty());
    }
    try {
      return new RedisSettings(
          Optional.of(new URI(url.trim())), Optional.ofNullable(password), Optional.empty());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid Redis URL (" + e.getReason() + ")");
    }
  }

  public RedisSettings withPassword(Optional<Secret> value) {
    return new RedisSettings(url, value, caFile);
  }

  public RedisSettings withCaFile(Optional<Path> value) {
    return new RedisSettings(url, password, value);
  }

  public boolean isEmbedded() {
    return url.isEmpty();
  }

  /** The URL without user info, safe for messages. */
  public String display() {
    return url.map(RedisSettings::redact).orElse("embedded redis-server");
  }

  static String redact(URI u) {
    String port = u.getPort() < 0 ? "" : ":" + u.getPort();
    String path = u.getPath() == null ? "" : u.getPath();
    return u.getScheme() + "://" + u.getHost() + port + path;
  }

  @Override
  public String toString() {
    return "RedisSettings[" + display() + "]";
  }
}
