package dev.velocitytrinity.livepatch.transport;

import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * gRPC servers and channels over mutual TLS: TLS 1.3 only, BoringSSL (netty-tcnative) only, client
 * certificates required. Plaintext is never offered. Netty types stay inside this class.
 */
public final class Transports {

  public static final String TLS_1_3 = "TLSv1.3";

  /** HTTP/2 window: a few delta chunks in flight on a fast link. */
  private static final int FLOW_CONTROL_WINDOW = 4 * 1024 * 1024;

  static {
    // Netty 4.2 registers JDK Flight Recorder events by default; starting JFR costs a short-lived
    // CLI ~150 ms. An explicit -Dio.netty.jfr.enabled=true still wins.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

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
        .maxInboundMessageSize(8 * 1024 * 1024);
  }

  /**
   * A channel to {@code host:port} that presents the client certificate and accepts only an agent
   * certificate from the CA naming {@code agentName}. The caller shuts it down.
   */
  public static ManagedChannel channel(String host, int port, TlsFiles tls, String agentName)
      throws TlsException {
    return NettyChannelBuilder.forAddress(host, port)
        .sslContext(clientContext(tls))
        .overrideAuthority(agentName)
        .flowControlWindow(FLOW_CONTROL_WINDOW)
        .maxInboundMessageSize(8 * 1024 * 1024)
        .build();
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

  static SslContext clientContext(TlsFiles tls) throws TlsException {
    requireBoringSsl();
    requireReadable(tls);
    try {
      SslContextBuilder builder = SslContextBuilder.forClient();
      GrpcSslContexts.configure(builder, SslProvider.OPENSSL);
      return builder
          .trustManager(PemFiles.readCertificates(tls.trustedCa()))
          .keyManager(
              PemFiles.readPrivateKey(tls.privateKey()),
              PemFiles.readCertificates(tls.certificate()))
          .protocols(TLS_1_3)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new TlsException("cannot use the client's TLS files: " + rootMessage(e), e);
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
