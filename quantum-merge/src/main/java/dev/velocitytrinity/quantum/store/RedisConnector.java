package dev.velocitytrinity.quantum.store;

import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/** Opens a {@link RedisConnection} from {@link RedisSettings}, starting redis-server if needed. */
public final class RedisConnector {

  private static final int TIMEOUT_MILLIS = 5_000;

  private RedisConnector() {}

  /**
   * Connects and checks the server answers. Throws {@link StoreException.Unavailable} (never with
   * the password in the message) when it does not.
   */
  public static RedisConnection connect(RedisSettings settings) {
    if (settings.isEmbedded()) {
      EmbeddedRedis server = EmbeddedRedis.start();
      try {
        RedisConnection connection =
            open(server.host(), server.port(), false, settings, Optional.of(server), 0, null);
        connection.ping();
        return connection;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    URI url = settings.url().orElseThrow();
    boolean tls = "rediss".equals(url.getScheme());
    int port = url.getPort() < 0 ? 6379 : url.getPort();
    int database = 0;
    String path = url.getPath();
    if (path != null && path.length() > 1) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Redis URL path must be a database number");
      }
    }
    String user = null;
    String userInfo = url.getUserInfo();
    Optional<String> urlPassword = Optional.empty();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        urlPassword = Optional.of(userInfo);
      } else {
        user = userInfo.substring(0, colon).isEmpty() ? null : userInfo.substring(0, colon);
        urlPassword = Optional.of(userInfo.substring(colon + 1));
      }
    }
    RedisSettings withPassword =
        settings.password().isPresent()
            ? settings
            : settings.withPassword(urlPassword.map(dev.velocitytrinity.core.config.Secret::of));
    RedisConnection connection =
        open(url.getHost(), port, tls, withPassword, Optional.empty(), database, user);
    try {
      connection.ping();
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static RedisConnection open(
      String host,
      int port,
      boolean tls,
      RedisSettings settings,
      Optional<EmbeddedRedis> embedded,
      int database,
      String user) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .timeoutMillis(TIMEOUT_MILLIS)
            .ssl(tls)
            .database(database)
            .clientName("quantum-merge");
    if (user != null) {
      config.user(user);
    }
    if (tls) {
      // Verify the server's name as HTTPS does; trust the configured CA file or the JVM's store.
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      config.sslParameters(parameters);
      if (settings.caFile().isPresent()) {
        config.sslSocketFactory(TrustedCas.socketFactory(settings.caFile().get()));
      }
    }
    settings.password().ifPresent(p -> config.password(p.reveal()));
    String display = embedded.map(EmbeddedRedis::url).orElse(settings.display());
    try {
      RedisClient client =
          RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).build();
      return new RedisConnection(client, embedded, display);
    } catch (JedisException e) {
      throw RedisErrors.unavailable(display, e);
    }
  }
}
