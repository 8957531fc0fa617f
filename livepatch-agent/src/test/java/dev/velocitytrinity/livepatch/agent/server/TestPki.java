package dev.velocitytrinity.livepatch.agent.server;

import dev.velocitytrinity.livepatch.transport.CertificateAuthority;
import dev.velocitytrinity.livepatch.transport.PemFiles;
import dev.velocitytrinity.livepatch.transport.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Certificates for the mTLS tests, made with the production {@link CertificateAuthority}: one CA
 * with the agent and clients, a second CA nobody trusts, and an expired client (issued by a CA
 * whose clock is two years back).
 */
final class TestPki {

  static final String AGENT = "livepatch-agent";

  final Path dir;
  final TlsFiles agent;
  private final CertificateAuthority ca;
  private final CertificateAuthority otherCa;
  private final CertificateAuthority pastCa;

  TestPki(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    SecureRandom random = new SecureRandom();
    this.ca =
        CertificateAuthority.create("Test CA", Duration.ofDays(3650), Clock.systemUTC(), random);
    PemFiles.writeCertificate(dir.resolve("ca.crt"), ca.certificate().certificate());
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(730)), ZoneOffset.UTC);
    this.pastCa = new CertificateAuthority(ca.certificate(), past, random);
    this.otherCa =
        CertificateAuthority.create("Other CA", Duration.ofDays(3650), Clock.systemUTC(), random);
    PemFiles.writeCertificate(dir.resolve("other-ca.crt"), otherCa.certificate().certificate());
    this.agent = write("agent", ca.issueServer(AGENT, Duration.ofDays(30)));
  }

  /** A client certificate from the trusted CA. */
  TlsFiles client(String name) throws IOException {
    return write(name, ca.issueClient(name, Duration.ofDays(30)));
  }

  /** A client certificate from the trusted CA that expired a year ago. */
  TlsFiles expiredClient(String name) throws IOException {
    return write(name, pastCa.issueClient(name, Duration.ofDays(365)));
  }

  /** A client certificate from a CA the agent does not trust. */
  TlsFiles foreignClient(String name) throws IOException {
    return write(name, otherCa.issueClient(name, Duration.ofDays(30)));
  }

  /** An agent certificate from a CA the clients do not trust. */
  TlsFiles foreignAgent() throws IOException {
    return write("foreign-agent", otherCa.issueServer(AGENT, Duration.ofDays(30)))
        .withTrustedCa(dir.resolve("other-ca.crt"));
  }

  private TlsFiles write(String name, dev.velocitytrinity.livepatch.transport.IssuedCertificate c)
      throws IOException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    PemFiles.write(cert, key, c);
    return new TlsFiles(cert, key, dir.resolve("ca.crt"));
  }
}
