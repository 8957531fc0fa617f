package dev.velocitytrinity.livepatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.livepatch.transport.CertificateAuthority;
import dev.velocitytrinity.livepatch.transport.PemFiles;
import dev.velocitytrinity.livepatch.transport.TlsFiles;
import dev.velocitytrinity.livepatch.transport.Transports;
import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import io.grpc.Server;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sync command's exit codes against real sockets (the full sync runs in the agent's ITs). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncCommandIT {

  @TempDir Path sandbox;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(sandbox.resolve("src"));
    Files.writeString(sandbox.resolve("src/a.txt"), "alpha\n");
    CliResult init = cli().run("certs", "init", "--dir", "certs");
    assertThat(init.exitCode()).as(init.toString()).isZero();
  }

  /** A local port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private CliHarness cli() {
    return CliHarness.of(LivePatchCli::run, sandbox);
  }

  @Test
  void sync_agentUnreachable_exitsUnavailable() throws Exception {
    int port = closedPort();

    CliResult result = cli().run("sync", "src", "--agent", "127.0.0.1:" + port, "--certs", "certs");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("cannot reach agent 127.0.0.1:" + port)
        .doesNotContain("\tat ");
  }

  @Test
  void sync_ipv6AgentAddress_inBrackets_isDialled_bareIsRefused() throws Exception {
    int port = closedPort();

    CliResult bracketed = cli().run("sync", "src", "--agent", "[::1]:" + port, "--certs", "certs");
    CliResult bare = cli().run("sync", "src", "--agent", "::1:" + port, "--certs", "certs");

    assertThat(bracketed.exitCode()).as(bracketed.toString()).isEqualTo(3);
    assertThat(bracketed.err()).contains("cannot reach agent [::1]:" + port);
    assertThat(bare.exitCode()).as(bare.toString()).isEqualTo(2);
    assertThat(bare.err()).contains("an IPv6 address in brackets: [::1]:7443");
  }

  @Test
  void sync_unknownAgentHost_exitsUnavailableNamingTheHost() {
    // .invalid never resolves (RFC 6761).
    CliResult result =
        cli().run("sync", "src", "--agent", "agent.invalid:7443", "--certs", "certs");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("cannot reach agent agent.invalid:7443: unknown host agent.invalid")
        .doesNotContain("\tat ");
  }

  @Test
  void sync_agentCertificateFromAnotherCa_exitsUnavailable() throws Exception {
    Path other = Files.createDirectories(sandbox.resolve("other"));
    CertificateAuthority ca =
        CertificateAuthority.create(
            "Other", Duration.ofDays(10), Clock.systemUTC(), new SecureRandom());
    PemFiles.writeCertificate(other.resolve("ca.crt"), ca.certificate().certificate());
    PemFiles.write(
        other.resolve("agent.crt"),
        other.resolve("agent.key"),
        ca.issueServer("livepatch-agent", Duration.ofDays(1)));
    TlsFiles tls =
        new TlsFiles(
            other.resolve("agent.crt"), other.resolve("agent.key"), other.resolve("ca.crt"));
    Server impostor = Transports.server(new InetSocketAddress("127.0.0.1", 0), tls).build().start();
    try {
      CliResult result =
          cli()
              .run("sync", "src", "--agent", "127.0.0.1:" + impostor.getPort(), "--certs", "certs");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("cannot reach agent");
    } finally {
      impostor.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void sync_withoutTlsMaterial_exitsUsage() {
    CliResult result = cli().run("sync", "src", "--agent", "127.0.0.1:7443");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no TLS material");
  }

  @Test
  void sync_missingDirectory_exitsUsage() {
    CliResult result = cli().run("sync", "nope", "--agent", "127.0.0.1:7443", "--certs", "certs");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nope: not a directory");
  }

  @Test
  void sync_destWithDotDot_exitsUsage() {
    CliResult result =
        cli().run("sync", "src", "--agent", "127.0.0.1:7443", "--certs", "certs", "--dest", "../x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--dest");
  }
}
