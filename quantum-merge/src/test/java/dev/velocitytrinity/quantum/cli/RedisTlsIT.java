package dev.velocitytrinity.quantum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.io.Writer;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * {@code rediss://}: a TLS-only redis-server with a throwaway self-signed certificate made here.
 * Trusting it through {@code redis.caFile} works; without it the certificate is refused (exit 3).
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTlsIT {

  @TempDir Path sandbox;

  private RedisServer server;
  private int tlsPort;
  private Path caFile;

  @BeforeAll
  void startTlsServer(@TempDir Path certs) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    caFile = certs.resolve("cert.pem");
    Path keyFile = certs.resolve("key.pem");
    try (Writer out = Files.newBufferedWriter(caFile);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(certificate);
    }
    try (Writer out = Files.newBufferedWriter(keyFile);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(new JcaPKCS8Generator(key.getPrivate(), null));
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      tlsPort = socket.getLocalPort();
    }
    server =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(0)
            .setting("tls-port " + tlsPort)
            .setting("tls-cert-file " + caFile)
            .setting("tls-key-file " + keyFile)
            .setting("tls-ca-cert-file " + caFile)
            .setting("tls-auth-clients no")
            .setting("save \"\"")
            .onShutdownForceStop(true)
            .build();
    server.start();
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void simulate_redissWithTrustedCa_runsOverTls() {
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("REDIS_URL", "rediss://localhost:" + tlsPort)
            .withEnv("QUANTUM_REDIS_CA_FILE", caFile.toString())
            .run("simulate", "--prs", "3", "--strategy", "speculative", "--no-timeline");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("(?m)^speculative k=8 +\\d+ +\\d+ ");
  }

  @Test
  void simulate_redissWithoutTrustedCa_refusesTheCertificate() {
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("REDIS_URL", "rediss://localhost:" + tlsPort)
            .run("simulate", "--prs", "3");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("quantum: error: Redis at rediss://localhost:" + tlsPort)
        .contains("certification path");
  }
}
