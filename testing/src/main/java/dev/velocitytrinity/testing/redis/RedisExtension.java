package dev.velocitytrinity.testing.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import redis.embedded.RedisServer;

/**
 * Starts (once per test run) the Redis server behind {@link RedisIT} and resolves {@link
 * RedisServerInfo} parameters. The server is stopped when the run ends.
 */
public final class RedisExtension implements ParameterResolver {

  private static final String IMAGE = "redis:7.2-alpine";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServerInfo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Server server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent("server", key -> start(), Server.class);
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    return new RedisServerInfo(server.url(), server.host(), server.port(), server.kind(), prefix);
  }

  private static Server start() {
    String fromEnv = System.getenv("REDIS_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      URI uri = URI.create(fromEnv.trim());
      int port = uri.getPort() < 0 ? 6379 : uri.getPort();
      return new Server(fromEnv.trim(), uri.getHost(), port, "REDIS_URL", () -> {});
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      GenericContainer<?> container =
          new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(6379);
      try {
        container.start();
      } catch (RuntimeException e) {
        container.stop();
        throw new ExtensionConfigurationException(
            "Docker is reachable but the Redis container did not start: " + e.getMessage(), e);
      }
      String host = container.getHost();
      int port = container.getMappedPort(6379);
      return new Server(
          "redis://" + host + ":" + port, host, port, "testcontainers", container::stop);
    }
    return startEmbedded();
  }

  private static Server startEmbedded() {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      RedisServer server = null;
      try {
        server =
            RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .onShutdownForceStop(true)
                .build();
        server.start();
        RedisServer started = server;
        return new Server(
            "redis://127.0.0.1:" + port,
            "127.0.0.1",
            port,
            "embedded",
            () -> {
              try {
                started.stop();
              } catch (IOException e) {
                throw new IllegalStateException("could not stop redis-server", e);
              }
            });
      } catch (IOException | RuntimeException e) {
        last = e;
        if (server != null) {
          try {
            server.stop();
          } catch (IOException | RuntimeException ignored) {
            // It never started.
          }
        }
      }
    }
    throw new ExtensionConfigurationException(
        "no REDIS_URL, no Docker, and the embedded redis-server did not start", last);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ExtensionConfigurationException("no free local port for redis-server", e);
    }
  }

  /** A started server; closing the root store stops it. */
  private record Server(String url, String host, int port, String kind, Runnable stop)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      stop.run();
    }
  }
}
