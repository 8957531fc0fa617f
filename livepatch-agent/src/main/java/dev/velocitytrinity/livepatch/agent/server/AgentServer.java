package dev.velocitytrinity.livepatch.agent.server;

import dev.velocitytrinity.livepatch.agent.apply.AgentRoot;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The agent's gRPC server. The caller supplies a {@link ServerBuilder} already bound and configured
 * for mutual TLS (see {@code Transports.server}); this class adds the service and authorisation.
 */
public final class AgentServer implements AutoCloseable {

  private final Server server;

  public AgentServer(
      ServerBuilder<?> builder, AgentRoot root, AgentSettings settings, Clock clock) {
    LivePatchService service = new LivePatchService(root, settings, clock);
    this.server =
        builder
            .addService(
                ServerInterceptors.intercept(
                    service, new ClientAuthorizer(settings.allow(), settings.denyList())))
            .build();
  }

  public AgentServer start() throws IOException {
    server.start();
    return this;
  }

  /** The bound port (useful when bound to port 0). */
  public int port() {
    return server.getPort();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
