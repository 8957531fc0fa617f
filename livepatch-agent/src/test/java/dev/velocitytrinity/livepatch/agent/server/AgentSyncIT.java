package dev.velocitytrinity.livepatch.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.livepatch.agent.apply.AgentRoot;
import dev.velocitytrinity.livepatch.agent.apply.Limits;
import dev.velocitytrinity.livepatch.client.Change;
import dev.velocitytrinity.livepatch.client.Compression;
import dev.velocitytrinity.livepatch.client.ProgressListener;
import dev.velocitytrinity.livepatch.client.PushRecords;
import dev.velocitytrinity.livepatch.client.SyncClient;
import dev.velocitytrinity.livepatch.client.SyncException;
import dev.velocitytrinity.livepatch.client.SyncOutcome;
import dev.velocitytrinity.livepatch.client.SyncSpec;
import dev.velocitytrinity.livepatch.transport.TlsFiles;
import dev.velocitytrinity.livepatch.transport.Transports;
import dev.velocitytrinity.livepatch.tree.HashCache;
import dev.velocitytrinity.livepatch.tree.IgnoreRules;
import dev.velocitytrinity.livepatch.tree.TreeScanner;
import dev.velocitytrinity.proto.livepatch.v1.Begin;
import dev.velocitytrinity.proto.livepatch.v1.FileStart;
import dev.velocitytrinity.proto.livepatch.v1.LivePatchGrpc;
import dev.velocitytrinity.proto.livepatch.v1.SyncRequest;
import dev.velocitytrinity.proto.livepatch.v1.SyncResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real agent on 127.0.0.1:0 with BoringSSL mutual TLS, and real clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentSyncIT {

  @TempDir Path temp;
  private TestPki pki;
  private Path remoteRoot;
  private Path local;
  private Path denyList;
  private AgentServer server;
  private PushRecords records;
  private final LiteralsSeen literals = new LiteralsSeen();

  /**
   * Counts the codecs of the literals the agent receives, and can make it look like an agent older
   * than lz4 support by taking "lz4" out of its Hello.
   */
  private static final class LiteralsSeen implements io.grpc.ServerInterceptor {
    final java.util.concurrent.atomic.AtomicInteger zstd =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger lz4 =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean hideLz4;

    @Override
    public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(
        io.grpc.ServerCall<Q, A> call,
        io.grpc.Metadata headers,
        io.grpc.ServerCallHandler<Q, A> next) {
      io.grpc.ServerCall<Q, A> answering =
          new io.grpc.ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(A message) {
              super.sendMessage(hideLz4 ? withoutLz4(message) : message);
            }
          };
      return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
          next.startCall(answering, headers)) {
        @Override
        public void onMessage(Q message) {
          count((SyncRequest) message);
          super.onMessage(message);
        }
      };
    }

    @SuppressWarnings("unchecked")
    private static <A> A withoutLz4(A message) {
      SyncResponse response = (SyncResponse) message;
      if (!response.hasHello()) {
        return message;
      }
      var hello = response.getHello();
      return (A)
          response.toBuilder()
              .setHello(
                  hello.toBuilder()
                      .clearCapabilities()
                      .addAllCapabilities(
                          hello.getCapabilitiesList().stream()
                              .filter(c -> !c.equals("lz4"))
                              .toList()))
              .build();
    }

    private void count(SyncRequest request) {
      List<dev.velocitytrinity.proto.livepatch.v1.Literal> seen = new java.util.ArrayList<>();
      request.getChunk().getOpsList().forEach(op -> seen.add(op.getLiteral()));
      request.getFileBatch().getFilesList().forEach(f -> seen.add(f.getContent()));
      for (var literal : seen) {
        if (literal.getZstd()) {
          zstd.incrementAndGet();
        }
        if (literal.getLz4()) {
          lz4.incrementAndGet();
        }
      }
    }
  }

  @BeforeEach
  void startAgent() throws Exception {
    pki = new TestPki(temp.resolve("pki"));
    remoteRoot = temp.resolve("remote");
    local = Files.createDirectories(temp.resolve("local"));
    denyList = temp.resolve("revoked.txt");
    Files.writeString(denyList, "# revoked\nmallory\n");
    records = new PushRecords(temp.resolve("records"));
    server = start(AgentSettings.defaults().withDenyList(Optional.of(denyList)));
  }

  @AfterEach
  void stopAgent() throws InterruptedException {
    server.close();
  }

  private AgentServer start(AgentSettings settings) throws Exception {
    return new AgentServer(
            Transports.server(new InetSocketAddress("127.0.0.1", 0), pki.agent).intercept(literals),
            AgentRoot.open(remoteRoot),
            settings,
            Clock.systemUTC())
        .start();
  }

  @Test
  void server_tlsContext_isBoringSsl() throws Exception {
    assertThat(OpenSsl.isAvailable()).isTrue();
    assertThat(Transports.usesBoringSsl(pki.agent)).isTrue();
  }

  @Test
  void sync_validClient_reproducesTreeWithModesLinksAndEmptyDirs() throws Exception {
    writeTree();

    SyncOutcome outcome = sync(pki.client("alice"), spec(false, false, false));

    assertThat(outcome.manifestFetched()).isTrue();
    assertThat(outcome.count(Change.Kind.ADDED)).isEqualTo(9);
    assertSameTree();
    assertThat(remoteRoot.resolve("bin/run.sh")).isExecutable();
    assertThat(Files.readSymbolicLink(remoteRoot.resolve("current"))).isEqualTo(Path.of("src"));
    assertThat(remoteRoot.resolve("empty")).isEmptyDirectory();
    assertThat(remoteRoot.resolve("debug.log")).doesNotExist();
  }

  @Test
  void sync_oneLineEditInLargeFile_sendsOnlyTheDeltaWithoutManifest() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(false, false, false));
    Path big = local.resolve("src/big.txt");
    String text = Files.readString(big);
    Files.writeString(big, text.substring(0, 100_000) + "changed line\n" + text.substring(100_000));

    SyncOutcome outcome = sync(alice, spec(false, false, false));

    assertThat(outcome.manifestFetched()).isFalse();
    assertThat(outcome.changes()).containsExactly(new Change(Change.Kind.MODIFIED, "src/big.txt"));
    assertThat(outcome.literalBytes()).isLessThan(8 * 1024);
    assertThat(outcome.bytesSent()).isLessThan(12 * 1024);
    assertSameTree();
  }

  /**
   * Enough content (24 MiB) for {@link Compression#AUTO} to send some with zstd, some with lz4 (see
   * ThroughputCodecChooser), and the same tree with each codec forced.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Compression.class)
  void sync_largeTreeWithEachCompression_landsAndSendsLessThanItsSize(Compression compression)
      throws Exception {
    long size = 0;
    for (int i = 0; i < 12; i++) {
      Path file = local.resolve("big/part" + i + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, text(2 << 20).replace("line", "line" + i));
      size += Files.size(file);
    }

    SyncOutcome outcome =
        sync(pki.client("alice"), spec(false, false, false).withCompression(compression));

    assertSameTree();
    assertThat(outcome.literalBytes()).isLessThan(size * 2 / 3);
    assertThat(outcome.bytesSent()).isLessThan(size * 2 / 3);
    switch (compression) {
      case ZSTD -> {
        assertThat(literals.lz4).hasValue(0);
        assertThat(literals.zstd.get()).isPositive();
      }
      case LZ4 -> {
        assertThat(literals.zstd).hasValue(0);
        assertThat(literals.lz4.get()).isPositive();
      }
      // Its first MiB go with zstd; lz4 is timed only past several windows, which this test's
      // timing cannot pin down.
      case AUTO -> assertThat(literals.zstd.get()).isPositive();
    }
  }

  /** An agent older than lz4 support never gets an lz4 literal, even when the user asks for lz4. */
  @Test
  void sync_lz4AskedOfAnAgentWithoutIt_sendsZstd() throws Exception {
    literals.hideLz4 = true;
    Path file = local.resolve("big.txt");
    Files.writeString(file, text(3 << 20));

    sync(pki.client("alice"), spec(false, false, false).withCompression(Compression.LZ4));

    assertSameTree();
    assertThat(literals.lz4).hasValue(0);
    assertThat(literals.zstd.get()).isPositive();
  }

  /** The agent reads messages ahead while it writes: each must be small. */
  @Test
  void sync_messageOverTheAgentsLimit_isRefusedAndChangesNothing() throws Exception {
    Files.createDirectories(remoteRoot);
    Files.writeString(remoteRoot.resolve("base.txt"), "before");
    byte[] big = new byte[Transports.MAX_REQUEST_BYTES + 1024];

    java.util.List<Object> answers =
        rawCall(
            FileStart.newBuilder().setSize(big.length).setWhole(true),
            dev.velocitytrinity.proto.livepatch.v1.DeltaOp.newBuilder()
                .setLiteral(
                    dev.velocitytrinity.proto.livepatch.v1.Literal.newBuilder()
                        .setData(com.google.protobuf.ByteString.copyFrom(big))
                        .setRawLength(big.length)),
            dev.velocitytrinity.proto.livepatch.v1.FileEnd.newBuilder().setId(1).build());

    assertThat(answers.get(answers.size() - 1))
        .isInstanceOfSatisfying(
            Throwable.class,
            t -> {
              // gRPC resets the stream on a message over the limit; the call never reaches the
              // agent's checks (which would answer DATA_LOSS for this one).
              Status status = Status.fromThrowable(t);
              assertThat(status.getCode()).isEqualTo(Status.Code.CANCELLED);
              assertThat(status.getDescription()).contains("RST_STREAM");
            });
    assertThat(remoteRoot.resolve("base.txt")).hasContent("before");
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badLiterals() {
    var literal = dev.velocitytrinity.proto.livepatch.v1.Literal.newBuilder().setRawLength(200);
    // A literal run, then a match whose offset points before the start of the output.
    byte[] notLz4 = {0x1f, 'a', (byte) 0xff, 0x7f, (byte) 0xff, (byte) 0xff};
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            literal
                .clone()
                .setLz4(true)
                .setData(com.google.protobuf.ByteString.copyFrom(notLz4))
                .build(),
            "not a valid LZ4 block"),
        org.junit.jupiter.params.provider.Arguments.of(
            literal
                .clone()
                .setLz4(true)
                .setZstd(true)
                .setData(com.google.protobuf.ByteString.copyFromUtf8("x".repeat(20)))
                .build(),
            "two codecs"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("badLiterals")
  void commit_malformedCompressedLiteral_failsTheSetAndChangesNothing(
      dev.velocitytrinity.proto.livepatch.v1.Literal bad, String why) throws Exception {
    Files.createDirectories(remoteRoot);
    Files.writeString(remoteRoot.resolve("base.txt"), "before");

    java.util.List<Object> answers =
        rawCall(
            FileStart.newBuilder().setSize(200).setWhole(true),
            dev.velocitytrinity.proto.livepatch.v1.DeltaOp.newBuilder().setLiteral(bad),
            dev.velocitytrinity.proto.livepatch.v1.FileEnd.newBuilder()
                .setId(1)
                .setContentHash(com.google.protobuf.ByteString.copyFrom(new byte[16]))
                .build());

    assertThat(answers.get(answers.size() - 1))
        .isInstanceOfSatisfying(
            Throwable.class,
            t -> {
              Status status = Status.fromThrowable(t);
              assertThat(status.getCode()).isEqualTo(Status.Code.DATA_LOSS);
              assertThat(status.getDescription()).contains(why);
            });
    assertThat(remoteRoot.resolve("base.txt")).hasContent("before");
  }

  @Test
  void commit_mixedChangeSet_reportsTheHashOfTheTreeAsItIsOnDisk() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(true, true, false));
    // Every kind of change: a directory replaced by a file, a file by a directory, a mode change,
    // a retargeted symlink, a new empty directory, a removed file and an added one.
    Files.delete(local.resolve("current"));
    Files.createSymbolicLink(local.resolve("current"), Path.of("bin"));
    deleteTree(local.resolve("empty"));
    Files.writeString(local.resolve("empty"), "now a file\n");
    Files.delete(local.resolve("src/b.txt"));
    Files.createDirectories(local.resolve("src/b.txt"));
    Files.setPosixFilePermissions(
        local.resolve("src/a.txt"), PosixFilePermissions.fromString("rwx------"));
    Files.delete(local.resolve("bin/run.sh"));
    Files.createDirectories(local.resolve("new/empty"));
    Files.writeString(local.resolve("new/c.txt"), "gamma\n");

    SyncOutcome changed = sync(alice, spec(true, true, false));
    SyncOutcome unchanged = sync(alice, spec(true, true, false));

    assertThat(changed.manifestFetched()).isFalse();
    assertSameTree();
    // The agent answered the commit with the tree hash a fresh scan gives: the client kept its
    // record, and the next sync needs neither the manifest nor any change.
    assertThat(unchanged.manifestFetched()).isFalse();
    assertThat(unchanged.changes()).isEmpty();
  }

  @Test
  void sync_fileAndSymlinkReplacedByDirectoriesWithContents_landsWithoutForce() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(true, false, false));
    Files.delete(local.resolve("src/b.txt"));
    Files.createDirectories(local.resolve("src/b.txt/deeper"));
    Files.writeString(local.resolve("src/b.txt/inside.txt"), "now a directory\n");
    Files.writeString(local.resolve("src/b.txt/deeper/more.txt"), "and more\n");
    Files.delete(local.resolve("src/a.txt"));
    Files.createDirectories(local.resolve("src/a.txt"));
    Files.writeString(local.resolve("src/a.txt/x.txt"), "x\n");
    Files.delete(local.resolve("current")); // was a symlink to src
    Files.createDirectories(local.resolve("current"));
    Files.writeString(local.resolve("current/own.txt"), "a real directory now\n");

    // 3 of the 9 remote paths change kind: over the 25% --delete allows without --force.
    SyncOutcome outcome = sync(alice, spec(true, false, false));

    assertSameTree();
    assertThat(Files.readString(remoteRoot.resolve("src/b.txt/deeper/more.txt")))
        .isEqualTo("and more\n");
    assertThat(remoteRoot.resolve("current")).isDirectory();
    assertThat(Files.isSymbolicLink(remoteRoot.resolve("current"))).isFalse();
    // Each replaced path is listed as deleted and added again.
    assertThat(outcome.count(Change.Kind.DELETED)).isEqualTo(3);
  }

  @Test
  void sync_remoteChangedBehindOurBack_fallsBackToFullManifest() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(false, false, false));
    Files.writeString(remoteRoot.resolve("src/a.txt"), "edited on the agent");

    SyncOutcome outcome = sync(alice, spec(false, false, false));

    assertThat(outcome.manifestFetched()).isTrue();
    assertThat(outcome.changes()).containsExactly(new Change(Change.Kind.MODIFIED, "src/a.txt"));
    assertSameTree();
  }

  @Test
  void sync_renamedFiles_areCopiedOnTheAgentNotResent() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(false, false, false));
    Files.move(local.resolve("src/big.txt"), local.resolve("src/big-renamed.txt"));

    SyncOutcome outcome = sync(alice, spec(true, false, false));

    assertThat(outcome.count(Change.Kind.DELETED)).isEqualTo(1);
    assertThat(outcome.bytesSent()).isLessThan(2048);
    assertSameTree();
  }

  @Test
  void sync_renamedFilesWithoutARecord_areStillCopiedOnTheAgent() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(false, false, false));
    Files.move(local.resolve("src/big.txt"), local.resolve("src/big-renamed.txt"));
    Files.writeString(local.resolve("src/brand-new.txt"), "never seen by the agent\n");
    records = new PushRecords(temp.resolve("other-records")); // another machine, say

    SyncOutcome outcome = sync(alice, spec(true, false, false));
    SyncOutcome again = sync(alice, spec(true, false, false));

    assertThat(outcome.manifestFetched()).isTrue();
    assertThat(outcome.bytesSent()).isLessThan(2048); // big.txt copied, not resent
    assertSameTree();
    // The record written after that sync holds the hash of what was sent for the new file.
    assertThat(again.manifestFetched()).isFalse();
    assertThat(again.changes()).isEmpty();
  }

  @Test
  void sync_deleteOfLargeShareWithoutForce_needsConfirmationAndChangesNothing() throws Exception {
    writeTree();
    TlsFiles alice = pki.client("alice");
    sync(alice, spec(false, false, false));
    deleteTree(local.resolve("src"));

    assertThatThrownBy(() -> sync(alice, spec(true, false, false)))
        .isInstanceOf(SyncException.NeedsConfirmation.class)
        .hasMessageContaining("--force");
    assertThat(remoteRoot.resolve("src/a.txt")).exists();

    sync(alice, spec(true, true, false));
    assertThat(remoteRoot.resolve("src")).doesNotExist();
    assertSameTree();
  }

  @Test
  void sync_dryRun_listsChangesAndWritesNothing() throws Exception {
    writeTree();

    SyncOutcome outcome = sync(pki.client("alice"), spec(false, false, true));

    assertThat(outcome.dryRun()).isTrue();
    assertThat(outcome.changes()).contains(new Change(Change.Kind.ADDED, "src/a.txt"));
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_twoClientsAtOnce_bothApplyOneAfterTheOther() throws Exception {
    Path other = Files.createDirectories(temp.resolve("other"));
    for (int i = 0; i < 50; i++) {
      Files.writeString(local.resolve("mine" + i + ".txt"), text(20_000 + i));
      Files.writeString(other.resolve("theirs" + i + ".txt"), text(30_000 + i));
    }
    TlsFiles alice = pki.client("alice");
    TlsFiles bob = pki.client("bob");

    CompletableFuture<SyncOutcome> first =
        CompletableFuture.supplyAsync(
            () -> syncUnchecked(alice, new SyncSpec(local, "a", false, false, false, 0.25)));
    CompletableFuture<SyncOutcome> second =
        CompletableFuture.supplyAsync(
            () -> syncUnchecked(bob, new SyncSpec(other, "b", false, false, false, 0.25)));

    assertThat(first.get(40, TimeUnit.SECONDS).changes()).hasSize(50);
    assertThat(second.get(40, TimeUnit.SECONDS).changes()).hasSize(50);
    assertThat(remoteRoot.resolve("a/mine49.txt")).hasContent(text(20_049));
    assertThat(remoteRoot.resolve("b/theirs49.txt")).hasContent(text(30_049));
    assertThat(remoteRoot.resolve(".livepatch-agent/history")).isDirectoryContaining(p -> true);
  }

  private SyncOutcome syncUnchecked(TlsFiles client, SyncSpec spec) {
    try {
      return sync(client, spec);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void sync_noClientCertificate_isRefused() throws Exception {
    writeTree();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .sslContext(
                GrpcSslContexts.configure(
                        io.netty.handler.ssl.SslContextBuilder.forClient(), SslProvider.OPENSSL)
                    .trustManager(pki.dir.resolve("ca.crt").toFile())
                    .protocols("TLSv1.3")
                    .build())
            .overrideAuthority(TestPki.AGENT)
            .build();
    try {
      assertThatThrownBy(
              () ->
                  new SyncClient(channel, "agent", Duration.ofSeconds(20))
                      .sync(spec(false, false, false), records, ProgressListener.NONE))
          .isInstanceOf(SyncException.Unavailable.class);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_certificateFromAnotherCa_isRefused() throws Exception {
    writeTree();

    assertThatThrownBy(() -> sync(pki.foreignClient("eve"), spec(false, false, false)))
        .isInstanceOf(SyncException.Unavailable.class);
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_revokedClient_isRefused() throws Exception {
    writeTree();

    assertThatThrownBy(() -> sync(pki.client("mallory"), spec(false, false, false)))
        .isInstanceOf(SyncException.Unavailable.class)
        .hasMessageContaining("'mallory' is revoked");
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_expiredCertificate_isRefused() throws Exception {
    writeTree();

    assertThatThrownBy(() -> sync(pki.expiredClient("old"), spec(false, false, false)))
        .isInstanceOf(SyncException.Unavailable.class);
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_clientNotOnAllowList_isRefused() throws Exception {
    server.close();
    server = start(AgentSettings.defaults().withAllow(Set.of("alice")));
    writeTree();

    assertThatThrownBy(() -> sync(pki.client("bob"), spec(false, false, false)))
        .isInstanceOf(SyncException.Unavailable.class)
        .hasMessageContaining("allow-list");
    assertThat(sync(pki.client("alice"), spec(false, false, false)).changes()).isNotEmpty();
  }

  @Test
  void client_agentFromAnotherCa_isRefused() throws Exception {
    server.close();
    server =
        new AgentServer(
                Transports.server(new InetSocketAddress("127.0.0.1", 0), pki.foreignAgent()),
                AgentRoot.open(remoteRoot),
                AgentSettings.defaults(),
                Clock.systemUTC())
            .start();
    writeTree();

    assertThatThrownBy(() -> sync(pki.client("alice"), spec(false, false, false)))
        .isInstanceOf(SyncException.Unavailable.class);
  }

  @Test
  void client_unexpectedAgentName_isRefused() throws Exception {
    writeTree();
    ManagedChannel channel =
        Transports.channel("127.0.0.1", server.port(), pki.client("alice"), "someone-else");
    try {
      assertThatThrownBy(
              () ->
                  new SyncClient(channel, "agent", Duration.ofSeconds(20))
                      .sync(spec(false, false, false), records, ProgressListener.NONE))
          .isInstanceOf(SyncException.Unavailable.class)
          .hasMessageContaining("TLS handshake failed");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  /** A delta's end carrying a wrong SHA-256 (older clients) or a wrong content hash. */
  static java.util.stream.Stream<dev.velocitytrinity.proto.livepatch.v1.FileEnd> wrongDeltaEnds() {
    var end = dev.velocitytrinity.proto.livepatch.v1.FileEnd.newBuilder().setId(1);
    return java.util.stream.Stream.of(
        end.clone().setSha256(com.google.protobuf.ByteString.copyFrom(new byte[32])).build(),
        end.clone().setContentHash(com.google.protobuf.ByteString.copyFrom(new byte[16])).build());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("wrongDeltaEnds")
  void commit_deltaFailingItsCheck_asksForTheWholeFileAndAppliesNothing(
      dev.velocitytrinity.proto.livepatch.v1.FileEnd wrongEnd) throws Exception {
    Files.createDirectories(remoteRoot);
    Files.writeString(remoteRoot.resolve("base.txt"), text(50_000));
    var copyAll =
        dev.velocitytrinity.proto.livepatch.v1.DeltaOp.newBuilder()
            .setCopy(
                dev.velocitytrinity.proto.livepatch.v1.CopyBlocks.newBuilder()
                    .setFirstBlock(0)
                    .setCount(50));

    java.util.List<Object> answers =
        rawCall(FileStart.newBuilder().setSize(50_000).setDeltaBlockSize(1000), copyAll, wrongEnd);

    assertThat(answers).hasSize(2);
    SyncResponse committed = (SyncResponse) answers.get(1);
    assertThat(committed.getCommitted().getResendList()).containsExactly("base.txt");
    assertThat(remoteRoot.resolve("base.txt")).hasContent(text(50_000));
  }

  @Test
  void commit_wholeFileWithWrongContentHash_isRefusedAndAppliesNothing() throws Exception {
    Files.createDirectories(remoteRoot);
    Files.writeString(remoteRoot.resolve("base.txt"), "before");
    var literal =
        dev.velocitytrinity.proto.livepatch.v1.DeltaOp.newBuilder()
            .setLiteral(
                dev.velocitytrinity.proto.livepatch.v1.Literal.newBuilder()
                    .setData(com.google.protobuf.ByteString.copyFromUtf8("after"))
                    .setRawLength(5));
    var wrongEnd =
        dev.velocitytrinity.proto.livepatch.v1.FileEnd.newBuilder()
            .setId(1)
            .setContentHash(com.google.protobuf.ByteString.copyFrom(new byte[16]))
            .build();

    java.util.List<Object> answers =
        rawCall(FileStart.newBuilder().setSize(5).setWhole(true), literal, wrongEnd);

    assertThat(answers.get(answers.size() - 1))
        .isInstanceOfSatisfying(
            Throwable.class,
            t ->
                assertThat(io.grpc.Status.fromThrowable(t).getCode())
                    .isEqualTo(io.grpc.Status.Code.DATA_LOSS));
    assertThat(remoteRoot.resolve("base.txt")).hasContent("before");
  }

  @Test
  void fileBatch_wrongContentHashOrNotWhole_failsTheSetAndChangesNothing() throws Exception {
    Files.writeString(remoteRoot.resolve("base.txt"), "before");
    var good = batched("good.txt", "fine", com.google.protobuf.ByteString.copyFrom(hashOf("fine")));
    var wrongHash =
        batched("base.txt", "after", com.google.protobuf.ByteString.copyFrom(new byte[16]));
    var delta =
        dev.velocitytrinity.proto.livepatch.v1.BatchedFile.newBuilder(good)
            .setStart(good.getStart().toBuilder().setPath("other.txt").setDeltaBlockSize(700));

    for (var bad : java.util.List.of(wrongHash, delta.build())) {
      java.util.List<Object> answers =
          rawCall(
              java.util.List.of(
                  SyncRequest.newBuilder()
                      .setFileBatch(
                          dev.velocitytrinity.proto.livepatch.v1.FileBatch.newBuilder()
                              .addFiles(good)
                              .addFiles(bad))
                      .build()));

      assertThat(answers.get(answers.size() - 1)).isInstanceOf(Throwable.class);
      assertThat(remoteRoot.resolve("base.txt")).hasContent("before");
      assertThat(remoteRoot.resolve("good.txt")).doesNotExist();
    }
  }

  private static dev.velocitytrinity.proto.livepatch.v1.BatchedFile batched(
      String path, String content, com.google.protobuf.ByteString hash) {
    return dev.velocitytrinity.proto.livepatch.v1.BatchedFile.newBuilder()
        .setStart(
            FileStart.newBuilder()
                .setId(path.hashCode() & 0xffff)
                .setPath(path)
                .setKind(dev.velocitytrinity.proto.livepatch.v1.EntryKind.FILE)
                .setMode(0644)
                .setSize(content.length())
                .setContentHash(hash)
                .setWhole(true))
        .setContent(
            dev.velocitytrinity.proto.livepatch.v1.Literal.newBuilder()
                .setData(com.google.protobuf.ByteString.copyFromUtf8(content))
                .setRawLength(content.length()))
        .build();
  }

  private static byte[] hashOf(String content) {
    var hash = dev.velocitytrinity.livepatch.delta.StrongHash.stream();
    hash.putBytes(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return dev.velocitytrinity.livepatch.delta.StrongHash.bytes(hash);
  }

  /**
   * Sends Begin, one file "base.txt" (start, one chunk with {@code op}, {@code end}) and Commit on
   * a raw call, as a misbehaving client could; returns what came back (responses, then an error if
   * the call failed) once the call ended.
   */
  private java.util.List<Object> rawCall(
      FileStart.Builder start,
      dev.velocitytrinity.proto.livepatch.v1.DeltaOp.Builder op,
      dev.velocitytrinity.proto.livepatch.v1.FileEnd end)
      throws Exception {
    return rawCall(
        java.util.List.of(
            SyncRequest.newBuilder()
                .setFileStart(
                    start
                        .setId(1)
                        .setPath("base.txt")
                        .setKind(dev.velocitytrinity.proto.livepatch.v1.EntryKind.FILE)
                        .setMode(0644))
                .build(),
            SyncRequest.newBuilder()
                .setChunk(
                    dev.velocitytrinity.proto.livepatch.v1.DeltaChunk.newBuilder()
                        .setId(1)
                        .addOps(op))
                .build(),
            SyncRequest.newBuilder().setFileEnd(end).build()));
  }

  /** Begin, then {@code files}, then Commit, on a raw call; see the overload above. */
  private java.util.List<Object> rawCall(java.util.List<SyncRequest> files) throws Exception {
    ManagedChannel channel =
        Transports.channel("127.0.0.1", server.port(), pki.client("alice"), TestPki.AGENT);
    java.util.List<Object> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.BlockingQueue<SyncResponse> responses =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try {
      StreamObserver<SyncRequest> requests =
          LivePatchGrpc.newStub(channel)
              .sync(
                  new StreamObserver<SyncResponse>() {
                    @Override
                    public void onNext(SyncResponse value) {
                      answers.add(value);
                      responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                      answers.add(t);
                      ended.countDown();
                    }

                    @Override
                    public void onCompleted() {
                      ended.countDown();
                    }
                  });
      requests.onNext(
          SyncRequest.newBuilder().setBegin(Begin.newBuilder().addProtocolVersions(1)).build());
      assertThat(responses.poll(20, TimeUnit.SECONDS).hasHello()).isTrue();
      files.forEach(requests::onNext);
      requests.onNext(
          SyncRequest.newBuilder()
              .setCommit(dev.velocitytrinity.proto.livepatch.v1.Commit.getDefaultInstance())
              .build());
      // A commit answer or an error ends what the agent will say about this set.
      while (answers.size() < 2 && ended.getCount() > 0) {
        ended.await(100, TimeUnit.MILLISECONDS);
      }
      requests.onCompleted();
      ended.await(20, TimeUnit.SECONDS);
      return answers;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void sync_fileOverAgentLimit_isRejectedAndTreeUnchanged() throws Exception {
    server.close();
    server = start(AgentSettings.defaults().withLimits(new Limits(100_000, 1L << 30, 1000)));
    writeTree();

    assertThatThrownBy(() -> sync(pki.client("alice"), spec(false, false, false)))
        .isInstanceOf(SyncException.Rejected.class)
        .hasMessageContaining("limit");
    assertThat(remoteRoot.resolve("src")).doesNotExist();
  }

  @Test
  void sync_pathTraversalOnTheWire_isRejected() throws Exception {
    TlsFiles alice = pki.client("alice");
    ManagedChannel channel = Transports.channel("127.0.0.1", server.port(), alice, TestPki.AGENT);
    CompletableFuture<Status> closed = new CompletableFuture<>();
    try {
      StreamObserver<SyncRequest> requests =
          LivePatchGrpc.newStub(channel)
              .sync(
                  new StreamObserver<SyncResponse>() {
                    @Override
                    public void onNext(SyncResponse value) {}

                    @Override
                    public void onError(Throwable t) {
                      closed.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                      closed.complete(Status.OK);
                    }
                  });
      requests.onNext(
          SyncRequest.newBuilder().setBegin(Begin.newBuilder().addProtocolVersions(1)).build());
      requests.onNext(
          SyncRequest.newBuilder()
              .setFileStart(
                  FileStart.newBuilder()
                      .setId(1)
                      .setPath("../escape.txt")
                      .setKind(dev.velocitytrinity.proto.livepatch.v1.EntryKind.FILE)
                      .setSize(1)
                      .setWhole(true))
              .build());

      Status status = closed.get(20, TimeUnit.SECONDS);

      assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(status.getDescription()).contains("'..'");
      assertThat(temp.resolve("escape.txt")).doesNotExist();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private SyncOutcome sync(TlsFiles client, SyncSpec spec) throws Exception {
    ManagedChannel channel = Transports.channel("127.0.0.1", server.port(), client, TestPki.AGENT);
    try {
      return new SyncClient(channel, "127.0.0.1:agent", Duration.ofSeconds(20))
          .sync(spec, records, ProgressListener.NONE);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private SyncSpec spec(boolean delete, boolean force, boolean dryRun) {
    return new SyncSpec(local, "", delete, force, dryRun, 0.25);
  }

  private void writeTree() throws IOException {
    Files.createDirectories(local.resolve("src"));
    Files.createDirectories(local.resolve("bin"));
    Files.createDirectories(local.resolve("empty"));
    Files.writeString(local.resolve("src/a.txt"), "alpha\n");
    Files.writeString(local.resolve("src/b.txt"), "beta\n");
    Files.writeString(local.resolve("src/big.txt"), text(300_000));
    Path run = Files.writeString(local.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(local.resolve("current"), Path.of("src"));
    Files.writeString(local.resolve(".gitignore"), "*.log\n");
    Files.writeString(local.resolve("debug.log"), "ignored\n");
  }

  private void assertSameTree() throws IOException {
    IgnoreRules ignore = IgnoreRules.load(local);
    String localHash = new TreeScanner(ignore, new HashCache()).scan(local).treeHashHex();
    String remoteHash = new TreeScanner(ignore, new HashCache()).scan(remoteRoot).treeHashHex();
    assertThat(remoteHash).isEqualTo(localHash);
  }

  private static String text(int size) {
    Random random = new Random(42);
    StringBuilder sb = new StringBuilder(size);
    while (sb.length() < size) {
      sb.append("line ").append(random.nextInt(1_000_000)).append(" of some source code;\n");
    }
    return sb.substring(0, size);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
