package dev.velocitytrinity.livepatch.agent.server;

import dev.velocitytrinity.livepatch.agent.apply.AgentRoot;
import dev.velocitytrinity.proto.livepatch.v1.LivePatchGrpc;
import dev.velocitytrinity.proto.livepatch.v1.SyncRequest;
import dev.velocitytrinity.proto.livepatch.v1.SyncResponse;
import io.grpc.stub.StreamObserver;
import java.time.Clock;

/** The {@code livepatch.v1.LivePatch} service: each Sync call is one {@link SyncSession}. */
final class LivePatchService extends LivePatchGrpc.LivePatchImplBase {

  private final AgentRoot root;
  private final AgentSettings settings;
  private final Clock clock;

  LivePatchService(AgentRoot root, AgentSettings settings, Clock clock) {
    this.root = root;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public StreamObserver<SyncRequest> sync(StreamObserver<SyncResponse> responses) {
    return new SyncSession(root, settings, clock, ClientAuthorizer.CLIENT.get(), responses);
  }
}
