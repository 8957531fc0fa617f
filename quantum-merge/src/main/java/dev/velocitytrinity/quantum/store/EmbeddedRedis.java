package dev.velocitytrinity.quantum.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A redis-server child process from the binary that embedded-redis ships, bound to loopback on a
 * free port, with persistence off. Stopped by {@link #close()}, and by a shutdown hook if the JVM
 * exits first, so no process outlives its owner.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server; throws {@link StoreException.Unavailable} when it cannot. */
  public static EmbeddedRedis start() {
    IOException last = null;
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
        return new EmbeddedRedis(server, port);
      } catch (IOException | RuntimeException e) {
        last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        stopQuietly(server);
      }
    }
    throw new StoreException.Unavailable(
        "could not start the embedded redis-server: " + last.getMessage(), last);
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(RedisServer server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException | RuntimeException ignored) {
      // Already gone: nothing left to stop.
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StoreException.Unavailable("no free local port for redis-server", e);
    }
  }
}
