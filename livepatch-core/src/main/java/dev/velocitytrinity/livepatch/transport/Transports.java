package dev.velocitytrinity.livepatch.transport;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * gRPC servers and channels over mutual TLS: TLS 1.3 only, BoringSSL (netty-tcnative) only, client
 * certificates required. Plaintext is never offered. Netty types stay inside this class.
 */
public final class Transports {

  public static final String TLS_1_3 = "TLSv1.3";

  /** Largest message an agent takes from a client. */
  public static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

  /** HTTP/2 window: a few delta chunks in flight on a fast link. */
  private static final int FLOW_CONTROL_WINDOW = 4 * 1024 * 1024;

  static {
    // Netty 4.2 registers JDK Flight Recorder events by default; starting JFR costs a short-lived
    // CLI ~150 ms. An explicit -Dio.netty.jfr.enabled=true still wins.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  /** Netty's logger factory once a warm-up ran: one per process, as Netty's own default is. */
  private static final NettyLogGate LOG_GATE = new NettyLogGate();

  private Transports() {}

  /** Whether BoringSSL is loaded; without it no transport is built. */
  public static boolean boringSslAvailable() {
    return OpenSsl.isAvailable();
  }

  /** A server builder bound to {@code address} that requires a client certificate from the CA. */
  public static ServerBuilder<?> server(InetSocketAddress address, TlsFiles tls)
      throws TlsException {
    return NettyServerBuilder.forAddress(address)
        .sslContext(serverContext(tls))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .flowControlWindow(FLOW_CONTROL_WINDOW)
        // The agent reads several messages ahead: each stays small (a client's chunks and
        // batches are ~256 KiB, its signature requests ≤ 512 KiB) so that bounds its memory.
        .maxInboundMessageSize(MAX_REQUEST_BYTES);
  }

  /**
   * A channel to {@code host:port} that presents the client certificate and accepts only an agent
   * certificate from the CA naming {@code agentName}. The caller shuts it down; {@link
   * ManagedChannel#awaitTermination} then also stops the channel's own I/O thread. Calls' callbacks
   * run on that I/O thread, so they must not block.
   */
  public static ManagedChannel channel(String host, int port, TlsFiles tls, String agentName)
      throws TlsException, UnknownHostException {
    // Resolved here, so that an unknown host is the caller's clear error rather than a warning
    // gRPC logs from its resolver thread.
    InetAddress[] addresses = InetAddress.getAllByName(host);
    SslContext context = clientContext(tls, agentName);
    // One I/O thread owned by this channel rather than gRPC's shared group, which lingers for a
    // second after the last channel closes: a JVM exiting while that thread sits in epoll_wait
    // waits ~300 ms for it (HotSpot's VM_Exit waits for threads in native code).
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("livepatch-client", true), NioIoHandler.newFactory());
    try {
      // One loopback address (a published container port, a port-forward) is dialled directly:
      // no proxy applies to it, and gRPC's resolver would spend a thread and ~20 ms of a CLI's
      // start-up to find the same address. Anything else goes through that resolver, which
      // tries every address a name has and honours proxy settings.
      boolean direct = addresses.length == 1 && addresses[0].isLoopbackAddress();
      NettyChannelBuilder builder =
          direct
              ? NettyChannelBuilder.forAddress(new InetSocketAddress(addresses[0], port))
                  // Nothing blocking is left to offload (the resolver is what would block), so the
                  // TLS handshake's certificate check runs on the I/O thread too, and gRPC's shared
                  // executor (a thread, named through String.format and so the locale data) is
                  // never made.
                  .offloadExecutor(Runnable::run)
              : NettyChannelBuilder.forAddress(host, port);
      ManagedChannel channel =
          builder
              // Callbacks run on the I/O thread, without a hop to another thread per message.
              .directExecutor()
              .eventLoopGroup(group)
              .channelType(NioSocketChannel.class)
              .sslContext(context)
              .overrideAuthority(agentName)
              .flowControlWindow(FLOW_CONTROL_WINDOW)
              .maxInboundMessageSize(8 * 1024 * 1024)
              .build();
      return new OwnedGroupChannel(channel, group);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /**
   * Loads BoringSSL and the Netty/gRPC client classes. Meant for a background thread at CLI start,
   * so that work overlaps parsing and config loading; calling it is never required.
   */
  public static void warmUp() {
    InternalLoggerFactory.setDefaultFactory(LOG_GATE);
    if (OpenSsl.isAvailable()) {
      NettyChannelBuilder.forTarget("localhost:1");
      // The pooled allocator's set-up would otherwise run when the connection starts.
      ByteBufAllocator.DEFAULT.buffer(1).release();
    }
    // The JDK's half: reading the PEM files and validating the agent's chain in the handshake.
    try {
      CertificateFactory.getInstance("X.509");
      KeyFactory.getInstance("EC");
      Signature.getInstance("SHA256withECDSA");
      CertPathValidator.getInstance("PKIX");
      TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    } catch (GeneralSecurityException e) {
      // Only a warm-up: whoever needs these reports their absence.
    }
  }

  /**
   * Lets Netty log DEBUG and TRACE again after {@link #warmUp}, which keeps them quiet so that its
   * start-up messages cannot slip through while the caller is still setting up its logging (see
   * NettyLogGate). Call it once logging is final.
   */
  public static void loggingReady() {
    LOG_GATE.open();
  }

  /** A channel that also shuts down the event loop group it alone uses. */
  private static final class OwnedGroupChannel extends ManagedChannel {
    private final ManagedChannel delegate;
    private final EventLoopGroup group;

    OwnedGroupChannel(ManagedChannel delegate, EventLoopGroup group) {
      this.delegate = delegate;
      this.group = group;
    }

    @Override
    public ManagedChannel shutdown() {
      delegate.shutdown();
      return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
      delegate.shutdownNow();
      return this;
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated() && group.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      try {
        if (!delegate.awaitTermination(timeout, unit)) {
          return false;
        }
      } finally {
        // Always, even if interrupted or timed out: otherwise the group's thread outlives the
        // channel (a leak in a long-running daemon). No quiet period: nothing is left to do.
        group.shutdownGracefully(
            0, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      return group.awaitTermination(
          Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> newCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions options) {
      return delegate.newCall(method, options);
    }

    @Override
    public String authority() {
      return delegate.authority();
    }

    @Override
    public ConnectivityState getState(boolean requestConnection) {
      return delegate.getState(requestConnection);
    }
  }

  /** Whether the server context for {@code tls} is BoringSSL-backed (for tests and diagnostics). */
  public static boolean usesBoringSsl(TlsFiles tls) throws TlsException {
    return serverContext(tls) instanceof OpenSslContext;
  }

  static SslContext serverContext(TlsFiles tls) throws TlsException {
    requireBoringSsl();
    requireReadable(tls);
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
              PemFiles.readPrivateKey(tls.privateKey()),
              PemFiles.readCertificates(tls.certificate()));
      GrpcSslContexts.configure(builder, SslProvider.OPENSSL);
      return builder
          .trustManager(PemFiles.readCertificates(tls.trustedCa()))
          .clientAuth(ClientAuth.REQUIRE)
          .protocols(TLS_1_3)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new TlsException("cannot use the agent's TLS files: " + rootMessage(e), e);
    }
  }

  static SslContext clientContext(TlsFiles tls, String agentName) throws TlsException {
    requireBoringSsl();
    requireReadable(tls);
    try {
      SslContextBuilder builder = SslContextBuilder.forClient();
      GrpcSslContexts.configure(builder, SslProvider.OPENSSL);
      return builder
          .trustManager(AgentTrustManager.of(PemFiles.readCertificates(tls.trustedCa()), agentName))
          .keyManager(
              new FixedKeyManager(
                  PemFiles.readPrivateKey(tls.privateKey()),
                  PemFiles.readCertificates(tls.certificate())))
          .protocols(TLS_1_3)
          .build();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsException("cannot use the client's TLS files: " + rootMessage(e), e);
    }
  }

  /**
   * Presents one key and its chain. Given a key and chain directly, Netty would first store them in
   * an in-memory PKCS#12 key store, which encrypts the key with 10,000 PBKDF2 rounds on every CLI
   * start only to decrypt it again; this hands BoringSSL the same key and chain without that
   * detour. It only chooses what to present: all cryptography stays in BoringSSL.
   */
  private static final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "livepatch";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    FixedKeyManager(PrivateKey key, X509Certificate[] chain) {
      if (chain.length == 0) {
        throw new IllegalArgumentException("no certificate in the client certificate file");
      }
      this.key = key;
      this.chain = chain.clone();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyTypes, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }

  private static void requireBoringSsl() throws TlsException {
    if (!OpenSsl.isAvailable()) {
      throw new TlsException(
          "BoringSSL (netty-tcnative) is not available on this platform",
          OpenSsl.unavailabilityCause());
    }
  }

  private static void requireReadable(TlsFiles tls) throws TlsException {
    for (Path file : new Path[] {tls.certificate(), tls.privateKey(), tls.trustedCa()}) {
      if (!Files.isReadable(file)) {
        throw new TlsException("cannot read " + file, null);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
