package dev.velocitytrinity.livepatch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  private final CertificateAuthority ca =
      CertificateAuthority.create(
          "Test CA", Duration.ofDays(10), Clock.systemUTC(), new SecureRandom());

  @Test
  void issueClient_name_isCommonNameSignedByCa() throws Exception {
    X509Certificate cert = ca.issueClient("alice", Duration.ofDays(1)).certificate();

    cert.verify(ca.publicKey());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
  }

  @Test
  void issueServer_name_coversNameLocalhostAndLoopback() throws Exception {
    X509Certificate cert = ca.issueServer("agent", Duration.ofDays(1)).certificate();

    assertThat(cert.getSubjectAlternativeNames())
        .extracting(list -> String.valueOf(list.get(1)))
        .contains("agent", "localhost", "127.0.0.1");
  }

  @Test
  void write_keyPair_isPkcs8OwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
    IssuedCertificate issued = ca.issueClient("bob", Duration.ofDays(1));

    PemFiles.write(dir.resolve("bob.crt"), dir.resolve("bob.key"), issued);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bob.key"))))
        .isEqualTo("rw-------");
    assertThat(PemFiles.readPrivateKey(dir.resolve("bob.key"))).isEqualTo(issued.privateKey());
    assertThat(PemFiles.readCertificate(dir.resolve("bob.crt"))).isEqualTo(issued.certificate());
    assertThat(issued.toString()).doesNotContain("PRIVATE").contains("****");
  }

  @Test
  void boringSsl_onThisPlatform_isAvailable() {
    assertThat(Transports.boringSslAvailable()).isTrue();
  }
}
